//! Shared by the integration tests: the S3-compatible test server, a fresh bucket per test, and
//! a second, unchecked client for planting objects the way another device (or an attacker) could.

#![allow(dead_code)] // Each test file uses a different part.

use koda_objects::{ConnectionSettings, ObjectAssets, ObjectConfig};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::{ObjectStoreExt, PutPayload};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The secret every test client uses; no output may ever contain it.
pub const TEST_SECRET: &str = "test-secret-Zq9v7XkP2m";

/// The server's URL, from `KODA_TEST_S3_ENDPOINT`.
pub fn endpoint() -> String {
    std::env::var("KODA_TEST_S3_ENDPOINT").unwrap_or_else(|_| {
        panic!(
            "KODA_TEST_S3_ENDPOINT is not set: these tests need an S3-compatible server \
             (e.g. KODA_TEST_S3_ENDPOINT=http://127.0.0.1:19000; .ci/servers starts one)"
        )
    })
}

/// Creates an empty bucket with a name no other test uses and returns the name.
pub fn fresh_bucket(test: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let name = format!(
        "koda-{test}-{}-{nanos}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
    .replace('_', "-");
    let name: String = name.chars().take(63).collect();
    create_bucket(&endpoint(), &name);
    name
}

/// `PUT /<bucket>` over plain HTTP (the test server does not check signatures).
fn create_bucket(endpoint: &str, bucket: &str) {
    let host = endpoint
        .strip_prefix("http://")
        .expect("the test server speaks plain http")
        .trim_end_matches('/');
    let mut stream = TcpStream::connect(host)
        .unwrap_or_else(|e| panic!("cannot reach the S3 test server at {endpoint}: {e}"));
    write!(
        stream,
        "PUT /{bucket} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.lines().next().unwrap_or_default();
    assert!(
        status.contains(" 200"),
        "creating bucket {bucket} failed: {answer}"
    );
}

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
