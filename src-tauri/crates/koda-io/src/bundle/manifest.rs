//! `manifest.json`: what a bundle holds and which format version wrote it.

use super::{ASSETS_DIR, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION};
use crate::asset_refs::is_sha256;
use koda_core::{StoreError, StoreResult};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The manifest of a `.koda` bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleManifest {
    /// Always `koda-bundle`.
    pub format: String,
    pub format_version: u32,
    /// When the bundle was written (ISO-8601, UTC).
    pub exported_at: String,
    /// The version of Koda that wrote it.
    pub app_version: String,
    pub canvas_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canvas_name: Option<String>,
    pub assets: Vec<BundleAsset>,
}

/// One asset file in a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleAsset {
    pub sha256: String,
    /// Its entry name, `assets/<sha256>`.
    pub file: String,
    pub size: u64,
    pub mime: String,
    /// The name the file had when it was added to Koda.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

impl BundleManifest {
    /// Checks what a reader relies on: the format, a version this build reads, well-formed asset
    /// entries, each listed once.
    pub fn check(&self) -> StoreResult<()> {
        if self.format != BUNDLE_FORMAT {
            return Err(StoreError::invalid(
                "manifest.json.format",
                format!(
                    "'{}' is not a Koda bundle (expected '{BUNDLE_FORMAT}')",
                    self.format
                ),
            ));
        }
        if self.format_version == 0 {
            return Err(StoreError::invalid(
                "manifest.json.formatVersion",
                "format version 0 does not exist",
            ));
        }
        if self.format_version > BUNDLE_FORMAT_VERSION {
            return Err(StoreError::invalid(
                "manifest.json.formatVersion",
                format!(
                    "this bundle was made by a newer Koda (bundle format {}; this Koda reads up to {BUNDLE_FORMAT_VERSION}). Update Koda to import it",
                    self.format_version
                ),
            ));
        }
        let mut seen = HashSet::with_capacity(self.assets.len());
        for (index, asset) in self.assets.iter().enumerate() {
            let path = format!("manifest.json.assets[{index}]");
            if !is_sha256(&asset.sha256) {
                return Err(StoreError::invalid(
                    format!("{path}.sha256"),
                    "not a SHA-256 (64 lowercase hex digits)",
                ));
            }
            if asset.file != format!("{ASSETS_DIR}{}", asset.sha256) {
                return Err(StoreError::invalid(
                    format!("{path}.file"),
                    format!("expected '{ASSETS_DIR}{}'", asset.sha256),
                ));
            }
            if !seen.insert(asset.sha256.as_str()) {
                return Err(StoreError::invalid(
                    format!("{path}.sha256"),
                    "listed twice",
                ));
            }
        }
        Ok(())
    }
}
