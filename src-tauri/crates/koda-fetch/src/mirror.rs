//! Remote outputs kept as assets: the first look downloads, every later one (online or not)
//! finds the file by the address it came from.

use crate::download::{fetch_media, FetchLimits};
use koda_assets::AssetStore;
use koda_core::{AssetKind, Store, StoreResult};
use serde::Serialize;
use ts_rs::TS;

/// A remote output as a local asset.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MirroredMedia {
    pub sha256: String,
    pub kind: AssetKind,
    pub mime_type: Option<String>,
    /// Whether this call downloaded it (false: it was already kept).
    pub downloaded: bool,
}

/// Whether `url` names something on the network (and not a Koda asset or inline data).
pub fn is_remote_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The local copy of the media at `url`: the kept one if this install has it, else downloaded
/// now, checked and stored as an asset of `canvas_id`/`node_id` that remembers `url`.
pub fn mirror_remote(
    store: &dyn Store,
    assets: &AssetStore,
    url: &str,
    canvas_id: Option<&str>,
    node_id: Option<&str>,
    limits: &FetchLimits,
) -> StoreResult<MirroredMedia> {
    if let Some(record) = store.find_asset_by_url(url)? {
        if let Some(sha256) = record.local_blob_key.clone() {
            if assets.file_path(&sha256).is_ok_and(|path| path.is_file()) {
                return Ok(MirroredMedia {
                    sha256,
                    kind: record.kind,
                    mime_type: record.mime_type,
                    downloaded: false,
                });
            }
        }
    }
    let fetched = fetch_media(url, limits)?;
    let record = assets.add_bytes_from(&fetched.bytes, None, canvas_id, node_id, Some(url))?;
    tracing::debug!(host = %crate::download::host_of(url), bytes = fetched.bytes.len(), "kept a remote output");
    Ok(MirroredMedia {
        sha256: record.local_blob_key.unwrap_or_default(),
        kind: record.kind,
        mime_type: record.mime_type,
        downloaded: true,
    })
}
