//! A run's input, read from the canvas graph: the prompt is the node's own, or the words of the
//! text nodes wired into it (in edge order); reference images, first/last frames and videos come
//! from the outputs of connected nodes. The stored input names local assets as `koda-asset://`
//! (no megabytes of base64 in the history); [`materialize`] turns them into `data:` URIs when the
//! run is sent. Remote outputs travel as their addresses (fal fetches those itself).

use crate::catalog::{Catalog, ModelSpec, ParamSpec, SlotSpec};
use base64::Engine;
use koda_assets::AssetStore;
use koda_core::{CanvasNode, StoreError, StoreResult, StoredCanvas};
use serde_json::{Map, Value};

/// Node types that run a model.
pub const GENERATOR_TYPES: [&str; 5] = [
    "imageGenerator",
    "videoGenerator",
    "musicGenerator",
    "speech",
    "videoAudio",
];

/// Everything a run sends, and what the history keeps of it.
#[derive(Debug, Clone)]
pub struct PreparedRun {
    pub model: ModelSpec,
    pub endpoint: String,
    pub input: Map<String, Value>,
    pub prompt: String,
    /// SHA-256 of each local asset sent as an input (provenance).
    pub input_assets: Vec<String>,
    pub cost_usd: f64,
}

/// What a connected node offers: `(kind, url)` with kind `image`, `video` or `audio`.
fn output_of(node: &CanvasNode) -> Option<(&'static str, String)> {
    let data = node.data.to_value();
    let text = |key: &str| {
        data.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    match node.node_type.as_str() {
        "media" => {
            let kind = match data.get("type").and_then(Value::as_str) {
                Some("video") => "video",
                Some("audio") => "audio",
                _ => "image",
            };
            Some((kind, text("url")?))
        }
        "imageGenerator" => Some(("image", text("outputUrl")?)),
        "videoGenerator" | "videoAudio" => Some(("video", text("outputUrl")?)),
        "musicGenerator" | "speech" => Some(("audio", text("outputUrl")?)),
        _ => None,
    }
}

/// Plain words from a text node (Koda web's rich text is HTML).
fn words_of(node: &CanvasNode) -> Option<String> {
    let data = node.data.to_value();
    let content = data.get("content").and_then(Value::as_str)?;
    let mut plain = String::with_capacity(content.len());
    let mut in_tag = false;
    for c in content.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    (!plain.is_empty()).then_some(plain)
}

/// Reads the node, its model and its inputs; refuses with a typed error what cannot run.
pub fn prepare(
    canvas: &StoredCanvas,
    node_id: &str,
    assets: &AssetStore,
    default_models: &std::collections::BTreeMap<String, String>,
) -> StoreResult<PreparedRun> {
    prepare_with(canvas, node_id, assets, default_models, true)
}

/// [`prepare`] for an estimate of a node whose inputs come from nodes that have not run yet:
/// the frames, videos and prompt it will get are not required.
pub fn prepare_for_estimate(
    canvas: &StoredCanvas,
    node_id: &str,
    assets: &AssetStore,
    default_models: &std::collections::BTreeMap<String, String>,
) -> StoreResult<PreparedRun> {
    prepare_with(canvas, node_id, assets, default_models, false)
}

fn prepare_with(
    canvas: &StoredCanvas,
    node_id: &str,
    assets: &AssetStore,
    default_models: &std::collections::BTreeMap<String, String>,
    strict: bool,
) -> StoreResult<PreparedRun> {
    let node = canvas
        .nodes
        .iter()
        .find(|n| n.id == node_id)
        .ok_or_else(|| StoreError::NotFound {
            what: "node",
            id: node_id.to_owned(),
        })?;
    if !GENERATOR_TYPES.contains(&node.node_type.as_str()) {
        return Err(StoreError::invalid(
            "node",
            format!("a {} node does not generate anything", node.node_type),
        ));
    }
    let Value::Object(mut data) = node.data.to_value() else {
        return Err(StoreError::invalid(
            "data",
            "the node's data is not an object",
        ));
    };
    // A node naming no model runs the default chosen in Settings, if any.
    let names_a_model = data
        .get("model")
        .and_then(Value::as_str)
        .is_some_and(|m| !m.is_empty());
    if !names_a_model {
        if let Some(model) = default_models.get(&node.node_type) {
            data.insert("model".into(), Value::String(model.clone()));
        }
    }
    let mut texts = Vec::new();
    let mut images: Vec<(String, String)> = Vec::new(); // (target handle, url)
    let mut videos = Vec::new();
    for edge in canvas.edges.iter().filter(|e| e.target == node_id) {
        let Some(source) = canvas.nodes.iter().find(|n| n.id == edge.source) else {
            continue;
        };
        let handle = edge.target_handle.clone().unwrap_or_default();
        if source.node_type == "text" {
            if let Some(words) = words_of(source) {
                texts.push(words);
            }
            continue;
        }
        match output_of(source) {
            Some(("image", url)) => images.push((handle, url)),
            Some(("video", url)) => videos.push(url),
            Some((_, _))
                if handle == "reference"
                    || handle.starts_with("ref")
                    || handle.ends_with("Frame") =>
            {
                return Err(StoreError::invalid(
                    "references",
                    format!("the input from node '{}' is not an image", source.id),
                ));
            }
            _ => {}
        }
    }
    let catalog = Catalog::builtin();
    let model = catalog
        .model_for(&node.node_type, &data, !images.is_empty())?
        .clone();
    let own = data
        .get(&model.prompt_from)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let prompt = match own {
        Some(own) => own.to_owned(),
        None => texts.join("\n\n"),
    };
    if strict && prompt.is_empty() && model.node != "videoAudio" {
        return Err(StoreError::invalid(
            &model.prompt_from,
            "the node has no prompt: type one, or connect a text node to it",
        ));
    }
    if let Some(value) = data.get(&model.prompt_from) {
        if !value.is_string() {
            return Err(StoreError::invalid(
                &model.prompt_from,
                "the prompt is not text",
            ));
        }
    }
    let mut input = Map::new();
    if !prompt.is_empty() {
        input.insert(model.prompt_to.clone(), Value::String(prompt.clone()));
    }
    for param in &model.params {
        if let Some(value) = param_value(param, &data) {
            input.insert(param.to.clone(), value);
        }
    }
    let mut input_assets = Vec::new();
    let mut send =
        |url: &str| -> StoreResult<String> { check_input(url, assets, &mut input_assets) };
    let by_handle = |name: &str| {
        images
            .iter()
            .find(|(h, _)| h == name)
            .map(|(_, u)| u.clone())
    };
    let mut endpoint = model.endpoint.clone();
    let references: Vec<String> = images
        .iter()
        .filter(|(h, _)| h != "firstFrame" && h != "lastFrame")
        .map(|(_, u)| u.clone())
        .collect();
    if let Some(slot) = &model.references {
        if !references.is_empty() {
            let urls = references
                .iter()
                .take(slot.max.unwrap_or(1))
                .map(|u| send(u))
                .collect::<StoreResult<Vec<_>>>()?;
            put_slot(&mut input, slot, urls);
            if let Some(edit) = &model.edit_endpoint {
                endpoint = edit.clone();
            }
        }
    }
    if let Some(slot) = &model.first_frame {
        let first = by_handle("firstFrame").or_else(|| references.first().cloned());
        fill_required(
            &mut input,
            slot,
            first.map(|u| send(&u)).transpose()?,
            "a first frame: connect an image",
            strict,
        )?;
    }
    if let Some(slot) = &model.last_frame {
        fill_required(
            &mut input,
            slot,
            by_handle("lastFrame").map(|u| send(&u)).transpose()?,
            "a last frame: connect an image to lastFrame",
            strict,
        )?;
    }
    if let Some(slot) = &model.video {
        fill_required(
            &mut input,
            slot,
            videos.first().map(|u| send(u)).transpose()?,
            "a video: connect a video to it",
            strict,
        )?;
    }
    let cost_usd = model.estimate_usd(&input);
    Ok(PreparedRun {
        model,
        endpoint,
        input,
        prompt,
        input_assets,
        cost_usd,
    })
}

fn put_slot(input: &mut Map<String, Value>, slot: &SlotSpec, urls: Vec<String>) {
    if slot.max.unwrap_or(1) > 1 {
        input.insert(
            slot.to.clone(),
            Value::Array(urls.into_iter().map(Value::String).collect()),
        );
    } else if let Some(url) = urls.into_iter().next() {
        input.insert(slot.to.clone(), Value::String(url));
    }
}

fn fill_required(
    input: &mut Map<String, Value>,
    slot: &SlotSpec,
    url: Option<String>,
    needs: &str,
    strict: bool,
) -> StoreResult<()> {
    match url {
        Some(url) => {
            input.insert(slot.to.clone(), Value::String(url));
            Ok(())
        }
        None if slot.required && strict => Err(StoreError::invalid(
            &slot.to,
            format!("this model needs {needs}"),
        )),
        None => Ok(()),
    }
}

fn param_value(param: &ParamSpec, data: &Map<String, Value>) -> Option<Value> {
    let value = data
        .get(&param.from)
        .filter(|v| !v.is_null())
        .cloned()
        .or_else(|| param.default.clone())?;
    if let Value::String(s) = &value {
        if param.skip.iter().any(|skip| skip == s) {
            return None;
        }
    }
    let value = match &param.values {
        Some(values) => values.get(value.as_str()?)?.clone(),
        None => value,
    };
    let as_text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Some(match (&param.suffix, param.string) {
        (Some(suffix), _) => {
            let text = as_text(&value);
            Value::String(if text.ends_with(suffix.as_str()) {
                text
            } else {
                format!("{text}{suffix}")
            })
        }
        (None, true) => Value::String(as_text(&value)),
        (None, false) => value,
    })
}

/// Checks one input address: a local asset must exist and be media; remote and inline ones pass.
fn check_input(
    url: &str,
    assets: &AssetStore,
    input_assets: &mut Vec<String>,
) -> StoreResult<String> {
    if let Some(sha) = url.strip_prefix("koda-asset://") {
        assets.media_type(sha)?;
        input_assets.push(sha.to_owned());
        return Ok(url.to_owned());
    }
    if url.starts_with("data:") || url.starts_with("https://") || url.starts_with("http://") {
        return Ok(url.to_owned());
    }
    Err(StoreError::invalid(
        "url",
        "an input is neither a Koda asset nor a web address",
    ))
}

/// The stored input as fal receives it: every `koda-asset://` value becomes a `data:` URI.
pub fn materialize(input: &Value, assets: &AssetStore) -> StoreResult<Value> {
    Ok(match input {
        Value::String(s) => match s.strip_prefix("koda-asset://") {
            Some(sha) => {
                let media = assets.media_type(sha)?;
                let encoded = base64::engine::general_purpose::STANDARD.encode(assets.read(sha)?);
                Value::String(format!("data:{};base64,{encoded}", media.mime))
            }
            None => input.clone(),
        },
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| materialize(v, assets))
                .collect::<StoreResult<_>>()?,
        ),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| Ok((k.clone(), materialize(v, assets)?)))
                .collect::<StoreResult<_>>()?,
        ),
        other => other.clone(),
    })
}
