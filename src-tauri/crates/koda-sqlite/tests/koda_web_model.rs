//! Migration 3 on a database made by the previous release (schema 2): canvases in the old desktop
//! node model come out in Koda web's, exactly as the import path's Rust upgrade moves them, after
//! a backup; Koda web canvases stored before are left byte for byte.

use koda_core::{upgrade_desktop_canvas, CanvasStore, HistoryStore, StoredCanvas};
use koda_sqlite::migrations::MIGRATIONS;
use koda_sqlite::SqliteStore;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../../tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

fn as_json(canvas: &StoredCanvas) -> serde_json::Value {
    let mut value = serde_json::to_value(canvas).unwrap();
    for field in ["revision", "updatedAt"] {
        value.as_object_mut().unwrap().remove(field);
    }
    value
}

/// Writes a canvas with the previous release's columns (today's code writes `canvases.extra`).
fn write_as_release_2(conn: &rusqlite::Connection, canvas: &StoredCanvas) {
    conn.execute(
        "INSERT INTO canvases (id, user_id, name, created_at, updated_at, revision, node_count)
         VALUES (?1, 'local', ?2, ?3, ?3, 1, ?4)",
        rusqlite::params![
            canvas.id,
            canvas.name,
            canvas.created_at,
            canvas.nodes.len() as i64
        ],
    )
    .unwrap();
    for (ord, node) in canvas.nodes.iter().enumerate() {
        let extra = (!node.extra.is_empty()).then(|| serde_json::to_string(&node.extra).unwrap());
        conn.execute(
            "INSERT INTO canvas_nodes (id, canvas_id, type, position_x, position_y, width, height, data,
                                       z_index, created_at, updated_at, ord, extra)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, 1, ?10, ?11)",
            rusqlite::params![
                node.id, canvas.id, node.node_type, node.position.x, node.position.y, node.width,
                node.height, node.data.as_str(), node.z_index, ord as i64, extra
            ],
        )
        .unwrap();
    }
    for (ord, edge) in canvas.edges.iter().enumerate() {
        let extra = (!edge.extra.is_empty()).then(|| serde_json::to_string(&edge.extra).unwrap());
        conn.execute(
            "INSERT INTO canvas_edges (id, canvas_id, source_node_id, source_handle, target_node_id,
                                       target_handle, type, ord, extra)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                edge.id, canvas.id, edge.source, edge.source_handle, edge.target,
                edge.target_handle, edge.edge_type, ord as i64, extra
            ],
        )
        .unwrap();
    }
}

#[test]
fn a_release_2_database_moves_to_koda_webs_model_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("koda.db");
    let old = koda_core::validate::parse_canvas(&fixture("desktop-v2/old-model.json")).unwrap();
    let (_, web) =
        koda_core::formats::parse_canvas_file(&fixture("koda-web/showcase.json"), 1).unwrap();
    {
        drop(SqliteStore::open_file_with(&path, &MIGRATIONS[..2]).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        write_as_release_2(&conn, &old);
        // A Koda web canvas imported by the previous release.
        write_as_release_2(&conn, &web[0]);
    }
    let store = SqliteStore::open_file(&path).unwrap();
    assert_eq!(store.open_report().migrated, vec![3, 4, 5]);
    // The search index is built for what was stored before it existed.
    let hits = store
        .search(&koda_core::SearchQuery {
            text: web[0].name.clone(),
            limit: None,
            include_trash: None,
        })
        .unwrap();
    assert!(hits.iter().any(|h| h.canvas_id == web[0].id), "{hits:?}");
    let backup = store.open_report().backup.clone().expect("a backup first");
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let old_type: String = conn
        .query_row("SELECT type FROM canvas_nodes WHERE id = 'p'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(old_type, "prompt", "the backup holds the canvas as it was");

    let migrated = store.get_canvas(&old.id).unwrap().unwrap();
    let mut expected = old.clone();
    assert!(upgrade_desktop_canvas(&mut expected));
    assert_eq!(as_json(&migrated), as_json(&expected), "SQL and Rust agree");
    assert!(migrated.nodes.iter().all(|n| n.node_type != "prompt"));

    let untouched = store.get_canvas(&web[0].id).unwrap().unwrap();
    for (stored, original) in untouched.nodes.iter().zip(&web[0].nodes) {
        assert_eq!(
            stored.data.as_str(),
            original.data.as_str(),
            "{}",
            stored.id
        );
        assert_eq!(stored.node_type, original.node_type);
    }
    assert_eq!(untouched.edges, web[0].edges);
}

#[test]
fn koda_web_canvas_fields_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_file(&dir.path().join("koda.db")).unwrap();
    let (_, web) =
        koda_core::formats::parse_canvas_file(&fixture("koda-web/showcase.json"), 7).unwrap();
    store.import_canvas(&web[0]).unwrap();
    let back = store.get_canvas(&web[0].id).unwrap().unwrap();
    assert_eq!(back.details, web[0].details);
    assert_eq!(
        back.created_at, 7,
        "a template without times dates from its file"
    );
    let json = serde_json::to_value(&back).unwrap();
    assert_eq!(json["koda:futureField"], serde_json::json!({"kept": true}));
    assert!(json["tags"].is_array());
}

/// Every type's data, unknown node fields and unknown canvas fields come back byte-equal in
/// JSON (keys sorted where the format does not fix an order: the canvas object itself).
#[test]
fn a_koda_web_canvas_round_trips_byte_equal() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_file(&dir.path().join("koda.db")).unwrap();
    let text = fixture("koda-web/showcase.json");
    let (_, web) = koda_core::formats::parse_canvas_file(&text, 1_700_000_000_000).unwrap();
    store.import_canvas(&web[0]).unwrap();
    let back = store.get_canvas(&web[0].id).unwrap().unwrap();
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    for twin in &back.nodes {
        // The stored text is the file's own bytes for this node's data (spacing included).
        assert!(
            text.contains(&format!("\"data\": {}", twin.data.as_str())),
            "node {} data is not byte for byte the file's",
            twin.id
        );
    }
    let mut exported = serde_json::to_value(&back).unwrap();
    let exported = exported.as_object_mut().unwrap();
    for stored_only in ["revision", "createdAt", "updatedAt"] {
        exported.remove(stored_only);
    }
    assert_eq!(
        canonical(&serde_json::Value::Object(exported.clone())),
        canonical(&original),
        "the whole canvas, every field, as Koda web wrote it"
    );
}

fn canonical(value: &serde_json::Value) -> String {
    fn sort(value: &serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => {
                let mut keys: Vec<_> = map.keys().collect();
                keys.sort();
                serde_json::Value::Object(
                    keys.into_iter()
                        .map(|k| (k.clone(), sort(&map[k])))
                        .collect(),
                )
            }
            serde_json::Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(sort).collect())
            }
            other => other.clone(),
        }
    }
    serde_json::to_string(&sort(value)).unwrap()
}
