//! Asset files through a real S3-compatible server: a file added on one device is uploaded in
//! the background and appears on another device on first use, verified; offline is reported,
//! not fatal.

use koda_assets::blobs::BlobStore;
use koda_backends::CloudAssets;
use koda_core::conformance::servers::{fresh_bucket, s3_endpoint as endpoint};
use koda_objects::{FetchOutcome, ObjectConfig, Provider, Secret};

fn config(endpoint: String, bucket: &str) -> ObjectConfig {
    ObjectConfig {
        provider: Provider::S3,
        bucket: bucket.to_owned(),
        region: "us-east-1".into(),
        endpoint: Some(endpoint),
        access_key: "test".into(),
        secret_key: Secret::new("test-secret"),
        prefix: "koda/".into(),
    }
}

#[test]
fn a_file_added_on_one_device_opens_on_another() {
    let bucket = fresh_bucket("backends");
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
    let bucket = fresh_bucket("backends");
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
