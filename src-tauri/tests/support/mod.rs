//! Calling the commands through Tauri's IPC layer (mock runtime, real capabilities, real SQLite
//! file), as the UI does.
#![allow(dead_code)] // each test file uses the helpers it needs

use koda_core::config::StorageConfig;
use koda_desktop::file_dialogs::ScriptedAnswers;
use koda_desktop::state::AppState;
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;
use tauri::WebviewWindow;

pub struct App {
    pub _app: tauri::App<tauri::test::MockRuntime>,
    pub window: WebviewWindow<tauri::test::MockRuntime>,
    pub _dir: Option<tempfile::TempDir>,
}

pub fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(dir.path());
    app._dir = Some(dir);
    app
}

/// The app on an existing data folder, as a second launch would open it.
pub fn app_at(data_dir: &std::path::Path) -> App {
    let state = AppState::open(StorageConfig::for_data_dir(data_dir));
    let app = koda_desktop::app_builder(mock_builder(), state)
        .manage(ScriptedAnswers::default())
        .build(tauri::generate_context!())
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    App {
        _app: app,
        window,
        _dir: None,
    }
}

/// What the next Save or Open dialog answers: the paths picked, none for a cancel.
pub fn answer_next_dialog(app: &App, picked: &[std::path::PathBuf]) {
    app._app
        .state::<ScriptedAnswers>()
        .answers
        .lock()
        .unwrap()
        .push_back(picked.to_vec());
}

pub fn invoke(app: &App, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_from(app, "tauri://localhost", cmd, args)
}

pub fn invoke_from(app: &App, origin: &str, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_body(app, origin, cmd, InvokeBody::Json(args), Default::default())
}

pub fn invoke_raw(
    app: &App,
    cmd: &str,
    bytes: Vec<u8>,
    headers: &[(&'static str, &str)],
) -> Result<Value, Value> {
    let mut map = tauri::http::HeaderMap::new();
    for (name, value) in headers {
        map.insert(*name, value.parse().unwrap());
    }
    invoke_body(app, "tauri://localhost", cmd, InvokeBody::Raw(bytes), map)
}

pub fn invoke_body(
    app: &App,
    origin: &str,
    cmd: &str,
    body: InvokeBody,
    headers: tauri::http::HeaderMap,
) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        &app.window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().unwrap(),
            body,
            headers,
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}
