//! Property test: random sequences of patches applied to the store and to the in-memory
//! reference model (`CanvasPatch::apply_to`) must agree after every step, including the steps
//! the store refuses (stale revisions, edges to missing nodes), which must change nothing.

use koda_core::config::DatabaseLocation;
use koda_core::conformance::with_store_fields;
use koda_core::*;
use koda_sqlite::SqliteStore;
use proptest::prelude::*;

/// Node ids come from a small pool so patches hit existing nodes often.
fn node_id() -> impl Strategy<Value = String> {
    (0u8..12).prop_map(|i| format!("n{i}"))
}

fn edge_id() -> impl Strategy<Value = String> {
    (0u8..10).prop_map(|i| format!("e{i}"))
}

fn node() -> impl Strategy<Value = CanvasNode> {
    (
        node_id(),
        -1e6f64..1e6,
        -1e6f64..1e6,
        proptest::option::of(1f64..800.0),
        any::<bool>(),
        0u32..1000,
    )
        .prop_map(|(id, x, y, width, with_extra, value)| {
            let mut node = CanvasNode::new(id, "prompt", x, y);
            node.width = width;
            node.data = JsonText::from_value(&serde_json::json!({ "text": format!("v{value}") }));
            if with_extra {
                node.extra
                    .insert("parentId".into(), serde_json::json!(format!("g{value}")));
            }
            node
        })
}

fn edge() -> impl Strategy<Value = CanvasEdge> {
    (
        edge_id(),
        node_id(),
        node_id(),
        proptest::option::of("[a-z]{1,6}"),
    )
        .prop_map(|(id, source, target, handle)| {
            let mut edge = CanvasEdge::new(id, source, target);
            edge.source_handle = handle;
            edge
        })
}

/// Raw patches; many are invalid (duplicates, contradictions), which is part of the test.
fn patch() -> impl Strategy<Value = CanvasPatch> {
    (
        proptest::collection::vec(node(), 0..4),
        proptest::collection::vec(node_id(), 0..3),
        proptest::collection::vec(edge(), 0..3),
        proptest::collection::vec(edge_id(), 0..2),
        proptest::option::of((-500f64..500.0, -500f64..500.0, 0.1f64..4.0)),
        proptest::option::of("[A-Za-z ]{1,12}"),
    )
        .prop_map(
            |(upsert_nodes, delete_nodes, upsert_edges, delete_edges, viewport, name)| {
                CanvasPatch {
                    upsert_nodes,
                    delete_nodes,
                    upsert_edges,
                    delete_edges,
                    viewport: viewport.map(|(x, y, zoom)| Viewport { x, y, zoom }),
                    name: name.filter(|n| !n.trim().is_empty()),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn store_agrees_with_the_model(steps in proptest::collection::vec((patch(), any::<bool>()), 1..40)) {
        let store = SqliteStore::open(&DatabaseLocation::Memory).unwrap();
        let mut model = store.create_canvas("model").unwrap();
        for (patch, stale) in steps {
            let base = if stale { model.revision - 1 } else { model.revision };
            let mut next = model.clone();
            let expected = patch.apply_to(&mut next);
            match store.apply_patch(&model.id, base, &patch) {
                Ok(revision) => {
                    prop_assert!(!stale, "a stale patch was applied");
                    prop_assert!(expected.is_ok(), "the store applied a patch the model refuses: {:?}", expected);
                    prop_assert_eq!(revision, model.revision + 1);
                    model = next;
                    model.revision = revision;
                }
                Err(StoreError::Conflict { .. }) => prop_assert!(stale),
                Err(error) => {
                    prop_assert!(expected.is_err(), "the store refused a patch the model accepts: {}", error);
                    prop_assert_eq!(error.code(), "invalid_input");
                }
            }
            let stored = store.get_canvas(&model.id).unwrap().unwrap();
            prop_assert_eq!(&stored, &with_store_fields(&model, &stored));
            let listed = store.list_canvases().unwrap();
            prop_assert_eq!(listed[0].node_count as usize, model.nodes.len());
        }
    }
}
