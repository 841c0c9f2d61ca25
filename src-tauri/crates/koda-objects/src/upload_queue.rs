//! `UploadQueue`: uploads blobs from the local `assets/` store in the background, retrying what
//! failed. The list of what is left lives on disk ([`crate::pending_file`]), so uploads cut off
//! by a crash or by being offline resume on the next start.

use crate::blob_ops::PutOutcome;
use crate::client::ObjectAssets;
use crate::pending_file::PendingFile;
use bytes::Bytes;
use futures::StreamExt;
use koda_assets::blobs::BlobStore;
use koda_core::{ErrorPayload, StoreError, StoreResult};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// What one pass over the queue did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadReport {
    /// Objects created by this pass.
    pub uploaded: usize,
    /// Blobs the bucket already held (uploaded before, or by another device).
    pub already_present: usize,
    /// Queued blobs no longer on disk (removed locally since): dropped from the queue.
    pub missing_locally: usize,
    /// Uploads that failed and stay queued.
    pub failed: usize,
    /// Hashes still queued after the pass (failures, ones not tried, ones queued meanwhile).
    pub pending: usize,
    /// The last failure, for the UI (`unreachable` when offline).
    pub last_error: Option<ErrorPayload>,
}

enum ItemOutcome {
    Uploaded,
    AlreadyPresent,
    MissingLocally,
    Failed(StoreError),
    /// Not tried: an earlier failure showed the whole bucket is out of reach.
    NotTried,
}

/// Blobs waiting to be uploaded.
pub struct UploadQueue {
    objects: Arc<ObjectAssets>,
    blobs: BlobStore,
    pending: PendingFile,
    /// Serialises reads and rewrites of the file against appends.
    file_lock: Mutex<()>,
    /// One pass at a time.
    run_lock: Mutex<()>,
}

impl UploadQueue {
    /// The queue of the data folder: blobs come from `<data_dir>/assets`, the list lives in
    /// `<data_dir>/objects/pending`. One process should own a data folder's queue.
    pub fn open(data_dir: &Path, objects: Arc<ObjectAssets>) -> StoreResult<Self> {
        Ok(Self {
            objects,
            blobs: BlobStore::new(data_dir.join("assets"))?,
            pending: PendingFile::open(data_dir)?,
            file_lock: Mutex::new(()),
            run_lock: Mutex::new(()),
        })
    }

    /// Queues a blob for upload; durable when this returns.
    pub fn enqueue(&self, sha256: &str) -> StoreResult<()> {
        let _file = lock(&self.file_lock);
        self.pending.append(sha256)
    }

    /// The hashes still to upload, oldest first.
    pub fn pending(&self) -> StoreResult<Vec<String>> {
        let _file = lock(&self.file_lock);
        self.pending.read()
    }

    /// The client uploads go through.
    pub fn objects(&self) -> &Arc<ObjectAssets> {
        &self.objects
    }

    /// Uploads everything queued (a few at a time), removes what succeeded from the queue and
    /// keeps what failed. Stops early when the bucket is unreachable or refuses the keys.
    pub fn run_once(&self) -> StoreResult<UploadReport> {
        let _running = lock(&self.run_lock);
        let queued = self.pending()?;
        let give_up = AtomicBool::new(false);
        let concurrency = self.objects.settings.concurrency.max(1);
        let outcomes: Vec<(String, ItemOutcome)> = self.objects.block_on(
            futures::stream::iter(queued)
                .map(|sha256| {
                    let give_up = &give_up;
                    async move {
                        let outcome = self.upload_one(&sha256, give_up).await;
                        (sha256, outcome)
                    }
                })
                .buffer_unordered(concurrency)
                .collect(),
        );
        let mut report = UploadReport::default();
        let mut done = HashSet::new();
        for (sha256, outcome) in outcomes {
            match outcome {
                ItemOutcome::Uploaded => report.uploaded += 1,
                ItemOutcome::AlreadyPresent => report.already_present += 1,
                ItemOutcome::MissingLocally => {
                    tracing::warn!(%sha256, "queued blob is gone from disk; dropping it from the upload queue");
                    report.missing_locally += 1;
                }
                ItemOutcome::Failed(error) => {
                    tracing::warn!(%sha256, code = error.code(), "upload failed; it stays queued");
                    report.failed += 1;
                    report.last_error = Some(error.to_payload());
                    continue;
                }
                ItemOutcome::NotTried => continue,
            }
            done.insert(sha256);
        }
        // Re-read under the lock: hashes enqueued during the pass must survive the rewrite.
        let _file = lock(&self.file_lock);
        let left: Vec<String> = self
            .pending
            .read()?
            .into_iter()
            .filter(|sha256| !done.contains(sha256))
            .collect();
        if !done.is_empty() {
            self.pending.rewrite(&left)?;
        }
        report.pending = left.len();
        Ok(report)
    }

    async fn upload_one(&self, sha256: &str, give_up: &AtomicBool) -> ItemOutcome {
        if give_up.load(Ordering::Relaxed) {
            return ItemOutcome::NotTried;
        }
        let path = match self.blobs.path(sha256) {
            Ok(path) => path,
            Err(error) => return ItemOutcome::Failed(error),
        };
        let bytes = match tokio::fs::read(&path).await {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return ItemOutcome::MissingLocally
            }
            Err(error) => return ItemOutcome::Failed(error.into()),
        };
        match self
            .objects
            .put_blob_async(sha256, Bytes::from(bytes))
            .await
        {
            Ok(PutOutcome::Created) => ItemOutcome::Uploaded,
            Ok(PutOutcome::AlreadyPresent) => ItemOutcome::AlreadyPresent,
            Err(error) => {
                if matches!(error.code(), "unreachable" | "access_denied" | "config") {
                    give_up.store(true, Ordering::Relaxed);
                }
                ItemOutcome::Failed(error)
            }
        }
    }
}

fn lock(mutex: &Mutex<()>) -> MutexGuard<'_, ()> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
