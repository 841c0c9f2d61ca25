//! The `change_log` table and the NOTIFY that tells other app instances about a change.

use super::Tx;
use crate::error_map::PgResultExt;
use koda_core::{ChangeEvent, ChangeKind, EpochMs, Revision, StoreResult};
use postgres::types::Type;

/// Where an instance is told about changes, per schema (NOTIFY channels are database-wide).
pub fn channel(schema: &str) -> String {
    format!("koda_changes_{schema}")
}

/// Appends a change inside the writing transaction and queues its NOTIFY, which PostgreSQL
/// delivers only if the transaction commits (`koda_record_change`, one round trip). Returns the
/// event to send locally after commit.
pub fn record(
    tx: &mut Tx<'_>,
    origin: &str,
    schema: &str,
    kind: ChangeKind,
    canvas_id: Option<&str>,
    revision: Option<Revision>,
    at: EpochMs,
) -> StoreResult<ChangeEvent> {
    let seq: i64 = tx
        .query_typed_one(
            "SELECT koda_record_change($1, $2, $3, $4, $5, $6)",
            &[
                (&kind.as_str(), Type::TEXT),
                (&canvas_id, Type::TEXT),
                (&revision, Type::INT8),
                (&at, Type::INT8),
                (&origin, Type::TEXT),
                (&channel(schema), Type::TEXT),
            ],
        )
        .pg_err()?
        .get(0);
    Ok(ChangeEvent {
        seq,
        kind,
        canvas_id: canvas_id.map(str::to_owned),
        revision,
        at,
    })
}

/// A NOTIFY payload: who wrote the change, and the change.
pub fn parse_notification(payload: &str) -> Option<(String, ChangeEvent)> {
    let value: serde_json::Value = serde_json::from_str(payload).ok()?;
    let origin = value.get("origin")?.as_str()?.to_owned();
    let event = serde_json::from_value(value.get("event")?.clone()).ok()?;
    Some((origin, event))
}

/// Changes after `seq`, oldest first, optionally leaving out one instance's own.
pub fn since(
    client: &mut impl postgres::GenericClient,
    seq: i64,
    limit: u32,
    skip_origin: Option<&str>,
) -> StoreResult<Vec<ChangeEvent>> {
    let rows = client
        .query(
            "SELECT seq, kind, canvas_id, revision, koda_ms(at) FROM change_log
             WHERE seq > $1 AND ($3::text IS NULL OR origin <> $3) ORDER BY seq LIMIT $2",
            &[&seq, &i64::from(limit), &skip_origin],
        )
        .pg_err()?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            // A kind from a newer version is skipped rather than failing the whole feed.
            Some(ChangeEvent {
                seq: row.get(0),
                kind: ChangeKind::parse(row.get(1))?,
                canvas_id: row.get(2),
                revision: row.get(3),
                at: row.get(4),
            })
        })
        .collect())
}

/// The newest change's position (0 when none).
pub fn latest_seq(client: &mut impl postgres::GenericClient) -> StoreResult<i64> {
    Ok(client
        .query_one("SELECT coalesce(max(seq), 0) FROM change_log", &[])
        .pg_err()?
        .get(0))
}
