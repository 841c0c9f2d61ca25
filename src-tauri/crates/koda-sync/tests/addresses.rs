//! Where a token may go, what a new address gets, and what a wrong clock may do.

mod support;

use koda_core::*;
use koda_sqlite::SqliteStore;
use koda_sync::SyncEngine;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use support::{Device, Server};

/// A loopback HTTP listener that records the headers of every request and answers 500.
struct Recorder {
    url: String,
    seen: Arc<Mutex<String>>,
}

impl Recorder {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let seen = Arc::new(Mutex::new(String::new()));
        let record = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut buffer = [0u8; 8192];
                let read = stream.read(&mut buffer).unwrap_or(0);
                record
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..read]));
                let _ = stream.write_all(b"HTTP/1.1 500 Nope\r\ncontent-length: 0\r\n\r\n");
            }
        });
        Self { url, seen }
    }

    fn headers(&self) -> String {
        self.seen.lock().unwrap().to_ascii_lowercase()
    }
}

fn engine(dir: &tempfile::TempDir) -> (Arc<SqliteStore>, SyncEngine) {
    let store = Arc::new(
        SqliteStore::open(&config::DatabaseLocation::File(dir.path().join("koda.db"))).unwrap(),
    );
    let sync = SyncEngine::new(Arc::clone(&store), dir.path());
    (store, sync)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stored_token_never_goes_to_another_address() {
    let (stored, other) = (Recorder::start(), Recorder::start());
    let dir = tempfile::tempdir().unwrap();
    let (_store, sync) = engine(&dir);
    sync.enable(&stored.url, Some("tok-stored-0451")).unwrap();

    // Testing the stored address without typing the token again uses the stored one…
    let config = sync.config_for(&stored.url, None).unwrap();
    let _ = SyncEngine::test_connection(&config).await;
    assert!(
        stored.headers().contains("tok-stored-0451"),
        "the recorder sees tokens"
    );

    // …but a new address with the token field left empty gets no token at all.
    let config = sync.config_for(&other.url, None).unwrap();
    assert!(config.token.is_empty());
    let _ = SyncEngine::test_connection(&config).await;
    let headers = other.headers();
    assert!(
        headers.contains("post") || headers.contains("get"),
        "{headers}"
    );
    assert!(!headers.contains("tok-stored-0451"), "{headers}");

    // Saving the new address without a token forgets the stored one.
    sync.enable(&other.url, None).unwrap();
    assert!(!sync.has_token().unwrap());
    assert!(sync.config().unwrap().token.is_empty());
}

#[test]
fn plain_http_is_only_for_this_computer() {
    let dir = tempfile::tempdir().unwrap();
    let (_store, sync) = engine(&dir);
    for refused in [
        "http://sync.example.com",
        "ws://db.example.com:8080",
        "http://10.0.0.5:8080",
        "HTTP://Example.com/",
        "ftp://example.com",
        "example.com",
        "https://",
        "   ",
    ] {
        let error = sync.enable(refused, Some("tok")).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{refused}: {error}");
        assert!(sync.url().unwrap().is_none(), "{refused} was stored");
    }
    for allowed in [
        "libsql://koda-ann.turso.io",
        "https://koda-ann.turso.io",
        "http://127.0.0.1:8080",
        "http://localhost:8080/",
        "http://[::1]:8080",
    ] {
        sync.enable(allowed, Some("tok")).unwrap();
        assert_eq!(
            sync.url().unwrap().as_deref(),
            Some(allowed.trim_end_matches('/'))
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_address_receives_everything_already_synced() {
    let first = Server::start();
    let a = Device::new(&first);
    let canvas = StoredCanvas::new("Moves house", 1);
    a.store.save_canvas(&canvas).unwrap();
    a.sync.sync_once().await.unwrap();
    assert_eq!(a.sync.pending().unwrap(), 0);

    let second = Server::start();
    a.sync
        .enable(&second.url(), Some("unused-by-sqld"))
        .unwrap();
    assert!(
        a.sync.pending().unwrap() > 0,
        "everything is queued for the new server"
    );
    let report = a.sync.sync_once().await.unwrap();
    assert!(report.pushed > 0, "{report:?}");

    let b = Device::new(&second);
    b.sync.sync_once().await.unwrap();
    assert_eq!(
        b.store
            .get_canvas(&canvas.id)
            .unwrap()
            .map(|c| c.name)
            .as_deref(),
        Some("Moves house")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_computer_whose_clock_runs_ahead_syncs_nothing_and_loses_nothing() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let (store, sync) = engine(&dir);
    let sync = sync.with_wall_clock(|| ids::now_ms() + 24 * 3600 * 1000);
    sync.enable(&server.url(), None).unwrap();
    store
        .save_canvas(&StoredCanvas::new("Tomorrow", 1))
        .unwrap();
    let pending = sync.pending().unwrap();

    let error = sync.sync_once().await.unwrap_err();
    assert_eq!(error.code(), "config");
    assert!(error.to_string().contains("1440 minutes ahead"), "{error}");
    assert_eq!(
        sync.pending().unwrap(),
        pending,
        "the changes wait in the outbox"
    );

    let fixed = SyncEngine::new(Arc::clone(&store), dir.path());
    let report = fixed.sync_once().await.unwrap();
    assert_eq!(report.pushed as i64, pending);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pulled_row_nested_too_deep_is_refused_and_nothing_else_is_lost() {
    let server = Server::start();
    let a = Device::new(&server);
    let canvas = StoredCanvas::new("Shared", 1);
    a.store.save_canvas(&canvas).unwrap();
    a.sync.sync_once().await.unwrap();

    // Another client pushes a node whose data nests 110 levels deep.
    let deep = (0..110).fold("1".to_owned(), |inner, _| format!("{{\"a\":{inner}}}"));
    let node = format!(
        r#"{{"item":{{"id":"deep","type":"prompt","position":{{"x":0,"y":0}},"data":{deep}}},"ord":0}}"#
    );
    let remote = koda_sync::remote::Remote::connect(&server.url(), "")
        .await
        .unwrap();
    remote
        .push(&[koda_sync::remote::RemoteRow {
            entity: "node".into(),
            canvas_id: canvas.id.clone(),
            row_id: "deep".into(),
            hlc: format!("{:016}-00000-evil", ids::now_ms()),
            payload: Some(node),
            seq: 0,
        }])
        .await
        .unwrap();

    let b = Device::new(&server);
    let error = b.sync.sync_once().await.unwrap_err();
    assert_eq!(error.code(), "invalid_input", "{error}");
    assert!(error.to_string().contains("levels deep"), "{error}");
    assert!(
        b.store.get_canvas(&canvas.id).unwrap().is_none(),
        "the pull applied nothing"
    );
    assert!(a
        .store
        .get_canvas(&canvas.id)
        .unwrap()
        .unwrap()
        .nodes
        .is_empty());
}
