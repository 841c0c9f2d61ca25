//! A PostgreSQL for tests: `.ci/servers` starts one and exports `KODA_TEST_DATABASE_URL`.
#![allow(dead_code)]

use koda_postgres::PgStore;

pub use koda_core::conformance::servers::{database_url, fresh_schema};

/// A store on an empty schema of its own.
pub fn fresh_store() -> PgStore {
    PgStore::connect(&database_url(), Some(&fresh_schema()), "tester").unwrap()
}
