//! `koda backup [FILE]` and `koda restore FILE`.

use koda_backends::SqliteStore;
use koda_core::config::{DatabaseLocation, StorageConfig};
use koda_core::ids::now_ms;
use koda_core::{StoreError, StoreResult};
use koda_io::backup::{backup_now, default_backup_path};
use std::path::{Path, PathBuf};

/// Copies the live database to `file`, or to `backups/koda-<time>.db` in the data folder.
pub fn backup(
    store: &SqliteStore,
    config: &StorageConfig,
    file: Option<&Path>,
) -> StoreResult<String> {
    database_file(config)?;
    let target = file.map_or_else(
        || default_backup_path(&config.data_dir, now_ms()),
        Path::to_path_buf,
    );
    let size = backup_now(store, &target)?;
    Ok(format!(
        "backed up the database to {} ({size} bytes)",
        target.display()
    ))
}

/// Replaces the database by `file`, keeping the current one in `backups/`.
pub fn restore(config: &StorageConfig, file: &Path) -> StoreResult<String> {
    let database = database_file(config)?;
    koda_backends::app_lock::require_app_closed(&config.data_dir, "restoring a backup")?;
    let report = koda_io::backup::restore(file, &database, &config.data_dir)?;
    let mut out = format!(
        "restored {} into {} (schema version {})",
        file.display(),
        database.display(),
        report.schema_version
    );
    if let Some(previous) = report.previous_database {
        out.push_str(&format!(
            "\nthe database it replaced is kept at {}",
            previous.display()
        ));
    }
    Ok(out)
}

fn database_file(config: &StorageConfig) -> StoreResult<PathBuf> {
    match &config.database {
        DatabaseLocation::File(path) => Ok(path.clone()),
        DatabaseLocation::Memory => Err(StoreError::Config(
            "the database is in memory (SQLITE_URL=:memory:); there is no file to back up or restore".into(),
        )),
    }
}
