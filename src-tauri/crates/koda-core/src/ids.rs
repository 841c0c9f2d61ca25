//! Identifiers and clocks.

use std::time::{SystemTime, UNIX_EPOCH};

/// A new unique id: a UUIDv7, so ids made later sort later and stay close in B-tree indexes.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time in epoch milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
