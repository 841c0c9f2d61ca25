//! Version history and search commands.

use crate::state::AppState;
use koda_core::*;
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: SearchQuery) -> Reply<Vec<SearchHit>> {
    state.run(move |store| store.search(&query)).await
}

#[tauri::command]
pub async fn list_versions(
    state: State<'_, AppState>,
    canvas_id: String,
) -> Reply<Vec<VersionInfo>> {
    state
        .run(move |store| store.list_versions(&canvas_id))
        .await
}

#[tauri::command]
pub async fn get_version(
    state: State<'_, AppState>,
    canvas_id: String,
    version_id: i64,
) -> Reply<StoredCanvas> {
    state
        .run(move |store| store.get_version(&canvas_id, version_id))
        .await
}

#[tauri::command]
pub async fn restore_version(
    state: State<'_, AppState>,
    canvas_id: String,
    version_id: i64,
    node_id: Option<String>,
) -> Reply<Revision> {
    state
        .run(move |store| store.restore_version(&canvas_id, version_id, node_id.as_deref()))
        .await
}
