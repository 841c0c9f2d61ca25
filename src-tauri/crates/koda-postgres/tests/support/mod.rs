//! A PostgreSQL for tests: `.ci/servers` starts one and exports `KODA_TEST_DATABASE_URL`.
#![allow(dead_code)]

use koda_postgres::PgStore;

/// The test server's URL. Running these tests without it is a setup mistake, so it fails loudly.
pub fn database_url() -> String {
    std::env::var("KODA_TEST_DATABASE_URL").expect(
        "KODA_TEST_DATABASE_URL is not set: start the test servers with `source .ci/setup && source .ci/servers` \
         (or run `bash .ci/test`)",
    )
}

/// A schema name no other test uses.
pub fn fresh_schema() -> String {
    format!("t_{}", uuid::Uuid::new_v4().simple())
}

/// A store on an empty schema of its own.
pub fn fresh_store() -> PgStore {
    PgStore::connect(&database_url(), Some(&fresh_schema()), "tester").unwrap()
}
