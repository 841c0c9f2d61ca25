//! Conformance cases for whole canvases: create, list, save, rename, duplicate, trash.

use crate::fixtures::*;
use crate::model::*;
use crate::store::Store;
use crate::StoreError;

fn pause() {
    // Timestamps are in milliseconds; make the next write observably later.
    std::thread::sleep(std::time::Duration::from_millis(3));
}

pub fn empty_store_lists_nothing(store: &impl Store) {
    assert!(store.list_canvases().unwrap().is_empty());
    assert!(store.list_trash().unwrap().is_empty());
    assert!(store.get_canvas("nope").unwrap().is_none());
    assert!(!store.canvas_exists("nope").unwrap());
}

pub fn create_list_and_get(store: &impl Store) {
    let created = store.create_canvas("  My canvas ").unwrap();
    assert_eq!(created.name, "My canvas");
    assert_eq!(created.revision, 1);
    let listed = store.list_canvases().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, created.id);
    assert_eq!(listed[0].node_count, 0);
    let loaded = store.get_canvas(&created.id).unwrap().unwrap();
    assert_eq!(loaded, created);
    assert!(store.canvas_exists(&created.id).unwrap());
    assert!(matches!(
        store.create_canvas("   "),
        Err(StoreError::Invalid { .. })
    ));
}

pub fn list_is_newest_first_with_real_node_counts(store: &impl Store) {
    let first = sample_canvas("first");
    store.save_canvas(&first).unwrap();
    pause();
    let second = grid_canvas("second", 25);
    store.save_canvas(&second).unwrap();
    let listed = store.list_canvases().unwrap();
    assert_eq!(
        listed.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["second", "first"]
    );
    assert_eq!(listed[0].node_count, 25);
    assert_eq!(listed[1].node_count, 4);
    pause();
    // Editing the older canvas brings it to the top, and its count follows the edit.
    let patch = CanvasPatch {
        delete_nodes: vec!["custom-1".into()],
        ..Default::default()
    };
    store.apply_patch(&first.id, 1, &patch).unwrap();
    let listed = store.list_canvases().unwrap();
    assert_eq!(listed[0].name, "first");
    assert_eq!(listed[0].node_count, 3);
}

pub fn save_and_get_round_trip_every_field(store: &impl Store) {
    let canvas = sample_canvas("round trip");
    let revision = store.save_canvas(&canvas).unwrap();
    assert_eq!(revision, 1);
    let loaded = store.get_canvas(&canvas.id).unwrap().unwrap();
    assert_eq!(loaded.revision, 1);
    assert_eq!(loaded, with_store_fields(&canvas, &loaded));
    // The unmodelled fields and the data text survive byte for byte.
    let json = serde_json::to_string(&loaded.nodes[1]).unwrap();
    assert!(
        json.contains(r#""data":{"text":"a red fox","zeta":1,"alpha":[1,2.50]}"#),
        "{json}"
    );
    assert!(json.contains(r#""parentId":"group-1""#), "{json}");
    assert_eq!(loaded.nodes[3].node_type, "someFutureNodeType");
    assert_eq!(loaded.edges[0].extra["animated"], true);
}

pub fn save_replaces_content_and_bumps_revision(store: &impl Store) {
    let mut canvas = sample_canvas("replace");
    store.save_canvas(&canvas).unwrap();
    canvas.nodes.retain(|n| n.id != "custom-1");
    canvas.edges.retain(|e| e.id != "edge-2");
    canvas.nodes.reverse();
    canvas
        .nodes
        .push(CanvasNode::new("new-1", "note", 1.0, 2.0));
    canvas.name = "replaced".into();
    assert_eq!(store.save_canvas(&canvas).unwrap(), 2);
    let loaded = store.get_canvas(&canvas.id).unwrap().unwrap();
    assert_eq!(loaded, with_store_fields(&canvas, &loaded));
    assert_eq!(store.list_canvases().unwrap()[0].node_count, 4);
}

pub fn save_rejects_bad_canvases_and_writes_nothing(store: &impl Store) {
    let good = sample_canvas("good");
    store.save_canvas(&good).unwrap();
    let mut duplicate_ids = good.clone();
    duplicate_ids.nodes[1].id = duplicate_ids.nodes[0].id.clone();
    let mut dangling = good.clone();
    dangling.edges[0].target = "ghost".into();
    let mut not_finite = good.clone();
    not_finite.nodes[0].position.x = f64::NAN;
    let mut empty_id = good.clone();
    empty_id.edges[1].id = String::new();
    for bad in [duplicate_ids, dangling, not_finite, empty_id] {
        match store.save_canvas(&bad) {
            Err(StoreError::Invalid { .. }) => {}
            other => panic!("expected Invalid, got {other:?}"),
        }
    }
    let loaded = store.get_canvas(&good.id).unwrap().unwrap();
    assert_eq!(loaded.revision, 1);
    assert_eq!(loaded, with_store_fields(&good, &loaded));
}

pub fn import_keeps_timestamps(store: &impl Store) {
    let mut canvas = sample_canvas("imported");
    canvas.updated_at = 1_600_000_000_123;
    store.import_canvas(&canvas).unwrap();
    let loaded = store.get_canvas(&canvas.id).unwrap().unwrap();
    assert_eq!(loaded.updated_at, 1_600_000_000_123);
    assert_eq!(loaded.created_at, canvas.created_at);
}

pub fn rename_changes_name_and_revision(store: &impl Store) {
    let created = store.create_canvas("old").unwrap();
    assert_eq!(store.rename_canvas(&created.id, "new name").unwrap(), 2);
    assert_eq!(
        store.get_canvas(&created.id).unwrap().unwrap().name,
        "new name"
    );
    assert!(matches!(
        store.rename_canvas(&created.id, ""),
        Err(StoreError::Invalid { .. })
    ));
}

pub fn duplicate_copies_nodes_and_edges(store: &impl Store) {
    let canvas = sample_canvas("original");
    store.save_canvas(&canvas).unwrap();
    let copy = store.duplicate_canvas(&canvas.id, None).unwrap();
    assert_ne!(copy.id, canvas.id);
    assert_eq!(copy.name, "original (copy)");
    assert_eq!(copy.nodes, canvas.nodes);
    assert_eq!(copy.edges, canvas.edges);
    assert_eq!(copy.viewport, canvas.viewport);
    let named = store
        .duplicate_canvas(&canvas.id, Some("Variant B"))
        .unwrap();
    assert_eq!(named.name, "Variant B");
    assert_eq!(store.list_canvases().unwrap().len(), 3);
    // The copies are independent of the original.
    let patch = CanvasPatch {
        delete_nodes: vec!["prompt-1".into()],
        ..Default::default()
    };
    store.apply_patch(&copy.id, copy.revision, &patch).unwrap();
    assert_eq!(
        store.get_canvas(&canvas.id).unwrap().unwrap().nodes.len(),
        4
    );
}

pub fn trash_restore_and_purge(store: &impl Store) {
    let keep = store.create_canvas("keep").unwrap();
    let canvas = sample_canvas("to trash");
    store.save_canvas(&canvas).unwrap();
    store.delete_canvas(&canvas.id).unwrap();
    let live: Vec<_> = store
        .list_canvases()
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(live, std::slice::from_ref(&keep.id));
    let trash = store.list_trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert!(trash[0].deleted_at.is_some());
    assert_eq!(trash[0].node_count, 4);
    // Trashed canvases keep their content and can still be opened.
    assert_eq!(
        store.get_canvas(&canvas.id).unwrap().unwrap().nodes.len(),
        4
    );
    store.restore_canvas(&canvas.id).unwrap();
    assert_eq!(store.list_canvases().unwrap().len(), 2);
    assert!(store.list_trash().unwrap().is_empty());
    store.trash_canvas(&canvas.id).unwrap();
    store.purge_canvas(&canvas.id).unwrap();
    assert!(store.get_canvas(&canvas.id).unwrap().is_none());
    assert!(!store.canvas_exists(&canvas.id).unwrap());
    assert!(store.list_trash().unwrap().is_empty());
    assert_eq!(store.list_canvases().unwrap().len(), 1);
}

pub fn missing_canvases_are_not_found(store: &impl Store) {
    let not_found = |result: Result<(), StoreError>| {
        assert!(
            matches!(result, Err(StoreError::NotFound { .. })),
            "{result:?}"
        )
    };
    not_found(store.rename_canvas("ghost", "x").map(drop));
    not_found(store.duplicate_canvas("ghost", None).map(drop));
    not_found(store.trash_canvas("ghost"));
    not_found(store.restore_canvas("ghost"));
    not_found(store.purge_canvas("ghost"));
    not_found(
        store
            .apply_patch("ghost", 1, &CanvasPatch::default())
            .map(drop),
    );
    not_found(store.set_thumbnail("ghost", None));
}

pub fn large_canvas_round_trips(store: &impl Store) {
    // The seed's one-statement insert failed above ~3,000 nodes ("too many SQL variables").
    let canvas = grid_canvas("large", 10_000);
    store.save_canvas(&canvas).unwrap();
    let loaded = store.get_canvas(&canvas.id).unwrap().unwrap();
    assert_eq!(loaded.nodes.len(), 10_000);
    assert_eq!(loaded.edges.len(), 9_999);
    assert_eq!(loaded, with_store_fields(&canvas, &loaded));
    assert_eq!(store.list_canvases().unwrap()[0].node_count, 10_000);
    // Deleting thousands of nodes in one patch works too, and takes their edges along.
    let patch = CanvasPatch {
        delete_nodes: (0..5_000).map(|i| format!("n{i}")).collect(),
        ..Default::default()
    };
    store
        .apply_patch(&canvas.id, loaded.revision, &patch)
        .unwrap();
    let loaded = store.get_canvas(&canvas.id).unwrap().unwrap();
    assert_eq!(loaded.nodes.len(), 5_000);
    assert_eq!(loaded.edges.len(), 4_999);
}

pub fn thumbnail_does_not_bump_revision(store: &impl Store) {
    let canvas = store.create_canvas("thumb").unwrap();
    store.set_thumbnail(&canvas.id, Some("asset:abc")).unwrap();
    let listed = store.list_canvases().unwrap();
    assert_eq!(listed[0].thumbnail.as_deref(), Some("asset:abc"));
    assert_eq!(listed[0].revision, 1);
    store.set_thumbnail(&canvas.id, None).unwrap();
    assert_eq!(
        store.get_canvas(&canvas.id).unwrap().unwrap().thumbnail,
        None
    );
}

pub fn import_many_is_all_or_nothing(store: &impl Store) {
    let first = sample_canvas("first");
    let mut second = grid_canvas("second", 10);
    second.edges[0].target = "ghost".into();
    assert!(matches!(
        store.import_canvases(&[first.clone(), second.clone()]),
        Err(StoreError::Invalid { .. })
    ));
    assert!(
        store.list_canvases().unwrap().is_empty(),
        "nothing may be written when one canvas is bad"
    );
    second.edges[0].target = "n1".into();
    assert_eq!(
        store
            .import_canvases(&[first.clone(), second.clone()])
            .unwrap(),
        vec![1, 1]
    );
    // Importing again updates the same canvases instead of duplicating them.
    assert_eq!(store.import_canvases(&[first, second]).unwrap(), vec![2, 2]);
    assert_eq!(store.list_canvases().unwrap().len(), 2);
}
