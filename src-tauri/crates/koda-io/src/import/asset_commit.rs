//! Storing the media an import brings as asset files, so that a failure later in the import can
//! take them away again, and linking their rows to the canvases once those are written.

use crate::progress::{ImportProgress, ImportStage, ProgressFn};
use koda_assets::blobs::sha256_hex;
use koda_assets::AssetStore;
use koda_core::{AssetRecord, Store, StoreError, StoreResult};
use std::collections::HashSet;
use std::path::PathBuf;

/// Media waiting to be stored, with the canvas and node that will refer to it.
#[derive(Debug)]
pub(crate) struct PendingAsset {
    pub sha256: String,
    pub filename: Option<String>,
    pub canvas_id: String,
    pub node_id: Option<String>,
    pub bytes: AssetBytes,
}

/// Where the bytes of a pending asset are.
#[derive(Debug)]
pub(crate) enum AssetBytes {
    /// Decoded from an inline `data:` URL.
    Memory(Vec<u8>),
    /// An entry of a `.koda` bundle, read only when stored (bundles can be large).
    BundleEntry {
        bundle: PathBuf,
        entry: String,
        size: u64,
    },
}

/// Asset rows this import made, each with the canvas and node it belongs to.
pub(crate) struct AddedAssets {
    pub records: Vec<AssetRecord>,
    pub already_present: usize,
}

/// Stores every pending asset not already recorded for its canvas. Rows are made without a canvas
/// (the canvas may not exist yet: the row's foreign key would refuse it) and linked by [`link`].
/// If one asset fails, those stored before it are removed and the error is returned.
pub(crate) fn add_pending(
    store: &dyn Store,
    assets: &AssetStore,
    pending: &[&PendingAsset],
    progress: ProgressFn<'_>,
) -> StoreResult<AddedAssets> {
    let mut present: HashSet<(String, String)> = HashSet::new();
    let canvas_ids: HashSet<&str> = pending.iter().map(|p| p.canvas_id.as_str()).collect();
    for canvas_id in canvas_ids {
        for record in store.list_assets(Some(canvas_id))? {
            let Some(sha256) = record.local_blob_key else {
                continue;
            };
            if assets.file_path(&sha256).is_ok_and(|path| path.exists()) {
                present.insert((canvas_id.to_owned(), sha256));
            }
        }
    }
    let mut added = AddedAssets {
        records: Vec::new(),
        already_present: 0,
    };
    for (index, asset) in pending.iter().enumerate() {
        let key = (asset.canvas_id.clone(), asset.sha256.clone());
        if present.contains(&key) {
            added.already_present += 1;
            continue;
        }
        let name = asset
            .filename
            .clone()
            .unwrap_or_else(|| asset.sha256[..12].to_owned());
        progress(ImportProgress::new(
            ImportStage::Assets,
            index,
            pending.len(),
            name,
        ));
        match store_one(assets, asset) {
            Ok(mut record) => {
                // Remember where it belongs; `link` writes this once the canvas exists.
                record.canvas_id = Some(asset.canvas_id.clone());
                record.node_id = asset.node_id.clone();
                added.records.push(record);
                present.insert(key);
            }
            Err(error) => {
                rollback(store, assets, &added.records);
                return Err(error);
            }
        }
    }
    Ok(added)
}

fn store_one(assets: &AssetStore, asset: &PendingAsset) -> StoreResult<AssetRecord> {
    let bytes = match &asset.bytes {
        AssetBytes::Memory(bytes) => std::borrow::Cow::Borrowed(bytes.as_slice()),
        AssetBytes::BundleEntry {
            bundle,
            entry,
            size,
        } => std::borrow::Cow::Owned(crate::bundle::import::read_asset_entry(
            bundle, entry, *size,
        )?),
    };
    // The canvas was rewritten to this hash while preparing; the bytes must still match it.
    let actual = sha256_hex(&bytes);
    if actual != asset.sha256 {
        return Err(StoreError::invalid(
            format!("asset {}", asset.sha256),
            format!("the bytes changed since the file was checked (their SHA-256 is now {actual})"),
        ));
    }
    let node = asset.node_id.as_deref().unwrap_or("the canvas");
    let record = assets
        .add_bytes(&bytes, asset.filename.as_deref(), None, None)
        .map_err(|error| match error {
            StoreError::Invalid { message, .. } => StoreError::invalid(
                format!("canvas '{}' node '{node}'", asset.canvas_id),
                format!("its media: {message}"),
            ),
            other => other,
        })?;
    if record.local_blob_key.as_deref() != Some(asset.sha256.as_str()) {
        return Err(StoreError::Damaged(format!(
            "the asset store filed {} under another hash",
            asset.sha256
        )));
    }
    Ok(record)
}

/// Takes back what [`add_pending`] stored: the rows it made, then the files no row refers to
/// any more (files other canvases use stay). Best effort: the original error matters more.
pub(crate) fn rollback(store: &dyn Store, assets: &AssetStore, records: &[AssetRecord]) {
    for record in records {
        let _ = store.delete_asset(&record.id);
    }
    let hashes: Vec<String> = records
        .iter()
        .filter_map(|r| r.local_blob_key.clone())
        .collect();
    let _ = assets.remove_unreferenced(&hashes);
}

/// Writes each new row again with its canvas and node, now that the canvases exist.
pub(crate) fn link(store: &dyn Store, records: &[AssetRecord]) -> StoreResult<()> {
    records
        .iter()
        .try_for_each(|record| store.put_asset(record))
}
