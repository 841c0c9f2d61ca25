//! `JsonText`: a JSON value kept as its original text.
//!
//! Node `data` is free-form and can be large (prompts, settings, generated metadata). Keeping it as
//! validated raw text means a load never builds a value tree it would immediately serialise again,
//! and the user's JSON round-trips byte for byte.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::fmt;

/// Valid JSON text. Two texts are equal when they hold the same JSON value: a backend that stores
/// JSON natively (PostgreSQL's JSONB) normalises spacing and key order, which changes no value. Fields of this type carry
/// `#[ts(type = "Record<string, unknown>")]` (or `unknown`) for the TypeScript bindings.
#[derive(Clone)]
pub struct JsonText(Box<RawValue>);

/// Deepest nesting of arrays and objects a value may have. serde_json reads at most 128 levels
/// when it builds a value tree; a node's data sits a few levels inside a canvas, so this keeps
/// every stored value readable again (an export never meets a value it cannot parse).
pub const MAX_JSON_DEPTH: usize = 100;

/// How deeply `text` nests arrays and objects (strings skipped), without parsing it.
pub fn json_depth(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn too_deep(depth: usize) -> String {
    format!("data nested {depth} levels deep; Koda keeps at most {MAX_JSON_DEPTH}")
}

impl JsonText {
    /// Parses `text`, refusing anything that is not one valid JSON value, or nests deeper than
    /// [`MAX_JSON_DEPTH`].
    pub fn parse(text: impl Into<String>) -> Result<Self, serde_json::Error> {
        let text = text.into();
        let depth = json_depth(&text);
        if depth > MAX_JSON_DEPTH {
            return Err(serde::de::Error::custom(too_deep(depth)));
        }
        RawValue::from_string(text).map(Self)
    }

    /// Serialises any value to JSON text.
    pub fn from_value<T: Serialize + ?Sized>(value: &T) -> Self {
        Self(serde_json::value::to_raw_value(value).expect("serialising to JSON text cannot fail"))
    }

    /// An empty JSON object, `{}`.
    pub fn empty_object() -> Self {
        Self::parse("{}").expect("{} is valid JSON")
    }

    /// The JSON text as stored.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// Whether the value is a JSON object (node `data` must be one, as React Flow expects).
    pub fn is_object(&self) -> bool {
        self.as_str().trim_start().starts_with('{')
    }

    /// Parses the text into a value tree, for code that inspects the contents.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.as_str()).expect("JsonText always holds valid JSON")
    }

    /// Length of the text in bytes.
    pub fn len(&self) -> usize {
        self.as_str().len()
    }

    /// Whether the text is empty (never true for valid JSON, here for clippy's `len` rule).
    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

impl Default for JsonText {
    fn default() -> Self {
        Self::empty_object()
    }
}

impl PartialEq for JsonText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str() || self.to_value() == other.to_value()
    }
}

impl fmt::Debug for JsonText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for JsonText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for JsonText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let depth = json_depth(raw.get());
        if depth > MAX_JSON_DEPTH {
            return Err(serde::de::Error::custom(too_deep(depth)));
        }
        Ok(Self(raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_exactly() {
        let text = r#"{ "b": 1, "a": [1.50, "x"] }"#;
        assert_eq!(JsonText::parse(text).unwrap().as_str(), text);
    }

    #[test]
    fn equal_values_are_equal_whatever_their_spacing_or_key_order() {
        let stored = JsonText::parse(r#"{"a": [1.5, "x"], "b": 1}"#).unwrap();
        assert_eq!(
            stored,
            JsonText::parse(r#"{ "b": 1, "a": [1.5,"x"] }"#).unwrap()
        );
        assert_ne!(
            stored,
            JsonText::parse(r#"{"a": [1.5, "x"], "b": 2}"#).unwrap()
        );
    }

    #[test]
    fn rejects_invalid_json() {
        assert!(JsonText::parse("{nope").is_err());
        assert!(JsonText::parse("").is_err());
    }

    #[test]
    fn refuses_data_nested_too_deep_for_a_later_read() {
        let deep = format!(
            "{}{}",
            "[".repeat(MAX_JSON_DEPTH + 1),
            "]".repeat(MAX_JSON_DEPTH + 1)
        );
        let error = JsonText::parse(deep.clone()).unwrap_err().to_string();
        assert!(error.contains("nested 101 levels"), "{error}");
        let node = format!(
            r#"{{"id":"n","type":"text","position":{{"x":0,"y":0}},"data":{{"a":{deep}}}}}"#
        );
        assert!(serde_json::from_str::<crate::CanvasNode>(&node).is_err());
        let fine = format!(
            "{}{}",
            "[".repeat(MAX_JSON_DEPTH),
            "]".repeat(MAX_JSON_DEPTH)
        );
        assert!(JsonText::parse(fine).unwrap().to_value().is_array());
        assert_eq!(
            json_depth(r#"{"s": "[[[{{{", "t": ["\"["]}"#),
            2,
            "brackets in strings do not count"
        );
    }

    #[test]
    fn knows_objects() {
        assert!(JsonText::parse(" {}").unwrap().is_object());
        assert!(!JsonText::parse("[1]").unwrap().is_object());
    }
}
