//! PostgreSQL errors as the store's typed errors. Messages come from the server or the driver,
//! never from the connection URL, so a password cannot leak into one.

use koda_core::StoreError;
use postgres::error::SqlState;

/// Maps a driver error to the `StoreError` the UI understands.
pub fn map_error(error: postgres::Error) -> StoreError {
    if let Some(db) = error.as_db_error() {
        let message = db.message().to_owned();
        let code = db.code();
        return match code.code() {
            // Serialization failures and deadlocks: the write was rolled back; trying again works.
            "40001" | "40P01" | "55P03" => StoreError::Busy,
            "53100" => StoreError::DiskFull,
            "28P01" | "28000" | "42501" => StoreError::AccessDenied(message),
            "3D000" => StoreError::Config(format!("{message}; create it first or fix the URL")),
            // Bad values: NUL characters, text the server cannot store, numbers or times out of
            // range, broken references, oversized index rows.
            "22P05" | "22021" | "22P02" | "22003" | "22008" | "22001" | "23502" | "23503"
            | "23505" | "23514" | "54000" => StoreError::invalid("value", message),
            class if class.starts_with("08") || class.starts_with("57P") => {
                StoreError::Unreachable(message)
            }
            _ if code == &SqlState::UNDEFINED_TABLE => StoreError::Corrupt(format!(
                "{message}: the schema is missing tables Koda expects"
            )),
            _ => StoreError::Database(message),
        };
    }
    let text = error.to_string();
    if text.contains("TLS") || text.contains("certificate") {
        return StoreError::Config(format!(
            "the secure connection failed ({text}); if the server uses its own certificate authority, add it with sslrootcert=FILE"
        ));
    }
    if error.is_closed() || std::error::Error::source(&error).is_some_and(is_io_error) {
        return StoreError::Unreachable(error.to_string());
    }
    StoreError::Database(error.to_string())
}

fn is_io_error(source: &(dyn std::error::Error + 'static)) -> bool {
    source.downcast_ref::<std::io::Error>().is_some()
}

/// Maps a pool error (no connection could be had in time).
pub fn map_pool_error(error: r2d2::Error) -> StoreError {
    StoreError::Unreachable(error.to_string())
}

/// `.pg_err()` on driver results.
pub trait PgResultExt<T> {
    fn pg_err(self) -> Result<T, StoreError>;
}

impl<T> PgResultExt<T> for Result<T, postgres::Error> {
    fn pg_err(self) -> Result<T, StoreError> {
        self.map_err(map_error)
    }
}
