//! The local cache: blobs fetched from the bucket into the local `assets/` store, so a canvas
//! opens offline once its assets were fetched. Local blobs are never downloaded again.

use crate::client::ObjectAssets;
use koda_assets::blobs::{sha256_hex, BlobStore};
use koda_assets::references::add_canvas_references;
use koda_core::{ErrorPayload, StoreError, StoreResult, StoredCanvas};
use serde::Serialize;
use std::collections::HashSet;

/// What [`ObjectAssets::fetch_to_cache`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FetchOutcome {
    /// The blob was already on disk; nothing was downloaded.
    AlreadyLocal,
    /// The blob was downloaded, verified and stored.
    Downloaded { bytes: u64 },
}

/// What [`ObjectAssets::fetch_canvas`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FetchReport {
    pub already_local: usize,
    pub downloaded: usize,
    pub downloaded_bytes: u64,
    /// Hashes that could not be fetched, with why.
    pub failed: Vec<(String, ErrorPayload)>,
}

impl ObjectAssets {
    /// Makes sure `blobs` holds the blob: downloads it when missing and keeps it only if its
    /// SHA-256 matches (a tampered or damaged object is refused with `damaged_file`).
    pub fn fetch_to_cache(&self, blobs: &BlobStore, sha256: &str) -> StoreResult<FetchOutcome> {
        if blobs.path(sha256)?.exists() {
            return Ok(FetchOutcome::AlreadyLocal);
        }
        let bytes = self.block_on(self.get_blob_async(sha256))?;
        let actual = sha256_hex(&bytes);
        if actual != sha256 {
            return Err(StoreError::Damaged(format!(
                "the stored object for asset {sha256} holds different bytes (SHA-256 {actual}); \
                 it was not kept"
            )));
        }
        blobs.put(&bytes)?;
        Ok(FetchOutcome::Downloaded {
            bytes: bytes.len() as u64,
        })
    }

    /// Fetches every asset a canvas refers to that is not on disk yet. Failures are reported per
    /// hash; the others are still fetched.
    pub fn fetch_canvas(&self, blobs: &BlobStore, canvas: &StoredCanvas) -> FetchReport {
        let mut hashes = HashSet::new();
        add_canvas_references(canvas, &mut hashes);
        let mut hashes: Vec<String> = hashes.into_iter().collect();
        hashes.sort();
        let mut report = FetchReport::default();
        for sha256 in hashes {
            match self.fetch_to_cache(blobs, &sha256) {
                Ok(FetchOutcome::AlreadyLocal) => report.already_local += 1,
                Ok(FetchOutcome::Downloaded { bytes }) => {
                    report.downloaded += 1;
                    report.downloaded_bytes += bytes;
                }
                Err(error) => report.failed.push((sha256, error.to_payload())),
            }
        }
        report
    }
}
