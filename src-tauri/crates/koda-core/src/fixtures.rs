//! Canvases the conformance cases, benchmarks and `koda gen-fixture` build.

use crate::model::*;
use serde_json::json;

/// A small canvas with every kind of field set, including ones Koda does not model.
pub fn sample_canvas(name: &str) -> StoredCanvas {
    let mut canvas = StoredCanvas::new(name, 1_700_000_000_000);
    let mut prompt = CanvasNode::new("prompt-1", "text", 10.5, -20.25);
    prompt.data = JsonText::parse(r#"{"text":"a red fox","zeta":1,"alpha":[1,2.50]}"#).unwrap();
    prompt.width = Some(240.0);
    prompt.height = Some(120.0);
    prompt.z_index = Some(3);
    prompt.extra.insert("parentId".into(), json!("group-1"));
    prompt.extra.insert("style".into(), json!({"opacity": 0.5}));
    let mut image = CanvasNode::new("image-1", "imageGenerator", 400.0, 0.0);
    image.data = JsonText::parse(r#"{"model":"flux","seed":42}"#).unwrap();
    let group = CanvasNode::new("group-1", "group", -50.0, -50.0);
    let custom = CanvasNode::new("custom-1", "someFutureNodeType", 0.0, 300.0);
    canvas.nodes = vec![group, prompt, image, custom];
    let mut edge = CanvasEdge::new("edge-1", "prompt-1", "image-1");
    edge.source_handle = Some("output".into());
    edge.target_handle = Some("text".into());
    edge.edge_type = Some("smoothstep".into());
    edge.extra.insert("animated".into(), json!(true));
    canvas.edges = vec![edge, CanvasEdge::new("edge-2", "group-1", "custom-1")];
    canvas.viewport = Some(Viewport {
        x: -12.5,
        y: 40.0,
        zoom: 0.75,
    });
    canvas.description = Some("for tests".into());
    canvas
}

/// A canvas of `nodes` nodes in a grid with a chain of `nodes - 1` edges: Koda web's node types
/// in turn, each with data of its real shape and size (a prompt, a model, settings).
pub fn grid_canvas(name: &str, nodes: usize) -> StoredCanvas {
    const KINDS: [&str; 8] = [
        "text",
        "imageGenerator",
        "videoGenerator",
        "media",
        "stickyNote",
        "musicGenerator",
        "speech",
        "sticker",
    ];
    let words = "a watercolor fox in a misty forest, soft light, detailed";
    let mut canvas = StoredCanvas::new(name, 1_700_000_000_000);
    canvas.nodes = (0..nodes)
        .map(|i| {
            let kind = KINDS[i % KINDS.len()];
            let mut node = CanvasNode::new(
                format!("n{i}"),
                kind,
                (i % 100) as f64 * 260.0,
                (i / 100) as f64 * 180.0,
            );
            let name = format!("Node {i}");
            let data = match kind {
                "text" | "stickyNote" => json!({"name": name, "content": words, "color": "yellow"}),
                "media" => json!({"name": name, "type": "image", "url": ""}),
                "sticker" => json!({"emoji": "🦊", "size": "md"}),
                "speech" => json!({"name": name, "text": words, "voice": "rachel", "speed": 1}),
                _ => json!({
                    "name": name,
                    "prompt": words,
                    "model": "flux-pro",
                    "aspectRatio": "16:9",
                    "settings": {"steps": 28, "guidance": 3.5, "seed": i},
                }),
            };
            node.data = JsonText::from_value(&data);
            node.width = Some(240.0);
            node.height = Some(160.0);
            node
        })
        .collect();
    canvas.edges = (1..nodes)
        .map(|i| {
            let mut edge = CanvasEdge::new(format!("e{i}"), format!("n{}", i - 1), format!("n{i}"));
            edge.source_handle = Some("output".into());
            edge.target_handle = Some(
                match KINDS[i % KINDS.len()] {
                    "imageGenerator" => "reference",
                    "videoGenerator" => "firstFrame",
                    _ => "text",
                }
                .into(),
            );
            edge
        })
        .collect();
    canvas
}

/// `canvas` with the fields a store sets itself (revision, updatedAt) copied from `stored`,
/// so the two can be compared for everything else.
pub fn with_store_fields(canvas: &StoredCanvas, stored: &StoredCanvas) -> StoredCanvas {
    let mut expected = canvas.clone();
    expected.revision = stored.revision;
    expected.updated_at = stored.updated_at;
    expected
}

/// An image asset row of `canvas_id` with every field set.
pub fn asset(id: &str, canvas_id: &str) -> AssetRecord {
    AssetRecord {
        id: id.into(),
        canvas_id: Some(canvas_id.into()),
        node_id: Some("image-1".into()),
        kind: AssetKind::Image,
        filename: Some("fox.png".into()),
        mime_type: Some("image/png".into()),
        size_bytes: Some(1234),
        url: None,
        local_blob_key: Some("ab".repeat(32)),
        metadata: Some(JsonText::parse(r#"{"prompt":"fox"}"#).unwrap()),
        created_at: 1_700_000_000_000,
    }
}

/// A completed generation of `canvas_id` whose result is the asset `result_asset_id`.
pub fn generation(id: &str, canvas_id: &str, result_asset_id: &str) -> GenerationRecord {
    GenerationRecord {
        id: id.into(),
        canvas_id: Some(canvas_id.into()),
        node_id: Some("image-1".into()),
        model: "flux-pro".into(),
        prompt: Some("a fox".into()),
        parameters: Some(JsonText::parse(r#"{"steps":28}"#).unwrap()),
        status: GenerationStatus::Completed,
        result_asset_id: Some(result_asset_id.into()),
        error_message: None,
        duration_ms: Some(4200),
        created_at: 1_700_000_000_500,
        run: None,
    }
}
