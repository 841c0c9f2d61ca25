//! Embedded, versioned, checksummed migrations for the PostgreSQL schema.
//!
//! All pending migrations run in one transaction under an advisory lock, so two app instances
//! starting at once on a team database never migrate it twice, and a failed migration leaves
//! the schema as it was (PostgreSQL DDL is transactional).

use crate::error_map::PgResultExt;
use koda_core::{StoreError, StoreResult};
use postgres::Client;

pub use koda_core::migration::Migration;

/// Every migration this version of Koda knows, oldest first.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "koda_web_model",
        sql: include_str!("0002_koda_web_model.sql"),
    },
    Migration {
        version: 3,
        name: "generation_queue",
        sql: include_str!("0003_generation_queue.sql"),
    },
    Migration {
        version: 4,
        name: "history_search",
        sql: include_str!("0004_history_search.sql"),
    },
];

/// Key of the advisory lock held while migrating ("koda" in ASCII).
const MIGRATION_LOCK: i64 = 0x6b6f_6461;

/// Brings the schema in the connection's `search_path` up to date; returns the versions applied.
/// A schema written by a newer Koda is refused before anything is changed.
pub fn migrate(client: &mut Client) -> StoreResult<Vec<i64>> {
    migrate_with(client, MIGRATIONS)
}

/// [`migrate`] with an explicit list, so tests can play older and newer versions of Koda.
#[doc(hidden)]
pub fn migrate_with(client: &mut Client, list: &[Migration]) -> StoreResult<Vec<i64>> {
    let mut tx = client.transaction().pg_err()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .pg_err()?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS koda_schema_migrations (
           version BIGINT PRIMARY KEY,
           name TEXT NOT NULL,
           checksum TEXT NOT NULL,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )",
    )
    .pg_err()?;
    let applied: Vec<(i64, String, String)> = tx
        .query(
            "SELECT version, name, checksum FROM koda_schema_migrations ORDER BY version",
            &[],
        )
        .pg_err()?
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2)))
        .collect();
    let supported = list.last().map_or(0, |m| m.version);
    if let Some((found, _, _)) = applied.iter().find(|(v, _, _)| *v > supported) {
        return Err(StoreError::DatabaseTooNew {
            found: *found,
            supported,
        });
    }
    for (version, name, sum) in &applied {
        let known = list.iter().find(|m| m.version == *version);
        if known.is_none_or(|m| m.checksum() != *sum) {
            return Err(StoreError::MigrationTampered {
                version: *version,
                name: name.clone(),
            });
        }
    }
    let mut done = Vec::new();
    for migration in list
        .iter()
        .filter(|m| !applied.iter().any(|(v, _, _)| *v == m.version))
    {
        tx.batch_execute(migration.sql).pg_err()?;
        tx.execute(
            "INSERT INTO koda_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
            &[&migration.version, &migration.name, &migration.checksum()],
        )
        .pg_err()?;
        done.push(migration.version);
    }
    tx.commit().pg_err()?;
    Ok(done)
}

/// The newest schema version applied, 0 for an empty schema.
pub fn current_version(client: &mut Client) -> StoreResult<i64> {
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('koda_schema_migrations') IS NOT NULL",
            &[],
        )
        .pg_err()?
        .get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client
        .query_one(
            "SELECT coalesce(max(version), 0) FROM koda_schema_migrations",
            &[],
        )
        .pg_err()?
        .get(0))
}
