//! Checks every canvas and patch passes before anything is written. Errors name the offending
//! place as a JSON path (`nodes[3].position.x`) so a person can find it.

use crate::error::{StoreError, StoreResult};
use crate::model::*;
use serde::de::DeserializeOwned;
use std::collections::HashSet;

/// Largest canvas accepted, as JSON text or estimated from its parts.
pub const MAX_CANVAS_BYTES: usize = 50 * 1024 * 1024;
/// Longest id accepted for canvases, nodes and edges.
pub const MAX_ID_LEN: usize = 256;
/// Longest canvas name accepted.
pub const MAX_NAME_LEN: usize = 500;

/// Parses JSON text into `T`, refusing text over [`MAX_CANVAS_BYTES`] before reading it and
/// naming the JSON path of the first problem.
pub fn parse_json<T: DeserializeOwned>(text: &str) -> StoreResult<T> {
    check_size("JSON input", text.len())?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        let place = format!("line {}, column {}", inner.line(), inner.column());
        let path = if path == "." {
            place
        } else {
            format!("{path} ({place})")
        };
        StoreError::invalid(path, inner.to_string())
    })?;
    deserializer.end().map_err(StoreError::from)?;
    Ok(value)
}

/// Parses and validates one canvas from JSON text.
pub fn parse_canvas(text: &str) -> StoreResult<StoredCanvas> {
    let canvas: StoredCanvas = parse_json(text)?;
    validate_canvas(&canvas)?;
    Ok(canvas)
}

fn check_size(what: &str, size: usize) -> StoreResult<()> {
    if size > MAX_CANVAS_BYTES {
        return Err(StoreError::TooLarge {
            what: what.to_owned(),
            size: size as u64,
            limit: MAX_CANVAS_BYTES as u64,
        });
    }
    Ok(())
}

/// Checks an id: present, not too long, no control characters.
pub fn validate_id(path: &str, id: &str) -> StoreResult<()> {
    if id.is_empty() {
        return Err(StoreError::invalid(path, "id is empty"));
    }
    if id.len() > MAX_ID_LEN {
        return Err(StoreError::invalid(
            path,
            format!("id is longer than {MAX_ID_LEN} bytes"),
        ));
    }
    if id.chars().any(char::is_control) {
        return Err(StoreError::invalid(path, "id contains control characters"));
    }
    Ok(())
}

/// Checks a canvas name.
pub fn validate_name(path: &str, name: &str) -> StoreResult<()> {
    if name.trim().is_empty() {
        return Err(StoreError::invalid(path, "name is empty"));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(StoreError::invalid(
            path,
            format!("name is longer than {MAX_NAME_LEN} bytes"),
        ));
    }
    Ok(())
}

fn finite(path: impl FnOnce() -> String, value: f64) -> StoreResult<()> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(StoreError::invalid(
            path(),
            format!("{value} is not a finite number"),
        ))
    }
}

/// How deeply a value nests arrays and objects.
fn value_depth(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Array(items) => 1 + items.iter().map(value_depth).max().unwrap_or(0),
        serde_json::Value::Object(fields) => {
            1 + fields.values().map(value_depth).max().unwrap_or(0)
        }
        _ => 0,
    }
}

/// Fields Koda does not model are kept verbatim, but held to the same depth as node data: an
/// export nests them a level or two deeper, and Koda must be able to read its own exports.
fn validate_extra(
    path: &str,
    extra: &serde_json::Map<String, serde_json::Value>,
) -> StoreResult<()> {
    for (name, value) in extra {
        let depth = value_depth(value);
        if depth > crate::model::MAX_JSON_DEPTH {
            return Err(StoreError::invalid(
                format!("{path}.{name}"),
                format!(
                    "nested {depth} levels deep; Koda keeps at most {}",
                    crate::model::MAX_JSON_DEPTH
                ),
            ));
        }
    }
    Ok(())
}

fn validate_node(path: &str, node: &CanvasNode) -> StoreResult<()> {
    validate_id(&format!("{path}.id"), &node.id)?;
    validate_extra(path, &node.extra)?;
    if node.node_type.is_empty() {
        return Err(StoreError::invalid(format!("{path}.type"), "type is empty"));
    }
    finite(|| format!("{path}.position.x"), node.position.x)?;
    finite(|| format!("{path}.position.y"), node.position.y)?;
    for (field, value) in [("width", node.width), ("height", node.height)] {
        if let Some(value) = value {
            finite(|| format!("{path}.{field}"), value)?;
            if value < 0.0 {
                return Err(StoreError::invalid(
                    format!("{path}.{field}"),
                    "size is negative",
                ));
            }
        }
    }
    if !node.data.is_object() {
        return Err(StoreError::invalid(
            format!("{path}.data"),
            "data must be a JSON object",
        ));
    }
    Ok(())
}

fn validate_edge(path: &str, edge: &CanvasEdge) -> StoreResult<()> {
    validate_id(&format!("{path}.id"), &edge.id)?;
    validate_extra(path, &edge.extra)?;
    validate_id(&format!("{path}.source"), &edge.source)?;
    validate_id(&format!("{path}.target"), &edge.target)
}

fn validate_viewport(path: &str, viewport: &Viewport) -> StoreResult<()> {
    finite(|| format!("{path}.x"), viewport.x)?;
    finite(|| format!("{path}.y"), viewport.y)?;
    finite(|| format!("{path}.zoom"), viewport.zoom)?;
    if viewport.zoom <= 0.0 {
        return Err(StoreError::invalid(
            format!("{path}.zoom"),
            "zoom must be positive",
        ));
    }
    Ok(())
}

/// Rough serialised size of a node, to enforce [`MAX_CANVAS_BYTES`] without serialising.
fn approximate_node_bytes(node: &CanvasNode) -> usize {
    let extra = if node.extra.is_empty() {
        0
    } else {
        serde_json::to_string(&node.extra).map_or(0, |s| s.len())
    };
    node.id.len() + node.node_type.len() + node.data.len() + extra + 96
}

/// Checks a whole canvas: ids present and unique, numbers finite, data objects, every edge between
/// two nodes of the canvas, and the size limit.
pub fn validate_canvas(canvas: &StoredCanvas) -> StoreResult<()> {
    validate_id("id", &canvas.id)?;
    validate_name("name", &canvas.name)?;
    if let Some(viewport) = &canvas.viewport {
        validate_viewport("viewport", viewport)?;
    }
    let mut size = 0usize;
    let mut node_ids = HashSet::with_capacity(canvas.nodes.len());
    for (index, node) in canvas.nodes.iter().enumerate() {
        let path = format!("nodes[{index}]");
        validate_node(&path, node)?;
        if !node_ids.insert(node.id.as_str()) {
            return Err(StoreError::invalid(
                format!("{path}.id"),
                format!("duplicate node id '{}'", node.id),
            ));
        }
        size += approximate_node_bytes(node);
    }
    let mut edge_ids = HashSet::with_capacity(canvas.edges.len());
    for (index, edge) in canvas.edges.iter().enumerate() {
        let path = format!("edges[{index}]");
        validate_edge(&path, edge)?;
        if !edge_ids.insert(edge.id.as_str()) {
            return Err(StoreError::invalid(
                format!("{path}.id"),
                format!("duplicate edge id '{}'", edge.id),
            ));
        }
        for (end, node_id) in [("source", &edge.source), ("target", &edge.target)] {
            if !node_ids.contains(node_id.as_str()) {
                return Err(StoreError::invalid(
                    format!("{path}.{end}"),
                    format!(
                        "edge '{}' points to node '{node_id}', which is not on the canvas",
                        edge.id
                    ),
                ));
            }
        }
        size += edge.id.len() + edge.source.len() + edge.target.len() + 64;
    }
    check_size("canvas", size)
}

/// Checks what can be checked of a patch without the stored canvas: ids, numbers, duplicates,
/// an id both upserted and deleted, and edges that point at nodes the same patch deletes.
/// The store checks the rest (edge ends that must already exist) inside its transaction.
pub fn validate_patch(patch: &CanvasPatch) -> StoreResult<()> {
    if let Some(name) = &patch.name {
        validate_name("name", name)?;
    }
    if let Some(viewport) = &patch.viewport {
        validate_viewport("viewport", viewport)?;
    }
    let deleted_nodes: HashSet<&str> = patch.delete_nodes.iter().map(String::as_str).collect();
    for (index, id) in patch.delete_nodes.iter().enumerate() {
        validate_id(&format!("deleteNodes[{index}]"), id)?;
    }
    for (index, id) in patch.delete_edges.iter().enumerate() {
        validate_id(&format!("deleteEdges[{index}]"), id)?;
    }
    let mut size = 0usize;
    let mut upserted = HashSet::with_capacity(patch.upsert_nodes.len());
    for (index, node) in patch.upsert_nodes.iter().enumerate() {
        let path = format!("upsertNodes[{index}]");
        validate_node(&path, node)?;
        if !upserted.insert(node.id.as_str()) {
            return Err(StoreError::invalid(
                format!("{path}.id"),
                format!("node '{}' appears twice", node.id),
            ));
        }
        if deleted_nodes.contains(node.id.as_str()) {
            return Err(StoreError::invalid(
                format!("{path}.id"),
                format!("node '{}' is both upserted and deleted", node.id),
            ));
        }
        size += approximate_node_bytes(node);
    }
    let deleted_edges: HashSet<&str> = patch.delete_edges.iter().map(String::as_str).collect();
    let mut upserted_edges = HashSet::with_capacity(patch.upsert_edges.len());
    for (index, edge) in patch.upsert_edges.iter().enumerate() {
        let path = format!("upsertEdges[{index}]");
        validate_edge(&path, edge)?;
        if !upserted_edges.insert(edge.id.as_str()) {
            return Err(StoreError::invalid(
                format!("{path}.id"),
                format!("edge '{}' appears twice", edge.id),
            ));
        }
        if deleted_edges.contains(edge.id.as_str()) {
            return Err(StoreError::invalid(
                format!("{path}.id"),
                format!("edge '{}' is both upserted and deleted", edge.id),
            ));
        }
        for (end, node_id) in [("source", &edge.source), ("target", &edge.target)] {
            if deleted_nodes.contains(node_id.as_str()) {
                return Err(StoreError::invalid(
                    format!("{path}.{end}"),
                    format!(
                        "edge '{}' points to node '{node_id}', which this patch deletes",
                        edge.id
                    ),
                ));
            }
        }
    }
    check_size("patch", size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas() -> StoredCanvas {
        let mut canvas = StoredCanvas::new("Test", 1);
        canvas.nodes = vec![
            CanvasNode::new("a", "prompt", 0.0, 0.0),
            CanvasNode::new("b", "image", 10.0, 0.0),
        ];
        canvas.edges = vec![CanvasEdge::new("e", "a", "b")];
        canvas
    }

    fn invalid_path(result: StoreResult<()>) -> String {
        match result {
            Err(StoreError::Invalid { path, .. }) => path,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn accepts_a_valid_canvas() {
        validate_canvas(&canvas()).unwrap();
    }

    #[test]
    fn refuses_duplicate_node_ids() {
        let mut c = canvas();
        c.nodes[1].id = "a".into();
        assert_eq!(invalid_path(validate_canvas(&c)), "nodes[1].id");
    }

    #[test]
    fn refuses_edges_to_missing_nodes() {
        let mut c = canvas();
        c.edges[0].target = "ghost".into();
        assert_eq!(invalid_path(validate_canvas(&c)), "edges[0].target");
    }

    #[test]
    fn refuses_non_finite_positions() {
        let mut c = canvas();
        c.nodes[0].position.y = f64::NAN;
        assert_eq!(invalid_path(validate_canvas(&c)), "nodes[0].position.y");
        c.nodes[0].position.y = f64::INFINITY;
        assert_eq!(invalid_path(validate_canvas(&c)), "nodes[0].position.y");
    }

    #[test]
    fn refuses_empty_ids_and_non_object_data() {
        let mut c = canvas();
        c.nodes[0].id.clear();
        assert_eq!(invalid_path(validate_canvas(&c)), "nodes[0].id");
        let mut c = canvas();
        c.nodes[1].data = JsonText::parse("[1,2]").unwrap();
        assert_eq!(invalid_path(validate_canvas(&c)), "nodes[1].data");
    }

    #[test]
    fn refuses_wrong_types_with_their_path() {
        let text = r#"{"id":"c","name":"n","createdAt":1,"updatedAt":1,"nodes":[{"id":"a","type":"t","position":{"x":"left","y":0}}]}"#;
        match parse_canvas(text) {
            Err(StoreError::Invalid { path, .. }) => {
                assert!(path.starts_with("nodes[0].position.x"), "{path}")
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn refuses_missing_ids() {
        let text = r#"{"id":"c","name":"n","createdAt":1,"updatedAt":1,"nodes":[{"type":"t","position":{"x":1,"y":0}}]}"#;
        assert!(matches!(
            parse_canvas(text),
            Err(StoreError::Invalid { .. })
        ));
    }

    #[test]
    fn refuses_oversized_input_before_parsing() {
        let text = " ".repeat(MAX_CANVAS_BYTES + 1);
        assert!(matches!(
            parse_canvas(&text),
            Err(StoreError::TooLarge { .. })
        ));
    }

    #[test]
    fn keeps_unmodelled_fields() {
        let text = r#"{"id":"c","name":"n","createdAt":1,"updatedAt":2,"nodes":[{"id":"a","type":"t","position":{"x":1,"y":0},"data":{"z":1,"a":2},"parentId":"g","style":{"opacity":0.5}}],"edges":[]}"#;
        let canvas = parse_canvas(text).unwrap();
        assert_eq!(canvas.nodes[0].extra["parentId"], "g");
        let back = serde_json::to_string(&canvas.nodes[0]).unwrap();
        assert!(back.contains(r#""data":{"z":1,"a":2}"#), "{back}");
        assert!(back.contains(r#""style":{"opacity":0.5}"#), "{back}");
    }

    #[test]
    fn patch_refuses_contradictions() {
        let patch = CanvasPatch {
            upsert_nodes: vec![CanvasNode::new("a", "t", 0.0, 0.0)],
            delete_nodes: vec!["a".into()],
            ..Default::default()
        };
        assert_eq!(invalid_path(validate_patch(&patch)), "upsertNodes[0].id");
        let patch = CanvasPatch {
            upsert_edges: vec![CanvasEdge::new("e", "a", "b")],
            delete_nodes: vec!["b".into()],
            ..Default::default()
        };
        assert_eq!(
            invalid_path(validate_patch(&patch)),
            "upsertEdges[0].target"
        );
    }
}
