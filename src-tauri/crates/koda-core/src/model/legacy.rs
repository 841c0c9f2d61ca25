//! Canvases written by Koda Desktop before it adopted Koda web's node model (node types `prompt`,
//! desktop data field names and handle ids), moved to that model. Stored canvases are moved by the
//! backends' schema migrations (SQLite 3, PostgreSQL 2), which follow the same rules; this moves
//! canvases that arrive in old files (exports and bundles of earlier versions) as they are
//! imported. Only shapes Koda web never writes are touched, so a Koda web canvas passes unchanged.

use super::{CanvasNode, JsonText, StoredCanvas};
use serde_json::{Map, Value};
use std::collections::HashMap;

const IMAGE_MODELS: [(&str, &str); 6] = [
    ("Flux 1.1 Pro", "flux-pro"),
    ("Flux Schnell", "flux-schnell"),
    ("Stable Diffusion 3.5", "sd-3.5"),
    ("Imagen 4", "nanobanana-pro"),
    ("GPT Image 1", "nanobanana-pro"),
    ("Ideogram 3", "ideogram-v3"),
];

const VIDEO_MODELS: [(&str, &str); 5] = [
    ("Veo 3", "veo-3"),
    ("Kling 2.1", "kling-2.6-i2v"),
    ("Runway Gen-4", "runway-gen3"),
    ("Luma Ray 2", "luma-ray2"),
    ("Hailuo 02", "hailuo-02-i2v"),
];

/// Moves an old desktop canvas to Koda web's model in place; returns whether anything changed.
pub fn upgrade_desktop_canvas(canvas: &mut StoredCanvas) -> bool {
    let old_types: HashMap<String, (String, bool)> = canvas
        .nodes
        .iter()
        .map(|n| (n.id.clone(), (n.node_type.clone(), is_desktop_media(n))))
        .collect();
    let mut changed = false;
    for edge in &mut canvas.edges {
        let source = old_types.get(&edge.source);
        let target = old_types.get(&edge.target);
        let source_is_old = source.is_some_and(|(kind, desktop_media)| {
            matches!(
                kind.as_str(),
                "prompt" | "imageGenerator" | "videoGenerator"
            ) || *desktop_media
        });
        if source_is_old
            && matches!(
                edge.source_handle.as_deref(),
                Some("text" | "image" | "video")
            )
        {
            edge.source_handle = Some("output".into());
            changed = true;
        }
        let target_kind = target.map(|(kind, _)| kind.as_str());
        let renamed = match (target_kind, edge.target_handle.as_deref()) {
            (Some("imageGenerator" | "videoGenerator"), Some("prompt")) => Some("text"),
            (Some("videoGenerator"), Some("image")) => Some("firstFrame"),
            _ => None,
        };
        if let Some(renamed) = renamed {
            edge.target_handle = Some(renamed.into());
            changed = true;
        }
    }
    for node in &mut canvas.nodes {
        changed |= upgrade_node(node);
    }
    changed
}

fn is_desktop_media(node: &CanvasNode) -> bool {
    node.node_type == "media" && {
        let data = node.data.to_value();
        data.get("src").is_some() || data.get("kind").is_some()
    }
}

fn upgrade_node(node: &mut CanvasNode) -> bool {
    let kind = node.node_type.as_str();
    if !matches!(
        kind,
        "prompt" | "stickyNote" | "group" | "media" | "imageGenerator" | "videoGenerator"
    ) {
        return false;
    }
    let Value::Object(mut data) = node.data.to_value() else {
        return false;
    };
    let changed = match kind {
        "prompt" => {
            node.node_type = "text".into();
            let words = data
                .remove("text")
                .unwrap_or_else(|| Value::String(String::new()));
            data.insert("content".into(), words);
            true
        }
        "stickyNote" => rename(&mut data, "text", "content"),
        "group" => rename(&mut data, "label", "name"),
        "media" => rename(&mut data, "src", "url") | rename(&mut data, "kind", "type"),
        "imageGenerator" => relabel_model(&mut data, &IMAGE_MODELS),
        "videoGenerator" => relabel_model(&mut data, &VIDEO_MODELS),
        _ => false,
    };
    if changed {
        node.data = JsonText::from_value(&data);
    }
    changed
}

/// Renames `from` to `to` when the data has `from` and not yet `to` (Koda web's field wins).
fn rename(data: &mut Map<String, Value>, from: &str, to: &str) -> bool {
    if data.contains_key(to) {
        return false;
    }
    match data.remove(from) {
        Some(value) => {
            data.insert(to.into(), value);
            true
        }
        None => false,
    }
}

fn relabel_model(data: &mut Map<String, Value>, labels: &[(&str, &str)]) -> bool {
    let id = data
        .get("model")
        .and_then(Value::as_str)
        .and_then(|label| labels.iter().find(|(l, _)| *l == label))
        .map(|(_, id)| *id);
    match id {
        Some(id) => {
            data.insert("model".into(), Value::String(id.into()));
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::parse_canvas;

    fn old_canvas() -> StoredCanvas {
        parse_canvas(&fixture("desktop-v2/old-model.json")).unwrap()
    }

    fn fixture(name: &str) -> String {
        let path = format!(
            "{}/../../../tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn moves_every_old_shape_to_koda_webs() {
        let mut canvas = old_canvas();
        assert!(upgrade_desktop_canvas(&mut canvas));
        let json = serde_json::to_value(&canvas).unwrap();
        assert_eq!(json["nodes"][0]["type"], "text");
        assert_eq!(
            json["nodes"][0]["data"],
            serde_json::json!({"content": "a fox in the snow"})
        );
        assert_eq!(json["nodes"][1]["data"]["model"], "flux-schnell");
        assert_eq!(json["nodes"][2]["data"]["model"], "veo-3");
        assert_eq!(
            json["nodes"][3]["data"],
            serde_json::json!({"url": format!("koda-asset://{}", "0".repeat(64)), "type": "image", "filename": "a.png"})
        );
        assert_eq!(json["nodes"][4]["data"]["content"], "check the light");
        assert_eq!(json["nodes"][5]["data"]["name"], "Shots");
        assert_eq!(json["nodes"][6]["data"], serde_json::json!({"content": ""}));
        let handles: Vec<(String, String)> = canvas
            .edges
            .iter()
            .map(|e| {
                (
                    e.source_handle.clone().unwrap(),
                    e.target_handle.clone().unwrap(),
                )
            })
            .collect();
        let expected = [
            ("output", "text"),
            ("output", "reference"),
            ("output", "firstFrame"),
            ("output", "text"),
        ];
        assert_eq!(handles, expected.map(|(s, t)| (s.to_owned(), t.to_owned())));
        assert!(
            !upgrade_desktop_canvas(&mut canvas),
            "a second pass changes nothing"
        );
    }

    #[test]
    fn leaves_koda_web_canvases_alone() {
        let text = fixture("koda-web/showcase.json");
        let (_, mut canvases) = crate::formats::parse_canvas_file(&text, 1).unwrap();
        let before = serde_json::to_string(&canvases[0]).unwrap();
        assert!(!upgrade_desktop_canvas(&mut canvases[0]));
        assert_eq!(serde_json::to_string(&canvases[0]).unwrap(), before);
    }
}
