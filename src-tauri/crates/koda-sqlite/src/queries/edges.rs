//! The `canvas_edges` table.

use super::{extra_from_sql, extra_to_sql, ids_param};
use crate::error_map::SqliteResultExt;
use koda_core::{CanvasEdge, StoreResult};
use rusqlite::{params, Connection, OptionalExtension};

/// A canvas's edges in their saved order (ties by id, as for nodes).
pub fn load(conn: &Connection, canvas_id: &str) -> StoreResult<Vec<CanvasEdge>> {
    let mut statement = conn
        .prepare_cached(
            "SELECT id, source_node_id, source_handle, target_node_id, target_handle, type, extra
             FROM canvas_edges WHERE canvas_id = ?1 ORDER BY ord, id",
        )
        .store_err()?;
    let mut rows = statement.query([canvas_id]).store_err()?;
    let mut edges = Vec::new();
    while let Some(row) = rows.next().store_err()? {
        edges.push(CanvasEdge {
            id: row.get(0).store_err()?,
            source: row.get(1).store_err()?,
            source_handle: row.get(2).store_err()?,
            target: row.get(3).store_err()?,
            target_handle: row.get(4).store_err()?,
            edge_type: row.get(5).store_err()?,
            extra: extra_from_sql(row.get(6).store_err()?)?,
        });
    }
    Ok(edges)
}

/// Inserts or replaces edges with one prepared statement.
pub struct EdgeUpserter<'conn> {
    statement: rusqlite::CachedStatement<'conn>,
}

impl<'conn> EdgeUpserter<'conn> {
    /// `replace_order` moves existing edges to the `ord` given.
    pub fn new(conn: &'conn Connection, replace_order: bool) -> StoreResult<Self> {
        let sql = if replace_order {
            UPSERT_REPLACE_ORDER
        } else {
            UPSERT_KEEP_ORDER
        };
        Ok(Self {
            statement: conn.prepare_cached(sql).store_err()?,
        })
    }

    pub fn upsert(&mut self, canvas_id: &str, edge: &CanvasEdge, ord: i64) -> StoreResult<()> {
        self.statement
            .execute(params![
                canvas_id,
                edge.id,
                edge.source,
                edge.source_handle,
                edge.target,
                edge.target_handle,
                edge.edge_type,
                ord,
                extra_to_sql(&edge.extra)?,
            ])
            .store_err()?;
        Ok(())
    }
}

const UPSERT_KEEP_ORDER: &str = "INSERT INTO canvas_edges
      (canvas_id, id, source_node_id, source_handle, target_node_id, target_handle, type, ord, extra)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
    ON CONFLICT (canvas_id, id) DO UPDATE SET
      source_node_id = excluded.source_node_id, source_handle = excluded.source_handle,
      target_node_id = excluded.target_node_id, target_handle = excluded.target_handle,
      type = excluded.type, extra = excluded.extra";

const UPSERT_REPLACE_ORDER: &str = "INSERT INTO canvas_edges
      (canvas_id, id, source_node_id, source_handle, target_node_id, target_handle, type, ord, extra)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
    ON CONFLICT (canvas_id, id) DO UPDATE SET
      source_node_id = excluded.source_node_id, source_handle = excluded.source_handle,
      target_node_id = excluded.target_node_id, target_handle = excluded.target_handle,
      type = excluded.type, extra = excluded.extra, ord = excluded.ord";

/// Deletes edges by id; returns how many existed.
pub fn delete_many(conn: &Connection, canvas_id: &str, ids: &[String]) -> StoreResult<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    conn.prepare_cached(
        "DELETE FROM canvas_edges WHERE canvas_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
    )
    .store_err()?
    .execute(params![canvas_id, ids_param(ids)])
    .store_err()
}

/// Deletes every edge touching one of `node_ids`; returns how many.
pub fn delete_touching(
    conn: &Connection,
    canvas_id: &str,
    node_ids: &[String],
) -> StoreResult<usize> {
    if node_ids.is_empty() {
        return Ok(0);
    }
    conn.prepare_cached(
        "DELETE FROM canvas_edges WHERE canvas_id = ?1 AND (
           source_node_id IN (SELECT value FROM json_each(?2)) OR target_node_id IN (SELECT value FROM json_each(?2)))",
    )
    .store_err()?
    .execute(params![canvas_id, ids_param(node_ids)])
    .store_err()
}

/// Copies every edge of one canvas to another.
pub fn copy(conn: &Connection, from: &str, to: &str) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO canvas_edges
           (canvas_id, id, source_node_id, source_handle, target_node_id, target_handle, type, ord, extra)
         SELECT ?2, id, source_node_id, source_handle, target_node_id, target_handle, type, ord, extra
         FROM canvas_edges WHERE canvas_id = ?1",
        params![from, to],
    )
    .store_err()?;
    Ok(())
}

/// One edge with its order, or `None`.
pub fn load_one(
    conn: &Connection,
    canvas_id: &str,
    id: &str,
) -> StoreResult<Option<(CanvasEdge, i64)>> {
    let row = conn
        .prepare_cached(
            "SELECT source_node_id, source_handle, target_node_id, target_handle, type, extra, ord
             FROM canvas_edges WHERE canvas_id = ?1 AND id = ?2",
        )
        .store_err()?
        .query_row(params![canvas_id, id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, i64>(6)?,
            ))
        })
        .optional()
        .store_err()?;
    let Some((source, source_handle, target, target_handle, edge_type, extra, ord)) = row else {
        return Ok(None);
    };
    let edge = CanvasEdge {
        id: id.to_owned(),
        source,
        source_handle,
        target,
        target_handle,
        edge_type,
        extra: extra_from_sql(extra)?,
    };
    Ok(Some((edge, ord)))
}
