//! [`CanvasStore`] for every [`TxRunner`].

use super::history::Before;
use super::search::{index_header, index_node, text_changed};
use super::tx::{Bump, Order, StoreTx, TxRunner};
use crate::error::{StoreError, StoreResult};
use crate::events::{ChangeEvent, ChangeKind};
use crate::ids::{new_id, now_ms};
use crate::model::*;
use crate::store::CanvasStore;
use crate::validate::{validate_canvas, validate_name, validate_patch};
use std::collections::HashSet;

/// New nodes of a patch at revision `r` get `ord = r << ORD_SHIFT | index`, which sorts after
/// every node already on the canvas without reading the current maximum.
pub const ORD_SHIFT: u32 = 20;

/// The name a duplicate gets when none is given.
fn copy_name(name: &str) -> String {
    format!("{name} (copy)")
}

pub(crate) fn locked(tx: &mut dyn StoreTx, id: &str) -> StoreResult<Revision> {
    tx.lock_canvas(id)?
        .ok_or_else(|| StoreError::canvas_not_found(id))
}

/// Writes a whole canvas, diffing against what is stored: only nodes and edges that are gone
/// are deleted. `keep_updated_at` keeps the canvas's own time (imports). What it replaces is
/// kept as a version made by `source`; the search index follows in the same transaction.
pub(crate) fn save_in(
    tx: &mut dyn StoreTx,
    canvas: &StoredCanvas,
    keep_updated_at: bool,
    source: VersionSource,
) -> StoreResult<(Revision, ChangeEvent)> {
    let now = now_ms();
    let updated_at = if keep_updated_at {
        canvas.updated_at
    } else {
        now
    };
    let before = match tx.lock_canvas(&canvas.id)? {
        None => None,
        Some(_) => Before::whole(tx, &canvas.id)?,
    };
    let revision = match &before {
        None => {
            tx.insert_canvas(canvas, 1, updated_at)?;
            1
        }
        Some(before) => {
            let revision = before.header.revision + 1;
            tx.update_header(canvas, revision, updated_at)?;
            // What is stored and no longer in the canvas goes; `before` has read every id.
            let gone_edges = gone(before.edges.keys(), canvas.edges.iter().map(|e| &e.id));
            let gone_nodes = gone(before.nodes.keys(), canvas.nodes.iter().map(|n| &n.id));
            tx.delete_edges(&canvas.id, &gone_edges)?;
            tx.delete_nodes(&canvas.id, &gone_nodes)?;
            tx.unindex_nodes(&canvas.id, &gone_nodes)?;
            revision
        }
    };
    tx.upsert_nodes(&canvas.id, &canvas.nodes, 0, Order::Replace, now)?;
    tx.upsert_edges(&canvas.id, &canvas.edges, 0, Order::Replace)?;
    tx.set_node_count(&canvas.id, canvas.nodes.len() as i64)?;
    index_header(tx, canvas)?;
    for node in &canvas.nodes {
        if text_changed(before.as_ref().and_then(|b| b.nodes.get(&node.id)), node) {
            index_node(tx, &canvas.id, node)?;
        }
    }
    if let Some(before) = &before {
        before.record_whole(tx, source, now, canvas)?;
    }
    let event = tx.record_change(ChangeKind::Saved, Some(&canvas.id), Some(revision), now)?;
    Ok((revision, event))
}

/// Applies a patch at `base_revision` (else `Conflict`, nothing written), keeping what it
/// changes as history made by `source` and the search index in step. A patch that only pans
/// is not an edit: no history, no index work.
pub(crate) fn patch_in(
    tx: &mut dyn StoreTx,
    id: &str,
    base_revision: Revision,
    patch: &CanvasPatch,
    source: VersionSource,
) -> StoreResult<(Revision, ChangeEvent)> {
    // The row lock makes a concurrent patch (a teammate's) wait, then see our revision.
    let current = locked(tx, id)?;
    if current != base_revision {
        return Err(StoreError::Conflict {
            canvas_id: id.to_owned(),
            base_revision,
            current_revision: current,
        });
    }
    let revision = current + 1;
    let now = now_ms();
    let edits = patch.changes_content();
    let before = if edits {
        Some(Before::patch(tx, id, patch)?)
    } else {
        None
    };
    tx.delete_edges(id, &patch.delete_edges)?;
    tx.delete_edges_touching(id, &patch.delete_nodes)?;
    let deleted = tx.delete_nodes(id, &patch.delete_nodes)?;
    let first_ord = revision << ORD_SHIFT;
    let inserted = tx.upsert_nodes(id, &patch.upsert_nodes, first_ord, Order::KeepExisting, now)?;
    check_edge_ends(tx, id, patch)?;
    tx.upsert_edges(id, &patch.upsert_edges, first_ord, Order::KeepExisting)?;
    tx.bump(
        id,
        Bump {
            revision,
            updated_at: edits.then_some(now),
            name: patch.name.as_deref().map(str::trim),
            viewport: patch.viewport,
            node_delta: inserted as i64 - deleted as i64,
        },
    )?;
    if let Some(before) = before {
        for node in &patch.upsert_nodes {
            if text_changed(before.nodes.get(&node.id), node) {
                index_node(tx, id, node)?;
            }
        }
        tx.unindex_nodes(id, &patch.delete_nodes)?;
        if let Some(name) = &patch.name {
            let mut header = before.header.clone();
            header.name = name.trim().to_owned();
            index_header(tx, &header)?;
        }
        let nodes = patch
            .upsert_nodes
            .iter()
            .map(|n| n.id.as_str())
            .chain(patch.delete_nodes.iter().map(String::as_str));
        // Every stored edge the patch touched was read into `before` (upserted, deleted, or
        // deleted with a node); new edges are the upserted ones it does not have.
        let stored: Vec<&str> = before.edges.keys().map(String::as_str).collect();
        let edges = patch
            .upsert_edges
            .iter()
            .map(|e| e.id.as_str())
            .chain(stored);
        before.record(tx, source, now, nodes, edges)?;
    }
    let event = tx.record_change(ChangeKind::Patched, Some(id), Some(revision), now)?;
    Ok((revision, event))
}

/// The ids in `stored` that `kept` no longer has.
fn gone<'a>(
    stored: impl Iterator<Item = &'a String>,
    kept: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let kept: HashSet<&String> = kept.collect();
    stored.filter(|id| !kept.contains(id)).cloned().collect()
}

/// Fails with the path of the first edge whose end is neither upserted by the patch nor on the
/// canvas.
fn check_edge_ends(tx: &mut dyn StoreTx, id: &str, patch: &CanvasPatch) -> StoreResult<()> {
    let upserted: HashSet<&str> = patch.upsert_nodes.iter().map(|n| n.id.as_str()).collect();
    let ends: Vec<(usize, &'static str, &str)> = patch
        .upsert_edges
        .iter()
        .enumerate()
        .flat_map(|(index, e)| {
            [
                (index, "source", e.source.as_str()),
                (index, "target", e.target.as_str()),
            ]
        })
        .filter(|(_, _, node)| !upserted.contains(node))
        .collect();
    if ends.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = ends.iter().map(|(_, _, node)| *node).collect();
    if let Some(position) = tx.first_missing_node(id, &ids)? {
        let (index, end, node_id) = ends[position];
        return Err(StoreError::invalid(
            format!("upsertEdges[{index}].{end}"),
            format!(
                "edge '{}' points to node '{node_id}', which is not on the canvas",
                patch.upsert_edges[index].id
            ),
        ));
    }
    Ok(())
}

fn set_trashed(store: &impl TxRunner, id: &str, trashed: bool) -> StoreResult<()> {
    store.write(|tx| {
        let revision = locked(tx, id)?;
        let now = now_ms();
        tx.set_deleted_at(id, trashed.then_some(now))?;
        let kind = if trashed {
            ChangeKind::Trashed
        } else {
            ChangeKind::Restored
        };
        Ok((
            (),
            vec![tx.record_change(kind, Some(id), Some(revision), now)?],
        ))
    })
}

impl<B: TxRunner> CanvasStore for B {
    fn list_canvases(&self) -> StoreResult<Vec<CanvasMetadata>> {
        self.read(|tx| tx.list_canvases(false))
    }

    fn list_trash(&self) -> StoreResult<Vec<CanvasMetadata>> {
        self.read(|tx| tx.list_canvases(true))
    }

    fn get_canvas(&self, id: &str) -> StoreResult<Option<StoredCanvas>> {
        self.read(|tx| {
            let Some(mut canvas) = tx.load_header(id)? else {
                return Ok(None);
            };
            canvas.nodes = tx.load_nodes(id)?;
            canvas.edges = tx.load_edges(id)?;
            Ok(Some(canvas))
        })
    }

    fn canvas_exists(&self, id: &str) -> StoreResult<bool> {
        self.read(|tx| tx.canvas_exists(id))
    }

    fn save_canvas(&self, canvas: &StoredCanvas) -> StoreResult<Revision> {
        validate_canvas(canvas)?;
        self.write(|tx| {
            let (revision, event) = save_in(tx, canvas, false, VersionSource::Edit)?;
            Ok((revision, vec![event]))
        })
    }

    fn import_canvases(&self, list: &[StoredCanvas]) -> StoreResult<Vec<Revision>> {
        for canvas in list {
            validate_canvas(canvas)?;
        }
        self.write(|tx| {
            let mut revisions = Vec::with_capacity(list.len());
            let mut events = Vec::with_capacity(list.len());
            for canvas in list {
                let (revision, event) = save_in(tx, canvas, true, VersionSource::Import)?;
                revisions.push(revision);
                events.push(event);
            }
            Ok((revisions, events))
        })
    }

    fn create_canvas(&self, name: &str) -> StoreResult<StoredCanvas> {
        validate_name("name", name)?;
        let mut canvas = StoredCanvas::new(name.trim(), now_ms());
        canvas.revision = 1;
        self.write(|tx| {
            tx.insert_canvas(&canvas, 1, canvas.updated_at)?;
            index_header(tx, &canvas)?;
            let event = tx.record_change(
                ChangeKind::Created,
                Some(&canvas.id),
                Some(1),
                canvas.updated_at,
            )?;
            Ok(((), vec![event]))
        })?;
        Ok(canvas)
    }

    fn rename_canvas(&self, id: &str, name: &str) -> StoreResult<Revision> {
        validate_name("name", name)?;
        self.write(|tx| {
            let revision = locked(tx, id)? + 1;
            let now = now_ms();
            let before = Before::read(tx, id, &[], &[], &[])?;
            tx.bump(
                id,
                Bump {
                    revision,
                    updated_at: Some(now),
                    name: Some(name.trim()),
                    viewport: None,
                    node_delta: 0,
                },
            )?;
            let mut header = before.header.clone();
            header.name = name.trim().to_owned();
            index_header(tx, &header)?;
            before.record(tx, VersionSource::Edit, now, [], [])?;
            let event = tx.record_change(ChangeKind::Renamed, Some(id), Some(revision), now)?;
            Ok((revision, vec![event]))
        })
    }

    fn duplicate_canvas(&self, id: &str, name: Option<&str>) -> StoreResult<StoredCanvas> {
        if let Some(name) = name {
            validate_name("name", name)?;
        }
        let copy_id = self.write(|tx| {
            let mut header = tx
                .load_header(id)?
                .ok_or_else(|| StoreError::canvas_not_found(id))?;
            let now = now_ms();
            header.name = name.map_or_else(|| copy_name(&header.name), |n| n.trim().to_owned());
            header.id = new_id();
            header.created_at = now;
            tx.insert_canvas(&header, 1, now)?;
            let count = tx.copy_content(id, &header.id, now)?;
            tx.set_node_count(&header.id, count)?;
            index_header(tx, &header)?;
            for node in tx.load_nodes(&header.id)? {
                index_node(tx, &header.id, &node)?;
            }
            let event = tx.record_change(ChangeKind::Created, Some(&header.id), Some(1), now)?;
            Ok((header.id, vec![event]))
        })?;
        self.get_canvas(&copy_id)?
            .ok_or_else(|| StoreError::canvas_not_found(&copy_id))
    }

    fn trash_canvas(&self, id: &str) -> StoreResult<()> {
        set_trashed(self, id, true)
    }

    fn restore_canvas(&self, id: &str) -> StoreResult<()> {
        set_trashed(self, id, false)
    }

    fn purge_canvas(&self, id: &str) -> StoreResult<()> {
        self.write(|tx| {
            let revision = locked(tx, id)?;
            tx.delete_canvas(id)?;
            let event = tx.record_change(ChangeKind::Purged, Some(id), Some(revision), now_ms())?;
            Ok(((), vec![event]))
        })
    }

    fn apply_patch(
        &self,
        id: &str,
        base_revision: Revision,
        patch: &CanvasPatch,
    ) -> StoreResult<Revision> {
        validate_patch(patch)?;
        self.write(|tx| {
            let (revision, event) = patch_in(tx, id, base_revision, patch, VersionSource::Edit)?;
            Ok((revision, vec![event]))
        })
    }

    fn set_thumbnail(&self, id: &str, thumbnail: Option<&str>) -> StoreResult<()> {
        self.write(|tx| {
            if !tx.set_thumbnail(id, thumbnail)? {
                return Err(StoreError::canvas_not_found(id));
            }
            let event = tx.record_change(ChangeKind::Thumbnail, Some(id), None, now_ms())?;
            Ok(((), vec![event]))
        })
    }
}
