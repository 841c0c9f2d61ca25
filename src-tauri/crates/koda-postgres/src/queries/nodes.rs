//! The `canvas_nodes` table. Lists of nodes travel as arrays through `UNNEST`, so one statement
//! writes any number of nodes without approaching a parameter limit.

use super::{extra_from_sql, extra_to_sql, Tx};
use crate::error_map::PgResultExt;
use koda_core::{CanvasNode, EpochMs, JsonText, Position, StoreError, StoreResult};
use postgres::types::Type;

/// A canvas's nodes in draw order (ties by id, as on SQLite).
pub fn load(tx: &mut Tx<'_>, canvas_id: &str) -> StoreResult<Vec<CanvasNode>> {
    load_some(tx, canvas_id, None)
}

/// The nodes of a canvas, or only those among `ids`.
pub fn load_some(
    tx: &mut Tx<'_>,
    canvas_id: &str,
    ids: Option<&[&str]>,
) -> StoreResult<Vec<CanvasNode>> {
    let rows = tx
        .query(
            "SELECT id, type, position_x, position_y, width, height, data::text, z_index, extra::text
             FROM canvas_nodes WHERE canvas_id = $1 AND ($2::text[] IS NULL OR id = ANY($2))
             ORDER BY ord, id COLLATE \"C\"",
            &[&canvas_id, &ids],
        )
        .pg_err()?;
    rows.iter()
        .map(|row| {
            let id: String = row.get(0);
            let data = JsonText::parse(super::compact_json(row.get(6))).map_err(|error| {
                StoreError::Corrupt(format!("node '{id}' has invalid JSON data: {error}"))
            })?;
            Ok(CanvasNode {
                node_type: row.get(1),
                position: Position {
                    x: row.get(2),
                    y: row.get(3),
                },
                width: row.get(4),
                height: row.get(5),
                data,
                z_index: row.get(7),
                extra: extra_from_sql(row.get(8))?,
                id,
            })
        })
        .collect()
}

pub use koda_core::rules::Order;

/// Inserts or replaces `nodes`, the n-th getting `first_ord + n` when it is placed; returns how
/// many were new.
pub fn upsert_many(
    tx: &mut Tx<'_>,
    canvas_id: &str,
    nodes: &[CanvasNode],
    first_ord: i64,
    order: Order,
    now: EpochMs,
) -> StoreResult<usize> {
    if nodes.is_empty() {
        return Ok(0);
    }
    let ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let types: Vec<&str> = nodes.iter().map(|n| n.node_type.as_str()).collect();
    let xs: Vec<f64> = nodes.iter().map(|n| n.position.x).collect();
    let ys: Vec<f64> = nodes.iter().map(|n| n.position.y).collect();
    let widths: Vec<Option<f64>> = nodes.iter().map(|n| n.width).collect();
    let heights: Vec<Option<f64>> = nodes.iter().map(|n| n.height).collect();
    let data: Vec<&str> = nodes.iter().map(|n| n.data.as_str()).collect();
    let z: Vec<Option<i64>> = nodes.iter().map(|n| n.z_index).collect();
    let ords: Vec<i64> = (0..nodes.len() as i64).map(|i| first_ord + i).collect();
    let extra: Vec<Option<String>> = nodes
        .iter()
        .map(|n| extra_to_sql(&n.extra))
        .collect::<StoreResult<_>>()?;
    let move_existing = match order {
        Order::Replace => ", ord = excluded.ord",
        Order::KeepExisting => "",
    };
    let sql = format!(
        "INSERT INTO canvas_nodes (canvas_id, id, type, position_x, position_y, width, height, data, z_index,
                                   created_at, updated_at, ord, extra)
         SELECT $1, u.id, u.type, u.x, u.y, u.w, u.h, u.data::jsonb, u.z, koda_ts($2), koda_ts($2), u.ord, u.extra::jsonb
         FROM UNNEST($3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
                     $9::text[], $10::int8[], $11::int8[], $12::text[])
              AS u(id, type, x, y, w, h, data, z, ord, extra)
         ON CONFLICT (canvas_id, id) DO UPDATE SET
           type = excluded.type, position_x = excluded.position_x, position_y = excluded.position_y,
           width = excluded.width, height = excluded.height, data = excluded.data,
           z_index = excluded.z_index, updated_at = excluded.updated_at, extra = excluded.extra{move_existing}
         RETURNING (xmax = 0)"
    );
    // Typed parameters: one round trip, no separate prepare (this runs on every save).
    let rows = tx
        .query_typed(
            &sql,
            &[
                (&canvas_id, Type::TEXT),
                (&now, Type::INT8),
                (&ids, Type::TEXT_ARRAY),
                (&types, Type::TEXT_ARRAY),
                (&xs, Type::FLOAT8_ARRAY),
                (&ys, Type::FLOAT8_ARRAY),
                (&widths, Type::FLOAT8_ARRAY),
                (&heights, Type::FLOAT8_ARRAY),
                (&data, Type::TEXT_ARRAY),
                (&z, Type::INT8_ARRAY),
                (&ords, Type::INT8_ARRAY),
                (&extra, Type::TEXT_ARRAY),
            ],
        )
        .pg_err()?;
    Ok(rows.iter().filter(|row| row.get::<_, bool>(0)).count())
}

/// Deletes nodes by id; returns how many existed.
pub fn delete_many(tx: &mut Tx<'_>, canvas_id: &str, ids: &[String]) -> StoreResult<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    tx.execute(
        "DELETE FROM canvas_nodes WHERE canvas_id = $1 AND id = ANY($2)",
        &[&canvas_id, &ids],
    )
    .pg_err()
}

/// Copies every node of one canvas to another; returns how many.
pub fn copy(tx: &mut Tx<'_>, from: &str, to: &str, now: EpochMs) -> StoreResult<u64> {
    tx.execute(
        "INSERT INTO canvas_nodes (canvas_id, id, type, position_x, position_y, width, height, data, z_index,
                                   created_at, updated_at, ord, extra)
         SELECT $2, id, type, position_x, position_y, width, height, data, z_index, koda_ts($3), koda_ts($3), ord, extra
         FROM canvas_nodes WHERE canvas_id = $1",
        &[&from, &to, &now],
    )
    .pg_err()
}
