//! The `canvases` table.

use super::Tx;
use crate::error_map::PgResultExt;
use koda_core::rules::Bump;
use koda_core::{
    CanvasDetails, CanvasMetadata, EpochMs, Revision, StoreResult, StoredCanvas, Viewport,
};
use postgres::types::Type;
use postgres::Row;

/// The revision of a canvas, locking its row until the transaction ends, so concurrent writers
/// to one canvas take turns and the second sees the first one's revision. `None` when missing.
pub fn lock_revision(tx: &mut Tx<'_>, id: &str) -> StoreResult<Option<Revision>> {
    Ok(tx
        .query_opt(
            "SELECT revision FROM canvases WHERE id = $1 FOR UPDATE",
            &[&id],
        )
        .pg_err()?
        .map(|row| row.get(0)))
}

/// Whether a canvas exists.
pub fn exists(tx: &mut Tx<'_>, id: &str) -> StoreResult<bool> {
    Ok(tx
        .query_opt("SELECT 1 FROM canvases WHERE id = $1", &[&id])
        .pg_err()?
        .is_some())
}

fn metadata_from_row(row: &Row) -> CanvasMetadata {
    CanvasMetadata {
        id: row.get(0),
        name: row.get(1),
        thumbnail: row.get(2),
        created_at: row.get(3),
        updated_at: row.get(4),
        node_count: row.get::<_, i32>(5).max(0) as u32,
        revision: row.get(6),
        deleted_at: row.get(7),
    }
}

const METADATA_COLUMNS: &str = "id, name, thumbnail, koda_ms(created_at), koda_ms(updated_at), node_count, revision, koda_ms(deleted_at)";

/// Live canvases, most recently edited first.
pub fn list_live(tx: &mut Tx<'_>) -> StoreResult<Vec<CanvasMetadata>> {
    let sql = format!(
        "SELECT {METADATA_COLUMNS} FROM canvases WHERE deleted_at IS NULL ORDER BY updated_at DESC, id COLLATE \"C\""
    );
    Ok(tx
        .query(&sql, &[])
        .pg_err()?
        .iter()
        .map(metadata_from_row)
        .collect())
}

/// Trashed canvases, most recently trashed first.
pub fn list_trashed(tx: &mut Tx<'_>) -> StoreResult<Vec<CanvasMetadata>> {
    let sql = format!(
        "SELECT {METADATA_COLUMNS} FROM canvases WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id COLLATE \"C\""
    );
    Ok(tx
        .query(&sql, &[])
        .pg_err()?
        .iter()
        .map(metadata_from_row)
        .collect())
}

/// The canvas row as a `StoredCanvas` without nodes and edges.
pub fn load_header(tx: &mut Tx<'_>, id: &str) -> StoreResult<Option<StoredCanvas>> {
    let row = tx
        .query_opt(
            "SELECT id, name, description, thumbnail, koda_ms(created_at), koda_ms(updated_at), revision,
                    viewport_x, viewport_y, viewport_zoom, extra::text
             FROM canvases WHERE id = $1",
            &[&id],
        )
        .pg_err()?;
    Ok(row.map(|row| {
        let viewport = match (row.get(7), row.get(8), row.get(9)) {
            (Some(x), Some(y), Some(zoom)) => Some(Viewport { x, y, zoom }),
            _ => None,
        };
        StoredCanvas {
            id: row.get(0),
            name: row.get(1),
            description: row.get(2),
            thumbnail: row.get(3),
            created_at: row.get(4),
            updated_at: row.get(5),
            revision: row.get(6),
            viewport,
            nodes: Vec::new(),
            edges: Vec::new(),
            details: CanvasDetails::from_json_text(row.get::<_, Option<&str>>(10)),
        }
    }))
}

/// Inserts a new canvas row (no nodes yet) owned by `user_id`.
pub fn insert(
    tx: &mut Tx<'_>,
    canvas: &StoredCanvas,
    revision: Revision,
    updated_at: EpochMs,
    user_id: &str,
) -> StoreResult<()> {
    let viewport = canvas.viewport;
    tx.execute(
        "INSERT INTO canvases (id, user_id, name, description, thumbnail, created_at, updated_at, revision,
                               viewport_x, viewport_y, viewport_zoom, extra)
         VALUES ($1, $2, $3, $4, $5, koda_ts($6), koda_ts($7), $8, $9, $10, $11, $12::text::jsonb)",
        &[
            &canvas.id,
            &user_id,
            &canvas.name,
            &canvas.description,
            &canvas.thumbnail,
            &canvas.created_at,
            &updated_at,
            &revision,
            &viewport.map(|v| v.x),
            &viewport.map(|v| v.y),
            &viewport.map(|v| v.zoom),
            &canvas.details.to_json_text(),
        ],
    )
    .pg_err()?;
    Ok(())
}

/// Replaces the descriptive fields of an existing canvas (a whole-canvas save).
pub fn update_header(
    tx: &mut Tx<'_>,
    canvas: &StoredCanvas,
    revision: Revision,
    updated_at: EpochMs,
) -> StoreResult<()> {
    let viewport = canvas.viewport;
    tx.execute(
        "UPDATE canvases SET name = $2, description = $3, thumbnail = $4, created_at = koda_ts($5),
                updated_at = koda_ts($6), revision = $7, viewport_x = $8, viewport_y = $9, viewport_zoom = $10,
                extra = $11::text::jsonb
         WHERE id = $1",
        &[
            &canvas.id,
            &canvas.name,
            &canvas.description,
            &canvas.thumbnail,
            &canvas.created_at,
            &updated_at,
            &revision,
            &viewport.map(|v| v.x),
            &viewport.map(|v| v.y),
            &viewport.map(|v| v.zoom),
            &canvas.details.to_json_text(),
        ],
    )
    .pg_err()?;
    Ok(())
}

/// Records a new revision after a change: time (unless kept), name, viewport, node count.
pub fn bump(tx: &mut Tx<'_>, id: &str, bump: Bump<'_>) -> StoreResult<()> {
    // Typed parameters: one round trip, no separate prepare (this runs on every save).
    tx.execute_typed(
        "UPDATE canvases SET revision = $2, updated_at = coalesce(koda_ts($3), updated_at),
                name = coalesce($4, name), viewport_x = coalesce($5, viewport_x),
                viewport_y = coalesce($6, viewport_y), viewport_zoom = coalesce($7, viewport_zoom),
                node_count = node_count + $8
         WHERE id = $1",
        &[
            (&id, Type::TEXT),
            (&bump.revision, Type::INT8),
            (&bump.updated_at, Type::INT8),
            (&bump.name, Type::TEXT),
            (&bump.viewport.map(|v| v.x), Type::FLOAT8),
            (&bump.viewport.map(|v| v.y), Type::FLOAT8),
            (&bump.viewport.map(|v| v.zoom), Type::FLOAT8),
            (&(bump.node_delta as i32), Type::INT4),
        ],
    )
    .pg_err()?;
    Ok(())
}

/// Sets the stored node count.
pub fn set_node_count(tx: &mut Tx<'_>, id: &str, count: i32) -> StoreResult<()> {
    tx.execute(
        "UPDATE canvases SET node_count = $2 WHERE id = $1",
        &[&id, &count],
    )
    .pg_err()?;
    Ok(())
}

/// Moves a canvas to the trash (`Some(time)`) or out of it (`None`).
pub fn set_deleted_at(tx: &mut Tx<'_>, id: &str, deleted_at: Option<EpochMs>) -> StoreResult<()> {
    tx.execute(
        "UPDATE canvases SET deleted_at = koda_ts($2) WHERE id = $1",
        &[&id, &deleted_at],
    )
    .pg_err()?;
    Ok(())
}

/// Sets the thumbnail without touching the revision; returns how many rows changed.
pub fn set_thumbnail(tx: &mut Tx<'_>, id: &str, thumbnail: Option<&str>) -> StoreResult<u64> {
    tx.execute(
        "UPDATE canvases SET thumbnail = $2 WHERE id = $1",
        &[&id, &thumbnail],
    )
    .pg_err()
}

/// Deletes a canvas row; nodes, edges, assets and generations go with it (ON DELETE CASCADE).
pub fn delete(tx: &mut Tx<'_>, id: &str) -> StoreResult<()> {
    tx.execute("DELETE FROM canvases WHERE id = $1", &[&id])
        .pg_err()?;
    Ok(())
}
