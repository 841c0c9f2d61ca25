//! JSON Canvas 1.0 (jsoncanvas.org), the open `.canvas` format: text, file, link and group nodes
//! with integer geometry, and edges between node sides.
//!
//! Koda writes an extra `koda` field on the canvas, its nodes and edges (other readers ignore it)
//! holding what JSON Canvas cannot say: node types, node data, React Flow fields, handles. A
//! Koda → `.canvas` → Koda round trip therefore restores types and data, while edits made in
//! another editor to positions, sizes, texts and labels are kept.

pub mod export;
mod extension;
pub mod import;

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

/// The name of the extension field Koda adds.
pub const KODA_EXTENSION: &str = "koda";

/// A whole `.canvas` document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonCanvas {
    #[serde(default)]
    pub nodes: Vec<JsonCanvasNode>,
    #[serde(default)]
    pub edges: Vec<JsonCanvasEdge>,
    /// Other top-level fields (Koda's extension among them).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One node. `node_type` is `text`, `file`, `link` or `group`; others are kept when read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonCanvasNode {
    pub id: String,
    #[serde(rename = "type")]
    pub node_type: String,
    #[serde(serialize_with = "as_integer")]
    pub x: f64,
    #[serde(serialize_with = "as_integer")]
    pub y: f64,
    #[serde(serialize_with = "as_integer")]
    pub width: f64,
    #[serde(serialize_with = "as_integer")]
    pub height: f64,
    /// A preset `"1"`–`"6"` (red, orange, yellow, green, cyan, purple) or `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subpath: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_style: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The side of a node an edge attaches to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Top,
    Right,
    Bottom,
    Left,
}

/// What an edge end looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum End {
    None,
    Arrow,
}

/// One edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonCanvasEdge {
    pub id: String,
    pub from_node: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_side: Option<Side>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_end: Option<End>,
    pub to_node: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_side: Option<Side>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_end: Option<End>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// JSON Canvas geometry is in integers.
fn as_integer<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(value.round() as i64)
}

/// Sticky-note colours and the JSON Canvas presets nearest to them.
const NOTE_COLORS: &[(&str, &str)] = &[
    ("pink", "1"),
    ("yellow", "3"),
    ("green", "4"),
    ("blue", "5"),
    ("purple", "6"),
];

/// The JSON Canvas preset for a sticky-note colour.
pub(crate) fn preset_for_note(color: &str) -> Option<&'static str> {
    NOTE_COLORS
        .iter()
        .find(|(note, _)| *note == color)
        .map(|(_, preset)| *preset)
}

/// The sticky-note colour for a JSON Canvas colour (orange reads as yellow, hex as none).
pub(crate) fn note_for_preset(preset: &str) -> Option<&'static str> {
    match preset {
        "2" => Some("yellow"),
        _ => NOTE_COLORS
            .iter()
            .find(|(_, p)| *p == preset)
            .map(|(note, _)| *note),
    }
}
