//! S3-compatible asset storage (AWS S3, Cloudflare R2, Supabase Storage) over `object_store`.
//!
//! Blobs keep the local store's content addressing: the object `<prefix>blobs/<aa>/<sha256>`
//! holds the bytes whose SHA-256 is `<sha256>`. Uploads are conditional creates, so devices never
//! overwrite each other; downloads are verified against the hash before they are kept; the
//! upload queue is a file on disk, so nothing queued is lost to a crash or to being offline; the
//! remote clean-up only removes objects nothing refers to, after a grace period.
//!
//! Every call blocks the calling thread (the client runs its own tokio runtime).

mod blob_ops;
mod cache;
mod check;
mod client;
mod config;
mod errors;
mod gc;
mod keys;
mod pending_file;
mod upload_queue;
mod upload_worker;

pub use blob_ops::PutOutcome;
pub use bytes::Bytes;
pub use cache::{FetchOutcome, FetchReport};
pub use client::{ConnectionSettings, ObjectAssets};
pub use config::{normalize_prefix, ObjectConfig, Provider, DEFAULT_PREFIX};
pub use gc::{GcOptions, RemoteGcReport, DEFAULT_GC_GRACE};
pub use keys::blob_key;
/// Which blobs are still needed (shared with the local clean-up).
pub use koda_assets::references;
/// The one secret type, shared with the rest of Koda.
pub use koda_core::secret::{Secret, REDACTED};
pub use upload_queue::{UploadQueue, UploadReport};
pub use upload_worker::UploadWorker;
