//! Asset files in a bucket, working beside the local asset folder: every local file is uploaded
//! in the background (with retry, through the durable upload queue), and a file missing locally
//! (added on another device) is fetched and verified on first use, then kept for offline use.

use koda_assets::blobs::BlobStore;
use koda_core::{ErrorPayload, StoreResult};
use koda_objects::{FetchOutcome, ObjectAssets, ObjectConfig, UploadQueue, UploadReport};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use ts_rs::TS;

/// How often the background worker tries again while files wait or the last pass failed.
const RETRY_EVERY: Duration = Duration::from_secs(60);

/// What the last upload pass did, for Settings.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UploadStatus {
    /// Files uploaded since the app started.
    pub uploaded: u32,
    /// Files still waiting (offline, or a failure to retry).
    pub pending: u32,
    /// Why the last pass failed, if it did.
    #[ts(optional)]
    pub last_error: Option<ErrorPayload>,
    /// When the last pass ended (ms since the epoch), 0 before the first.
    #[ts(type = "number")]
    pub last_run_at: i64,
}

/// A bucket and the local asset folder it mirrors.
pub struct CloudAssets {
    objects: Arc<ObjectAssets>,
    queue: Arc<UploadQueue>,
    blobs: BlobStore,
    status: Mutex<UploadStatus>,
    worker: Mutex<Option<Sender<()>>>,
}

impl CloudAssets {
    /// Connects to the bucket for the data folder at `data_dir` (asset files in `assets/`).
    pub fn open(data_dir: &Path, config: &ObjectConfig) -> StoreResult<Self> {
        let objects = Arc::new(ObjectAssets::open(config)?);
        let queue = Arc::new(UploadQueue::open(data_dir, Arc::clone(&objects))?);
        Ok(Self {
            objects,
            queue,
            blobs: BlobStore::new(data_dir.join("assets"))?,
            status: Mutex::new(UploadStatus::default()),
            worker: Mutex::new(None),
        })
    }

    /// The bucket client.
    pub fn objects(&self) -> &Arc<ObjectAssets> {
        &self.objects
    }

    /// Queues every local file the bucket does not hold; returns how many were queued.
    pub fn reconcile(&self) -> StoreResult<usize> {
        let remote: HashSet<String> = self
            .objects
            .list_blobs()?
            .into_iter()
            .map(|(sha, _)| sha)
            .collect();
        let mut queued = 0;
        for (sha, _) in self.blobs.list()? {
            if !remote.contains(&sha) {
                self.queue.enqueue(&sha)?;
                queued += 1;
            }
        }
        Ok(queued)
    }

    /// Finds what is missing from the bucket and uploads it now.
    pub fn upload_now(&self) -> StoreResult<UploadReport> {
        let outcome = self.reconcile().and_then(|_| self.queue.run_once());
        self.record(&outcome);
        outcome
    }

    fn record(&self, outcome: &StoreResult<UploadReport>) {
        let mut status = self.status.lock().unwrap_or_else(PoisonError::into_inner);
        status.last_run_at = koda_core::ids::now_ms();
        match outcome {
            Ok(report) => {
                status.uploaded += report.uploaded as u32;
                status.pending = report.pending as u32;
                status.last_error = report.last_error.clone();
            }
            Err(error) => {
                status.pending = self
                    .queue
                    .pending()
                    .map_or(status.pending, |p| p.len() as u32);
                status.last_error = Some(error.to_payload());
            }
        }
    }

    /// What the uploads have done so far.
    pub fn status(&self) -> UploadStatus {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The local file for `sha256`, fetched from the bucket first if it is not here yet.
    pub fn ensure_local(&self, sha256: &str) -> StoreResult<FetchOutcome> {
        self.objects.fetch_to_cache(&self.blobs, sha256)
    }

    /// Starts uploading in the background: now, whenever [`Self::wake`] is called (a new asset),
    /// and every minute while files are waiting. `on_status` sees each pass's result.
    pub fn start(self: &Arc<Self>, on_status: impl Fn(&UploadStatus) + Send + 'static) {
        let (wake, inbox) = channel();
        *self.worker.lock().unwrap_or_else(PoisonError::into_inner) = Some(wake);
        let cloud = Arc::downgrade(self);
        let spawned = std::thread::Builder::new()
            .name("koda-cloud-assets".into())
            .spawn(move || loop {
                let Some(this) = cloud.upgrade() else { return };
                if let Err(error) = this.upload_now() {
                    tracing::warn!(code = error.code(), %error, "asset upload pass failed; will retry");
                }
                let status = this.status();
                on_status(&status);
                drop(this);
                // Idle (nothing waiting, no failure) means no timer: a new asset wakes the worker,
                // so an idle app never lists the bucket.
                let waiting = status.pending > 0 || status.last_error.is_some();
                let next = if waiting {
                    inbox.recv_timeout(RETRY_EVERY)
                } else {
                    inbox.recv().map_err(|_| RecvTimeoutError::Disconnected)
                };
                match next {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => while inbox.try_recv().is_ok() {},
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            });
        if let Err(error) = spawned {
            tracing::error!(%error, "could not start asset uploads");
        }
    }

    /// Asks the background worker for a pass soon (after an asset was added).
    pub fn wake(&self) {
        if let Some(wake) = &*self.worker.lock().unwrap_or_else(PoisonError::into_inner) {
            let _ = wake.send(());
        }
    }

    /// Stops the background worker (when the bucket is turned off).
    pub fn stop(&self) {
        self.worker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
    }
}
