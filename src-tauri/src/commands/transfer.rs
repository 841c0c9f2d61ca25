//! Import, export and backup commands: thin wrappers over `koda-io`. Files from the UI arrive as
//! raw bytes with a plain file name; every path comes from a native dialog the person answered,
//! never from the page.

use crate::commands::assets::{header, raw_body, MAX_EXPORT_BODY, MAX_IMPORT_BODY};
use crate::file_dialogs::{ask_open_paths, ask_save_path, suggested_name, FileKind, LastFolders};
use crate::state::AppState;
use koda_core::{ErrorPayload, StoreError, StoreResult};
use koda_secrets::durable;
use serde::Serialize;
use std::path::Path;
use tauri::ipc::Request;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

type Reply<T> = Result<T, ErrorPayload>;

/// One canvas an import wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportedCanvasInfo {
    pub id: String,
    pub name: String,
    pub node_count: u32,
}

/// What an import did, for the UI's summary toast.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportResult {
    pub format: String,
    pub canvases: Vec<ImportedCanvasInfo>,
    pub assets: u32,
}

/// What the UI shows of an import's summary.
pub fn import_result(summary: &koda_io::ImportSummary) -> ImportResult {
    let format = summary
        .files
        .first()
        .map(|f| format!("{:?}", f.format))
        .unwrap_or_default();
    let canvases = summary
        .files
        .iter()
        .flat_map(|f| &f.canvases)
        .map(|c| ImportedCanvasInfo {
            id: c.id.clone(),
            name: c.name.clone(),
            node_count: c.nodes as u32,
        })
        .collect();
    ImportResult {
        format,
        canvases,
        assets: (summary.assets_added + summary.assets_already_present) as u32,
    }
}

/// Where an export was written; `path` is `None` when the person cancelled the Save dialog.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportResult {
    pub path: Option<String>,
}

impl ExportResult {
    fn cancelled() -> Self {
        Self { path: None }
    }

    fn saved(path: &Path) -> Self {
        Self {
            path: Some(path.display().to_string()),
        }
    }
}

/// A plain file name from the UI: no folders, no `..`, no NUL.
fn plain_name(name: &str) -> StoreResult<String> {
    let trimmed = name.trim();
    if trimmed.is_empty()
        || trimmed.contains(['/', '\\', '\0'])
        || trimmed == "."
        || trimmed == ".."
        || trimmed.chars().any(char::is_control)
    {
        return Err(StoreError::invalid(
            "filename",
            format!("{name:?} is not a plain file name"),
        ));
    }
    Ok(trimmed.chars().take(200).collect())
}

const KODA_BUNDLE: FileKind<'static> = FileKind {
    name: "Koda canvas bundle",
    extensions: &["koda"],
};
const JSON_CANVAS: FileKind<'static> = FileKind {
    name: "JSON Canvas",
    extensions: &["canvas"],
};
const CANVAS_JSON: FileKind<'static> = FileKind {
    name: "Koda canvas JSON",
    extensions: &["json"],
};
const PNG_IMAGE: FileKind<'static> = FileKind {
    name: "PNG image",
    extensions: &["png"],
};

/// Every kind of file an import reads, for the Open dialog.
const IMPORTABLE: &[FileKind<'static>] = &[
    FileKind {
        name: "Canvases Koda can import",
        extensions: &["koda", "canvas", "json", "db", "sqlite", "sqlite3"],
    },
    FileKind {
        name: "All files",
        extensions: &["*"],
    },
];

/// Imports one file (any format Koda reads). Header: `x-koda-filename`.
#[tauri::command]
pub async fn import_file(state: State<'_, AppState>, request: Request<'_>) -> Reply<ImportResult> {
    let bytes = raw_body(&request, "the imported file", MAX_IMPORT_BODY)?;
    let name = header(&request, "x-koda-filename").unwrap_or_else(|| "import.json".into());
    let name = plain_name(&name).map_err(|e| e.to_payload())?;
    let store = state.store_handle()?;
    state
        .run_assets(move |assets| {
            // koda-io reads files (SQLite imports need one): stage the bytes in a private folder.
            let staging = tempfile::tempdir()?;
            let path = staging.path().join(&name);
            std::fs::write(&path, &bytes)?;
            // Errors name the file as the person knows it, not the staging folder.
            let staged = staging.path().display().to_string();
            let summary = koda_io::import_files(store.as_ref(), assets, &[path], &mut |_| {})
                .map_err(|error| match error {
                    StoreError::Invalid { path, message } => StoreError::Invalid {
                        path: path.replace(&format!("{staged}/"), ""),
                        message: message.replace(&format!("{staged}/"), ""),
                    },
                    other => other,
                })?;
            Ok(import_result(&summary))
        })
        .await
}

/// Asks with the native Open dialog which files to import (several at once), then imports each
/// like a double-clicked file: the window hears `koda://opened-files`. Replies with how many
/// files were picked (0: cancelled).
#[tauri::command]
pub async fn import_with_dialog<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Reply<u32> {
    let folders = LastFolders::new(&state.config.data_dir);
    let paths = ask_open_paths(&app, &folders, "Import into Koda", IMPORTABLE).await;
    let picked = paths.len() as u32;
    crate::opened_files::open(&app, paths);
    Ok(picked)
}

/// Exports a canvas as a `.koda` bundle, a JSON Canvas or StoredCanvas JSON where the person
/// chooses in the Save dialog.
#[tauri::command]
pub async fn export_canvas<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    format: String,
) -> Reply<ExportResult> {
    let store = state.store_handle()?;
    let kind = match format.as_str() {
        "koda" => &KODA_BUNDLE,
        "canvas" => &JSON_CANVAS,
        "json" => &CANVAS_JSON,
        other => {
            return Err(
                StoreError::invalid("format", format!("unknown export format '{other}'"))
                    .to_payload(),
            )
        }
    };
    // Read once: the export is the canvas as it was when the person asked for it.
    let canvas = state
        .run(move |store| {
            store
                .get_canvas(&id)?
                .ok_or_else(|| StoreError::canvas_not_found(&id))
        })
        .await?;
    let folders = LastFolders::new(&state.config.data_dir);
    let file_name = suggested_name(&canvas.name, kind.extensions[0]);
    let Some(path) = ask_save_path(&app, &folders, "Export canvas", &file_name, kind).await else {
        return Ok(ExportResult::cancelled());
    };
    state
        .run_assets(move |assets| {
            match format.as_str() {
                "koda" => {
                    koda_io::bundle::export_bundle(store.as_ref(), assets, &canvas, &path)?;
                }
                "canvas" => {
                    let file_name = |sha256: &str| {
                        let media = assets.media_type(sha256).ok()?;
                        Some(format!(
                            "{sha256}.{}",
                            koda_assets::sniff::extension_for(media.mime)
                        ))
                    };
                    durable::write_file(
                        &path,
                        koda_io::json_canvas::export::to_json_canvas_text(&canvas, &file_name)
                            .as_bytes(),
                        false,
                    )?;
                }
                _ => durable::write_file(
                    &path,
                    serde_json::to_string_pretty(&canvas)?.as_bytes(),
                    false,
                )?,
            }
            Ok(ExportResult::saved(&path))
        })
        .await
}

/// Saves bytes the UI rendered (a PNG of the view) where the person chooses. Header:
/// `x-koda-filename`, the name the Save dialog suggests.
#[tauri::command]
pub async fn save_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Reply<ExportResult> {
    let bytes = raw_body(&request, "the exported file", MAX_EXPORT_BODY)?;
    let name =
        plain_name(&header(&request, "x-koda-filename").unwrap_or_else(|| "canvas.png".into()))
            .map_err(|e| e.to_payload())?;
    if !bytes.starts_with(b"\x89PNG") {
        return Err(
            StoreError::invalid("body", "only PNG images can be saved this way").to_payload(),
        );
    }
    let folders = LastFolders::new(&state.config.data_dir);
    let stem = name.strip_suffix(".png").unwrap_or(&name);
    let file_name = suggested_name(stem, "png");
    let Some(path) = ask_save_path(&app, &folders, "Export picture", &file_name, &PNG_IMAGE).await
    else {
        return Ok(ExportResult::cancelled());
    };
    state
        .run(move |_| {
            durable::write_file(&path, &bytes, false)?;
            Ok(ExportResult::saved(&path))
        })
        .await
}

/// Saves a kept file (a generated output) where the person chooses, named `filename` plus the
/// extension of its real type.
#[tauri::command]
pub async fn save_asset<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    sha256: String,
    filename: String,
) -> Reply<ExportResult> {
    let stem = plain_name(&filename).map_err(|e| e.to_payload())?;
    // Its real type names the extension; reading the file's head stays off the async runtime.
    let media = {
        let sha256 = sha256.clone();
        state
            .run_assets(move |assets| assets.media_type(&sha256))
            .await?
    };
    let extension = koda_assets::sniff::extension_for(media.mime);
    let stem = stem
        .strip_suffix(&format!(".{extension}"))
        .unwrap_or(&stem)
        .to_owned();
    let extensions = [extension];
    let kind = FileKind {
        name: media.mime,
        extensions: &extensions,
    };
    let folders = LastFolders::new(&state.config.data_dir);
    let file_name = suggested_name(&stem, extension);
    let Some(path) = ask_save_path(&app, &folders, "Save output", &file_name, &kind).await else {
        return Ok(ExportResult::cancelled());
    };
    state
        .run_assets(move |assets| {
            let source = assets.file_path(&sha256)?;
            let mut temp = path.as_os_str().to_owned();
            temp.push(".partial");
            let temp = std::path::PathBuf::from(temp);
            let copied = std::fs::copy(&source, &temp).and_then(|_| std::fs::rename(&temp, &path));
            if let Err(error) = copied {
                let _ = std::fs::remove_file(&temp);
                return Err(error.into());
            }
            Ok(ExportResult::saved(&path))
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_be_paths() {
        for bad in ["../x.json", "/etc/passwd", "a\\b", "", "..", "nul\0"] {
            assert!(plain_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            plain_name("spaces-canvases.json").unwrap(),
            "spaces-canvases.json"
        );
    }
}
