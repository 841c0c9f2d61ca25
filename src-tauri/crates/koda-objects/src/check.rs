//! `check`: one cheap request that shows whether the bucket can be used at all.

use crate::client::ObjectAssets;
use crate::errors::{classify, FailureKind};
use koda_core::{StoreError, StoreResult};
use object_store::path::Path;
use object_store::ObjectStore;

impl ObjectAssets {
    /// Lists the top of the prefix (one request, no objects read). A wrong key becomes
    /// `access_denied`, a missing bucket `config`, an endpoint that does not answer `unreachable`.
    /// Write permission shows only at the first upload.
    pub fn check(&self) -> StoreResult<()> {
        let top = self.prefix.trim_end_matches('/');
        let top = (!top.is_empty()).then(|| Path::from(top));
        match self.block_on(self.s3.list_with_delimiter(top.as_ref())) {
            Ok(_) => Ok(()),
            // A 404 on a listing means the bucket (or the endpoint's path) is wrong.
            Err(error) if classify(&error) == FailureKind::NotFound => {
                Err(self.errors.scrub(StoreError::Config(format!(
                    "bucket '{}' was not found at {} (check S3_BUCKET and S3_ENDPOINT)",
                    self.errors.bucket, self.errors.endpoint
                ))))
            }
            Err(error) => Err(self.errors.map(&error, "the bucket check")),
        }
    }
}
