//! `CanvasPatch`: an incremental save, the difference between two revisions of a canvas.

use super::{CanvasEdge, CanvasNode, Viewport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What changed in a canvas since the revision it was based on. Applied atomically by
/// `CanvasStore::apply_patch`; deleting a node also deletes every edge touching it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct CanvasPatch {
    /// Nodes to insert or replace (by id). New nodes are appended to the canvas's node order.
    pub upsert_nodes: Vec<CanvasNode>,
    /// Ids of nodes to delete, with their edges.
    pub delete_nodes: Vec<String>,
    /// Edges to insert or replace (by id); both ends must exist after the patch.
    pub upsert_edges: Vec<CanvasEdge>,
    /// Ids of edges to delete.
    pub delete_edges: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub viewport: Option<Viewport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
}

impl CanvasPatch {
    /// Whether the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self.upsert_nodes.is_empty()
            && self.delete_nodes.is_empty()
            && self.upsert_edges.is_empty()
            && self.delete_edges.is_empty()
            && self.viewport.is_none()
            && self.name.is_none()
    }
}
