//! The `assets` and `generations` tables.

use super::Tx;
use crate::error_map::PgResultExt;
use koda_core::{
    AssetKind, AssetRecord, GenerationRecord, GenerationStatus, JsonText, StoreError, StoreResult,
};
use postgres::Row;

fn json_column(text: Option<String>, what: &str) -> StoreResult<Option<JsonText>> {
    text.map(|text| {
        JsonText::parse(super::compact_json(text))
            .map_err(|error| StoreError::Corrupt(format!("{what}: {error}")))
    })
    .transpose()
}

const ASSET_COLUMNS: &str = "id, canvas_id, node_id, type, filename, mime_type, size_bytes, url, local_blob_key, metadata::text, koda_ms(created_at)";

fn asset_from_row(row: &Row) -> StoreResult<AssetRecord> {
    Ok(AssetRecord {
        id: row.get(0),
        canvas_id: row.get(1),
        node_id: row.get(2),
        kind: AssetKind::parse(row.get(3)).unwrap_or(AssetKind::Image),
        filename: row.get(4),
        mime_type: row.get(5),
        size_bytes: row.get(6),
        url: row.get(7),
        local_blob_key: row.get(8),
        metadata: json_column(row.get(9), "asset metadata")?,
        created_at: row.get(10),
    })
}

/// Inserts or replaces an asset row.
pub fn put_asset(tx: &mut Tx<'_>, asset: &AssetRecord) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO assets (id, canvas_id, node_id, type, filename, mime_type, size_bytes, url, local_blob_key, metadata, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, koda_ts($11))
         ON CONFLICT (id) DO UPDATE SET canvas_id = excluded.canvas_id, node_id = excluded.node_id, type = excluded.type,
           filename = excluded.filename, mime_type = excluded.mime_type, size_bytes = excluded.size_bytes,
           url = excluded.url, local_blob_key = excluded.local_blob_key, metadata = excluded.metadata,
           created_at = excluded.created_at",
        &[
            &asset.id,
            &asset.canvas_id,
            &asset.node_id,
            &asset.kind.as_str(),
            &asset.filename,
            &asset.mime_type,
            &asset.size_bytes,
            &asset.url,
            &asset.local_blob_key,
            &asset.metadata.as_ref().map(JsonText::as_str),
            &asset.created_at,
        ],
    )
    .pg_err()?;
    Ok(())
}

/// One asset row, or `None`.
pub fn get_asset(tx: &mut Tx<'_>, id: &str) -> StoreResult<Option<AssetRecord>> {
    let sql = format!("SELECT {ASSET_COLUMNS} FROM assets WHERE id = $1");
    tx.query_opt(&sql, &[&id])
        .pg_err()?
        .map(|row| asset_from_row(&row))
        .transpose()
}

/// The newest asset row downloaded from `url`.
pub fn find_asset_by_url(tx: &mut Tx<'_>, url: &str) -> StoreResult<Option<AssetRecord>> {
    let sql = format!(
        "SELECT {ASSET_COLUMNS} FROM assets WHERE url = $1 AND local_blob_key IS NOT NULL
         ORDER BY created_at DESC, id COLLATE \"C\" LIMIT 1"
    );
    tx.query_opt(&sql, &[&url])
        .pg_err()?
        .map(|row| asset_from_row(&row))
        .transpose()
}

/// Assets of one canvas (or all), oldest first.
pub fn list_assets(tx: &mut Tx<'_>, canvas_id: Option<&str>) -> StoreResult<Vec<AssetRecord>> {
    let sql = format!(
        "SELECT {ASSET_COLUMNS} FROM assets WHERE ($1::text IS NULL OR canvas_id = $1)
         ORDER BY created_at, id COLLATE \"C\""
    );
    tx.query(&sql, &[&canvas_id])
        .pg_err()?
        .iter()
        .map(asset_from_row)
        .collect()
}

/// Deletes an asset row; returns whether it existed.
pub fn delete_asset(tx: &mut Tx<'_>, id: &str) -> StoreResult<bool> {
    Ok(tx
        .execute("DELETE FROM assets WHERE id = $1", &[&id])
        .pg_err()?
        > 0)
}

const GENERATION_COLUMNS: &str = "id, canvas_id, node_id, model, prompt, parameters::text, status, result_asset_id, error_message, duration_ms, koda_ms(created_at), run::text";

fn generation_from_row(row: &Row) -> StoreResult<GenerationRecord> {
    Ok(GenerationRecord {
        id: row.get(0),
        canvas_id: row.get(1),
        node_id: row.get(2),
        model: row.get(3),
        prompt: row.get(4),
        parameters: json_column(row.get(5), "generation parameters")?,
        status: GenerationStatus::parse(row.get(6)).unwrap_or(GenerationStatus::Failed),
        result_asset_id: row.get(7),
        error_message: row.get(8),
        duration_ms: row.get(9),
        created_at: row.get(10),
        // Written only by Koda: unreadable JSON is left out rather than failing the history.
        run: row
            .get::<_, Option<&str>>(11)
            .and_then(|text| serde_json::from_str(text).ok()),
    })
}

/// Inserts or replaces a generation row, made by `user_id`.
pub fn put_generation(
    tx: &mut Tx<'_>,
    generation: &GenerationRecord,
    user_id: &str,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO generations (id, canvas_id, node_id, model, prompt, parameters, status, result_asset_id,
                                  error_message, duration_ms, created_at, user_id, run)
         VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, koda_ts($11), $12, $13::text::jsonb)
         ON CONFLICT (id) DO UPDATE SET canvas_id = excluded.canvas_id, node_id = excluded.node_id,
           model = excluded.model, prompt = excluded.prompt, parameters = excluded.parameters,
           status = excluded.status, result_asset_id = excluded.result_asset_id,
           error_message = excluded.error_message, duration_ms = excluded.duration_ms,
           created_at = excluded.created_at, user_id = excluded.user_id, run = excluded.run",
        &[
            &generation.id,
            &generation.canvas_id,
            &generation.node_id,
            &generation.model,
            &generation.prompt,
            &generation.parameters.as_ref().map(JsonText::as_str),
            &generation.status.as_str(),
            &generation.result_asset_id,
            &generation.error_message,
            &generation.duration_ms,
            &generation.created_at,
            &user_id,
            &generation
                .run
                .as_ref()
                .map(serde_json::to_string)
                .transpose()?,
        ],
    )
    .pg_err()?;
    Ok(())
}

/// One generation row, or `None`.
pub fn get_generation(tx: &mut Tx<'_>, id: &str) -> StoreResult<Option<GenerationRecord>> {
    let sql = format!("SELECT {GENERATION_COLUMNS} FROM generations WHERE id = $1");
    tx.query_opt(&sql, &[&id])
        .pg_err()?
        .map(|row| generation_from_row(&row))
        .transpose()
}

/// Generations of one canvas, newest first.
pub fn list_generations(tx: &mut Tx<'_>, canvas_id: &str) -> StoreResult<Vec<GenerationRecord>> {
    let sql = format!(
        "SELECT {GENERATION_COLUMNS} FROM generations WHERE canvas_id = $1
         ORDER BY created_at DESC, id COLLATE \"C\""
    );
    tx.query(&sql, &[&canvas_id])
        .pg_err()?
        .iter()
        .map(generation_from_row)
        .collect()
}

/// Generations of every canvas, newest first.
pub fn list_recent_generations(
    tx: &mut Tx<'_>,
    limit: usize,
) -> StoreResult<Vec<GenerationRecord>> {
    let sql = format!(
        "SELECT {GENERATION_COLUMNS} FROM generations ORDER BY created_at DESC, id COLLATE \"C\" LIMIT $1"
    );
    tx.query(&sql, &[&(limit as i64)])
        .pg_err()?
        .iter()
        .map(generation_from_row)
        .collect()
}

/// Runs still in flight, oldest first.
pub fn list_open_generations(tx: &mut Tx<'_>) -> StoreResult<Vec<GenerationRecord>> {
    let sql = format!(
        "SELECT {GENERATION_COLUMNS} FROM generations
         WHERE status IN ('pending', 'submitted', 'processing') ORDER BY created_at, id COLLATE \"C\""
    );
    tx.query(&sql, &[])
        .pg_err()?
        .iter()
        .map(generation_from_row)
        .collect()
}

/// Merges `fields` into one node's data (top-level keys replaced); returns whether it exists.
pub fn merge_node_data(
    tx: &mut Tx<'_>,
    canvas_id: &str,
    node_id: &str,
    fields: &serde_json::Map<String, serde_json::Value>,
    now: koda_core::EpochMs,
) -> StoreResult<bool> {
    let patch = serde_json::to_string(fields)?;
    Ok(tx
        .execute(
            "UPDATE canvas_nodes SET data = data || $3::text::jsonb, updated_at = koda_ts($4)
             WHERE canvas_id = $1 AND id = $2",
            &[&canvas_id, &node_id, &patch, &now],
        )
        .pg_err()?
        > 0)
}
