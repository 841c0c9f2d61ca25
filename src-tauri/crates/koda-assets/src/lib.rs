//! Koda's asset files. Images, videos and audio live as files named by their SHA-256 under the
//! data folder's `assets/` (identical bytes stored once, written atomically), described by rows
//! in the `assets` table; thumbnails are made with decode limits; clean-up only ever removes
//! files no row refers to.

pub mod blobs;
pub mod references;
pub mod sniff;
mod store;
pub mod thumbnail;

pub use store::{AssetStore, GcReport, MAX_ASSET_BYTES};
pub use thumbnail::ThumbnailSize;

/// How node data and canvas thumbnails refer to an asset file: `koda-asset://<sha256>`. The UI
/// turns a reference into a URL when it draws it (the desktop app's `koda://` protocol, or an
/// IndexedDB blob URL in the browser), so stored canvases never carry machine-specific URLs.
pub const ASSET_REF_PREFIX: &str = "koda-asset://";

/// The hash in an asset reference, if `value` is one.
pub fn parse_asset_ref(value: &str) -> Option<&str> {
    value
        .strip_prefix(ASSET_REF_PREFIX)
        .filter(|sha| blobs::check_sha256(sha).is_ok())
}
