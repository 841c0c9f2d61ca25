//! How a canvas refers to asset files, and finding those references.
//!
//! Node data (and the canvas thumbnail) point at a stored asset with [`ASSET_REFERENCE_PREFIX`]
//! followed by the file's SHA-256: `koda-asset://<sha256>`. The prefix is `koda-assets`'s, so the
//! UI resolves references made by an import exactly like the ones it makes itself.

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
    koda_assets::blobs::check_sha256(text).is_ok()
}

// The walk itself is the asset store's, so imports, exports and clean-up agree on what a
// reference is.
pub use koda_assets::references::{asset_references, walk_strings, AssetReference};

#[cfg(test)]
mod tests {
    use super::*;
    use koda_core::{CanvasNode, JsonText, StoredCanvas};

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
