//! Remote clean-up: deletes blobs in the bucket that nothing in the database refers to.

use crate::client::ObjectAssets;
use koda_assets::references::referenced_hashes;
use koda_core::ids::now_ms;
use koda_core::{Store, StoreResult};
use serde::Serialize;
use std::time::Duration;

/// Objects younger than this are kept even when nothing refers to them: another device may have
/// uploaded the blob while its `assets` row has not synced here yet.
pub const DEFAULT_GC_GRACE: Duration = Duration::from_secs(60 * 60);

/// How a clean-up runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GcOptions {
    /// Only report what would be removed.
    pub dry_run: bool,
    /// Unreferenced objects younger than this are kept.
    pub grace: Duration,
}

impl Default for GcOptions {
    fn default() -> Self {
        Self {
            dry_run: false,
            grace: DEFAULT_GC_GRACE,
        }
    }
}

/// What a clean-up found and (unless a dry run) removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteGcReport {
    /// Objects kept: referenced, or unreferenced but within the grace period.
    pub kept: usize,
    /// Of `kept`, those unreferenced but too young to remove.
    pub kept_recent: usize,
    /// Unreferenced objects past the grace period, `(sha256, bytes)`: removed, or in a dry run
    /// the ones that would be.
    pub removed: Vec<(String, u64)>,
    /// Bytes actually deleted (0 in a dry run).
    pub freed_bytes: u64,
    pub dry_run: bool,
}

impl ObjectAssets {
    /// Removes unreferenced blobs older than [`DEFAULT_GC_GRACE`].
    pub fn collect_garbage(&self, store: &dyn Store, dry_run: bool) -> StoreResult<RemoteGcReport> {
        self.collect_garbage_with(
            store,
            &GcOptions {
                dry_run,
                ..GcOptions::default()
            },
        )
    }

    /// Removes unreferenced blobs as `options` say. References are read before the bucket is
    /// listed, so a blob uploaded in between is at worst kept by the grace period.
    pub fn collect_garbage_with(
        &self,
        store: &dyn Store,
        options: &GcOptions,
    ) -> StoreResult<RemoteGcReport> {
        let referenced = referenced_hashes(store)?;
        let listed = self.block_on(self.list_blobs_async())?;
        let grace_ms = i64::try_from(options.grace.as_millis()).unwrap_or(i64::MAX);
        let now = now_ms();
        let mut report = RemoteGcReport {
            dry_run: options.dry_run,
            ..RemoteGcReport::default()
        };
        for blob in listed {
            if referenced.contains(&blob.sha256) {
                report.kept += 1;
                continue;
            }
            if now.saturating_sub(blob.last_modified_ms) < grace_ms {
                report.kept += 1;
                report.kept_recent += 1;
                continue;
            }
            if !options.dry_run {
                self.delete_blob(&blob.sha256)?;
                report.freed_bytes += blob.size;
                tracing::info!(sha256 = %blob.sha256, bytes = blob.size, "removed unreferenced remote blob");
            }
            report.removed.push((blob.sha256, blob.size));
        }
        Ok(report)
    }
}
