//! The blob operations: conditional upload, download, head, delete, listing.

use crate::client::ObjectAssets;
use crate::errors::{classify, FailureKind};
use crate::keys::{blob_key, blobs_folder, sha_from_key};
use bytes::Bytes;
use futures::TryStreamExt;
use koda_assets::blobs::sha256_hex;
use koda_core::{StoreError, StoreResult};
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};
use serde::Serialize;

/// Extra attempts of an upload that timed out or was cut off: `object_store` does not retry
/// those for a conditional create, but here a repeat is safe (a second create just finds the
/// first one's object).
const INTERRUPTED_UPLOAD_RETRIES: usize = 2;

/// What an upload did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PutOutcome {
    /// The object was created.
    Created,
    /// An object of the same size was already there (same key means same bytes).
    AlreadyPresent,
}

/// A blob as listed in the bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListedBlob {
    pub sha256: String,
    pub size: u64,
    /// Milliseconds since the Unix epoch.
    pub last_modified_ms: i64,
}

impl ObjectAssets {
    /// Uploads a blob under its hash unless an object is already there; never overwrites. Refuses
    /// bytes whose SHA-256 is not `sha256`.
    pub fn put_blob(&self, sha256: &str, bytes: impl Into<Bytes>) -> StoreResult<PutOutcome> {
        self.block_on(self.put_blob_async(sha256, bytes.into()))
    }

    /// The bytes of a blob (`not_found` when there is none).
    pub fn get_blob(&self, sha256: &str) -> StoreResult<Vec<u8>> {
        self.block_on(self.get_blob_async(sha256))
            .map(|bytes| bytes.to_vec())
    }

    /// Whether the bucket holds the blob.
    pub fn has_blob(&self, sha256: &str) -> StoreResult<bool> {
        Ok(self.block_on(self.blob_size_async(sha256))?.is_some())
    }

    /// Deletes a blob; a missing one is fine.
    pub fn delete_blob(&self, sha256: &str) -> StoreResult<()> {
        let key = blob_key(&self.prefix, sha256)?;
        match self.block_on(self.s3.delete(&key)) {
            Ok(()) => Ok(()),
            Err(error) if classify(&error) == FailureKind::NotFound => Ok(()),
            Err(error) => Err(self.errors.map(&error, sha256)),
        }
    }

    /// Every blob in the bucket under this prefix, `(sha256, bytes)`, sorted by hash. Keys that
    /// are not blob keys are skipped.
    pub fn list_blobs(&self) -> StoreResult<Vec<(String, u64)>> {
        Ok(self
            .block_on(self.list_blobs_async())?
            .into_iter()
            .map(|blob| (blob.sha256, blob.size))
            .collect())
    }

    pub(crate) async fn put_blob_async(
        &self,
        sha256: &str,
        bytes: Bytes,
    ) -> StoreResult<PutOutcome> {
        let key = blob_key(&self.prefix, sha256)?;
        if sha256_hex(&bytes) != sha256 {
            return Err(StoreError::invalid(
                "sha256",
                format!("the bytes given for {sha256} have a different hash"),
            ));
        }
        let options = PutOptions {
            mode: PutMode::Create,
            ..PutOptions::default()
        };
        let mut attempt = 0;
        loop {
            let payload = PutPayload::from_bytes(bytes.clone());
            let error = match self.s3.put_opts(&key, payload, options.clone()).await {
                Ok(_) => return Ok(PutOutcome::Created),
                Err(error) => error,
            };
            match classify(&error) {
                FailureKind::AlreadyExists => {
                    return self.confirm_existing(sha256, bytes.len() as u64).await
                }
                FailureKind::Interrupted if attempt < INTERRUPTED_UPLOAD_RETRIES => {
                    attempt += 1;
                    tokio::time::sleep(self.settings.first_backoff * attempt as u32).await;
                }
                _ => return Err(self.errors.map(&error, sha256)),
            }
        }
    }

    /// After a create found an object: content addressing makes a same-size object the same
    /// blob; a different size means something else wrote the key, which is reported, not fixed.
    async fn confirm_existing(&self, sha256: &str, expected: u64) -> StoreResult<PutOutcome> {
        match self.blob_size_async(sha256).await? {
            Some(size) if size == expected => Ok(PutOutcome::AlreadyPresent),
            Some(size) => Err(StoreError::Damaged(format!(
                "the stored object for asset {sha256} is {size} bytes, not {expected}; it was \
                 left untouched"
            ))),
            // Deleted between the create and the check: let the caller try again later.
            None => Err(StoreError::Remote(format!(
                "the stored object for asset {sha256} vanished during the upload; try again"
            ))),
        }
    }

    pub(crate) async fn get_blob_async(&self, sha256: &str) -> StoreResult<Bytes> {
        let key = blob_key(&self.prefix, sha256)?;
        let result = self
            .s3
            .get(&key)
            .await
            .map_err(|e| self.errors.map(&e, sha256))?;
        result
            .bytes()
            .await
            .map_err(|e| self.errors.map(&e, sha256))
    }

    /// The size of a stored blob, or `None`.
    pub(crate) async fn blob_size_async(&self, sha256: &str) -> StoreResult<Option<u64>> {
        let key = blob_key(&self.prefix, sha256)?;
        match self.s3.head(&key).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(error) if classify(&error) == FailureKind::NotFound => Ok(None),
            Err(error) => Err(self.errors.map(&error, sha256)),
        }
    }

    pub(crate) async fn list_blobs_async(&self) -> StoreResult<Vec<ListedBlob>> {
        let folder = blobs_folder(&self.prefix);
        let metas: Vec<_> = self
            .s3
            .list(Some(&folder))
            .try_collect()
            .await
            .map_err(|e| self.errors.map(&e, "the bucket listing"))?;
        let mut blobs: Vec<ListedBlob> = metas
            .into_iter()
            .filter_map(|meta| {
                let sha256 = sha_from_key(&self.prefix, meta.location.as_ref())?.to_owned();
                Some(ListedBlob {
                    sha256,
                    size: meta.size,
                    last_modified_ms: meta.last_modified.timestamp_millis(),
                })
            })
            .collect();
        blobs.sort_by(|a, b| a.sha256.cmp(&b.sha256));
        Ok(blobs)
    }
}
