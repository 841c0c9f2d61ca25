//! Backups from Settings: back up now, list, and restore (which happens at the next start,
//! when no connection holds the database).

use crate::state::AppState;
use koda_core::{ErrorPayload, SettingsStore, StoreError, StoreResult};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

type Reply<T> = Result<T, ErrorPayload>;

/// File in the data folder naming a backup to restore at the next start.
pub const PENDING_RESTORE_FILE: &str = "restore-on-start";

/// One backup file.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupInfo {
    pub path: String,
    pub name: String,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub created_at: i64,
}

fn info(path: &Path) -> Option<BackupInfo> {
    let metadata = std::fs::metadata(path).ok()?;
    let created_at = metadata
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .map_or(0, |d| d.as_millis() as i64);
    Some(BackupInfo {
        path: path.display().to_string(),
        name: path.file_name()?.to_string_lossy().into_owned(),
        bytes: metadata.len(),
        created_at,
    })
}

/// Backups in the data folder, newest first.
pub fn list(data_dir: &Path) -> StoreResult<Vec<BackupInfo>> {
    let dir = koda_io::backup::backups_dir(data_dir);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut backups: Vec<BackupInfo> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "db"))
        .filter_map(|p| info(&p))
        .collect();
    backups.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.name.cmp(&a.name)));
    Ok(backups)
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Reply<BackupInfo> {
    let data_dir = state.config.data_dir.clone();
    state
        .run_sqlite("a backup", move |store| {
            let target = koda_io::backup::default_backup_path(&data_dir, koda_core::ids::now_ms());
            koda_io::backup::backup_now(store, &target)?;
            info(&target).ok_or_else(|| StoreError::Io("the backup file vanished".into()))
        })
        .await
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Reply<Vec<BackupInfo>> {
    let data_dir = state.config.data_dir.clone();
    state.run(move |_| list(&data_dir)).await
}

/// Schedules a restore of the named backup (a file in the backups folder, by name only).
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> Reply<()> {
    let data_dir = state.config.data_dir.clone();
    state
        .run(move |_| {
            let known = list(&data_dir)?.into_iter().any(|b| b.name == name);
            if !known {
                return Err(StoreError::NotFound {
                    what: "backup",
                    id: name,
                });
            }
            koda_io::backup::check_restorable(
                &koda_io::backup::backups_dir(&data_dir).join(&name),
            )?;
            std::fs::write(data_dir.join(PENDING_RESTORE_FILE), name.as_bytes())?;
            Ok(())
        })
        .await
}

#[tauri::command]
pub fn restart_app<R: Runtime>(app: AppHandle<R>) {
    app.restart();
}

/// At start-up, before the database is opened: performs a restore the person asked for.
pub fn restore_if_pending(data_dir: &Path, database: &Path) -> StoreResult<Option<PathBuf>> {
    let marker = data_dir.join(PENDING_RESTORE_FILE);
    let Ok(name) = std::fs::read_to_string(&marker) else {
        return Ok(None);
    };
    std::fs::remove_file(&marker)?;
    let name = name.trim();
    if name.contains(['/', '\\']) || name.contains("..") {
        return Err(StoreError::invalid("backup", "not a backup name"));
    }
    let backup = koda_io::backup::backups_dir(data_dir).join(name);
    koda_io::backup::restore(&backup, database, data_dir)?;
    Ok(Some(backup))
}

/// The daily automatic backup, keeping as many as Settings says.
pub fn daily_backup(store: &koda_backends::SqliteStore, data_dir: &Path) {
    let keep = store.get_settings().map(|s| s.backups_to_keep).unwrap_or(7);
    match koda_io::backup::backup_if_due(store, data_dir, keep) {
        Ok(Some(path)) => tracing::info!(path = %path.display(), "daily backup written"),
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "daily backup failed"),
    }
}
