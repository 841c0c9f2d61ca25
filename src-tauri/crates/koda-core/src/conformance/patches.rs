//! Conformance cases for incremental saves (`apply_patch`) and change events.

use crate::fixtures::*;
use crate::model::*;
use crate::store::Store;
use crate::{ChangeKind, StoreError};

fn saved_sample(store: &impl Store) -> StoredCanvas {
    let canvas = sample_canvas("patched");
    store.save_canvas(&canvas).unwrap();
    store.get_canvas(&canvas.id).unwrap().unwrap()
}

pub fn patch_moves_one_node(store: &impl Store) {
    let before = saved_sample(store);
    let mut moved = before.nodes[2].clone();
    moved.position = Position { x: 999.0, y: -1.5 };
    let patch = CanvasPatch {
        upsert_nodes: vec![moved.clone()],
        ..Default::default()
    };
    let revision = store
        .apply_patch(&before.id, before.revision, &patch)
        .unwrap();
    assert_eq!(revision, before.revision + 1);
    let after = store.get_canvas(&before.id).unwrap().unwrap();
    assert_eq!(after.revision, revision);
    let mut expected = before.clone();
    expected.nodes[2] = moved;
    assert_eq!(after, with_store_fields(&expected, &after));
    assert!(after.updated_at >= before.updated_at);
}

pub fn patch_with_stale_revision_conflicts_and_writes_nothing(store: &impl Store) {
    let before = saved_sample(store);
    let first = CanvasPatch {
        name: Some("first writer".into()),
        ..Default::default()
    };
    store
        .apply_patch(&before.id, before.revision, &first)
        .unwrap();
    let stale = CanvasPatch {
        upsert_nodes: vec![CanvasNode::new("late", "note", 0.0, 0.0)],
        name: Some("second writer".into()),
        ..Default::default()
    };
    match store.apply_patch(&before.id, before.revision, &stale) {
        Err(StoreError::Conflict {
            base_revision,
            current_revision,
            ..
        }) => {
            assert_eq!(base_revision, before.revision);
            assert_eq!(current_revision, before.revision + 1);
        }
        other => panic!("expected Conflict, got {other:?}"),
    }
    let after = store.get_canvas(&before.id).unwrap().unwrap();
    assert_eq!(after.name, "first writer");
    assert_eq!(after.nodes.len(), before.nodes.len());
    assert_eq!(after.revision, before.revision + 1);
}

pub fn patch_deleting_a_node_deletes_its_edges(store: &impl Store) {
    let before = saved_sample(store);
    let patch = CanvasPatch {
        delete_nodes: vec!["image-1".into()],
        ..Default::default()
    };
    store
        .apply_patch(&before.id, before.revision, &patch)
        .unwrap();
    let after = store.get_canvas(&before.id).unwrap().unwrap();
    assert!(after.nodes.iter().all(|n| n.id != "image-1"));
    assert_eq!(
        after
            .edges
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        ["edge-2"]
    );
}

pub fn patch_with_edge_to_missing_node_writes_nothing(store: &impl Store) {
    let before = saved_sample(store);
    let patch = CanvasPatch {
        upsert_nodes: vec![CanvasNode::new("fresh", "note", 0.0, 0.0)],
        upsert_edges: vec![CanvasEdge::new("bad", "fresh", "ghost")],
        ..Default::default()
    };
    match store.apply_patch(&before.id, before.revision, &patch) {
        Err(StoreError::Invalid { path, .. }) => assert_eq!(path, "upsertEdges[0].target"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let after = store.get_canvas(&before.id).unwrap().unwrap();
    assert_eq!(
        after, before,
        "a rejected patch must leave the canvas untouched"
    );
    let mut bad_number = CanvasNode::new("nan", "note", 0.0, 0.0);
    bad_number.width = Some(f64::INFINITY);
    let patch = CanvasPatch {
        upsert_nodes: vec![bad_number],
        ..Default::default()
    };
    assert!(matches!(
        store.apply_patch(&before.id, before.revision, &patch),
        Err(StoreError::Invalid { .. })
    ));
    assert_eq!(store.get_canvas(&before.id).unwrap().unwrap(), before);
}

pub fn patch_appends_new_nodes_in_order(store: &impl Store) {
    let before = saved_sample(store);
    let patch = CanvasPatch {
        upsert_nodes: vec![
            CanvasNode::new("z-new", "note", 0.0, 0.0),
            CanvasNode::new("a-new", "note", 1.0, 1.0),
        ],
        upsert_edges: vec![CanvasEdge::new("edge-new", "z-new", "prompt-1")],
        ..Default::default()
    };
    let revision = store
        .apply_patch(&before.id, before.revision, &patch)
        .unwrap();
    let patch = CanvasPatch {
        upsert_nodes: vec![CanvasNode::new("m-new", "note", 2.0, 2.0)],
        ..Default::default()
    };
    store.apply_patch(&before.id, revision, &patch).unwrap();
    let after = store.get_canvas(&before.id).unwrap().unwrap();
    let ids: Vec<_> = after.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        ["group-1", "prompt-1", "image-1", "custom-1", "z-new", "a-new", "m-new"]
    );
    assert_eq!(after.edges.last().unwrap().id, "edge-new");
}

pub fn patch_sets_viewport_and_name(store: &impl Store) {
    let before = saved_sample(store);
    let viewport = Viewport {
        x: 1.0,
        y: 2.0,
        zoom: 1.5,
    };
    let patch = CanvasPatch {
        viewport: Some(viewport),
        name: Some("Renamed".into()),
        ..Default::default()
    };
    store
        .apply_patch(&before.id, before.revision, &patch)
        .unwrap();
    let after = store.get_canvas(&before.id).unwrap().unwrap();
    assert_eq!(after.viewport, Some(viewport));
    assert_eq!(after.name, "Renamed");
    assert_eq!(after.nodes, before.nodes);
    let bad = CanvasPatch {
        viewport: Some(Viewport {
            x: 0.0,
            y: 0.0,
            zoom: 0.0,
        }),
        ..Default::default()
    };
    assert!(matches!(
        store.apply_patch(&before.id, after.revision, &bad),
        Err(StoreError::Invalid { .. })
    ));
}

pub fn patch_matches_the_reference_model(store: &impl Store) {
    // A fixed sequence touching every kind of change; the property test in each backend does the
    // same with random sequences.
    let mut model = saved_sample(store);
    let mut moved = model.nodes[1].clone();
    moved.position.x += 5.0;
    moved
        .extra
        .insert("selectedByPeer".into(), serde_json::json!(false));
    let patches = [
        CanvasPatch {
            upsert_nodes: vec![moved],
            delete_edges: vec!["edge-2".into()],
            ..Default::default()
        },
        CanvasPatch {
            upsert_nodes: vec![CanvasNode::new("x", "note", 3.0, 3.0)],
            upsert_edges: vec![CanvasEdge::new("edge-2", "x", "group-1")],
            ..Default::default()
        },
        CanvasPatch {
            delete_nodes: vec!["group-1".into(), "prompt-1".into()],
            ..Default::default()
        },
    ];
    for patch in patches {
        let revision = store
            .apply_patch(&model.id, model.revision, &patch)
            .unwrap();
        patch.apply_to(&mut model).unwrap();
        model.revision = revision;
        let stored = store.get_canvas(&model.id).unwrap().unwrap();
        assert_eq!(stored, with_store_fields(&model, &stored));
    }
}

pub fn events_arrive_after_commit_only(store: &impl Store) {
    let events = store.subscribe();
    let canvas = store.create_canvas("events").unwrap();
    let created = events.try_recv().expect("an event after create");
    assert_eq!(created.kind, ChangeKind::Created);
    assert_eq!(created.canvas_id.as_deref(), Some(canvas.id.as_str()));
    let patch = CanvasPatch {
        upsert_nodes: vec![CanvasNode::new("n", "note", 0.0, 0.0)],
        ..Default::default()
    };
    let revision = store
        .apply_patch(&canvas.id, canvas.revision, &patch)
        .unwrap();
    let patched = events.try_recv().expect("an event after a patch");
    assert_eq!(
        (patched.kind, patched.revision),
        (ChangeKind::Patched, Some(revision))
    );
    assert!(patched.seq > created.seq);
    // Failed writes send nothing.
    assert!(store
        .apply_patch(&canvas.id, canvas.revision, &patch)
        .is_err());
    assert!(store.save_canvas(&StoredCanvas::new("", 0)).is_err());
    assert!(
        events.try_recv().is_err(),
        "a failed write must not produce an event"
    );
    // The same changes can be read back from the log, as another process would.
    let logged = store.changes_since(created.seq - 1, 100).unwrap();
    assert_eq!(
        logged.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [ChangeKind::Created, ChangeKind::Patched]
    );
}
