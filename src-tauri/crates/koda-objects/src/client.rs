//! `ObjectAssets`: a client for one bucket, with a tokio runtime of its own so the rest of Koda
//! can call it from plain threads (or `spawn_blocking`) without being async itself.

use crate::config::{normalize_prefix, ObjectConfig};
use crate::errors::ErrorContext;
use koda_core::{StoreError, StoreResult};
use object_store::aws::{AmazonS3, AmazonS3Builder, S3ConditionalPut};
use object_store::{BackoffConfig, ClientOptions, RetryConfig};
use std::future::Future;
use std::sync::{Arc, Once};
use std::time::Duration;
use tokio::runtime::Runtime;

/// How hard to try. The defaults suit a desktop on a home connection.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionSettings {
    /// Retries of a request after a network error, a 5xx or a 429 (so `retries + 1` attempts).
    pub retries: usize,
    /// The first pause between attempts; it doubles each time, up to 2 s.
    pub first_backoff: Duration,
    /// How long to wait for a connection before calling the service unreachable.
    pub connect_timeout: Duration,
    /// How long one request may take in all (large uploads need minutes).
    pub request_timeout: Duration,
    /// How many uploads or downloads run at once in batch operations.
    pub concurrency: usize,
}

impl Default for ConnectionSettings {
    fn default() -> Self {
        Self {
            retries: 3,
            first_backoff: Duration::from_millis(200),
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(10 * 60),
            concurrency: 4,
        }
    }
}

/// Asset blobs in an S3-compatible bucket. Every method blocks the calling thread; do not call
/// them from inside an async task (use `spawn_blocking`).
pub struct ObjectAssets {
    pub(crate) s3: Arc<AmazonS3>,
    pub(crate) prefix: String,
    pub(crate) errors: ErrorContext,
    pub(crate) settings: ConnectionSettings,
    /// `Option` only so `Drop` can shut it down without blocking (see below).
    runtime: Option<Runtime>,
}

impl ObjectAssets {
    /// A client with the default [`ConnectionSettings`]. Makes no request; see
    /// [`ObjectAssets::check`].
    pub fn open(config: &ObjectConfig) -> StoreResult<Self> {
        Self::open_with(config, ConnectionSettings::default())
    }

    /// A client with explicit settings.
    pub fn open_with(config: &ObjectConfig, settings: ConnectionSettings) -> StoreResult<Self> {
        config.validate()?;
        install_tls_provider();
        let errors = ErrorContext {
            bucket: config.bucket.clone(),
            endpoint: config.endpoint_label(),
            secret: config.secret_key.clone(),
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("koda-objects")
            .enable_all()
            .build()
            .map_err(|e| StoreError::Io(format!("could not start the storage runtime: {e}")))?;
        let retry = RetryConfig {
            backoff: BackoffConfig {
                init_backoff: settings.first_backoff,
                max_backoff: Duration::from_secs(2),
                base: 2.0,
            },
            max_retries: settings.retries,
            retry_timeout: Duration::from_secs(60),
        };
        let options = ClientOptions::new()
            .with_allow_http(true)
            .with_connect_timeout(settings.connect_timeout)
            .with_timeout(settings.request_timeout);
        let mut builder = AmazonS3Builder::new()
            .with_region(&config.region)
            .with_bucket_name(&config.bucket)
            .with_access_key_id(&config.access_key)
            .with_secret_access_key(config.secret_key.expose())
            .with_allow_http(true)
            .with_conditional_put(S3ConditionalPut::ETagMatch)
            .with_retry(retry)
            .with_client_options(options);
        builder = match &config.endpoint {
            // R2, Supabase, MinIO and test servers want the bucket in the path.
            Some(endpoint) => builder
                .with_endpoint(endpoint)
                .with_virtual_hosted_style_request(false),
            None => builder,
        };
        let s3 = builder
            .build()
            .map_err(|e| errors.scrub(StoreError::Config(format!("object storage: {e}"))))?;
        Ok(Self {
            s3: Arc::new(s3),
            prefix: normalize_prefix(&config.prefix)?,
            errors,
            settings,
            runtime: Some(runtime),
        })
    }

    /// The key prefix in use (empty, or ending with `/`).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The settings this client was opened with.
    pub fn settings(&self) -> &ConnectionSettings {
        &self.settings
    }

    /// Runs `future` on the client's runtime, blocking this thread until it is done.
    pub(crate) fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime
            .as_ref()
            .expect("the runtime lives as long as the client")
            .block_on(future)
    }
}

impl Drop for ObjectAssets {
    fn drop(&mut self) {
        // Dropping a runtime blocks until its tasks end, which panics inside an async context;
        // nothing here needs a graceful end (unfinished uploads stay queued on disk).
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// reqwest is built with rustls but no bundled crypto, so Koda uses ring throughout; rustls needs
/// a process-wide provider for that. If another part of the process installed one, it is kept.
fn install_tls_provider() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}
