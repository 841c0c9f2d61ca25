//! JSON Canvas 1.0 export and import.

mod common;

use common::*;
use koda_core::{CanvasEdge, CanvasNode, CanvasStore, JsonText, StoredCanvas};
use koda_io::json_canvas::export::to_json_canvas_text;
use koda_io::json_canvas::import::from_json_canvas_text;
use koda_io::{asset_url, import_files, SourceFormat};
use serde_json::{json, Value};

fn node(id: &str, kind: &str, x: f64, y: f64, data: Value) -> CanvasNode {
    let mut node = CanvasNode::new(id, kind, x, y);
    node.data = JsonText::from_value(&data);
    node
}

/// A canvas with every Koda node kind, a group with a child, handles and an unknown type.
fn koda_canvas() -> StoredCanvas {
    let mut canvas = StoredCanvas::new("Every kind", 1_700_000_000_000);
    let mut group = node("grp", "group", 100.0, 100.0, json!({"name": "Scene"}));
    group.width = Some(600.0);
    group.height = Some(400.0);
    let mut prompt = node("p", "text", 20.0, 40.0, json!({"content": "a fox in snow"}));
    prompt.extra.insert("parentId".into(), "grp".into());
    prompt.extra.insert("extent".into(), "parent".into());
    let generator = node(
        "g",
        "imageGenerator",
        900.0,
        100.5,
        json!({"model": "flux-pro", "aspectRatio": "16:9"}),
    );
    let note = node(
        "s",
        "stickyNote",
        -200.0,
        0.0,
        json!({"content": "remember", "color": "pink"}),
    );
    let sha = "ab".repeat(32);
    let media = node(
        "m",
        "media",
        0.0,
        700.0,
        json!({"type": "image", "url": asset_url(&sha), "filename": "fox.png"}),
    );
    let web = node(
        "w",
        "media",
        300.0,
        700.0,
        json!({"type": "image", "url": "https://example.com/fox.jpg"}),
    );
    let alien = node("x", "hologram", 0.0, 1000.0, json!({"beam": true}));
    canvas.nodes = vec![group, prompt, generator, note, media, web, alien];
    let mut edge = CanvasEdge::new("e1", "p", "g");
    edge.source_handle = Some("output".into());
    edge.target_handle = Some("text".into());
    edge.extra.insert("animated".into(), true.into());
    canvas.edges = vec![edge];
    canvas
}

#[test]
fn export_writes_valid_json_canvas() {
    let text = to_json_canvas_text(&koda_canvas(), &|_| None);
    let document: Value = serde_json::from_str(&text).unwrap();
    let nodes = document["nodes"].as_array().unwrap();
    let by_id = |id: &str| nodes.iter().find(|n| n["id"] == id).unwrap();
    assert_eq!(by_id("p")["type"], "text");
    assert_eq!(by_id("p")["text"], "a fox in snow");
    assert_eq!(
        (by_id("p")["x"].as_i64(), by_id("p")["y"].as_i64()),
        (Some(120), Some(140)),
        "absolute, in integers"
    );
    assert_eq!(by_id("p")["width"], 280, "the prompt's default size");
    assert_eq!(by_id("grp")["type"], "group");
    assert_eq!(by_id("grp")["label"], "Scene");
    assert_eq!(by_id("s")["color"], "1");
    assert_eq!(by_id("m")["type"], "file");
    assert_eq!(by_id("m")["file"], "fox.png");
    assert_eq!(by_id("w")["type"], "link");
    assert_eq!(by_id("w")["url"], "https://example.com/fox.jpg");
    assert_eq!(by_id("g")["type"], "text");
    let summary = by_id("g")["text"].as_str().unwrap();
    assert!(
        summary.starts_with("**Image generator**") && summary.contains("Aspect ratio: 16:9"),
        "{summary}"
    );
    assert_eq!(by_id("g")["y"], 101, "100.5 rounds to an integer");
    assert_eq!(by_id("x")["type"], "text");
    for node in nodes {
        for field in ["x", "y", "width", "height"] {
            assert!(
                node[field].is_i64(),
                "{field} of {} must be an integer",
                node["id"]
            );
        }
    }
    let edge = &document["edges"][0];
    assert_eq!(
        (edge["fromNode"].as_str(), edge["toNode"].as_str()),
        (Some("p"), Some("g"))
    );
    assert_eq!(
        (edge["fromSide"].as_str(), edge["toSide"].as_str()),
        (Some("right"), Some("left"))
    );
}

#[test]
fn koda_to_canvas_to_koda_restores_types_data_and_groups() {
    let original = koda_canvas();
    let text = to_json_canvas_text(&original, &|_| None);
    let back = from_json_canvas_text(&text, "ignored").unwrap();
    assert_eq!(back.id, original.id);
    assert_eq!(back.name, original.name);
    assert_eq!(back.nodes.len(), original.nodes.len());
    for (before, after) in original.nodes.iter().zip(&back.nodes) {
        assert_eq!(after.id, before.id);
        assert_eq!(after.node_type, before.node_type, "type of {}", before.id);
        assert_eq!(
            after.data.to_value(),
            before.data.to_value(),
            "data of {}",
            before.id
        );
        assert_eq!(after.extra, before.extra, "fields of {}", before.id);
        assert_eq!(
            (after.width, after.height),
            (before.width, before.height),
            "size of {}",
            before.id
        );
        assert_eq!(
            after.position.x,
            before.position.x.round(),
            "x of {}",
            before.id
        );
    }
    assert_eq!(back.edges, original.edges);
}

#[test]
fn edits_made_in_another_editor_survive_the_round_trip() {
    let text = to_json_canvas_text(&koda_canvas(), &|_| None);
    let mut document: Value = serde_json::from_str(&text).unwrap();
    for node in document["nodes"].as_array_mut().unwrap() {
        if node["id"] == "s" {
            node["text"] = "edited elsewhere".into();
            node["x"] = 5.into();
            node["width"] = 999.into();
        }
    }
    let back = from_json_canvas_text(&document.to_string(), "x").unwrap();
    let note = back.nodes.iter().find(|n| n.id == "s").unwrap();
    assert_eq!(note.data.to_value()["content"], "edited elsewhere");
    assert_eq!(note.data.to_value()["color"], "pink");
    assert_eq!(note.position.x, 5.0);
    assert_eq!(note.width, Some(999.0), "a resized node keeps its new size");
}

#[test]
fn canvas_from_another_editor_maps_to_koda_kinds() {
    let data = DataDir::new();
    let file = data.file("Research.canvas");
    std::fs::write(
        &file,
        r##"{
          "nodes": [
            {"id":"t1","type":"text","text":"# Idea","x":-40,"y":10,"width":250,"height":60,"color":"4"},
            {"id":"f1","type":"file","file":"Attachments/clip.mp4","x":300,"y":10,"width":400,"height":300},
            {"id":"l1","type":"link","url":"https://jsoncanvas.org","x":0,"y":400,"width":300,"height":200},
            {"id":"g1","type":"group","label":"Refs","x":-100,"y":-50,"width":900,"height":420},
            {"id":"u1","type":"audioClip","src":"theme.mp3","x":0,"y":700,"width":100,"height":40}
          ],
          "edges": [{"id":"e1","fromNode":"t1","fromSide":"right","toNode":"f1","toSide":"left","label":"see"}]
        }"##,
    )
    .unwrap();
    let summary = import_files(
        data.store(),
        &data.assets,
        std::slice::from_ref(&file),
        &mut quiet(),
    )
    .unwrap();
    assert_eq!(summary.files[0].format, SourceFormat::JsonCanvas);
    let canvas = data
        .store
        .get_canvas(&summary.files[0].canvases[0].id)
        .unwrap()
        .unwrap();
    assert_eq!(canvas.name, "Research");
    let kinds: Vec<(&str, &str)> = canvas
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.node_type.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("g1", "group"),
            ("t1", "stickyNote"),
            ("f1", "media"),
            ("l1", "stickyNote"),
            ("u1", "audioClip")
        ]
    );
    let text = &canvas.nodes[1];
    assert_eq!(text.data.to_value()["color"], "green");
    assert_eq!(text.extra["parentId"], "g1");
    assert_eq!(
        (text.position.x, text.position.y),
        (60.0, 60.0),
        "relative to its group"
    );
    assert_eq!(canvas.nodes[2].data.to_value()["type"], "video");
    assert!(
        canvas.nodes[3].extra.get("parentId").is_none(),
        "the link card is outside the group"
    );
    assert_eq!(canvas.edges[0].extra["label"], "see");
    let unknown = canvas.nodes.iter().find(|n| n.id == "u1").unwrap();
    assert_eq!(
        unknown.node_type, "audioClip",
        "an unknown kind keeps its type"
    );
    assert_eq!(
        unknown.data.to_value()["src"],
        "theme.mp3",
        "and its fields"
    );

    import_files(data.store(), &data.assets, &[file], &mut quiet()).unwrap();
    assert_eq!(
        data.store.list_canvases().unwrap().len(),
        1,
        "the same file imports to the same canvas"
    );
}

#[test]
fn malformed_canvas_files_name_their_position() {
    let (path, _) = invalid_path(from_json_canvas_text(
        r#"{"nodes":[{"id":"a","type":"text","x":0,"y":0,"#,
        "t",
    ));
    assert!(path.contains("line 1"), "{path}");
    let bad_side = r#"{"nodes":[{"id":"a","type":"text","x":0,"y":0,"width":1,"height":1}],
        "edges":[{"id":"e","fromNode":"a","toNode":"a","toSide":"middle"}]}"#;
    let (path, _) = invalid_path(from_json_canvas_text(bad_side, "t"));
    assert!(path.starts_with("edges[0].toSide"), "{path}");
    let duplicate = r#"{"nodes":[{"id":"a","type":"text","x":0,"y":0,"width":1,"height":1},
        {"id":"a","type":"text","x":0,"y":0,"width":1,"height":1}]}"#;
    assert_eq!(
        invalid_path(from_json_canvas_text(duplicate, "t")).0,
        "nodes[1].id"
    );
    let no_width = r#"{"nodes":[{"id":"a","type":"text","x":0,"y":0,"height":1}]}"#;
    assert!(invalid_path(from_json_canvas_text(no_width, "t"))
        .0
        .starts_with("nodes[0]"));
    let bad_extension = r#"{"nodes":[{"id":"a","type":"text","x":0,"y":0,"width":1,"height":1,"koda":{"type":5}}]}"#;
    assert!(invalid_path(from_json_canvas_text(bad_extension, "t"))
        .0
        .starts_with("nodes[0].koda"));
}
