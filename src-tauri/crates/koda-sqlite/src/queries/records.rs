//! The `assets` and `generations` tables.

use crate::error_map::SqliteResultExt;
use koda_core::{
    AssetKind, AssetRecord, GenerationRecord, GenerationStatus, JsonText, StoreError, StoreResult,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

fn json_column(text: Option<String>, what: &str) -> rusqlite::Result<Option<JsonText>> {
    text.map(|text| {
        JsonText::parse(text).map_err(|error| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("{what}: {error}").into(),
            )
        })
    })
    .transpose()
}

fn asset_from_row(row: &Row<'_>) -> rusqlite::Result<AssetRecord> {
    let kind: String = row.get(3)?;
    Ok(AssetRecord {
        id: row.get(0)?,
        canvas_id: row.get(1)?,
        node_id: row.get(2)?,
        kind: AssetKind::parse(&kind).unwrap_or(AssetKind::Image),
        filename: row.get(4)?,
        mime_type: row.get(5)?,
        size_bytes: row.get(6)?,
        url: row.get(7)?,
        local_blob_key: row.get(8)?,
        metadata: json_column(row.get(9)?, "asset metadata")?,
        created_at: row.get(10)?,
    })
}

const ASSET_COLUMNS: &str =
    "id, canvas_id, node_id, type, filename, mime_type, size_bytes, url, local_blob_key, metadata, created_at";

/// Inserts or replaces an asset row.
pub fn put_asset(conn: &Connection, asset: &AssetRecord) -> StoreResult<()> {
    conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO assets ({ASSET_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    ))
    .store_err()?
    .execute(params![
        asset.id,
        asset.canvas_id,
        asset.node_id,
        asset.kind.as_str(),
        asset.filename,
        asset.mime_type,
        asset.size_bytes,
        asset.url,
        asset.local_blob_key,
        asset.metadata.as_ref().map(JsonText::as_str),
        asset.created_at,
    ])
    .map_err(|error| foreign_key_to_invalid(error, "canvasId", "canvas does not exist"))?;
    Ok(())
}

/// One asset row.
pub fn get_asset(conn: &Connection, id: &str) -> StoreResult<Option<AssetRecord>> {
    conn.prepare_cached(&format!("SELECT {ASSET_COLUMNS} FROM assets WHERE id = ?1"))
        .store_err()?
        .query_row([id], asset_from_row)
        .optional()
        .store_err()
}

/// The newest asset row downloaded from `url`.
pub fn find_asset_by_url(conn: &Connection, url: &str) -> StoreResult<Option<AssetRecord>> {
    conn.prepare_cached(&format!(
        "SELECT {ASSET_COLUMNS} FROM assets WHERE url = ?1 AND local_blob_key IS NOT NULL
         ORDER BY created_at DESC, id LIMIT 1"
    ))
    .store_err()?
    .query_row([url], asset_from_row)
    .optional()
    .store_err()
}

/// Asset rows of a canvas, or all of them.
pub fn list_assets(conn: &Connection, canvas_id: Option<&str>) -> StoreResult<Vec<AssetRecord>> {
    let sql = format!(
        "SELECT {ASSET_COLUMNS} FROM assets WHERE (?1 IS NULL OR canvas_id = ?1) ORDER BY created_at, id"
    );
    let mut statement = conn.prepare_cached(&sql).store_err()?;
    let rows = statement
        .query_map([canvas_id], asset_from_row)
        .store_err()?;
    rows.collect::<rusqlite::Result<_>>().store_err()
}

/// Deletes an asset row; returns whether it existed.
pub fn delete_asset(conn: &Connection, id: &str) -> StoreResult<bool> {
    let n = conn
        .prepare_cached("DELETE FROM assets WHERE id = ?1")
        .store_err()?
        .execute([id])
        .store_err()?;
    Ok(n > 0)
}

fn generation_from_row(row: &Row<'_>) -> rusqlite::Result<GenerationRecord> {
    let status: String = row.get(6)?;
    Ok(GenerationRecord {
        id: row.get(0)?,
        canvas_id: row.get(1)?,
        node_id: row.get(2)?,
        model: row.get(3)?,
        prompt: row.get(4)?,
        parameters: json_column(row.get(5)?, "generation parameters")?,
        status: GenerationStatus::parse(&status).unwrap_or(GenerationStatus::Failed),
        result_asset_id: row.get(7)?,
        error_message: row.get(8)?,
        duration_ms: row.get(9)?,
        created_at: row.get(10)?,
        // Written only by Koda: unreadable text is left out rather than failing the history.
        run: row
            .get::<_, Option<String>>(11)?
            .and_then(|text| serde_json::from_str(&text).ok()),
    })
}

const GENERATION_COLUMNS: &str =
    "id, canvas_id, node_id, model, prompt, parameters, status, result_asset_id, error_message, duration_ms, created_at, run";

/// Inserts or replaces a generation row.
pub fn put_generation(conn: &Connection, generation: &GenerationRecord) -> StoreResult<()> {
    conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO generations ({GENERATION_COLUMNS}, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'local')"
    ))
    .store_err()?
    .execute(params![
        generation.id,
        generation.canvas_id,
        generation.node_id,
        generation.model,
        generation.prompt,
        generation.parameters.as_ref().map(JsonText::as_str),
        generation.status.as_str(),
        generation.result_asset_id,
        generation.error_message,
        generation.duration_ms,
        generation.created_at,
        generation
            .run
            .as_ref()
            .map(serde_json::to_string)
            .transpose()?,
    ])
    .map_err(|error| {
        foreign_key_to_invalid(error, "canvasId", "canvas or result asset does not exist")
    })?;
    Ok(())
}

/// One generation row.
pub fn get_generation(conn: &Connection, id: &str) -> StoreResult<Option<GenerationRecord>> {
    conn.prepare_cached(&format!(
        "SELECT {GENERATION_COLUMNS} FROM generations WHERE id = ?1"
    ))
    .store_err()?
    .query_row([id], generation_from_row)
    .optional()
    .store_err()
}

/// Generations of a canvas, newest first.
pub fn list_generations(conn: &Connection, canvas_id: &str) -> StoreResult<Vec<GenerationRecord>> {
    let sql = format!("SELECT {GENERATION_COLUMNS} FROM generations WHERE canvas_id = ?1 ORDER BY created_at DESC, id");
    let mut statement = conn.prepare_cached(&sql).store_err()?;
    let rows = statement
        .query_map([canvas_id], generation_from_row)
        .store_err()?;
    rows.collect::<rusqlite::Result<_>>().store_err()
}

/// A foreign-key failure on insert means the caller named a row that does not exist.
fn foreign_key_to_invalid(error: rusqlite::Error, path: &str, message: &str) -> StoreError {
    if let rusqlite::Error::SqliteFailure(failure, _) = &error {
        if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY {
            return StoreError::invalid(path, message);
        }
    }
    crate::error_map::from_sqlite(error)
}

/// Generations of every canvas, newest first.
pub fn list_recent_generations(
    conn: &Connection,
    limit: usize,
) -> StoreResult<Vec<GenerationRecord>> {
    let sql = format!(
        "SELECT {GENERATION_COLUMNS} FROM generations ORDER BY created_at DESC, id LIMIT ?1"
    );
    let mut statement = conn.prepare_cached(&sql).store_err()?;
    let rows = statement
        .query_map([limit as i64], generation_from_row)
        .store_err()?;
    rows.collect::<rusqlite::Result<_>>().store_err()
}

/// Runs still in flight, oldest first.
pub fn list_open_generations(conn: &Connection) -> StoreResult<Vec<GenerationRecord>> {
    let sql = format!(
        "SELECT {GENERATION_COLUMNS} FROM generations
         WHERE status IN ('pending', 'submitted', 'processing') ORDER BY created_at, id"
    );
    let mut statement = conn.prepare_cached(&sql).store_err()?;
    let rows = statement.query_map([], generation_from_row).store_err()?;
    rows.collect::<rusqlite::Result<_>>().store_err()
}

/// Merges `fields` into one node's data (top-level keys replaced); returns whether it exists.
pub fn merge_node_data(
    conn: &Connection,
    canvas_id: &str,
    node_id: &str,
    fields: &serde_json::Map<String, serde_json::Value>,
    now: koda_core::EpochMs,
) -> StoreResult<bool> {
    // json_patch is RFC 7396: top-level keys are replaced, arrays whole; a null would delete,
    // and outputs never carry one.
    let patch = serde_json::to_string(fields)?;
    let n = conn
        .prepare_cached(
            "UPDATE canvas_nodes SET data = json_patch(data, ?3), updated_at = ?4
             WHERE canvas_id = ?1 AND id = ?2",
        )
        .store_err()?
        .execute(params![canvas_id, node_id, patch, now])
        .store_err()?;
    Ok(n > 0)
}
