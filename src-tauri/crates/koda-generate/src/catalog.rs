//! The model catalog, as data (`catalog.json`): for each Koda web model id, its fal endpoint,
//! how the node's data maps to the endpoint's input, which inputs it takes from the graph, and its
//! price for estimates. Adding a model is a catalog entry, not code.

use koda_core::{StoreError, StoreResult};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::OnceLock;
use ts_rs::TS;

/// How a model is priced: `usd` per `per` (`image`, `second`, `run`, `1000 characters`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Price {
    pub per: String,
    pub usd: f64,
}

/// One node-data field sent to the endpoint.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParamSpec {
    /// The node's data field (Koda web's name).
    pub from: String,
    /// The endpoint's input field.
    pub to: String,
    /// Value translations (e.g. aspect ratio → fal's `image_size` names); values not listed are
    /// left out rather than sent as something the endpoint would refuse.
    #[serde(default)]
    pub values: Option<HashMap<String, Value>>,
    /// Sent when the node has no value.
    #[serde(default)]
    pub default: Option<Value>,
    /// Appended to a number (`8` → `"8s"`).
    #[serde(default)]
    pub suffix: Option<String>,
    /// Sent as a string (`5` → `"5"`).
    #[serde(default)]
    pub string: bool,
    /// Values that mean "let the model decide": not sent.
    #[serde(default)]
    pub skip: Vec<String>,
}

/// A graph input (references, a frame, a video) and the endpoint field it goes to.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotSpec {
    pub to: String,
    #[serde(default)]
    pub required: bool,
    /// For lists: how many at most (`image_urls`); 1 means a single URL field.
    #[serde(default)]
    pub max: Option<usize>,
}

/// One model.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelSpec {
    pub id: String,
    pub label: String,
    /// The node type it runs on.
    pub node: String,
    pub endpoint: String,
    /// Used instead of `endpoint` when reference images are connected.
    #[serde(default)]
    pub edit_endpoint: Option<String>,
    pub price: Price,
    #[serde(default)]
    pub params: Vec<ParamSpec>,
    #[serde(default)]
    pub references: Option<SlotSpec>,
    #[serde(default)]
    pub first_frame: Option<SlotSpec>,
    #[serde(default)]
    pub last_frame: Option<SlotSpec>,
    #[serde(default)]
    pub video: Option<SlotSpec>,
    /// The node's data field holding its own words (`prompt`; `text` for speech).
    #[serde(default = "prompt_field")]
    pub prompt_from: String,
    /// The endpoint's field for the words.
    #[serde(default = "prompt_field")]
    pub prompt_to: String,
}

fn prompt_field() -> String {
    "prompt".into()
}

#[derive(Debug, Deserialize)]
struct CatalogFile {
    defaults: HashMap<String, String>,
    aliases: HashMap<String, String>,
    models: Vec<ModelSpec>,
}

/// The catalog this build ships.
pub struct Catalog {
    file: CatalogFile,
}

impl Catalog {
    /// The built-in catalog (parsed once).
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| Catalog {
            file: serde_json::from_str(include_str!("catalog.json"))
                .expect("the built-in catalog is valid JSON (checked by a test)"),
        })
    }

    /// Every model, in catalog order.
    pub fn models(&self) -> &[ModelSpec] {
        &self.file.models
    }

    /// The model a node runs: its `model` field (Koda web's id), `auto` resolved, or the node
    /// type's default. An unknown id is a clear error naming it.
    pub fn model_for(
        &self,
        node_type: &str,
        data: &Map<String, Value>,
        has_image: bool,
    ) -> StoreResult<&ModelSpec> {
        let requested = data
            .get("model")
            .and_then(Value::as_str)
            .filter(|m| !m.is_empty());
        let id = match requested {
            Some("auto") | None => {
                let key = if has_image {
                    format!("auto@{node_type}+image")
                } else {
                    format!("auto@{node_type}")
                };
                let fallback = format!("auto@{node_type}");
                match requested {
                    Some(_) => self
                        .file
                        .aliases
                        .get(&key)
                        .or_else(|| self.file.aliases.get(&fallback)),
                    None => self.file.defaults.get(node_type),
                }
                .cloned()
                .ok_or_else(|| {
                    StoreError::invalid("type", format!("a {node_type} node cannot be generated"))
                })?
            }
            Some(id) => id.to_owned(),
        };
        let model = self
            .file
            .models
            .iter()
            .find(|m| m.id == id)
            .ok_or_else(|| {
                StoreError::invalid("model", format!("'{id}' is not a model Koda knows"))
            })?;
        if model.node != node_type {
            return Err(StoreError::invalid(
                "model",
                format!(
                    "'{id}' runs on {} nodes, not on {node_type} nodes",
                    model.node
                ),
            ));
        }
        Ok(model)
    }
}

impl ModelSpec {
    /// Estimated cost of a run in US dollars: images × count, seconds × duration, or per run.
    pub fn estimate_usd(&self, input: &Map<String, Value>) -> f64 {
        let number = |key: &str| -> Option<f64> {
            match input.get(key)? {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim_end_matches('s').parse().ok(),
                _ => None,
            }
        };
        let units = match self.price.per.as_str() {
            "image" => number("num_images").unwrap_or(1.0),
            "second" => number("duration").unwrap_or(5.0),
            "1000 characters" => {
                let chars = input
                    .get(&self.prompt_to)
                    .and_then(Value::as_str)
                    .map_or(0, |t| t.chars().count());
                (chars as f64 / 1000.0).max(0.001)
            }
            _ => 1.0,
        };
        (units * self.price.usd * 10_000.0).round() / 10_000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn every_node_type_and_model_resolves() {
        let catalog = Catalog::builtin();
        assert!(catalog.models().len() >= 30);
        for model in catalog.models() {
            let found = catalog
                .model_for(&model.node, &data(json!({"model": model.id})), false)
                .unwrap();
            assert_eq!(found.id, model.id);
        }
        assert_eq!(
            catalog
                .model_for("musicGenerator", &Map::new(), false)
                .unwrap()
                .id,
            "ace-step"
        );
        assert_eq!(
            catalog
                .model_for("videoGenerator", &data(json!({"model": "auto"})), true)
                .unwrap()
                .id,
            "kling-3.0-i2v"
        );
    }

    #[test]
    fn unknown_and_mismatched_models_are_clear_errors() {
        let catalog = Catalog::builtin();
        let error = catalog
            .model_for("imageGenerator", &data(json!({"model": "dall-e-9"})), false)
            .unwrap_err();
        assert!(error.to_string().contains("dall-e-9"), "{error}");
        assert!(catalog
            .model_for("imageGenerator", &data(json!({"model": "veo-3"})), false)
            .is_err());
        assert!(catalog.model_for("stickyNote", &Map::new(), false).is_err());
    }

    #[test]
    fn estimates_follow_the_price_unit() {
        let catalog = Catalog::builtin();
        let flux = catalog
            .model_for(
                "imageGenerator",
                &data(json!({"model": "flux-schnell"})),
                false,
            )
            .unwrap();
        assert_eq!(flux.estimate_usd(&data(json!({"num_images": 4}))), 0.012);
        let veo = catalog
            .model_for("videoGenerator", &data(json!({"model": "veo-3"})), false)
            .unwrap();
        assert_eq!(veo.estimate_usd(&data(json!({"duration": "8s"}))), 6.0);
        let tts = catalog.model_for("speech", &Map::new(), false).unwrap();
        assert_eq!(
            tts.estimate_usd(&data(json!({"text": "x".repeat(2000)}))),
            0.2
        );
    }
}
