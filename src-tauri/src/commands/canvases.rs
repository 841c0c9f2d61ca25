//! Canvas commands.

use crate::payload::Payload;
use crate::state::AppState;
use koda_core::*;
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn list_canvases(state: State<'_, AppState>) -> Reply<Vec<CanvasMetadata>> {
    state.run(|store| store.list_canvases()).await
}

#[tauri::command]
pub async fn list_trash(state: State<'_, AppState>) -> Reply<Vec<CanvasMetadata>> {
    state.run(|store| store.list_trash()).await
}

#[tauri::command]
pub async fn get_canvas(state: State<'_, AppState>, id: String) -> Reply<Option<StoredCanvas>> {
    state.run(move |store| store.get_canvas(&id)).await
}

#[tauri::command]
pub async fn create_canvas(state: State<'_, AppState>, name: String) -> Reply<StoredCanvas> {
    state.run(move |store| store.create_canvas(&name)).await
}

#[tauri::command]
pub async fn save_canvas(
    state: State<'_, AppState>,
    canvas: Payload<StoredCanvas>,
) -> Reply<Revision> {
    let canvas = canvas.read("canvas")?;
    state.run(move |store| store.save_canvas(&canvas)).await
}

#[tauri::command]
pub async fn apply_patch(
    state: State<'_, AppState>,
    id: String,
    base_revision: Revision,
    patch: Payload<CanvasPatch>,
) -> Reply<Revision> {
    let patch = patch.read("patch")?;
    state
        .run(move |store| store.apply_patch(&id, base_revision, &patch))
        .await
}

#[tauri::command]
pub async fn rename_canvas(
    state: State<'_, AppState>,
    id: String,
    name: String,
) -> Reply<Revision> {
    state
        .run(move |store| store.rename_canvas(&id, &name))
        .await
}

#[tauri::command]
pub async fn duplicate_canvas(
    state: State<'_, AppState>,
    id: String,
    name: Option<String>,
) -> Reply<StoredCanvas> {
    state
        .run(move |store| store.duplicate_canvas(&id, name.as_deref()))
        .await
}

#[tauri::command]
pub async fn trash_canvas(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.run(move |store| store.trash_canvas(&id)).await
}

#[tauri::command]
pub async fn restore_canvas(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.run(move |store| store.restore_canvas(&id)).await
}

/// Deletes a canvas for good, then (after that commits) the asset files no other canvas uses.
#[tauri::command]
pub async fn purge_canvas(state: State<'_, AppState>, id: String) -> Reply<()> {
    state
        .run_assets(move |assets| assets.purge_canvas(&id).map(drop))
        .await
}

#[tauri::command]
pub async fn set_thumbnail(
    state: State<'_, AppState>,
    id: String,
    thumbnail: Option<String>,
) -> Reply<()> {
    state
        .run(move |store| store.set_thumbnail(&id, thumbnail.as_deref()))
        .await
}

#[tauri::command]
pub async fn import_canvases(
    state: State<'_, AppState>,
    canvases: Payload<Vec<StoredCanvas>>,
) -> Reply<usize> {
    let canvases = canvases.read("canvases")?;
    state
        .run(move |store| {
            store
                .import_canvases(&canvases)
                .map(|revisions| revisions.len())
        })
        .await
}

#[tauri::command]
pub async fn export_all(state: State<'_, AppState>) -> Reply<Vec<StoredCanvas>> {
    state
        .run(|store| {
            let mut all = Vec::new();
            for meta in store.list_canvases()? {
                if let Some(canvas) = store.get_canvas(&meta.id)? {
                    all.push(canvas);
                }
            }
            Ok(all)
        })
        .await
}
