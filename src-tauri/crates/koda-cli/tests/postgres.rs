//! The CLI on a real PostgreSQL: moving a data folder's canvases there and back, choosing the
//! backend, the seed's variables, and the commands that only make sense on SQLite.

mod support;

use koda_core::conformance::servers::{database_url, fresh_schema};
use support::{failed, koda, koda_with_env, ok};

#[test]
fn a_data_folder_moves_to_postgres_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = dir.path().join("fixture.json");
    ok(koda(
        dir.path(),
        &[
            "gen-fixture",
            "--nodes",
            "500",
            "--output",
            fixture.to_str().unwrap(),
        ],
    ));
    ok(koda(dir.path(), &["import", fixture.to_str().unwrap()]));
    let url = database_url();
    let schema = fresh_schema();
    let env = [
        ("DATABASE_URL", url.as_str()),
        ("KODA_POSTGRES_SCHEMA", schema.as_str()),
    ];

    let out = koda_with_env(
        dir.path(),
        &["migrate-data", "--to", "postgres", "--switch"],
        &env,
    );
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let text = ok(out);
    assert!(text.contains("copied 1 canvases"), "{text}");
    assert!(text.contains("500 nodes"), "{text}");
    assert!(stderr.contains("[verifying"), "progress is shown: {stderr}");

    // From now on this folder uses PostgreSQL, without any variable set.
    let status = ok(koda(dir.path(), &["storage", "status"]));
    assert!(status.contains("backend: postgres"), "{status}");
    assert!(
        !status.contains(":postgres@"),
        "the password is hidden: {status}"
    );
    assert!(status.contains(":***@"), "{status}");
    let listed = ok(koda(dir.path(), &["canvas", "list"]));
    assert!(listed.contains("500"), "{listed}");
    let doctor = ok(koda(dir.path(), &["doctor"]));
    assert!(
        doctor.contains("canvases 1, nodes 500, edges 499"),
        "{doctor}"
    );
    assert!(doctor.contains("node counts: ok"), "{doctor}");
    // The SQLite-only commands say why they don't apply.
    let error = failed(koda(dir.path(), &["backup"]));
    assert!(error.contains("PostgreSQL"), "{error}");

    // Back into a new SQLite file, from PostgreSQL.
    let back = dir.path().join("back.db");
    ok(koda(
        dir.path(),
        &[
            "migrate-data",
            "--to",
            "sqlite",
            "--sqlite-file",
            back.to_str().unwrap(),
        ],
    ));
    let other = tempfile::tempdir().unwrap();
    let listed_back = ok(koda_with_env(
        other.path(),
        &["canvas", "list"],
        &[("SQLITE_URL", back.to_str().unwrap())],
    ));
    assert!(listed_back.contains("500"), "{listed_back}");

    ok(koda(dir.path(), &["storage", "use-sqlite"]));
    assert!(ok(koda(dir.path(), &["storage", "status"])).contains("backend: sqlite"));
}

#[test]
fn the_seeds_variables_select_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url();
    let schema = fresh_schema();
    let env = [
        ("NEXT_PUBLIC_STORAGE_BACKEND", "postgres"),
        ("DATABASE_URL", url.as_str()),
        ("KODA_POSTGRES_SCHEMA", schema.as_str()),
    ];
    ok(koda_with_env(dir.path(), &["migrate"], &env));
    let canvas = dir.path().join("c.json");
    std::fs::write(
        &canvas,
        r#"{"id":"c1","name":"From env","createdAt":1,"updatedAt":2,"nodes":[],"edges":[]}"#,
    )
    .unwrap();
    ok(koda_with_env(
        dir.path(),
        &["canvas", "import", canvas.to_str().unwrap()],
        &env,
    ));
    assert!(ok(koda_with_env(dir.path(), &["canvas", "list"], &env)).contains("From env"));
    // Nothing was written to a local SQLite file.
    assert!(!dir.path().join("koda.db").exists());
    // A wrong password is a clear error, and is not printed.
    let wrong = url.replacen(":postgres@", ":wr0ng-pass@", 1);
    let env = [
        ("KODA_STORAGE_BACKEND", "postgres"),
        ("DATABASE_URL", wrong.as_str()),
    ];
    let error = failed(koda_with_env(dir.path(), &["canvas", "list"], &env));
    assert!(error.contains("access_denied"), "{error}");
    assert!(!error.contains("wr0ng-pass"), "{error}");
}
