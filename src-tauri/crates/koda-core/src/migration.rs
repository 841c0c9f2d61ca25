//! What every backend's embedded migrations are made of.

use sha2::{Digest, Sha256};

/// One schema change, shipped inside the binary. Append only: never edit a shipped one (its
/// checksum is recorded, and an edited one is refused).
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

impl Migration {
    /// SHA-256 of the SQL text, recorded when the migration is applied.
    pub fn checksum(&self) -> String {
        hex::encode(Sha256::digest(self.sql.as_bytes()))
    }
}

/// The newest version of a list of migrations (0 for none).
pub fn latest_version(list: &[Migration]) -> i64 {
    list.last().map_or(0, |m| m.version)
}
