//! The log files: failures leave a line in `<data dir>/logs/`, and no secret ever reaches them.

mod support;

use support::{failed, koda, koda_with_env, ok};

fn logs(data_dir: &std::path::Path) -> String {
    let dir = data_dir.join("logs");
    let mut text = String::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        assert!(
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("koda."),
            "{path:?}"
        );
        text.push_str(&std::fs::read_to_string(path).unwrap());
    }
    text
}

#[test]
fn failures_are_logged_without_the_secrets_they_involve() {
    let data = tempfile::tempdir().unwrap();
    let password = "pa/ss@w:rd";
    let url = format!("postgres://ann:{password}@127.0.0.1:9/koda");
    failed(koda_with_env(
        data.path(),
        &["doctor"],
        &[("KODA_STORAGE_BACKEND", "postgres"), ("DATABASE_URL", &url)],
    ));

    ok(koda(data.path(), &["migrate"]));
    let token = "tok-log-test-8812";
    ok(koda_with_env(
        data.path(),
        &["sync", "enable", "http://127.0.0.1:9"],
        &[("TURSO_AUTH_TOKEN", token)],
    ));
    failed(koda_with_env(
        data.path(),
        &["sync", "now"],
        &[("TURSO_AUTH_TOKEN", token)],
    ));

    let written = logs(data.path());
    assert!(written.contains("koda doctor failed"), "{written}");
    assert!(written.contains("WARN"), "{written}");
    for secret in [password, "pa/ss", "w:rd", token] {
        assert!(
            !written.contains(secret),
            "{secret} reached the log:\n{written}"
        );
    }
}

#[test]
fn a_restore_is_refused_while_the_app_holds_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    ok(koda(data.path(), &["migrate"]));
    let backup = data.path().join("b.db");
    ok(koda(data.path(), &["backup", backup.to_str().unwrap()]));
    let app = koda_backends::app_lock::hold(data.path()).unwrap().unwrap();
    let error = failed(koda(data.path(), &["restore", backup.to_str().unwrap()]));
    assert!(error.starts_with("error[in_use]"), "{error}");
    drop(app);
    ok(koda(data.path(), &["restore", backup.to_str().unwrap()]));
}

#[test]
fn a_backup_restores_over_a_damaged_database() {
    let data = tempfile::tempdir().unwrap();
    ok(koda(data.path(), &["migrate"]));
    let fixture = data.path().join("fixture.json");
    ok(koda(
        data.path(),
        &[
            "gen-fixture",
            "--nodes",
            "3",
            "--output",
            fixture.to_str().unwrap(),
        ],
    ));
    ok(koda(
        data.path(),
        &["canvas", "import", fixture.to_str().unwrap()],
    ));
    let backup = data.path().join("b.db");
    ok(koda(data.path(), &["backup", backup.to_str().unwrap()]));
    let database = data.path().join("koda.db");
    let mut bytes = std::fs::read(&database).unwrap();
    for byte in bytes.iter_mut().skip(100).take(4000) {
        *byte = 0xA5;
    }
    std::fs::write(&database, &bytes).unwrap();
    failed(koda(data.path(), &["canvas", "list"]));

    let said = ok(koda(data.path(), &["restore", backup.to_str().unwrap()]));
    assert!(said.contains("kept at"), "{said}");
    assert!(ok(koda(data.path(), &["canvas", "list"])).contains("Fixture (3 nodes)"));
    let kept: Vec<_> = std::fs::read_dir(data.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("before-restore"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), bytes);
}
