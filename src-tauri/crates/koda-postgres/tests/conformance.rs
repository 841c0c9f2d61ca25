//! The backend-independent conformance suite, unchanged, against a real PostgreSQL server.
//! Each test gets its own schema, so tests run in parallel on one database.

mod support;

mod on_postgres {
    koda_core::store_conformance_tests!(super::support::fresh_store);
}
