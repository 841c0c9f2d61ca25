//! Cloud sync commands for Settings → Cloud sync.

use koda_core::{ErrorPayload, StoreError};
use koda_sync::{SyncService, SyncStatus};
use std::sync::Arc;
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| StoreError::Database(e.to_string()).to_payload())?
        .map_err(|e| e.to_payload())
}

#[tauri::command]
pub async fn get_sync_status(sync: State<'_, Arc<SyncService>>) -> Reply<SyncStatus> {
    let sync = Arc::clone(&sync);
    blocking(move || Ok(sync.status())).await
}

#[tauri::command]
pub async fn set_sync(
    sync: State<'_, Arc<SyncService>>,
    enabled: bool,
    url: String,
    token: Option<String>,
) -> Reply<SyncStatus> {
    let sync = Arc::clone(&sync);
    blocking(move || sync.configure(enabled, &url, token.as_deref())).await
}

#[tauri::command]
pub async fn test_sync(
    sync: State<'_, Arc<SyncService>>,
    url: String,
    token: Option<String>,
) -> Reply<()> {
    let sync = Arc::clone(&sync);
    blocking(move || sync.test(&url, token.as_deref())).await
}

#[tauri::command]
pub async fn sync_now(sync: State<'_, Arc<SyncService>>) -> Reply<SyncStatus> {
    let sync = Arc::clone(&sync);
    blocking(move || Ok(sync.sync_now())).await
}

#[tauri::command]
pub async fn list_history(
    sync: State<'_, Arc<SyncService>>,
    canvas_id: String,
) -> Reply<Vec<koda_sync::engine::HistoryEntry>> {
    let sync = Arc::clone(&sync);
    blocking(move || sync.engine().history(&canvas_id)).await
}

/// Puts a replaced version back; it reaches the other devices with the next sync.
#[tauri::command]
pub async fn restore_history(sync: State<'_, Arc<SyncService>>, id: i64) -> Reply<()> {
    let sync = Arc::clone(&sync);
    blocking(move || {
        sync.engine().restore_history(id)?;
        sync.local_change();
        Ok(())
    })
    .await
}
