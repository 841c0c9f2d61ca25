//! The local cache: downloads are verified, local blobs are never fetched again.

mod support;

use koda_assets::blobs::BlobStore;
use koda_core::{CanvasNode, JsonText, StoredCanvas};
use koda_objects::{blob_key, FetchOutcome};
use support::*;

#[test]
fn fetches_a_missing_blob_once() {
    let bucket = fresh_bucket("cachefetch");
    let objects = client(&bucket);
    let data = tempfile::tempdir().unwrap();
    let blobs = BlobStore::new(data.path().join("assets")).unwrap();
    let bytes = sample_bytes(7, 50_000);
    let sha = sha256(&bytes);
    objects.put_blob(&sha, bytes.clone()).unwrap();

    assert_eq!(
        objects.fetch_to_cache(&blobs, &sha).unwrap(),
        FetchOutcome::Downloaded { bytes: 50_000 }
    );
    assert_eq!(blobs.read(&sha).unwrap(), bytes);
    // Gone from the bucket, still served locally without a request for it.
    objects.delete_blob(&sha).unwrap();
    assert_eq!(
        objects.fetch_to_cache(&blobs, &sha).unwrap(),
        FetchOutcome::AlreadyLocal
    );
}

#[test]
fn refuses_a_tampered_object() {
    let bucket = fresh_bucket("cachetamper");
    let objects = client(&bucket);
    let data = tempfile::tempdir().unwrap();
    let blobs = BlobStore::new(data.path().join("assets")).unwrap();
    let sha = sha256(b"what the canvas expects");
    let key = blob_key(objects.prefix(), &sha).unwrap();
    plant_object(&bucket, key.as_ref(), b"something else entirely");

    let error = objects.fetch_to_cache(&blobs, &sha).unwrap_err();
    assert_eq!(error.code(), "damaged_file", "{error}");
    assert!(!blobs.path(&sha).unwrap().exists());
    assert!(blobs.list().unwrap().is_empty(), "tampered bytes were kept");
}

#[test]
fn fetches_what_a_canvas_refers_to() {
    let bucket = fresh_bucket("cachecanvas");
    let objects = client(&bucket);
    let data = tempfile::tempdir().unwrap();
    let blobs = BlobStore::new(data.path().join("assets")).unwrap();
    let (a, b) = (sample_bytes(8, 1000), sample_bytes(9, 2000));
    let (sha_a, sha_b) = (sha256(&a), sha256(&b));
    objects.put_blob(&sha_a, a).unwrap();
    objects.put_blob(&sha_b, b).unwrap();
    blobs.put(&sample_bytes(9, 2000)).unwrap(); // b is already local
    let missing = sha256(b"never uploaded");

    let mut canvas = StoredCanvas::new("offline", 1);
    canvas.thumbnail = Some(format!("koda-asset://{sha_a}"));
    let mut node = CanvasNode::new("n", "media", 0.0, 0.0);
    node.data = JsonText::from_value(&serde_json::json!({
        "src": format!("koda-asset://{sha_b}"),
        "history": [format!("koda-asset://{missing}")],
    }));
    canvas.nodes.push(node);

    let report = objects.fetch_canvas(&blobs, &canvas);
    assert_eq!((report.downloaded, report.already_local), (1, 1));
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].0, missing);
    assert_eq!(report.failed[0].1.code, "not_found");
    assert!(blobs.path(&sha_a).unwrap().exists());
}
