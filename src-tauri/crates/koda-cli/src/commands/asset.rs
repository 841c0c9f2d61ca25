//! `koda asset …`

use crate::cli::AssetCommand;
use koda_assets::blobs::BlobStore;
use koda_assets::AssetStore;
use koda_backends::{configured_object_storage, CloudAssets};
use koda_core::config::StorageConfig;
use koda_core::{Store, StoreError, StoreResult};

const NO_BUCKET: &str =
    "no asset bucket is set: set ASSET_STORAGE and S3_* (see the README) or choose one in Settings";

/// The bucket of this data folder.
fn cloud(config: &StorageConfig) -> StoreResult<CloudAssets> {
    let bucket =
        configured_object_storage(config)?.ok_or_else(|| StoreError::Config(NO_BUCKET.into()))?;
    CloudAssets::open(&config.data_dir, &bucket)
}

pub fn run(
    store: &dyn Store,
    assets: &AssetStore,
    config: &StorageConfig,
    command: AssetCommand,
) -> StoreResult<String> {
    match command {
        AssetCommand::Push => {
            let report = cloud(config)?.upload_now()?;
            let mut out = format!(
                "uploaded {} file(s); {} already in the bucket; {} waiting",
                report.uploaded, report.already_present, report.pending
            );
            if let Some(error) = report.last_error {
                out.push_str(&format!(
                    "
last error [{}]: {}",
                    error.code, error.message
                ));
            }
            Ok(out)
        }
        AssetCommand::Fetch { canvas } => {
            let stored = store
                .get_canvas(&canvas)?
                .ok_or_else(|| StoreError::canvas_not_found(&canvas))?;
            let blobs = BlobStore::new(config.data_dir.join("assets"))?;
            let report = cloud(config)?.objects().fetch_canvas(&blobs, &stored);
            let mut out = format!(
                "downloaded {} file(s) ({} bytes); {} already here",
                report.downloaded, report.downloaded_bytes, report.already_local
            );
            for (sha, error) in &report.failed {
                out.push_str(&format!(
                    "
  failed {sha}: [{}] {}",
                    error.code, error.message
                ));
            }
            Ok(out)
        }
        AssetCommand::Remote => {
            let bucket = configured_object_storage(config)?
                .ok_or_else(|| StoreError::Config(NO_BUCKET.into()))?;
            let objects = koda_objects::ObjectAssets::open(&bucket)?;
            objects.check()?;
            let blobs = objects.list_blobs()?;
            let bytes: u64 = blobs.iter().map(|(_, size)| size).sum();
            Ok(format!(
                "{} bucket '{}' at {} (prefix '{}'): reachable; {} file(s), {bytes} bytes",
                bucket.provider.as_str(),
                bucket.bucket,
                bucket.endpoint_label(),
                bucket.prefix,
                blobs.len()
            ))
        }
        AssetCommand::Gc {
            dry_run,
            remote: true,
        } => {
            let report = cloud(config)?.objects().collect_garbage(store, dry_run)?;
            let verb = if dry_run { "would remove" } else { "removed" };
            let mut out = format!(
                "{verb} {} object(s) nothing refers to ({} bytes freed); kept {} ({} too recent to judge)",
                report.removed.len(),
                report.freed_bytes,
                report.kept,
                report.kept_recent
            );
            for (sha, size) in &report.removed {
                out.push_str(&format!(
                    "
  orphan  {sha}  {size} bytes"
                ));
            }
            Ok(out)
        }
        AssetCommand::Add { file, canvas } => {
            let record = assets.add_file(&file, canvas.as_deref(), None)?;
            Ok(format!(
                "added {} ({}, {} bytes) as asset {}\nsha256 {}",
                record.filename.as_deref().unwrap_or("file"),
                record.mime_type.as_deref().unwrap_or("?"),
                record.size_bytes.unwrap_or(0),
                record.id,
                record.local_blob_key.as_deref().unwrap_or("")
            ))
        }
        AssetCommand::Ls { json, canvas } => {
            let rows = store.list_assets(canvas.as_deref())?;
            if json {
                return Ok(serde_json::to_string_pretty(&rows)?);
            }
            if rows.is_empty() {
                return Ok("no assets".into());
            }
            let mut out = format!(
                "{:<38} {:<6} {:>10}  {:<12} NAME\n",
                "ID", "TYPE", "BYTES", "SHA256"
            );
            for row in &rows {
                out.push_str(&format!(
                    "{:<38} {:<6} {:>10}  {:<12} {}\n",
                    row.id,
                    row.kind.as_str(),
                    row.size_bytes.unwrap_or(0),
                    row.local_blob_key
                        .as_deref()
                        .map_or("", |s| &s[..12.min(s.len())]),
                    row.filename.as_deref().unwrap_or("")
                ));
            }
            out.pop();
            Ok(out)
        }
        AssetCommand::Gc {
            dry_run,
            remote: false,
        } => {
            let report = assets.collect_garbage(dry_run)?;
            let verb = if dry_run { "would remove" } else { "removed" };
            let orphan_bytes: u64 = report.orphan_files.iter().map(|(_, size)| size).sum();
            let mut out = format!(
                "{verb} {} orphan file(s), {orphan_bytes} bytes",
                report.orphan_files.len()
            );
            for (sha, size) in &report.orphan_files {
                out.push_str(&format!("\n  orphan  {sha}  {size} bytes"));
            }
            if !report.missing_files.is_empty() {
                out.push_str(&format!(
                    "\n{} asset row(s) whose file is missing:",
                    report.missing_files.len()
                ));
                for (id, sha) in &report.missing_files {
                    out.push_str(&format!("\n  missing {id}  {sha}"));
                }
            }
            Ok(out)
        }
    }
}
