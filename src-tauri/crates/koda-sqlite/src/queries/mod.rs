//! SQL, one file per table. Functions take a connection or transaction and never commit.

pub mod canvases;
pub mod changes;
pub mod edges;
pub mod history;
pub mod nodes;
pub mod records;
pub mod settings;

use koda_core::StoreResult;
use serde_json::{Map, Value};

/// JSON text for an `extra` column: `NULL` when there is nothing extra.
pub(crate) fn extra_to_sql(extra: &Map<String, Value>) -> StoreResult<Option<String>> {
    if extra.is_empty() {
        return Ok(None);
    }
    Ok(Some(serde_json::to_string(extra)?))
}

/// Reads an `extra` column back.
pub(crate) fn extra_from_sql(text: Option<String>) -> StoreResult<Map<String, Value>> {
    match text {
        None => Ok(Map::new()),
        Some(text) => Ok(serde_json::from_str(&text)?),
    }
}

/// A list of ids as one JSON array parameter, read in SQL with `json_each`: one bound variable
/// however many ids, so large deletes never hit SQLite's variable limit.
pub(crate) fn ids_param(ids: &[String]) -> String {
    serde_json::to_string(ids).expect("a list of strings serialises")
}
