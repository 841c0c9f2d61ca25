//! Generation through Tauri's IPC (mock runtime, real capabilities, a real SQLite file) against
//! the stand-in fal server: a key goes in once and never comes back out, in any reply or file;
//! Generate runs a node to its outputs; the history and the spend answer.

use koda_core::config::StorageConfig;
use koda_desktop::file_dialogs::ScriptedAnswers;
use koda_desktop::state::AppState;
use koda_generate::stand_in::{FalStandIn, STAND_IN_KEY};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;

fn invoke(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn generate_through_the_commands_and_the_key_never_comes_back() {
    let fal = FalStandIn::start();
    // Read when the run queue starts (the first generation command).
    std::env::set_var("KODA_FAL_QUEUE_URL", &fal.base);
    std::env::set_var("KODA_NO_KEYCHAIN", "1");
    std::env::remove_var("FAL_KEY");
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(StorageConfig::for_data_dir(dir.path()));
    let app = koda_desktop::app_builder(mock_builder(), state)
        .manage(ScriptedAnswers::default())
        .build(tauri::generate_context!())
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let mut replies = String::new();
    let mut call = |cmd: &str, args: Value| -> Result<Value, Value> {
        let reply = invoke(&window, cmd, args);
        replies.push_str(&format!("{reply:?}"));
        reply
    };

    let no_key = call("api_key_test", json!({})).unwrap_err();
    assert_eq!(no_key["code"], "bad_key");
    assert_eq!(
        call("api_key_test", json!({"key": "wrong"})).unwrap_err()["code"],
        "bad_key"
    );
    call("api_key_test", json!({"key": STAND_IN_KEY})).unwrap();
    assert_eq!(
        call("api_key_set", json!({"name": "fal", "key": STAND_IN_KEY})).unwrap(),
        "sealedFile"
    );
    assert_eq!(
        call("api_keys_list", json!({})).unwrap(),
        json!([{"name": "fal", "location": "sealedFile"}])
    );

    let canvas = json!({
        "id": "gen-canvas", "name": "Generate", "createdAt": 1, "updatedAt": 1,
        "nodes": [
            {"id": "t", "type": "text", "position": {"x": 0, "y": 0}, "data": {"content": "a lighthouse images:2"}},
            {"id": "img", "type": "imageGenerator", "position": {"x": 400, "y": 0}, "data": {"model": "flux-schnell", "imageCount": 2}}
        ],
        "edges": [{"id": "e", "source": "t", "sourceHandle": "output", "target": "img", "targetHandle": "text"}]
    });
    call("save_canvas", json!({"canvas": canvas})).unwrap();
    let estimate = call(
        "generation_estimate",
        json!({"canvasId": "gen-canvas", "nodeId": "img"}),
    )
    .unwrap();
    assert_eq!(estimate["costUsd"], 0.006);
    let plan = call("generation_plan", json!({"canvasId": "gen-canvas"})).unwrap();
    assert_eq!(plan["runs"][0]["nodeId"], "img");
    let run = call(
        "generation_start",
        json!({"canvasId": "gen-canvas", "nodeId": "img"}),
    )
    .unwrap();
    assert_eq!(run["status"], "pending");
    let started = Instant::now();
    let done = loop {
        let runs = call("generation_list", json!({"canvasId": "gen-canvas"})).unwrap();
        if runs[0]["status"] == "completed" {
            break runs[0].clone();
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{runs}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(done["run"]["resultAssetIds"].as_array().unwrap().len(), 2);
    let stored = call("get_canvas", json!({"id": "gen-canvas"})).unwrap();
    assert_eq!(
        stored["nodes"][1]["data"]["outputUrls"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Save an output where a person finds it, named with its real type's extension.
    let sha = stored["nodes"][1]["data"]["outputUrls"][0]
        .as_str()
        .unwrap()
        .trim_start_matches("koda-asset://")
        .to_owned();
    let chosen = tempfile::tempdir().unwrap();
    app.state::<ScriptedAnswers>()
        .answers
        .lock()
        .unwrap()
        .push_back(vec![chosen.path().join("Hero still")]);
    let saved = call(
        "save_asset",
        json!({"sha256": sha, "filename": "Hero still"}),
    )
    .unwrap();
    let path = std::path::PathBuf::from(saved["path"].as_str().unwrap());
    assert_eq!(path, chosen.path().join("Hero still.png"));
    let served = fal
        .served(
            stored["nodes"][1]["data"]["outputProviderUrls"][0]
                .as_str()
                .unwrap(),
        )
        .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), served);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        call(
            "save_asset",
            json!({"sha256": sha, "filename": "../escape"})
        )
        .unwrap_err()["code"],
        "invalid_input"
    );
    let spend = call("generation_spend", json!({})).unwrap();
    assert_eq!(spend["thisMonthUsd"], 0.006);
    assert_eq!(fal.submissions("lighthouse"), 1);

    assert!(!replies.contains(STAND_IN_KEY), "a reply carried the key");
    let mut on_disk = Vec::new();
    collect(dir.path(), &mut on_disk);
    assert!(
        !on_disk
            .windows(STAND_IN_KEY.len())
            .any(|w| w == STAND_IN_KEY.as_bytes()),
        "the key is in clear in the data folder"
    );
}

fn collect(dir: &std::path::Path, bytes: &mut Vec<u8>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, bytes);
        } else {
            bytes.extend(std::fs::read(&path).unwrap_or_default());
        }
    }
}
