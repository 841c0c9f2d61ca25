//! Files Koda is asked to open: given on the command line (a double-click on a `.koda` bundle or
//! a `.canvas` file, "Open with Koda" on several files) or handed over by a second launch. Each
//! file is imported on its own with the usual checks, so one bad file does not keep the others
//! out; the window hears `koda://opened-files`, and files opened before the page listens wait
//! until it asks (`take_opened_files`).

use crate::commands::transfer::{import_result, ImportResult};
use crate::state::AppState;
use koda_core::ErrorPayload;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use ts_rs::TS;

/// The event carrying an [`OpenedFiles`].
pub const OPENED_FILES_EVENT: &str = "koda://opened-files";

/// One file Koda was asked to open, and what came of it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OpenedFile {
    pub path: String,
    pub result: Option<ImportResult>,
    pub error: Option<ErrorPayload>,
}

/// The files of one launch or hand-over.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OpenedFiles {
    pub files: Vec<OpenedFile>,
}

/// The files among a launch's arguments (`argv[0]` and Koda's own flags left out), relative
/// paths read from `cwd`.
pub fn file_arguments(argv: &[String], cwd: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut args = argv.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            args.next();
            continue;
        }
        if arg.starts_with("--") || arg.starts_with("-psn_") {
            continue;
        }
        let path = cwd.join(arg);
        if path.is_file() {
            files.push(path);
        }
    }
    files
}

/// Imports each file into the open store.
pub fn import_each(state: &AppState, paths: &[PathBuf]) -> OpenedFiles {
    let files = paths
        .iter()
        .map(|path| {
            let imported = state.store_handle().and_then(|store| {
                let assets = state.assets_handle()?;
                koda_io::import_files(
                    store.as_ref(),
                    &assets,
                    std::slice::from_ref(path),
                    &mut |_| {},
                )
                .map(|summary| import_result(&summary))
                .map_err(|error| {
                    tracing::warn!(code = error.code(), %error, "an opened file was not imported");
                    error.to_payload()
                })
            });
            let (result, error) = match imported {
                Ok(result) => (Some(result), None),
                Err(error) => (None, Some(error)),
            };
            OpenedFile {
                path: path.display().to_string(),
                result,
                error,
            }
        })
        .collect();
    OpenedFiles { files }
}

/// Imports the files of a launch or hand-over off the main thread, then tells the window.
pub fn open<R: Runtime>(app: &AppHandle<R>, paths: Vec<PathBuf>) {
    if paths.is_empty() {
        return;
    }
    let app = app.clone();
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let opened = import_each(&state, &paths);
        state.queue_opened(opened.clone());
        let _ = app.emit(OPENED_FILES_EVENT, opened);
    });
}

/// Files opened since the page last asked (the page asks once at start).
#[tauri::command]
pub fn take_opened_files(state: State<'_, AppState>) -> Vec<OpenedFiles> {
    state.take_opened()
}

/// Brings the window forward (a second launch asked for Koda).
pub fn focus_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_the_arguments_that_name_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.koda"), b"x").unwrap();
        std::fs::write(dir.path().join("b c.canvas"), b"x").unwrap();
        let argv: Vec<String> = [
            "/usr/bin/koda-desktop",
            "--data-dir",
            "a.koda",
            "a.koda",
            "--verbose",
            "missing.canvas",
            "b c.canvas",
        ]
        .map(String::from)
        .into();
        let files = file_arguments(&argv, dir.path());
        assert_eq!(
            files,
            [dir.path().join("a.koda"), dir.path().join("b c.canvas")]
        );
    }
}
