//! `SecretKey`: the storage secret, kept out of logs, debug output and serialised settings.

use koda_core::StoreError;
use serde::{Serialize, Serializer};
use std::fmt;

/// What a secret shows instead of its value, everywhere it could be printed.
pub const REDACTED: &str = "***";

/// A secret access key. `Debug` and `Serialize` print [`REDACTED`]; there is no `Display`, so it
/// cannot end up in a formatted message by accident. Only [`SecretKey::expose`] reads the value.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the request signer only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the secret replaced by [`REDACTED`]: a last guard for
    /// messages built from a server's or library's error text.
    pub fn scrub(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_owned()
        } else {
            text.replace(&self.0, REDACTED)
        }
    }

    /// `error` with the secret scrubbed from its message.
    pub fn scrub_error(&self, error: StoreError) -> StoreError {
        let clean = |text: String| self.scrub(&text);
        match error {
            StoreError::Unreachable(m) => StoreError::Unreachable(clean(m)),
            StoreError::AccessDenied(m) => StoreError::AccessDenied(clean(m)),
            StoreError::Config(m) => StoreError::Config(clean(m)),
            StoreError::Remote(m) => StoreError::Remote(clean(m)),
            StoreError::Corrupt(m) => StoreError::Corrupt(clean(m)),
            StoreError::Io(m) => StoreError::Io(clean(m)),
            StoreError::Offline(m) => StoreError::Offline(clean(m)),
            StoreError::Database(m) => StoreError::Database(clean(m)),
            StoreError::Invalid { path, message } => StoreError::Invalid {
                path: clean(path),
                message: clean(message),
            },
            other => other,
        }
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Serialize for SecretKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_its_value() {
        let secret = SecretKey::new("hunter2-very-secret");
        assert_eq!(format!("{secret:?}"), "***");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"***\"");
        assert_eq!(
            secret.scrub("signed with hunter2-very-secret"),
            "signed with ***"
        );
        assert_eq!(secret.expose(), "hunter2-very-secret");
    }
}
