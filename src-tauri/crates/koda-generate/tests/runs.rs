//! Runs against the stand-in fal server (fal's published queue protocol on 127.0.0.1), through
//! the same client, queue and asset code as the app: every outcome is a typed, recorded state.

use koda_assets::AssetStore;
use koda_core::{
    CanvasEdge, CanvasNode, GenerationStatus, JsonText, Store, StoreError, StoredCanvas,
};
use koda_generate::stand_in::{FalStandIn, STAND_IN_KEY};
use koda_generate::{FalConfig, Runner, RunnerConfig};
use koda_secrets::{ApiKeys, Secret};
use koda_sqlite::SqliteStore;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

struct World {
    _dir: tempfile::TempDir,
    store: Arc<dyn Store>,
    assets: Arc<AssetStore>,
    runner: Runner,
}

fn config(base: &str) -> RunnerConfig {
    RunnerConfig {
        fal: FalConfig {
            queue_url: base.to_owned(),
            timeout: Duration::from_millis(800),
            attempts: 3,
            backoff: Duration::from_millis(10),
        },
        poll_every: Duration::from_millis(10),
        give_up_after: Duration::from_secs(20),
        fetch: koda_fetch::FetchLimits::default(),
    }
}

fn world(base: &str, key: &str) -> World {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open_file(&dir.path().join("koda.db")).unwrap());
    let assets = Arc::new(AssetStore::new(dir.path(), store.clone()).unwrap());
    let keys = ApiKeys::file_only(dir.path());
    keys.set("fal", &Secret::new(key)).unwrap();
    let runner = Runner::new(store.clone(), assets.clone(), keys, config(base));
    World {
        _dir: dir,
        store,
        assets,
        runner,
    }
}

/// A text node wired into an image node, as Koda web draws it.
fn canvas(store: &dyn Store, words: &str, image_data: serde_json::Value) -> StoredCanvas {
    let mut canvas = StoredCanvas::new("Runs", 1);
    let mut text = CanvasNode::new("t", "text", 0.0, 0.0);
    text.data = JsonText::from_value(&json!({"content": words}));
    let mut image = CanvasNode::new("img", "imageGenerator", 400.0, 0.0);
    image.data = JsonText::from_value(&image_data);
    let mut edge = CanvasEdge::new("e", "t", "img");
    edge.source_handle = Some("output".into());
    edge.target_handle = Some("text".into());
    canvas.nodes = vec![text, image];
    canvas.edges = vec![edge];
    store.save_canvas(&canvas).unwrap();
    canvas
}

fn node_data(store: &dyn Store, canvas: &StoredCanvas, node: &str) -> serde_json::Value {
    let stored = store.get_canvas(&canvas.id).unwrap().unwrap();
    stored
        .nodes
        .iter()
        .find(|n| n.id == node)
        .unwrap()
        .data
        .to_value()
}

#[test]
fn a_run_with_two_outputs_completes_and_writes_them_into_the_node() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    let c = canvas(
        &*w.store,
        "a lighthouse at dusk images:2",
        json!({"model": "flux-schnell", "imageCount": 2, "aspectRatio": "16:9", "keep": "me"}),
    );
    let queued = w.runner.enqueue(&c.id, "img").unwrap();
    assert_eq!(queued.status, GenerationStatus::Pending);
    assert_eq!(
        queued.parameters.as_ref().unwrap().to_value()["image_size"],
        "landscape_16_9"
    );
    assert_eq!(
        queued.parameters.as_ref().unwrap().to_value()["num_images"],
        2
    );
    assert_eq!(queued.run.as_ref().unwrap().cost_usd, Some(0.006));
    let done = w.runner.drive(&queued.id).unwrap();
    assert_eq!(
        done.status,
        GenerationStatus::Completed,
        "{:?}",
        done.error_message
    );
    let run = done.run.clone().unwrap();
    assert_eq!(run.result_asset_ids.len(), 2);
    assert!(run.request_id.is_some());
    assert_eq!(fal.submissions("lighthouse"), 1);
    let data = node_data(&*w.store, &c, "img");
    let urls = data["outputUrls"].as_array().unwrap();
    assert_eq!(urls.len(), 2);
    assert_eq!(data["outputUrl"], urls[0]);
    assert_eq!(data["keep"], "me", "the rest of the node is kept");
    assert_eq!(data["outputProviderUrls"].as_array().unwrap().len(), 2);
    for (stored, provider) in urls
        .iter()
        .zip(data["outputProviderUrls"].as_array().unwrap())
    {
        let sha = stored
            .as_str()
            .unwrap()
            .strip_prefix("koda-asset://")
            .unwrap();
        assert_eq!(
            w.assets.read(sha).unwrap(),
            fal.served(provider.as_str().unwrap()).unwrap(),
            "stored bytes are the served bytes"
        );
    }
    let asset = w
        .store
        .get_asset(&run.result_asset_ids[0])
        .unwrap()
        .unwrap();
    let provenance = &asset.metadata.unwrap().to_value()["provenance"];
    assert_eq!(provenance["model"], "flux-schnell");
    assert_eq!(provenance["seed"], 1234);
    assert_eq!(provenance["prompt"], "a lighthouse at dusk images:2");
}

#[test]
fn a_wrong_key_is_bad_key_and_recorded() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, "not-the-key");
    let c = canvas(&*w.store, "a fox", json!({"model": "flux-schnell"}));
    let run = w.runner.enqueue(&c.id, "img").unwrap();
    let failed = w.runner.drive(&run.id).unwrap();
    assert_eq!(failed.status, GenerationStatus::Failed);
    assert_eq!(failed.run.unwrap().error_code.as_deref(), Some("bad_key"));
    assert!(!failed.error_message.unwrap().contains("not-the-key"));
    assert_eq!(
        node_data(&*w.store, &c, "img")["error"]
            .as_str()
            .map(|e| e.contains("key")),
        Some(true)
    );
}

#[test]
fn a_refused_input_keeps_the_providers_reason() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    let c = canvas(
        &*w.store,
        "please refuse this",
        json!({"model": "flux-schnell"}),
    );
    let run = w.runner.enqueue(&c.id, "img").unwrap();
    let failed = w.runner.drive(&run.id).unwrap();
    assert_eq!(failed.status, GenerationStatus::Failed);
    assert_eq!(
        failed.run.as_ref().unwrap().error_code.as_deref(),
        Some("input_refused")
    );
    assert!(
        failed
            .error_message
            .unwrap()
            .contains("prompt: The prompt was flagged"),
        "the reason and its field"
    );
}

#[test]
fn rate_limits_and_server_errors_are_retried_once_each() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    for words in ["ratelimit me", "crash me"] {
        let c = canvas(&*w.store, words, json!({"model": "flux-schnell"}));
        let run = w.runner.enqueue(&c.id, "img").unwrap();
        let done = w.runner.drive(&run.id).unwrap();
        assert_eq!(
            done.status,
            GenerationStatus::Completed,
            "{words}: {:?}",
            done.error_message
        );
        assert_eq!(fal.submissions(words), 1, "{words}: accepted exactly once");
    }
}

#[test]
fn a_hung_status_call_times_out_and_the_run_stays_open() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    let c = canvas(&*w.store, "hang forever", json!({"model": "flux-schnell"}));
    let run = w.runner.enqueue(&c.id, "img").unwrap();
    let error = w.runner.drive(&run.id).unwrap_err();
    assert_eq!(error.code(), "timeout", "{error}");
    let stored = w.store.get_generation(&run.id).unwrap().unwrap();
    assert_eq!(
        stored.status,
        GenerationStatus::Submitted,
        "followed again on the next resume"
    );
    assert_eq!(fal.submissions("hang"), 1);
}

#[test]
fn cancel_reaches_the_provider_and_the_history() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    let c = canvas(
        &*w.store,
        "hang while I cancel",
        json!({"model": "flux-schnell"}),
    );
    let run = w.runner.enqueue(&c.id, "img").unwrap();
    let _ = w.runner.drive(&run.id);
    let canceled = w.runner.cancel(&run.id).unwrap();
    assert_eq!(canceled.status, GenerationStatus::Canceled);
    assert_eq!(fal.canceled(), 1);
    assert!(w.store.list_open_generations().unwrap().is_empty());
    let pending = w.runner.enqueue(&c.id, "img").unwrap();
    assert_eq!(
        w.runner.cancel(&pending.id).unwrap().status,
        GenerationStatus::Canceled
    );
}

#[test]
fn a_run_asked_for_offline_waits_and_is_sent_when_the_server_comes_up() {
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}");
    let w = world(&base, STAND_IN_KEY);
    let c = canvas(&*w.store, "sent later", json!({"model": "flux-schnell"}));
    let run = w.runner.enqueue(&c.id, "img").unwrap();
    let error = w.runner.drive(&run.id).unwrap_err();
    assert_eq!(error.code(), "unreachable");
    let waiting = w.store.get_generation(&run.id).unwrap().unwrap();
    assert_eq!(
        waiting.status,
        GenerationStatus::Pending,
        "it waits in the queue"
    );
    let waiting_run = waiting.run.unwrap();
    assert_eq!(
        waiting_run.sending_at, None,
        "and is known never to have left"
    );
    assert_eq!(
        waiting_run.error_code.as_deref(),
        Some("unreachable"),
        "shown as waiting for the network"
    );
    let fal = FalStandIn::start_on(&format!("127.0.0.1:{port}"));
    let resumed = w.runner.resume_open().unwrap();
    assert_eq!(resumed.len(), 1);
    assert_eq!(
        resumed[0]
            .1
            .as_ref()
            .unwrap()
            .run
            .as_ref()
            .unwrap()
            .error_code,
        None
    );
    assert_eq!(
        resumed[0].1.as_ref().unwrap().status,
        GenerationStatus::Completed
    );
    assert_eq!(fal.submissions("sent later"), 1);
}

#[test]
fn a_run_interrupted_while_sending_is_never_sent_again() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    let c = canvas(&*w.store, "maybe sent", json!({"model": "flux-schnell"}));
    let mut run = w.runner.enqueue(&c.id, "img").unwrap();
    // What a process killed between "sending" and fal's answer leaves behind.
    run.run.as_mut().unwrap().sending_at = Some(1);
    w.store.put_generation(&run).unwrap();
    let resumed = w.runner.resume_open().unwrap();
    let failed = resumed[0].1.as_ref().unwrap();
    assert_eq!(failed.status, GenerationStatus::Failed);
    assert!(failed
        .error_message
        .as_deref()
        .unwrap()
        .contains("avoid paying twice"));
    assert_eq!(fal.total_submissions(), 0);
}

#[test]
fn bad_inputs_are_typed_errors_and_change_nothing() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    // No prompt: no words of its own and no text node wired in.
    let c = canvas(&*w.store, "", json!({"model": "flux-schnell"}));
    let error = w.runner.enqueue(&c.id, "img").unwrap_err();
    assert!(
        matches!(error, StoreError::Invalid { .. }) && error.to_string().contains("no prompt"),
        "{error}"
    );
    let c = canvas(&*w.store, "a fox", json!({"model": "dall-e-9"}));
    let error = w.runner.enqueue(&c.id, "img").unwrap_err();
    assert!(error.to_string().contains("dall-e-9"), "{error}");
    // An audio file wired in as a reference image.
    let mut with_audio = canvas(&*w.store, "a fox", json!({"model": "nanobanana-pro"}));
    let mut media = CanvasNode::new("m", "media", 0.0, 300.0);
    media.data =
        JsonText::from_value(&json!({"type": "audio", "url": "https://cdn.example/theme.mp3"}));
    with_audio.nodes.push(media);
    let mut edge = CanvasEdge::new("e2", "m", "img");
    edge.target_handle = Some("reference".into());
    with_audio.edges.push(edge);
    let with_audio_revision = w.store.save_canvas(&with_audio).unwrap();
    let error = w.runner.enqueue(&with_audio.id, "img").unwrap_err();
    assert!(error.to_string().contains("not an image"), "{error}");
    let recorded = w.store.list_recent_generations(10).unwrap();
    assert_eq!(recorded.len(), 3, "each refusal is in the history");
    for run in &recorded {
        assert_eq!(run.status, GenerationStatus::Failed);
        assert!(run.error_message.is_some());
        assert_eq!(
            run.run.as_ref().unwrap().error_code.as_deref(),
            Some("invalid_input")
        );
    }
    let stored = w.store.get_canvas(&with_audio.id).unwrap().unwrap();
    assert_eq!(
        stored.revision, with_audio_revision,
        "and nothing else changes"
    );
    assert_eq!(fal.total_submissions(), 0);
}

#[test]
fn provider_answers_that_are_not_json_or_not_media_fail_the_run_only() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    for (words, code) in [
        ("notjson please", "remote"),
        ("html output", "invalid_input"),
    ] {
        let c = canvas(&*w.store, words, json!({"model": "flux-schnell"}));
        let before = w.store.list_assets(None).unwrap().len();
        let run = w.runner.enqueue(&c.id, "img").unwrap();
        let failed = w.runner.drive(&run.id).unwrap();
        assert_eq!(failed.status, GenerationStatus::Failed, "{words}");
        assert_eq!(
            failed.run.unwrap().error_code.as_deref(),
            Some(code),
            "{words}"
        );
        assert_eq!(
            w.store.list_assets(None).unwrap().len(),
            before,
            "{words}: no asset kept"
        );
        assert!(node_data(&*w.store, &c, "img").get("outputUrl").is_none());
    }
}

#[test]
fn the_monthly_cap_stops_a_run_before_anything_is_written() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    let mut settings = w.store.get_settings().unwrap();
    settings.generation.monthly_cap_usd = Some(0.005);
    w.store.set_settings(&settings).unwrap();
    let c = canvas(&*w.store, "first", json!({"model": "flux-schnell"}));
    let first = w.runner.enqueue(&c.id, "img").unwrap();
    assert_eq!(
        w.runner.drive(&first.id).unwrap().status,
        GenerationStatus::Completed
    );
    let error = w.runner.enqueue(&c.id, "img").unwrap_err();
    assert_eq!(error.code(), "budget_reached", "{error}");
    assert!(error.to_string().contains("$0.01"), "{error}");
    assert_eq!(w.store.list_recent_generations(10).unwrap().len(), 1);
}

#[test]
fn a_key_test_tells_a_good_key_from_a_bad_one_without_starting_a_run() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    w.runner.test_key(Secret::new(STAND_IN_KEY)).unwrap();
    assert_eq!(
        w.runner.test_key(Secret::new("wrong")).unwrap_err().code(),
        "bad_key"
    );
    assert_eq!(fal.total_submissions(), 0);
}

#[test]
fn settings_choose_the_model_of_a_node_that_names_none() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    let mut settings = w.store.get_settings().unwrap();
    settings
        .generation
        .default_models
        .insert("imageGenerator".into(), "ideogram-v3".into());
    w.store.set_settings(&settings).unwrap();
    let c = canvas(&*w.store, "a fox", json!({}));
    let estimate = w.runner.estimate(&c.id, "img").unwrap();
    assert_eq!(
        (estimate.model.as_str(), estimate.cost_usd),
        ("ideogram-v3", 0.06)
    );
}

#[test]
fn run_all_runs_a_chain_in_order_through_the_queue() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    let mut c = canvas(&*w.store, "chain start", json!({"model": "flux-schnell"}));
    let mut video = CanvasNode::new("vid", "videoGenerator", 800.0, 0.0);
    video.data = JsonText::from_value(
        &json!({"model": "kling-2.6-i2v", "prompt": "chain next", "duration": 5}),
    );
    c.nodes.push(video);
    let mut edge = CanvasEdge::new("e2", "img", "vid");
    edge.source_handle = Some("output".into());
    edge.target_handle = Some("firstFrame".into());
    c.edges.push(edge);
    w.store.save_canvas(&c).unwrap();
    let runner = Arc::new(w.runner);
    let plan = runner.plan(&c.id, None).unwrap();
    assert_eq!(
        plan.runs
            .iter()
            .map(|r| r.node_id.as_str())
            .collect::<Vec<_>>(),
        ["img", "vid"]
    );
    let queue = koda_generate::RunQueue::start(runner.clone(), 2, Duration::from_secs(60));
    let outcome = queue.run_all(c.id.clone(), plan).join().unwrap();
    assert!(outcome.iter().all(|(_, r)| r.is_ok()), "{outcome:?}");
    let video_run = outcome[1].1.clone().unwrap();
    let started = std::time::Instant::now();
    while runner.status_of(&video_run).unwrap().is_open() {
        assert!(started.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        runner.status_of(&video_run).unwrap(),
        GenerationStatus::Completed
    );
    assert_eq!(fal.total_submissions(), 2);
    assert!(node_data(&*w.store, &c, "vid")["outputUrl"]
        .as_str()
        .unwrap()
        .starts_with("koda-asset://"));
    // Nothing changed since: a second Run all has nothing to do.
    let again = runner.plan(&c.id, None).unwrap();
    assert!(again.runs.is_empty(), "{:?}", again);
    queue.stop();
}

#[test]
fn enhance_prompt_returns_a_suggestion_and_changes_nothing() {
    let fal = FalStandIn::start();
    let w = world(&fal.base, STAND_IN_KEY);
    let suggestion = w.runner.enhance_prompt("a lighthouse", "image").unwrap();
    assert_eq!(suggestion, "a lighthouse, cinematic lighting, rich detail");
    assert_eq!(
        w.runner.enhance_prompt("  ", "image").unwrap_err().code(),
        "invalid_input"
    );
    assert!(w.store.list_recent_generations(10).unwrap().is_empty());
}
