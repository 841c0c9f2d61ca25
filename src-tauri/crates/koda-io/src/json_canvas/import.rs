//! JSON Canvas → Koda canvas.

use super::extension::{CanvasExtension, EdgeExtension, NodeExtension};
use super::{note_for_preset, JsonCanvas, JsonCanvasEdge, JsonCanvasNode, KODA_EXTENSION};
use koda_core::ids::now_ms;
use koda_core::validate::{parse_json, validate_canvas, validate_id};
use koda_core::{
    CanvasEdge, CanvasNode, JsonText, Position, StoreError, StoreResult, StoredCanvas,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// Parses and converts the text of a `.canvas` file. A file Koda wrote keeps its canvas id; any
/// other gets an id derived from its content, so importing the same file twice updates one
/// canvas. `fallback_name` (the file's name) names a canvas that carries no name.
pub fn from_json_canvas_text(text: &str, fallback_name: &str) -> StoreResult<StoredCanvas> {
    let document: JsonCanvas = parse_json(text.trim_start_matches('\u{feff}'))?;
    let content_id = format!(
        "canvas-{}",
        &hex::encode(Sha256::digest(text.as_bytes()))[..24]
    );
    from_json_canvas(&document, fallback_name, &content_id)
}

/// Converts a parsed document; errors name the JSON Canvas path (`edges[2].toNode`).
pub fn from_json_canvas(
    document: &JsonCanvas,
    fallback_name: &str,
    fallback_id: &str,
) -> StoreResult<StoredCanvas> {
    check_document(document)?;
    let canvas_extension: Option<CanvasExtension> = extension(&document.extra, KODA_EXTENSION)?;
    let mut nodes = Vec::with_capacity(document.nodes.len());
    let mut absolute = HashMap::with_capacity(document.nodes.len());
    let mut any_extension = false;
    for (index, node) in document.nodes.iter().enumerate() {
        let node_extension: Option<NodeExtension> = extension(&node.extra, KODA_EXTENSION)
            .map_err(|e| prefixed(&format!("nodes[{index}]"), e))?;
        any_extension |= node_extension.is_some();
        absolute.insert(node.id.clone(), (node.x, node.y));
        nodes.push(match node_extension {
            Some(extension) => restore_koda_node(node, extension),
            None => plain_node(node),
        });
    }
    if any_extension {
        relative_to_recorded_parents(&mut nodes, &absolute);
    } else {
        nest_in_enclosing_groups(&mut nodes, document);
    }
    let edges = document
        .edges
        .iter()
        .enumerate()
        .map(|(index, edge)| import_edge(edge).map_err(|e| prefixed(&format!("edges[{index}]"), e)))
        .collect::<StoreResult<Vec<_>>>()?;
    let now = now_ms();
    let canvas = match canvas_extension {
        Some(ext) => StoredCanvas {
            id: ext.canvas_id,
            name: ext.name,
            description: ext.description,
            thumbnail: None,
            created_at: ext.created_at,
            updated_at: ext.updated_at,
            nodes,
            edges,
            viewport: ext.viewport,
            revision: 0,
            details: Default::default(),
        },
        None => StoredCanvas {
            id: fallback_id.to_owned(),
            name: if fallback_name.trim().is_empty() {
                "Imported canvas".into()
            } else {
                fallback_name.to_owned()
            },
            description: None,
            thumbnail: None,
            created_at: now,
            updated_at: now,
            nodes,
            edges,
            viewport: None,
            revision: 0,
            details: Default::default(),
        },
    };
    validate_canvas(&canvas)?;
    Ok(canvas)
}

/// What JSON Canvas itself requires: ids present and unique, finite geometry, edges between
/// nodes of the document.
fn check_document(document: &JsonCanvas) -> StoreResult<()> {
    let mut ids = HashSet::with_capacity(document.nodes.len());
    for (index, node) in document.nodes.iter().enumerate() {
        let path = format!("nodes[{index}]");
        validate_id(&format!("{path}.id"), &node.id)?;
        if !ids.insert(node.id.as_str()) {
            return Err(StoreError::invalid(
                format!("{path}.id"),
                format!("duplicate node id '{}'", node.id),
            ));
        }
        for (field, value) in [
            ("x", node.x),
            ("y", node.y),
            ("width", node.width),
            ("height", node.height),
        ] {
            if !value.is_finite() {
                return Err(StoreError::invalid(
                    format!("{path}.{field}"),
                    format!("{value} is not a finite number"),
                ));
            }
        }
        if node.width < 0.0 || node.height < 0.0 {
            return Err(StoreError::invalid(
                format!("{path}.width"),
                "size is negative",
            ));
        }
    }
    let mut edge_ids = HashSet::with_capacity(document.edges.len());
    for (index, edge) in document.edges.iter().enumerate() {
        let path = format!("edges[{index}]");
        validate_id(&format!("{path}.id"), &edge.id)?;
        if !edge_ids.insert(edge.id.as_str()) {
            return Err(StoreError::invalid(
                format!("{path}.id"),
                format!("duplicate edge id '{}'", edge.id),
            ));
        }
        for (field, end) in [("fromNode", &edge.from_node), ("toNode", &edge.to_node)] {
            if !ids.contains(end.as_str()) {
                return Err(StoreError::invalid(
                    format!("{path}.{field}"),
                    format!("no node has the id '{end}'"),
                ));
            }
        }
    }
    Ok(())
}

/// Reads an optional extension object; a malformed one is an error at `koda`.
fn extension<T: DeserializeOwned>(
    fields: &Map<String, Value>,
    key: &str,
) -> StoreResult<Option<T>> {
    match fields.get(key) {
        None => Ok(None),
        Some(value) => serde_json::from_value(value.clone())
            .map(Some)
            .map_err(|error| {
                StoreError::invalid(key, format!("Koda's extension field is malformed: {error}"))
            }),
    }
}

fn prefixed(prefix: &str, error: StoreError) -> StoreError {
    match error {
        StoreError::Invalid { path, message } => {
            StoreError::invalid(format!("{prefix}.{path}"), message)
        }
        other => other,
    }
}

fn base_node(node: &JsonCanvasNode, node_type: &str, data: Value) -> CanvasNode {
    let mut out = CanvasNode::new(node.id.clone(), node_type, node.x, node.y);
    out.data = JsonText::from_value(&data);
    out.width = Some(node.width);
    out.height = Some(node.height);
    out
}

/// A node Koda wrote: its type, data and fields come back; what other editors may have changed
/// (geometry, text, label, colour) is taken from the file.
fn restore_koda_node(node: &JsonCanvasNode, extension: NodeExtension) -> CanvasNode {
    let mut data = match extension.data.to_value() {
        Value::Object(fields) => fields,
        _ => Map::new(),
    };
    match extension.node_type.as_str() {
        "text" | "stickyNote" if node.node_type == "text" => {
            if let Some(text) = &node.text {
                data.insert("content".into(), text.clone().into());
            }
        }
        "group" => {
            if let Some(label) = &node.label {
                data.insert("name".into(), label.clone().into());
            }
        }
        _ => {}
    }
    if extension.node_type == "stickyNote" {
        if let Some(color) = node.color.as_deref().and_then(note_for_preset) {
            data.insert("color".into(), color.into());
        }
    }
    let mut out = base_node(node, &extension.node_type, Value::Object(data));
    let unchanged_auto_size = extension
        .auto_size
        .is_some_and(|[w, h]| node.width.round() as i64 == w && node.height.round() as i64 == h);
    if unchanged_auto_size {
        out.width = None;
        out.height = None;
    }
    out.z_index = extension.z_index;
    out.extra = extension.fields;
    out
}

/// A node from another editor: text cards become sticky notes, files media, web links notes with
/// the address, groups groups; another kind is kept under its own type with its fields as data.
fn plain_node(node: &JsonCanvasNode) -> CanvasNode {
    match node.node_type.as_str() {
        "text" => {
            let color = node
                .color
                .as_deref()
                .and_then(note_for_preset)
                .unwrap_or("yellow");
            base_node(
                node,
                "stickyNote",
                json!({"content": node.text.clone().unwrap_or_default(), "color": color}),
            )
        }
        "file" => {
            let file = node.file.clone().unwrap_or_default();
            let name = file.rsplit('/').next().unwrap_or_default().to_owned();
            base_node(
                node,
                "media",
                json!({"type": media_kind(&file), "filename": name, "file": file}),
            )
        }
        "link" => {
            let url = node.url.clone().unwrap_or_default();
            base_node(
                node,
                "stickyNote",
                json!({"content": url, "url": url, "color": "blue"}),
            )
        }
        "group" => base_node(
            node,
            "group",
            json!({"name": node.label.clone().unwrap_or_else(|| "Group".into())}),
        ),
        other => {
            let mut data = node.extra.clone();
            for (key, value) in [
                ("text", &node.text),
                ("file", &node.file),
                ("url", &node.url),
                ("label", &node.label),
            ] {
                if let Some(value) = value {
                    data.insert(key.into(), value.clone().into());
                }
            }
            base_node(node, other, Value::Object(data))
        }
    }
}

fn media_kind(file: &str) -> &'static str {
    let extension = file
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if ["mp4", "webm", "mov", "m4v", "mkv"].contains(&extension.as_str()) {
        "video"
    } else {
        "image"
    }
}

/// Nodes Koda wrote name their group in `parentId`; their absolute positions become relative to
/// it again. A parent that is no longer in the file is dropped.
fn relative_to_recorded_parents(nodes: &mut [CanvasNode], absolute: &HashMap<String, (f64, f64)>) {
    for node in nodes.iter_mut() {
        let Some(parent_id) = node
            .extra
            .get("parentId")
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            continue;
        };
        match absolute.get(&parent_id) {
            Some((x, y)) => {
                node.position = Position {
                    x: node.position.x - x,
                    y: node.position.y - y,
                }
            }
            None => {
                node.extra.remove("parentId");
                node.extra.remove("extent");
            }
        }
    }
}

/// Files from other editors group by geometry: a node inside a group's rectangle belongs to the
/// smallest group holding it. React Flow wants parents before their children, so groups come
/// first, largest first.
fn nest_in_enclosing_groups(nodes: &mut [CanvasNode], document: &JsonCanvas) {
    let rect = |n: &JsonCanvasNode| (n.x, n.y, n.x + n.width, n.y + n.height);
    let groups: Vec<&JsonCanvasNode> = document
        .nodes
        .iter()
        .filter(|n| n.node_type == "group")
        .collect();
    for (node, source) in nodes.iter_mut().zip(&document.nodes) {
        let (left, top, right, bottom) = rect(source);
        let parent = groups
            .iter()
            .filter(|group| group.id != source.id)
            .filter(|group| {
                let (gl, gt, gr, gb) = rect(group);
                gl <= left
                    && gt <= top
                    && right <= gr
                    && bottom <= gb
                    && group.width * group.height > source.width * source.height
            })
            .min_by(|a, b| (a.width * a.height).total_cmp(&(b.width * b.height)));
        if let Some(parent) = parent {
            node.extra
                .insert("parentId".into(), parent.id.clone().into());
            node.position = Position {
                x: source.x - parent.x,
                y: source.y - parent.y,
            };
        }
    }
    let area: HashMap<&str, f64> = document
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.width * n.height))
        .collect();
    // Stable sort: groups by decreasing area, every other node after them in file order.
    nodes.sort_by(|a, b| {
        let key = |n: &CanvasNode| {
            if n.node_type == "group" {
                -area.get(n.id.as_str()).copied().unwrap_or(0.0)
            } else {
                f64::INFINITY
            }
        };
        key(a).total_cmp(&key(b))
    });
}

fn import_edge(edge: &JsonCanvasEdge) -> StoreResult<CanvasEdge> {
    let mut out = CanvasEdge::new(
        edge.id.clone(),
        edge.from_node.clone(),
        edge.to_node.clone(),
    );
    if let Some(extension) = extension::<EdgeExtension>(&edge.extra, KODA_EXTENSION)? {
        out.source_handle = extension.source_handle;
        out.target_handle = extension.target_handle;
        out.edge_type = extension.edge_type;
        out.extra = extension.fields;
    }
    match &edge.label {
        Some(label) => {
            out.extra.insert("label".into(), label.clone().into());
        }
        None => {
            out.extra.remove("label");
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_geometry_and_orders_parents_first() {
        let text = r#"{"nodes":[
            {"id":"t","type":"text","text":"hi","x":120,"y":130,"width":50,"height":40},
            {"id":"inner","type":"group","label":"Inner","x":100,"y":100,"width":200,"height":200},
            {"id":"outer","type":"group","label":"Outer","x":0,"y":0,"width":1000,"height":1000}],"edges":[]}"#;
        let canvas = from_json_canvas_text(text, "g").unwrap();
        let ids: Vec<&str> = canvas.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["outer", "inner", "t"]);
        assert_eq!(canvas.nodes[1].extra["parentId"], "outer");
        assert_eq!(canvas.nodes[2].extra["parentId"], "inner");
        assert_eq!(canvas.nodes[2].position, Position { x: 20.0, y: 30.0 });
    }

    #[test]
    fn edges_to_missing_nodes_name_their_path() {
        let text = r#"{"nodes":[{"id":"a","type":"text","x":0,"y":0,"width":1,"height":1}],
            "edges":[{"id":"e","fromNode":"a","toNode":"ghost"}]}"#;
        match from_json_canvas_text(text, "x") {
            Err(StoreError::Invalid { path, .. }) => assert_eq!(path, "edges[0].toNode"),
            other => panic!("{other:?}"),
        }
    }
}
