//! Moving data between SQLite and a real PostgreSQL: everything arrives, is verified, and the
//! source is untouched; a copy interrupted half way resumes; nothing at the destination is
//! overwritten.

use koda_backends::copy::canvas_checksum;
use koda_backends::{copy_everything, CopyPhase};
use koda_core::conformance::servers::{database_url, fresh_schema};
use koda_core::conformance::{asset, generation, grid_canvas, sample_canvas};
use koda_core::*;
use koda_postgres::PgStore;
use koda_sqlite::SqliteStore;

fn fresh_pg() -> PgStore {
    PgStore::connect(&database_url(), Some(&fresh_schema()), "mover").unwrap()
}

fn filled_sqlite(dir: &std::path::Path) -> SqliteStore {
    let store = SqliteStore::open_file(&dir.join("koda.db")).unwrap();
    let sample = sample_canvas("sample");
    store.save_canvas(&sample).unwrap();
    store.save_canvas(&grid_canvas("big", 3_000)).unwrap();
    let old = store.create_canvas("old ideas").unwrap();
    store.trash_canvas(&old.id).unwrap();
    store.put_asset(&asset("asset-1", &sample.id)).unwrap();
    store
        .put_generation(&generation("gen-1", &sample.id, "asset-1"))
        .unwrap();
    let mut settings = store.get_settings().unwrap();
    settings.theme = Theme::Light;
    settings.backups_to_keep = 3;
    store.set_settings(&settings).unwrap();
    let mut profile = store.get_profile().unwrap();
    profile.name = "Ann".into();
    store.set_profile(&profile).unwrap();
    store
}

fn checksums(store: &dyn Store) -> Vec<(String, String, Option<i64>)> {
    let mut all: Vec<_> = store
        .list_canvases()
        .unwrap()
        .into_iter()
        .chain(store.list_trash().unwrap())
        .map(|meta| {
            let canvas = store.get_canvas(&meta.id).unwrap().unwrap();
            (
                meta.id,
                canvas_checksum(&canvas).unwrap(),
                meta.deleted_at.map(|_| 1),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn sqlite_to_postgres_and_back_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = filled_sqlite(dir.path());
    let before = checksums(&sqlite);
    let seq_before = sqlite.latest_change_seq().unwrap();
    let pg = fresh_pg();

    let mut phases = Vec::new();
    let report = copy_everything(&sqlite, &pg, &mut |p| phases.push(p.phase)).unwrap();
    assert!(report.verified);
    assert_eq!(
        (
            report.canvases,
            report.nodes,
            report.assets,
            report.generations
        ),
        (3, 3_004, 1, 1)
    );
    assert_eq!(phases.first(), Some(&CopyPhase::Canvases));
    assert_eq!(phases.last(), Some(&CopyPhase::Done));
    // The source was only read.
    assert_eq!(sqlite.latest_change_seq().unwrap(), seq_before);
    assert_eq!(checksums(&sqlite), before);
    // Everything is at the destination: content, trash, rows, settings, profile.
    assert_eq!(checksums(&pg), before);
    assert_eq!(pg.list_trash().unwrap()[0].name, "old ideas");
    assert_eq!(
        pg.get_asset("asset-1").unwrap(),
        sqlite.get_asset("asset-1").unwrap()
    );
    assert_eq!(
        pg.get_generation("gen-1").unwrap(),
        sqlite.get_generation("gen-1").unwrap()
    );
    assert_eq!(pg.get_settings().unwrap(), sqlite.get_settings().unwrap());
    assert_eq!(pg.get_profile().unwrap().name, "Ann");

    // And back into a fresh SQLite file.
    let back_dir = tempfile::tempdir().unwrap();
    let back = SqliteStore::open_file(&back_dir.path().join("koda.db")).unwrap();
    let report = copy_everything(&pg, &back, &mut |_| {}).unwrap();
    assert!(report.verified);
    assert_eq!(checksums(&back), before);
    assert_eq!(
        back.get_generation("gen-1").unwrap(),
        sqlite.get_generation("gen-1").unwrap()
    );
}

#[test]
fn a_second_run_resumes_and_a_different_canvas_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = filled_sqlite(dir.path());
    let pg = fresh_pg();
    copy_everything(&sqlite, &pg, &mut |_| {}).unwrap();
    let again = copy_everything(&sqlite, &pg, &mut |_| {}).unwrap();
    assert_eq!((again.skipped, again.canvases), (3, 3));

    // Someone edits the copy; copying again must refuse, leaving their edit in place.
    let id = pg.list_canvases().unwrap()[0].id.clone();
    pg.rename_canvas(&id, "edited at the destination").unwrap();
    let error = copy_everything(&sqlite, &pg, &mut |_| {}).unwrap_err();
    assert_eq!(error.code(), "config", "{error}");
    assert_eq!(
        pg.get_canvas(&id).unwrap().unwrap().name,
        "edited at the destination"
    );
}
