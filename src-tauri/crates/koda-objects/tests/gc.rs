//! Remote clean-up against a real bucket and a real SQLite store.

mod support;

use koda_core::ids::now_ms;
use koda_core::{AssetKind, AssetRecord, CanvasNode, CanvasStore, JsonText, RecordStore};
use koda_objects::GcOptions;
use koda_sqlite::SqliteStore;
use std::time::Duration;
use support::*;

fn asset_row(sha: &str) -> AssetRecord {
    AssetRecord {
        id: koda_core::ids::new_id(),
        canvas_id: None,
        node_id: None,
        kind: AssetKind::Image,
        filename: None,
        mime_type: Some("image/png".into()),
        size_bytes: None,
        url: None,
        local_blob_key: Some(sha.to_owned()),
        metadata: None,
        created_at: now_ms(),
    }
}

#[test]
fn removes_only_unreferenced_objects_past_the_grace_period() {
    let bucket = fresh_bucket("gc");
    let objects = client(&bucket);
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_file(&dir.path().join("koda.db")).unwrap();

    let blob = |seed: u8| {
        let bytes = sample_bytes(seed, 1000 + seed as usize);
        let sha = sha256(&bytes);
        objects.put_blob(&sha, bytes).unwrap();
        sha
    };
    let (by_row, by_node, by_thumbnail, in_trash, orphan) =
        (blob(1), blob(2), blob(3), blob(4), blob(5));

    store.put_asset(&asset_row(&by_row)).unwrap();
    let mut canvas = store.create_canvas("refs").unwrap();
    let mut node = CanvasNode::new("n", "media", 0.0, 0.0);
    node.data = JsonText::from_value(
        &serde_json::json!({"media": {"src": format!("koda-asset://{by_node}")}}),
    );
    canvas.nodes.push(node);
    store.save_canvas(&canvas).unwrap();
    store
        .set_thumbnail(&canvas.id, Some(&format!("koda-asset://{by_thumbnail}")))
        .unwrap();
    let mut trashed = store.create_canvas("trashed").unwrap();
    let mut node = CanvasNode::new("t", "media", 0.0, 0.0);
    node.data =
        JsonText::from_value(&serde_json::json!({"src": format!("koda-asset://{in_trash}")}));
    trashed.nodes.push(node);
    store.save_canvas(&trashed).unwrap();
    store.trash_canvas(&trashed.id).unwrap();

    // With the default hour of grace, the fresh orphan stays.
    let report = objects.collect_garbage(&store, false).unwrap();
    assert_eq!((report.kept, report.kept_recent), (5, 1));
    assert!(report.removed.is_empty());
    assert_eq!(objects.list_blobs().unwrap().len(), 5);

    let no_grace = GcOptions {
        dry_run: true,
        grace: Duration::ZERO,
    };
    let dry = objects.collect_garbage_with(&store, &no_grace).unwrap();
    assert_eq!(dry.removed, vec![(orphan.clone(), 1005)]);
    assert_eq!(dry.freed_bytes, 0);
    assert!(objects.has_blob(&orphan).unwrap(), "a dry run deleted");

    let real = GcOptions {
        dry_run: false,
        ..no_grace
    };
    let report = objects.collect_garbage_with(&store, &real).unwrap();
    assert_eq!(report.removed, vec![(orphan.clone(), 1005)]);
    assert_eq!((report.kept, report.freed_bytes), (4, 1005));
    assert!(!objects.has_blob(&orphan).unwrap());
    for sha in [&by_row, &by_node, &by_thumbnail, &in_trash] {
        assert!(objects.has_blob(sha).unwrap(), "{sha} was referenced");
    }
}
