//! Upload and download figures against an S3-compatible server:
//! `KODA_TEST_S3_ENDPOINT=http://127.0.0.1:19000 cargo run --release -p koda-objects --example object_figures`
//! Creates a fresh bucket, uploads 200 blobs of 256 KiB one by one and 200 more through the upload
//! queue (4 at a time), then reads them back and fetches them into an empty local cache.

use koda_assets::blobs::{sha256_hex, BlobStore};
use koda_objects::{ObjectAssets, ObjectConfig, UploadQueue};
use std::io::{Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

const COUNT: usize = 200;
const SIZE: usize = 256 * 1024;

fn main() {
    let endpoint = std::env::var("KODA_TEST_S3_ENDPOINT").expect(
        "set KODA_TEST_S3_ENDPOINT to an S3-compatible server, e.g. http://127.0.0.1:19000",
    );
    let bucket = format!("koda-figures-{}", std::process::id());
    create_bucket(&endpoint, &bucket);
    let vars = [
        ("ASSET_STORAGE", "s3"),
        ("S3_BUCKET", bucket.as_str()),
        ("S3_ACCESS_KEY", "figures"),
        ("S3_SECRET_KEY", "figures-secret"),
        ("S3_ENDPOINT", endpoint.as_str()),
    ];
    let config = ObjectConfig::from_env_with(|name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    })
    .unwrap()
    .unwrap();
    let objects = Arc::new(ObjectAssets::open(&config).unwrap());
    objects.check().unwrap();

    let blobs: Vec<Vec<u8>> = (0..2 * COUNT).map(blob).collect();
    let hashes: Vec<String> = blobs.iter().map(|b| sha256_hex(b)).collect();
    println!(
        "{COUNT} blobs of {} KiB per run, server {endpoint}",
        SIZE / 1024
    );

    let started = Instant::now();
    for (sha, bytes) in hashes.iter().zip(&blobs).take(COUNT) {
        objects.put_blob(sha, bytes.clone()).unwrap();
    }
    report("put_blob, one at a time", started.elapsed());

    let data = tempfile::tempdir().unwrap();
    let local = BlobStore::new(data.path().join("assets")).unwrap();
    let queue = UploadQueue::open(data.path(), objects.clone()).unwrap();
    for bytes in &blobs[COUNT..] {
        let (sha, _) = local.put(bytes).unwrap();
        queue.enqueue(&sha).unwrap();
    }
    let started = Instant::now();
    let done = queue.run_once().unwrap();
    assert_eq!(done.uploaded, COUNT, "{done:?}");
    report(
        &format!("upload queue, {} at a time", objects.settings().concurrency),
        started.elapsed(),
    );

    let started = Instant::now();
    for (sha, bytes) in hashes.iter().zip(&blobs).take(COUNT) {
        objects.put_blob(sha, bytes.clone()).unwrap();
    }
    report("put_blob again (already present)", started.elapsed());

    let started = Instant::now();
    for (sha, bytes) in hashes.iter().zip(&blobs).take(COUNT) {
        assert_eq!(&objects.get_blob(sha).unwrap(), bytes);
    }
    report("get_blob, one at a time", started.elapsed());

    let cache_dir = tempfile::tempdir().unwrap();
    let cache = BlobStore::new(cache_dir.path().join("assets")).unwrap();
    let started = Instant::now();
    for sha in hashes.iter().take(COUNT) {
        objects.fetch_to_cache(&cache, sha).unwrap();
    }
    report(
        "fetch_to_cache (download, verify, fsync)",
        started.elapsed(),
    );
    let started = Instant::now();
    for sha in hashes.iter().take(COUNT) {
        objects.fetch_to_cache(&cache, sha).unwrap();
    }
    let took = started.elapsed();
    println!(
        "{:44} {:>7.1} ms  ({:.1} µs per blob, no request)",
        "fetch_to_cache, already local",
        ms(took),
        ms(took) * 1000.0 / COUNT as f64
    );

    let started = Instant::now();
    let listed = objects.list_blobs().unwrap();
    println!(
        "list_blobs: {} objects in {:.1} ms",
        listed.len(),
        ms(started.elapsed())
    );
}

fn blob(seed: usize) -> Vec<u8> {
    let mut state = seed as u64 + 1;
    (0..SIZE)
        .map(|_| {
            // xorshift: cheap bytes that differ per blob and do not compress
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

fn report(what: &str, took: Duration) {
    let mib = (COUNT * SIZE) as f64 / (1024.0 * 1024.0);
    println!(
        "{what:44} {:>7.0} ms  {:>6.1} MiB/s  {:>6.0} objects/s",
        ms(took),
        mib / took.as_secs_f64(),
        COUNT as f64 / took.as_secs_f64()
    );
}

fn ms(took: Duration) -> f64 {
    took.as_secs_f64() * 1000.0
}

fn create_bucket(endpoint: &str, bucket: &str) {
    let host = endpoint
        .strip_prefix("http://")
        .expect("a plain-http test server")
        .trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "PUT /{bucket} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}
