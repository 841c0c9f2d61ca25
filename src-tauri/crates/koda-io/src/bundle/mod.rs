//! `.koda` bundles: one canvas with its asset files, as a zip that imports into another install
//! identically.
//!
//! ```text
//! manifest.json      {format: "koda-bundle", formatVersion: 1, exportedAt, appVersion, canvasId, assets: [...]}
//! canvas.json        the StoredCanvas
//! assets/<sha256>    each asset file the canvas refers to, named by its SHA-256
//! ```

mod entries;
pub mod export;
pub mod import;
pub mod manifest;

pub use export::export_bundle;
pub use manifest::{BundleAsset, BundleManifest};

/// `manifest.json`'s `format`.
pub const BUNDLE_FORMAT: &str = "koda-bundle";
/// The bundle format version this build writes and the newest it reads.
pub const BUNDLE_FORMAT_VERSION: u32 = 1;
/// The manifest's entry name.
pub const MANIFEST_ENTRY: &str = "manifest.json";
/// The canvas's entry name.
pub const CANVAS_ENTRY: &str = "canvas.json";
/// The folder of asset entries.
pub const ASSETS_DIR: &str = "assets/";

/// Largest manifest read.
pub const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;

/// What a bundle may hold, checked before and while reading it, so a zip bomb (a small file that
/// inflates to gigabytes) is refused instead of filling memory or disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleLimits {
    /// Entries in the zip.
    pub max_entries: usize,
    /// Uncompressed bytes of one entry.
    pub max_entry_bytes: u64,
    /// Uncompressed bytes of all entries together.
    pub max_total_bytes: u64,
}

impl Default for BundleLimits {
    fn default() -> Self {
        Self {
            max_entries: 10_000,
            max_entry_bytes: koda_assets::MAX_ASSET_BYTES,
            max_total_bytes: 4 * 1024 * 1024 * 1024,
        }
    }
}
