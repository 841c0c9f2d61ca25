//! Import, export and backup commands: thin wrappers over `koda-io`. Files from the UI arrive as
//! raw bytes with a plain file name; nothing here opens a path the page chose.

use crate::commands::assets::{header, raw_body, MAX_EXPORT_BODY, MAX_IMPORT_BODY};
use crate::state::AppState;
use koda_core::{ErrorPayload, StoreError, StoreResult};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::ipc::Request;
use tauri::State;
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

/// Where an export was written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportResult {
    pub path: String,
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

/// The user's Downloads folder, or `<data dir>/exports` when there is none.
fn export_dir(data_dir: &Path) -> PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| dirs.download_dir().map(Path::to_path_buf))
        .unwrap_or_else(|| data_dir.join("exports"))
}

/// `dir/name.ext`, or `dir/name (2).ext` … when taken: an export never overwrites a file.
fn free_path(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = if stem.trim().is_empty() {
        "canvas".to_owned()
    } else {
        stem.trim().to_owned()
    };
    let mut path = dir.join(format!("{stem}.{extension}"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem} ({n}).{extension}"));
        n += 1;
    }
    path
}

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

/// Exports a canvas as a `.koda` bundle, a JSON Canvas or StoredCanvas JSON into Downloads.
#[tauri::command]
pub async fn export_canvas(
    state: State<'_, AppState>,
    id: String,
    format: String,
) -> Reply<ExportResult> {
    let store = state.store_handle()?;
    let dir = export_dir(&state.config.data_dir);
    state
        .run_assets(move |assets| {
            let canvas = store
                .get_canvas(&id)?
                .ok_or_else(|| StoreError::canvas_not_found(&id))?;
            std::fs::create_dir_all(&dir)?;
            let path = match format.as_str() {
                "koda" => {
                    let path = free_path(&dir, &canvas.name, "koda");
                    koda_io::bundle::export_bundle(store.as_ref(), assets, &canvas, &path)?;
                    path
                }
                "canvas" => {
                    let path = free_path(&dir, &canvas.name, "canvas");
                    let file_name = |sha256: &str| {
                        let media = assets.media_type(sha256).ok()?;
                        Some(format!(
                            "{sha256}.{}",
                            koda_assets::sniff::extension_for(media.mime)
                        ))
                    };
                    write_atomically(
                        &path,
                        koda_io::json_canvas::export::to_json_canvas_text(&canvas, &file_name)
                            .as_bytes(),
                    )?;
                    path
                }
                "json" => {
                    let path = free_path(&dir, &canvas.name, "json");
                    write_atomically(&path, serde_json::to_string_pretty(&canvas)?.as_bytes())?;
                    path
                }
                other => {
                    return Err(StoreError::invalid(
                        "format",
                        format!("unknown export format '{other}'"),
                    ))
                }
            };
            Ok(ExportResult {
                path: path.display().to_string(),
            })
        })
        .await
}

/// Saves bytes the UI rendered (a PNG of the view) into Downloads. Header: `x-koda-filename`.
#[tauri::command]
pub async fn save_export(state: State<'_, AppState>, request: Request<'_>) -> Reply<ExportResult> {
    let bytes = raw_body(&request, "the exported file", MAX_EXPORT_BODY)?;
    let name =
        plain_name(&header(&request, "x-koda-filename").unwrap_or_else(|| "canvas.png".into()))
            .map_err(|e| e.to_payload())?;
    if !bytes.starts_with(b"\x89PNG") {
        return Err(
            StoreError::invalid("body", "only PNG images can be saved this way").to_payload(),
        );
    }
    let dir = export_dir(&state.config.data_dir);
    state
        .run(move |_| {
            std::fs::create_dir_all(&dir)?;
            let stem = name.strip_suffix(".png").unwrap_or(&name).to_owned();
            let path = free_path(&dir, &stem, "png");
            write_atomically(&path, &bytes)?;
            Ok(ExportResult {
                path: path.display().to_string(),
            })
        })
        .await
}

/// Saves a kept file (a generated output) into Downloads under `filename` plus the extension of
/// its real type; the reply names where it went.
#[tauri::command]
pub async fn save_asset(
    state: State<'_, AppState>,
    sha256: String,
    filename: String,
) -> Reply<ExportResult> {
    let stem = plain_name(&filename).map_err(|e| e.to_payload())?;
    let dir = export_dir(&state.config.data_dir);
    state
        .run_assets(move |assets| {
            let media = assets.media_type(&sha256)?;
            let extension = koda_assets::sniff::extension_for(media.mime);
            let source = assets.file_path(&sha256)?;
            std::fs::create_dir_all(&dir)?;
            let stem = stem
                .strip_suffix(&format!(".{extension}"))
                .unwrap_or(&stem)
                .to_owned();
            let path = free_path(&dir, &stem, extension);
            let temp = path.with_extension("partial");
            std::fs::copy(&source, &temp)?;
            std::fs::rename(&temp, &path)?;
            Ok(ExportResult {
                path: path.display().to_string(),
            })
        })
        .await
}

fn write_atomically(path: &Path, bytes: &[u8]) -> StoreResult<()> {
    let temp = path.with_extension("partial");
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path)?;
    Ok(())
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

    #[test]
    fn exports_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let first = free_path(dir.path(), "My/Canvas", "koda");
        assert_eq!(first.file_name().unwrap(), "My_Canvas.koda");
        std::fs::write(&first, b"x").unwrap();
        assert_eq!(
            free_path(dir.path(), "My/Canvas", "koda")
                .file_name()
                .unwrap(),
            "My_Canvas (2).koda"
        );
    }
}
