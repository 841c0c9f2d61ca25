//! The upload queue: durable across a crash, patient while offline.

mod support;

use koda_assets::blobs::BlobStore;
use koda_objects::UploadQueue;
use std::sync::{mpsc, Arc};
use std::time::Duration;
use support::*;

fn local_blobs(data_dir: &std::path::Path, count: u8) -> Vec<(String, Vec<u8>)> {
    let blobs = BlobStore::new(data_dir.join("assets")).unwrap();
    (0..count)
        .map(|i| {
            let bytes = sample_bytes(i, 10_000 + i as usize);
            let (sha, _) = blobs.put(&bytes).unwrap();
            (sha, bytes)
        })
        .collect()
}

#[test]
fn survives_a_crash_between_enqueue_and_upload() {
    let bucket = fresh_bucket("queuecrash");
    let data = tempfile::tempdir().unwrap();
    let items = local_blobs(data.path(), 3);
    {
        let queue = UploadQueue::open(data.path(), Arc::new(client(&bucket))).unwrap();
        for (sha, _) in &items {
            queue.enqueue(sha).unwrap();
        }
        // Dropped without running: the "crash".
    }
    let objects = Arc::new(client(&bucket));
    let queue = UploadQueue::open(data.path(), objects.clone()).unwrap();
    assert_eq!(queue.pending().unwrap().len(), 3);
    let report = queue.run_once().unwrap();
    assert_eq!((report.uploaded, report.failed, report.pending), (3, 0, 0));
    for (sha, bytes) in &items {
        assert_eq!(&objects.get_blob(sha).unwrap(), bytes);
    }
    // Nothing left: a second pass does nothing.
    let again = queue.run_once().unwrap();
    assert_eq!((again.uploaded, again.pending), (0, 0));
}

#[test]
fn keeps_items_while_offline_then_uploads_them() {
    let bucket = fresh_bucket("queueoffline");
    let data = tempfile::tempdir().unwrap();
    let items = local_blobs(data.path(), 4);

    let offline = UploadQueue::open(data.path(), Arc::new(unreachable_client(&bucket))).unwrap();
    for (sha, _) in &items {
        offline.enqueue(sha).unwrap();
    }
    let report = offline.run_once().unwrap();
    assert_eq!(report.uploaded, 0);
    assert!(report.failed >= 1, "{report:?}");
    assert_eq!(report.pending, 4);
    assert_eq!(report.last_error.as_ref().unwrap().code, "unreachable");
    assert!(!report.last_error.unwrap().message.contains(TEST_SECRET));
    drop(offline);

    let online = UploadQueue::open(data.path(), Arc::new(client(&bucket))).unwrap();
    let report = online.run_once().unwrap();
    assert_eq!((report.uploaded, report.failed, report.pending), (4, 0, 0));
}

#[test]
fn already_uploaded_and_locally_missing_blobs_leave_the_queue() {
    let bucket = fresh_bucket("queuedone");
    let data = tempfile::tempdir().unwrap();
    let items = local_blobs(data.path(), 2);
    let objects = Arc::new(client(&bucket));
    objects.put_blob(&items[0].0, items[0].1.clone()).unwrap();
    let queue = UploadQueue::open(data.path(), objects).unwrap();
    queue.enqueue(&items[0].0).unwrap();
    let gone = sha256(b"removed from disk before its upload");
    queue.enqueue(&gone).unwrap();
    let report = queue.run_once().unwrap();
    assert_eq!(
        (
            report.already_present,
            report.missing_locally,
            report.pending
        ),
        (1, 1, 0)
    );
}

#[test]
fn the_worker_uploads_in_the_background_when_woken() {
    let bucket = fresh_bucket("queueworker");
    let data = tempfile::tempdir().unwrap();
    let items = local_blobs(data.path(), 2);
    let objects = Arc::new(client(&bucket));
    let queue = Arc::new(UploadQueue::open(data.path(), objects.clone()).unwrap());
    let (reports, inbox) = mpsc::channel();
    let worker = queue
        .spawn(Duration::from_secs(3600), move |report| {
            let _ = reports.send(report.as_ref().map(|r| r.uploaded).unwrap_or(0));
        })
        .unwrap();
    // The first pass runs at start, with nothing queued.
    assert_eq!(inbox.recv_timeout(Duration::from_secs(30)).unwrap(), 0);
    for (sha, _) in &items {
        queue.enqueue(sha).unwrap();
    }
    worker.wake();
    assert_eq!(inbox.recv_timeout(Duration::from_secs(30)).unwrap(), 2);
    worker.stop();
    assert!(objects.has_blob(&items[1].0).unwrap());
}
