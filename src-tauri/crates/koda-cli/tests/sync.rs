//! `koda sync …` between two data folders through a real sqld.

mod support;

use support::sqld;

use std::path::Path;
use std::process::{Command, Output};

fn koda(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koda"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("KODA_DATA_DIR")
        .env_remove("SQLITE_URL")
        .env("TURSO_AUTH_TOKEN", "token-for-the-test")
        .output()
        .unwrap()
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn enable_sync_and_see_the_canvas_on_the_other_device() {
    let server = sqld();
    let url = format!("http://127.0.0.1:{}", server.1);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = a.path().join("c.json");
    std::fs::write(&file, r#"{"id":"shared","name":"Synced canvas","createdAt":1,"updatedAt":1,"nodes":[{"id":"n","type":"prompt","position":{"x":0,"y":0},"data":{}}],"edges":[]}"#).unwrap();
    ok(koda(
        a.path(),
        &["canvas", "import", file.to_str().unwrap()],
    ));
    assert!(ok(koda(a.path(), &["sync", "status"])).contains("sync      off"));
    assert!(ok(koda(a.path(), &["sync", "enable", &url])).contains("sync is on"));
    let status = ok(koda(a.path(), &["sync", "status"]));
    assert!(
        status.contains("sync      on") && status.contains("stored (encrypted)"),
        "{status}"
    );
    assert!(
        !status.contains("token-for-the-test"),
        "the token is never printed"
    );
    let db = std::fs::read(a.path().join("koda.db")).unwrap();
    assert!(
        !String::from_utf8_lossy(&db).contains("token-for-the-test"),
        "the token is not stored in clear"
    );
    assert!(ok(koda(a.path(), &["sync", "now"])).contains("synced"));
    ok(koda(b.path(), &["sync", "enable", &url]));
    ok(koda(b.path(), &["sync", "now"]));
    assert!(ok(koda(b.path(), &["canvas", "list"])).contains("Synced canvas"));
    assert_eq!(
        ok(koda(b.path(), &["sync", "history", "shared"])).trim(),
        "no replaced versions"
    );
    assert!(
        !koda(b.path(), &["sync", "restore", "999"]).status.success(),
        "an unknown entry is an error"
    );
    assert!(ok(koda(b.path(), &["sync", "disable"])).contains("sync is off"));
    assert!(ok(koda(b.path(), &["sync", "status"])).contains("sync      off"));
}
