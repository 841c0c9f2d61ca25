//! `koda keys`, `koda generate` and `koda generations` against the stand-in fal server: a run
//! killed while fal works is resumed to its end with exactly one submission, and the key is
//! nowhere in the data folder or the output.

mod support;

use koda_generate::stand_in::{FalStandIn, STAND_IN_KEY};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{koda_with_env, ok};

fn env(fal: &FalStandIn) -> Vec<(&'static str, String)> {
    vec![
        ("KODA_FAL_QUEUE_URL", fal.base.clone()),
        ("KODA_NO_KEYCHAIN", "1".into()),
    ]
}

fn run(dir: &Path, fal: &FalStandIn, args: &[&str]) -> std::process::Output {
    let vars = env(fal);
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    koda_with_env(dir, args, &vars)
}

fn set_key(dir: &Path, fal: &FalStandIn) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_koda"))
        .args([
            "--data-dir",
            dir.to_str().unwrap(),
            "keys",
            "set",
            "fal",
            "--stdin",
        ])
        .envs(env(fal))
        .env_remove("FAL_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(STAND_IN_KEY.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("stored the fal key"));
}

fn import_canvas(dir: &Path, fal: &FalStandIn, words: &str) {
    let file = dir.join("c.json");
    std::fs::write(
        &file,
        format!(
            r#"{{"id":"c1","name":"Runs","createdAt":1,"updatedAt":1,
              "nodes":[{{"id":"t","type":"text","position":{{"x":0,"y":0}},"data":{{"content":"{words}"}}}},
                       {{"id":"img","type":"imageGenerator","position":{{"x":400,"y":0}},"data":{{"model":"flux-schnell","imageCount":2}}}}],
              "edges":[{{"id":"e","source":"t","sourceHandle":"output","target":"img","targetHandle":"text"}}]}}"#
        ),
    )
    .unwrap();
    ok(run(dir, fal, &["import", file.to_str().unwrap()]));
}

fn runs(dir: &Path, fal: &FalStandIn) -> Vec<Value> {
    serde_json::from_str::<Value>(&ok(run(dir, fal, &["generations", "ls", "--json"])))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn keys_are_listed_by_name_and_never_shown() {
    let fal = FalStandIn::start();
    let dir = tempfile::tempdir().unwrap();
    set_key(dir.path(), &fal);
    let listed = ok(run(dir.path(), &fal, &["keys", "ls", "--json"]));
    let keys: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(keys[0]["name"], "fal");
    assert_eq!(keys[0]["location"], "sealedFile");
    assert!(!listed.contains(STAND_IN_KEY));
    ok(run(dir.path(), &fal, &["keys", "rm", "fal"]));
    assert!(ok(run(dir.path(), &fal, &["keys", "ls"])).contains("no keys yet"));
}

#[test]
fn generate_runs_a_node_and_the_key_is_nowhere_on_disk() {
    let fal = FalStandIn::start();
    let dir = tempfile::tempdir().unwrap();
    set_key(dir.path(), &fal);
    import_canvas(dir.path(), &fal, "a lighthouse images:2");
    let out = ok(run(dir.path(), &fal, &["generate", "c1", "img", "--json"]));
    let done: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(done["status"], "completed", "{out}");
    assert_eq!(done["resultAssetIds"].as_array().unwrap().len(), 2);
    let listed = runs(dir.path(), &fal);
    for field in [
        "id",
        "canvasId",
        "nodeId",
        "model",
        "prompt",
        "status",
        "durationMs",
        "errorMessage",
        "resultAssetIds",
    ] {
        assert!(
            listed[0].get(field).is_some(),
            "generations ls --json has {field}"
        );
    }
    assert!(!out.contains(STAND_IN_KEY));
    let hay = every_byte_under(dir.path());
    assert!(
        !hay.windows(STAND_IN_KEY.len())
            .any(|w| w == STAND_IN_KEY.as_bytes()),
        "the key is stored in clear somewhere in the data folder"
    );
}

#[test]
fn a_run_killed_while_fal_works_is_resumed_with_exactly_one_submission() {
    let fal = FalStandIn::start();
    let dir = tempfile::tempdir().unwrap();
    set_key(dir.path(), &fal);
    import_canvas(dir.path(), &fal, "slow lighthouse");
    let mut child = Command::new(env!("CARGO_BIN_EXE_koda"))
        .args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "generate",
            "c1",
            "img",
        ])
        .envs(env(&fal))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        let listed = runs(dir.path(), &fal);
        if listed.first().is_some_and(|r| r["status"] == "processing") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the run never reached processing: {listed:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        runs(dir.path(), &fal)[0]["status"],
        "processing",
        "killed mid-run"
    );
    let resumed = ok(run(dir.path(), &fal, &["generations", "resume"]));
    assert!(resumed.contains("1 run(s) in flight"), "{resumed}");
    let listed = runs(dir.path(), &fal);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["status"], "completed", "{resumed}");
    assert_eq!(
        fal.submissions("slow lighthouse"),
        1,
        "exactly one submission"
    );
}

fn every_byte_under(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            bytes.extend(every_byte_under(&path));
        } else {
            bytes.extend(std::fs::read(&path).unwrap_or_default());
        }
    }
    bytes
}
