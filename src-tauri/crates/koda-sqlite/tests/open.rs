//! Opening database files: migrations with a backup first, newer and damaged files refused
//! without being touched.

use koda_core::{CanvasStore, StoreError};
use koda_sqlite::migrations::{Migration, MIGRATIONS};
use koda_sqlite::SqliteStore;
use sha2::{Digest, Sha256};
use std::path::Path;

/// A later version of Koda: today's migrations plus one more.
fn future_migrations() -> Vec<Migration> {
    let mut list: Vec<Migration> = MIGRATIONS
        .iter()
        .map(|m| Migration {
            version: m.version,
            name: m.name,
            sql: m.sql,
        })
        .collect();
    list.push(Migration {
        version: MIGRATIONS.len() as i64 + 1,
        name: "future",
        sql: "ALTER TABLE canvases ADD COLUMN color TEXT;",
    });
    list
}

fn file_hash(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn migrating_an_existing_file_backs_it_up_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("koda.db");
    let id = {
        let store = SqliteStore::open_file(&path).unwrap();
        assert_eq!(store.open_report().migrated, vec![1, 2, 3, 4, 5]);
        assert!(
            store.open_report().backup.is_none(),
            "a new file needs no backup"
        );
        store.create_canvas("before upgrade").unwrap().id
    };
    let wal = dir.path().join("koda.db-wal");
    assert!(
        std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
        "closing the store checkpoints the WAL"
    );
    let future = future_migrations();
    let store = SqliteStore::open_file_with(&path, &future).unwrap();
    assert_eq!(store.open_report().migrated, vec![6]);
    let backup = store
        .open_report()
        .backup
        .clone()
        .expect("a backup before migrating");
    assert!(backup.starts_with(dir.path().join("backups")));
    // The backup is the old version, complete.
    let old = SqliteStore::open_file(&backup).unwrap();
    assert_eq!(old.get_canvas(&id).unwrap().unwrap().name, "before upgrade");
    assert!(old.open_report().migrated.is_empty());
    // And the upgraded file kept the data.
    assert_eq!(
        store.get_canvas(&id).unwrap().unwrap().name,
        "before upgrade"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("koda.db");
    {
        let future = future_migrations();
        let store = SqliteStore::open_file_with(&path, &future).unwrap();
        store.create_canvas("from the future").unwrap();
        store.checkpoint().unwrap();
    }
    let before = file_hash(&path);
    match SqliteStore::open_file(&path) {
        Err(StoreError::DatabaseTooNew { found, supported }) => {
            assert_eq!((found, supported), (6, 5));
        }
        Err(other) => panic!("expected DatabaseTooNew, got {other:?}"),
        Ok(_) => panic!("expected DatabaseTooNew, the store opened"),
    }
    assert_eq!(file_hash(&path), before, "the file must not change");
    assert!(
        !dir.path().join("koda.db-wal").exists(),
        "no WAL may be created"
    );
    assert!(
        !dir.path().join("backups").exists(),
        "nothing to back up: nothing is migrated"
    );
}

#[test]
fn an_edited_shipped_migration_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("koda.db");
    drop(SqliteStore::open_file(&path).unwrap());
    let mut edited: Vec<Migration> = MIGRATIONS
        .iter()
        .map(|m| Migration {
            version: m.version,
            name: m.name,
            sql: m.sql,
        })
        .collect();
    edited[0].sql = "CREATE TABLE other (x);";
    match SqliteStore::open_file_with(&path, &edited) {
        Err(StoreError::MigrationTampered { version: 1, .. }) => {}
        Err(other) => panic!("expected MigrationTampered, got {other:?}"),
        Ok(_) => panic!("expected MigrationTampered, the store opened"),
    }
}

#[test]
fn a_damaged_file_is_reported_as_corrupt_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("koda.db");
    std::fs::write(
        &path,
        b"this is not a database, just some bytes that are long enough to matter....",
    )
    .unwrap();
    let before = file_hash(&path);
    match SqliteStore::open_file(&path) {
        Err(error) => assert_eq!(error.code(), "corrupt_database", "{error}"),
        Ok(_) => panic!("a damaged file opened"),
    }
    assert_eq!(file_hash(&path), before);
}

#[test]
fn two_stores_on_one_file_see_each_others_writes() {
    // As when the CLI writes while the app runs.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("koda.db");
    let app = SqliteStore::open_file(&path).unwrap();
    let cli = SqliteStore::open_file(&path).unwrap();
    let seq = app.latest_change_seq().unwrap();
    let created = cli.create_canvas("from the CLI").unwrap();
    assert_eq!(
        app.get_canvas(&created.id).unwrap().unwrap().name,
        "from the CLI"
    );
    let seen = koda_core::ChangeFeed::changes_since(&app, seq, 10).unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].canvas_id.as_deref(), Some(created.id.as_str()));
}

#[test]
fn a_version_1_database_is_backed_up_and_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("koda.db");
    let id = "made-by-v1".to_owned();
    {
        // Version 1's own writes: today's code writes columns version 1 does not have.
        drop(SqliteStore::open_file_with(&path, &MIGRATIONS[..1]).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO canvases (id, user_id, name, created_at, updated_at) VALUES (?1, 'local', 'made by version 1', 1, 1)",
            [&id],
        )
        .unwrap();
    }
    let store = SqliteStore::open_file(&path).unwrap();
    assert_eq!(store.open_report().migrated, vec![2, 3, 4, 5]);
    let backup = store
        .open_report()
        .backup
        .clone()
        .expect("backed up before migrating");
    assert!(backup
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("koda-v1-before-v5-"));
    assert_eq!(
        store.get_canvas(&id).unwrap().unwrap().name,
        "made by version 1"
    );
    let old = koda_sqlite::migrations::peek_version(&backup).unwrap();
    assert_eq!(old, Some(1));
}
