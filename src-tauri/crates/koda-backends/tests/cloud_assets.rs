//! Asset files through a real S3-compatible server: a file added on one device is uploaded in
//! the background and appears on another device on first use, verified; offline is reported,
//! not fatal.

use koda_assets::blobs::BlobStore;
use koda_backends::CloudAssets;
use koda_objects::{FetchOutcome, ObjectConfig, Provider, SecretKey};
use std::io::{Read, Write};

fn endpoint() -> String {
    std::env::var("KODA_TEST_S3_ENDPOINT").expect(
        "KODA_TEST_S3_ENDPOINT is not set: start the test servers with `source .ci/setup && source .ci/servers`",
    )
}

/// A new bucket on the test server (`PUT /<bucket>`; the server does not check signatures).
fn fresh_bucket() -> String {
    let name = format!("koda-backends-{}", uuid::Uuid::new_v4().simple());
    let host = endpoint()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&host).unwrap();
    write!(
        stream,
        "PUT /{name} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    name
}

fn config(endpoint: String, bucket: &str) -> ObjectConfig {
    ObjectConfig {
        provider: Provider::S3,
        bucket: bucket.to_owned(),
        region: "us-east-1".into(),
        endpoint: Some(endpoint),
        access_key: "test".into(),
        secret_key: SecretKey::new("test-secret"),
        prefix: "koda/".into(),
    }
}

#[test]
fn a_file_added_on_one_device_opens_on_another() {
    let bucket = fresh_bucket();
    let laptop = tempfile::tempdir().unwrap();
    let studio = tempfile::tempdir().unwrap();
    let (sha, _) = BlobStore::new(laptop.path().join("assets"))
        .unwrap()
        .put(b"pretend this is a PNG")
        .unwrap();

    let up = CloudAssets::open(laptop.path(), &config(endpoint(), &bucket)).unwrap();
    let report = up.upload_now().unwrap();
    assert_eq!((report.uploaded, report.pending), (1, 0));
    assert_eq!(up.status().uploaded, 1);
    // Nothing new: the next pass uploads nothing.
    assert_eq!(up.upload_now().unwrap().uploaded, 0);

    let down = CloudAssets::open(studio.path(), &config(endpoint(), &bucket)).unwrap();
    assert!(matches!(
        down.ensure_local(&sha).unwrap(),
        FetchOutcome::Downloaded { .. }
    ));
    let local = BlobStore::new(studio.path().join("assets")).unwrap();
    assert_eq!(local.read(&sha).unwrap(), b"pretend this is a PNG");
    assert!(matches!(
        down.ensure_local(&sha).unwrap(),
        FetchOutcome::AlreadyLocal
    ));
}

#[test]
fn offline_is_reported_and_the_file_goes_up_later() {
    let bucket = fresh_bucket();
    let dir = tempfile::tempdir().unwrap();
    BlobStore::new(dir.path().join("assets"))
        .unwrap()
        .put(b"made on a plane")
        .unwrap();
    let offline =
        CloudAssets::open(dir.path(), &config("http://127.0.0.1:1".into(), &bucket)).unwrap();
    let error = offline.upload_now().unwrap_err();
    assert_eq!(error.code(), "unreachable", "{error}");
    assert_eq!(offline.status().last_error.unwrap().code, "unreachable");
    drop(offline);
    let online = CloudAssets::open(dir.path(), &config(endpoint(), &bucket)).unwrap();
    assert_eq!(online.upload_now().unwrap().uploaded, 1);
    assert!(online.status().last_error.is_none());
}
