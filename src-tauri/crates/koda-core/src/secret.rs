//! `Secret<T>`: a value (an API key, a token, a password, a URL holding one) that shows
//! [`REDACTED`] wherever it could be printed. It has no `Display` and no `Serialize`, so it cannot
//! reach a log line, an IPC reply or a settings file by accident; only [`Secret::expose`] reads it.
//! Sealing at rest and the OS keychain live in `koda-secrets`, which re-exports this type.

use crate::error::StoreError;
use std::fmt;

/// What a secret shows instead of its value.
pub const REDACTED: &str = "***";

/// A secret value of type `T` (a `String` unless said otherwise).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret<T = String>(T);

impl<T> Secret<T> {
    pub fn new(value: impl Into<T>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that must send it (a header, a connection).
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl Secret<String> {
    /// Whether the secret is empty (nothing was entered).
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// `text` with every occurrence of the secret replaced: a last guard for messages built from
    /// a server's or library's error text.
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
            StoreError::Damaged(m) => StoreError::Damaged(clean(m)),
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

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    #[allow(dead_code)]
    struct Holder {
        url: Secret,
        key: Option<Secret<Vec<u8>>>,
    }

    #[test]
    fn never_prints_its_value() {
        let secret: Secret = Secret::new("fal-key-123");
        assert_eq!(format!("{secret:?}"), REDACTED);
        assert_eq!(format!("{:?}", Some(&secret)), "Some(***)");
        assert_eq!(secret.scrub("bad key fal-key-123!"), "bad key ***!");
        let holder = Holder {
            url: Secret::new("postgres://ann:pa/ss@db/koda"),
            key: Some(Secret::new(vec![1u8, 2, 3])),
        };
        let printed = format!("{holder:?} {holder:#?}");
        assert!(
            !printed.contains("pa/ss") && !printed.contains("1, 2"),
            "{printed}"
        );
    }

    #[test]
    fn scrubs_error_messages() {
        let secret: Secret = Secret::new("tok-9");
        let error = secret.scrub_error(StoreError::Remote("401 for tok-9".into()));
        assert_eq!(
            error.to_string(),
            "the sync server refused the request: 401 for ***"
        );
    }
}
