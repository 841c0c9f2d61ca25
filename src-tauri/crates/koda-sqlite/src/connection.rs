//! Opening connections: every one gets the same pragmas. Writes go through one writer connection
//! (`BEGIN IMMEDIATE`), reads through a small pool of read-only connections, as in Zed's layer.

use crate::error_map::SqliteResultExt;
use koda_core::StoreResult;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// How long a connection waits for another process's write lock before reporting `Busy`.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Readers in the pool. Two cores and a UI that issues a handful of reads at once: four is plenty,
/// and each costs a file handle and its own page cache.
pub const READER_POOL_SIZE: u32 = 4;

/// Applies the pragmas every Koda connection uses.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL: readers never block the writer; with synchronous=NORMAL a commit is durable against
    // a process crash (the WAL is in the OS) and the database stays consistent on power loss.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // 16 MiB page cache: a 10,000-node canvas fits.
    conn.pragma_update(None, "cache_size", -16_000)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Makes a connection to a file Koda did not write (an import, a backup to restore) safe to
/// read: its schema cannot run functions with side effects from views or triggers
/// (`trusted_schema` off), and defensive mode refuses writes that could corrupt the file.
pub fn harden_untrusted(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

/// Opens the writer connection, creating the file if needed.
pub fn open_writer(path: &Path) -> StoreResult<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).store_err()?;
    configure(&conn).store_err()?;
    Ok(conn)
}

/// Opens an in-memory database (`SQLITE_URL=:memory:`).
pub fn open_memory() -> StoreResult<Connection> {
    let conn = Connection::open_in_memory().store_err()?;
    configure(&conn).store_err()?;
    Ok(conn)
}

/// Builds the pool of read-only connections.
pub fn reader_pool(path: &Path) -> StoreResult<r2d2::Pool<r2d2_sqlite::SqliteConnectionManager>> {
    let manager = r2d2_sqlite::SqliteConnectionManager::file(path)
        .with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .with_init(|conn| {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            conn.pragma_update(None, "cache_size", -16_000)?;
            conn.set_prepared_statement_cache_capacity(64);
            Ok(())
        });
    r2d2::Pool::builder()
        .max_size(READER_POOL_SIZE)
        .min_idle(Some(1))
        // A checkout runs no test query: a read-only SQLite handle does not go stale.
        .test_on_check_out(false)
        .connection_timeout(Duration::from_secs(10))
        .build(manager)
        .map_err(crate::error_map::from_pool)
}
