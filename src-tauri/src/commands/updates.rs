//! Update commands: where updating stands, check now, download (signature checked), and
//! restart into a downloaded update.

use crate::updates::{UpdateStatus, Updates, UPDATE_PROGRESS_EVENT};
use tauri::{AppHandle, Emitter, Runtime, State};

/// The last known status (a check at start may have found an update).
#[tauri::command]
pub fn update_status<R: Runtime>(app: AppHandle<R>, updates: State<'_, Updates>) -> UpdateStatus {
    updates.status_for(&app)
}

/// Asks the release manifest now (Help → Check for Updates…, or the button in Settings).
#[tauri::command]
pub async fn check_for_update<R: Runtime>(
    app: AppHandle<R>,
    updates: State<'_, Updates>,
) -> Result<UpdateStatus, ()> {
    Ok(updates.check(&app).await)
}

/// Downloads the update found, checks its signature and keeps it for the next launch, telling
/// the window how much has arrived (`koda://update-progress`) on the way.
#[tauri::command]
pub async fn download_update<R: Runtime>(
    app: AppHandle<R>,
    updates: State<'_, Updates>,
) -> Result<UpdateStatus, ()> {
    let window = app.clone();
    Ok(updates
        .download(move |progress| {
            let _ = window.emit(UPDATE_PROGRESS_EVENT, progress);
        })
        .await)
}

/// Installs the downloaded update now and restarts into it.
#[tauri::command]
pub fn restart_to_update<R: Runtime>(
    app: AppHandle<R>,
    updates: State<'_, Updates>,
) -> UpdateStatus {
    updates.install_kept_and_restart(&app);
    updates.status_for(&app)
}
