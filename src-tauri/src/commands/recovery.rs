//! The recovery screen: what the app offers when its database will not open (damaged, from a
//! newer Koda, a disk error). Every command here works without an open store, and none deletes
//! the file that failed: it is moved into `backups/` and named in the answer.

use crate::commands::backups::{list, BackupInfo};
use crate::state::{blocking, AppState};
use koda_core::config::DatabaseLocation;
use koda_core::{ErrorPayload, StoreError, StoreResult};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Runtime, State};
use ts_rs::TS;

/// The event sent when the background check finds damage in an open database.
pub const DAMAGE_EVENT: &str = "koda://database-damage";

type Reply<T> = Result<T, ErrorPayload>;

/// Why the store did not open, and what the person can do about it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecoveryStatus {
    pub error: ErrorPayload,
    pub data_dir: String,
    /// The SQLite file; `None` for a PostgreSQL database (nothing to restore here).
    pub database_path: Option<String>,
    /// Backups that can replace it, newest first.
    pub backups: Vec<BackupInfo>,
}

/// What a recovery action did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecoveryResult {
    /// Where the file that would not open was moved.
    pub kept_as: Option<String>,
    /// The backup now in use.
    pub restored: Option<String>,
}

/// `None` when the store is open. While it is not, each call tries to open it again first, so
/// "Try again" works once space is freed or another program lets go of the file.
#[tauri::command]
pub async fn recovery_status<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Reply<Option<RecoveryStatus>> {
    if state.open_error().is_none() || reopen(&app, &state).is_ok() {
        return Ok(None);
    }
    let Some(error) = state.open_error() else {
        return Ok(None);
    };
    let data_dir = state.config.data_dir.clone();
    let database_path = database_file(&state).ok();
    blocking(move || {
        Ok(Some(RecoveryStatus {
            error,
            data_dir: data_dir.display().to_string(),
            database_path: database_path.map(|p| p.display().to_string()),
            backups: restorable(&data_dir)?,
        }))
    })
    .await
}

/// Puts the named backup (the newest when `name` is `None`) in place of the database that
/// would not open, and opens it.
#[tauri::command]
pub async fn recovery_restore_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: Option<String>,
) -> Reply<RecoveryResult> {
    let database = closed_database(&state)?;
    let data_dir = state.config.data_dir.clone();
    let result = blocking(move || {
        let backups = restorable(&data_dir)?;
        let chosen = match name {
            Some(name) => backups.into_iter().find(|b| b.name == name).ok_or(
                StoreError::NotFound {
                    what: "backup",
                    id: name,
                },
            )?,
            None => backups.into_iter().next().ok_or_else(|| {
                StoreError::NotFound {
                    what: "backup",
                    id: "(none in the backups folder)".into(),
                }
            })?,
        };
        let backup = koda_io::backup::backups_dir(&data_dir).join(&chosen.name);
        let report = koda_io::backup::restore(&backup, &database, &data_dir)?;
        tracing::warn!(backup = %chosen.name, "recovery: restored a backup over a database that would not open");
        Ok(RecoveryResult {
            kept_as: report.previous_database.map(|p| p.display().to_string()),
            restored: Some(chosen.name),
        })
    })
    .await?;
    reopen(&app, &state)?;
    Ok(result)
}

/// Moves the database that would not open aside and starts with a new, empty one.
#[tauri::command]
pub async fn recovery_start_empty<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Reply<RecoveryResult> {
    let database = closed_database(&state)?;
    let data_dir = state.config.data_dir.clone();
    let kept_as = blocking(move || {
        let kept = koda_io::backup::set_aside(&database, &data_dir, koda_io::backup::DAMAGED)?;
        tracing::warn!(kept = ?kept, "recovery: moved a database that would not open aside");
        Ok(kept)
    })
    .await?;
    reopen(&app, &state)?;
    Ok(RecoveryResult {
        kept_as: kept_as.map(|p| p.display().to_string()),
        restored: None,
    })
}

fn reopen<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> Reply<()> {
    state.reopen()?;
    crate::start_services(app);
    Ok(())
}

/// Backups that can replace the database: not the files recovery itself set aside.
fn restorable(data_dir: &Path) -> StoreResult<Vec<BackupInfo>> {
    Ok(list(data_dir)?
        .into_iter()
        .filter(|b| !koda_io::backup::is_set_aside(&b.name))
        .collect())
}

fn database_file(state: &AppState) -> StoreResult<PathBuf> {
    match (&state.config.backend, &state.config.database) {
        (koda_core::config::Backend::Sqlite, DatabaseLocation::File(path)) => Ok(path.clone()),
        _ => Err(StoreError::Config(
            "recovery works on the local database file; this data folder uses another database"
                .into(),
        )),
    }
}

/// The database file, refused while a store is open (something may hold the file).
fn closed_database(state: &AppState) -> Reply<PathBuf> {
    if state.open_error().is_none() {
        return Err(StoreError::InUse(
            "the database is open; restore from Settings → Backups instead".into(),
        )
        .to_payload());
    }
    database_file(state).map_err(|e| e.to_payload())
}

/// A quick integrity check a little after start, off the way of opening: damage found in an
/// open database is logged and shown, so the person backs up and restores before it spreads.
pub fn spawn_integrity_check<R: Runtime>(
    app: AppHandle<R>,
    store: Arc<koda_backends::SqliteStore>,
) {
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(20));
        if let Err(error) = koda_backends::sqlite_maintenance::quick_check(&store) {
            tracing::error!(%error, "the database failed its integrity check");
            let _ = app.emit(DAMAGE_EVENT, error.to_payload());
        }
    });
}
