//! WebKit settings for a document editor rather than a browser: no back/forward page cache and
//! small memory caches (the cache model WebKit's own document viewers use). Koda shows one page
//! whose media comes from `koda://`, so browser-sized caches only cost memory. And on a machine
//! without a GPU, painting on the CPU rather than through a software OpenGL.

use std::path::Path;
use tauri::{Manager, Runtime};

/// WebKitGTK's switch for its GL compositor, read once when its first web view starts.
const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// How WebKit will paint, as chosen by [`choose_painting`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Painting {
    /// A GPU is there: WebKit composites with it (its default).
    Gpu,
    /// No GPU: WebKit paints on the CPU.
    Cpu,
    /// The person set `WEBKIT_DISABLE_COMPOSITING_MODE` themselves; left as they set it.
    AsSet,
}

/// A DRI render node (`renderD128`, …) is how WebKit reaches a GPU on Linux.
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| {
            entries
                .flatten()
                .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

/// Without a GPU, WebKit's GL compositor runs on a software OpenGL (Mesa's llvmpipe), which in
/// the perf script (`tests/perf`) cost far more memory and frame time than WebKit painting on
/// the CPU. So: no render node, no compositor. Must run before any thread starts: it sets an
/// environment variable.
pub fn choose_painting() -> Painting {
    if !cfg!(target_os = "linux") {
        return Painting::Gpu;
    }
    if std::env::var_os(DISABLE_COMPOSITING).is_some() {
        return Painting::AsSet;
    }
    if has_render_node(Path::new("/dev/dri")) {
        return Painting::Gpu;
    }
    // Sound: called first thing in `run`, before logging or Tauri start any thread.
    std::env::set_var(DISABLE_COMPOSITING, "1");
    Painting::Cpu
}

pub fn apply<R: Runtime>(app: &tauri::AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let tuned = window.with_webview(|webview| {
        #[cfg(target_os = "linux")]
        {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = webview;
    });
    if let Err(error) = tuned {
        tracing::warn!(%error, "the WebKit cache settings were not applied");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_means_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()), "an empty /dev/dri");
        std::fs::write(dir.path().join("card0"), b"").unwrap();
        assert!(
            !has_render_node(dir.path()),
            "a display card alone is not a render node"
        );
        std::fs::write(dir.path().join("renderD128"), b"").unwrap();
        assert!(has_render_node(dir.path()));
        assert!(
            !has_render_node(&dir.path().join("missing")),
            "no /dev/dri at all"
        );
    }
}
