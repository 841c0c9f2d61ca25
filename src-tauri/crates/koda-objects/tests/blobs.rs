//! Blob round trips and conditional creates against a real S3-compatible server.

mod support;

use koda_objects::{blob_key, PutOutcome};
use support::*;

#[test]
fn put_get_round_trip() {
    let bucket = fresh_bucket("roundtrip");
    let objects = client(&bucket);
    objects.check().unwrap();
    let bytes = sample_bytes(1, 300 * 1024);
    let sha = sha256(&bytes);
    assert!(!objects.has_blob(&sha).unwrap());
    assert_eq!(
        objects.put_blob(&sha, bytes.clone()).unwrap(),
        PutOutcome::Created
    );
    assert!(objects.has_blob(&sha).unwrap());
    assert_eq!(objects.get_blob(&sha).unwrap(), bytes);
    assert_eq!(
        objects.list_blobs().unwrap(),
        vec![(sha.clone(), bytes.len() as u64)]
    );
    objects.delete_blob(&sha).unwrap();
    assert!(!objects.has_blob(&sha).unwrap());
    // Deleting what is gone is fine; reading it is `not_found`.
    objects.delete_blob(&sha).unwrap();
    assert_eq!(objects.get_blob(&sha).unwrap_err().code(), "not_found");
}

#[test]
fn same_bytes_twice_is_success() {
    let bucket = fresh_bucket("samebytes");
    let objects = client(&bucket);
    let bytes = sample_bytes(2, 1000);
    let sha = sha256(&bytes);
    assert_eq!(
        objects.put_blob(&sha, bytes.clone()).unwrap(),
        PutOutcome::Created
    );
    assert_eq!(
        objects.put_blob(&sha, bytes.clone()).unwrap(),
        PutOutcome::AlreadyPresent
    );
    assert_eq!(objects.get_blob(&sha).unwrap(), bytes);
}

#[test]
fn a_create_never_overwrites_other_bytes() {
    let bucket = fresh_bucket("noclobber");
    let objects = client(&bucket);
    let bytes = sample_bytes(3, 1000);
    let sha = sha256(&bytes);
    let other = sample_bytes(4, 700);
    let key = blob_key(objects.prefix(), &sha).unwrap();
    plant_object(&bucket, key.as_ref(), &other);

    let error = objects.put_blob(&sha, bytes).unwrap_err();
    assert_eq!(error.code(), "damaged_file", "{error}");
    assert!(error.to_string().contains("left untouched"), "{error}");
    assert_eq!(objects.get_blob(&sha).unwrap(), other, "overwritten");
}

#[test]
fn refuses_bytes_that_do_not_match_the_hash() {
    let bucket = fresh_bucket("wronghash");
    let objects = client(&bucket);
    let sha = sha256(b"the real bytes");
    let error = objects.put_blob(&sha, &b"other bytes"[..]).unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert!(!objects.has_blob(&sha).unwrap());
    assert_eq!(
        objects.put_blob("../escape", &b"x"[..]).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn listing_skips_foreign_keys() {
    let bucket = fresh_bucket("foreign");
    let objects = client(&bucket);
    let bytes = sample_bytes(5, 10);
    let sha = sha256(&bytes);
    objects.put_blob(&sha, bytes).unwrap();
    plant_object(&bucket, "koda/blobs/readme.txt", b"hi");
    plant_object(&bucket, "elsewhere/file", b"hi");
    assert_eq!(objects.list_blobs().unwrap(), vec![(sha, 10)]);
}
