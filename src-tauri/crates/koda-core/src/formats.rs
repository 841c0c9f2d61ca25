//! The JSON files canvases arrive in: one `StoredCanvas`, an array of them (the Koda web app's
//! `spaces-canvases` localStorage value), or Koda's export file
//! `{version, spaceName, exportedAt, nodes, edges}`.

use crate::error::{StoreError, StoreResult};
use crate::model::*;
use crate::validate::{parse_json, validate_canvas};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// Which format a file was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CanvasFileFormat {
    StoredCanvas,
    CanvasArray,
    KodaExport,
}

/// Koda's export file (one space, no id).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct KodaExport {
    #[serde(default)]
    version: serde_json::Value,
    #[serde(default)]
    space_name: Option<String>,
    #[serde(default)]
    exported_at: Option<serde_json::Value>,
    nodes: Vec<CanvasNode>,
    #[serde(default)]
    edges: Vec<CanvasEdge>,
    #[serde(default)]
    viewport: Option<Viewport>,
}

/// Parses a canvas file in any of the known formats and validates every canvas in it.
/// Nothing is returned unless the whole file is good: errors name the JSON path and position.
/// Canvases without timestamps (Koda web's templates) get `fallback_time`, e.g. the file's time.
pub fn parse_canvas_file(
    text: &str,
    fallback_time: EpochMs,
) -> StoreResult<(CanvasFileFormat, Vec<StoredCanvas>)> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let (format, canvases) = if trimmed.starts_with('[') {
        (
            CanvasFileFormat::CanvasArray,
            parse_json::<Vec<StoredCanvas>>(trimmed)?,
        )
    } else if looks_like_export(trimmed)? {
        (
            CanvasFileFormat::KodaExport,
            vec![from_export(parse_json::<KodaExport>(trimmed)?)],
        )
    } else {
        (
            CanvasFileFormat::StoredCanvas,
            vec![parse_json::<StoredCanvas>(trimmed)?],
        )
    };
    let mut canvases = canvases;
    for canvas in &mut canvases {
        canvas.fill_missing_times(fallback_time);
    }
    for (index, canvas) in canvases.iter().enumerate() {
        validate_canvas(canvas).map_err(|error| match (format, error) {
            (CanvasFileFormat::CanvasArray, StoreError::Invalid { path, message }) => {
                StoreError::invalid(format!("[{index}].{path}"), message)
            }
            (_, error) => error,
        })?;
    }
    Ok((format, canvases))
}

/// An export file has `nodes` but no canvas `id`.
fn looks_like_export(text: &str) -> StoreResult<bool> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Probe {
        id: Option<serde::de::IgnoredAny>,
        space_name: Option<serde::de::IgnoredAny>,
        exported_at: Option<serde::de::IgnoredAny>,
    }
    let probe: Probe = parse_json(text)?;
    Ok(probe.id.is_none() && (probe.space_name.is_some() || probe.exported_at.is_some()))
}

fn from_export(export: KodaExport) -> StoredCanvas {
    // Export files carry no id; derive one from the file's identity so importing the same file
    // twice updates one canvas instead of making two.
    let identity = format!(
        "{}|{}|{}",
        export.version,
        export.space_name.as_deref().unwrap_or(""),
        export
            .exported_at
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    );
    let id = format!("import-{}", &hex_digest(&identity)[..24]);
    let exported_at = export
        .exported_at
        .as_ref()
        .and_then(timestamp_ms)
        .unwrap_or_else(crate::ids::now_ms);
    StoredCanvas {
        id,
        name: export
            .space_name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "Imported canvas".into()),
        description: None,
        thumbnail: None,
        created_at: exported_at,
        updated_at: exported_at,
        nodes: export.nodes,
        edges: export.edges,
        viewport: export.viewport,
        revision: 0,
        details: CanvasDetails::default(),
    }
}

/// Reads `exportedAt` as epoch ms, an ISO-8601 date (`2025-01-31T12:00:00.000Z`) or neither.
fn timestamp_ms(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => parse_iso8601_ms(s),
        _ => None,
    }
}

/// Minimal ISO-8601 UTC parser (`YYYY-MM-DDTHH:MM:SS[.fff]Z`), enough for `Date.toISOString()`.
fn parse_iso8601_ms(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() < 19 {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let millis = if bytes.get(19) == Some(&b'.') {
        num(20..23).unwrap_or(0)
    } else {
        0
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis)
}

fn hex_digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANVAS: &str = r#"{"id":"c1","name":"One","createdAt":1,"updatedAt":2,
        "nodes":[{"id":"a","type":"prompt","position":{"x":0,"y":0},"data":{}}],"edges":[]}"#;

    #[test]
    fn reads_a_single_canvas() {
        let (format, canvases) = parse_canvas_file(CANVAS, 1).unwrap();
        assert_eq!(format, CanvasFileFormat::StoredCanvas);
        assert_eq!(canvases[0].id, "c1");
    }

    #[test]
    fn reads_the_web_apps_array() {
        let (format, canvases) = parse_canvas_file(&format!("[{CANVAS}]"), 1).unwrap();
        assert_eq!(format, CanvasFileFormat::CanvasArray);
        assert_eq!(canvases.len(), 1);
    }

    #[test]
    fn reads_an_export_file_with_a_stable_id() {
        let text = r#"{"version":"1.0","spaceName":"Moodboard","exportedAt":"2025-01-31T12:00:00.250Z",
            "nodes":[{"id":"a","type":"prompt","position":{"x":1,"y":2},"data":{"text":"hi"}}],"edges":[]}"#;
        let (format, first) = parse_canvas_file(text, 1).unwrap();
        assert_eq!(format, CanvasFileFormat::KodaExport);
        assert_eq!(first[0].name, "Moodboard");
        assert_eq!(first[0].created_at, 1_738_324_800_250);
        let (_, second) = parse_canvas_file(text, 1).unwrap();
        assert_eq!(first[0].id, second[0].id);
    }

    #[test]
    fn names_the_bad_canvas_in_an_array() {
        let bad = CANVAS.replace(r#""id":"a""#, r#""id":"""#);
        match parse_canvas_file(&format!("[{CANVAS},{bad}]"), 1) {
            Err(StoreError::Invalid { path, .. }) => assert_eq!(path, "[1].nodes[0].id"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn koda_web_templates_without_times_or_with_extra_fields_are_kept() {
        let text = r#"{"id":"t1","name":"Showcase","description":"d","category":"ads",
            "tags":["a","b"],"readOnly":true,"koda:future":{"kept":[1,2]},
            "nodes":[],"edges":[]}"#;
        let (_, canvases) = parse_canvas_file(text, 1_700_000_000_000).unwrap();
        let canvas = &canvases[0];
        assert_eq!(canvas.created_at, 1_700_000_000_000);
        assert_eq!(canvas.updated_at, 1_700_000_000_000);
        assert!(canvas.details.is_read_only());
        assert_eq!(canvas.details.category.as_deref(), Some("ads"));
        let back = serde_json::to_value(canvas).unwrap();
        assert_eq!(back["tags"], serde_json::json!(["a", "b"]));
        assert_eq!(back["koda:future"], serde_json::json!({"kept": [1, 2]}));
        assert_eq!(back["readOnly"], serde_json::json!(true));
        let stored = canvas.details.to_json_text().unwrap();
        assert_eq!(CanvasDetails::from_json_text(Some(&stored)), canvas.details);
    }

    #[test]
    fn malformed_json_reports_its_position() {
        match parse_canvas_file("[{\"id\": \"x\",\n  \"name\": }]", 1) {
            Err(StoreError::Invalid { path, .. }) => assert!(path.contains("line 2"), "{path}"),
            other => panic!("{other:?}"),
        }
    }
}
