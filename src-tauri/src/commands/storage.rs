//! Where the data lives: shown in Settings → Storage.

use crate::state::{blocking, AppState};
use koda_backends::OpenedStore;
use koda_core::{ErrorPayload, StoreError};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// What Settings → Storage shows.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StorageInfo {
    pub backend: String,
    pub data_dir: String,
    /// Where the log files are (`<data dir>/logs`).
    pub logs_dir: String,
    pub database_path: String,
    #[ts(type = "number")]
    pub database_bytes: u64,
    #[ts(type = "number")]
    pub schema_version: i64,
}

#[tauri::command]
pub async fn storage_info(state: State<'_, AppState>) -> Result<StorageInfo, ErrorPayload> {
    let data_dir = state.config.data_dir.display().to_string();
    let logs_dir = koda_backends::logs::logs_dir(&state.config.data_dir)
        .display()
        .to_string();
    let opened = state.opened_handle()?;
    let database_url = crate::commands::backend::display_url(&state.config);
    blocking(move || match opened {
        OpenedStore::Sqlite(store) => Ok(StorageInfo {
            backend: "sqlite".into(),
            data_dir,
            logs_dir,
            database_path: store
                .path()
                .map_or(":memory:".into(), |p| p.display().to_string()),
            database_bytes: koda_backends::sqlite_maintenance::database_bytes(&store),
            schema_version: koda_backends::sqlite_schema_version(),
        }),
        OpenedStore::Postgres(store) => Ok(StorageInfo {
            backend: "postgres".into(),
            data_dir,
            logs_dir,
            // Redacted: the password never reaches the UI.
            database_path: format!("{} (schema {})", database_url, store.schema()),
            database_bytes: store.database_bytes()?,
            schema_version: koda_backends::postgres_schema_version(),
        }),
    })
    .await
}

/// Opens the data folder in the system file manager. Only this fixed folder can be opened: the
/// UI passes no path.
#[tauri::command]
pub async fn open_data_folder(state: State<'_, AppState>) -> Result<(), ErrorPayload> {
    show_folder(&state.config.data_dir)
}

/// Opens the log files' folder (created if no line was written yet).
#[tauri::command]
pub async fn open_logs_folder(state: State<'_, AppState>) -> Result<(), ErrorPayload> {
    let dir = koda_backends::logs::logs_dir(&state.config.data_dir);
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::from(e).to_payload())?;
    show_folder(&dir)
}

fn show_folder(dir: &std::path::Path) -> Result<(), ErrorPayload> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(dir)
        .spawn()
        .map(drop)
        .map_err(|error| {
            StoreError::Io(format!("could not open {}: {error}", dir.display())).to_payload()
        })
}
