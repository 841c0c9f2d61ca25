//! `koda import`, `koda export`, `koda backup` and `koda restore` on temporary data folders,
//! with input files the tests write in each format.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn koda(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koda"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("KODA_DATA_DIR")
        .env_remove("SQLITE_URL")
        .env_remove("KODA_STORAGE_BACKEND")
        .env_remove("NEXT_PUBLIC_STORAGE_BACKEND")
        .output()
        .unwrap()
}

fn ok(output: Output) -> (String, String) {
    assert!(
        output.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn failed(output: Output) -> String {
    assert!(
        !output.status.success(),
        "unexpectedly succeeded: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8(output.stderr).unwrap()
}

fn canvas_ids(data_dir: &Path) -> Vec<String> {
    let (text, _) = ok(koda(data_dir, &["canvas", "list", "--json"]));
    let list: Vec<Value> = serde_json::from_str(&text).unwrap();
    let mut ids: Vec<String> = list
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

const SPACES: &str = r#"[{"id":"s-1","name":"From localStorage","createdAt":1700000000000,"updatedAt":1700000000000,
  "nodes":[{"id":"1","type":"prompt","position":{"x":0,"y":0},"data":{"text":"fox"}}],"edges":[]}]"#;

/// One file of each web format, plus a JSON Canvas.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let spaces = dir.join("spaces-canvases.json");
    std::fs::write(&spaces, SPACES).unwrap();

    let web = dir.join("web-koda.db");
    let conn = rusqlite::Connection::open(&web).unwrap();
    conn.execute_batch(
        r#"CREATE TABLE canvases (id TEXT PRIMARY KEY, name TEXT, thumbnail TEXT, nodes TEXT, edges TEXT,
             created_at INTEGER, updated_at INTEGER);
           INSERT INTO canvases VALUES ('w-1', 'From web SQLite', NULL,
             '[{"id":"a","type":"stickyNote","position":{"x":1,"y":1},"data":{"text":"hi"}}]', '[]',
             1700000000000, 1700000000000);"#,
    )
    .unwrap();
    drop(conn);

    let drizzle = dir.join("drizzle.db");
    let conn = rusqlite::Connection::open(&drizzle).unwrap();
    conn.execute_batch(
        r#"CREATE TABLE canvases (id text PRIMARY KEY NOT NULL, user_id text, name text NOT NULL, description text,
             thumbnail text, is_template integer DEFAULT false, is_public integer DEFAULT false,
             created_at integer, updated_at integer);
           CREATE TABLE canvas_nodes (id text PRIMARY KEY NOT NULL, canvas_id text NOT NULL, type text NOT NULL,
             position_x real NOT NULL, position_y real NOT NULL, width real, height real, data text NOT NULL,
             z_index integer DEFAULT 0, created_at integer, updated_at integer);
           CREATE TABLE canvas_edges (id text PRIMARY KEY NOT NULL, canvas_id text NOT NULL, source_node_id text NOT NULL,
             source_handle text, target_node_id text NOT NULL, target_handle text, type text DEFAULT 'default');
           INSERT INTO canvases (id, name, created_at, updated_at) VALUES ('d-1', 'From Drizzle', 1700000000, 1700000000);
           INSERT INTO canvas_nodes (id, canvas_id, type, position_x, position_y, data)
             VALUES ('n', 'd-1', 'prompt', 0, 0, '{"text":"owl"}');"#,
    )
    .unwrap();
    drop(conn);

    let canvas = dir.join("Ideas.canvas");
    std::fs::write(
        &canvas,
        r#"{"nodes":[{"id":"t","type":"text","text":"idea","x":0,"y":0,"width":200,"height":100}],"edges":[]}"#,
    )
    .unwrap();
    vec![spaces, web, drizzle, canvas]
}

#[test]
fn import_detects_every_format_reports_progress_and_does_not_duplicate() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let paths = inputs(files.path());
    let mut args = vec!["import"];
    args.extend(paths.iter().map(|p| arg(p)));
    let (out, err) = ok(koda(data.path(), &args));
    for format in [
        "spaces-canvases",
        "Koda web SQLite file",
        "Drizzle schema",
        "JSON Canvas",
    ] {
        assert!(out.contains(format), "{format} missing from:\n{out}");
    }
    assert!(err.contains("[reading 1/1] From Drizzle"), "{err}");
    assert!(err.contains("[writing 0/4]"), "{err}");
    let ids = canvas_ids(data.path());
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(
        ids.contains(&"d-1".to_owned())
            && ids.contains(&"w-1".to_owned())
            && ids.contains(&"s-1".to_owned())
    );

    ok(koda(data.path(), &args));
    assert_eq!(
        canvas_ids(data.path()),
        ids,
        "importing again updates, never duplicates"
    );
}

#[test]
fn a_bad_file_among_several_imports_nothing() {
    let data = tempfile::tempdir().unwrap();
    let good = data.path().join("good.json");
    std::fs::write(&good, SPACES).unwrap();
    let truncated = data.path().join("truncated.json");
    std::fs::write(&truncated, &SPACES[..60]).unwrap();
    let err = failed(koda(data.path(), &["import", arg(&good), arg(&truncated)]));
    assert!(err.contains("error[invalid_input]"), "{err}");
    assert!(
        err.contains("truncated.json") && err.contains("line "),
        "{err}"
    );
    assert!(canvas_ids(data.path()).is_empty());

    let garbage = data.path().join("garbage.koda");
    std::fs::write(&garbage, b"PK\x03\x04 this zip stops here").unwrap();
    let err = failed(koda(data.path(), &["import", arg(&garbage)]));
    assert!(err.contains("damaged or truncated"), "{err}");
    let no_files = koda(data.path(), &["import"]);
    assert!(!no_files.status.success(), "at least one file is required");
    assert!(String::from_utf8_lossy(&no_files.stderr).contains("FILE"));
}

#[test]
fn bundle_round_trip_through_the_cli_is_identical() {
    let desktop = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let empty = files.path().join("empty.json");
    std::fs::write(
        &empty,
        r#"{"id":"art","name":"Art","createdAt":1,"updatedAt":5,"nodes":[],"edges":[]}"#,
    )
    .unwrap();
    ok(koda(desktop.path(), &["import", arg(&empty)]));
    let image = files.path().join("fox.png");
    image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8, y as u8, 7]))
        .save(&image)
        .unwrap();
    ok(koda(
        desktop.path(),
        &["asset", "add", arg(&image), "--canvas", "art"],
    ));
    let (listing, _) = ok(koda(
        desktop.path(),
        &["asset", "ls", "--json", "--canvas", "art"],
    ));
    let rows: Vec<Value> = serde_json::from_str(&listing).unwrap();
    let sha = rows[0]["localBlobKey"].as_str().unwrap().to_owned();
    let with_media = files.path().join("with-media.json");
    std::fs::write(
        &with_media,
        format!(
            r#"{{"id":"art","name":"Art","createdAt":1,"updatedAt":5,"nodes":[
                {{"id":"m","type":"media","position":{{"x":3,"y":4}},"data":{{"kind":"image","src":"koda-asset://{sha}"}}}},
                {{"id":"p","type":"prompt","position":{{"x":300,"y":4}},"data":{{"text":"fox"}}}}],
              "edges":[{{"id":"e","source":"p","target":"m"}}]}}"#
        ),
    )
    .unwrap();
    ok(koda(desktop.path(), &["import", arg(&with_media)]));

    let bundle = files.path().join("art.koda");
    let (out, _) = ok(koda(
        desktop.path(),
        &["export", "art", "--format", "koda", "-o", arg(&bundle)],
    ));
    assert!(out.contains("1 asset file(s)"), "{out}");

    let fresh = tempfile::tempdir().unwrap();
    let (out, _) = ok(koda(fresh.path(), &["import", arg(&bundle)]));
    assert!(
        out.contains(".koda bundle") && out.contains("stored 1 asset file(s)"),
        "{out}"
    );
    let exported = |dir: &Path| -> Value {
        let (text, _) = ok(koda(dir, &["canvas", "export", "art"]));
        let mut canvas: Value = serde_json::from_str(&text).unwrap();
        canvas["revision"] = Value::Null;
        canvas
    };
    assert_eq!(exported(fresh.path()), exported(desktop.path()));
    let stored = |dir: &Path| std::fs::read(dir.join("assets").join(&sha[..2]).join(&sha)).unwrap();
    assert_eq!(stored(fresh.path()), stored(desktop.path()));
    assert_eq!(stored(fresh.path()), std::fs::read(&image).unwrap());
}

#[test]
fn export_as_json_canvas_and_as_canvas_json() {
    let data = tempfile::tempdir().unwrap();
    let input = data.path().join("in.json");
    std::fs::write(&input, SPACES).unwrap();
    ok(koda(data.path(), &["import", arg(&input)]));

    let canvas_file = data.path().join("out.canvas");
    // Without --format the output's extension decides.
    ok(koda(
        data.path(),
        &["export", "s-1", "-o", arg(&canvas_file)],
    ));
    let document: Value =
        serde_json::from_str(&std::fs::read_to_string(&canvas_file).unwrap()).unwrap();
    assert_eq!(document["nodes"][0]["type"], "text");
    assert_eq!(document["nodes"][0]["text"], "fox");
    assert!(document["nodes"][0]["width"].is_i64());

    let json_file = data.path().join("out.json");
    ok(koda(
        data.path(),
        &["export", "s-1", "--format", "json", "-o", arg(&json_file)],
    ));
    let (old_style, _) = ok(koda(data.path(), &["canvas", "export", "s-1"]));
    let exported: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_file).unwrap()).unwrap();
    assert_eq!(exported, serde_json::from_str::<Value>(&old_style).unwrap());

    let err = failed(koda(
        data.path(),
        &["export", "nope", "-o", arg(&data.path().join("x.koda"))],
    ));
    assert!(err.starts_with("error[not_found]"), "{err}");
}

#[test]
fn backup_then_restore_brings_the_old_state_back() {
    let data = tempfile::tempdir().unwrap();
    let first = data.path().join("first.json");
    std::fs::write(&first, SPACES).unwrap();
    ok(koda(data.path(), &["import", arg(&first)]));
    let (out, _) = ok(koda(data.path(), &["backup"]));
    let backup = PathBuf::from(
        out.trim()
            .strip_prefix("backed up the database to ")
            .unwrap()
            .split(" (")
            .next()
            .unwrap(),
    );
    assert!(
        backup.starts_with(data.path().join("backups")) && backup.exists(),
        "{out}"
    );

    let later = data.path().join("later.json");
    std::fs::write(&later, SPACES.replace("s-1", "s-2")).unwrap();
    ok(koda(data.path(), &["import", arg(&later)]));
    assert_eq!(canvas_ids(data.path()).len(), 2);

    let (out, _) = ok(koda(data.path(), &["restore", arg(&backup)]));
    assert!(out.contains("kept at"), "{out}");
    assert_eq!(canvas_ids(data.path()), ["s-1"]);
    let (doctor, _) = ok(koda(data.path(), &["doctor"]));
    assert!(doctor.contains("[ok ] integrity"), "{doctor}");

    let named = data.path().join("named.db");
    ok(koda(data.path(), &["backup", arg(&named)]));
    assert!(failed(koda(data.path(), &["backup", arg(&named)])).contains("already exists"));

    let garbage = data.path().join("garbage.db");
    std::fs::write(&garbage, vec![7u8; 4096]).unwrap();
    let err = failed(koda(data.path(), &["restore", arg(&garbage)]));
    assert!(err.starts_with("error[corrupt_database]"), "{err}");
    assert_eq!(
        canvas_ids(data.path()),
        ["s-1"],
        "a refused restore changes nothing"
    );
}
