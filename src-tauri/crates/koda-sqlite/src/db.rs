//! `Db`: one writer connection behind a mutex and a pool of readers. Every write runs in a
//! `BEGIN IMMEDIATE` transaction so two processes never interleave; every read runs in a
//! transaction so it sees one consistent snapshot.

use crate::connection;
use crate::error_map::{from_pool, SqliteResultExt};
use koda_core::StoreResult;
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

pub struct Db {
    /// `None` for in-memory databases, whose only connection is the writer.
    /// Declared before `writer` so the readers close first: the last connection to close
    /// checkpoints and removes the WAL, which a read-only connection cannot do.
    readers: Option<r2d2::Pool<SqliteConnectionManager>>,
    writer: Mutex<Connection>,
    path: Option<PathBuf>,
}

impl Db {
    /// Wraps a migrated writer connection to a file, with a reader pool on the same file.
    pub fn file(writer: Connection, path: &Path) -> StoreResult<Self> {
        let readers = connection::reader_pool(path)?;
        Ok(Self {
            writer: Mutex::new(writer),
            readers: Some(readers),
            path: Some(path.to_path_buf()),
        })
    }

    /// Wraps a migrated in-memory connection.
    pub fn memory(writer: Connection) -> Self {
        Self {
            writer: Mutex::new(writer),
            readers: None,
            path: None,
        }
    }

    /// The database file, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `work` in one write transaction; commits only if it returns `Ok`.
    pub fn write<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        // A panic inside `work` rolled its transaction back when it unwound, so the connection is
        // still sound: ignore the poison.
        let mut conn = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .store_err()?;
        let value = work(&tx)?;
        tx.commit().store_err()?;
        Ok(value)
    }

    /// Runs `work` in one read transaction (a consistent snapshot).
    pub fn read<T>(&self, work: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        match &self.readers {
            Some(pool) => {
                let mut conn = pool.get().map_err(from_pool)?;
                let tx = conn.transaction().store_err()?;
                let value = work(&tx)?;
                tx.finish().store_err()?;
                Ok(value)
            }
            None => {
                let conn = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
                work(&conn)
            }
        }
    }

    /// Runs `work` on the writer connection outside any transaction (maintenance: backup,
    /// checkpoint, integrity check).
    pub fn with_writer<T>(
        &self,
        work: impl FnOnce(&mut Connection) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut conn = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        work(&mut conn)
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        // Close the readers, then fold the WAL into the main file, so a closed database is one
        // self-contained file whose header tells its true version.
        drop(self.readers.take());
        if self.path.is_some() {
            let conn = self
                .writer
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner);
            if let Err(error) = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);") {
                tracing::warn!(%error, "could not checkpoint the WAL on close");
            }
        }
    }
}
