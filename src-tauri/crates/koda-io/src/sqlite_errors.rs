//! SQLite errors of files Koda reads or writes directly (foreign databases, backups), as typed
//! store errors.

use koda_core::StoreError;
use rusqlite::ErrorCode;
use std::path::Path;

/// Converts a rusqlite error about `file` into the error the UI understands.
pub fn from_sqlite(file: &Path, error: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(failure, message) = &error {
        let detail = message.clone().unwrap_or_else(|| failure.to_string());
        return match failure.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy,
            ErrorCode::DiskFull => StoreError::DiskFull,
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                StoreError::Corrupt(format!("{}: {detail}", file.display()))
            }
            ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied
            | ErrorCode::SystemIoFailure
            | ErrorCode::ReadOnly => StoreError::Io(format!("{}: {detail}", file.display())),
            _ => StoreError::Database(format!("{}: {error}", file.display())),
        };
    }
    StoreError::Database(format!("{}: {error}", file.display()))
}
