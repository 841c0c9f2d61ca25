//! Recording reverse deltas with every write, and [`HistoryStore`] for every [`TxRunner`].

use super::canvases::{locked, patch_in, save_in};
use super::tx::{StoreTx, TxRunner};
use crate::error::{StoreError, StoreResult};
use crate::history::{group_starts, kept_by_policy, versions, HistoryRow, ReverseDelta};
use crate::model::*;
use crate::store::HistoryStore;
use std::collections::{HashMap, HashSet};

/// Change-log entries and replaced sync versions are kept this long.
const LOG_RETENTION_MS: EpochMs = 30 * 24 * 3_600_000;

/// The rows a patch is about to touch, read before it writes.
pub(crate) struct Before {
    pub header: StoredCanvas,
    pub node_count: i64,
    pub nodes: HashMap<String, CanvasNode>,
    pub edges: HashMap<String, CanvasEdge>,
}

impl Before {
    /// Reads what `patch` will change on canvas `id`.
    pub fn patch(tx: &mut dyn StoreTx, id: &str, patch: &CanvasPatch) -> StoreResult<Self> {
        let node_ids: Vec<&str> = patch
            .upsert_nodes
            .iter()
            .map(|n| n.id.as_str())
            .chain(patch.delete_nodes.iter().map(String::as_str))
            .collect();
        let edge_ids: Vec<&str> = patch
            .upsert_edges
            .iter()
            .map(|e| e.id.as_str())
            .chain(patch.delete_edges.iter().map(String::as_str))
            .collect();
        Self::read(tx, id, &node_ids, &edge_ids, &patch.delete_nodes)
    }

    /// Reads the header, the nodes `node_ids` and the edges `edge_ids` plus every edge touching
    /// `deleted_nodes` (which go with them).
    pub fn read(
        tx: &mut dyn StoreTx,
        id: &str,
        node_ids: &[&str],
        edge_ids: &[&str],
        deleted_nodes: &[String],
    ) -> StoreResult<Self> {
        let header = tx
            .load_header(id)?
            .ok_or_else(|| StoreError::canvas_not_found(id))?;
        let mut edges = tx.load_edges_by_id(id, edge_ids)?;
        if !deleted_nodes.is_empty() {
            edges.extend(tx.load_edges_touching(id, deleted_nodes)?);
        }
        Ok(Self {
            node_count: tx.node_count(id)?,
            nodes: by_id(tx.load_nodes_by_id(id, node_ids)?, |n| &n.id),
            edges: by_id(edges, |e| &e.id),
            header,
        })
    }

    /// The whole stored canvas, before a write replaces it.
    pub fn whole(tx: &mut dyn StoreTx, id: &str) -> StoreResult<Option<Self>> {
        let Some(header) = tx.load_header(id)? else {
            return Ok(None);
        };
        let nodes = tx.load_nodes(id)?;
        Ok(Some(Self {
            header,
            node_count: nodes.len() as i64,
            nodes: by_id(nodes, |n| &n.id),
            edges: by_id(tx.load_edges(id)?, |e| &e.id),
        }))
    }

    /// Appends the delta that undoes the write: the before-image of every node and edge in
    /// `nodes`/`edges` (the ids the write touched).
    pub fn record<'a>(
        &self,
        tx: &mut dyn StoreTx,
        source: VersionSource,
        at: EpochMs,
        nodes: impl IntoIterator<Item = &'a str>,
        edges: impl IntoIterator<Item = &'a str>,
    ) -> StoreResult<()> {
        let mut delta = ReverseDelta::new(self.header.clone());
        for id in nodes {
            delta
                .nodes
                .insert(id.to_owned(), self.nodes.get(id).cloned());
        }
        for id in edges {
            delta
                .edges
                .insert(id.to_owned(), self.edges.get(id).cloned());
        }
        let row = HistoryRow {
            id: 0,
            canvas_id: self.header.id.clone(),
            at,
            source,
            author: tx.author().map(str::to_owned),
            before_revision: self.header.revision,
            before_name: self.header.name.clone(),
            before_node_count: self.node_count,
            before_updated_at: self.header.updated_at,
            delta,
        };
        tx.append_history(&row)
    }

    /// [`Self::record`] for a whole-canvas write of `after`: every node and edge that differs.
    pub fn record_whole(
        &self,
        tx: &mut dyn StoreTx,
        source: VersionSource,
        at: EpochMs,
        after: &StoredCanvas,
    ) -> StoreResult<()> {
        let after_nodes: HashMap<&str, &CanvasNode> =
            after.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
        let after_edges: HashMap<&str, &CanvasEdge> =
            after.edges.iter().map(|e| (e.id.as_str(), e)).collect();
        let nodes: HashSet<&str> = changed(&self.nodes, &after_nodes);
        let edges: HashSet<&str> = changed(&self.edges, &after_edges);
        self.record(tx, source, at, nodes, edges)
    }
}

fn by_id<T>(rows: Vec<T>, id: impl Fn(&T) -> &String) -> HashMap<String, T> {
    rows.into_iter()
        .map(|row| (id(&row).clone(), row))
        .collect()
}

/// Ids whose row differs between `before` and `after` (added, removed or changed).
fn changed<'a, T: PartialEq>(
    before: &'a HashMap<String, T>,
    after: &HashMap<&'a str, &'a T>,
) -> HashSet<&'a str> {
    let mut ids: HashSet<&str> = before
        .iter()
        .filter(|(id, row)| after.get(id.as_str()) != Some(row))
        .map(|(id, _)| id.as_str())
        .collect();
    ids.extend(after.keys().filter(|id| !before.contains_key(**id)));
    ids
}

/// The canvas as it was at `version_id`: the current canvas with every newer delta undone.
fn rebuild(tx: &mut dyn StoreTx, canvas_id: &str, version_id: i64) -> StoreResult<StoredCanvas> {
    let rows = tx.history_rows(canvas_id, version_id, true)?;
    if rows.first().map(|r| r.id) != Some(version_id) {
        return Err(StoreError::NotFound {
            what: "version",
            id: version_id.to_string(),
        });
    }
    let mut canvas = tx
        .load_header(canvas_id)?
        .ok_or_else(|| StoreError::canvas_not_found(canvas_id))?;
    canvas.nodes = tx.load_nodes(canvas_id)?;
    canvas.edges = tx.load_edges(canvas_id)?;
    // Compose first (cheap: only the touched rows), then undo once over the whole canvas.
    let mut deltas = rows.into_iter().map(|row| row.delta);
    if let Some(oldest) = deltas.next() {
        deltas.fold(oldest, ReverseDelta::compose).undo(&mut canvas);
    }
    Ok(canvas)
}

/// The patch that puts back one node of `old` with its edges to nodes that exist now.
fn node_restore_patch(
    tx: &mut dyn StoreTx,
    canvas_id: &str,
    old: &StoredCanvas,
    node_id: &str,
) -> StoreResult<CanvasPatch> {
    let node = old
        .nodes
        .iter()
        .find(|n| n.id == node_id)
        .ok_or_else(|| StoreError::NotFound {
            what: "node in that version",
            id: node_id.to_owned(),
        })?;
    let touching: Vec<&CanvasEdge> = old
        .edges
        .iter()
        .filter(|e| e.source == node_id || e.target == node_id)
        .collect();
    let others: Vec<&str> = touching
        .iter()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .filter(|id| *id != node_id)
        .collect();
    let present: HashSet<String> = tx
        .load_nodes_by_id(canvas_id, &others)?
        .into_iter()
        .map(|n| n.id)
        .collect();
    Ok(CanvasPatch {
        upsert_nodes: vec![node.clone()],
        upsert_edges: touching
            .into_iter()
            .filter(|e| {
                [&e.source, &e.target]
                    .iter()
                    .all(|end| end.as_str() == node_id || present.contains(end.as_str()))
            })
            .cloned()
            .collect(),
        ..Default::default()
    })
}

/// Compacts one canvas's history as the policy says: versions it drops are folded into the
/// older version, and every version's deltas become one.
fn prune_canvas(
    tx: &mut dyn StoreTx,
    canvas_id: &str,
    policy: &HistorySettings,
    now: EpochMs,
) -> StoreResult<u64> {
    // Plan on the rows without their deltas; read the deltas only when there is work.
    let plan = |rows: &[HistoryRow]| {
        let starts = group_starts(rows);
        let newest_first: Vec<EpochMs> = starts.iter().rev().map(|&s| rows[s].at).collect();
        let mut kept = kept_by_policy(&newest_first, policy, now);
        kept.reverse();
        (starts, kept)
    };
    let light = tx.history_rows(canvas_id, 0, false)?;
    let (starts, kept) = plan(&light);
    let compact = kept.iter().all(|k| *k) && starts.len() == light.len();
    if compact {
        return Ok(0);
    }
    let rows = tx.history_rows(canvas_id, 0, true)?;
    let mut groups: Vec<Vec<&HistoryRow>> = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(rows.len());
        let members = rows[start..end].iter();
        match groups.last_mut() {
            Some(older) if !kept[n] => older.extend(members),
            // The oldest version is dropped with its deltas: nothing older needs them.
            None if !kept[n] => {}
            _ => groups.push(members.collect()),
        }
    }
    let mut removed = 0;
    let kept_ids: HashSet<i64> = groups.iter().flatten().map(|r| r.id).collect();
    let dropped: Vec<i64> = rows
        .iter()
        .map(|r| r.id)
        .filter(|id| !kept_ids.contains(id))
        .collect();
    removed += dropped.len() as u64;
    tx.delete_history(&dropped)?;
    for group in groups.into_iter().filter(|g| g.len() > 1) {
        let first = group[0];
        let last = group[group.len() - 1];
        let delta = group.iter().skip(1).fold(first.delta.clone(), |acc, row| {
            acc.compose(row.delta.clone())
        });
        let merged = HistoryRow {
            at: last.at,
            delta,
            ..first.clone()
        };
        let ids: Vec<i64> = group.iter().map(|r| r.id).collect();
        tx.delete_history(&ids)?;
        tx.append_history(&merged)?;
        removed += ids.len() as u64 - 1;
    }
    Ok(removed)
}

impl<B: TxRunner> HistoryStore for B {
    fn list_versions(&self, canvas_id: &str) -> StoreResult<Vec<VersionInfo>> {
        self.read(|tx| {
            if !tx.canvas_exists(canvas_id)? {
                return Err(StoreError::canvas_not_found(canvas_id));
            }
            let rows = tx.history_rows(canvas_id, 0, false)?;
            Ok(versions(&rows, tx.author()))
        })
    }

    fn get_version(&self, canvas_id: &str, version_id: i64) -> StoreResult<StoredCanvas> {
        self.read(|tx| rebuild(tx, canvas_id, version_id))
    }

    fn restore_version(
        &self,
        canvas_id: &str,
        version_id: i64,
        node_id: Option<&str>,
    ) -> StoreResult<Revision> {
        self.write(|tx| {
            let current = locked(tx, canvas_id)?;
            let old = rebuild(tx, canvas_id, version_id)?;
            let (revision, event) = match node_id {
                None => save_in(tx, &old, false, VersionSource::Restore)?,
                Some(node_id) => {
                    let patch = node_restore_patch(tx, canvas_id, &old, node_id)?;
                    patch_in(tx, canvas_id, current, &patch, VersionSource::Restore)?
                }
            };
            Ok((revision, vec![event]))
        })
    }

    fn prune_history(&self, policy: &HistorySettings, now: EpochMs) -> StoreResult<u64> {
        let canvases = self.read(|tx| tx.canvases_with_history())?;
        let mut removed = 0;
        for id in canvases {
            // One transaction per canvas: a long prune never holds the writer for long.
            removed += self.write(|tx| Ok((prune_canvas(tx, &id, policy, now)?, Vec::new())))?;
        }
        removed += self.write(|tx| Ok((tx.prune_logs(now - LOG_RETENTION_MS)?, Vec::new())))?;
        Ok(removed)
    }

    fn search(&self, query: &SearchQuery) -> StoreResult<Vec<SearchHit>> {
        self.read(|tx| super::search::search(tx, query))
    }

    fn reindex(&self) -> StoreResult<usize> {
        self.write(|tx| Ok((super::search::reindex_all(tx)?, Vec::new())))
    }
}
