//! Koda canvas → JSON Canvas.

use super::extension::{CanvasExtension, EdgeExtension, NodeExtension};
use super::{preset_for_note, JsonCanvas, JsonCanvasEdge, JsonCanvasNode, Side, KODA_EXTENSION};
use crate::asset_refs::referenced_sha256;
use koda_core::{CanvasEdge, CanvasNode, StoredCanvas};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Names a stored asset file for a `file` node, from its SHA-256 (e.g. `<sha256>.png`).
pub type AssetFileName<'a> = &'a dyn Fn(&str) -> Option<String>;

/// React Flow nests children in groups with positions relative to the parent; JSON Canvas has
/// absolute positions only. Deeper nesting than this is treated as a cycle and cut.
const MAX_NESTING: usize = 64;

/// The size Koda gives a node of each kind that has no size of its own (as in the UI's specs).
pub(crate) fn default_size(node_type: &str) -> (f64, f64) {
    match node_type {
        // Koda web's card sizes (docs/koda-web-format.md §2).
        "text" => (280.0, 120.0),
        "imageGenerator" | "videoGenerator" | "storyboard" | "productShot" => (420.0, 420.0),
        "media" => (280.0, 220.0),
        "stickyNote" => (200.0, 200.0),
        "group" => (300.0, 200.0),
        _ => (260.0, 160.0),
    }
}

/// Converts a canvas. Prompt and sticky notes become text nodes, media file (or link) nodes,
/// groups group nodes, generators and unknown kinds text nodes with a readable summary; every
/// edge goes from the right side of its source to the left side of its target.
pub fn to_json_canvas(canvas: &StoredCanvas, asset_file_name: AssetFileName<'_>) -> JsonCanvas {
    let by_id: HashMap<&str, &CanvasNode> =
        canvas.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let nodes = canvas
        .nodes
        .iter()
        .map(|node| export_node(node, &by_id, asset_file_name))
        .collect();
    let edges = canvas.edges.iter().map(export_edge).collect();
    let extension = CanvasExtension {
        canvas_id: canvas.id.clone(),
        name: canvas.name.clone(),
        description: canvas.description.clone(),
        viewport: canvas.viewport,
        created_at: canvas.created_at,
        updated_at: canvas.updated_at,
    };
    let mut extra = Map::new();
    extra.insert(
        KODA_EXTENSION.into(),
        serde_json::to_value(extension).expect("plain data serialises"),
    );
    JsonCanvas {
        nodes,
        edges,
        extra,
    }
}

/// [`to_json_canvas`] as the text of a `.canvas` file.
pub fn to_json_canvas_text(canvas: &StoredCanvas, asset_file_name: AssetFileName<'_>) -> String {
    serde_json::to_string_pretty(&to_json_canvas(canvas, asset_file_name))
        .expect("plain data serialises")
}

fn export_node(
    node: &CanvasNode,
    by_id: &HashMap<&str, &CanvasNode>,
    asset_file_name: AssetFileName<'_>,
) -> JsonCanvasNode {
    let (x, y) = absolute_position(node, by_id);
    let (width, height, auto_size) = size_of(node);
    let data = node.data.to_value();
    let text_field = |key: &str| data.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut out = JsonCanvasNode {
        id: node.id.clone(),
        node_type: "text".into(),
        x,
        y,
        width,
        height,
        color: None,
        text: None,
        file: None,
        subpath: None,
        url: None,
        label: None,
        background: None,
        background_style: None,
        extra: Map::new(),
    };
    match node.node_type.as_str() {
        "text" => out.text = Some(text_field("content").unwrap_or_default()),
        "stickyNote" => {
            out.text = Some(text_field("content").unwrap_or_default());
            out.color = text_field("color")
                .and_then(|c| preset_for_note(&c))
                .map(str::to_owned);
        }
        "group" => {
            out.node_type = "group".into();
            out.label = Some(text_field("name").unwrap_or_else(|| "Group".into()));
        }
        "media" => export_media(&mut out, &data, asset_file_name),
        _ => out.text = Some(summary(&node.node_type, &data)),
    }
    let extension = NodeExtension {
        node_type: node.node_type.clone(),
        data: node.data.clone(),
        fields: node.extra.clone(),
        z_index: node.z_index,
        auto_size: auto_size.then(|| [width.round() as i64, height.round() as i64]),
    };
    out.extra.insert(
        KODA_EXTENSION.into(),
        serde_json::to_value(extension).expect("plain data serialises"),
    );
    out
}

/// A media node: a stored asset or inline media is a file node, a web address a link node.
fn export_media(out: &mut JsonCanvasNode, data: &Value, asset_file_name: AssetFileName<'_>) {
    let src = data.get("url").and_then(Value::as_str).unwrap_or_default();
    let filename = data
        .get("filename")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if src.starts_with("http://") || src.starts_with("https://") {
        out.node_type = "link".into();
        out.url = Some(src.to_owned());
    } else if let Some(sha256) = referenced_sha256(src) {
        out.node_type = "file".into();
        out.file = Some(
            filename
                .or_else(|| asset_file_name(sha256))
                .unwrap_or_else(|| sha256.to_owned()),
        );
    } else if !src.is_empty() {
        out.node_type = "file".into();
        out.file = Some(filename.unwrap_or_else(|| "embedded media".into()));
    } else {
        out.text = Some("Media (empty)".into());
    }
}

fn export_edge(edge: &CanvasEdge) -> JsonCanvasEdge {
    let label = edge
        .extra
        .get("label")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let extension = EdgeExtension {
        source_handle: edge.source_handle.clone(),
        target_handle: edge.target_handle.clone(),
        edge_type: edge.edge_type.clone(),
        fields: edge.extra.clone(),
    };
    let mut extra = Map::new();
    extra.insert(
        KODA_EXTENSION.into(),
        serde_json::to_value(extension).expect("plain data serialises"),
    );
    JsonCanvasEdge {
        id: edge.id.clone(),
        from_node: edge.source.clone(),
        from_side: Some(Side::Right),
        from_end: None,
        to_node: edge.target.clone(),
        to_side: Some(Side::Left),
        to_end: None,
        color: None,
        label,
        extra,
    }
}

/// The node's position on the canvas, adding up the positions of the groups it sits in.
pub(crate) fn absolute_position(
    node: &CanvasNode,
    by_id: &HashMap<&str, &CanvasNode>,
) -> (f64, f64) {
    let (mut x, mut y) = (node.position.x, node.position.y);
    let mut current = node;
    for _ in 0..MAX_NESTING {
        let Some(parent) = current
            .extra
            .get("parentId")
            .and_then(Value::as_str)
            .and_then(|id| by_id.get(id))
        else {
            break;
        };
        x += parent.position.x;
        y += parent.position.y;
        current = parent;
    }
    (x, y)
}

/// Width and height, and whether they are Koda's default rather than the node's own.
fn size_of(node: &CanvasNode) -> (f64, f64, bool) {
    let from = |field: &str, key: &str| {
        node.extra
            .get(field)
            .and_then(|v| v.get(key))
            .and_then(Value::as_f64)
    };
    let (default_width, default_height) = default_size(&node.node_type);
    let width = node
        .width
        .or_else(|| from("measured", "width"))
        .or_else(|| from("style", "width"));
    let height = node
        .height
        .or_else(|| from("measured", "height"))
        .or_else(|| from("style", "height"));
    let auto = node.width.is_none() && node.height.is_none();
    (
        width.unwrap_or(default_width),
        height.unwrap_or(default_height),
        auto,
    )
}

/// A readable card for a node JSON Canvas has no kind for: its title and its simple settings.
fn summary(node_type: &str, data: &Value) -> String {
    let title = match node_type {
        "imageGenerator" => "Image generator".to_owned(),
        "videoGenerator" => "Video generator".to_owned(),
        other => humanize(other),
    };
    let mut lines = vec![format!("**{title}**")];
    if let Value::Object(fields) = data {
        for (key, value) in fields {
            let shown = match value {
                Value::String(text)
                    if text.len() <= 200
                        && !text.starts_with("data:")
                        && referenced_sha256(text).is_none() =>
                {
                    text.clone()
                }
                Value::Number(number) => number.to_string(),
                Value::Bool(flag) => if *flag { "yes" } else { "no" }.to_owned(),
                _ => continue,
            };
            if !shown.is_empty() {
                lines.push(format!("{}: {shown}", humanize(key)));
            }
        }
    }
    lines.join("\n")
}

/// `aspectRatio` → `Aspect ratio`.
fn humanize(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for (index, ch) in key.chars().enumerate() {
        if index == 0 {
            out.extend(ch.to_uppercase());
        } else if ch.is_uppercase() {
            out.push(' ');
            out.extend(ch.to_lowercase());
        } else if ch == '_' || ch == '-' {
            out.push(' ');
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_read_like_cards() {
        let data = serde_json::json!({"model": "Flux 1.1 Pro", "aspectRatio": "1:1", "seed": 7, "big": {"x": 1}});
        assert_eq!(
            summary("imageGenerator", &data),
            "**Image generator**\nModel: Flux 1.1 Pro\nAspect ratio: 1:1\nSeed: 7"
        );
    }
}
