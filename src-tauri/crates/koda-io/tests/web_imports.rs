//! Imports of the Koda web app's data: its JSON files, its SQLite file and a Drizzle database,
//! on real files written by the tests.

mod common;

use common::*;
use koda_core::{CanvasStore, RecordStore, StoreError};
use koda_io::import::prepare_import;
use koda_io::{import_files, ImportProgress, ImportStage, SourceFormat, ASSET_REFERENCE_PREFIX};

const SPACES_CANVASES: &str = r#"[
  {"id":"c-1","name":"Moodboard","createdAt":1700000000000,"updatedAt":1700000005000,
   "nodes":[{"id":"1","type":"prompt","position":{"x":0,"y":0},"data":{"text":"fox"}},
            {"id":"2","type":"imageGenerator","position":{"x":300,"y":0},"data":{"model":"flux"}},
            {"id":"3","type":"hologram","position":{"x":600,"y":0},"data":{"beam":true},"glow":7}],
   "edges":[{"id":"e1-2","source":"1","target":"2","sourceHandle":"text","targetHandle":"prompt"}]},
  {"id":"c-2","name":"Storyboard","createdAt":1700000000000,"updatedAt":1700000009000,"nodes":[],"edges":[]}
]"#;

#[test]
fn spaces_canvases_import_is_idempotent_and_keeps_unknown_types() {
    let data = DataDir::new();
    let file = data.file("spaces-canvases.json");
    std::fs::write(&file, SPACES_CANVASES).unwrap();
    let mut reports: Vec<ImportProgress> = Vec::new();
    let summary = import_files(
        data.store(),
        &data.assets,
        std::slice::from_ref(&file),
        &mut |p| reports.push(p),
    )
    .unwrap();
    assert_eq!(summary.files[0].format, SourceFormat::CanvasArray);
    assert_eq!(summary.files[0].canvases.len(), 2);
    assert!(
        reports
            .iter()
            .any(|p| p.stage == ImportStage::Reading && p.current_name == "Moodboard"),
        "{reports:?}"
    );
    assert_eq!(reports.last().unwrap().stage, ImportStage::Done);

    import_files(data.store(), &data.assets, &[file], &mut quiet()).unwrap();
    let listed = data.store.list_canvases().unwrap();
    assert_eq!(listed.len(), 2, "a second import must not duplicate");
    let canvas = data.store.get_canvas("c-1").unwrap().unwrap();
    assert_eq!(
        canvas.updated_at, 1_700_000_005_000,
        "imports keep the canvas's own time"
    );
    let hologram = canvas.nodes.iter().find(|n| n.id == "3").unwrap();
    assert_eq!(hologram.node_type, "hologram");
    assert_eq!(hologram.extra["glow"], 7);
}

#[test]
fn koda_export_file_imports_once() {
    let data = DataDir::new();
    let file = data.file("export.json");
    std::fs::write(
        &file,
        r#"{"version":"1.0","spaceName":"Exported space","exportedAt":"2025-01-31T12:00:00.000Z",
            "nodes":[{"id":"a","type":"stickyNote","position":{"x":1,"y":2},"data":{"text":"hi"}}],"edges":[]}"#,
    )
    .unwrap();
    let first = import_files(
        data.store(),
        &data.assets,
        std::slice::from_ref(&file),
        &mut quiet(),
    )
    .unwrap();
    let second = import_files(data.store(), &data.assets, &[file], &mut quiet()).unwrap();
    assert_eq!(first.files[0].format, SourceFormat::KodaExport);
    assert_eq!(
        first.files[0].canvases[0].id,
        second.files[0].canvases[0].id
    );
    assert_eq!(data.store.list_canvases().unwrap().len(), 1);
}

#[test]
fn inline_media_becomes_asset_files() {
    let data = DataDir::new();
    let image = png(8, 6, 3);
    let nested = png(4, 4, 9);
    let preview = png(2, 2, 5);
    let canvas = serde_json::json!({
        "id": "media-canvas", "name": "With media", "createdAt": 1, "updatedAt": 2,
        "thumbnail": data_url("image/png", &preview),
        "nodes": [
            {"id": "m", "type": "media", "position": {"x": 0, "y": 0},
             "data": {"type": "image", "filename": "fox.png", "url": data_url("image/png", &image)}},
            {"id": "g", "type": "imageGenerator", "position": {"x": 0, "y": 0},
             "data": {"outputs": [{"src": data_url("image/png", &nested)}], "icon": "data:image/svg+xml;utf8,<svg/>"}}
        ],
        "edges": []
    });
    let file = data.file("media.json");
    std::fs::write(&file, canvas.to_string()).unwrap();

    let summary = import_files(
        data.store(),
        &data.assets,
        std::slice::from_ref(&file),
        &mut quiet(),
    )
    .unwrap();
    assert_eq!(summary.assets_added, 3);
    assert_eq!(summary.inline_media_kept, 1, "an SVG stays inline");
    let stored = data.store.get_canvas("media-canvas").unwrap().unwrap();
    let media = stored.nodes[0].data.to_value();
    assert_eq!(
        media["url"],
        format!("{ASSET_REFERENCE_PREFIX}{}", sha256(&image))
    );
    let generator = stored.nodes[1].data.to_value();
    assert_eq!(
        generator["outputs"][0]["src"],
        format!("{ASSET_REFERENCE_PREFIX}{}", sha256(&nested))
    );
    assert!(!stored.nodes[0].data.as_str().contains("base64"));
    assert_eq!(data.assets.read(&sha256(&image)).unwrap(), image);
    let expected_thumbnail = format!("{ASSET_REFERENCE_PREFIX}{}", sha256(&preview));
    assert_eq!(
        stored.thumbnail.as_deref(),
        Some(expected_thumbnail.as_str()),
        "the web app's preview too"
    );

    let rows = data.store.list_assets(Some("media-canvas")).unwrap();
    assert_eq!(rows.len(), 3);
    let fox = rows
        .iter()
        .find(|r| r.local_blob_key.as_deref() == Some(sha256(&image).as_str()))
        .unwrap();
    assert_eq!(fox.filename.as_deref(), Some("fox.png"));
    assert_eq!(fox.node_id.as_deref(), Some("m"));

    // Importing again adds no second row for the same file.
    let again = import_files(data.store(), &data.assets, &[file], &mut quiet()).unwrap();
    assert_eq!(again.assets_added, 0);
    assert_eq!(again.assets_already_present, 3);
    assert_eq!(
        data.store.list_assets(Some("media-canvas")).unwrap().len(),
        3
    );
}

#[test]
fn damaged_inline_media_fails_at_its_path_and_imports_nothing() {
    let data = DataDir::new();
    let file = data.file("bad-media.json");
    let canvas = serde_json::json!({
        "id": "c", "name": "n", "createdAt": 1, "updatedAt": 1,
        "nodes": [{"id": "m", "type": "media", "position": {"x": 0, "y": 0}, "data": {"url": "data:image/png;base64,@@@not-base64"}}],
        "edges": []
    });
    std::fs::write(&file, canvas.to_string()).unwrap();
    let (path, message) = invalid_path(import_files(
        data.store(),
        &data.assets,
        &[file],
        &mut quiet(),
    ));
    assert!(path.ends_with("canvas 'c'.nodes[0].data.url"), "{path}");
    assert!(message.contains("base64"), "{message}");
    assert!(data.store.list_canvases().unwrap().is_empty());
    assert!(data.store.list_assets(None).unwrap().is_empty());
}

#[test]
fn media_the_asset_store_refuses_rolls_back_every_asset_and_canvas() {
    let data = DataDir::new();
    let good = png(5, 5, 1);
    // A PNG signature followed by garbage: sniffed as an image, refused when decoded.
    let mut broken = png(5, 5, 2);
    broken.truncate(40);
    let canvas = serde_json::json!({
        "id": "c", "name": "n", "createdAt": 1, "updatedAt": 1,
        "nodes": [
            {"id": "a", "type": "media", "position": {"x": 0, "y": 0}, "data": {"src": data_url("image/png", &good)}},
            {"id": "b", "type": "media", "position": {"x": 0, "y": 0}, "data": {"src": data_url("image/png", &broken)}}
        ],
        "edges": []
    });
    let file = data.file("half-broken.json");
    std::fs::write(&file, canvas.to_string()).unwrap();
    let (path, message) = invalid_path(import_files(
        data.store(),
        &data.assets,
        &[file],
        &mut quiet(),
    ));
    assert!(path.contains("canvas 'c' node 'b'"), "{path}: {message}");
    assert!(data.store.list_canvases().unwrap().is_empty());
    assert!(
        data.store.list_assets(None).unwrap().is_empty(),
        "the good asset's row is taken back"
    );
    assert!(
        !data.assets.file_path(&sha256(&good)).unwrap().exists(),
        "and its file"
    );
}

#[test]
fn truncated_json_names_line_and_column_and_imports_nothing() {
    let data = DataDir::new();
    let good = data.file("good.json");
    std::fs::write(&good, SPACES_CANVASES).unwrap();
    let truncated = data.file("truncated.json");
    std::fs::write(&truncated, &SPACES_CANVASES[..SPACES_CANVASES.len() / 2]).unwrap();
    let (path, _) = invalid_path(import_files(
        data.store(),
        &data.assets,
        &[good, truncated],
        &mut quiet(),
    ));
    assert!(
        path.contains("truncated.json") && path.contains("line "),
        "{path}"
    );
    assert!(
        data.store.list_canvases().unwrap().is_empty(),
        "the good file before it is not imported either"
    );
}

#[test]
fn files_that_are_no_canvas_are_typed_errors() {
    let data = DataDir::new();
    let text = data.file("notes.txt");
    std::fs::write(&text, "just some notes").unwrap();
    assert_eq!(
        prepare_import(&text, &mut quiet()).unwrap_err().code(),
        "invalid_input"
    );
    let binary = data.file("blob.bin");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x81]).unwrap();
    assert_eq!(
        prepare_import(&binary, &mut quiet()).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        prepare_import(&data.file("missing.json"), &mut quiet())
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn web_sqlite_file_imports_with_millisecond_times_and_is_left_untouched() {
    let data = DataDir::new();
    let db = data.file("koda.db");
    let nodes = r#"[{"id":"1","type":"prompt","position":{"x":5,"y":6},"data":{"text":"owl"}},
                    {"id":"2","type":"media","position":{"x":300,"y":6},"data":{"kind":"image"}}]"#;
    let edges = r#"[{"id":"e","source":"1","target":"2"}]"#;
    write_web_sqlite(
        &db,
        false,
        &[(
            "w-1",
            "Web board",
            nodes,
            edges,
            1_700_000_000_123,
            1_700_000_100_456,
        )],
    );
    let before = file_sha256(&db);

    let summary = import_files(
        data.store(),
        &data.assets,
        std::slice::from_ref(&db),
        &mut quiet(),
    )
    .unwrap();
    assert_eq!(summary.files[0].format, SourceFormat::WebSqlite);
    let canvas = data.store.get_canvas("w-1").unwrap().unwrap();
    assert_eq!(
        (canvas.created_at, canvas.updated_at),
        (1_700_000_000_123, 1_700_000_100_456)
    );
    assert_eq!(canvas.nodes.len(), 2);
    assert_eq!(canvas.edges[0].source, "1");
    assert_eq!(
        canvas.thumbnail, None,
        "a missing optional column reads as empty"
    );
    assert_eq!(
        file_sha256(&db),
        before,
        "the foreign file is opened read-only"
    );

    import_files(data.store(), &data.assets, &[db], &mut quiet()).unwrap();
    assert_eq!(data.store.list_canvases().unwrap().len(), 1);
}

#[test]
fn web_sqlite_with_bad_json_names_table_row_and_position() {
    let data = DataDir::new();
    let db = data.file("bad.db");
    let good = r#"[{"id":"1","type":"prompt","position":{"x":0,"y":0},"data":{}}]"#;
    let bad = r#"[{"id":"1","type":"prompt","position":{"x":"left","y":0},"data":{}}]"#;
    write_web_sqlite(
        &db,
        true,
        &[
            ("ok", "Fine", good, "[]", 1, 1),
            ("broken", "Broken", bad, "[]", 1, 1),
        ],
    );
    let (path, _) = invalid_path(import_files(
        data.store(),
        &data.assets,
        &[db],
        &mut quiet(),
    ));
    assert!(
        path.contains("canvases[id=broken].nodes[0].position.x"),
        "{path}"
    );
    assert!(path.contains("line 1"), "{path}");
    assert!(
        data.store.list_canvases().unwrap().is_empty(),
        "the good row is not imported either"
    );
}

#[test]
fn drizzle_database_imports_seconds_order_and_types() {
    let data = DataDir::new();
    let db = data.file("drizzle.db");
    drop(write_drizzle_sqlite(&db));
    let before = file_sha256(&db);

    let summary = import_files(
        data.store(),
        &data.assets,
        std::slice::from_ref(&db),
        &mut quiet(),
    )
    .unwrap();
    assert_eq!(summary.files[0].format, SourceFormat::DrizzleSqlite);
    assert_eq!(summary.files[0].canvases.len(), 2);
    let canvas = data.store.get_canvas("d-1").unwrap().unwrap();
    assert_eq!(
        (canvas.created_at, canvas.updated_at),
        (1_700_000_000_000, 1_700_000_500_000),
        "seconds become ms"
    );
    let ids: Vec<&str> = canvas.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        ["p1", "g1", "w1"],
        "array order is the insertion order"
    );
    assert_eq!(canvas.nodes[0].position.x, 10.5);
    assert_eq!(
        canvas.nodes[0].z_index, None,
        "Drizzle's default 0 means no zIndex"
    );
    assert_eq!(canvas.nodes[1].width, Some(300.0));
    assert_eq!(canvas.nodes[1].data.to_value()["model"], "flux-pro");
    assert_eq!(canvas.nodes[2].node_type, "weirdFutureNode");
    assert_eq!(canvas.edges[0].source_handle.as_deref(), Some("output"));
    assert_eq!(canvas.edges[0].target_handle.as_deref(), Some("text"));
    assert_eq!(canvas.edges[0].edge_type.as_deref(), Some("default"));
    assert_eq!(
        file_sha256(&db),
        before,
        "the foreign database is never written"
    );

    import_files(data.store(), &data.assets, &[db], &mut quiet()).unwrap();
    assert_eq!(data.store.list_canvases().unwrap().len(), 2);
}

#[test]
fn drizzle_row_with_bad_data_names_its_table_and_row() {
    let data = DataDir::new();
    let db = data.file("drizzle-bad.db");
    let conn = write_drizzle_sqlite(&db);
    conn.execute(
        "UPDATE canvas_nodes SET data = '{\"text\": tru' WHERE id = 'g1'",
        [],
    )
    .unwrap();
    drop(conn);
    let (path, message) = invalid_path(import_files(
        data.store(),
        &data.assets,
        &[db],
        &mut quiet(),
    ));
    assert!(
        path.contains("canvas_nodes[id=g1].data (line 1, column"),
        "{path}"
    );
    assert!(message.contains("not valid JSON"), "{message}");
    assert!(data.store.list_canvases().unwrap().is_empty());
}

#[test]
fn drizzle_edge_to_a_missing_node_names_the_edge_row() {
    let data = DataDir::new();
    let db = data.file("drizzle-dangling.db");
    let conn = write_drizzle_sqlite(&db);
    conn.execute(
        "UPDATE canvas_edges SET target_node_id = 'gone' WHERE id = 'e1'",
        [],
    )
    .unwrap();
    drop(conn);
    let (path, _) = invalid_path(import_files(
        data.store(),
        &data.assets,
        &[db],
        &mut quiet(),
    ));
    assert!(path.ends_with("canvas_edges[id=e1].target"), "{path}");
}

#[test]
fn sqlite_file_with_garbage_is_a_typed_error() {
    let data = DataDir::new();
    let db = data.file("garbage.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend((0..8192u32).map(|i| (i * 31 % 251) as u8));
    std::fs::write(&db, &bytes).unwrap();
    let error = import_files(
        data.store(),
        &data.assets,
        std::slice::from_ref(&db),
        &mut quiet(),
    )
    .unwrap_err();
    assert!(
        matches!(&error, StoreError::Corrupt(message) if message.contains("garbage.db")),
        "{error:?}"
    );
    assert!(data.store.list_canvases().unwrap().is_empty());
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "left as it was");

    let unrelated = data.file("unrelated.db");
    rusqlite::Connection::open(&unrelated)
        .unwrap()
        .execute_batch("CREATE TABLE songs (id TEXT)")
        .unwrap();
    let (_, message) = invalid_path(prepare_import(&unrelated, &mut quiet()));
    assert!(message.contains("no `canvases` table"), "{message}");
}

#[test]
fn another_koda_desktop_database_imports_its_live_canvases() {
    let source = DataDir::new();
    let mut canvas = koda_core::StoredCanvas::new("Desktop canvas", 1_700_000_000_000);
    let mut node = koda_core::CanvasNode::new("n", "text", 1.0, 2.0);
    node.z_index = Some(3);
    node.extra.insert("parentId".into(), "g".into());
    let group = koda_core::CanvasNode::new("g", "group", 0.0, 0.0);
    canvas.nodes = vec![group, node];
    source.store.import_canvas(&canvas).unwrap();
    let trashed = source.store.create_canvas("Trashed").unwrap();
    source.store.trash_canvas(&trashed.id).unwrap();
    source.store.checkpoint().unwrap();

    let target = DataDir::new();
    let summary = import_files(
        target.store(),
        &target.assets,
        &[source.path().join("koda.db")],
        &mut quiet(),
    )
    .unwrap();
    assert_eq!(summary.files[0].format, SourceFormat::DesktopSqlite);
    assert_eq!(summary.files[0].canvases.len(), 1, "the trash stays behind");
    let copy = target.store.get_canvas(&canvas.id).unwrap().unwrap();
    assert_eq!(copy.nodes, canvas.nodes);
    assert_eq!(copy.updated_at, canvas.updated_at);
}

/// Every importer refuses node data nested deeper than Koda keeps, as a typed error: a Koda web
/// JSON file, a JSON Canvas file, and a value so deep serde's own limit stops it first.
#[test]
fn data_nested_too_deep_is_refused_by_every_json_importer() {
    let data = DataDir::new();
    let deep = |levels: usize| (0..levels).fold("1".to_owned(), |inner, _| format!("[{inner}]"));
    let canvas = |levels: usize| {
        format!(
            r#"{{"id":"c","name":"Deep","nodes":[{{"id":"n","type":"prompt","position":{{"x":0,"y":0}},"data":{{"v":{}}}}}],"edges":[],"createdAt":1,"updatedAt":1}}"#,
            deep(levels)
        )
    };
    let json_canvas = format!(
        r#"{{"nodes":[{{"id":"n","type":"text","text":"hi","x":0,"y":0,"width":10,"height":10,"koda":{}}}],"edges":[]}}"#,
        deep(120)
    );
    for (name, text) in [
        ("deep.json", canvas(110)),
        ("deeper.json", canvas(500)),
        ("deep.canvas", json_canvas),
    ] {
        let file = data.file(name);
        std::fs::write(&file, text).unwrap();
        let error = prepare_import(&file, &mut quiet()).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{name}: {error}");
    }
    assert!(data.store().list_canvases().unwrap().is_empty());
}
