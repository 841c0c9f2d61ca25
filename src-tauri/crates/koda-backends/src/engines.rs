//! The two database engines as the app and the CLI see them. Nothing outside this crate names
//! `koda-sqlite` or `koda-postgres`: this is the one way in.

pub use koda_postgres::{check_server, redact_url, PgHealth, PgStore, ServerCheck};
pub use koda_sqlite::{OpenReport, SqliteStore};

/// Maintenance of the local SQLite file: size, doctor, WAL, backups' raw copy.
pub mod sqlite_maintenance {
    pub use koda_sqlite::maintenance::*;
}

/// The schema version this build writes on SQLite.
pub fn sqlite_schema_version() -> i64 {
    koda_sqlite::migrations::latest_version()
}

/// The schema version this build writes on PostgreSQL.
pub fn postgres_schema_version() -> i64 {
    koda_core::migration::latest_version(koda_postgres::migrations::MIGRATIONS)
}
