//! Which files the database still needs: every `assets` row's `local_blob_key`, plus every
//! `koda-asset://<sha256>` reference in node data and canvas thumbnails (live and trashed
//! canvases, since the trash can be restored). A node copied to another canvas carries its
//! reference without a row of its own, so rows alone are not enough. The local clean-up and the
//! bucket's use this one definition.

use crate::{blobs::check_sha256, parse_asset_ref, ASSET_REF_PREFIX};
use koda_core::{Store, StoreResult, StoredCanvas};
use serde_json::Value;
use std::collections::HashSet;

/// Hashes some row or canvas in `store` refers to.
pub fn referenced_hashes(store: &dyn Store) -> StoreResult<HashSet<String>> {
    let mut found: HashSet<String> = store
        .list_assets(None)?
        .into_iter()
        .filter_map(|asset| asset.local_blob_key)
        .filter(|sha| check_sha256(sha).is_ok())
        .collect();
    let canvases = store.list_canvases()?.into_iter();
    for meta in canvases.chain(store.list_trash()?) {
        // A canvas purged since the listing refers to nothing any more.
        if let Some(canvas) = store.get_canvas(&meta.id)? {
            add_canvas_references(&canvas, &mut found);
        }
    }
    Ok(found)
}

/// Adds the hashes a canvas's thumbnail and node data refer to.
pub fn add_canvas_references(canvas: &StoredCanvas, found: &mut HashSet<String>) {
    found.extend(asset_references(canvas).into_iter().map(|r| r.sha256));
}

/// One place a canvas refers to an asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetReference {
    pub sha256: String,
    /// The node whose data holds the reference; `None` for the canvas thumbnail.
    pub node_id: Option<String>,
    /// Where, as a JSON path (`nodes[2].data.src`).
    pub path: String,
}

/// Every asset reference in a canvas's node data and thumbnail, in canvas order.
pub fn asset_references(canvas: &StoredCanvas) -> Vec<AssetReference> {
    let mut found = Vec::new();
    if let Some(sha) = canvas.thumbnail.as_deref().and_then(parse_asset_ref) {
        found.push(AssetReference {
            sha256: sha.to_owned(),
            node_id: None,
            path: "thumbnail".into(),
        });
    }
    for (index, node) in canvas.nodes.iter().enumerate() {
        // Most nodes hold no reference: skip building their value tree.
        if !node.data.as_str().contains(ASSET_REF_PREFIX) {
            continue;
        }
        walk_strings(
            &node.data.to_value(),
            &format!("nodes[{index}].data"),
            &mut |path, text| {
                if let Some(sha) = parse_asset_ref(text) {
                    found.push(AssetReference {
                        sha256: sha.to_owned(),
                        node_id: Some(node.id.clone()),
                        path: path.to_owned(),
                    });
                }
            },
        );
    }
    found
}

/// Calls `visit` with the JSON path and text of every string inside `value`.
pub fn walk_strings(value: &Value, path: &str, visit: &mut dyn FnMut(&str, &str)) {
    match value {
        Value::String(text) => visit(path, text),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                walk_strings(item, &format!("{path}[{index}]"), visit);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                walk_strings(item, &format!("{path}.{key}"), visit);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use koda_core::{CanvasNode, JsonText};

    #[test]
    fn finds_nested_references_and_the_thumbnail() {
        let (a, b, c) = ("a".repeat(64), "b".repeat(64), "c".repeat(64));
        let mut canvas = StoredCanvas::new("c", 1);
        canvas.thumbnail = Some(format!("{ASSET_REF_PREFIX}{c}"));
        let mut node = CanvasNode::new("n", "media", 0.0, 0.0);
        node.data = JsonText::from_value(&serde_json::json!({
            "src": format!("{ASSET_REF_PREFIX}{a}"),
            "history": [{"src": format!("{ASSET_REF_PREFIX}{b}")}, "koda-asset://nope"],
        }));
        canvas.nodes.push(node);
        let mut found = HashSet::new();
        add_canvas_references(&canvas, &mut found);
        assert_eq!(found, HashSet::from([a, b, c]));
    }
}
