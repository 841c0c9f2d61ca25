//! The `canvas_versions` table (reverse deltas) and the search index (`search_text`, a GIN
//! index over a tsvector of text the app has folded).

use super::Tx;
use crate::error_map::PgResultExt;
use koda_core::history::{HistoryRow, ReverseDelta};
use koda_core::rules::{IndexEntry, IndexHit};
use koda_core::{EpochMs, StoreResult, StoredCanvas, VersionSource};

pub fn append(tx: &mut Tx<'_>, row: &HistoryRow) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO canvas_versions (canvas_id, at, source, author, before_revision, before_name,
           before_node_count, before_updated_at, delta)
         VALUES ($1, koda_ts($2), $3, $4, $5, $6, $7, koda_ts($8), $9)",
        &[
            &row.canvas_id,
            &row.at,
            &row.source.as_str(),
            &row.author,
            &row.before_revision,
            &row.before_name,
            &row.before_node_count,
            &row.before_updated_at,
            &serde_json::to_string(&row.delta)?,
        ],
    )
    .pg_err()?;
    Ok(())
}

pub fn rows(
    tx: &mut Tx<'_>,
    canvas_id: &str,
    from_id: i64,
    with_deltas: bool,
) -> StoreResult<Vec<HistoryRow>> {
    let rows = tx
        .query(
            "SELECT id, koda_ms(at), source, author, before_revision, before_name, before_node_count,
                    koda_ms(before_updated_at), CASE WHEN $3 THEN delta END
             FROM canvas_versions WHERE canvas_id = $1 AND id >= $2 ORDER BY id",
            &[&canvas_id, &from_id, &with_deltas],
        )
        .pg_err()?;
    rows.iter()
        .map(|row| {
            let delta: Option<String> = row.get(8);
            let source: String = row.get(2);
            Ok(HistoryRow {
                id: row.get(0),
                canvas_id: canvas_id.to_owned(),
                at: row.get(1),
                source: VersionSource::parse(&source),
                author: row.get(3),
                before_revision: row.get(4),
                before_name: row.get(5),
                before_node_count: row.get(6),
                before_updated_at: row.get(7),
                delta: match delta {
                    Some(text) => serde_json::from_str(&text)?,
                    None => ReverseDelta::new(StoredCanvas::new("", 0)),
                },
            })
        })
        .collect()
}

pub fn canvases_with_history(tx: &mut Tx<'_>) -> StoreResult<Vec<String>> {
    Ok(tx
        .query("SELECT DISTINCT canvas_id FROM canvas_versions", &[])
        .pg_err()?
        .iter()
        .map(|row| row.get(0))
        .collect())
}

pub fn delete(tx: &mut Tx<'_>, ids: &[i64]) -> StoreResult<()> {
    if !ids.is_empty() {
        tx.execute("DELETE FROM canvas_versions WHERE id = ANY($1)", &[&ids])
            .pg_err()?;
    }
    Ok(())
}

pub fn prune_logs(tx: &mut Tx<'_>, before: EpochMs) -> StoreResult<u64> {
    tx.execute("DELETE FROM change_log WHERE at < koda_ts($1)", &[&before])
        .pg_err()
}

pub fn index_text(tx: &mut Tx<'_>, entry: &IndexEntry<'_>) -> StoreResult<()> {
    let node_id = entry.node_id.unwrap_or("");
    if entry.text.trim().is_empty() {
        tx.execute(
            "DELETE FROM search_text WHERE canvas_id = $1 AND node_id = $2",
            &[&entry.canvas_id, &node_id],
        )
        .pg_err()?;
        return Ok(());
    }
    tx.execute(
        "INSERT INTO search_text (canvas_id, node_id, node_type, text, tsv)
         VALUES ($1, $2, $3, $4, to_tsvector('simple', $5))
         ON CONFLICT (canvas_id, node_id) DO UPDATE
           SET node_type = excluded.node_type, text = excluded.text, tsv = excluded.tsv
           WHERE search_text.text IS DISTINCT FROM excluded.text
              OR search_text.node_type IS DISTINCT FROM excluded.node_type",
        &[
            &entry.canvas_id,
            &node_id,
            &entry.node_type,
            &entry.text,
            &entry.folded,
        ],
    )
    .pg_err()?;
    Ok(())
}

pub fn unindex_nodes(tx: &mut Tx<'_>, canvas_id: &str, node_ids: &[String]) -> StoreResult<()> {
    if !node_ids.is_empty() {
        tx.execute(
            "DELETE FROM search_text WHERE canvas_id = $1 AND node_id = ANY($2)",
            &[&canvas_id, &node_ids],
        )
        .pg_err()?;
    }
    Ok(())
}

pub fn clear_index(tx: &mut Tx<'_>) -> StoreResult<()> {
    tx.batch_execute("DELETE FROM search_text").pg_err()
}

/// Every folded term as a prefix (`term:*`), all required. Terms are letters and digits only,
/// so no query text is read as tsquery syntax.
pub fn search(
    tx: &mut Tx<'_>,
    terms: &[String],
    include_trash: bool,
    limit: usize,
) -> StoreResult<Vec<IndexHit>> {
    let query = terms
        .iter()
        .map(|t| format!("{t}:*"))
        .collect::<Vec<_>>()
        .join(" & ");
    let rows = tx
        .query(
            "SELECT s.canvas_id, c.name, s.node_id, s.node_type, s.text,
                    ts_rank(s.tsv, q)::float8, c.deleted_at IS NOT NULL
             FROM search_text s JOIN canvases c ON c.id = s.canvas_id,
                  to_tsquery('simple', $1) q
             WHERE s.tsv @@ q AND ($2 OR c.deleted_at IS NULL)
             ORDER BY 6 DESC, c.updated_at DESC LIMIT $3",
            &[&query, &include_trash, &(limit as i64)],
        )
        .pg_err()?;
    Ok(rows
        .iter()
        .map(|row| {
            let node_id: String = row.get(2);
            IndexHit {
                canvas_id: row.get(0),
                canvas_name: row.get(1),
                node_id: (!node_id.is_empty()).then_some(node_id),
                node_type: row.get(3),
                text: row.get(4),
                score: row.get(5),
                trashed: row.get(6),
            }
        })
        .collect())
}
