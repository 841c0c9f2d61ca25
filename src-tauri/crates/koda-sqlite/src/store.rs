//! `SqliteStore`: the Store traits over the embedded SQLite file.

use crate::db::Db;
use crate::error_map::SqliteResultExt;
use crate::migrations;
use crate::queries::changes;
use crate::tx::SqliteTx;
use koda_core::config::DatabaseLocation;
use koda_core::rules::{StoreTx, TxRunner};
use koda_core::*;
use rusqlite::Transaction;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, PoisonError};

/// The migration that adds the search index, which is then built from the stored canvases.
const SEARCH_INDEX_VERSION: i64 = 5;

/// What opening the store did, for logs and `koda doctor`.
#[derive(Debug, Clone, Default)]
pub struct OpenReport {
    /// Migrations applied while opening.
    pub migrated: Vec<i64>,
    /// Copy of the database taken before migrating it.
    pub backup: Option<PathBuf>,
}

/// The SQLite backend.
pub struct SqliteStore {
    db: Db,
    subscribers: Mutex<Vec<Sender<ChangeEvent>>>,
    report: OpenReport,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `location` and brings its schema up to date.
    /// A database from a newer Koda is refused before anything is written to it; an existing
    /// one that needs migrating is copied to `backups/` first.
    pub fn open(location: &DatabaseLocation) -> StoreResult<Self> {
        match location {
            DatabaseLocation::Memory => {
                let mut conn = crate::connection::open_memory()?;
                let migrated = migrations::migrate(&mut conn)?;
                Ok(Self::from_db(
                    Db::memory(conn),
                    OpenReport {
                        migrated,
                        backup: None,
                    },
                ))
            }
            DatabaseLocation::File(path) => Self::open_file(path),
        }
    }

    /// Opens the database file at `path`.
    pub fn open_file(path: &Path) -> StoreResult<Self> {
        Self::open_file_with(path, migrations::MIGRATIONS)
    }

    /// [`Self::open_file`] with an explicit migration list, so tests can play older and newer
    /// versions of Koda against one file.
    #[doc(hidden)]
    pub fn open_file_with(path: &Path, list: &[migrations::Migration]) -> StoreResult<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let existing = migrations::peek_version(path)?;
        if let Some(version) = existing {
            migrations::ensure_not_newer(version, list)?;
        }
        let mut conn = crate::connection::open_writer(path)?;
        let mut report = OpenReport::default();
        let target = list.last().map_or(0, |m| m.version);
        if let Some(version) = existing.filter(|v| *v > 0 && *v < target) {
            report.backup = Some(migrations::backup_before_migration(
                &conn, path, version, target,
            )?);
        }
        report.migrated = migrations::migrate_with(&mut conn, list)?;
        if target >= 3 {
            crate::sync_rows::refresh_outbox_triggers(&conn)?;
        }
        let rebuild_index = report.migrated.contains(&SEARCH_INDEX_VERSION) && existing.is_some();
        let store = Self::from_db(Db::file(conn, path)?, report);
        if rebuild_index {
            // Canvases saved before the index existed become searchable.
            store.reindex()?;
        }
        Ok(store)
    }

    fn from_db(db: Db, report: OpenReport) -> Self {
        Self {
            db,
            subscribers: Mutex::new(Vec::new()),
            report,
        }
    }

    /// What opening did.
    pub fn open_report(&self) -> &OpenReport {
        &self.report
    }

    /// The database file, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.db.path()
    }

    /// Low-level access for maintenance code in this crate (doctor, backup).
    pub(crate) fn db(&self) -> &Db {
        &self.db
    }

    fn publish(&self, event: ChangeEvent) {
        let mut subscribers = self
            .subscribers
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        subscribers.retain(|subscriber| subscriber.send(event.clone()).is_ok());
    }

    /// Runs a write producing several events and publishes them all after the commit.
    fn write_many<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<(T, Vec<ChangeEvent>)>,
    ) -> StoreResult<T> {
        let (value, events) = self.db.write(work)?;
        for event in events {
            self.publish(event);
        }
        Ok(value)
    }
}

/// The store traits come from `koda_core::rules`; SQLite supplies transactions and SQL.
impl TxRunner for SqliteStore {
    fn read<T>(&self, work: impl FnOnce(&mut dyn StoreTx) -> StoreResult<T>) -> StoreResult<T> {
        self.db.read(|conn| work(&mut SqliteTx(conn)))
    }

    fn write<T>(
        &self,
        work: impl FnOnce(&mut dyn StoreTx) -> StoreResult<(T, Vec<ChangeEvent>)>,
    ) -> StoreResult<T> {
        self.write_many(|tx| work(&mut SqliteTx(tx)))
    }
}

impl ChangeFeed for SqliteStore {
    fn subscribe(&self) -> Receiver<ChangeEvent> {
        let (sender, receiver) = channel();
        self.subscribers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(sender);
        receiver
    }

    fn changes_since(&self, seq: i64, limit: u32) -> StoreResult<Vec<ChangeEvent>> {
        self.db.read(|conn| changes::since(conn, seq, limit))
    }
}

impl SqliteStore {
    /// The newest change-log position, to start following changes from.
    pub fn latest_change_seq(&self) -> StoreResult<i64> {
        self.db.read(changes::latest_seq)
    }

    /// For the sync engine: one write transaction whose change events are published after the
    /// commit, like every other write.
    pub fn write_with<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<(T, Vec<ChangeEvent>)>,
    ) -> StoreResult<T> {
        self.write_many(work)
    }

    /// For the sync engine: one read transaction.
    pub fn read_with<T>(
        &self,
        work: impl FnOnce(&rusqlite::Connection) -> StoreResult<T>,
    ) -> StoreResult<T> {
        self.db.read(work)
    }

    /// Checkpoints the WAL into the main file (on close, before a file copy).
    pub fn checkpoint(&self) -> StoreResult<()> {
        self.db.with_writer(|conn| {
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
                .store_err()
        })
    }
}
