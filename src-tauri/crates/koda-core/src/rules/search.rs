//! Keeping the search index in step with every write (in the same transaction), and searching.

use super::tx::{IndexEntry, StoreTx};
use crate::error::StoreResult;
use crate::model::*;
use crate::search_text::{fold, node_text, query_terms, snippet};

/// Default and largest number of hits.
const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 200;

/// Indexes one node's text (or removes it when it has none).
pub(crate) fn index_node(
    tx: &mut dyn StoreTx,
    canvas_id: &str,
    node: &CanvasNode,
) -> StoreResult<()> {
    let text = node_text(node);
    tx.index_text(&IndexEntry {
        canvas_id,
        node_id: Some(&node.id),
        node_type: Some(&node.node_type),
        folded: &fold(&text),
        text: &text,
    })
}

/// Indexes the canvas's own words: its name and description.
pub(crate) fn index_header(tx: &mut dyn StoreTx, canvas: &StoredCanvas) -> StoreResult<()> {
    let mut text = canvas.name.clone();
    if let Some(description) = canvas
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        text.push('\n');
        text.push_str(description.trim());
    }
    tx.index_text(&IndexEntry {
        canvas_id: &canvas.id,
        node_id: None,
        node_type: None,
        folded: &fold(&text),
        text: &text,
    })
}

/// Whether a node's searchable words may have changed (moves and resizes do not touch them).
pub(crate) fn text_changed(before: Option<&CanvasNode>, after: &CanvasNode) -> bool {
    before.is_none_or(|b| b.data != after.data || b.node_type != after.node_type)
}

/// Rebuilds the whole index from the stored canvases (a migration that adds the index, a
/// repair). Returns the number of entries written.
pub fn reindex_all(tx: &mut dyn StoreTx) -> StoreResult<usize> {
    tx.clear_index()?;
    let mut written = 0;
    for id in tx.all_canvas_ids()? {
        let Some(header) = tx.load_header(&id)? else {
            continue;
        };
        index_header(tx, &header)?;
        for node in tx.load_nodes(&id)? {
            index_node(tx, &id, &node)?;
            written += 1;
        }
        written += 1;
    }
    Ok(written)
}

/// Reads a query, asks the index and makes each hit's snippet.
pub(crate) fn search(tx: &mut dyn StoreTx, query: &SearchQuery) -> StoreResult<Vec<SearchHit>> {
    let terms = query_terms(&query.text);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let hits = tx.search_index(&terms, query.include_trash.unwrap_or(false), limit)?;
    Ok(hits
        .into_iter()
        .map(|hit| SearchHit {
            snippet: snippet(&hit.text, &terms),
            canvas_id: hit.canvas_id,
            canvas_name: hit.canvas_name,
            node_id: hit.node_id,
            node_type: hit.node_type,
            score: hit.score,
            trashed: hit.trashed,
        })
        .collect())
}
