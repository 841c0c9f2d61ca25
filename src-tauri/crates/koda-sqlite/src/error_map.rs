//! Maps SQLite errors to the store's typed errors.

use koda_core::StoreError;
use rusqlite::ErrorCode;

/// Converts a rusqlite error into the error the UI understands.
pub fn from_sqlite(error: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(failure, message) = &error {
        return match failure.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy,
            ErrorCode::DiskFull => StoreError::DiskFull,
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                StoreError::Corrupt(message.clone().unwrap_or_else(|| failure.to_string()))
            }
            ErrorCode::CannotOpen
            | ErrorCode::ReadOnly
            | ErrorCode::PermissionDenied
            | ErrorCode::SystemIoFailure => {
                StoreError::Io(message.clone().unwrap_or_else(|| failure.to_string()))
            }
            _ => StoreError::Database(error.to_string()),
        };
    }
    StoreError::Database(error.to_string())
}

/// `?`-friendly conversion for rusqlite results.
pub trait SqliteResultExt<T> {
    fn store_err(self) -> Result<T, StoreError>;
}

impl<T> SqliteResultExt<T> for rusqlite::Result<T> {
    fn store_err(self) -> Result<T, StoreError> {
        self.map_err(from_sqlite)
    }
}

/// Converts r2d2 pool errors (a reader could not be opened in time).
pub fn from_pool(error: r2d2::Error) -> StoreError {
    StoreError::Database(format!("could not get a database connection: {error}"))
}
