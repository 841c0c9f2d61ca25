//! Koda's asset files. Images, videos and audio live as files named by their SHA-256 under the
//! data folder's `assets/` (identical bytes stored once, written atomically), described by rows
//! in the `assets` table; thumbnails are made with decode limits; clean-up only ever removes
//! files no row refers to.

pub mod blobs;
pub mod sniff;
mod store;
pub mod thumbnail;

pub use store::{AssetStore, GcReport, MAX_ASSET_BYTES};
pub use thumbnail::ThumbnailSize;

/// How node data and canvas thumbnails refer to an asset file; the desktop app serves these
/// through its `koda://` protocol, the browser build from IndexedDB.
pub const ASSET_URL_PREFIX: &str = "koda://localhost/asset/";
