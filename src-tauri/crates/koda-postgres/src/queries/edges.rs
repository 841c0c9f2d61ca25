//! The `canvas_edges` table, written through `UNNEST` like the nodes.

use super::{extra_from_sql, extra_to_sql, Tx};
use crate::error_map::PgResultExt;
use koda_core::{CanvasEdge, StoreResult};

/// A canvas's edges in their saved order (ties by id).
pub fn load(tx: &mut Tx<'_>, canvas_id: &str) -> StoreResult<Vec<CanvasEdge>> {
    load_some(tx, canvas_id, None, None)
}

/// The edges of a canvas, or only those among `ids`, or only those touching `nodes`.
pub fn load_some(
    tx: &mut Tx<'_>,
    canvas_id: &str,
    ids: Option<&[&str]>,
    nodes: Option<&[String]>,
) -> StoreResult<Vec<CanvasEdge>> {
    let rows = tx
        .query(
            "SELECT id, source_node_id, source_handle, target_node_id, target_handle, type, extra::text
             FROM canvas_edges WHERE canvas_id = $1 AND ($2::text[] IS NULL OR id = ANY($2))
               AND ($3::text[] IS NULL OR source_node_id = ANY($3) OR target_node_id = ANY($3))
             ORDER BY ord, id COLLATE \"C\"",
            &[&canvas_id, &ids, &nodes],
        )
        .pg_err()?;
    rows.iter()
        .map(|row| {
            Ok(CanvasEdge {
                id: row.get(0),
                source: row.get(1),
                source_handle: row.get(2),
                target: row.get(3),
                target_handle: row.get(4),
                edge_type: row.get(5),
                extra: extra_from_sql(row.get(6))?,
            })
        })
        .collect()
}

/// Inserts or replaces `edges`, the n-th getting `first_ord + n` when placed; `replace_order`
/// also moves existing edges.
pub fn upsert_many(
    tx: &mut Tx<'_>,
    canvas_id: &str,
    edges: &[CanvasEdge],
    first_ord: i64,
    replace_order: bool,
) -> StoreResult<()> {
    if edges.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = edges.iter().map(|e| e.id.as_str()).collect();
    let sources: Vec<&str> = edges.iter().map(|e| e.source.as_str()).collect();
    let source_handles: Vec<Option<&str>> =
        edges.iter().map(|e| e.source_handle.as_deref()).collect();
    let targets: Vec<&str> = edges.iter().map(|e| e.target.as_str()).collect();
    let target_handles: Vec<Option<&str>> =
        edges.iter().map(|e| e.target_handle.as_deref()).collect();
    let types: Vec<Option<&str>> = edges.iter().map(|e| e.edge_type.as_deref()).collect();
    let ords: Vec<i64> = (0..edges.len() as i64).map(|i| first_ord + i).collect();
    let extra: Vec<Option<String>> = edges
        .iter()
        .map(|e| extra_to_sql(&e.extra))
        .collect::<StoreResult<_>>()?;
    let move_existing = if replace_order {
        ", ord = excluded.ord"
    } else {
        ""
    };
    let sql = format!(
        "INSERT INTO canvas_edges (canvas_id, id, source_node_id, source_handle, target_node_id, target_handle, type, ord, extra)
         SELECT $1, u.id, u.src, u.src_handle, u.tgt, u.tgt_handle, u.type, u.ord, u.extra::jsonb
         FROM UNNEST($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int8[], $9::text[])
              AS u(id, src, src_handle, tgt, tgt_handle, type, ord, extra)
         ON CONFLICT (canvas_id, id) DO UPDATE SET
           source_node_id = excluded.source_node_id, source_handle = excluded.source_handle,
           target_node_id = excluded.target_node_id, target_handle = excluded.target_handle,
           type = excluded.type, extra = excluded.extra{move_existing}"
    );
    tx.execute(
        &sql,
        &[
            &canvas_id,
            &ids,
            &sources,
            &source_handles,
            &targets,
            &target_handles,
            &types,
            &ords,
            &extra,
        ],
    )
    .pg_err()?;
    Ok(())
}

/// The position in `node_ids` of the first id that is not a node of the canvas.
pub fn first_missing_node(
    tx: &mut Tx<'_>,
    canvas_id: &str,
    node_ids: &[&str],
) -> StoreResult<Option<usize>> {
    if node_ids.is_empty() {
        return Ok(None);
    }
    let missing = tx
        .query_opt(
            "SELECT u.i FROM UNNEST($2::text[]) WITH ORDINALITY AS u(node_id, i)
             WHERE NOT EXISTS (SELECT 1 FROM canvas_nodes n WHERE n.canvas_id = $1 AND n.id = u.node_id)
             ORDER BY u.i LIMIT 1",
            &[&canvas_id, &node_ids],
        )
        .pg_err()?;
    Ok(missing.map(|row| (row.get::<_, i64>(0) - 1) as usize))
}

/// Deletes edges by id.
pub fn delete_many(tx: &mut Tx<'_>, canvas_id: &str, ids: &[String]) -> StoreResult<()> {
    if !ids.is_empty() {
        tx.execute(
            "DELETE FROM canvas_edges WHERE canvas_id = $1 AND id = ANY($2)",
            &[&canvas_id, &ids],
        )
        .pg_err()?;
    }
    Ok(())
}

/// Deletes every edge touching one of `node_ids`.
pub fn delete_touching(tx: &mut Tx<'_>, canvas_id: &str, node_ids: &[String]) -> StoreResult<()> {
    if !node_ids.is_empty() {
        tx.execute(
            "DELETE FROM canvas_edges WHERE canvas_id = $1
               AND (source_node_id = ANY($2) OR target_node_id = ANY($2))",
            &[&canvas_id, &node_ids],
        )
        .pg_err()?;
    }
    Ok(())
}

/// Copies every edge of one canvas to another.
pub fn copy(tx: &mut Tx<'_>, from: &str, to: &str) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO canvas_edges (canvas_id, id, source_node_id, source_handle, target_node_id, target_handle, type, ord, extra)
         SELECT $2, id, source_node_id, source_handle, target_node_id, target_handle, type, ord, extra
         FROM canvas_edges WHERE canvas_id = $1",
        &[&from, &to],
    )
    .pg_err()?;
    Ok(())
}
