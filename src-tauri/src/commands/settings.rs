//! Settings and profile commands.

use crate::payload::Payload;
use crate::state::AppState;
use koda_core::*;
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    state.run(|store| store.get_settings()).await
}

#[tauri::command]
pub async fn set_settings(state: State<'_, AppState>, settings: Payload<Settings>) -> Reply<()> {
    let settings = settings.read("settings")?;
    let limit = settings.generation.parallel_runs as usize;
    state
        .run(move |store| store.set_settings(&settings))
        .await?;
    if let Some(queue) = state.started_run_queue() {
        queue.set_limit(limit);
    }
    Ok(())
}

#[tauri::command]
pub async fn get_profile(state: State<'_, AppState>) -> Reply<Profile> {
    state.run(|store| store.get_profile()).await
}

#[tauri::command]
pub async fn set_profile(state: State<'_, AppState>, profile: Payload<Profile>) -> Reply<()> {
    let profile = profile.read("profile")?;
    state.run(move |store| store.set_profile(&profile)).await
}
