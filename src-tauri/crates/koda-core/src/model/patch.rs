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

    /// Whether the patch edits content (nodes, edges or the name). A patch that only pans or
    /// zooms does not: it bumps the revision but keeps `updatedAt`, so panning never moves a
    /// canvas to the top of "last edited".
    pub fn changes_content(&self) -> bool {
        !(self.upsert_nodes.is_empty()
            && self.delete_nodes.is_empty()
            && self.upsert_edges.is_empty()
            && self.delete_edges.is_empty()
            && self.name.is_none())
    }
}

impl CanvasPatch {
    /// Applies the patch to an in-memory canvas with the same meaning a store gives it: edges and
    /// nodes deleted first (a node's edges with it), then nodes upserted (replaced in place or
    /// appended), then edges, whose ends must exist. The reference model for store tests and for
    /// backends without SQL.
    pub fn apply_to(&self, canvas: &mut super::StoredCanvas) -> Result<(), crate::StoreError> {
        crate::validate::validate_patch(self)?;
        let deleted_nodes: std::collections::HashSet<&str> =
            self.delete_nodes.iter().map(String::as_str).collect();
        let deleted_edges: std::collections::HashSet<&str> =
            self.delete_edges.iter().map(String::as_str).collect();
        let mut next = canvas.clone();
        next.edges.retain(|e| {
            !deleted_edges.contains(e.id.as_str())
                && !deleted_nodes.contains(e.source.as_str())
                && !deleted_nodes.contains(e.target.as_str())
        });
        next.nodes
            .retain(|n| !deleted_nodes.contains(n.id.as_str()));
        for node in &self.upsert_nodes {
            match next.nodes.iter_mut().find(|n| n.id == node.id) {
                Some(existing) => *existing = node.clone(),
                None => next.nodes.push(node.clone()),
            }
        }
        for (index, edge) in self.upsert_edges.iter().enumerate() {
            for (end, node_id) in [("source", &edge.source), ("target", &edge.target)] {
                if !next.nodes.iter().any(|n| &n.id == node_id) {
                    return Err(crate::StoreError::invalid(
                        format!("upsertEdges[{index}].{end}"),
                        format!(
                            "edge '{}' points to node '{node_id}', which is not on the canvas",
                            edge.id
                        ),
                    ));
                }
            }
            match next.edges.iter_mut().find(|e| e.id == edge.id) {
                Some(existing) => *existing = edge.clone(),
                None => next.edges.push(edge.clone()),
            }
        }
        if let Some(viewport) = self.viewport {
            next.viewport = Some(viewport);
        }
        if let Some(name) = &self.name {
            next.name = name.trim().to_owned();
        }
        *canvas = next;
        Ok(())
    }
}
