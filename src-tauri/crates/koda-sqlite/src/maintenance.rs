//! Health checks and copies of the database: `koda doctor` and `koda backup`.

use crate::error_map::SqliteResultExt;
use crate::migrations;
use crate::SqliteStore;
use koda_core::{StoreError, StoreResult};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What `koda doctor` reports.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DoctorReport {
    pub database_path: Option<PathBuf>,
    pub schema_version: i64,
    pub supported_schema_version: i64,
    /// `["ok"]` when SQLite's integrity check passes, else its messages.
    pub integrity: Vec<String>,
    pub foreign_key_violations: i64,
    pub database_bytes: u64,
    pub wal_bytes: u64,
    pub canvases: i64,
    pub trashed_canvases: i64,
    pub nodes: i64,
    pub edges: i64,
    /// Canvases whose stored node count disagrees with their rows.
    pub node_count_mismatches: Vec<String>,
    /// Edges whose source or target node is missing.
    pub dangling_edges: i64,
}

impl DoctorReport {
    /// Whether nothing is wrong.
    pub fn healthy(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_key_violations == 0
            && self.node_count_mismatches.is_empty()
            && self.dangling_edges == 0
            && self.schema_version == self.supported_schema_version
    }
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn count(conn: &rusqlite::Connection, sql: &str) -> StoreResult<i64> {
    conn.query_row(sql, [], |row| row.get(0)).store_err()
}

/// Runs every check on the store's database.
pub fn doctor(store: &SqliteStore) -> StoreResult<DoctorReport> {
    let path = store.path().map(Path::to_path_buf);
    store.db().read(|conn| {
        let mut statement = conn.prepare("PRAGMA integrity_check").store_err()?;
        let integrity = statement.query_map([], |row| row.get::<_, String>(0)).store_err()?;
        let integrity = integrity.collect::<rusqlite::Result<Vec<_>>>().store_err()?;
        let mut statement = conn.prepare("PRAGMA foreign_key_check").store_err()?;
        let foreign_key_violations = statement.query_map([], |_| Ok(())).store_err()?.count() as i64;
        let mut statement = conn
            .prepare(
                "SELECT c.id FROM canvases c
                 WHERE c.node_count != (SELECT count(*) FROM canvas_nodes n WHERE n.canvas_id = c.id)",
            )
            .store_err()?;
        let node_count_mismatches =
            statement.query_map([], |row| row.get(0)).store_err()?.collect::<rusqlite::Result<Vec<String>>>().store_err()?;
        let dangling_edges = count(
            conn,
            "SELECT count(*) FROM canvas_edges e WHERE
               NOT EXISTS (SELECT 1 FROM canvas_nodes n WHERE n.canvas_id = e.canvas_id AND n.id = e.source_node_id)
               OR NOT EXISTS (SELECT 1 FROM canvas_nodes n WHERE n.canvas_id = e.canvas_id AND n.id = e.target_node_id)",
        )?;
        Ok(DoctorReport {
            database_bytes: path.as_deref().map_or(0, file_size),
            wal_bytes: path.as_deref().map_or(0, |p| file_size(&wal_path(p))),
            database_path: path.clone(),
            schema_version: conn.pragma_query_value(None, "user_version", |row| row.get(0)).store_err()?,
            supported_schema_version: migrations::latest_version(),
            integrity,
            foreign_key_violations,
            canvases: count(conn, "SELECT count(*) FROM canvases WHERE deleted_at IS NULL")?,
            trashed_canvases: count(conn, "SELECT count(*) FROM canvases WHERE deleted_at IS NOT NULL")?,
            nodes: count(conn, "SELECT count(*) FROM canvas_nodes")?,
            edges: count(conn, "SELECT count(*) FROM canvas_edges")?,
            node_count_mismatches,
            dangling_edges,
        })
    })
}

/// SQLite's quick check (pages, indexes, no cross-checks of content): `Ok(())` when the file is
/// whole, else a `corrupt_database` error quoting the first problems. Cheap enough to run in
/// the background after every start.
pub fn quick_check(store: &SqliteStore) -> StoreResult<()> {
    let problems: Vec<String> = store.db().read(|conn| {
        let mut statement = conn.prepare("PRAGMA quick_check(20)").store_err()?;
        let rows = statement
            .query_map([], |row| row.get::<_, String>(0))
            .store_err()?;
        rows.collect::<rusqlite::Result<Vec<_>>>().store_err()
    })?;
    if problems == ["ok"] {
        Ok(())
    } else {
        Err(StoreError::Corrupt(problems.join("; ")))
    }
}

/// The `-wal` file beside a database.
pub fn wal_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// Nodes whose data contains `word` anywhere, by a plain `LIKE '%word%'` scan: what search
/// would cost without an index (the baseline of `koda bench-search`).
pub fn count_nodes_like(store: &SqliteStore, word: &str) -> StoreResult<i64> {
    store.read_with(|conn| {
        conn.query_row(
            "SELECT count(*) FROM canvas_nodes n JOIN canvases c ON c.id = n.canvas_id
             WHERE c.deleted_at IS NULL AND n.data LIKE '%' || ?1 || '%'",
            [word],
            |row| row.get(0),
        )
        .store_err()
    })
}

/// Bytes of version history kept (the reverse deltas), for `koda bench`.
pub fn history_bytes(store: &SqliteStore) -> StoreResult<u64> {
    store.read_with(|conn| {
        conn.query_row(
            "SELECT coalesce(sum(length(delta)), 0) FROM canvas_versions",
            [],
            |row| row.get::<_, i64>(0),
        )
        .store_err()
        .map(|bytes| bytes as u64)
    })
}

/// Size of the database: main file plus write-ahead log.
pub fn database_bytes(store: &SqliteStore) -> u64 {
    store
        .path()
        .map_or(0, |p| file_size(p) + file_size(&wal_path(p)))
}

/// Copies the live database to `target` with SQLite's online backup, which is consistent even
/// while the app keeps writing. Refuses to overwrite an existing file.
pub fn backup_to(store: &SqliteStore, target: &Path) -> StoreResult<()> {
    if target.exists() {
        return Err(StoreError::invalid(
            "target",
            format!("{} already exists", target.display()),
        ));
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    store.db().with_writer(|conn| {
        let mut destination = rusqlite::Connection::open(target).store_err()?;
        let backup = rusqlite::backup::Backup::new(conn, &mut destination).store_err()?;
        backup
            .run_to_completion(256, std::time::Duration::from_millis(5), None)
            .store_err()
    })
}
