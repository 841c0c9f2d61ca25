//! Errors every store returns, each with a stable code the UI branches on.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// Everything that can go wrong in a store. Messages are written for the person using the app.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{what} '{id}' was not found")]
    NotFound { what: &'static str, id: String },

    #[error("canvas '{canvas_id}' was changed elsewhere: this edit was based on revision {base_revision}, the canvas is at revision {current_revision}")]
    Conflict {
        canvas_id: String,
        base_revision: i64,
        current_revision: i64,
    },

    #[error("invalid input at {path}: {message}")]
    Invalid { path: String, message: String },

    #[error("{what} is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { what: String, size: u64, limit: u64 },

    #[error("this database was written by a newer version of Koda (schema version {found}; this version understands up to {supported}). Update Koda to open it; the file was left untouched")]
    DatabaseTooNew { found: i64, supported: i64 },

    #[error("migration {version} ({name}) is not the one this database was migrated with; refusing to continue")]
    MigrationTampered { version: i64, name: String },

    #[error("the database file is damaged or is not a Koda database: {0}")]
    Corrupt(String),

    /// A file Koda keeps beside the database (an asset, a key, a cache entry) is damaged; the
    /// database itself is fine.
    #[error("a stored file is damaged: {0}")]
    Damaged(String),

    /// Another program (the running app) holds what this work needs.
    #[error("{0}")]
    InUse(String),

    #[error("the database is busy in another Koda process; try again in a moment")]
    Busy,

    #[error("the disk is full; nothing was written")]
    DiskFull,

    #[error("file error: {0}")]
    Io(String),

    #[error("database error: {0}")]
    Database(String),

    #[error("configuration error: {0}")]
    Config(String),

    #[error("the sync server cannot be reached: {0}")]
    Offline(String),

    #[error("the sync server refused the request: {0}")]
    Remote(String),

    #[error("the server cannot be reached: {0}")]
    Unreachable(String),

    #[error("the server refused the credentials: {0}")]
    AccessDenied(String),

    #[error("the AI provider refused the API key: {0}")]
    BadKey(String),

    #[error("the AI provider needs billing attention: {0}")]
    Billing(String),

    #[error("the AI provider refused this input: {0}")]
    InputRefused(String),

    #[error("no answer in time: {0}")]
    Timeout(String),

    #[error("{0}")]
    BudgetReached(String),

    #[error("the cloud database was set up by a newer version of Koda (sync schema {found}; this version understands up to {supported}). Update Koda to sync with it")]
    RemoteTooNew { found: i64, supported: i64 },
}

impl StoreError {
    /// Stable machine-readable code, e.g. `conflict`. The UI branches on this, never on messages.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound { .. } => "not_found",
            StoreError::Conflict { .. } => "conflict",
            StoreError::Invalid { .. } => "invalid_input",
            StoreError::TooLarge { .. } => "too_large",
            StoreError::DatabaseTooNew { .. } => "database_too_new",
            StoreError::MigrationTampered { .. } => "migration_tampered",
            StoreError::Corrupt(_) => "corrupt_database",
            StoreError::Damaged(_) => "damaged_file",
            StoreError::Busy => "busy",
            StoreError::InUse(_) => "in_use",
            StoreError::DiskFull => "disk_full",
            StoreError::Io(_) => "io",
            StoreError::Database(_) => "database",
            StoreError::Config(_) => "config",
            StoreError::Offline(_) => "offline",
            StoreError::Remote(_) => "remote",
            StoreError::RemoteTooNew { .. } => "remote_too_new",
            StoreError::Unreachable(_) => "unreachable",
            StoreError::AccessDenied(_) => "access_denied",
            StoreError::BadKey(_) => "bad_key",
            StoreError::Billing(_) => "billing",
            StoreError::InputRefused(_) => "input_refused",
            StoreError::Timeout(_) => "timeout",
            StoreError::BudgetReached(_) => "budget_reached",
        }
    }

    /// Shorthand for an `Invalid` error at a JSON path such as `nodes[3].position.x`.
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        StoreError::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Shorthand for a missing canvas.
    pub fn canvas_not_found(id: &str) -> Self {
        StoreError::NotFound {
            what: "canvas",
            id: id.to_owned(),
        }
    }

    /// The `{code, message}` pair sent to the UI.
    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_owned(),
            message: self.to_string(),
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(error: std::io::Error) -> Self {
        if error.raw_os_error() == Some(28) {
            // ENOSPC
            return StoreError::DiskFull;
        }
        StoreError::Io(error.to_string())
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> Self {
        StoreError::invalid(
            format!("line {}, column {}", error.line(), error.column()),
            error.to_string(),
        )
    }
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        let conflict = StoreError::Conflict {
            canvas_id: "c".into(),
            base_revision: 1,
            current_revision: 2,
        };
        assert_eq!(conflict.code(), "conflict");
        let payload = conflict.to_payload();
        assert!(
            payload.message.contains("revision 1"),
            "{}",
            payload.message
        );
    }

    #[test]
    fn enospc_maps_to_disk_full() {
        let error: StoreError = std::io::Error::from_raw_os_error(28).into();
        assert_eq!(error.code(), "disk_full");
    }

    #[test]
    fn json_errors_carry_their_position() {
        let error: StoreError = serde_json::from_str::<serde_json::Value>("{\n  \"a\": tru }")
            .unwrap_err()
            .into();
        match error {
            StoreError::Invalid { path, .. } => assert_eq!(path, "line 2, column 11"),
            other => panic!("unexpected {other:?}"),
        }
    }
}
