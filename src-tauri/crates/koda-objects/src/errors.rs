//! Turns `object_store` errors into `StoreError`s a person can act on, with the secret scrubbed.
//!
//! `object_store` keeps the HTTP status of list and some other failures inside a private type,
//! so besides the typed variants the mapping also reads the error text for the status line and
//! the S3 error code (`NoSuchBucket`, `InvalidAccessKeyId`, …), which every S3-compatible
//! service returns in the response body.

use koda_core::Secret;
use koda_core::StoreError;
use object_store::client::{HttpError, HttpErrorKind};
use std::error::Error as _;

/// Longest piece of a server's answer quoted in a message (XML bodies can be long).
const MAX_DETAIL: usize = 300;

/// What a message needs to say where the failure happened, and what it must never say.
pub(crate) struct ErrorContext {
    pub bucket: String,
    pub endpoint: String,
    pub secret: Secret,
}

/// How a failure should be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailureKind {
    /// Network trouble before an answer: retry later.
    Unreachable,
    /// Keys refused.
    AccessDenied,
    /// The bucket does not exist.
    MissingBucket,
    /// The object does not exist.
    NotFound,
    /// The object exists already (a conditional create lost).
    AlreadyExists,
    /// The request timed out or was cut after it may have reached the server.
    Interrupted,
    /// Anything else the service answered.
    Other,
}

/// Classifies an `object_store` error.
pub(crate) fn classify(error: &object_store::Error) -> FailureKind {
    use object_store::Error as E;
    match error {
        E::AlreadyExists { .. } | E::Precondition { .. } => return FailureKind::AlreadyExists,
        E::PermissionDenied { .. } | E::Unauthenticated { .. } => return FailureKind::AccessDenied,
        _ => {}
    }
    if let Some(kind) = transport_kind(error) {
        return match kind {
            HttpErrorKind::Connect | HttpErrorKind::Request => FailureKind::Unreachable,
            HttpErrorKind::Timeout | HttpErrorKind::Interrupted => FailureKind::Interrupted,
            _ => FailureKind::Other,
        };
    }
    let text = error.to_string();
    if text.contains("NoSuchBucket") {
        FailureKind::MissingBucket
    } else if matches!(error, E::NotFound { .. }) || text.contains("status code: 404") {
        FailureKind::NotFound
    } else if ["status code: 401", "status code: 403"]
        .iter()
        .chain(&[
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "AccessDenied",
        ])
        .any(|needle| text.contains(needle))
    {
        FailureKind::AccessDenied
    } else {
        FailureKind::Other
    }
}

/// The transport failure inside `error`, if the request never got an answer.
fn transport_kind(error: &object_store::Error) -> Option<HttpErrorKind> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = error.source();
    while let Some(current) = source {
        if let Some(http) = current.downcast_ref::<HttpError>() {
            return Some(http.kind());
        }
        source = current.source();
    }
    None
}

/// The innermost cause, which usually says the most (`Connection refused (os error 111)`).
fn root_cause(error: &object_store::Error) -> String {
    let mut last: &(dyn std::error::Error + 'static) = error;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

impl ErrorContext {
    /// A `StoreError` for `error`, which happened while working on `what` (a hash, or a short
    /// description such as "the bucket listing").
    pub(crate) fn map(&self, error: &object_store::Error, what: &str) -> StoreError {
        let place = format!("bucket '{}' at {}", self.bucket, self.endpoint);
        let message = match classify(error) {
            FailureKind::Unreachable | FailureKind::Interrupted => {
                StoreError::Unreachable(format!("{place}: {}", root_cause(error)))
            }
            FailureKind::AccessDenied => StoreError::AccessDenied(format!(
                "{place} refused the keys (check S3_ACCESS_KEY and S3_SECRET_KEY, and that \
                 they may use this bucket): {}",
                self.detail(error)
            )),
            FailureKind::MissingBucket => StoreError::Config(format!(
                "{place}: the bucket does not exist (check S3_BUCKET and S3_ENDPOINT)"
            )),
            FailureKind::NotFound => StoreError::NotFound {
                what: "stored object",
                id: what.to_owned(),
            },
            FailureKind::AlreadyExists | FailureKind::Other => {
                StoreError::Remote(format!("{place}, {what}: {}", self.detail(error)))
            }
        };
        self.scrub(message)
    }

    /// The error's text, shortened and without the secret.
    fn detail(&self, error: &object_store::Error) -> String {
        let text = error.to_string();
        let mut short: String = text.chars().take(MAX_DETAIL).collect();
        if short.len() < text.len() {
            short.push('…');
        }
        short
    }

    /// Removes the secret from any message text, whatever built it.
    pub(crate) fn scrub(&self, error: StoreError) -> StoreError {
        self.secret.scrub_error(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> ErrorContext {
        ErrorContext {
            bucket: "b".into(),
            endpoint: "http://127.0.0.1:9".into(),
            secret: Secret::new("top-secret-value"),
        }
    }

    fn boxed(text: &str) -> Box<dyn std::error::Error + Send + Sync> {
        text.to_owned().into()
    }

    #[test]
    fn typed_variants_map_to_codes() {
        let denied = object_store::Error::PermissionDenied {
            path: "k".into(),
            source: boxed("403 Forbidden"),
        };
        assert_eq!(context().map(&denied, "x").code(), "access_denied");
        let missing = object_store::Error::NotFound {
            path: "k".into(),
            source: boxed("404"),
        };
        assert_eq!(context().map(&missing, "x").code(), "not_found");
        let no_bucket = object_store::Error::NotFound {
            path: "k".into(),
            source: boxed("<Code>NoSuchBucket</Code>"),
        };
        assert_eq!(context().map(&no_bucket, "x").code(), "config");
        let connect = object_store::Error::Generic {
            store: "S3",
            source: Box::new(HttpError::new_boxed(
                HttpErrorKind::Connect,
                boxed("refused"),
            )),
        };
        assert_eq!(context().map(&connect, "x").code(), "unreachable");
    }

    #[test]
    fn the_secret_never_reaches_a_message() {
        let leaky = object_store::Error::Generic {
            store: "S3",
            source: boxed("signature over top-secret-value did not match"),
        };
        let mapped = context().map(&leaky, "x");
        assert!(!mapped.to_string().contains("top-secret-value"), "{mapped}");
        assert!(mapped.to_string().contains("***"), "{mapped}");
    }
}
