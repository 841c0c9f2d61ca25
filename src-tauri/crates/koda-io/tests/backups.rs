//! Backups and restore on real database files.

mod common;

use common::file_sha256;
use koda_core::CanvasStore;
use koda_io::backup::{
    backup_if_due_at, backup_now, backups_dir, daily_backups, default_backup_path, restore,
};
use koda_sqlite::maintenance::wal_path;
use koda_sqlite::migrations::latest_version;
use koda_sqlite::SqliteStore;
use std::path::{Path, PathBuf};

const DAY_MS: i64 = 86_400_000;
const JAN_31_2025: i64 = 1_738_324_800_000;

fn names(store: &SqliteStore) -> Vec<String> {
    let mut names: Vec<String> = store
        .list_canvases()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    names.sort();
    names
}

fn shm_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-shm", db.display()))
}

#[test]
fn online_backup_then_restore_keeps_the_replaced_database_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("koda.db");
    let store = SqliteStore::open_file(&db).unwrap();
    store.create_canvas("Before the backup").unwrap();
    let backup = default_backup_path(dir.path(), JAN_31_2025);
    assert_eq!(backup, dir.path().join("backups/koda-20250131-120000.db"));
    // The store stays open and keeps writing: the online backup is still consistent.
    let size = backup_now(&store, &backup).unwrap();
    assert!(size > 0 && backup.exists());
    assert_eq!(
        backup_now(&store, &backup).unwrap_err().code(),
        "invalid_input",
        "never overwrites"
    );
    assert_ne!(
        default_backup_path(dir.path(), JAN_31_2025),
        backup,
        "a second backup that second gets a counter"
    );
    store.create_canvas("After the backup").unwrap();
    drop(store);

    let report = restore(&backup, &db, dir.path()).unwrap();
    assert!(
        !wal_path(&db).exists() && !shm_path(&db).exists(),
        "no stale WAL or shared memory"
    );
    let aside = report
        .previous_database
        .expect("the current database is kept");
    assert!(aside.starts_with(backups_dir(dir.path())));
    assert!(aside
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("koda-before-restore-"));

    let restored = SqliteStore::open_file(&db).unwrap();
    assert_eq!(names(&restored), ["Before the backup"]);
    let previous = SqliteStore::open_file(&aside).unwrap();
    assert_eq!(names(&previous), ["After the backup", "Before the backup"]);
}

#[test]
fn restore_moves_an_uncheckpointed_wal_along_with_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("koda.db");
    let store = SqliteStore::open_file(&db).unwrap();
    store.create_canvas("Kept").unwrap();
    let backup = dir.path().join("manual.db");
    backup_now(&store, &backup).unwrap();
    store.create_canvas("Only in the WAL").unwrap();
    // Simulate a crash: copy the database and its WAL as they are while the store is open.
    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).unwrap();
    let crashed_db = crashed.join("koda.db");
    std::fs::copy(&db, &crashed_db).unwrap();
    std::fs::copy(wal_path(&db), wal_path(&crashed_db)).unwrap();
    drop(store);

    let report = restore(&backup, &crashed_db, &crashed).unwrap();
    let aside = report.previous_database.unwrap();
    let previous = SqliteStore::open_file(&aside).unwrap();
    assert_eq!(
        names(&previous),
        ["Kept", "Only in the WAL"],
        "the aside copy is complete"
    );
    assert_eq!(
        names(&SqliteStore::open_file(&crashed_db).unwrap()),
        ["Kept"]
    );
}

#[test]
fn restore_refuses_what_this_koda_cannot_open_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("koda.db");
    let store = SqliteStore::open_file(&db).unwrap();
    store.create_canvas("Current").unwrap();
    let good_backup = dir.path().join("good.db");
    backup_now(&store, &good_backup).unwrap();
    drop(store);
    let before = file_sha256(&db);

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database at all, just text long enough to be read as one.....................................").unwrap();
    let web_file = dir.path().join("web.db");
    rusqlite::Connection::open(&web_file)
        .unwrap()
        .execute_batch("CREATE TABLE canvases (id TEXT, nodes TEXT)")
        .unwrap();
    let newer = dir.path().join("newer.db");
    std::fs::copy(&good_backup, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", latest_version() + 1)
        .unwrap();
    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&good_backup).unwrap();
    for byte in bytes.iter_mut().skip(4096) {
        *byte = 0xA5;
    }
    std::fs::write(&damaged, &bytes).unwrap();

    let cases = [
        (dir.path().join("absent.db"), "not_found"),
        (garbage, "corrupt_database"),
        (web_file, "invalid_input"),
        (newer, "database_too_new"),
        (damaged, "corrupt_database"),
    ];
    for (file, code) in cases {
        let error = restore(&file, &db, dir.path()).unwrap_err();
        assert_eq!(error.code(), code, "{}: {error}", file.display());
        assert_eq!(
            file_sha256(&db),
            before,
            "{}: the current database is untouched",
            file.display()
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("restoring"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        assert!(!backups_dir(dir.path()).exists(), "nothing was moved aside");
    }
}

#[test]
fn daily_backups_are_made_once_a_day_and_pruned_to_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_file(&dir.path().join("koda.db")).unwrap();
    store.create_canvas("Daily").unwrap();
    let backups = backups_dir(dir.path());
    std::fs::create_dir_all(&backups).unwrap();
    let others = [
        "koda-20250101-080000.db",
        "koda-v1-before-v2-1738324800000.db",
        "koda-before-restore-20250102-090000.db",
        "notes.txt",
        "koda-daily-2020-01-01.db.partial",
    ];
    for other in others {
        std::fs::write(backups.join(other), b"not mine to delete").unwrap();
    }

    assert_eq!(
        backup_if_due_at(&store, dir.path(), 0, JAN_31_2025).unwrap(),
        None,
        "keep 0 turns them off"
    );
    assert!(daily_backups(&backups).unwrap().is_empty());

    let first = backup_if_due_at(&store, dir.path(), 3, JAN_31_2025)
        .unwrap()
        .unwrap();
    assert_eq!(first, backups.join("koda-daily-2025-01-31.db"));
    assert_eq!(
        backup_if_due_at(&store, dir.path(), 3, JAN_31_2025 + 3_600_000).unwrap(),
        None,
        "once a day"
    );
    for day in 1..=4 {
        assert!(
            backup_if_due_at(&store, dir.path(), 3, JAN_31_2025 + day * DAY_MS)
                .unwrap()
                .is_some()
        );
    }
    let kept: Vec<String> = daily_backups(&backups)
        .unwrap()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        kept,
        [
            "koda-daily-2025-02-02.db",
            "koda-daily-2025-02-03.db",
            "koda-daily-2025-02-04.db"
        ]
    );
    for other in others {
        assert_eq!(
            std::fs::read(backups.join(other)).unwrap(),
            b"not mine to delete",
            "{other}"
        );
    }
    let newest = SqliteStore::open_file(&backups.join("koda-daily-2025-02-04.db")).unwrap();
    assert_eq!(
        names(&newest),
        ["Daily"],
        "a daily backup is a whole database"
    );
}
