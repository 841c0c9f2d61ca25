//! Connecting: wrong passwords, unreachable servers, newer schemas and bad values are clear
//! errors that leave the database as it was.

mod support;

use koda_core::{CanvasNode, CanvasStore, JsonText, StoredCanvas};
use koda_postgres::migrations::{migrate_with, Migration, MIGRATIONS};
use koda_postgres::{PgStore, PgTarget};
use support::{database_url, fresh_schema, fresh_store};

fn with_password(url: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (_, host) = rest.split_once('@').unwrap();
    format!("{scheme}://postgres:{password}@{host}")
}

#[test]
fn a_wrong_password_is_access_denied_and_never_echoed() {
    let url = with_password(&database_url(), "hunter2-wrong");
    let error = PgStore::connect(&url, None, "ann").err().unwrap();
    assert_eq!(error.code(), "access_denied", "{error}");
    assert!(!error.to_string().contains("hunter2"), "{error}");
}

#[test]
fn an_unreachable_server_is_unreachable() {
    let error = PgStore::connect("postgres://u:p@127.0.0.1:1/koda", None, "ann")
        .err()
        .unwrap();
    assert_eq!(error.code(), "unreachable", "{error}");
}

#[test]
fn a_missing_database_says_so() {
    let url = database_url().replace("/koda_test", "/no_such_db");
    let error = PgStore::connect(&url, None, "ann").err().unwrap();
    assert_eq!(error.code(), "config", "{error}");
    assert!(error.to_string().contains("no_such_db"), "{error}");
}

#[test]
fn a_schema_from_a_newer_koda_is_refused_untouched() {
    let schema = fresh_schema();
    drop(PgStore::connect(&database_url(), Some(&schema), "ann").unwrap());
    let target = PgTarget::parse(&database_url(), Some(&schema)).unwrap();
    let mut client = target.connect().unwrap();
    let future: Vec<Migration> = MIGRATIONS
        .iter()
        .map(|m| Migration {
            version: m.version,
            name: m.name,
            sql: m.sql,
        })
        .chain([Migration {
            version: 99,
            name: "future",
            sql: "CREATE TABLE from_the_future (id INT)",
        }])
        .collect();
    migrate_with(&mut client, &future).unwrap();
    let error = PgStore::connect(&database_url(), Some(&schema), "ann")
        .err()
        .unwrap();
    assert_eq!(error.code(), "database_too_new", "{error}");
    let versions: Vec<i64> = client
        .query(
            "SELECT version FROM koda_schema_migrations ORDER BY version",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(versions, [1, 2, 3, 4, 99]);
}

#[test]
fn an_edited_migration_is_caught() {
    let schema = fresh_schema();
    drop(PgStore::connect(&database_url(), Some(&schema), "ann").unwrap());
    let mut client = PgTarget::parse(&database_url(), Some(&schema))
        .unwrap()
        .connect()
        .unwrap();
    let edited: Vec<Migration> = MIGRATIONS
        .iter()
        .map(|m| Migration {
            version: m.version,
            name: m.name,
            sql: if m.version == 1 { "SELECT 1" } else { m.sql },
        })
        .collect();
    let error = migrate_with(&mut client, &edited).unwrap_err();
    assert_eq!(error.code(), "migration_tampered");
}

#[test]
fn text_postgres_cannot_store_is_invalid_input_and_writes_nothing() {
    let store = fresh_store();
    let mut canvas = StoredCanvas::new("nul", 0);
    let mut node = CanvasNode::new("n", "prompt", 0.0, 0.0);
    // Valid JSON, but JSONB has no place for U+0000.
    node.data = JsonText::parse(r#"{"text":"a\u0000b"}"#).unwrap();
    canvas.nodes.push(node);
    let error = store.save_canvas(&canvas).unwrap_err();
    assert_eq!(error.code(), "invalid_input", "{error}");
    assert!(store.get_canvas(&canvas.id).unwrap().is_none());
    assert!(store.list_canvases().unwrap().is_empty());
}

#[test]
fn a_connection_test_reports_the_server_and_changes_nothing() {
    let schema = fresh_schema();
    let check = koda_postgres::check_server(&database_url(), Some(&schema)).unwrap();
    assert!(
        check.server_version.starts_with("PostgreSQL 1"),
        "{check:?}"
    );
    assert_eq!((check.schema_version, check.canvases), (0, 0));
    drop(PgStore::connect(&database_url(), Some(&schema), "ann").unwrap());
    assert_eq!(
        koda_postgres::check_server(&database_url(), Some(&schema))
            .unwrap()
            .schema_version,
        MIGRATIONS.len() as i64
    );
    let wrong = with_password(&database_url(), "nope");
    assert_eq!(
        koda_postgres::check_server(&wrong, None)
            .unwrap_err()
            .code(),
        "access_denied"
    );
}

#[test]
fn tls_is_used_and_an_untrusted_certificate_is_refused() {
    let ca = std::env::var("KODA_TEST_PG_CA").expect(
        "KODA_TEST_PG_CA is not set: .ci/servers starts PostgreSQL with a test certificate",
    );
    // By default (sslmode=prefer, as libpq) the connection is encrypted when the server can.
    assert!(
        koda_postgres::check_server(&database_url(), None)
            .unwrap()
            .tls
    );
    let plain = koda_postgres::check_server(&format!("{}?sslmode=disable", database_url()), None);
    assert!(!plain.unwrap().tls);
    let trusted = format!("{}?sslmode=verify-full&sslrootcert={ca}", database_url());
    let check = koda_postgres::check_server(&trusted, None).unwrap();
    assert!(check.tls, "{check:?}");
    let store = PgStore::connect(&trusted, Some(&fresh_schema()), "ann").unwrap();
    assert!(store.list_canvases().unwrap().is_empty());
    // The test authority is not one of the web's roots: without sslrootcert the server's
    // certificate is refused, never silently accepted.
    let untrusted = format!("{}?sslmode=verify-full", database_url());
    let error = koda_postgres::check_server(&untrusted, None).unwrap_err();
    assert_eq!(error.code(), "config", "{error}");
    assert!(error.to_string().contains("certificate"), "{error}");
}
