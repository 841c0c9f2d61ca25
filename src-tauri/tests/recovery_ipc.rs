//! The recovery screen's commands: a database that will not open is replaced by a backup or set
//! aside for an empty one, without an open store, without a restart, and never deleted.

mod support;

use serde_json::{json, Value};
use support::*;

/// A data folder with one canvas, a backup of it, and then a damaged database.
fn damaged_folder_with_a_backup() -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    {
        let app = app_at(dir.path());
        invoke(
            &app,
            "create_canvas",
            json!({ "name": "Before the damage" }),
        )
        .unwrap();
        invoke(&app, "backup_now", json!({})).unwrap();
        let store = app
            .window
            .state::<koda_desktop::state::AppState>()
            .sqlite_store()
            .unwrap();
        store.checkpoint().unwrap();
    }
    let database = dir.path().join("koda.db");
    let mut bytes = std::fs::read(&database).unwrap();
    for byte in bytes.iter_mut().take(4096).skip(100) {
        *byte = 0x5A;
    }
    std::fs::write(&database, &bytes).unwrap();
    (dir, bytes)
}

use tauri::Manager;

fn names(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn an_open_store_needs_no_recovery_and_refuses_its_actions() {
    let app = app();
    assert_eq!(
        invoke(&app, "recovery_status", json!({})).unwrap(),
        Value::Null
    );
    let refused = invoke(&app, "recovery_start_empty", json!({})).unwrap_err();
    assert_eq!(refused["code"], "in_use");
    let refused = invoke(&app, "recovery_restore_backup", json!({ "name": null })).unwrap_err();
    assert_eq!(refused["code"], "in_use");
}

#[test]
fn the_newest_backup_replaces_a_damaged_database_which_is_kept() {
    let (dir, damaged) = damaged_folder_with_a_backup();
    let app = app_at(dir.path());
    let refused = invoke(&app, "list_canvases", json!({})).unwrap_err();
    assert_eq!(refused["code"], "corrupt_database", "{refused}");

    let status = invoke(&app, "recovery_status", json!({})).unwrap();
    assert_eq!(status["error"]["code"], "corrupt_database");
    assert!(status["databasePath"]
        .as_str()
        .unwrap()
        .ends_with("koda.db"));
    assert_eq!(status["backups"].as_array().unwrap().len(), 1, "{status}");

    let missing = invoke(
        &app,
        "recovery_restore_backup",
        json!({ "name": "nope.db" }),
    )
    .unwrap_err();
    assert_eq!(missing["code"], "not_found");

    let result = invoke(&app, "recovery_restore_backup", json!({ "name": null })).unwrap();
    let kept = result["keptAs"].as_str().unwrap();
    assert_eq!(
        std::fs::read(kept).unwrap(),
        damaged,
        "the damaged file is kept as it was"
    );
    assert_eq!(result["restored"], status["backups"][0]["name"]);

    // Opened in place: the same window works now, and recovery is over.
    assert_eq!(
        names(&invoke(&app, "list_canvases", json!({})).unwrap()),
        ["Before the damage"]
    );
    assert_eq!(
        invoke(&app, "recovery_status", json!({})).unwrap(),
        Value::Null
    );
    invoke(&app, "create_canvas", json!({ "name": "After" })).unwrap();
}

#[test]
fn starting_empty_sets_the_damaged_file_aside() {
    let (dir, damaged) = damaged_folder_with_a_backup();
    let app = app_at(dir.path());
    let result = invoke(&app, "recovery_start_empty", json!({})).unwrap();
    let kept = result["keptAs"].as_str().unwrap();
    assert!(kept.contains("koda-damaged-"), "{kept}");
    assert_eq!(std::fs::read(kept).unwrap(), damaged);
    assert_eq!(invoke(&app, "list_canvases", json!({})).unwrap(), json!([]));

    // The file set aside is not offered as a backup to restore.
    drop(app);
    let app = app_at(dir.path());
    assert_eq!(
        invoke(&app, "recovery_status", json!({})).unwrap(),
        Value::Null
    );
}

#[test]
fn a_database_from_a_newer_koda_can_be_set_aside_too() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("koda.db");
    let conn = rusqlite::Connection::open(&database).unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 999; CREATE TABLE schema_migrations(version INTEGER);",
    )
    .unwrap();
    drop(conn);
    let app = app_at(dir.path());
    let status = invoke(&app, "recovery_status", json!({})).unwrap();
    assert_eq!(status["error"]["code"], "database_too_new", "{status}");
    assert_eq!(status["backups"], json!([]));
    let none = invoke(&app, "recovery_restore_backup", json!({ "name": null })).unwrap_err();
    assert_eq!(none["code"], "not_found");
    assert!(database.exists(), "a refused action changes nothing");
    invoke(&app, "recovery_start_empty", json!({})).unwrap();
    assert_eq!(invoke(&app, "list_canvases", json!({})).unwrap(), json!([]));
}
