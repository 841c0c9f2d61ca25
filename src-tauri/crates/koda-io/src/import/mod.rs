//! Imports, in two steps. [`prepare_import`] reads one file, checks everything in it and decodes
//! inline media, writing nothing; [`commit_imports`] stores the media as asset files and writes
//! every canvas of every prepared file in one transaction. A bad file therefore imports nothing,
//! and its error names the place (a JSON path with line and column, or a table and row id).
//!
//! Imports keep canvas ids, and writing upserts by id, so importing a file twice updates the
//! canvases it made the first time instead of duplicating them.

mod asset_commit;
mod data_urls;
mod foreign_sqlite;
mod json_file;
mod locate;
mod normalized_sqlite;
mod timestamps;
mod web_sqlite;

pub(crate) use asset_commit::{AssetBytes, PendingAsset};
pub(crate) use data_urls::plain_file_name;
pub(crate) use locate::{within, within_file};

use crate::bundle::BundleLimits;
use crate::detect::{container_of, Container, SourceFormat};
use crate::progress::{ImportProgress, ImportStage, ProgressFn};
use koda_assets::AssetStore;
use koda_core::{Revision, Store, StoreResult, StoredCanvas};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One file, read and checked, ready to be written by [`commit_imports`].
#[derive(Debug)]
pub struct PreparedImport {
    pub source: PathBuf,
    pub format: SourceFormat,
    pub canvases: Vec<StoredCanvas>,
    /// Media to store as asset files before the canvases that refer to them are written.
    pub(crate) pending_assets: Vec<PendingAsset>,
    /// Inline `data:` URLs left as they are (not base64, or not media Koda stores as a file).
    pub inline_media_kept: usize,
}

impl PreparedImport {
    /// How many asset files this import brings (inline media and bundle assets).
    pub fn asset_count(&self) -> usize {
        self.pending_assets.len()
    }
}

/// What an import wrote.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub files: Vec<ImportedFile>,
    /// Asset files stored by this import.
    pub assets_added: usize,
    /// Assets the canvases already had from an earlier import of the same data.
    pub assets_already_present: usize,
    pub inline_media_kept: usize,
}

/// One imported file.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedFile {
    pub source: PathBuf,
    pub format: SourceFormat,
    pub canvases: Vec<ImportedCanvas>,
}

/// One imported canvas.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedCanvas {
    pub id: String,
    pub name: String,
    pub nodes: usize,
    pub edges: usize,
    pub revision: Revision,
}

/// Reads and checks one file of any supported kind, with the default bundle limits.
pub fn prepare_import(path: &Path, progress: ProgressFn<'_>) -> StoreResult<PreparedImport> {
    prepare_import_with(path, &BundleLimits::default(), progress)
}

/// [`prepare_import`] with explicit limits for bundles.
pub fn prepare_import_with(
    path: &Path,
    limits: &BundleLimits,
    progress: ProgressFn<'_>,
) -> StoreResult<PreparedImport> {
    let read = match container_of(path)? {
        Container::Sqlite => foreign_sqlite::read(path, progress),
        Container::Zip => crate::bundle::import::read(path, limits, progress),
        Container::Text => json_file::read(path, progress),
    };
    let (format, mut canvases, mut pending_assets) =
        read.map_err(|error| within_file(path, error))?;
    let mut inline_media_kept = 0;
    for canvas in &mut canvases {
        // Exports of earlier Koda Desktop versions carry its old node model.
        koda_core::upgrade_desktop_canvas(canvas);
        let extraction = data_urls::extract_data_urls(canvas).map_err(|error| {
            within_file(path, within(&format!("canvas '{}'", canvas.id), error))
        })?;
        pending_assets.extend(extraction.pending);
        inline_media_kept += extraction.kept_inline;
    }
    Ok(PreparedImport {
        source: path.to_path_buf(),
        format,
        canvases,
        pending_assets,
        inline_media_kept,
    })
}

/// Writes prepared imports: their media first (removed again if anything fails), then every canvas
/// in one transaction, then the asset rows are linked to their canvases.
pub fn commit_imports(
    store: &dyn Store,
    assets: &AssetStore,
    prepared: &[PreparedImport],
    progress: ProgressFn<'_>,
) -> StoreResult<ImportSummary> {
    let pending: Vec<&PendingAsset> = prepared.iter().flat_map(|p| &p.pending_assets).collect();
    let added = asset_commit::add_pending(store, assets, &pending, progress)?;
    let canvases: Vec<StoredCanvas> = prepared
        .iter()
        .flat_map(|p| p.canvases.iter().cloned())
        .collect();
    let total = canvases.len();
    progress(ImportProgress::new(
        ImportStage::Writing,
        0,
        total,
        format!("{total} canvas(es)"),
    ));
    let revisions = match store.import_canvases(&canvases) {
        Ok(revisions) => revisions,
        Err(error) => {
            asset_commit::rollback(store, assets, &added.records);
            return Err(error);
        }
    };
    asset_commit::link(store, &added.records)?;
    let mut revisions = revisions.into_iter();
    let files = prepared
        .iter()
        .map(|p| ImportedFile {
            source: p.source.clone(),
            format: p.format,
            canvases: p
                .canvases
                .iter()
                .map(|c| ImportedCanvas {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    nodes: c.nodes.len(),
                    edges: c.edges.len(),
                    revision: revisions.next().unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    progress(ImportProgress::new(ImportStage::Done, total, total, ""));
    Ok(ImportSummary {
        files,
        assets_added: added.records.len(),
        assets_already_present: added.already_present,
        inline_media_kept: prepared.iter().map(|p| p.inline_media_kept).sum(),
    })
}

/// Prepares every file, then commits them together: one bad file imports nothing at all.
pub fn import_files(
    store: &dyn Store,
    assets: &AssetStore,
    paths: &[PathBuf],
    progress: ProgressFn<'_>,
) -> StoreResult<ImportSummary> {
    let prepared = paths
        .iter()
        .map(|path| prepare_import(path, &mut *progress))
        .collect::<StoreResult<Vec<_>>>()?;
    commit_imports(store, assets, &prepared, progress)
}
