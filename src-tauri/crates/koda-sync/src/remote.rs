//! The remote side: a libSQL database reached over its HTTP protocol (Turso Cloud with
//! `libsql://…` and a token, or a self-hosted sqld). One table holds every synced row with its
//! clock and a server sequence number that orders pulls.

use koda_core::{StoreError, StoreResult};
use libsql::{params::IntoParams, Connection, TransactionBehavior, Value};
use std::collections::HashSet;

/// Version of the remote tables this build creates and understands.
pub const REMOTE_SCHEMA_VERSION: i64 = 1;

/// Rows per INSERT statement (7 parameters each stays far below SQLite's variable limit).
const ROWS_PER_STATEMENT: usize = 100;

/// A row as stored remotely.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteRow {
    pub entity: String,
    pub canvas_id: String,
    pub row_id: String,
    pub hlc: String,
    /// JSON of the row; `None` for a deletion (tombstone).
    pub payload: Option<String>,
    pub seq: i64,
}

impl RemoteRow {
    pub fn key(&self) -> (String, String, String) {
        (
            self.entity.clone(),
            self.canvas_id.clone(),
            self.row_id.clone(),
        )
    }
}

/// A connection to the remote database.
pub struct Remote {
    conn: Connection,
}

fn classify(error: libsql::Error) -> StoreError {
    let text = error.to_string();
    let lower = text.to_lowercase();
    let unreachable = [
        "connect",
        "connection",
        "refused",
        "timed out",
        "timeout",
        "dns",
        "hyper",
        "broken pipe",
        "reset",
        "unavailable",
        "eof",
    ];
    if unreachable.iter().any(|needle| lower.contains(needle)) {
        StoreError::Offline(text)
    } else {
        StoreError::Remote(text)
    }
}

impl Remote {
    /// Opens a client for `url` (`libsql://`, `https://` or `http://`). Nothing is sent yet.
    pub async fn connect(url: &str, token: &str) -> StoreResult<Self> {
        let url = url.trim();
        let url = url
            .strip_prefix("libsql://")
            .map_or_else(|| url.to_owned(), |rest| format!("https://{rest}"));
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(StoreError::Config(format!(
                "'{url}' is not a libsql://, https:// or http:// address"
            )));
        }
        let db = libsql::Builder::new_remote(url, token.to_owned())
            .build()
            .await
            .map_err(classify)?;
        let conn = db.connect().map_err(classify)?;
        Ok(Self { conn })
    }

    async fn query_i64(&self, sql: &str, params: impl IntoParams) -> StoreResult<Option<i64>> {
        let mut rows = self.conn.query(sql, params).await.map_err(classify)?;
        match rows.next().await.map_err(classify)? {
            Some(row) => Ok(Some(row.get::<i64>(0).map_err(classify)?)),
            None => Ok(None),
        }
    }

    /// Creates the remote tables on first use and refuses a remote made by a newer Koda.
    pub async fn ensure_schema(&self) -> StoreResult<()> {
        self.conn
            .execute_batch(
                "CREATE TABLE IF NOT EXISTS koda_meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
                 INSERT OR IGNORE INTO koda_meta (key, value) VALUES ('schema_version', 1), ('seq', 0);
                 CREATE TABLE IF NOT EXISTS koda_rows (
                   entity TEXT NOT NULL, canvas_id TEXT NOT NULL, row_id TEXT NOT NULL,
                   hlc TEXT NOT NULL, payload TEXT, seq INTEGER NOT NULL,
                   PRIMARY KEY (entity, canvas_id, row_id));
                 CREATE INDEX IF NOT EXISTS koda_rows_seq ON koda_rows (seq);",
            )
            .await
            .map_err(classify)?;
        let found = self
            .query_i64(
                "SELECT value FROM koda_meta WHERE key = 'schema_version'",
                (),
            )
            .await?
            .unwrap_or(0);
        if found > REMOTE_SCHEMA_VERSION {
            return Err(StoreError::RemoteTooNew {
                found,
                supported: REMOTE_SCHEMA_VERSION,
            });
        }
        Ok(())
    }

    /// Rows written after `since` (a server sequence number), in sequence order.
    pub async fn pull(&self, since: i64) -> StoreResult<Vec<RemoteRow>> {
        let mut rows = self
            .conn
            .query(
                "SELECT entity, canvas_id, row_id, hlc, payload, seq FROM koda_rows WHERE seq > ?1 ORDER BY seq, entity, canvas_id, row_id",
                [since],
            )
            .await
            .map_err(classify)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().await.map_err(classify)? {
            out.push(RemoteRow {
                entity: row.get(0).map_err(classify)?,
                canvas_id: row.get(1).map_err(classify)?,
                row_id: row.get(2).map_err(classify)?,
                hlc: row.get(3).map_err(classify)?,
                payload: row.get(4).map_err(classify)?,
                seq: row.get(5).map_err(classify)?,
            });
        }
        Ok(out)
    }

    /// Writes rows in one transaction. A row is only replaced by a later clock; returns the
    /// sequence number of the push and the keys the server accepted (the others lost to a newer
    /// version already there, which the next pull brings back).
    pub async fn push(
        &self,
        rows: &[RemoteRow],
    ) -> StoreResult<(i64, HashSet<(String, String, String)>)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .await
            .map_err(classify)?;
        let seq = {
            let mut result = tx
                .query(
                    "UPDATE koda_meta SET value = value + 1 WHERE key = 'seq' RETURNING value",
                    (),
                )
                .await
                .map_err(classify)?;
            let row = result
                .next()
                .await
                .map_err(classify)?
                .ok_or_else(|| StoreError::Remote("sync sequence missing".into()))?;
            row.get::<i64>(0).map_err(classify)?
        };
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let placeholders = vec!["(?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
            let sql = format!(
                "INSERT INTO koda_rows (entity, canvas_id, row_id, hlc, payload, seq) VALUES {placeholders}
                 ON CONFLICT (entity, canvas_id, row_id) DO UPDATE SET
                   hlc = excluded.hlc, payload = excluded.payload, seq = excluded.seq
                 WHERE excluded.hlc > koda_rows.hlc"
            );
            let mut values = Vec::with_capacity(chunk.len() * 6);
            for row in chunk {
                values.push(Value::Text(row.entity.clone()));
                values.push(Value::Text(row.canvas_id.clone()));
                values.push(Value::Text(row.row_id.clone()));
                values.push(Value::Text(row.hlc.clone()));
                values.push(row.payload.clone().map_or(Value::Null, Value::Text));
                values.push(Value::Integer(seq));
            }
            tx.execute(&sql, values).await.map_err(classify)?;
        }
        let mut accepted = HashSet::new();
        {
            let mut result = tx
                .query(
                    "SELECT entity, canvas_id, row_id FROM koda_rows WHERE seq = ?1",
                    [seq],
                )
                .await
                .map_err(classify)?;
            while let Some(row) = result.next().await.map_err(classify)? {
                accepted.insert((
                    row.get(0).map_err(classify)?,
                    row.get(1).map_err(classify)?,
                    row.get(2).map_err(classify)?,
                ));
            }
        }
        tx.commit().await.map_err(classify)?;
        Ok((seq, accepted))
    }

    /// A cheap round trip, for "Test connection".
    pub async fn ping(&self) -> StoreResult<()> {
        self.query_i64("SELECT 1", ()).await.map(drop)
    }

    /// The server's wall clock in milliseconds: the reference every device's clock is checked
    /// against.
    pub async fn now_ms(&self) -> StoreResult<i64> {
        self.query_i64(
            "SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
            (),
        )
        .await?
        .ok_or_else(|| StoreError::Remote("the server did not tell its time".into()))
    }
}
