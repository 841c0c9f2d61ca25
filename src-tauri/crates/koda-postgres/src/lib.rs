//! Koda's PostgreSQL backend, for teams and existing infrastructure (local servers, Supabase,
//! Neon). Implements the same Store traits as the SQLite backend and passes the same
//! conformance suite; two app instances on one database see each other's changes through
//! LISTEN/NOTIFY, and concurrent edits to one canvas are caught by its revision.

mod check;
mod connect;
mod error_map;
mod listener;
pub mod migrations;
mod queries;
mod store;
mod tls;
mod tx;

pub use check::{check_server, ServerCheck};
pub use connect::{redact_url, PgTarget};
pub use listener::LISTENER_NAME;
pub use store::{PgHealth, PgStore};
