//! Version history, compactly: every write keeps a reverse delta (the before-image of the rows it
//! touched). A version is the canvas as it was before a burst of edits, or before anything that
//! replaced it wholesale (an import, a restore, a sync); rebuilding it undoes the deltas newer
//! than it, from the current canvas back. Pruning composes neighbouring deltas, so old history
//! shrinks to one delta per hour, then per day, and no delta is ever larger than the canvas.

use crate::model::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Edits closer together than this belong to one version.
pub const SETTLE_MS: EpochMs = 60_000;

/// What undoes one write (or several composed): the header, nodes and edges as they were
/// before. `None` for a node or edge means it did not exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReverseDelta {
    /// The header before (its `nodes`/`edges` are empty).
    pub header: StoredCanvas,
    #[serde(default)]
    pub nodes: BTreeMap<String, Option<CanvasNode>>,
    #[serde(default)]
    pub edges: BTreeMap<String, Option<CanvasEdge>>,
}

impl ReverseDelta {
    /// A delta with the header before and nothing else yet.
    pub fn new(mut header: StoredCanvas) -> Self {
        header.nodes.clear();
        header.edges.clear();
        Self {
            header,
            nodes: BTreeMap::new(),
            edges: BTreeMap::new(),
        }
    }

    /// `self` (older) followed by `newer`, as one delta that undoes both: for every row the
    /// older before-image wins.
    pub fn compose(mut self, newer: ReverseDelta) -> Self {
        for (id, before) in newer.nodes {
            self.nodes.entry(id).or_insert(before);
        }
        for (id, before) in newer.edges {
            self.edges.entry(id).or_insert(before);
        }
        self
    }

    /// Turns `canvas` (the state after the write) into the state before it. Nodes that come
    /// back are appended in id order (their exact draw order is not kept).
    pub fn undo(&self, canvas: &mut StoredCanvas) {
        let nodes = std::mem::take(&mut canvas.nodes);
        let edges = std::mem::take(&mut canvas.edges);
        *canvas = self.header.clone();
        canvas.nodes = undo_rows(nodes, &self.nodes, |n| &n.id);
        canvas.edges = undo_rows(edges, &self.edges, |e| &e.id);
    }
}

fn undo_rows<T: Clone>(
    rows: Vec<T>,
    before: &BTreeMap<String, Option<T>>,
    id: impl Fn(&T) -> &String,
) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<T> = rows
        .into_iter()
        .filter_map(|row| {
            let key = id(&row).clone();
            let restored = match before.get(&key) {
                None => Some(row),
                Some(old) => old.clone(),
            };
            seen.insert(key);
            restored
        })
        .collect();
    out.extend(
        before
            .iter()
            .filter(|(key, _)| !seen.contains(*key))
            .filter_map(|(_, old)| old.clone()),
    );
    out
}

/// One stored reverse delta with what the History panel needs without unpacking it.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub id: i64,
    pub canvas_id: String,
    /// When the write happened.
    pub at: EpochMs,
    /// What made the write.
    pub source: VersionSource,
    /// Who made it, when known (a teammate's id on a shared server, a device for sync).
    pub author: Option<String>,
    /// The canvas before the write: revision, name, node count.
    pub before_revision: Revision,
    pub before_name: String,
    pub before_node_count: i64,
    pub before_updated_at: EpochMs,
    pub delta: ReverseDelta,
}

/// Rows grouped into versions: a new group starts after a pause of [`SETTLE_MS`], and at every
/// write that is not an edit (and right after one). Returns the index of each group's first row.
pub fn group_starts(rows: &[HistoryRow]) -> Vec<usize> {
    let mut starts = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let starts_group = match index.checked_sub(1).map(|i| &rows[i]) {
            None => true,
            Some(previous) => {
                row.source != VersionSource::Edit
                    || previous.source != VersionSource::Edit
                    || row.author != previous.author
                    || row.at - previous.at >= SETTLE_MS
            }
        };
        if starts_group {
            starts.push(index);
        }
    }
    starts
}

/// The versions of a canvas, newest first: for each group, the canvas as it was before it.
/// `me` names this person: edits by anyone else are a teammate's.
pub fn versions(rows: &[HistoryRow], me: Option<&str>) -> Vec<VersionInfo> {
    let starts = group_starts(rows);
    let mut versions: Vec<VersionInfo> = starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let row = &rows[start];
            // What made this state: the group before it (the first state was made by edits).
            let maker = n.checked_sub(1).map(|p| &rows[starts[p]]);
            let by_someone_else =
                |m: &HistoryRow| me.is_some() && m.author.is_some() && m.author.as_deref() != me;
            let source = match maker {
                Some(m) if m.source == VersionSource::Edit && by_someone_else(m) => {
                    VersionSource::Teammate
                }
                Some(m) => m.source,
                None => VersionSource::Edit,
            };
            VersionInfo {
                id: row.id,
                canvas_id: row.canvas_id.clone(),
                at: row.before_updated_at,
                source,
                revision: row.before_revision,
                name: row.before_name.clone(),
                node_count: row.before_node_count,
                device: maker.and_then(|m| m.author.clone()),
            }
        })
        .collect();
    versions.reverse();
    versions
}

/// Which versions the retention policy keeps, given their times (newest first): everything
/// younger than `keep_all`, then the newest version of each hour up to `hourly_until`, then the
/// newest of each day.
pub fn kept_by_policy(times: &[EpochMs], policy: &HistorySettings, now: EpochMs) -> Vec<bool> {
    const HOUR: EpochMs = 3_600_000;
    const DAY: EpochMs = 24 * HOUR;
    let keep_all = EpochMs::from(policy.keep_all_hours) * HOUR;
    let hourly_until = EpochMs::from(policy.hourly_days) * DAY;
    let mut last_bucket = None;
    times
        .iter()
        .map(|&at| {
            let age = now - at;
            if age < keep_all {
                return true;
            }
            let bucket = if age < hourly_until {
                (0, at.div_euclid(HOUR))
            } else {
                (1, at.div_euclid(DAY))
            };
            let keep = last_bucket != Some(bucket);
            last_bucket = Some(bucket);
            keep
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, at: EpochMs, source: VersionSource) -> HistoryRow {
        HistoryRow {
            id,
            canvas_id: "c".into(),
            at,
            source,
            author: None,
            before_revision: id,
            before_name: "n".into(),
            before_node_count: 0,
            before_updated_at: at,
            delta: ReverseDelta::new(StoredCanvas::new("n", 0)),
        }
    }

    #[test]
    fn edits_settle_into_one_version_and_imports_stand_alone() {
        let rows = [
            row(1, 0, VersionSource::Edit),
            row(2, 1_000, VersionSource::Edit),
            row(3, 200_000, VersionSource::Edit),
            row(4, 200_500, VersionSource::Import),
            row(5, 201_000, VersionSource::Edit),
        ];
        assert_eq!(group_starts(&rows), vec![0, 2, 3, 4]);
        let listed = versions(&rows, None);
        assert_eq!(
            listed.iter().map(|v| (v.id, v.source)).collect::<Vec<_>>(),
            vec![
                (5, VersionSource::Import),
                (4, VersionSource::Edit),
                (3, VersionSource::Edit),
                (1, VersionSource::Edit)
            ]
        );
    }

    #[test]
    fn undo_then_compose_rebuild_the_old_canvas() {
        let mut old = StoredCanvas::new("old", 1);
        old.nodes = vec![
            CanvasNode::new("a", "text", 0.0, 0.0),
            CanvasNode::new("b", "text", 1.0, 1.0),
        ];
        let mut first = ReverseDelta::new(old.clone());
        first.nodes.insert("a".into(), Some(old.nodes[0].clone()));
        let mut mid = old.clone();
        mid.nodes[0].position.x = 50.0;
        mid.name = "mid".into();
        let mut second = ReverseDelta::new(mid.clone());
        second.nodes.insert("b".into(), Some(mid.nodes[1].clone()));
        second.nodes.insert("c".into(), None);
        let mut now = mid.clone();
        now.nodes.remove(1);
        now.nodes.push(CanvasNode::new("c", "note", 9.0, 9.0));
        now.name = "now".into();
        let mut stepwise = now.clone();
        second.undo(&mut stepwise);
        assert_eq!(stepwise, mid);
        first.undo(&mut stepwise);
        assert_eq!(stepwise, old);
        let mut at_once = now.clone();
        first.compose(second).undo(&mut at_once);
        assert_eq!(at_once, old);
    }

    #[test]
    fn policy_keeps_recent_then_hourly_then_daily() {
        let hour = 3_600_000;
        let now = 100 * 24 * hour;
        let times = [
            now - 1_000,
            now - 2 * hour,
            now - 30 * hour + 30 * 60_000,
            now - 30 * hour + 60_000,
            now - 40 * 24 * hour + 5 * hour,
            now - 40 * 24 * hour + 2 * hour,
        ];
        let policy = HistorySettings {
            keep_all_hours: 24,
            hourly_days: 30,
        };
        assert_eq!(
            kept_by_policy(&times, &policy, now),
            vec![true, true, true, false, true, false]
        );
    }
}
