//! Structured command arguments read by Koda, not by Tauri: a canvas or a patch that does not fit
//! (a wrong type, data nested too deep) comes back to the UI as `invalid_input` naming the JSON
//! path, like every other error, instead of Tauri's untyped "invalid args" text.

use koda_core::{ErrorPayload, StoreError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use std::marker::PhantomData;

/// An argument kept as JSON until [`Payload::read`] turns it into `T`.
pub struct Payload<T> {
    value: serde_json::Value,
    kind: PhantomData<T>,
}

impl<'de, T> Deserialize<'de> for Payload<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self {
            value: serde_json::Value::deserialize(deserializer)?,
            kind: PhantomData,
        })
    }
}

impl<T: DeserializeOwned> Payload<T> {
    /// The argument as `T`, or `invalid_input` at the path of the first problem.
    pub fn read(self, name: &str) -> Result<T, ErrorPayload> {
        serde_path_to_error::deserialize(self.value).map_err(|error| {
            let path = error.path().to_string();
            let path = if path == "." {
                name.to_owned()
            } else {
                format!("{name}.{path}")
            };
            StoreError::invalid(path, error.into_inner().to_string()).to_payload()
        })
    }
}
