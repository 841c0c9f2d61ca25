//! Run all's plan: dependency order, cycles refused by name, unchanged nodes skipped, cost known.

use koda_assets::AssetStore;
use koda_core::{CanvasEdge, CanvasNode, JsonText, Store, StoredCanvas};
use koda_generate::inputs::prepare;
use koda_generate::plan::{plan_run_all, run_fingerprint};
use koda_sqlite::SqliteStore;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;

fn assets() -> (tempfile::TempDir, AssetStore) {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_file(&dir.path().join("k.db")).unwrap());
    let assets = AssetStore::new(dir.path(), store).unwrap();
    (dir, assets)
}

fn node(id: &str, kind: &str, data: serde_json::Value) -> CanvasNode {
    let mut node = CanvasNode::new(id, kind, 0.0, 0.0);
    node.data = JsonText::from_value(&data);
    node
}

fn edge(from: &str, to: &str, handle: &str) -> CanvasEdge {
    let mut edge = CanvasEdge::new(format!("{from}-{to}"), from, to);
    edge.target_handle = Some(handle.into());
    edge
}

/// text → image → video → sound, plus an image of its own.
fn chain() -> StoredCanvas {
    let mut canvas = StoredCanvas::new("chain", 1);
    canvas.nodes = vec![
        node(
            "video",
            "videoGenerator",
            json!({"model": "kling-2.6-i2v", "prompt": "slow dolly in", "duration": 5}),
        ),
        node("text", "text", json!({"content": "a lighthouse"})),
        node(
            "image",
            "imageGenerator",
            json!({"model": "flux-schnell", "imageCount": 2}),
        ),
        node(
            "solo",
            "imageGenerator",
            json!({"model": "flux-pro", "prompt": "a gull"}),
        ),
        node(
            "sound",
            "videoAudio",
            json!({"model": "mmaudio-v2", "prompt": "waves", "duration": 8}),
        ),
    ];
    canvas.edges = vec![
        edge("text", "image", "text"),
        edge("image", "video", "firstFrame"),
        edge("video", "sound", "video"),
    ];
    canvas
}

#[test]
fn runs_follow_their_inputs_and_the_cost_is_known_first() {
    let (_dir, assets) = assets();
    let plan = plan_run_all(&chain(), None, &assets, &BTreeMap::new()).unwrap();
    let order: Vec<&str> = plan.runs.iter().map(|r| r.node_id.as_str()).collect();
    let at = |id: &str| order.iter().position(|n| *n == id).unwrap();
    assert!(
        at("image") < at("video") && at("video") < at("sound"),
        "{order:?}"
    );
    assert_eq!(plan.runs[at("video")].after, ["image"]);
    assert_eq!(plan.runs[at("sound")].after, ["video"]);
    assert!(
        plan.runs[at("solo")].after.is_empty(),
        "independent runs wait for nothing"
    );
    // 2 × 0.003 + 0.04 + 5 s × 0.07 + 8 s × 0.001, before the frames they wait for exist.
    assert_eq!(plan.total_cost_usd, 0.404);
}

#[test]
fn a_loop_is_refused_and_names_its_nodes() {
    let (_dir, assets) = assets();
    let mut canvas = chain();
    canvas.edges.push(edge("sound", "image", "reference"));
    let error = plan_run_all(&canvas, None, &assets, &BTreeMap::new()).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("loop")
            && message.contains("image")
            && message.contains("video")
            && message.contains("sound"),
        "{message}"
    );
    assert!(!message.contains("solo"));
}

#[test]
fn unchanged_nodes_are_skipped_unless_an_input_runs_again() {
    let (_dir, assets) = assets();
    let mut canvas = chain();
    let prepared = prepare(&canvas, "solo", &assets, &BTreeMap::new()).unwrap();
    let fingerprint = run_fingerprint(&prepared.model.id, &prepared.endpoint, &prepared.input);
    let solo = canvas.nodes.iter_mut().find(|n| n.id == "solo").unwrap();
    solo.data = JsonText::from_value(
        &json!({"model": "flux-pro", "prompt": "a gull", "outputUrl": "koda-asset://x", "lastRunFingerprint": fingerprint}),
    );
    let plan = plan_run_all(&canvas, None, &assets, &BTreeMap::new()).unwrap();
    assert!(
        plan.skipped
            .iter()
            .any(|(id, why)| id == "solo" && why.contains("unchanged")),
        "{:?}",
        plan.skipped
    );
    // The prompt changes: it runs again.
    let solo = canvas.nodes.iter_mut().find(|n| n.id == "solo").unwrap();
    solo.data = JsonText::from_value(
        &json!({"model": "flux-pro", "prompt": "two gulls", "outputUrl": "koda-asset://x", "lastRunFingerprint": fingerprint}),
    );
    let plan = plan_run_all(&canvas, None, &assets, &BTreeMap::new()).unwrap();
    assert!(plan.runs.iter().any(|r| r.node_id == "solo"));
    // Only the selection.
    let plan = plan_run_all(
        &canvas,
        Some(&["solo".to_owned()]),
        &assets,
        &BTreeMap::new(),
    )
    .unwrap();
    assert_eq!(plan.runs.len(), 1);
}
