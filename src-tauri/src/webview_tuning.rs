//! WebKit settings for a document editor rather than a browser: no back/forward page cache and
//! small memory caches (the cache model WebKit's own document viewers use). Koda shows one page
//! whose media comes from `koda://`, so browser-sized caches only cost memory.

use tauri::{Manager, Runtime};

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
