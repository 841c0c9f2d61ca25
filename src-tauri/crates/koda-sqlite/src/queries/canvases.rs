//! The `canvases` table.

use crate::error_map::SqliteResultExt;
use koda_core::rules::Bump;
use koda_core::{
    CanvasDetails, CanvasMetadata, EpochMs, Revision, StoreResult, StoredCanvas, Viewport,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The local user every canvas belongs to on this install.
pub const LOCAL_USER: &str = "local";

/// Revision and trash time of a canvas, or `None` when it does not exist.
pub fn state(conn: &Connection, id: &str) -> StoreResult<Option<(Revision, Option<EpochMs>)>> {
    conn.prepare_cached("SELECT revision, deleted_at FROM canvases WHERE id = ?1")
        .store_err()?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()
        .store_err()
}

fn metadata_from_row(row: &Row<'_>) -> rusqlite::Result<CanvasMetadata> {
    Ok(CanvasMetadata {
        id: row.get(0)?,
        name: row.get(1)?,
        thumbnail: row.get(2)?,
        created_at: row.get(3)?,
        updated_at: row.get(4)?,
        node_count: row.get::<_, i64>(5)?.max(0) as u32,
        revision: row.get(6)?,
        deleted_at: row.get(7)?,
    })
}

const METADATA_COLUMNS: &str =
    "id, name, thumbnail, created_at, updated_at, node_count, revision, deleted_at";

/// Live canvases, most recently edited first.
pub fn list_live(conn: &Connection) -> StoreResult<Vec<CanvasMetadata>> {
    let sql = format!(
        "SELECT {METADATA_COLUMNS} FROM canvases WHERE deleted_at IS NULL ORDER BY updated_at DESC, id"
    );
    let mut statement = conn.prepare_cached(&sql).store_err()?;
    let rows = statement.query_map([], metadata_from_row).store_err()?;
    rows.collect::<rusqlite::Result<_>>().store_err()
}

/// Trashed canvases, most recently trashed first.
pub fn list_trashed(conn: &Connection) -> StoreResult<Vec<CanvasMetadata>> {
    let sql = format!(
        "SELECT {METADATA_COLUMNS} FROM canvases WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id"
    );
    let mut statement = conn.prepare_cached(&sql).store_err()?;
    let rows = statement.query_map([], metadata_from_row).store_err()?;
    rows.collect::<rusqlite::Result<_>>().store_err()
}

/// The canvas row as a `StoredCanvas` without nodes and edges.
pub fn load_header(conn: &Connection, id: &str) -> StoreResult<Option<StoredCanvas>> {
    conn.prepare_cached(
        "SELECT id, name, description, thumbnail, created_at, updated_at, revision,
                viewport_x, viewport_y, viewport_zoom, extra
         FROM canvases WHERE id = ?1",
    )
    .store_err()?
    .query_row([id], |row| {
        let viewport = match (
            row.get::<_, Option<f64>>(7)?,
            row.get::<_, Option<f64>>(8)?,
            row.get::<_, Option<f64>>(9)?,
        ) {
            (Some(x), Some(y), Some(zoom)) => Some(Viewport { x, y, zoom }),
            _ => None,
        };
        Ok(StoredCanvas {
            id: row.get(0)?,
            name: row.get(1)?,
            description: row.get(2)?,
            thumbnail: row.get(3)?,
            created_at: row.get(4)?,
            updated_at: row.get(5)?,
            revision: row.get(6)?,
            viewport,
            nodes: Vec::new(),
            edges: Vec::new(),
            details: CanvasDetails::from_json_text(row.get::<_, Option<String>>(10)?.as_deref()),
        })
    })
    .optional()
    .store_err()
}

/// Inserts a new canvas row (no nodes yet).
pub fn insert(
    conn: &Connection,
    canvas: &StoredCanvas,
    revision: Revision,
    updated_at: EpochMs,
) -> StoreResult<()> {
    let viewport = canvas.viewport;
    conn.prepare_cached(
        "INSERT INTO canvases (id, user_id, name, description, thumbnail, created_at, updated_at, revision,
                               viewport_x, viewport_y, viewport_zoom, extra)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )
    .store_err()?
    .execute(params![
        canvas.id,
        LOCAL_USER,
        canvas.name,
        canvas.description,
        canvas.thumbnail,
        canvas.created_at,
        updated_at,
        revision,
        viewport.map(|v| v.x),
        viewport.map(|v| v.y),
        viewport.map(|v| v.zoom),
        canvas.details.to_json_text(),
    ])
    .store_err()?;
    Ok(())
}

/// Replaces the descriptive fields of an existing canvas (a whole-canvas save).
pub fn update_header(
    conn: &Connection,
    canvas: &StoredCanvas,
    revision: Revision,
    updated_at: EpochMs,
) -> StoreResult<()> {
    let viewport = canvas.viewport;
    conn.prepare_cached(
        "UPDATE canvases SET name = ?2, description = ?3, thumbnail = ?4, created_at = ?5, updated_at = ?6,
                revision = ?7, viewport_x = ?8, viewport_y = ?9, viewport_zoom = ?10, extra = ?11
         WHERE id = ?1",
    )
    .store_err()?
    .execute(params![
        canvas.id,
        canvas.name,
        canvas.description,
        canvas.thumbnail,
        canvas.created_at,
        updated_at,
        revision,
        viewport.map(|v| v.x),
        viewport.map(|v| v.y),
        viewport.map(|v| v.zoom),
        canvas.details.to_json_text(),
    ])
    .store_err()?;
    Ok(())
}

/// Records a new revision after a change: time (unless kept), name, viewport, node count.
pub fn bump(conn: &Connection, id: &str, bump: Bump<'_>) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE canvases SET revision = ?2, updated_at = coalesce(?3, updated_at),
                name = coalesce(?4, name), viewport_x = coalesce(?5, viewport_x),
                viewport_y = coalesce(?6, viewport_y), viewport_zoom = coalesce(?7, viewport_zoom),
                node_count = node_count + ?8
         WHERE id = ?1",
    )
    .store_err()?
    .execute(params![
        id,
        bump.revision,
        bump.updated_at,
        bump.name,
        bump.viewport.map(|v| v.x),
        bump.viewport.map(|v| v.y),
        bump.viewport.map(|v| v.zoom),
        bump.node_delta
    ])
    .store_err()?;
    Ok(())
}

/// Sets the stored node count.
pub fn set_node_count(conn: &Connection, id: &str, count: i64) -> StoreResult<()> {
    conn.prepare_cached("UPDATE canvases SET node_count = ?2 WHERE id = ?1")
        .store_err()?
        .execute(params![id, count])
        .store_err()?;
    Ok(())
}

/// Moves a canvas to the trash (`Some(time)`) or out of it (`None`).
pub fn set_deleted_at(conn: &Connection, id: &str, deleted_at: Option<EpochMs>) -> StoreResult<()> {
    conn.prepare_cached("UPDATE canvases SET deleted_at = ?2 WHERE id = ?1")
        .store_err()?
        .execute(params![id, deleted_at])
        .store_err()?;
    Ok(())
}

/// Sets the thumbnail without touching the revision.
pub fn set_thumbnail(conn: &Connection, id: &str, thumbnail: Option<&str>) -> StoreResult<usize> {
    conn.prepare_cached("UPDATE canvases SET thumbnail = ?2 WHERE id = ?1")
        .store_err()?
        .execute(params![id, thumbnail])
        .store_err()
}

/// Deletes a canvas row; nodes, edges, assets and generations go with it (ON DELETE CASCADE).
pub fn delete(conn: &Connection, id: &str) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM canvases WHERE id = ?1")
        .store_err()?
        .execute([id])
        .store_err()?;
    Ok(())
}
