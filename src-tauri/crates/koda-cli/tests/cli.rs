//! The `koda` binary on temporary data directories.

mod support;

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use support::{failed, koda, ok};

fn list(data_dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["canvas", "list", "--json"];
    args.extend_from_slice(extra);
    serde_json::from_str::<Value>(&ok(koda(data_dir, &args)))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

const WEB_APP_DUMP: &str = r#"[
  {"id":"c-1","name":"Moodboard","createdAt":1700000000000,"updatedAt":1700000005000,
   "nodes":[{"id":"1","type":"prompt","position":{"x":0,"y":0},"data":{"text":"fox"},"measured":{"width":200,"height":80}},
            {"id":"2","type":"imageGenerator","position":{"x":300,"y":0},"data":{"model":"flux"}}],
   "edges":[{"id":"e1-2","source":"1","target":"2","sourceHandle":"text","targetHandle":"prompt"}]},
  {"id":"c-2","name":"Storyboard","createdAt":1700000000000,"updatedAt":1700000009000,
   "nodes":[{"id":"1","type":"note","position":{"x":5,"y":5},"data":{}}],"edges":[]}
]"#;

#[test]
fn migrate_then_doctor_reports_a_healthy_database() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ok(koda(dir.path(), &["migrate"])).contains("applied migrations [1, 2, 3, 4, 5]"));
    assert!(ok(koda(dir.path(), &["migrate"])).contains("up to date"));
    let report: Value = serde_json::from_str(&ok(koda(dir.path(), &["doctor", "--json"]))).unwrap();
    assert_eq!(report["integrity"], serde_json::json!(["ok"]));
    assert_eq!(report["schemaVersion"], 5);
    assert!(report["databaseBytes"].as_u64().unwrap() > 0);
    let text = ok(koda(dir.path(), &["doctor"]));
    assert!(text.contains("[ok ] integrity"), "{text}");
}

#[test]
fn imports_the_web_apps_canvases_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("spaces-canvases.json");
    std::fs::write(&file, WEB_APP_DUMP).unwrap();
    let out = ok(koda(
        dir.path(),
        &["canvas", "import", file.to_str().unwrap()],
    ));
    assert!(out.contains("imported 2 canvas(es)"), "{out}");
    // Importing again does not duplicate.
    ok(koda(
        dir.path(),
        &["canvas", "import", file.to_str().unwrap()],
    ));
    let canvases = list(dir.path(), &[]);
    assert_eq!(canvases.len(), 2);
    assert_eq!(canvases[0]["name"], "Storyboard", "newest first");
    assert_eq!(canvases[1]["nodeCount"], 2);
    let table = ok(koda(dir.path(), &["canvas", "list"]));
    assert!(
        table.contains("Moodboard") && table.contains("NODES"),
        "{table}"
    );
}

#[test]
fn export_reimports_to_an_identical_canvas() {
    let first = tempfile::tempdir().unwrap();
    let file = first.path().join("in.json");
    std::fs::write(&file, WEB_APP_DUMP).unwrap();
    ok(koda(
        first.path(),
        &["canvas", "import", file.to_str().unwrap()],
    ));
    let exported = first.path().join("c-1.json");
    ok(koda(
        first.path(),
        &["canvas", "export", "c-1", "-o", exported.to_str().unwrap()],
    ));
    let second = tempfile::tempdir().unwrap();
    ok(koda(
        second.path(),
        &["canvas", "import", exported.to_str().unwrap()],
    ));
    let again = second.path().join("again.json");
    ok(koda(
        second.path(),
        &["canvas", "export", "c-1", "-o", again.to_str().unwrap()],
    ));
    let a: Value = serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    let b: Value = serde_json::from_str(&std::fs::read_to_string(&again).unwrap()).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        a["nodes"][0]["measured"]["width"], 200,
        "unmodelled fields survive"
    );
    assert_eq!(a["updatedAt"], 1_700_000_005_000_i64, "timestamps survive");
}

#[test]
fn trash_restore_and_purge() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.json");
    std::fs::write(&file, WEB_APP_DUMP).unwrap();
    ok(koda(
        dir.path(),
        &["canvas", "import", file.to_str().unwrap()],
    ));
    ok(koda(dir.path(), &["canvas", "trash", "c-1"]));
    assert_eq!(list(dir.path(), &[]).len(), 1);
    assert_eq!(list(dir.path(), &["--trash"])[0]["id"], "c-1");
    ok(koda(dir.path(), &["canvas", "restore", "c-1"]));
    assert_eq!(list(dir.path(), &[]).len(), 2);
    ok(koda(dir.path(), &["canvas", "purge", "c-1"]));
    assert_eq!(list(dir.path(), &[]).len(), 1);
    let error = failed(koda(dir.path(), &["canvas", "purge", "c-1"]));
    assert!(error.contains("error[not_found]"), "{error}");
}

#[test]
fn bad_files_import_nothing_and_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let malformed = dir.path().join("bad.json");
    std::fs::write(&malformed, "[{\"id\":\"x\",\n \"name\": oops}]").unwrap();
    let error = failed(koda(
        dir.path(),
        &["canvas", "import", malformed.to_str().unwrap()],
    ));
    assert!(
        error.contains("error[invalid_input]") && error.contains("line 2"),
        "{error}"
    );
    let dangling = dir.path().join("dangling.json");
    std::fs::write(
        &dangling,
        WEB_APP_DUMP.replace(r#""target":"2""#, r#""target":"99""#),
    )
    .unwrap();
    let error = failed(koda(
        dir.path(),
        &["canvas", "import", dangling.to_str().unwrap()],
    ));
    assert!(error.contains("[0].edges[0].target"), "{error}");
    assert!(
        list(dir.path(), &[]).is_empty(),
        "nothing may be imported from a bad file"
    );
    let error = failed(koda(
        dir.path(),
        &["canvas", "import", "/nonexistent/file.json"],
    ));
    assert!(error.contains("error[not_found]"), "{error}");
}

#[test]
fn configuration_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_koda"))
        .args(["canvas", "list"])
        .env("KODA_DATA_DIR", dir.path())
        .env("KODA_STORAGE_BACKEND", "cassandra")
        .output()
        .unwrap();
    let error = failed(output);
    assert!(
        error.contains("error[config]") && error.contains("cassandra"),
        "{error}"
    );
    // SQLITE_URL from the seed picks the file.
    let url = format!("file:{}", dir.path().join("elsewhere.db").display());
    let output = Command::new(env!("CARGO_BIN_EXE_koda"))
        .args(["migrate"])
        .env("KODA_DATA_DIR", dir.path())
        .env("SQLITE_URL", &url)
        .output()
        .unwrap();
    ok(output);
    assert!(dir.path().join("elsewhere.db").exists());
}

#[test]
fn bench_prints_the_figures_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = dir.path().join("fixture.json");
    ok(koda(
        dir.path(),
        &[
            "gen-fixture",
            "--nodes",
            "200",
            "-o",
            fixture.to_str().unwrap(),
        ],
    ));
    let report: Value = serde_json::from_str(&ok(koda(
        dir.path(),
        &["bench", "--fixture", fixture.to_str().unwrap(), "--json"],
    )))
    .unwrap();
    for op in [
        "save_full_new",
        "save_one_move",
        "load",
        "list_1000",
        "delete",
        "purge",
    ] {
        let median = report["ops"][op]["median_ms"].as_f64().unwrap_or(-1.0);
        let p95 = report["ops"][op]["p95_ms"].as_f64().unwrap_or(-1.0);
        assert!(median >= 0.0 && p95 >= median, "{op}: {report}");
    }
    assert_eq!(report["fixture_nodes"], 200);
    assert!(report["peak_rss_mb"].as_f64().unwrap() > 1.0);
    assert!(report["db_bytes"].as_u64().unwrap() > 100_000);
}
