//! Optional cloud sync for Koda. The local SQLite file stays the working copy (our embedded
//! replica): editing never waits for the network. A sync exchanges row changes (canvas headers,
//! nodes, edges, asset rows, settings) with a remote libSQL database — Turso Cloud or sqld —
//! through the `libsql` crate's remote protocol.
//!
//! Conflicts are decided per row by hybrid logical clocks (ties broken by device id), the same
//! way on every device; the losing version is kept in `canvas_history`. Deletions travel as
//! tombstones. See `docs/sync.md`.

pub mod engine;
pub mod hlc;
pub mod remote;
pub mod scheduler;

pub use engine::{SyncConfig, SyncEngine, SyncReport};
pub use scheduler::{SyncService, SyncStatus};
