//! The `koda` extension fields written into `.canvas` files.

use koda_core::{EpochMs, JsonText, Viewport};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// On the document: the canvas's identity, so importing the file again updates the same canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CanvasExtension {
    pub canvas_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewport: Option<Viewport>,
    pub created_at: EpochMs,
    pub updated_at: EpochMs,
}

/// On a node: what JSON Canvas has no place for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NodeExtension {
    #[serde(rename = "type")]
    pub node_type: String,
    pub data: JsonText,
    /// React Flow fields of the node (`parentId`, `style`, …).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub fields: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub z_index: Option<i64>,
    /// Set when the Koda node had no size of its own: the size written for it. If the file still
    /// has exactly that size, the node gets no size back (Koda lays it out as before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_size: Option<[i64; 2]>,
}

/// On an edge: React Flow's handles, type and other fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EdgeExtension {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_handle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_handle: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub edge_type: Option<String>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub fields: Map<String, Value>,
}
