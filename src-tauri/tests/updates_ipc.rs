//! Updates through Tauri's IPC against a release server on 127.0.0.1: a signed update is found,
//! downloaded, kept and installed at the next launch over the program it replaces; a tampered,
//! unsigned, wrongly signed or mislabelled package is refused and nothing is kept or installed.

mod support;
#[path = "support/update_server.rs"]
mod update_server;

use koda_core::config::StorageConfig;
use koda_desktop::state::AppState;
use koda_desktop::updates::{UpdateSource, Updates, UPDATE_PROGRESS_EVENT};
use serde_json::{json, Value};
use support::*;
use tauri::test::mock_builder;
use tauri::{Listener, Manager};
use update_server::{manifest, serve, Served, SigningKey};

/// An AppImage's first bytes: the updater installs only executables.
const NEW_PROGRAM: &[u8] =
    b"\x7fELF\x02\x01\x01 Koda 9.9.9: the program the update installs, longer than an ELF header";

struct Setup {
    app: App,
    served: Served,
    base: String,
    key: SigningKey,
    program: std::path::PathBuf,
    data: std::path::PathBuf,
    _folder: tempfile::TempDir,
}

/// The app on a fresh data folder, its updates from a local server, "installed" at a copy of the
/// program in a temporary folder.
fn setup() -> Setup {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let program = folder.path().join("Koda.AppImage");
    std::fs::write(&program, b"\x7fELF the running Koda 0.1.0").unwrap();
    let served = Served::default();
    let base = serve(served.clone());
    let key = SigningKey::generate();
    let state = AppState::open(StorageConfig::for_data_dir(&data));
    let app = koda_desktop::app_builder(mock_builder(), state)
        .plugin(tauri_plugin_updater::Builder::new().build())
        .build(tauri::generate_context!())
        .unwrap();
    assert!(app.state::<Updates>().use_source(UpdateSource {
        endpoint: format!("{base}/latest.json").parse().unwrap(),
        pubkey: key.public_key(),
        executable: Some(program.clone()),
    }));
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Setup {
        app: App {
            _app: app,
            window,
            _dir: None,
        },
        served,
        base,
        key,
        program,
        data,
        _folder: folder,
    }
}

impl Setup {
    /// Publishes `package` as 9.9.9 with `signature`.
    fn publish(&self, package: &[u8], signature: &str) {
        self.served.set("/Koda_9.9.9.AppImage", package.to_vec());
        self.served.set(
            "/latest.json",
            manifest(
                "9.9.9",
                "Canvases open twice as fast.",
                &format!("{}/Koda_9.9.9.AppImage", self.base),
                signature,
            ),
        );
    }

    fn call(&self, command: &str) -> Value {
        invoke(&self.app, command, json!({})).unwrap()
    }

    fn kept(&self) -> Vec<String> {
        std::fs::read_dir(self.data.join("updates"))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn install_kept(&self) -> Result<Option<String>, String> {
        self.app
            ._app
            .state::<Updates>()
            .install_kept(self.app._app.handle())
    }
}

#[test]
fn a_signed_update_is_found_downloaded_kept_and_installed_at_the_next_launch() {
    let s = setup();
    assert_eq!(s.call("update_status")["state"], "upToDate");
    s.publish(NEW_PROGRAM, &s.key.sign(NEW_PROGRAM, "9.9.9"));

    let found = s.call("check_for_update");
    assert_eq!(found["state"], "available", "{found}");
    assert_eq!(found["version"], "9.9.9");
    assert_eq!(found["currentVersion"], "0.1.0");
    assert_eq!(found["notes"], "Canvases open twice as fast.");
    assert_eq!(found["date"], "2026-11-30T12:00:00Z");

    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let sink = heard.clone();
    s.app._app.listen_any(UPDATE_PROGRESS_EVENT, move |event| {
        sink.lock()
            .unwrap()
            .push(serde_json::from_str(event.payload()).unwrap());
    });
    let ready = s.call("download_update");
    assert_eq!(ready["state"], "ready", "{ready}");
    assert_eq!(s.call("update_status")["state"], "ready");
    // The window heard the download arrive, ending with the whole package.
    let heard = heard.lock().unwrap();
    let size = NEW_PROGRAM.len();
    assert_eq!(
        heard.last(),
        Some(&json!({ "received": size, "total": size })),
        "{heard:?}"
    );
    assert!(heard
        .windows(2)
        .all(|pair| pair[0]["received"].as_u64() <= pair[1]["received"].as_u64()));
    let mut kept = s.kept();
    kept.sort();
    assert_eq!(kept, ["package", "release.json"]);
    // Not installed yet: the running program is untouched until the next launch.
    assert!(std::fs::read(&s.program).unwrap().ends_with(b"0.1.0"));

    // The next launch installs it, checking the signature again, and removes what it kept.
    assert_eq!(s.install_kept().unwrap().as_deref(), Some("9.9.9"));
    assert_eq!(std::fs::read(&s.program).unwrap(), NEW_PROGRAM);
    assert!(s.kept().is_empty());
    assert_eq!(
        s.install_kept().unwrap(),
        None,
        "nothing is left to install"
    );
}

#[test]
fn a_tampered_package_is_refused_and_nothing_is_kept() {
    let s = setup();
    let mut tampered = NEW_PROGRAM.to_vec();
    *tampered.last_mut().unwrap() ^= 1;
    // The manifest is the real one; the package on the server was changed after signing.
    s.publish(&tampered, &s.key.sign(NEW_PROGRAM, "9.9.9"));
    assert_eq!(s.call("check_for_update")["state"], "available");
    let refused = s.call("download_update");
    assert_eq!(refused["state"], "failed", "{refused}");
    assert!(
        refused["message"].as_str().unwrap().contains("signature"),
        "{refused}"
    );
    assert!(s.kept().is_empty());
    assert!(std::fs::read(&s.program).unwrap().ends_with(b"0.1.0"));
}

#[test]
fn unsigned_wrongly_signed_and_relabelled_packages_are_refused() {
    let stranger = SigningKey::generate();
    let s = setup();
    let cases = [
        ("unsigned", String::new()),
        ("signed by another key", stranger.sign(NEW_PROGRAM, "9.9.9")),
        // A genuine signature for another release, announced as 9.9.9 (a downgrade attack).
        (
            "signed for another version",
            s.key.sign(NEW_PROGRAM, "0.0.9"),
        ),
        // Which release a signature without a version is for cannot be told: refused too.
        (
            "signed without a version",
            s.key
                .sign_with_comment(NEW_PROGRAM, "timestamp:1764504000\tfile:Koda.AppImage"),
        ),
    ];
    for (case, signature) in cases {
        s.publish(NEW_PROGRAM, &signature);
        assert_eq!(s.call("check_for_update")["state"], "available", "{case}");
        let refused = s.call("download_update");
        assert_eq!(refused["state"], "failed", "{case}: {refused}");
        assert!(s.kept().is_empty(), "{case}");
    }
    assert!(std::fs::read(&s.program).unwrap().ends_with(b"0.1.0"));
}

#[test]
fn a_kept_package_changed_on_disk_is_not_installed() {
    let s = setup();
    s.publish(NEW_PROGRAM, &s.key.sign(NEW_PROGRAM, "9.9.9"));
    s.call("check_for_update");
    assert_eq!(s.call("download_update")["state"], "ready");
    let package = s.data.join("updates/package");
    let mut bytes = std::fs::read(&package).unwrap();
    bytes.extend_from_slice(b" plus something else");
    std::fs::write(&package, bytes).unwrap();
    let error = s.install_kept().unwrap_err();
    assert!(error.contains("not installed"), "{error}");
    assert!(std::fs::read(&s.program).unwrap().ends_with(b"0.1.0"));
    assert!(s.kept().is_empty(), "a bad package is not tried again");
}

#[test]
fn no_newer_release_and_an_unreachable_server_are_told_apart() {
    let s = setup();
    s.served.set(
        "/latest.json",
        manifest(
            "0.1.0",
            "",
            &format!("{}/x", s.base),
            &s.key.sign(b"x", "0.1.0"),
        ),
    );
    assert_eq!(s.call("check_for_update")["state"], "upToDate");
    s.served.remove("/latest.json");
    let failed = s.call("check_for_update");
    assert_eq!(failed["state"], "failed", "{failed}");
    assert!(failed["message"]
        .as_str()
        .unwrap()
        .starts_with("Could not check"));
    assert_eq!(s.call("download_update")["state"], "failed");
}

#[test]
fn a_build_without_an_update_source_says_so() {
    let app = app();
    assert_eq!(
        invoke(&app, "update_status", json!({})).unwrap()["state"],
        "notConfigured"
    );
    assert_eq!(
        invoke(&app, "check_for_update", json!({})).unwrap()["state"],
        "notConfigured"
    );
}
