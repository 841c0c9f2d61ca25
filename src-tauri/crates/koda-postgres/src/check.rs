//! "Test connection" in Settings: logs in and reads what is there, changing nothing.

use crate::connect::PgTarget;
use crate::error_map::PgResultExt;
use crate::migrations;
use koda_core::{StoreError, StoreResult};

/// What a connection test found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerCheck {
    /// e.g. `PostgreSQL 15.18`.
    pub server_version: String,
    /// Koda's schema version there, 0 when Koda has not set it up yet.
    pub schema_version: i64,
    /// Canvases stored there (0 when not set up).
    pub canvases: i64,
    /// Whether the connection is encrypted.
    pub tls: bool,
}

/// Connects to `url` and reports what is there. A schema from a newer Koda is an error, as
/// opening it would be.
pub fn check_server(url: &str, schema: Option<&str>) -> StoreResult<ServerCheck> {
    let target = PgTarget::parse(url, schema)?;
    let mut client = target.connect()?;
    let version: String = client
        .query_one("SHOW server_version", &[])
        .pg_err()?
        .get(0);
    let schema_version = migrations::current_version(&mut client)?;
    let supported = migrations::MIGRATIONS.last().map_or(0, |m| m.version);
    if schema_version > supported {
        return Err(StoreError::DatabaseTooNew {
            found: schema_version,
            supported,
        });
    }
    let canvases = if schema_version > 0 {
        client
            .query_one("SELECT count(*) FROM canvases", &[])
            .pg_err()?
            .get(0)
    } else {
        0
    };
    let tls: bool = client
        .query_one(
            "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)",
            &[],
        )
        .pg_err()?
        .get(0);
    Ok(ServerCheck {
        server_version: format!(
            "PostgreSQL {}",
            version.split_whitespace().next().unwrap_or("")
        ),
        schema_version,
        canvases,
        tls,
    })
}
