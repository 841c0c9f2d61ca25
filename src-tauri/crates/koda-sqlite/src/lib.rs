//! Koda's SQLite backend: the seed's schema with embedded, checksummed migrations, one writer
//! connection plus an r2d2 pool of readers, and [`SqliteStore`], which implements every
//! `koda_core` store trait with incremental, atomic saves.

pub mod connection;
mod db;
mod error_map;
pub mod maintenance;
pub mod migrations;
mod queries;
mod store;
pub mod sync_rows;
mod tx;

pub use store::{OpenReport, SqliteStore};
