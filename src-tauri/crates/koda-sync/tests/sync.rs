//! Two devices (two data folders) syncing through a real sqld.

mod support;

use koda_core::*;
use support::{Device, Server};

fn node(id: &str, text: &str) -> CanvasNode {
    let mut node = CanvasNode::new(id, "prompt", 0.0, 0.0);
    node.data = JsonText::from_value(&serde_json::json!({ "text": text }));
    node
}

fn text_of(canvas: &StoredCanvas, id: &str) -> Option<String> {
    canvas.nodes.iter().find(|n| n.id == id).map(|n| {
        n.data.to_value()["text"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    })
}

/// What a person sees of one canvas: name, nodes, edges, viewport, whether it is in the trash.
type Visible = (
    String,
    Vec<CanvasNode>,
    Vec<CanvasEdge>,
    Option<Viewport>,
    Option<i64>,
);

/// Everything a person sees, without the per-device bookkeeping (revision, updatedAt).
fn visible(device: &Device) -> Vec<Visible> {
    let mut canvases: Vec<_> = device.store.list_canvases().unwrap();
    canvases.extend(device.store.list_trash().unwrap());
    canvases.sort_by(|a, b| a.id.cmp(&b.id));
    canvases
        .into_iter()
        .map(|meta| {
            let c = device.store.get_canvas(&meta.id).unwrap().unwrap();
            (
                format!("{}:{}", c.id, c.name),
                c.nodes,
                c.edges,
                c.viewport,
                meta.deleted_at.map(|_| 1),
            )
        })
        .collect()
}

async fn sync_all(devices: &[&Device]) {
    // Two rounds: the second lets each device see what the others pushed in the first.
    for _ in 0..2 {
        for device in devices {
            device.sync.sync_once().await.unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_canvas_created_on_a_appears_on_b() {
    let server = Server::start();
    let (a, b) = (Device::new(&server), Device::new(&server));
    let mut canvas = StoredCanvas::new("From A", 1);
    canvas.nodes = vec![node("n1", "hello"), node("n2", "world")];
    canvas.edges = vec![CanvasEdge::new("e1", "n1", "n2")];
    a.store.save_canvas(&canvas).unwrap();
    let settings = Settings {
        theme: Theme::Light,
        ..Settings::default()
    };
    a.store.set_settings(&settings).unwrap();
    let report = a.sync.sync_once().await.unwrap();
    assert!(report.pushed >= 4, "{report:?}");
    let report = b.sync.sync_once().await.unwrap();
    assert!(report.applied >= 4, "{report:?}");
    let on_b = b
        .store
        .get_canvas(&canvas.id)
        .unwrap()
        .expect("the canvas reached B");
    assert_eq!(on_b.name, "From A");
    assert_eq!(on_b.nodes, canvas.nodes);
    assert_eq!(on_b.edges, canvas.edges);
    assert_eq!(b.store.list_canvases().unwrap()[0].node_count, 2);
    assert_eq!(b.store.get_settings().unwrap().theme, Theme::Light);
    assert_eq!(a.sync.pending().unwrap(), 0);
    assert_eq!(
        b.sync.pending().unwrap(),
        0,
        "rows from the server are not sent back"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_edits_on_both_devices_converge() {
    let mut server = Server::start();
    let (a, b) = (Device::new(&server), Device::new(&server));
    let mut canvas = StoredCanvas::new("Shared", 1);
    canvas.nodes = vec![
        node("left", "l0"),
        node("right", "r0"),
        node("doomed", "d0"),
    ];
    a.store.save_canvas(&canvas).unwrap();
    sync_all(&[&a, &b]).await;

    server.kill();
    let on_a = a.store.get_canvas(&canvas.id).unwrap().unwrap();
    let patch = CanvasPatch {
        upsert_nodes: vec![node("left", "edited on A")],
        ..Default::default()
    };
    a.store
        .apply_patch(&canvas.id, on_a.revision, &patch)
        .unwrap();
    let on_b = b.store.get_canvas(&canvas.id).unwrap().unwrap();
    let patch = CanvasPatch {
        upsert_nodes: vec![node("right", "edited on B"), node("new-on-b", "fresh")],
        delete_nodes: vec!["doomed".into()],
        ..Default::default()
    };
    b.store
        .apply_patch(&canvas.id, on_b.revision, &patch)
        .unwrap();
    let offline = a.sync.sync_once().await.unwrap_err();
    assert_eq!(offline.code(), "offline", "{offline}");
    assert!(
        a.sync.pending().unwrap() > 0,
        "the edit waits in the outbox"
    );

    server.resume();
    sync_all(&[&a, &b]).await;
    assert_eq!(visible(&a), visible(&b));
    let merged = a.store.get_canvas(&canvas.id).unwrap().unwrap();
    assert_eq!(text_of(&merged, "left").as_deref(), Some("edited on A"));
    assert_eq!(text_of(&merged, "right").as_deref(), Some("edited on B"));
    assert_eq!(text_of(&merged, "new-on-b").as_deref(), Some("fresh"));
    assert_eq!(
        text_of(&merged, "doomed"),
        None,
        "the deletion travelled as a tombstone"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_same_node_edited_on_both_has_one_winner_and_the_loser_is_kept() {
    let server = Server::start();
    let (a, b) = (Device::new(&server), Device::new(&server));
    let mut canvas = StoredCanvas::new("Contested", 1);
    canvas.nodes = vec![node("x", "original")];
    a.store.save_canvas(&canvas).unwrap();
    sync_all(&[&a, &b]).await;

    let edit = |device: &Device, text: &str| {
        let current = device.store.get_canvas(&canvas.id).unwrap().unwrap();
        let patch = CanvasPatch {
            upsert_nodes: vec![node("x", text)],
            ..Default::default()
        };
        device
            .store
            .apply_patch(&canvas.id, current.revision, &patch)
            .unwrap();
    };
    edit(&a, "A's words");
    std::thread::sleep(std::time::Duration::from_millis(5));
    edit(&b, "B's words"); // later, so B's clock wins
    a.sync.sync_once().await.unwrap();
    let report = b.sync.sync_once().await.unwrap();
    assert_eq!(report.conflicts, 1, "{report:?}");
    sync_all(&[&a, &b]).await;

    let on_a = a.store.get_canvas(&canvas.id).unwrap().unwrap();
    let on_b = b.store.get_canvas(&canvas.id).unwrap().unwrap();
    assert_eq!(text_of(&on_a, "x").as_deref(), Some("B's words"));
    assert_eq!(text_of(&on_b, "x").as_deref(), Some("B's words"));
    let kept = |device: &Device| {
        device.sync.history(&canvas.id).unwrap().iter().any(|h| {
            h.payload
                .as_deref()
                .is_some_and(|p| p.contains("A's words"))
        })
    };
    assert!(
        kept(&a) || kept(&b),
        "the losing version must be in a history"
    );
    assert!(kept(&b), "B saw the conflict and kept A's version");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_remote_from_a_newer_koda_is_refused() {
    let server = Server::start();
    let a = Device::new(&server);
    a.sync.sync_once().await.unwrap();
    let remote = koda_sync::remote::Remote::connect(&server.url(), "")
        .await
        .unwrap();
    drop(remote);
    let db = libsql::Builder::new_remote(server.url(), String::new())
        .build()
        .await
        .unwrap();
    db.connect()
        .unwrap()
        .execute(
            "UPDATE koda_meta SET value = 99 WHERE key = 'schema_version'",
            (),
        )
        .await
        .unwrap();
    let error = a.sync.sync_once().await.unwrap_err();
    assert_eq!(error.code(), "remote_too_new", "{error}");
}
