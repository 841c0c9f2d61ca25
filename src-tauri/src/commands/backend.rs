//! Settings → Database: which database this install uses, testing a PostgreSQL server, and
//! moving everything there (or back) with a progress bar. The URL travels from the UI to here
//! once, when typed; it is stored sealed and only ever shown back with its password hidden.

use crate::state::{blocking, AppState};
use koda_backends::SqliteStore;
use koda_backends::{
    chosen_backend, copy_everything, copy_everything_with, Backend, CopyProgress, CopyReport,
    OnDifference, PostgresSettings, StorageChoice,
};
use koda_core::config::StorageConfig;
use koda_core::{ErrorPayload, StoreError};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};
use ts_rs::TS;

/// The event carrying copy progress.
pub const COPY_PROGRESS_EVENT: &str = "koda://copy-progress";

/// What Settings → Database shows.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DatabaseStatus {
    /// The backend in use now.
    pub backend: Backend,
    /// Set by environment variables, which Settings cannot change.
    pub from_environment: bool,
    /// The PostgreSQL server with its password hidden, when one is configured.
    #[ts(optional)]
    pub display_url: Option<String>,
    #[ts(optional)]
    pub schema: Option<String>,
    /// This install's id on a shared database.
    pub person_id: String,
}

/// What "Test connection" found.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostgresCheck {
    pub server_version: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub canvases: i64,
    pub tls: bool,
}

/// The configured PostgreSQL URL with its password hidden, or "" when there is none.
pub fn display_url(config: &StorageConfig) -> String {
    PostgresSettings::shown(config)
        .ok()
        .flatten()
        .map(|(shown, _)| shown)
        .unwrap_or_default()
}

#[tauri::command]
pub async fn database_status(state: State<'_, AppState>) -> Result<DatabaseStatus, ErrorPayload> {
    let config = state.config.clone();
    let backend = state
        .opened()
        .as_ref()
        .map(koda_backends::OpenedStore::backend);
    blocking(move || {
        let (display_url, schema) = PostgresSettings::shown(&config)?.unzip();
        Ok(DatabaseStatus {
            backend: match backend {
                Some(backend) => backend,
                None => chosen_backend(&config)?,
            },
            from_environment: config.backend_from_env,
            display_url,
            schema: schema.flatten(),
            person_id: StorageChoice::person_id(&config.data_dir)?,
        })
    })
    .await
}

#[tauri::command]
pub async fn database_test_postgres(
    url: String,
    schema: Option<String>,
) -> Result<PostgresCheck, ErrorPayload> {
    blocking(move || {
        let check = koda_backends::check_server(&url, schema.as_deref())?;
        Ok(PostgresCheck {
            server_version: check.server_version,
            schema_version: check.schema_version,
            canvases: check.canvases,
            tls: check.tls,
        })
    })
    .await
}

/// Copies everything from this install's SQLite file to the PostgreSQL server, verifies it, and
/// makes that server this install's database from the next start.
#[tauri::command]
pub async fn database_move_to_postgres<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    url: String,
    schema: Option<String>,
) -> Result<CopyReport, ErrorPayload> {
    refuse_if_environment(&state.config)?;
    let source = state.sqlite_handle("moving to PostgreSQL")?;
    let config = state.config.clone();
    blocking(move || {
        let settings = PostgresSettings {
            url: koda_core::Secret::new(url.clone()),
            schema: schema.clone(),
        };
        let target = settings.connect(&config)?;
        let report = copy_everything(&*source, &target, &mut |progress: CopyProgress| {
            let _ = app.emit(COPY_PROGRESS_EVENT, &progress);
        })?;
        let mut choice = StorageChoice::load(&config.data_dir)?;
        choice.set_postgres(&config.data_dir, &url, schema.as_deref())?;
        choice.save(&config.data_dir)?;
        Ok(report)
    })
    .await
}

/// Copies everything from the PostgreSQL server into this install's SQLite file (the edits made
/// there since moving), verifies it, and uses the SQLite file from the next start. The file is
/// backed up first, because canvases it still holds from before the move are replaced by their
/// newer versions from the server.
#[tauri::command]
pub async fn database_move_to_sqlite<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<CopyReport, ErrorPayload> {
    refuse_if_environment(&state.config)?;
    let source = state.store_handle()?;
    let config = state.config.clone();
    blocking(move || {
        let target = SqliteStore::open(&config.database)?;
        let backup =
            koda_io::backup::default_backup_path(&config.data_dir, koda_core::ids::now_ms());
        koda_io::backup::backup_now(&target, &backup)?;
        let report = copy_everything_with(
            &*source,
            &target,
            OnDifference::Replace,
            &mut |progress: CopyProgress| {
                let _ = app.emit(COPY_PROGRESS_EVENT, &progress);
            },
        )?;
        let mut choice = StorageChoice::load(&config.data_dir)?;
        choice.backend = Backend::Sqlite;
        choice.save(&config.data_dir)?;
        Ok(report)
    })
    .await
}

fn refuse_if_environment(config: &StorageConfig) -> Result<(), ErrorPayload> {
    if config.backend_from_env {
        return Err(StoreError::Config(
            "the database is set by environment variables (KODA_STORAGE_BACKEND / DATABASE_URL); change them instead".into(),
        )
        .to_payload());
    }
    Ok(())
}
