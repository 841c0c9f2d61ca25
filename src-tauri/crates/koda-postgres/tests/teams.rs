//! Two app instances on one database: live changes both ways, and concurrent edits to one
//! canvas caught by the revision check, never silently overwritten.

mod support;

use koda_core::{CanvasNode, CanvasPatch, CanvasStore, ChangeFeed, ChangeKind, StoreError};
use koda_postgres::PgStore;
use std::sync::{Arc, Barrier};
use std::time::Duration;
use support::{database_url, fresh_schema};

fn pair() -> (PgStore, PgStore) {
    let schema = fresh_schema();
    let ann = PgStore::connect(&database_url(), Some(&schema), "ann").unwrap();
    let bob = PgStore::connect(&database_url(), Some(&schema), "bob").unwrap();
    (ann, bob)
}

fn move_node(id: &str, x: f64) -> CanvasPatch {
    CanvasPatch {
        upsert_nodes: vec![CanvasNode::new(id, "prompt", x, 0.0)],
        ..Default::default()
    }
}

#[test]
fn each_instance_sees_the_others_changes_live() {
    let (ann, bob) = pair();
    let bob_events = bob.subscribe();
    let ann_events = ann.subscribe();
    let canvas = ann.create_canvas("shared board").unwrap();
    let seen = bob_events
        .recv_timeout(Duration::from_secs(10))
        .expect("bob hears of ann's canvas");
    assert_eq!(
        (seen.kind, seen.canvas_id.as_deref(), seen.revision),
        (ChangeKind::Created, Some(canvas.id.as_str()), Some(1))
    );
    // Ann's own subscriber got it once, straight after the commit, and not again via NOTIFY.
    assert_eq!(ann_events.try_recv().unwrap().seq, seen.seq);
    let revision = bob
        .apply_patch(&canvas.id, 1, &move_node("n1", 5.0))
        .unwrap();
    let seen = ann_events.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(
        (seen.kind, seen.revision),
        (ChangeKind::Patched, Some(revision))
    );
    assert!(
        ann_events.recv_timeout(Duration::from_millis(500)).is_err(),
        "no duplicate or stray events"
    );
    assert_eq!(ann.get_canvas(&canvas.id).unwrap().unwrap().nodes.len(), 1);
    // Canvases carry the person who made them.
    assert_eq!(
        ann.canvas_owner(&canvas.id).unwrap().as_deref(),
        Some("ann")
    );
    let bobs = bob.create_canvas("bob's").unwrap();
    assert_eq!(bob.canvas_owner(&bobs.id).unwrap().as_deref(), Some("bob"));
}

#[test]
fn a_stale_edit_from_a_teammate_is_a_conflict_and_writes_nothing() {
    let (ann, bob) = pair();
    let canvas = ann.create_canvas("plan").unwrap();
    ann.apply_patch(&canvas.id, 1, &move_node("a", 1.0))
        .unwrap();
    let error = bob
        .apply_patch(&canvas.id, 1, &move_node("b", 2.0))
        .unwrap_err();
    assert!(matches!(
        error,
        StoreError::Conflict {
            current_revision: 2,
            ..
        }
    ));
    let stored = bob.get_canvas(&canvas.id).unwrap().unwrap();
    assert_eq!(
        stored
            .nodes
            .iter()
            .map(|n| n.id.as_str())
            .collect::<Vec<_>>(),
        ["a"]
    );
}

#[test]
fn simultaneous_edits_from_one_base_let_exactly_one_through() {
    let schema = fresh_schema();
    let first = PgStore::connect(&database_url(), Some(&schema), "p0").unwrap();
    let canvas = first.create_canvas("race").unwrap();
    let writers = 6;
    let barrier = Arc::new(Barrier::new(writers));
    let handles: Vec<_> = (0..writers)
        .map(|i| {
            let barrier = Arc::clone(&barrier);
            let schema = schema.clone();
            let id = canvas.id.clone();
            std::thread::spawn(move || {
                let store =
                    PgStore::connect(&database_url(), Some(&schema), &format!("p{i}")).unwrap();
                barrier.wait();
                store.apply_patch(&id, 1, &move_node(&format!("n{i}"), i as f64))
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .all(|e| e.code() == "conflict"));
    let stored = first.get_canvas(&canvas.id).unwrap().unwrap();
    assert_eq!((stored.revision, stored.nodes.len()), (2, 1));
}

#[test]
fn the_feed_catches_up_after_the_listening_connection_drops() {
    let (ann, bob) = pair();
    let bob_events = bob.subscribe();
    let canvas = ann.create_canvas("one").unwrap();
    bob_events.recv_timeout(Duration::from_secs(10)).unwrap();
    // The server drops every listener connection (a restart, a network blip, a pooler timeout).
    let mut admin = postgres::Client::connect(&database_url(), postgres::NoTls).unwrap();
    let killed: i64 = admin
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
            &[&koda_postgres::LISTENER_NAME],
        )
        .unwrap()
        .get(0);
    assert!(killed >= 1);
    ann.rename_canvas(&canvas.id, "renamed while bob was away")
        .unwrap();
    let seen = bob_events
        .recv_timeout(Duration::from_secs(15))
        .expect("the rename arrives once the listener is back");
    assert_eq!((seen.kind, seen.revision), (ChangeKind::Renamed, Some(2)));
}
