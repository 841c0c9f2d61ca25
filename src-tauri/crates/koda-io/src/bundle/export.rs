//! Writing a `.koda` bundle.

use super::manifest::{BundleAsset, BundleManifest};
use super::{ASSETS_DIR, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, CANVAS_ENTRY, MANIFEST_ENTRY};
use crate::asset_refs::asset_references;
use crate::clock::iso8601;
use crate::detect::io_error;
use koda_assets::AssetStore;
use koda_core::ids::now_ms;
use koda_core::{Store, StoreError, StoreResult, StoredCanvas};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// Writes `canvas` and every asset file it refers to into a bundle at `target`. The bundle is
/// written under a temporary name and renamed, so a failed export leaves no half file behind.
/// A referenced asset whose file is missing is an error: the bundle would not be complete.
pub fn export_bundle(
    store: &dyn Store,
    assets: &AssetStore,
    canvas: &StoredCanvas,
    target: &Path,
) -> StoreResult<BundleManifest> {
    let names: HashMap<String, String> = store
        .list_assets(Some(&canvas.id))?
        .into_iter()
        .filter_map(|record| Some((record.local_blob_key?, record.filename?)))
        .collect();
    // One entry per file, however many nodes show it; ordered for reproducible bundles.
    let mut referenced = BTreeMap::new();
    for reference in asset_references(canvas) {
        referenced
            .entry(reference.sha256.clone())
            .or_insert(reference);
    }
    let mut listed = Vec::with_capacity(referenced.len());
    for (sha256, reference) in &referenced {
        let path = assets.file_path(sha256)?;
        let size = match std::fs::metadata(&path) {
            Ok(metadata) => metadata.len(),
            Err(_) => {
                return Err(StoreError::NotFound {
                    what: "asset file",
                    id: format!(
                        "{sha256} (referenced at {} of canvas '{}')",
                        reference.path, canvas.id
                    ),
                })
            }
        };
        listed.push(BundleAsset {
            sha256: sha256.clone(),
            file: format!("{ASSETS_DIR}{sha256}"),
            size,
            mime: assets.media_type(sha256)?.mime.to_owned(),
            filename: names.get(sha256).cloned(),
        });
    }
    let manifest = BundleManifest {
        format: BUNDLE_FORMAT.into(),
        format_version: BUNDLE_FORMAT_VERSION,
        exported_at: iso8601(now_ms()),
        app_version: env!("CARGO_PKG_VERSION").into(),
        canvas_id: canvas.id.clone(),
        canvas_name: Some(canvas.name.clone()),
        assets: listed,
    };
    let mut temp = target.as_os_str().to_owned();
    temp.push(".partial");
    let temp = std::path::PathBuf::from(temp);
    let written = write_zip(&temp, &manifest, canvas, assets)
        .and_then(|()| std::fs::rename(&temp, target).map_err(|e| io_error(target, e)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map(|()| manifest)
}

fn write_zip(
    path: &Path,
    manifest: &BundleManifest,
    canvas: &StoredCanvas,
    assets: &AssetStore,
) -> StoreResult<()> {
    let file = std::fs::File::create(path).map_err(|e| io_error(path, e))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let zip_error =
        |error: zip::result::ZipError| StoreError::Io(format!("{}: {error}", path.display()));
    let io = |error: std::io::Error| io_error(path, error);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(false);
    // Media is compressed already; storing it as is saves time and loses nothing.
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(true);
    zip.start_file(MANIFEST_ENTRY, deflated)
        .map_err(zip_error)?;
    zip.write_all(&serde_json::to_vec_pretty(manifest)?)
        .map_err(io)?;
    zip.start_file(CANVAS_ENTRY, deflated).map_err(zip_error)?;
    serde_json::to_writer(&mut zip, canvas)?;
    for asset in &manifest.assets {
        zip.start_file(asset.file.as_str(), stored)
            .map_err(zip_error)?;
        let source = assets.file_path(&asset.sha256)?;
        let mut reader = std::fs::File::open(&source).map_err(|e| io_error(&source, e))?;
        std::io::copy(&mut reader, &mut zip).map_err(io)?;
    }
    let mut inner = zip.finish().map_err(zip_error)?;
    inner.flush().map_err(io)?;
    inner
        .into_inner()
        .map_err(|e| io(e.into_error()))?
        .sync_all()
        .map_err(io)
}
