//! Shared by the integration tests: the S3-compatible test server, a fresh bucket per test, and
//! a second, unchecked client for planting objects the way another device (or an attacker) could.

#![allow(dead_code)] // Each test file uses a different part.

use koda_objects::{ConnectionSettings, ObjectAssets, ObjectConfig};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::{ObjectStoreExt, PutPayload};
use std::time::Duration;

/// The secret every test client uses; no output may ever contain it.
pub const TEST_SECRET: &str = "test-secret-Zq9v7XkP2m";

pub use koda_core::conformance::servers::{fresh_bucket, s3_endpoint as endpoint};

/// A configuration for `bucket` on the test server, read the way the app reads it.
pub fn config_for(bucket: &str) -> ObjectConfig {
    config_at(&endpoint(), bucket)
}

pub fn config_at(endpoint: &str, bucket: &str) -> ObjectConfig {
    let vars = [
        ("ASSET_STORAGE", "s3"),
        ("S3_BUCKET", bucket),
        ("S3_REGION", "us-east-1"),
        ("S3_ACCESS_KEY", "test-access-key"),
        ("S3_SECRET_KEY", TEST_SECRET),
        ("S3_ENDPOINT", endpoint),
    ];
    ObjectConfig::from_env_with(|name| {
        vars.iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    })
    .unwrap()
    .expect("ASSET_STORAGE=s3 gives a configuration")
}

/// Settings that give up fast, so the offline tests do not wait.
pub fn quick_settings() -> ConnectionSettings {
    ConnectionSettings {
        retries: 1,
        first_backoff: Duration::from_millis(20),
        connect_timeout: Duration::from_secs(2),
        ..ConnectionSettings::default()
    }
}

pub fn client(bucket: &str) -> ObjectAssets {
    ObjectAssets::open_with(&config_for(bucket), quick_settings()).unwrap()
}

/// A client pointed at a port nothing listens on.
pub fn unreachable_client(bucket: &str) -> ObjectAssets {
    ObjectAssets::open_with(&config_at("http://127.0.0.1:1", bucket), quick_settings()).unwrap()
}

/// Writes `bytes` at `key` directly, with no hash check and overwriting: what a buggy or hostile
/// writer could leave in the bucket.
pub fn plant_object(bucket: &str, key: &str, bytes: &[u8]) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let store: AmazonS3 = AmazonS3Builder::new()
        .with_endpoint(endpoint())
        .with_allow_http(true)
        .with_virtual_hosted_style_request(false)
        .with_region("us-east-1")
        .with_bucket_name(bucket)
        .with_access_key_id("test-access-key")
        .with_secret_access_key(TEST_SECRET)
        .build()
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime
        .block_on(store.put(&key.into(), PutPayload::from(bytes.to_vec())))
        .unwrap();
}

/// Deterministic bytes of `len` that differ per `seed`.
pub fn sample_bytes(seed: u8, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

pub fn sha256(bytes: &[u8]) -> String {
    koda_assets::blobs::sha256_hex(bytes)
}
