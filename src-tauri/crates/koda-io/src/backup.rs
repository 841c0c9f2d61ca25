//! Copies of the database: `koda backup` (SQLite's online backup, consistent while the app keeps
//! writing), `koda restore` (which keeps the current database aside first), and the daily
//! automatic backup that keeps the last N.
//!
//! All backups live in `<data dir>/backups/`. The automatic ones follow one fixed name pattern,
//! `koda-daily-YYYY-MM-DD.db`, and pruning only ever deletes files of that pattern: manual
//! backups, migration backups (`koda-v1-before-v2-*.db`) and the copies restore keeps are never
//! touched.

use crate::clock::{day_stamp, file_stamp};
use crate::detect::io_error;
use crate::sqlite_errors::from_sqlite;
use koda_core::ids::now_ms;
use koda_core::{StoreError, StoreResult};
use koda_sqlite::maintenance::{backup_to, wal_path};
use koda_sqlite::migrations::{latest_version, peek_version};
use koda_sqlite::SqliteStore;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The folder of backups inside the data folder.
pub const BACKUPS_DIR: &str = "backups";
const DAILY_PREFIX: &str = "koda-daily-";
const DAILY_SUFFIX: &str = ".db";

/// `<data_dir>/backups`.
pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUPS_DIR)
}

/// Where `koda backup` writes when given no file: `backups/koda-YYYYMMDD-HHMMSS.db` (UTC), with a
/// counter added if a backup of the same second exists.
pub fn default_backup_path(data_dir: &Path, now: i64) -> PathBuf {
    let dir = backups_dir(data_dir);
    let stamp = file_stamp(now);
    let mut path = dir.join(format!("koda-{stamp}.db"));
    let mut counter = 2;
    while path.exists() {
        path = dir.join(format!("koda-{stamp}-{counter}.db"));
        counter += 1;
    }
    path
}

/// Backs the live database up to `target` (which must not exist) and returns its size. The copy
/// is made under a temporary name and renamed, so `target` is either complete or absent.
pub fn backup_now(store: &SqliteStore, target: &Path) -> StoreResult<u64> {
    if target.exists() {
        return Err(StoreError::invalid(
            "file",
            format!("{} already exists; choose another name", target.display()),
        ));
    }
    let temp = sibling(target, ".partial");
    let _ = std::fs::remove_file(&temp);
    let made = backup_to(store, &temp)
        .and_then(|()| std::fs::rename(&temp, target).map_err(|e| io_error(target, e)));
    if let Err(error) = made {
        let _ = std::fs::remove_file(&temp);
        return Err(error);
    }
    Ok(std::fs::metadata(target)
        .map_err(|e| io_error(target, e))?
        .len())
}

/// The daily automatic backup: makes `backups/koda-daily-<today>.db` unless it exists, then
/// deletes the oldest daily backups beyond `keep`. `keep == 0` turns automatic backups off.
/// Returns the backup made, if one was.
pub fn backup_if_due(
    store: &SqliteStore,
    data_dir: &Path,
    keep: u32,
) -> StoreResult<Option<PathBuf>> {
    backup_if_due_at(store, data_dir, keep, now_ms())
}

/// [`backup_if_due`] at a given time (epoch ms), for tests and callers with their own clock.
pub fn backup_if_due_at(
    store: &SqliteStore,
    data_dir: &Path,
    keep: u32,
    now: i64,
) -> StoreResult<Option<PathBuf>> {
    if keep == 0 || store.path().is_none() {
        return Ok(None);
    }
    let dir = backups_dir(data_dir);
    let today = dir.join(format!("{DAILY_PREFIX}{}{DAILY_SUFFIX}", day_stamp(now)));
    let made = if today.exists() {
        None
    } else {
        match backup_now(store, &today) {
            Ok(_) => Some(today),
            // Another Koda process made today's backup meanwhile.
            Err(_) if today.exists() => None,
            Err(error) => return Err(error),
        }
    };
    prune_daily_backups(&dir, keep)?;
    Ok(made)
}

/// Deletes the oldest daily backups so that `keep` remain; returns the deleted files.
pub fn prune_daily_backups(dir: &Path, keep: u32) -> StoreResult<Vec<PathBuf>> {
    let mut daily = daily_backups(dir)?;
    let excess = daily.len().saturating_sub(keep as usize);
    let removed: Vec<PathBuf> = daily.drain(..excess).collect();
    for path in &removed {
        std::fs::remove_file(path).map_err(|e| io_error(path, e))?;
    }
    Ok(removed)
}

/// The daily backups in `dir`, oldest first (their names sort by date).
pub fn daily_backups(dir: &Path) -> StoreResult<Vec<PathBuf>> {
    let listing = match std::fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(io_error(dir, error)),
    };
    let mut found = Vec::new();
    for entry in listing {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let name = entry.file_name();
        if is_daily_backup_name(&name.to_string_lossy())
            && entry.file_type().map_err(|e| io_error(dir, e))?.is_file()
        {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}

/// Whether `name` is exactly `koda-daily-YYYY-MM-DD.db`.
fn is_daily_backup_name(name: &str) -> bool {
    let Some(date) = name
        .strip_prefix(DAILY_PREFIX)
        .and_then(|rest| rest.strip_suffix(DAILY_SUFFIX))
    else {
        return false;
    };
    let bytes = date.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    /// The schema version of the restored database (older ones are migrated when next opened).
    pub schema_version: i64,
    /// Where the database that was replaced now is.
    pub previous_database: Option<PathBuf>,
}

/// Replaces the database at `database` by the backup `backup`. The backup must be a Koda database
/// this build can open; the current database (with its WAL) is moved to
/// `backups/koda-before-restore-<time>.db` first; the backup is copied beside the database under
/// a temporary name, checked, and renamed into place. Close the app before restoring.
pub fn restore(backup: &Path, database: &Path, data_dir: &Path) -> StoreResult<RestoreReport> {
    let schema_version = check_restorable(backup)?;
    let temp = sibling(database, ".restoring");
    remove_with_sidecars(&temp)?;
    if let Some(parent) = database.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
    }
    let copied = std::fs::copy(backup, &temp)
        .map_err(|e| io_error(backup, e))
        .and_then(|_| {
            std::fs::File::open(&temp)
                .and_then(|f| f.sync_all())
                .map_err(|e| io_error(&temp, e))
        })
        .and_then(|()| check_copy(&temp));
    if let Err(error) = copied {
        let _ = remove_with_sidecars(&temp);
        return Err(error);
    }
    let previous_database = set_aside(database, data_dir, BEFORE_RESTORE)?;
    std::fs::rename(&temp, database).map_err(|e| io_error(database, e))?;
    // A WAL or shared-memory file left beside the new database would belong to the old one.
    for stale in [wal_path(database), sibling(database, "-shm")] {
        match std::fs::remove_file(&stale) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(io_error(&stale, error))
            }
            _ => {}
        }
    }
    Ok(RestoreReport {
        schema_version,
        previous_database,
    })
}

/// A backup must be a Koda database (schema version 1 or later) no newer than this build.
pub fn check_restorable(backup: &Path) -> StoreResult<i64> {
    if !backup.is_file() {
        return Err(StoreError::NotFound {
            what: "backup file",
            id: backup.display().to_string(),
        });
    }
    match peek_version(backup)? {
        None => Err(StoreError::invalid("file", format!("{} is empty", backup.display()))),
        Some(0) => Err(StoreError::invalid(
            "file",
            format!("{} is a SQLite file but not a Koda Desktop database; to bring in its canvases use `koda import`", backup.display()),
        )),
        Some(found) if found > latest_version() => Err(StoreError::DatabaseTooNew { found, supported: latest_version() }),
        Some(found) => Ok(found),
    }
}

/// Opens the copy (never the user's backup file) and checks it is whole and has Koda's tables.
fn check_copy(copy: &Path) -> StoreResult<()> {
    let checked = (|| -> StoreResult<()> {
        let conn = rusqlite::Connection::open(copy).map_err(|e| from_sqlite(copy, e))?;
        koda_sqlite::connection::harden_untrusted(&conn).map_err(|e| from_sqlite(copy, e))?;
        let quick: String = conn
            .query_row("PRAGMA quick_check", [], |row| row.get(0))
            .map_err(|e| from_sqlite(copy, e))?;
        if quick != "ok" {
            return Err(StoreError::Corrupt(format!(
                "the backup is damaged: {quick}"
            )));
        }
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migrations', 'canvases', 'canvas_nodes')",
                [],
                |row| row.get(0),
            )
            .map_err(|e| from_sqlite(copy, e))?;
        if tables != 3 {
            return Err(StoreError::Corrupt("the backup lacks Koda's tables".into()));
        }
        Ok(())
    })();
    // Checking may have created a WAL beside the copy; it holds nothing the copy needs.
    let _ = std::fs::remove_file(wal_path(copy));
    let _ = std::fs::remove_file(sibling(copy, "-shm"));
    checked
}

/// Label of the database a restore replaced (`koda-before-restore-<time>.db`).
pub const BEFORE_RESTORE: &str = "before-restore";
/// Label of a database that would not open, set aside by the recovery screen.
pub const DAMAGED: &str = "damaged";

/// Whether a file in `backups/` is a database set aside by a restore or by recovery, rather than
/// a backup taken on purpose.
pub fn is_set_aside(name: &str) -> bool {
    [BEFORE_RESTORE, DAMAGED]
        .iter()
        .any(|label| name.starts_with(&format!("koda-{label}-")))
}

/// Moves the current database, and its WAL (renamed to match, so the copy opens complete), into
/// `backups/koda-<label>-<time>.db`; nothing is deleted. Returns where it went; `None` when there
/// was no database. Close every connection first.
pub fn set_aside(database: &Path, data_dir: &Path, label: &str) -> StoreResult<Option<PathBuf>> {
    if !database.exists() {
        return Ok(None);
    }
    // Fold the WAL into the main file when possible; a damaged database may refuse, which is
    // fine: its WAL moves along with it.
    if let Ok(conn) = rusqlite::Connection::open(database) {
        let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
    }
    let dir = backups_dir(data_dir);
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    let stamp = file_stamp(now_ms());
    let mut aside = dir.join(format!("koda-{label}-{stamp}.db"));
    let mut counter = 2;
    while aside.exists() {
        aside = dir.join(format!("koda-{label}-{stamp}-{counter}.db"));
        counter += 1;
    }
    move_file(database, &aside)?;
    let wal = wal_path(database);
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        move_file(&wal, &wal_path(&aside))?;
    }
    // The shared-memory index belongs to the file that left; a new database must not find it.
    let _ = std::fs::remove_file(sibling(database, "-shm"));
    let _ = std::fs::remove_file(&wal);
    Ok(Some(aside))
}

/// Renames, or copies and deletes when the two paths are on different file systems.
fn move_file(from: &Path, to: &Path) -> StoreResult<()> {
    if std::fs::rename(from, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to).map_err(|e| io_error(from, e))?;
    std::fs::remove_file(from).map_err(|e| io_error(from, e))
}

fn remove_with_sidecars(path: &Path) -> StoreResult<()> {
    for file in [path.to_path_buf(), wal_path(path), sibling(path, "-shm")] {
        match std::fs::remove_file(&file) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(io_error(&file, error))
            }
            _ => {}
        }
    }
    Ok(())
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_names_are_recognised_exactly() {
        assert!(is_daily_backup_name("koda-daily-2025-01-31.db"));
        for other in [
            "koda-daily-2025-01-31.db.partial",
            "koda-daily-latest.db",
            "koda-20250131-120000.db",
            "koda-v1-before-v2-1738324800000.db",
            "koda-before-restore-20250131-120000.db",
            "koda-daily-2025-1-31.db",
        ] {
            assert!(!is_daily_backup_name(other), "{other}");
        }
    }
}
