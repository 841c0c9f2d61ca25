//! The `canvas_versions` table (reverse deltas) and the search index (`search_text` +
//! `search_fts`).

use super::ids_param;
use crate::error_map::SqliteResultExt;
use koda_core::history::{HistoryRow, ReverseDelta};
use koda_core::rules::{IndexEntry, IndexHit};
use koda_core::{EpochMs, StoreResult, StoredCanvas, VersionSource};
use rusqlite::{params, Connection};

pub fn append(conn: &Connection, row: &HistoryRow) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO canvas_versions (canvas_id, at, source, author, before_revision, before_name,
           before_node_count, before_updated_at, delta) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .store_err()?
    .execute(params![
        row.canvas_id,
        row.at,
        row.source.as_str(),
        row.author,
        row.before_revision,
        row.before_name,
        row.before_node_count,
        row.before_updated_at,
        serde_json::to_string(&row.delta)?,
    ])
    .store_err()?;
    Ok(())
}

pub fn rows(
    conn: &Connection,
    canvas_id: &str,
    from_id: i64,
    with_deltas: bool,
) -> StoreResult<Vec<HistoryRow>> {
    let mut statement = conn
        .prepare_cached(
            "SELECT id, at, source, author, before_revision, before_name, before_node_count,
                    before_updated_at, CASE WHEN ?3 THEN delta END
             FROM canvas_versions WHERE canvas_id = ?1 AND id >= ?2 ORDER BY id",
        )
        .store_err()?;
    let mut rows = statement
        .query(params![canvas_id, from_id, with_deltas])
        .store_err()?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().store_err()? {
        let delta: Option<String> = row.get(8).store_err()?;
        let delta = match delta {
            Some(text) => serde_json::from_str(&text)?,
            None => ReverseDelta::new(StoredCanvas::new("", 0)),
        };
        out.push(HistoryRow {
            id: row.get(0).store_err()?,
            canvas_id: canvas_id.to_owned(),
            at: row.get(1).store_err()?,
            source: VersionSource::parse(&row.get::<_, String>(2).store_err()?),
            author: row.get(3).store_err()?,
            before_revision: row.get(4).store_err()?,
            before_name: row.get(5).store_err()?,
            before_node_count: row.get(6).store_err()?,
            before_updated_at: row.get(7).store_err()?,
            delta,
        });
    }
    Ok(out)
}

pub fn canvases_with_history(conn: &Connection) -> StoreResult<Vec<String>> {
    let mut statement = conn
        .prepare_cached("SELECT DISTINCT canvas_id FROM canvas_versions")
        .store_err()?;
    let ids = statement
        .query_map([], |row| row.get(0))
        .store_err()?
        .collect::<Result<Vec<String>, _>>()
        .store_err()?;
    Ok(ids)
}

pub fn delete(conn: &Connection, ids: &[i64]) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    conn.prepare_cached(
        "DELETE FROM canvas_versions WHERE id IN (SELECT value FROM json_each(?1))",
    )
    .store_err()?
    .execute([serde_json::to_string(ids)?])
    .store_err()?;
    Ok(())
}

/// Change-log entries and replaced sync versions older than `before`.
pub fn prune_logs(conn: &Connection, before: EpochMs) -> StoreResult<u64> {
    let changes = conn
        .execute("DELETE FROM change_log WHERE at < ?1", [before])
        .store_err()?;
    let losers = conn
        .execute("DELETE FROM canvas_history WHERE at < ?1", [before])
        .store_err()?;
    Ok((changes + losers) as u64)
}

pub fn index_text(conn: &Connection, entry: &IndexEntry<'_>) -> StoreResult<()> {
    let node_id = entry.node_id.unwrap_or("");
    if entry.text.trim().is_empty() {
        conn.prepare_cached("DELETE FROM search_text WHERE canvas_id = ?1 AND node_id = ?2")
            .store_err()?
            .execute(params![entry.canvas_id, node_id])
            .store_err()?;
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO search_text (canvas_id, node_id, node_type, text) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (canvas_id, node_id) DO UPDATE SET node_type = excluded.node_type, text = excluded.text
         WHERE search_text.text IS NOT excluded.text OR search_text.node_type IS NOT excluded.node_type",
    )
    .store_err()?
    .execute(params![entry.canvas_id, node_id, entry.node_type, entry.text])
    .store_err()?;
    Ok(())
}

pub fn unindex_nodes(conn: &Connection, canvas_id: &str, node_ids: &[String]) -> StoreResult<()> {
    if node_ids.is_empty() {
        return Ok(());
    }
    conn.prepare_cached(
        "DELETE FROM search_text WHERE canvas_id = ?1 AND node_id IN (SELECT value FROM json_each(?2))",
    )
    .store_err()?
    .execute(params![canvas_id, ids_param(node_ids)])
    .store_err()?;
    Ok(())
}

pub fn clear_index(conn: &Connection) -> StoreResult<()> {
    conn.execute_batch(
        "DELETE FROM search_text; INSERT INTO search_fts(search_fts) VALUES ('rebuild');",
    )
    .store_err()
}

/// FTS5 with every term a quoted prefix (`"word"*`): terms are letters and digits only, so no
/// query text can be read as syntax.
pub fn search(
    conn: &Connection,
    terms: &[String],
    include_trash: bool,
    limit: usize,
) -> StoreResult<Vec<IndexHit>> {
    let expression = terms
        .iter()
        .map(|t| format!("\"{}\"*", t.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ");
    let mut statement = conn
        .prepare_cached(
            "SELECT s.canvas_id, c.name, s.node_id, s.node_type, s.text, bm25(search_fts),
                    c.deleted_at IS NOT NULL
             FROM search_fts JOIN search_text s ON s.id = search_fts.rowid
             JOIN canvases c ON c.id = s.canvas_id
             WHERE search_fts MATCH ?1 AND (?2 OR c.deleted_at IS NULL)
             ORDER BY bm25(search_fts), c.updated_at DESC LIMIT ?3",
        )
        .store_err()?;
    let hits = statement
        .query_map(params![expression, include_trash, limit as i64], |row| {
            let node_id: String = row.get(2)?;
            let rank: f64 = row.get(5)?;
            Ok(IndexHit {
                canvas_id: row.get(0)?,
                canvas_name: row.get(1)?,
                node_id: (!node_id.is_empty()).then_some(node_id),
                node_type: row.get(3)?,
                text: row.get(4)?,
                // bm25 is lower for better matches.
                score: -rank,
                trashed: row.get(6)?,
            })
        })
        .store_err()?
        .collect::<Result<Vec<_>, _>>()
        .store_err()?;
    Ok(hits)
}
