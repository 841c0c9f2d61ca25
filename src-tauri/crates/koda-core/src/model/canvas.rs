//! The canvas as the UI and the Koda web app know it: the seed's `StoredCanvas`, camelCase JSON.

use super::JsonText;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

/// Milliseconds since the Unix epoch, the unit the web app stores.
pub type EpochMs = i64;

/// A canvas's monotonically increasing save counter; every committed write bumps it by one.
pub type Revision = i64;

/// A point on the infinite canvas.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Position {
    #[serde(serialize_with = "js_number")]
    pub x: f64,
    #[serde(serialize_with = "js_number")]
    pub y: f64,
}

/// Where the canvas camera looks, as React Flow reports it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Viewport {
    #[serde(serialize_with = "js_number")]
    pub x: f64,
    #[serde(serialize_with = "js_number")]
    pub y: f64,
    #[serde(serialize_with = "js_number")]
    pub zoom: f64,
}

/// Writes a number as JavaScript does: `700`, not `700.0`, so a canvas exported back to Koda web
/// reads byte for byte as it came.
fn js_number<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    const SAFE: f64 = 9_007_199_254_740_991.0; // 2^53 - 1: every integer up to it is exact
    if value.fract() == 0.0 && value.abs() <= SAFE && !(*value == 0.0 && value.is_sign_negative()) {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

fn js_number_opt<S: serde::Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => js_number(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// One node. Fields React Flow adds that Koda does not model (`parentId`, `style`, `measured`, …)
/// are kept in `extra` and round-trip unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CanvasNode {
    pub id: String,
    /// The node type (`prompt`, `imageGenerator`, …). Unknown types are stored as they are.
    #[serde(rename = "type", default = "unknown_node_type")]
    pub node_type: String,
    pub position: Position,
    #[serde(default)]
    #[ts(type = "Record<string, unknown>")]
    pub data: JsonText,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "js_number_opt"
    )]
    #[ts(optional)]
    pub width: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "js_number_opt"
    )]
    #[ts(optional)]
    pub height: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub z_index: Option<i64>,
    /// Every other field of the node, kept verbatim.
    #[serde(flatten)]
    #[ts(skip)]
    pub extra: Map<String, Value>,
}

fn unknown_node_type() -> String {
    // The seed writes `type || 'unknown'`; a node without a type is kept, not dropped.
    "unknown".to_owned()
}

impl CanvasNode {
    /// A node with empty data at `(x, y)`.
    pub fn new(id: impl Into<String>, node_type: impl Into<String>, x: f64, y: f64) -> Self {
        Self {
            id: id.into(),
            node_type: node_type.into(),
            position: Position { x, y },
            data: JsonText::empty_object(),
            width: None,
            height: None,
            z_index: None,
            extra: Map::new(),
        }
    }
}

/// One connection between two nodes' handles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CanvasEdge {
    pub id: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub source_handle: Option<String>,
    pub target: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub target_handle: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub edge_type: Option<String>,
    /// Every other field of the edge (`animated`, `style`, `label`, …), kept verbatim.
    #[serde(flatten)]
    #[ts(skip)]
    pub extra: Map<String, Value>,
}

impl CanvasEdge {
    /// A plain edge between two nodes' default handles.
    pub fn new(
        id: impl Into<String>,
        source: impl Into<String>,
        target: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            source: source.into(),
            source_handle: None,
            target: target.into(),
            target_handle: None,
            edge_type: None,
            extra: Map::new(),
        }
    }
}

/// A whole canvas: the seed's `StoredCanvas` plus viewport and revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StoredCanvas {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub thumbnail: Option<String>,
    /// 0 when the file had none (Koda web's showcase templates carry no timestamps); imports
    /// fill it in from the file's time.
    #[serde(default)]
    #[ts(type = "number")]
    pub created_at: EpochMs,
    #[serde(default)]
    #[ts(type = "number")]
    pub updated_at: EpochMs,
    #[serde(default)]
    pub nodes: Vec<CanvasNode>,
    #[serde(default)]
    pub edges: Vec<CanvasEdge>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub viewport: Option<Viewport>,
    /// The revision this copy was read at; 0 for a canvas not yet saved. Ignored by `save_canvas`.
    #[serde(default)]
    #[ts(type = "number")]
    pub revision: Revision,
    /// Koda web's canvas-level fields beyond the seed's (`category`, `tags`, `readOnly`, and any
    /// other), kept and written back unchanged.
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: CanvasDetails,
}

/// The canvas fields Koda web writes that the seed's table has no column for. Stored together as
/// one JSON object (the `extra` column), so a field Koda web adds later round-trips too.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CanvasDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub tags: Option<Vec<String>>,
    /// A showcase template: opened read-only, edited through a duplicate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub read_only: Option<bool>,
    /// Every other canvas field, kept verbatim.
    #[serde(flatten)]
    #[ts(skip)]
    pub extra: Map<String, Value>,
}

impl CanvasDetails {
    /// The details as one JSON object text for storage; `None` when there are none.
    pub fn to_json_text(&self) -> Option<String> {
        if *self == Self::default() {
            return None;
        }
        serde_json::to_string(self).ok()
    }

    /// Reads what [`Self::to_json_text`] wrote. Unreadable text (never written by Koda) is kept
    /// whole under `extra` rather than lost.
    pub fn from_json_text(text: Option<&str>) -> Self {
        let Some(text) = text else {
            return Self::default();
        };
        serde_json::from_str(text).unwrap_or_else(|_| {
            let mut extra = Map::new();
            extra.insert("koda:unreadableDetails".into(), Value::String(text.into()));
            Self {
                extra,
                ..Self::default()
            }
        })
    }

    /// Whether the canvas is a read-only template.
    pub fn is_read_only(&self) -> bool {
        self.read_only == Some(true)
    }
}

impl StoredCanvas {
    /// An empty canvas named `name` with a fresh id.
    pub fn new(name: impl Into<String>, now: EpochMs) -> Self {
        Self {
            id: crate::ids::new_id(),
            name: name.into(),
            description: None,
            thumbnail: None,
            created_at: now,
            updated_at: now,
            nodes: Vec::new(),
            edges: Vec::new(),
            viewport: None,
            revision: 0,
            details: CanvasDetails::default(),
        }
    }

    /// Fills in the timestamps a file left out (0) with `fallback`, and `updatedAt` with
    /// `createdAt` when only that one is known.
    pub fn fill_missing_times(&mut self, fallback: EpochMs) {
        if self.created_at == 0 {
            self.created_at = if self.updated_at != 0 {
                self.updated_at
            } else {
                fallback
            };
        }
        if self.updated_at == 0 {
            self.updated_at = self.created_at;
        }
    }
}

/// What the dashboard shows of a canvas without loading its nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CanvasMetadata {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub thumbnail: Option<String>,
    #[ts(type = "number")]
    pub created_at: EpochMs,
    #[ts(type = "number")]
    pub updated_at: EpochMs,
    /// The real number of nodes stored for the canvas.
    pub node_count: u32,
    #[ts(type = "number")]
    pub revision: Revision,
    /// When the canvas was moved to the trash; absent for live canvases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub deleted_at: Option<EpochMs>,
}
