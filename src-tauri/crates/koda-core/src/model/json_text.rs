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

impl JsonText {
    /// Parses `text`, refusing anything that is not one valid JSON value.
    pub fn parse(text: impl Into<String>) -> Result<Self, serde_json::Error> {
        RawValue::from_string(text.into()).map(Self)
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
        Box::<RawValue>::deserialize(deserializer).map(Self)
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
    fn knows_objects() {
        assert!(JsonText::parse(" {}").unwrap().is_object());
        assert!(!JsonText::parse("[1]").unwrap().is_object());
    }
}
