//! Files Koda is asked to open (a double-click, "Open with Koda", a second launch): each imported
//! on its own, the good ones kept when another is bad, and handed to the page once.

mod support;

use koda_desktop::opened_files::{file_arguments, import_each};
use koda_desktop::state::AppState;
use serde_json::{json, Value};
use support::*;
use tauri::Manager;

/// A JSON Canvas file with one text node saying `text`.
fn write_one_note_canvas(path: &std::path::Path, text: &str) {
    let canvas = json!({
        "nodes": [{"id": "t", "type": "text", "text": text, "x": 0, "y": 0, "width": 200, "height": 80}],
        "edges": []
    });
    std::fs::write(path, canvas.to_string()).unwrap();
}

#[test]
fn each_file_is_imported_on_its_own_and_the_page_takes_them_once() {
    let files = tempfile::tempdir().unwrap();
    let good = files.path().join("board.canvas");
    write_one_note_canvas(&good, "Hello");
    let bad = files.path().join("broken.koda");
    std::fs::write(&bad, b"PK\x03\x04 not really a zip").unwrap();
    let argv = [
        "koda-desktop",
        "board.canvas",
        "broken.koda",
        "--data-dir",
        "x",
    ]
    .map(String::from);
    let paths = file_arguments(&argv, files.path());
    assert_eq!(paths, [good.clone(), bad.clone()]);

    let app = app();
    let state = app.window.state::<AppState>();
    let opened = import_each(&state, &paths);
    let [first, second] = opened.files.as_slice() else {
        panic!("{opened:?}")
    };
    let imported = first.result.clone().expect("the good file is imported");
    assert_eq!(imported.canvases.len(), 1);
    assert!(first.error.is_none());
    assert!(second.result.is_none());
    assert_eq!(second.error.as_ref().unwrap().code, "invalid_input");

    let listed = invoke(&app, "list_canvases", json!({})).unwrap();
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "the bad file kept nothing out"
    );

    state.queue_opened(opened);
    let taken = invoke(&app, "take_opened_files", json!({})).unwrap();
    assert_eq!(
        taken[0]["files"][0]["result"]["canvases"][0]["id"],
        imported.canvases[0].id
    );
    assert_eq!(taken[0]["files"][1]["error"]["code"], "invalid_input");
    assert_eq!(
        invoke(&app, "take_opened_files", json!({})).unwrap(),
        Value::Array(vec![])
    );
}

#[test]
fn the_import_dialog_hands_its_files_over_like_a_double_click() {
    let files = tempfile::tempdir().unwrap();
    let board = files.path().join("board.canvas");
    write_one_note_canvas(&board, "Hi");
    let app = app();
    answer_next_dialog(&app, std::slice::from_ref(&board));
    assert_eq!(
        invoke(&app, "import_with_dialog", json!({})).unwrap(),
        json!(1)
    );
    // The import runs off the main thread; the page takes it when told.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let taken = loop {
        let taken = invoke(&app, "take_opened_files", json!({})).unwrap();
        if !taken.as_array().unwrap().is_empty() || std::time::Instant::now() > deadline {
            break taken;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(
        taken[0]["files"][0]["path"],
        board.display().to_string(),
        "{taken}"
    );
    assert_eq!(
        taken[0]["files"][0]["result"]["canvases"][0]["nodeCount"],
        1
    );
    // A cancelled dialog opens nothing.
    answer_next_dialog(&app, &[]);
    assert_eq!(
        invoke(&app, "import_with_dialog", json!({})).unwrap(),
        json!(0)
    );
}
