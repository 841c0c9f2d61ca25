//! `AssetStore`: asset files on disk plus their rows in the `assets` table.

use crate::blobs::{check_sha256, BlobStore};
use crate::sniff::{sniff, MediaType};
use crate::thumbnail::{self, ThumbnailSize, VIDEO_PLACEHOLDER_SVG};
use koda_core::ids::{new_id, now_ms};
use koda_core::{AssetKind, AssetRecord, JsonText, Store, StoreError, StoreResult};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

/// Largest file accepted as one asset.
pub const MAX_ASSET_BYTES: u64 = 512 * 1024 * 1024;

/// Files younger than this are never collected by a full sweep: another Koda process may have
/// written the file and not yet committed its row.
const SWEEP_GRACE: Duration = Duration::from_secs(10 * 60);

/// What a clean-up found (and, unless it was a dry run, removed).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct GcReport {
    /// Files no asset row refers to: `(sha256, bytes)`.
    pub orphan_files: Vec<(String, u64)>,
    /// Asset rows whose file is gone: `(asset id, sha256)`.
    pub missing_files: Vec<(String, String)>,
    pub removed_bytes: u64,
    pub dry_run: bool,
}

/// Asset files and rows.
pub struct AssetStore {
    blobs: BlobStore,
    thumbnails: PathBuf,
    store: Arc<dyn Store>,
    /// Held while adding (file, then row) and while collecting (check, then delete), so a
    /// collection never deletes a file an add in this process is about to reference.
    gc_lock: Mutex<()>,
}

impl AssetStore {
    /// Asset files live in `<data_dir>/assets`, thumbnails in `<data_dir>/thumbnails`.
    pub fn new(data_dir: &Path, store: Arc<dyn Store>) -> StoreResult<Self> {
        let thumbnails = data_dir.join("thumbnails");
        std::fs::create_dir_all(&thumbnails)?;
        Ok(Self {
            blobs: BlobStore::new(data_dir.join("assets"))?,
            thumbnails,
            store,
            gc_lock: Mutex::new(()),
        })
    }

    /// Adds a file from disk.
    pub fn add_file(
        &self,
        path: &Path,
        canvas_id: Option<&str>,
        node_id: Option<&str>,
    ) -> StoreResult<AssetRecord> {
        let metadata = std::fs::metadata(path)
            .map_err(|e| StoreError::Io(format!("{}: {e}", path.display())))?;
        if !metadata.is_file() {
            return Err(StoreError::invalid(
                "file",
                format!("{} is not a file", path.display()),
            ));
        }
        check_size(metadata.len())?;
        let bytes =
            std::fs::read(path).map_err(|e| StoreError::Io(format!("{}: {e}", path.display())))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        self.add_bytes(&bytes, name.as_deref(), canvas_id, node_id)
    }

    /// Adds media bytes: checks them (size, type from the content, a decodable image), stores
    /// the file once per content, makes its small thumbnail, and records a row.
    pub fn add_bytes(
        &self,
        bytes: &[u8],
        filename: Option<&str>,
        canvas_id: Option<&str>,
        node_id: Option<&str>,
    ) -> StoreResult<AssetRecord> {
        self.add_bytes_from(bytes, filename, canvas_id, node_id, None)
    }

    /// [`Self::add_bytes`] for media downloaded from `url`, which the row keeps, so the file is
    /// found again by its address (see `Store::find_asset_by_url`) when the network is gone.
    pub fn add_bytes_from(
        &self,
        bytes: &[u8],
        filename: Option<&str>,
        canvas_id: Option<&str>,
        node_id: Option<&str>,
        url: Option<&str>,
    ) -> StoreResult<AssetRecord> {
        let filename = filename.map(clean_file_name).transpose()?;
        check_size(bytes.len() as u64)?;
        let media = sniff(bytes).ok_or_else(|| {
            StoreError::invalid(
                "file",
                "not an image, video or audio file Koda can use (checked by content, not name)",
            )
        })?;
        let mut metadata = serde_json::Map::new();
        let small = if media.kind == AssetKind::Image {
            // Decoding the whole image proves it is not truncated and yields the card thumbnail.
            let small = thumbnail::render(bytes, ThumbnailSize::Small)?;
            let (width, height) = thumbnail::image_dimensions(bytes)?;
            metadata.insert("width".into(), width.into());
            metadata.insert("height".into(), height.into());
            Some(small)
        } else {
            None
        };
        let _guard = self.gc_lock.lock().unwrap_or_else(PoisonError::into_inner);
        let (sha256, _) = self.blobs.put(bytes)?;
        if let Some(small) = small {
            self.write_thumbnail(&sha256, ThumbnailSize::Small, &small.bytes)?;
        }
        let record = AssetRecord {
            id: new_id(),
            canvas_id: canvas_id.map(str::to_owned),
            node_id: node_id.map(str::to_owned),
            kind: media.kind,
            filename,
            mime_type: Some(media.mime.to_owned()),
            size_bytes: Some(bytes.len() as i64),
            url: url.map(str::to_owned),
            local_blob_key: Some(sha256),
            metadata: (!metadata.is_empty()).then(|| JsonText::from_value(&metadata)),
            created_at: now_ms(),
        };
        self.store.put_asset(&record)?;
        Ok(record)
    }

    /// The stored file for a hash.
    pub fn file_path(&self, sha256: &str) -> StoreResult<PathBuf> {
        self.blobs.path(sha256)
    }

    /// The bytes of a stored file.
    pub fn read(&self, sha256: &str) -> StoreResult<Vec<u8>> {
        self.blobs.read(sha256)
    }

    /// The size of a stored file.
    pub fn size(&self, sha256: &str) -> StoreResult<u64> {
        std::fs::metadata(self.blobs.path(sha256)?)
            .map(|m| m.len())
            .map_err(|_| StoreError::NotFound {
                what: "asset file",
                id: sha256.to_owned(),
            })
    }

    /// Bytes `start..=end` of a stored file, read without reading the rest.
    pub fn read_range(&self, sha256: &str, start: u64, end: u64) -> StoreResult<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = std::fs::File::open(self.blobs.path(sha256)?)?;
        file.seek(SeekFrom::Start(start))?;
        let mut bytes = Vec::with_capacity((end - start + 1) as usize);
        file.take(end - start + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// What a stored file is, from its first bytes.
    pub fn media_type(&self, sha256: &str) -> StoreResult<MediaType> {
        use std::io::Read;
        let mut head = [0u8; 32];
        let mut file =
            std::fs::File::open(self.blobs.path(sha256)?).map_err(|_| StoreError::NotFound {
                what: "asset file",
                id: sha256.to_owned(),
            })?;
        let n = file.read(&mut head)?;
        sniff(&head[..n])
            .ok_or_else(|| StoreError::Damaged(format!("asset {sha256} is no longer a media file")))
    }

    /// A thumbnail of a stored file, made on first use and cached. Videos get a placeholder.
    pub fn thumbnail(
        &self,
        sha256: &str,
        size: ThumbnailSize,
    ) -> StoreResult<(Vec<u8>, &'static str)> {
        let media = self.media_type(sha256)?;
        if media.kind != AssetKind::Image {
            return Ok((VIDEO_PLACEHOLDER_SVG.as_bytes().to_vec(), "image/svg+xml"));
        }
        let cached = self.thumbnail_path(sha256, size)?;
        if let Ok(bytes) = std::fs::read(&cached) {
            return Ok((bytes.clone(), thumbnail_mime(&bytes)));
        }
        let made = thumbnail::render(&self.read(sha256)?, size)?;
        self.write_thumbnail(sha256, size, &made.bytes)?;
        Ok((made.bytes, made.mime))
    }

    fn thumbnail_path(&self, sha256: &str, size: ThumbnailSize) -> StoreResult<PathBuf> {
        check_sha256(sha256)?;
        Ok(self
            .thumbnails
            .join(&sha256[..2])
            .join(format!("{sha256}-{}", size.name())))
    }

    fn write_thumbnail(&self, sha256: &str, size: ThumbnailSize, bytes: &[u8]) -> StoreResult<()> {
        let path = self.thumbnail_path(sha256, size)?;
        std::fs::create_dir_all(path.parent().expect("thumbnail paths have a shard"))?;
        let temp = path.with_extension("partial");
        std::fs::write(&temp, bytes)?;
        std::fs::rename(&temp, &path)?;
        Ok(())
    }

    fn remove_thumbnails(&self, sha256: &str) -> StoreResult<()> {
        for size in [ThumbnailSize::Small, ThumbnailSize::Large] {
            match std::fs::remove_file(self.thumbnail_path(sha256, size)?) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                    return Err(error.into())
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Hashes some asset row or canvas still refers to.
    fn referenced(&self) -> StoreResult<HashSet<String>> {
        crate::references::referenced_hashes(&*self.store)
    }

    /// Purges a canvas and then, after that has committed, removes the files of its assets that
    /// no other asset row refers to. Files still referenced are never touched.
    pub fn purge_canvas(&self, canvas_id: &str) -> StoreResult<u64> {
        let candidates: Vec<String> = self
            .store
            .list_assets(Some(canvas_id))?
            .into_iter()
            .filter_map(|a| a.local_blob_key)
            .collect();
        self.store.purge_canvas(canvas_id)?;
        self.remove_unreferenced(&candidates)
    }

    /// Removes those of `candidates` no row refers to; returns the bytes freed.
    pub fn remove_unreferenced(&self, candidates: &[String]) -> StoreResult<u64> {
        let _guard = self.gc_lock.lock().unwrap_or_else(PoisonError::into_inner);
        let referenced = self.referenced()?;
        let mut freed = 0;
        for sha256 in candidates.iter().filter(|s| !referenced.contains(*s)) {
            let size = std::fs::metadata(self.blobs.path(sha256)?)
                .map(|m| m.len())
                .unwrap_or(0);
            if self.blobs.remove(sha256)? {
                freed += size;
            }
            self.remove_thumbnails(sha256)?;
        }
        Ok(freed)
    }

    /// Finds files no row refers to (older than a grace period) and rows whose file is missing;
    /// removes the orphan files unless `dry_run`.
    pub fn collect_garbage(&self, dry_run: bool) -> StoreResult<GcReport> {
        let _guard = self.gc_lock.lock().unwrap_or_else(PoisonError::into_inner);
        let rows = self.store.list_assets(None)?;
        let referenced = self.referenced()?;
        let mut report = GcReport {
            dry_run,
            ..GcReport::default()
        };
        let now = SystemTime::now();
        for (sha256, size) in self.blobs.list()? {
            if referenced.contains(sha256.as_str()) {
                continue;
            }
            let modified = std::fs::metadata(self.blobs.path(&sha256)?)?
                .modified()
                .unwrap_or(now);
            if now.duration_since(modified).unwrap_or_default() < SWEEP_GRACE {
                continue;
            }
            if !dry_run {
                self.blobs.remove(&sha256)?;
                self.remove_thumbnails(&sha256)?;
                report.removed_bytes += size;
            }
            report.orphan_files.push((sha256, size));
        }
        for row in &rows {
            if let Some(sha256) = &row.local_blob_key {
                if check_sha256(sha256).is_err() || !self.blobs.path(sha256)?.exists() {
                    report.missing_files.push((row.id.clone(), sha256.clone()));
                }
            }
        }
        Ok(report)
    }
}

fn check_size(size: u64) -> StoreResult<()> {
    if size == 0 {
        return Err(StoreError::invalid("file", "the file is empty"));
    }
    if size > MAX_ASSET_BYTES {
        return Err(StoreError::TooLarge {
            what: "this file".into(),
            size,
            limit: MAX_ASSET_BYTES,
        });
    }
    Ok(())
}

/// A display name for a file: refused if it tries to be a path.
fn clean_file_name(name: &str) -> StoreResult<String> {
    let trimmed = name.trim();
    let is_path =
        trimmed.contains('/') || trimmed.contains('\\') || trimmed == "." || trimmed == "..";
    if trimmed.is_empty()
        || is_path
        || trimmed.contains('\0')
        || trimmed.chars().any(char::is_control)
    {
        return Err(StoreError::invalid(
            "filename",
            format!("{name:?} is not a plain file name"),
        ));
    }
    Ok(trimmed.chars().take(255).collect())
}

fn thumbnail_mime(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else {
        "image/jpeg"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_cannot_be_paths() {
        for bad in [
            "../x.png",
            "/etc/passwd",
            "a\\b.png",
            "..",
            "a\0b",
            "",
            "  ",
        ] {
            assert!(clean_file_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(clean_file_name(" fox.png ").unwrap(), "fox.png");
    }
}
