//! SQL, one file per table. Functions take an open transaction and never commit.

pub mod canvases;
pub mod changes;
pub mod edges;
pub mod history;
pub mod nodes;
pub mod records;
pub mod settings;

use koda_core::StoreResult;
use serde_json::{Map, Value};

/// The transaction type every query runs in.
pub type Tx<'a> = postgres::Transaction<'a>;

/// JSON text for an `extra` column: `NULL` when there is nothing extra.
pub(crate) fn extra_to_sql(extra: &Map<String, Value>) -> StoreResult<Option<String>> {
    if extra.is_empty() {
        return Ok(None);
    }
    Ok(Some(serde_json::to_string(extra)?))
}

/// JSONB as compact text. PostgreSQL prints JSONB with a space after every `:` and `,`;
/// removing whitespace outside strings gives the compact form the UI and SQLite use. (Key order
/// is JSONB's own: shorter keys first. Values are unchanged.)
pub(crate) fn compact_json(text: String) -> String {
    if !text.contains(' ') && !text.contains('\n') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// Reads an `extra` column back (selected as `extra::text`).
pub(crate) fn extra_from_sql(text: Option<String>) -> StoreResult<Map<String, Value>> {
    match text {
        None => Ok(Map::new()),
        Some(text) => Ok(serde_json::from_str(&text)?),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn compacts_outside_strings_only() {
        assert_eq!(
            super::compact_json(r#"{"a b": "x, y: \"z\" ", "n": [1, 2.50]}"#.into()),
            r#"{"a b":"x, y: \"z\" ","n":[1,2.50]}"#
        );
    }
}
