//! Migration 2 on a team database made by the previous release (schema 1): canvases in the old
//! desktop node model come out in Koda web's, exactly as the Rust upgrade of the import path
//! moves them (the same rules as SQLite's migration 3); Koda web canvases are left alone.

mod support;

use koda_core::{upgrade_desktop_canvas, CanvasStore, StoredCanvas};
use koda_postgres::migrations::{migrate_with, MIGRATIONS};
use koda_postgres::{PgStore, PgTarget};
use support::{database_url, fresh_schema};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../../tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// Writes a canvas with the previous release's columns (today's code writes `canvases.extra`).
fn write_as_release_1(client: &mut postgres::Client, canvas: &StoredCanvas) {
    client
        .execute(
            "INSERT INTO canvases (id, user_id, name, created_at, updated_at, revision, node_count)
             VALUES ($1, NULL, $2, now(), now(), 1, $3)",
            &[&canvas.id, &canvas.name, &(canvas.nodes.len() as i32)],
        )
        .unwrap();
    for (ord, node) in canvas.nodes.iter().enumerate() {
        client
            .execute(
                "INSERT INTO canvas_nodes (id, canvas_id, type, position_x, position_y, data, created_at,
                                           updated_at, ord)
                 VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, now(), now(), $7)",
                &[
                    &node.id,
                    &canvas.id,
                    &node.node_type,
                    &node.position.x,
                    &node.position.y,
                    &node.data.as_str(),
                    &(ord as i64),
                ],
            )
            .unwrap();
    }
    for (ord, edge) in canvas.edges.iter().enumerate() {
        client
            .execute(
                "INSERT INTO canvas_edges (id, canvas_id, source_node_id, source_handle, target_node_id,
                                           target_handle, ord)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &edge.id,
                    &canvas.id,
                    &edge.source,
                    &edge.source_handle,
                    &edge.target,
                    &edge.target_handle,
                    &(ord as i64),
                ],
            )
            .unwrap();
    }
}

#[test]
fn a_release_1_team_database_moves_to_koda_webs_model() {
    let schema = fresh_schema();
    let old = koda_core::validate::parse_canvas(&fixture("desktop-v2/old-model.json")).unwrap();
    let (_, web) =
        koda_core::formats::parse_canvas_file(&fixture("koda-web/showcase.json"), 1).unwrap();
    {
        let mut client = PgTarget::parse(&database_url(), Some(&schema))
            .unwrap()
            .connect()
            .unwrap();
        client
            .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\""))
            .unwrap();
        migrate_with(&mut client, &MIGRATIONS[..1]).unwrap();
        write_as_release_1(&mut client, &old);
        write_as_release_1(&mut client, &web[0]);
    }
    let store = PgStore::connect(&database_url(), Some(&schema), "ann").unwrap();
    let migrated = store.get_canvas(&old.id).unwrap().unwrap();
    let mut expected = old.clone();
    assert!(upgrade_desktop_canvas(&mut expected));
    for (got, want) in migrated.nodes.iter().zip(&expected.nodes) {
        assert_eq!(got.node_type, want.node_type, "{}", got.id);
        assert_eq!(got.data, want.data, "{}", got.id);
    }
    assert_eq!(
        migrated.edges, expected.edges,
        "SQL and Rust agree on handles"
    );
    let untouched = store.get_canvas(&web[0].id).unwrap().unwrap();
    for (stored, original) in untouched.nodes.iter().zip(&web[0].nodes) {
        assert_eq!(stored.node_type, original.node_type);
        assert_eq!(stored.data, original.data, "{}", stored.id);
    }
    let ends = |edges: &[koda_core::CanvasEdge]| -> Vec<_> {
        edges
            .iter()
            .map(|e| {
                (
                    e.id.clone(),
                    e.source_handle.clone(),
                    e.target_handle.clone(),
                )
            })
            .collect()
    };
    assert_eq!(ends(&untouched.edges), ends(&web[0].edges));
}

#[test]
fn koda_web_canvas_fields_round_trip() {
    let store = support::fresh_store();
    let (_, web) =
        koda_core::formats::parse_canvas_file(&fixture("koda-web/showcase.json"), 7).unwrap();
    store.import_canvas(&web[0]).unwrap();
    let back = store.get_canvas(&web[0].id).unwrap().unwrap();
    assert_eq!(back.details, web[0].details);
    let json = serde_json::to_value(&back).unwrap();
    assert_eq!(json["koda:futureField"], serde_json::json!({"kept": true}));
}
