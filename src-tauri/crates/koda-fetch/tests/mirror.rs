//! Remote outputs against a real HTTP server on 127.0.0.1: kept on first look, found again
//! offline, and HTML, huge or unreachable answers refused clearly with nothing stored.

use koda_assets::AssetStore;
use koda_core::{Store, StoreError};
use koda_fetch::{mirror_remote, FetchLimits};
use koda_sqlite::SqliteStore;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A tiny HTTP/1.1 server: `/png` a PNG, `/html` a web page, `/huge` a body over the limit.
struct Server {
    base: String,
    hits: Arc<AtomicUsize>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

fn png() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::new_rgb8(3, 2)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (hits2, stop2) = (hits.clone(), stop.clone());
    std::thread::spawn(move || {
        while !stop2.load(Ordering::SeqCst) {
            let Ok((mut stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            stream.set_nonblocking(false).unwrap();
            hits2.fetch_add(1, Ordering::SeqCst);
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            reader.read_line(&mut line).unwrap();
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                if header.trim().is_empty() {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let (status, kind, body): (&str, &str, Vec<u8>) = match path.as_str() {
                "/png" => ("200 OK", "image/png", png()),
                "/html" => (
                    "200 OK",
                    "image/png",
                    b"<!DOCTYPE html><html><body>Sign in</body></html>".to_vec(),
                ),
                "/huge" => ("200 OK", "video/mp4", vec![0u8; 4096]),
                _ => ("404 Not Found", "text/plain", b"no".to_vec()),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    Server { base, hits, stop }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn open() -> (tempfile::TempDir, Arc<dyn Store>, AssetStore) {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open_file(&dir.path().join("koda.db")).unwrap());
    let assets = AssetStore::new(dir.path(), store.clone()).unwrap();
    (dir, store, assets)
}

fn limits() -> FetchLimits {
    FetchLimits {
        max_bytes: 1024,
        timeout: Duration::from_secs(5),
    }
}

#[test]
fn keeps_a_remote_output_and_finds_it_again_offline() {
    let (_dir, store, assets) = open();
    let server = serve();
    let url = format!("{}/png", server.base);
    let first = mirror_remote(&*store, &assets, &url, None, None, &limits()).unwrap();
    assert!(first.downloaded);
    assert_eq!(
        assets.read(&first.sha256).unwrap(),
        png(),
        "stored bytes are the served bytes"
    );
    drop(server); // offline from here on
    std::thread::sleep(Duration::from_millis(20));
    let again = mirror_remote(&*store, &assets, &url, None, None, &limits()).unwrap();
    assert!(!again.downloaded);
    assert_eq!(again.sha256, first.sha256);
    assert_eq!(
        store
            .find_asset_by_url(&url)
            .unwrap()
            .unwrap()
            .url
            .as_deref(),
        Some(url.as_str())
    );
}

#[test]
fn refuses_html_huge_and_unreachable_outputs_and_stores_nothing() {
    let (_dir, store, assets) = open();
    let server = serve();
    let html = mirror_remote(
        &*store,
        &assets,
        &format!("{}/html", server.base),
        None,
        None,
        &limits(),
    );
    match html {
        Err(StoreError::Invalid { message, .. }) => assert!(message.contains("HTML"), "{message}"),
        other => panic!("{other:?}"),
    }
    let huge = mirror_remote(
        &*store,
        &assets,
        &format!("{}/huge", server.base),
        None,
        None,
        &limits(),
    );
    assert!(
        matches!(huge, Err(StoreError::TooLarge { size: 4096, .. })),
        "{huge:?}"
    );
    let missing = mirror_remote(
        &*store,
        &assets,
        &format!("{}/gone", server.base),
        None,
        None,
        &limits(),
    );
    assert!(matches!(missing, Err(StoreError::Remote(_))), "{missing:?}");
    let base = server.base.clone();
    drop(server);
    std::thread::sleep(Duration::from_millis(20));
    let down = mirror_remote(
        &*store,
        &assets,
        &format!("{base}/png"),
        None,
        None,
        &limits(),
    );
    assert!(matches!(down, Err(StoreError::Unreachable(_))), "{down:?}");
    assert!(store.list_assets(None).unwrap().is_empty());
}

#[test]
fn a_second_look_makes_no_request() {
    let (_dir, store, assets) = open();
    let server = serve();
    let url = format!("{}/png", server.base);
    mirror_remote(&*store, &assets, &url, None, None, &limits()).unwrap();
    mirror_remote(&*store, &assets, &url, None, None, &limits()).unwrap();
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);
}
