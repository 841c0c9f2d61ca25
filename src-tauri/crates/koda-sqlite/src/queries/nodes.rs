//! The `canvas_nodes` table.

use super::{extra_from_sql, extra_to_sql, ids_param};
use crate::error_map::SqliteResultExt;
use koda_core::{CanvasNode, EpochMs, JsonText, Position, StoreError, StoreResult};
use rusqlite::{params, Connection, OptionalExtension};

/// A canvas's nodes in draw order. Ties in `ord` (two synced devices can give different new
/// nodes the same one) break by id, so every device draws the same order.
pub fn load(conn: &Connection, canvas_id: &str) -> StoreResult<Vec<CanvasNode>> {
    let mut statement = conn
        .prepare_cached(
            "SELECT id, type, position_x, position_y, width, height, data, z_index, extra
             FROM canvas_nodes WHERE canvas_id = ?1 ORDER BY ord, id",
        )
        .store_err()?;
    let mut rows = statement.query([canvas_id]).store_err()?;
    let mut nodes = Vec::new();
    while let Some(row) = rows.next().store_err()? {
        let data: String = row.get(6).store_err()?;
        let id: String = row.get(0).store_err()?;
        let data = JsonText::parse(data).map_err(|error| {
            StoreError::Corrupt(format!("node '{id}' has invalid JSON data: {error}"))
        })?;
        nodes.push(CanvasNode {
            id,
            node_type: row.get(1).store_err()?,
            position: Position {
                x: row.get(2).store_err()?,
                y: row.get(3).store_err()?,
            },
            width: row.get(4).store_err()?,
            height: row.get(5).store_err()?,
            data,
            z_index: row.get(7).store_err()?,
            extra: extra_from_sql(row.get(8).store_err()?)?,
        });
    }
    Ok(nodes)
}

pub use koda_core::rules::Order;

/// Inserts or replaces nodes with one prepared statement.
pub struct NodeUpserter<'conn> {
    statement: rusqlite::CachedStatement<'conn>,
    now: EpochMs,
}

impl<'conn> NodeUpserter<'conn> {
    pub fn new(conn: &'conn Connection, order: Order, now: EpochMs) -> StoreResult<Self> {
        let sql = match order {
            Order::KeepExisting => UPSERT_KEEP_ORDER,
            Order::Replace => UPSERT_REPLACE_ORDER,
        };
        Ok(Self {
            statement: conn.prepare_cached(sql).store_err()?,
            now,
        })
    }

    /// Writes one node; returns whether it was new. A new row keeps the `ord` passed in, an
    /// existing one (with `Order::KeepExisting`) keeps its own, which is how inserts are told
    /// apart from updates without a second query: callers pass an `ord` no existing node has.
    pub fn upsert(&mut self, canvas_id: &str, node: &CanvasNode, ord: i64) -> StoreResult<bool> {
        let stored_ord: i64 = self
            .statement
            .query_row(
                params![
                    canvas_id,
                    node.id,
                    node.node_type,
                    node.position.x,
                    node.position.y,
                    node.width,
                    node.height,
                    node.data.as_str(),
                    node.z_index,
                    self.now,
                    ord,
                    extra_to_sql(&node.extra)?,
                ],
                |row| row.get(0),
            )
            .store_err()?;
        Ok(stored_ord == ord)
    }
}

const UPSERT_KEEP_ORDER: &str = "INSERT INTO canvas_nodes
      (canvas_id, id, type, position_x, position_y, width, height, data, z_index, created_at, updated_at, ord, extra)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12)
    ON CONFLICT (canvas_id, id) DO UPDATE SET
      type = excluded.type, position_x = excluded.position_x, position_y = excluded.position_y,
      width = excluded.width, height = excluded.height, data = excluded.data, z_index = excluded.z_index,
      updated_at = excluded.updated_at, extra = excluded.extra
    RETURNING ord";

const UPSERT_REPLACE_ORDER: &str = "INSERT INTO canvas_nodes
      (canvas_id, id, type, position_x, position_y, width, height, data, z_index, created_at, updated_at, ord, extra)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12)
    ON CONFLICT (canvas_id, id) DO UPDATE SET
      type = excluded.type, position_x = excluded.position_x, position_y = excluded.position_y,
      width = excluded.width, height = excluded.height, data = excluded.data, z_index = excluded.z_index,
      updated_at = excluded.updated_at, extra = excluded.extra, ord = excluded.ord
    RETURNING ord";

/// Deletes nodes by id; returns how many existed.
pub fn delete_many(conn: &Connection, canvas_id: &str, ids: &[String]) -> StoreResult<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    conn.prepare_cached(
        "DELETE FROM canvas_nodes WHERE canvas_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
    )
    .store_err()?
    .execute(params![canvas_id, ids_param(ids)])
    .store_err()
}

/// Whether a node exists on a canvas.
pub fn exists(conn: &Connection, canvas_id: &str, id: &str) -> StoreResult<bool> {
    conn.prepare_cached("SELECT 1 FROM canvas_nodes WHERE canvas_id = ?1 AND id = ?2")
        .store_err()?
        .query_row(params![canvas_id, id], |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
        .store_err()
}

/// Copies every node of one canvas to another (set-based, one statement).
pub fn copy(conn: &Connection, from: &str, to: &str, now: EpochMs) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO canvas_nodes
           (canvas_id, id, type, position_x, position_y, width, height, data, z_index, created_at, updated_at, ord, extra)
         SELECT ?2, id, type, position_x, position_y, width, height, data, z_index, ?3, ?3, ord, extra
         FROM canvas_nodes WHERE canvas_id = ?1",
        params![from, to, now],
    )
    .store_err()?;
    Ok(())
}

/// Number of nodes on a canvas, counted from the rows.
pub fn count(conn: &Connection, canvas_id: &str) -> StoreResult<i64> {
    conn.prepare_cached("SELECT count(*) FROM canvas_nodes WHERE canvas_id = ?1")
        .store_err()?
        .query_row([canvas_id], |row| row.get(0))
        .store_err()
}

/// One node with its order, or `None`.
pub fn load_one(
    conn: &Connection,
    canvas_id: &str,
    id: &str,
) -> StoreResult<Option<(CanvasNode, i64)>> {
    let row = conn
        .prepare_cached(
            "SELECT type, position_x, position_y, width, height, data, z_index, extra, ord
             FROM canvas_nodes WHERE canvas_id = ?1 AND id = ?2",
        )
        .store_err()?
        .query_row(params![canvas_id, id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, f64>(1)?,
                row.get::<_, f64>(2)?,
                row.get::<_, Option<f64>>(3)?,
                row.get::<_, Option<f64>>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, Option<i64>>(6)?,
                row.get::<_, Option<String>>(7)?,
                row.get::<_, i64>(8)?,
            ))
        })
        .optional()
        .store_err()?;
    let Some((node_type, x, y, width, height, data, z_index, extra, ord)) = row else {
        return Ok(None);
    };
    let data = JsonText::parse(data)
        .map_err(|e| StoreError::Corrupt(format!("node '{id}' has invalid JSON data: {e}")))?;
    let node = CanvasNode {
        id: id.to_owned(),
        node_type,
        position: Position { x, y },
        data,
        width,
        height,
        z_index,
        extra: extra_from_sql(extra)?,
    };
    Ok(Some((node, ord)))
}
