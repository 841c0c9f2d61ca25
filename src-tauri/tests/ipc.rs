//! The commands through Tauri's IPC layer (mock runtime, real capabilities, real SQLite file):
//! what the UI sends and receives, including the `{code, message}` error shape.

mod support;

use koda_core::config::StorageConfig;
use koda_core::conformance::servers;
use koda_desktop::state::AppState;
use serde_json::{json, Value};
use support::*;
use tauri::test::mock_builder;

#[test]
fn create_patch_and_reload_a_canvas() {
    let app = app();
    let canvas = invoke(&app, "create_canvas", json!({ "name": "From the UI" })).unwrap();
    let id = canvas["id"].as_str().unwrap().to_owned();
    let patch = json!({
        "upsertNodes": [
            {"id": "a", "type": "prompt", "position": {"x": 1, "y": 2}, "data": {"text": "fox"}, "parentId": "g"},
            {"id": "b", "type": "imageGenerator", "position": {"x": 300, "y": 2}, "data": {}}
        ],
        "upsertEdges": [{"id": "e", "source": "a", "target": "b", "sourceHandle": "text", "targetHandle": "prompt"}],
        "viewport": {"x": 10, "y": 20, "zoom": 1.25}
    });
    let revision = invoke(
        &app,
        "apply_patch",
        json!({ "id": id, "baseRevision": 1, "patch": patch }),
    )
    .unwrap();
    assert_eq!(revision, 2);
    let loaded = invoke(&app, "get_canvas", json!({ "id": id })).unwrap();
    assert_eq!(loaded["nodes"][0]["parentId"], "g");
    assert_eq!(loaded["edges"][0]["targetHandle"], "prompt");
    assert_eq!(loaded["viewport"]["zoom"], 1.25);
    let listed = invoke(&app, "list_canvases", json!({})).unwrap();
    assert_eq!(listed[0]["nodeCount"], 2);
}

#[test]
fn errors_reach_the_ui_as_code_and_message() {
    let app = app();
    let canvas = invoke(&app, "create_canvas", json!({ "name": "x" })).unwrap();
    let stale = invoke(
        &app,
        "apply_patch",
        json!({ "id": canvas["id"], "baseRevision": 0, "patch": {} }),
    )
    .unwrap_err();
    assert_eq!(stale["code"], "conflict");
    assert!(stale["message"].as_str().unwrap().contains("revision 0"));
    let dangling = json!({ "upsertEdges": [{"id": "e", "source": "nope", "target": "nope2"}] });
    let invalid = invoke(
        &app,
        "apply_patch",
        json!({ "id": canvas["id"], "baseRevision": 1, "patch": dangling }),
    )
    .unwrap_err();
    assert_eq!(invalid["code"], "invalid_input");
    let missing = invoke(&app, "rename_canvas", json!({ "id": "ghost", "name": "y" })).unwrap_err();
    assert_eq!(missing["code"], "not_found");
}

#[test]
fn settings_and_storage_info() {
    let app = app();
    let mut settings = invoke(&app, "get_settings", json!({})).unwrap();
    assert_eq!(settings["theme"], "dark");
    settings["theme"] = json!("light");
    invoke(&app, "set_settings", json!({ "settings": settings })).unwrap();
    assert_eq!(
        invoke(&app, "get_settings", json!({})).unwrap()["theme"],
        "light"
    );
    let info = invoke(&app, "storage_info", json!({})).unwrap();
    assert_eq!(info["backend"], "sqlite");
    assert!(info["databasePath"].as_str().unwrap().ends_with("koda.db"));
    assert!(info["databaseBytes"].as_u64().unwrap() > 0);
}

#[test]
fn a_database_from_a_newer_koda_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("koda.db");
    write_newer_database(&path);
    let state = AppState::open(StorageConfig::for_data_dir(dir.path()));
    let app = koda_desktop::app_builder(mock_builder(), state)
        .build(tauri::generate_context!())
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let app = App {
        _app: app,
        window,
        _dir: Some(dir),
    };
    let error = invoke(&app, "list_canvases", json!({})).unwrap_err();
    assert_eq!(error["code"], "database_too_new");
}

/// Writes a database whose header claims schema version 99, through the store itself.
fn write_newer_database(path: &std::path::Path) {
    let store = koda_backends::SqliteStore::open_file(path).unwrap();
    drop(store);
    // Patch the header's user_version (offset 60) as a newer Koda would have set it.
    let mut bytes = std::fs::read(path).unwrap();
    bytes[60..64].copy_from_slice(&99i32.to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_remote_page_cannot_call_the_commands() {
    // Capabilities grant the commands to the app's own local pages only.
    let app = app();
    let refused = invoke_from(&app, "https://example.com", "list_canvases", json!({})).unwrap_err();
    assert!(
        refused.as_str().unwrap_or_default().contains("not allowed"),
        "{refused}"
    );
    assert!(invoke(&app, "list_canvases", json!({})).is_ok());
}

fn png_bytes() -> Vec<u8> {
    // A 2×1 PNG made by hand is overkill; the image crate is not a dependency here, so use a
    // known-good minimal PNG (1×1, RGBA).
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8,
        0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}

#[test]
fn assets_arrive_as_raw_bytes_and_purge_cleans_up() {
    let app = app();
    let canvas = invoke(&app, "create_canvas", json!({ "name": "art" })).unwrap();
    let id = canvas["id"].as_str().unwrap();
    let record = invoke_raw(
        &app,
        "add_asset",
        png_bytes(),
        &[("x-koda-filename", "red%20dot.png"), ("x-koda-canvas", id)],
    )
    .unwrap();
    assert_eq!(record["type"], "image");
    assert_eq!(record["filename"], "red dot.png");
    let sha = record["localBlobKey"].as_str().unwrap().to_owned();
    let file = app
        ._dir
        .as_ref()
        .unwrap()
        .path()
        .join("assets")
        .join(&sha[..2])
        .join(&sha);
    assert!(file.exists());
    let reference = invoke_raw(
        &app,
        "set_canvas_thumbnail",
        png_bytes(),
        &[("x-koda-canvas", id)],
    )
    .unwrap();
    assert_eq!(reference, format!("koda-asset://{sha}"));
    assert_eq!(
        invoke(&app, "list_canvases", json!({})).unwrap()[0]["thumbnail"],
        reference
    );
    let refused = invoke_raw(
        &app,
        "add_asset",
        b"PK\x03\x04zip".to_vec(),
        &[("x-koda-filename", "x.png")],
    )
    .unwrap_err();
    assert_eq!(refused["code"], "invalid_input");
    let tricky = invoke_raw(
        &app,
        "add_asset",
        png_bytes(),
        &[("x-koda-filename", "..%2F..%2Fetc%2Fpasswd")],
    )
    .unwrap_err();
    assert_eq!(tricky["code"], "invalid_input");
    invoke(&app, "trash_canvas", json!({ "id": id })).unwrap();
    invoke(&app, "purge_canvas", json!({ "id": id })).unwrap();
    assert!(!file.exists(), "the purged canvas's only file is removed");
}

#[test]
fn import_export_and_backups_through_the_commands() {
    let app = app();
    let dump = br#"[{"id":"web-1","name":"From the web","createdAt":1,"updatedAt":2,
        "nodes":[{"id":"1","type":"prompt","position":{"x":0,"y":0},"data":{"text":"fox"}}],"edges":[]}]"#;
    let result = invoke_raw(
        &app,
        "import_file",
        dump.to_vec(),
        &[("x-koda-filename", "spaces-canvases.json")],
    )
    .unwrap();
    assert_eq!(result["canvases"][0]["id"], "web-1");
    assert_eq!(result["canvases"][0]["nodeCount"], 1);
    let bad = invoke_raw(
        &app,
        "import_file",
        b"[{\"id\": }]".to_vec(),
        &[("x-koda-filename", "bad.json")],
    )
    .unwrap_err();
    assert_eq!(bad["code"], "invalid_input");
    assert!(bad["message"].as_str().unwrap().contains("line 1"), "{bad}");
    assert!(
        bad["message"].as_str().unwrap().contains("bad.json"),
        "{bad}"
    );
    assert!(
        !bad["message"].as_str().unwrap().contains("/tmp"),
        "no staging path: {bad}"
    );
    let trick = invoke_raw(
        &app,
        "import_file",
        dump.to_vec(),
        &[("x-koda-filename", "..%2F..%2Fx.json")],
    )
    .unwrap_err();
    assert_eq!(trick["code"], "invalid_input");

    // Exports go where the Save dialog says; a typed name without the extension gets it.
    let chosen = tempfile::tempdir().unwrap();
    answer_next_dialog(&app, &[chosen.path().join("For the client")]);
    let exported = invoke(
        &app,
        "export_canvas",
        json!({ "id": "web-1", "format": "koda" }),
    )
    .unwrap();
    let path = chosen.path().join("For the client.koda");
    assert_eq!(exported["path"], path.display().to_string());
    assert!(std::fs::metadata(&path).unwrap().len() > 0);
    // A cancelled dialog writes nothing and says so.
    answer_next_dialog(&app, &[]);
    let cancelled = invoke(
        &app,
        "export_canvas",
        json!({ "id": "web-1", "format": "canvas" }),
    )
    .unwrap();
    assert!(cancelled["path"].is_null());
    assert_eq!(std::fs::read_dir(chosen.path()).unwrap().count(), 1);
    // Replacing a file the person confirmed in the dialog: the new export, whole.
    std::fs::write(chosen.path().join("old.json"), b"stale").unwrap();
    answer_next_dialog(&app, &[chosen.path().join("old.json")]);
    invoke(
        &app,
        "export_canvas",
        json!({ "id": "web-1", "format": "json" }),
    )
    .unwrap();
    let replaced: Value =
        serde_json::from_slice(&std::fs::read(chosen.path().join("old.json")).unwrap()).unwrap();
    assert_eq!(replaced["id"], "web-1");

    let backup = invoke(&app, "backup_now", json!({})).unwrap();
    assert!(backup["bytes"].as_u64().unwrap() > 0);
    let listed = invoke(&app, "list_backups", json!({})).unwrap();
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["name"] == backup["name"]));
    let refused = invoke(&app, "restore_backup", json!({ "name": "../koda.db" })).unwrap_err();
    assert_eq!(refused["code"], "not_found");
    invoke(&app, "restore_backup", json!({ "name": backup["name"] })).unwrap();
    assert!(app
        ._dir
        .as_ref()
        .unwrap()
        .path()
        .join(koda_desktop::commands::backups::PENDING_RESTORE_FILE)
        .exists());
}

#[test]
fn a_pending_restore_happens_before_the_database_opens() {
    use koda_core::CanvasStore;
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("koda.db");
    let backup_name = {
        let store = koda_backends::SqliteStore::open_file(&database).unwrap();
        store.create_canvas("in the backup").unwrap();
        let target = koda_io::backup::default_backup_path(dir.path(), 1);
        koda_io::backup::backup_now(&store, &target).unwrap();
        store.create_canvas("made after the backup").unwrap();
        target.file_name().unwrap().to_string_lossy().into_owned()
    };
    std::fs::write(
        dir.path()
            .join(koda_desktop::commands::backups::PENDING_RESTORE_FILE),
        &backup_name,
    )
    .unwrap();
    let restored =
        koda_desktop::commands::backups::restore_if_pending(dir.path(), &database).unwrap();
    assert!(restored.is_some());
    let store = koda_backends::SqliteStore::open_file(&database).unwrap();
    let names: Vec<String> = store
        .list_canvases()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["in the backup"]);
    assert!(
        koda_desktop::commands::backups::restore_if_pending(dir.path(), &database)
            .unwrap()
            .is_none(),
        "only once"
    );
}

#[test]
fn sync_status_never_contains_the_token() {
    let app = app();
    let store =
        koda_backends::SqliteStore::open_file(&app._dir.as_ref().unwrap().path().join("other.db"))
            .unwrap();
    let service = koda_sync::SyncService::new(
        std::sync::Arc::new(store),
        app._dir.as_ref().unwrap().path(),
        Box::new(|_| {}),
    );
    tauri::Manager::manage(&app.window, service);
    let off = invoke(&app, "get_sync_status", json!({})).unwrap();
    assert_eq!(off["state"], "off");
    let on = invoke(
        &app,
        "set_sync",
        json!({ "enabled": true, "url": "http://127.0.0.1:9", "token": "super-secret-token" }),
    )
    .unwrap();
    assert_eq!(on["enabled"], true);
    assert_eq!(on["hasToken"], true);
    assert!(!on.to_string().contains("super-secret-token"));
    let offline = invoke(
        &app,
        "test_sync",
        json!({ "url": "http://127.0.0.1:9", "token": null }),
    )
    .unwrap_err();
    assert_eq!(offline["code"], "offline", "{offline}");
    let status = invoke(&app, "sync_now", json!({})).unwrap();
    assert_eq!(status["state"], "offline");
    let off = invoke(
        &app,
        "set_sync",
        json!({ "enabled": false, "url": "", "token": null }),
    )
    .unwrap();
    assert_eq!(off["state"], "off");
    assert_eq!(off["hasToken"], false);
}

#[test]
fn settings_move_the_data_to_postgres_and_the_next_launch_uses_it() {
    let url = servers::database_url();
    let schema = servers::fresh_schema();
    let dir = tempfile::tempdir().unwrap();
    let first = app_at(dir.path());
    invoke(&first, "create_canvas", json!({ "name": "Moodboard" })).unwrap();
    let status = invoke(&first, "database_status", json!({})).unwrap();
    assert_eq!(status["backend"], "sqlite");

    // A wrong password is explained, and never echoed back.
    let wrong = url.replacen(":postgres@", ":not-the-pass@", 1);
    let error = invoke(
        &first,
        "database_test_postgres",
        json!({ "url": wrong, "schema": schema }),
    )
    .unwrap_err();
    assert_eq!(error["code"], "access_denied", "{error}");
    assert!(!error.to_string().contains("not-the-pass"));
    let check = invoke(
        &first,
        "database_test_postgres",
        json!({ "url": url, "schema": schema }),
    )
    .unwrap();
    assert_eq!(
        (check["schemaVersion"].as_i64(), check["canvases"].as_i64()),
        (Some(0), Some(0))
    );

    let report = invoke(
        &first,
        "database_move_to_postgres",
        json!({ "url": url, "schema": schema }),
    )
    .unwrap();
    assert_eq!(
        (report["canvases"].as_u64(), report["verified"].as_bool()),
        (Some(1), Some(true))
    );
    let status = invoke(&first, "database_status", json!({})).unwrap();
    assert!(
        status["displayUrl"].as_str().unwrap().contains(":***@"),
        "{status}"
    );
    assert!(
        !status.to_string().contains(":postgres@"),
        "the password never reaches the UI: {status}"
    );
    drop(first);

    // The next launch opens PostgreSQL and finds the canvas there.
    let second = app_at(dir.path());
    let listed = invoke(&second, "list_canvases", json!({})).unwrap();
    assert_eq!(listed[0]["name"], "Moodboard");
    let info = invoke(&second, "storage_info", json!({})).unwrap();
    assert_eq!(info["backend"], "postgres");
    assert!(!info.to_string().contains(":postgres@"), "{info}");
    // File backups are the local database's; on PostgreSQL they are refused with a reason.
    let error = invoke(&second, "backup_now", json!({})).unwrap_err();
    assert_eq!(error["code"], "config", "{error}");

    // And back: the server's canvases return to the file, which is used again.
    invoke(
        &second,
        "rename_canvas",
        json!({ "id": listed[0]["id"], "name": "Moodboard v2" }),
    )
    .unwrap();
    let report = invoke(&second, "database_move_to_sqlite", json!({})).unwrap();
    // The file still held the canvas from before the move: its newer version replaced it, after
    // the file was backed up.
    assert_eq!(
        (report["replaced"].as_u64(), report["verified"].as_bool()),
        (Some(1), Some(true))
    );
    let backups = invoke(&second, "list_backups", json!({})).unwrap();
    assert_eq!(backups.as_array().unwrap().len(), 1, "{backups}");
    drop(second);
    let third = app_at(dir.path());
    assert_eq!(
        invoke(&third, "storage_info", json!({})).unwrap()["backend"],
        "sqlite"
    );
    assert_eq!(
        invoke(&third, "list_canvases", json!({})).unwrap()[0]["name"],
        "Moodboard v2"
    );
}

#[test]
fn settings_turn_on_a_bucket_and_asset_files_go_up() {
    let endpoint = servers::s3_endpoint();
    let bucket = servers::fresh_bucket("ipc");
    let app = app();
    let off = invoke(&app, "asset_storage_status", json!({})).unwrap();
    assert_eq!(off["enabled"], false);

    let secret = "s3cr3t-key-never-shown";
    let unreachable = json!({ "settings": {
        "provider": "s3", "bucket": bucket, "endpoint": "http://127.0.0.1:1",
        "accessKey": "test", "secretKey": secret } });
    let error = invoke(&app, "asset_storage_test", unreachable.clone()).unwrap_err();
    assert_eq!(error["code"], "unreachable", "{error}");
    assert!(!error.to_string().contains(secret));
    // Saving checks the bucket first: nothing is saved when it cannot be reached.
    invoke(&app, "asset_storage_save", unreachable).unwrap_err();
    assert_eq!(
        invoke(&app, "asset_storage_status", json!({})).unwrap()["enabled"],
        false
    );

    let settings = json!({ "settings": {
        "provider": "s3", "bucket": bucket, "endpoint": endpoint,
        "accessKey": "test", "secretKey": secret } });
    invoke(&app, "asset_storage_test", settings.clone()).unwrap();
    let on = invoke(&app, "asset_storage_save", settings).unwrap();
    assert_eq!(
        (on["enabled"].as_bool(), on["bucket"].as_str()),
        (Some(true), Some(bucket.as_str()))
    );
    assert!(
        !on.to_string().contains(secret),
        "the secret never reaches the UI: {on}"
    );
    let saved =
        std::fs::read_to_string(app._dir.as_ref().unwrap().path().join("storage.json")).unwrap();
    assert!(!saved.contains(secret), "the secret is sealed on disk");

    invoke_raw(
        &app,
        "add_asset",
        png_bytes(),
        &[("x-koda-filename", "dot.png")],
    )
    .unwrap();
    let uploads = invoke(&app, "asset_storage_upload_now", json!({})).unwrap();
    let status = invoke(&app, "asset_storage_status", json!({})).unwrap();
    assert_eq!(status["uploads"]["pending"], 0, "{uploads} {status}");
    assert!(
        status["uploads"]["uploaded"].as_u64().unwrap() >= 1,
        "{status}"
    );
    assert!(status["uploads"]["lastError"].is_null(), "{status}");

    // Editing without retyping the secret keeps the saved one.
    let edited = json!({ "settings": {
        "provider": "s3", "bucket": bucket, "endpoint": endpoint, "accessKey": "test", "prefix": "team-a" } });
    let status = invoke(&app, "asset_storage_save", edited).unwrap();
    assert_eq!(status["prefix"], "team-a/");
    let off = invoke(&app, "asset_storage_save", json!({ "settings": null })).unwrap();
    assert_eq!(off["enabled"], false);
}

#[test]
fn a_teammates_change_on_postgres_reaches_the_ui_as_a_change_event() {
    use tauri::{Listener, Manager};
    let url = servers::database_url();
    let schema = servers::fresh_schema();
    let dir = tempfile::tempdir().unwrap();
    let mut choice = koda_backends::StorageChoice::load(dir.path()).unwrap();
    choice
        .set_postgres(dir.path(), &url, Some(&schema))
        .unwrap();
    choice.save(dir.path()).unwrap();
    let app = app_at(dir.path());
    let (sender, received) = std::sync::mpsc::channel();
    app._app
        .listen(koda_desktop::watcher::CHANGED_EVENT, move |event| {
            let _ = sender.send(event.payload().to_owned());
        });
    let store = app._app.state::<AppState>().store_handle().unwrap();
    koda_desktop::watcher::spawn_subscribed(app._app.handle().clone(), store);

    // A teammate, on another machine, creates a canvas on the same database.
    let teammate = koda_backends::PgStore::connect(&url, Some(&schema), "teammate").unwrap();
    let canvas = koda_core::CanvasStore::create_canvas(&teammate, "Their board").unwrap();
    let payload = received
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the UI hears of the teammate's canvas");
    let event: Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(
        (event["kind"].as_str(), event["canvasId"].as_str()),
        (Some("created"), Some(canvas.id.as_str()))
    );
    let listed = invoke(&app, "list_canvases", json!({})).unwrap();
    assert_eq!(listed[0]["name"], "Their board");
}

#[test]
fn raw_bodies_over_their_limit_are_refused_before_they_are_read() {
    let app = app();
    let canvas = invoke(&app, "create_canvas", json!({ "name": "Big" })).unwrap();
    let id = canvas["id"].as_str().unwrap().to_owned();
    let refused = invoke_raw(
        &app,
        "set_canvas_thumbnail",
        vec![0u8; 17 * 1024 * 1024],
        &[("x-koda-canvas", &id)],
    )
    .unwrap_err();
    assert_eq!(refused["code"], "too_large", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("the thumbnail"),
        "{refused}"
    );
}

/// `{"a":{"a":…}}`, `levels` objects deep.
fn nested(levels: usize) -> Value {
    (0..levels).fold(json!(1), |inner, _| json!({ "a": inner }))
}

#[test]
fn data_nested_too_deep_is_refused_as_invalid_input() {
    let app = app();
    let canvas = invoke(&app, "create_canvas", json!({ "name": "Deep" })).unwrap();
    let id = canvas["id"].as_str().unwrap().to_owned();
    let patch = json!({
        "upsertNodes": [{"id": "n", "type": "prompt", "position": {"x": 0, "y": 0}, "data": nested(110)}]
    });
    let refused = invoke(
        &app,
        "apply_patch",
        json!({ "id": id, "baseRevision": canvas["revision"], "patch": patch }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "invalid_input", "{refused}");
    assert!(
        refused["message"].as_str().unwrap().contains("levels deep"),
        "{refused}"
    );
    let reloaded = invoke(&app, "get_canvas", json!({ "id": id })).unwrap();
    assert_eq!(reloaded["nodes"], json!([]), "nothing was written");
}
