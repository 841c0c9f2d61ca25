//! `Secret`: a value that shows [`REDACTED`] wherever it could be printed.

use std::fmt;

/// What a secret shows instead of its value.
pub const REDACTED: &str = "***";

/// A secret string. `Debug` prints [`REDACTED`], there is no `Display` and no `Serialize`, so it
/// cannot reach a log line, an IPC reply or a file by accident; only [`Secret::expose`] reads it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that must send it (an `Authorization` header).
    pub fn expose(&self) -> &str {
        &self.0
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
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_its_value() {
        let secret = Secret::new("fal-key-123");
        assert_eq!(format!("{secret:?}"), REDACTED);
        assert_eq!(format!("{:?}", Some(&secret)), "Some(***)");
        assert_eq!(secret.scrub("bad key fal-key-123!"), "bad key ***!");
    }
}
