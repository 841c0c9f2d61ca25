//! SQLite files from elsewhere: opened read-only (and `query_only`), never changed, told apart by
//! their tables and columns.

use super::{normalized_sqlite, web_sqlite, PendingAsset};
use crate::detect::SourceFormat;
use crate::progress::ProgressFn;
use crate::sqlite_errors::from_sqlite;
use koda_core::{StoreError, StoreResult, StoredCanvas};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, Row};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A foreign database, open for reading only.
pub(crate) struct ForeignDb {
    pub conn: Connection,
    pub path: PathBuf,
}

impl ForeignDb {
    /// Opens `path` read-only. `query_only` on top makes any write this code might attempt fail.
    pub fn open(path: &Path) -> StoreResult<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| from_sqlite(path, e))?;
        koda_sqlite::connection::harden_untrusted(&conn).map_err(|e| from_sqlite(path, e))?;
        let db = Self {
            conn,
            path: path.to_path_buf(),
        };
        db.conn
            .busy_timeout(Duration::from_secs(5))
            .map_err(|e| db.error(e))?;
        db.conn
            .pragma_update(None, "query_only", true)
            .map_err(|e| db.error(e))?;
        Ok(db)
    }

    /// A SQLite error about this file, typed.
    pub fn error(&self, error: rusqlite::Error) -> StoreError {
        from_sqlite(&self.path, error)
    }

    /// The names of its tables.
    pub fn tables(&self) -> StoreResult<HashSet<String>> {
        let mut statement = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .map_err(|e| self.error(e))?;
        let names = statement
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| self.error(e))?;
        names
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.error(e))
    }

    /// The column names of `table` (one of the fixed names this crate reads).
    pub fn columns(&self, table: &str) -> StoreResult<HashSet<String>> {
        let mut statement = self
            .conn
            .prepare(&format!("PRAGMA table_info(\"{table}\")"))
            .map_err(|e| self.error(e))?;
        let names = statement
            .query_map([], |row| row.get::<_, String>(1))
            .map_err(|e| self.error(e))?;
        names
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.error(e))
    }
}

/// A `SELECT` list of `wanted` columns, each as itself when the table has it and as NULL when it
/// does not, so rows can be read by position whatever the table's age.
pub(crate) fn select_list(available: &HashSet<String>, wanted: &[&str]) -> String {
    wanted
        .iter()
        .map(|column| {
            if available.contains(*column) {
                format!("\"{column}\"")
            } else {
                format!("NULL AS \"{column}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A cell as text: text as is, numbers written out, NULL as `None`.
pub(crate) fn text_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<String>> {
    Ok(match row.get_ref(index)? {
        ValueRef::Null => None,
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
            Some(String::from_utf8_lossy(bytes).into_owned())
        }
        ValueRef::Integer(n) => Some(n.to_string()),
        ValueRef::Real(n) => Some(n.to_string()),
    })
}

/// A cell as a number: integers and reals, and numbers written as text.
pub(crate) fn real_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<f64>> {
    Ok(match row.get_ref(index)? {
        ValueRef::Integer(n) => Some(n as f64),
        ValueRef::Real(n) => Some(n),
        ValueRef::Text(bytes) => std::str::from_utf8(bytes)
            .ok()
            .and_then(|t| t.trim().parse().ok()),
        ValueRef::Null | ValueRef::Blob(_) => None,
    })
}

/// Which schema a foreign database has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavour {
    /// `canvases` with JSON `nodes`/`edges` columns (the web app's SQLite file).
    WebJson,
    /// `canvases` + `canvas_nodes` + `canvas_edges` as Drizzle writes them (seconds).
    Drizzle,
    /// The same tables as Koda Desktop writes them (milliseconds, `ord`, `extra`).
    Desktop,
}

fn flavour(db: &ForeignDb) -> StoreResult<Flavour> {
    let tables = db.tables()?;
    if !tables.contains("canvases") {
        return Err(StoreError::invalid(
            "tables",
            "this SQLite database has no `canvases` table, so it holds no Koda canvases",
        ));
    }
    if db.columns("canvases")?.contains("nodes") {
        return Ok(Flavour::WebJson);
    }
    if !tables.contains("canvas_nodes") {
        return Err(StoreError::invalid(
            "tables",
            "the `canvases` table has no `nodes` column and there is no `canvas_nodes` table: not a Koda database",
        ));
    }
    let desktop =
        tables.contains("schema_migrations") && db.columns("canvas_nodes")?.contains("ord");
    Ok(if desktop {
        Flavour::Desktop
    } else {
        Flavour::Drizzle
    })
}

/// Reads every canvas of a foreign database, checked.
pub(crate) fn read(
    path: &Path,
    progress: ProgressFn<'_>,
) -> StoreResult<(SourceFormat, Vec<StoredCanvas>, Vec<PendingAsset>)> {
    let db = ForeignDb::open(path)?;
    let (format, canvases) = match flavour(&db)? {
        Flavour::WebJson => (SourceFormat::WebSqlite, web_sqlite::read(&db, progress)?),
        Flavour::Drizzle => (
            SourceFormat::DrizzleSqlite,
            normalized_sqlite::read(&db, false, progress)?,
        ),
        Flavour::Desktop => (
            SourceFormat::DesktopSqlite,
            normalized_sqlite::read(&db, true, progress)?,
        ),
    };
    Ok((format, canvases, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_foreign_file_is_opened_with_an_untrusted_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("web.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE t(x); CREATE VIEW v AS SELECT x FROM t;")
            .unwrap();
        let db = ForeignDb::open(&path).unwrap();
        use rusqlite::config::DbConfig;
        assert!(!db
            .conn
            .db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA)
            .unwrap());
        assert!(db
            .conn
            .db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE)
            .unwrap());
        assert!(
            db.conn.execute("INSERT INTO t VALUES (1)", []).is_err(),
            "read-only"
        );
    }
}
