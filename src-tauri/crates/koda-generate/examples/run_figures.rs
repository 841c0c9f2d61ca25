//! Figures for the run queue against the stand-in fal server (answers at once, so everything
//! measured is Koda's own work): the overhead of one run, and resuming 50 interrupted runs.
//!
//!     cargo run --release -p koda-generate --features stand-in --example run_figures

use koda_assets::AssetStore;
use koda_core::{CanvasEdge, CanvasNode, JsonText, Store, StoredCanvas};
use koda_generate::stand_in::{FalStandIn, STAND_IN_KEY};
use koda_generate::{FalConfig, Runner, RunnerConfig};
use koda_secrets::{ApiKeys, Secret};
use koda_sqlite::SqliteStore;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn main() {
    let fal = FalStandIn::start();
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open_file(&dir.path().join("koda.db")).unwrap());
    let assets = Arc::new(AssetStore::new(dir.path(), store.clone()).unwrap());
    let keys = ApiKeys::file_only(dir.path());
    keys.set("fal", &Secret::new(STAND_IN_KEY)).unwrap();
    let config = RunnerConfig {
        fal: FalConfig {
            queue_url: fal.base.clone(),
            timeout: Duration::from_secs(10),
            attempts: 3,
            backoff: Duration::from_millis(10),
        },
        poll_every: Duration::ZERO,
        give_up_after: Duration::from_secs(60),
        fetch: koda_fetch::FetchLimits::default(),
    };
    let runner = Runner::new(store.clone(), assets, keys, config);
    let mut canvas = StoredCanvas::new("Figures", 1);
    let mut text = CanvasNode::new("t", "text", 0.0, 0.0);
    text.data = JsonText::parse(r#"{"content":"a lighthouse images:2"}"#).unwrap();
    let mut image = CanvasNode::new("img", "imageGenerator", 400.0, 0.0);
    image.data = JsonText::parse(r#"{"model":"flux-schnell","imageCount":2}"#).unwrap();
    let mut edge = CanvasEdge::new("e", "t", "img");
    edge.target_handle = Some("text".into());
    canvas.nodes = vec![text, image];
    canvas.edges = vec![edge];
    store.save_canvas(&canvas).unwrap();

    let mut to_request = Vec::new();
    let mut whole = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        let queued = runner.enqueue(&canvas.id, "img").unwrap();
        to_request.push(started.elapsed());
        runner.drive(&queued.id).unwrap();
        whole.push(started.elapsed());
    }
    println!(
        "enqueue (row written, before the request leaves): median {:.2} ms",
        median(&mut to_request)
    );
    println!("whole run, provider answering at once (4 HTTP calls, 2 downloads, 2 assets, 1 transaction): median {:.1} ms", median(&mut whole));

    // 50 runs interrupted after fal accepted them: submitted, never followed.
    let mut ids = Vec::new();
    for _ in 0..50 {
        let queued = runner.enqueue(&canvas.id, "img").unwrap();
        runner.send(&queued.id).unwrap();
        ids.push(queued.id);
    }
    let before = fal.total_submissions();
    let resume_started = Instant::now();
    let resumed = runner.resume_open().unwrap();
    let took = resume_started.elapsed();
    let completed = resumed
        .iter()
        .filter(|(_, r)| {
            r.as_ref()
                .is_ok_and(|g| g.status == koda_core::GenerationStatus::Completed)
        })
        .count();
    println!(
        "resume 50 interrupted runs: {:.0} ms, {completed} completed, {} submitted again",
        took.as_secs_f64() * 1000.0,
        fal.total_submissions() - before
    );
}

fn median(samples: &mut [Duration]) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}
