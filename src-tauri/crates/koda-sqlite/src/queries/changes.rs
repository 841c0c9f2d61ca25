//! The `change_log` table.

use crate::error_map::SqliteResultExt;
use koda_core::{ChangeEvent, ChangeKind, EpochMs, Revision, StoreResult};
use rusqlite::{params, Connection};

/// Appends a change inside the writing transaction; returns the event to send after commit.
pub fn record(
    conn: &Connection,
    kind: ChangeKind,
    canvas_id: Option<&str>,
    revision: Option<Revision>,
    at: EpochMs,
) -> StoreResult<ChangeEvent> {
    conn.prepare_cached(
        "INSERT INTO change_log (kind, canvas_id, revision, at) VALUES (?1, ?2, ?3, ?4)",
    )
    .store_err()?
    .execute(params![kind.as_str(), canvas_id, revision, at])
    .store_err()?;
    Ok(ChangeEvent {
        seq: conn.last_insert_rowid(),
        kind,
        canvas_id: canvas_id.map(str::to_owned),
        revision,
        at,
    })
}

/// Changes after `seq`, oldest first.
pub fn since(conn: &Connection, seq: i64, limit: u32) -> StoreResult<Vec<ChangeEvent>> {
    let mut statement = conn
        .prepare_cached("SELECT seq, kind, canvas_id, revision, at FROM change_log WHERE seq > ?1 ORDER BY seq LIMIT ?2")
        .store_err()?;
    let rows = statement
        .query_map(params![seq, limit], |row| {
            let kind: String = row.get(1)?;
            Ok((row.get(0)?, kind, row.get(2)?, row.get(3)?, row.get(4)?))
        })
        .store_err()?;
    let mut events = Vec::new();
    for row in rows {
        let (seq, kind, canvas_id, revision, at) = row.store_err()?;
        // A kind from a newer version is skipped rather than failing the whole feed.
        if let Some(kind) = ChangeKind::parse(&kind) {
            events.push(ChangeEvent {
                seq,
                kind,
                canvas_id,
                revision,
                at,
            });
        }
    }
    Ok(events)
}

/// The newest change's position (0 when none).
pub fn latest_seq(conn: &Connection) -> StoreResult<i64> {
    conn.query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |row| {
        row.get(0)
    })
    .store_err()
}
