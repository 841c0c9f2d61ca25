//! Embedded, versioned migrations. Each runs in its own `BEGIN IMMEDIATE` transaction and is
//! recorded with a SHA-256 of its text, so a shipped migration that was edited later is caught.
//! A database whose `user_version` is newer than this build is refused before anything is written.

use crate::error_map::SqliteResultExt;
use koda_core::{StoreError, StoreResult};
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

pub use koda_core::migration::Migration;

/// Every migration, in order. Append only: never edit a shipped one.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "sync",
        sql: include_str!("0002_sync.sql"),
    },
    Migration {
        version: 3,
        name: "koda_web_model",
        sql: include_str!("0003_koda_web_model.sql"),
    },
    Migration {
        version: 4,
        name: "generation_queue",
        sql: include_str!("0004_generation_queue.sql"),
    },
    Migration {
        version: 5,
        name: "history_search",
        sql: include_str!("0005_history_search.sql"),
    },
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    koda_core::migration::latest_version(MIGRATIONS)
}

/// Reads the schema version of an existing file from its header, without opening it through
/// SQLite: even a read-only open of a WAL database creates `-wal`/`-shm` files, and a file from a
/// newer Koda must stay exactly as it is. `Ok(None)` when there is no file (or an empty one).
/// A version still only in the WAL is caught again by [`migrate`], inside its transaction.
pub fn peek_version(path: &Path) -> StoreResult<Option<i64>> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error.into()),
    };
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 {
        return Ok(None);
    }
    if read < header.len() || &header[..16] != b"SQLite format 3\0" {
        return Err(StoreError::Corrupt(format!(
            "{} is not a SQLite database",
            path.display()
        )));
    }
    let wal = crate::maintenance::wal_path(path);
    if std::fs::metadata(&wal)
        .map(|m| m.len() > 0)
        .unwrap_or(false)
    {
        // Recent commits may still be in the WAL, so the header can be stale: ask SQLite, which
        // reads both. The WAL exists already, so this creates no new file of consequence.
        let conn =
            rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .store_err()?;
        conn.busy_timeout(crate::connection::BUSY_TIMEOUT)
            .store_err()?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .store_err()?;
        return Ok(Some(version));
    }
    // The header keeps `PRAGMA user_version` as a big-endian integer at offset 60.
    let version = i32::from_be_bytes([header[60], header[61], header[62], header[63]]);
    Ok(Some(i64::from(version)))
}

/// Refuses a database written by a newer Koda (one whose version is past `migrations`).
pub fn ensure_not_newer(found: i64, migrations: &[Migration]) -> StoreResult<()> {
    let supported = koda_core::migration::latest_version(migrations);
    if found > supported {
        return Err(StoreError::DatabaseTooNew { found, supported });
    }
    Ok(())
}

/// Copies the database aside before migrating it, using `VACUUM INTO` (a consistent snapshot
/// even while another process writes). Returns the backup's path.
pub fn backup_before_migration(
    conn: &Connection,
    db_path: &Path,
    from: i64,
    to: i64,
) -> StoreResult<PathBuf> {
    let dir = db_path.parent().unwrap_or(Path::new(".")).join("backups");
    std::fs::create_dir_all(&dir)?;
    let stamp = koda_core::ids::now_ms();
    let target = dir.join(format!("koda-v{from}-before-v{to}-{stamp}.db"));
    let target_text = target
        .to_str()
        .ok_or_else(|| StoreError::Io("backup path is not valid UTF-8".into()))?;
    conn.execute("VACUUM INTO ?1", [target_text]).store_err()?;
    Ok(target)
}

/// Brings the schema up to date and checks the migrations already applied.
/// Returns the versions applied by this call.
pub fn migrate(conn: &mut Connection) -> StoreResult<Vec<i64>> {
    migrate_with(conn, MIGRATIONS)
}

/// [`migrate`] with an explicit list, so tests can play a future version.
pub fn migrate_with(conn: &mut Connection, migrations: &[Migration]) -> StoreResult<Vec<i64>> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
           version INTEGER PRIMARY KEY NOT NULL,
           name TEXT NOT NULL,
           checksum TEXT NOT NULL,
           applied_at INTEGER NOT NULL
         ) STRICT;",
    )
    .store_err()?;
    let mut applied = Vec::new();
    for migration in migrations {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .store_err()?;
        // Re-read inside the write lock: another Koda process may have migrated meanwhile.
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .store_err()?;
        ensure_not_newer(version, migrations)?;
        if migration.version <= version {
            verify_checksum(&tx, migration)?;
            continue;
        }
        tx.execute_batch(migration.sql).store_err()?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![migration.version, migration.name, migration.checksum(), koda_core::ids::now_ms()],
        )
        .store_err()?;
        tx.pragma_update(None, "user_version", migration.version)
            .store_err()?;
        tx.commit().store_err()?;
        applied.push(migration.version);
    }
    Ok(applied)
}

fn verify_checksum(conn: &Connection, migration: &Migration) -> StoreResult<()> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT checksum FROM schema_migrations WHERE version = ?1",
            [migration.version],
            |row| row.get(0),
        )
        .map(Some)
        .or_else(|error| match error {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            other => Err(other),
        })
        .store_err()?;
    match stored {
        Some(stored) if stored == migration.checksum() => Ok(()),
        _ => Err(StoreError::MigrationTampered {
            version: migration.version,
            name: migration.name.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version, index as i64 + 1, "{}", migration.name);
        }
    }

    #[test]
    fn migrates_an_empty_database_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), vec![1, 2, 3, 4, 5]);
        assert!(migrate(&mut conn).unwrap().is_empty());
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, latest_version());
    }

    #[test]
    fn catches_an_edited_migration() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute(
            "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1",
            [],
        )
        .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::MigrationTampered { version: 1, .. })
        ));
    }

    #[test]
    fn refuses_newer_databases() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::DatabaseTooNew { .. })
        ));
    }

    #[test]
    fn creates_the_seed_tables_and_indexes() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        for table in [
            "users",
            "canvases",
            "canvas_nodes",
            "canvas_edges",
            "assets",
            "generations",
            "user_settings",
        ] {
            let n: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                    [table],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "{table}");
        }
        for index in [
            "idx_canvases_user",
            "idx_canvases_updated",
            "idx_nodes_canvas",
            "idx_edges_canvas",
            "idx_assets_canvas",
            "idx_generations_canvas",
        ] {
            let n: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                    [index],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "{index}");
        }
    }
}
