//! Reading a `.koda` bundle: every entry name and size is checked before anything is inflated,
//! reads are capped, every asset's SHA-256 is verified, and every asset the canvas refers to
//! must be in the bundle. Only then are the assets handed to the import as pending files.

use super::entries::{classify, Entry};
use super::manifest::BundleManifest;
use super::{BundleLimits, CANVAS_ENTRY, MANIFEST_ENTRY, MAX_MANIFEST_BYTES};
use crate::asset_refs::asset_references;
use crate::detect::{io_error, SourceFormat};
use crate::import::{plain_file_name, within, AssetBytes, PendingAsset};
use crate::progress::{ImportProgress, ImportStage, ProgressFn};
use koda_core::validate::{parse_canvas, parse_json, MAX_CANVAS_BYTES};
use koda_core::{StoreError, StoreResult, StoredCanvas};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use zip::ZipArchive;

type Archive = ZipArchive<BufReader<File>>;

fn open(path: &Path) -> StoreResult<Archive> {
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    ZipArchive::new(BufReader::new(file)).map_err(|error| {
        StoreError::invalid(
            "zip",
            format!("not a readable .koda bundle (damaged or truncated zip): {error}"),
        )
    })
}

/// Reads and verifies a bundle; writes nothing.
pub(crate) fn read(
    path: &Path,
    limits: &BundleLimits,
    progress: ProgressFn<'_>,
) -> StoreResult<(SourceFormat, Vec<StoredCanvas>, Vec<PendingAsset>)> {
    let mut archive = open(path)?;
    let entries = check_entries(&mut archive, limits)?;
    let manifest_index = entries
        .get(&Entry::Manifest)
        .map(|(index, _)| *index)
        .ok_or_else(|| {
            StoreError::invalid(
                MANIFEST_ENTRY,
                "the bundle has no manifest.json: it is not a .koda bundle",
            )
        })?;
    let manifest_bytes = read_entry(
        &mut archive,
        manifest_index,
        MANIFEST_ENTRY,
        MAX_MANIFEST_BYTES,
    )?;
    let manifest: BundleManifest = parse_json(&utf8(&manifest_bytes, MANIFEST_ENTRY)?)
        .map_err(|e| within(MANIFEST_ENTRY, e))?;
    manifest.check()?;
    let canvas_index = entries
        .get(&Entry::Canvas)
        .map(|(index, _)| *index)
        .ok_or_else(|| StoreError::invalid(CANVAS_ENTRY, "the bundle has no canvas.json"))?;
    let canvas_bytes = read_entry(
        &mut archive,
        canvas_index,
        CANVAS_ENTRY,
        MAX_CANVAS_BYTES as u64,
    )?;
    let canvas =
        parse_canvas(&utf8(&canvas_bytes, CANVAS_ENTRY)?).map_err(|e| within(CANVAS_ENTRY, e))?;
    if canvas.id != manifest.canvas_id {
        return Err(StoreError::invalid(
            "manifest.json.canvasId",
            format!(
                "names canvas '{}' but canvas.json holds '{}'",
                manifest.canvas_id, canvas.id
            ),
        ));
    }
    for (index, asset) in manifest.assets.iter().enumerate() {
        progress(ImportProgress::new(
            ImportStage::Reading,
            index,
            manifest.assets.len(),
            asset.file.clone(),
        ));
        let Some((entry_index, declared)) = entries.get(&Entry::Asset(asset.sha256.clone())) else {
            return Err(StoreError::invalid(
                format!("manifest.json.assets[{index}]"),
                format!("{} is listed but missing from the bundle", asset.file),
            ));
        };
        if *declared != asset.size {
            return Err(StoreError::invalid(
                &asset.file,
                format!(
                    "holds {declared} bytes, but the manifest says {}",
                    asset.size
                ),
            ));
        }
        let actual = hash_entry(&mut archive, *entry_index, &asset.file, asset.size)?;
        if actual != asset.sha256 {
            return Err(StoreError::invalid(
                &asset.file,
                format!("the content does not match its SHA-256 (it hashes to {actual}): the bundle is damaged"),
            ));
        }
    }
    let listed: HashSet<&str> = manifest.assets.iter().map(|a| a.sha256.as_str()).collect();
    let references = asset_references(&canvas);
    if let Some(missing) = references
        .iter()
        .find(|r| !listed.contains(r.sha256.as_str()))
    {
        return Err(StoreError::invalid(
            format!("{CANVAS_ENTRY}: {}", missing.path),
            format!(
                "refers to asset {}, which is not in the bundle: the bundle is incomplete",
                missing.sha256
            ),
        ));
    }
    let pending = manifest
        .assets
        .iter()
        .map(|asset| PendingAsset {
            sha256: asset.sha256.clone(),
            filename: asset.filename.as_deref().and_then(plain_file_name),
            canvas_id: canvas.id.clone(),
            node_id: references
                .iter()
                .find(|r| r.sha256 == asset.sha256)
                .and_then(|r| r.node_id.clone()),
            bytes: AssetBytes::BundleEntry {
                bundle: path.to_path_buf(),
                entry: asset.file.clone(),
                size: asset.size,
            },
        })
        .collect();
    progress(ImportProgress::new(
        ImportStage::Reading,
        1,
        1,
        canvas.name.clone(),
    ));
    Ok((SourceFormat::KodaBundle, vec![canvas], pending))
}

/// Every entry's name and declared size, checked against the limits; by kind, with its index.
fn check_entries(
    archive: &mut Archive,
    limits: &BundleLimits,
) -> StoreResult<HashMap<Entry, (usize, u64)>> {
    if archive.len() > limits.max_entries {
        return Err(StoreError::invalid(
            "zip",
            format!(
                "the bundle has {} entries, more than the {} allowed",
                archive.len(),
                limits.max_entries
            ),
        ));
    }
    let mut entries = HashMap::with_capacity(archive.len());
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| damaged("zip", e))?;
        let name = entry.name().to_owned();
        let kind = classify(&name)?;
        if entry.is_symlink() {
            return Err(StoreError::invalid(
                format!("entry {name:?}"),
                "a link is not allowed in a bundle",
            ));
        }
        let size = entry.size();
        if size > limits.max_entry_bytes {
            return Err(StoreError::TooLarge {
                what: format!("bundle entry {name}"),
                size,
                limit: limits.max_entry_bytes,
            });
        }
        total = total.saturating_add(size);
        if total > limits.max_total_bytes {
            return Err(StoreError::TooLarge {
                what: "the bundle's content".into(),
                size: total,
                limit: limits.max_total_bytes,
            });
        }
        if entries.insert(kind, (index, size)).is_some() {
            return Err(StoreError::invalid(
                format!("entry {name:?}"),
                "appears twice in the bundle",
            ));
        }
    }
    Ok(entries)
}

/// Inflates one entry, never more than `limit` bytes whatever its header claims.
fn read_entry(archive: &mut Archive, index: usize, name: &str, limit: u64) -> StoreResult<Vec<u8>> {
    let entry = archive.by_index(index).map_err(|e| damaged(name, e))?;
    let mut bytes = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(name, e))?;
    if bytes.len() as u64 > limit {
        return Err(StoreError::TooLarge {
            what: format!("bundle entry {name}"),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// The SHA-256 of an entry, streamed; more bytes than `size` is an error.
fn hash_entry(archive: &mut Archive, index: usize, name: &str, size: u64) -> StoreResult<String> {
    let mut entry = archive
        .by_index(index)
        .map_err(|e| damaged(name, e))?
        .take(size + 1);
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut read: u64 = 0;
    loop {
        let n = entry.read(&mut buffer).map_err(|e| damaged(name, e))?;
        if n == 0 {
            break;
        }
        read += n as u64;
        if read > size {
            return Err(StoreError::TooLarge {
                what: format!("bundle entry {name}"),
                size: read,
                limit: size,
            });
        }
        hasher.update(&buffer[..n]);
    }
    if read != size {
        return Err(StoreError::invalid(
            name,
            format!("holds {read} bytes, but the manifest says {size}"),
        ));
    }
    Ok(hex::encode(hasher.finalize()))
}

/// The bytes of one asset entry, for storing; the import checks them against their hash again.
pub(crate) fn read_asset_entry(bundle: &Path, entry: &str, size: u64) -> StoreResult<Vec<u8>> {
    let mut archive = open(bundle)?;
    let index = archive
        .index_for_name(entry)
        .ok_or_else(|| StoreError::invalid(entry, "no longer in the bundle"))?;
    read_entry(&mut archive, index, entry, size)
}

fn utf8(bytes: &[u8], name: &str) -> StoreResult<String> {
    String::from_utf8(bytes.to_vec()).map_err(|error| {
        StoreError::invalid(
            format!("{name} (byte {})", error.utf8_error().valid_up_to()),
            "not UTF-8 text",
        )
    })
}

fn damaged(name: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::invalid(name, format!("damaged or truncated: {error}"))
}
