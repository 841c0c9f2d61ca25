//! How a canvas refers to asset files, and finding those references.
//!
//! Node data (and the canvas thumbnail) point at a stored asset with [`ASSET_REFERENCE_PREFIX`]
//! followed by the file's SHA-256: `koda-asset://<sha256>`. The prefix is `koda-assets`'s, so the
//! UI resolves references made by an import exactly like the ones it makes itself.

use koda_core::StoredCanvas;
use serde_json::Value;

/// What references to stored asset files start with; the SHA-256 follows.
pub const ASSET_REFERENCE_PREFIX: &str = koda_assets::ASSET_REF_PREFIX;

/// The reference to the asset file with this SHA-256.
pub fn asset_url(sha256: &str) -> String {
    format!("{ASSET_REFERENCE_PREFIX}{sha256}")
}

/// The SHA-256 a reference names, if `text` is one (64 lowercase hex digits after the prefix).
pub fn referenced_sha256(text: &str) -> Option<&str> {
    koda_assets::parse_asset_ref(text)
}

/// Whether `text` is 64 lowercase hex digits.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
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
    if let Some(sha) = canvas.thumbnail.as_deref().and_then(referenced_sha256) {
        found.push(AssetReference {
            sha256: sha.to_owned(),
            node_id: None,
            path: "thumbnail".into(),
        });
    }
    for (index, node) in canvas.nodes.iter().enumerate() {
        let text = node.data.as_str();
        // Most nodes hold no reference: skip building their value tree.
        if !text.contains(ASSET_REFERENCE_PREFIX) {
            continue;
        }
        walk_strings(
            &node.data.to_value(),
            &format!("nodes[{index}].data"),
            &mut |path, text| {
                if let Some(sha) = referenced_sha256(text) {
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
    fn finds_references_in_nested_data() {
        let sha = "ab".repeat(32);
        let mut canvas = StoredCanvas::new("c", 1);
        let mut node = CanvasNode::new("n", "media", 0.0, 0.0);
        node.data = JsonText::from_value(&serde_json::json!({
            "src": asset_url(&sha),
            "history": [{"src": asset_url(&sha)}, "not a reference"],
        }));
        canvas
            .nodes
            .push(CanvasNode::new("plain", "prompt", 0.0, 0.0));
        canvas.nodes.push(node);
        let found = asset_references(&canvas);
        let paths: Vec<&str> = found.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["nodes[1].data.src", "nodes[1].data.history[0].src"]);
        assert!(found
            .iter()
            .all(|r| r.sha256 == sha && r.node_id.as_deref() == Some("n")));
    }

    #[test]
    fn refuses_malformed_hashes() {
        assert_eq!(referenced_sha256(&asset_url("../../etc/passwd")), None);
        assert_eq!(referenced_sha256(&asset_url(&"AB".repeat(32))), None);
        assert_eq!(referenced_sha256("https://example.com/x.png"), None);
    }
}
