//! `koda asset …` and asset clean-up through `koda canvas purge`, on temporary data folders.

mod support;

use serde_json::Value;
use std::path::Path;
use support::{koda, ok};

fn write_png(path: &Path, seed: u8) {
    image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8, y as u8, seed]))
        .save(path)
        .unwrap();
}

#[test]
fn add_list_purge_and_collect() {
    let dir = tempfile::tempdir().unwrap();
    let canvas = dir.path().join("c.json");
    std::fs::write(
        &canvas,
        r#"{"id":"c1","name":"With art","createdAt":1,"updatedAt":1,"nodes":[],"edges":[]}"#,
    )
    .unwrap();
    ok(koda(
        dir.path(),
        &["canvas", "import", canvas.to_str().unwrap()],
    ));
    let png = dir.path().join("fox.png");
    write_png(&png, 1);
    let out = ok(koda(
        dir.path(),
        &["asset", "add", png.to_str().unwrap(), "--canvas", "c1"],
    ));
    assert!(out.contains("image/png"), "{out}");
    let rows: Value =
        serde_json::from_str(&ok(koda(dir.path(), &["asset", "ls", "--json"]))).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["filename"], "fox.png");
    let sha = rows[0]["localBlobKey"].as_str().unwrap().to_owned();
    let file = dir.path().join("assets").join(&sha[..2]).join(&sha);
    assert_eq!(std::fs::read(&file).unwrap(), std::fs::read(&png).unwrap());
    let table = ok(koda(dir.path(), &["asset", "ls"]));
    assert!(
        table.contains("fox.png") && table.contains("image"),
        "{table}"
    );

    let out = ok(koda(dir.path(), &["canvas", "purge", "c1"]));
    assert!(out.contains("freed"), "{out}");
    assert!(
        !file.exists(),
        "purging the only canvas using the file removes it"
    );
    assert_eq!(ok(koda(dir.path(), &["asset", "ls"])).trim(), "no assets");
}

#[test]
fn gc_and_doctor_report_orphans_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("a.png");
    write_png(&png, 2);
    ok(koda(dir.path(), &["asset", "add", png.to_str().unwrap()]));
    // An orphan file, older than the clean-up grace period.
    let orphan_sha = "ab".repeat(32);
    let orphan = dir.path().join("assets").join("ab").join(&orphan_sha);
    std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    std::fs::write(&orphan, b"orphaned bytes").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&orphan)
        .unwrap()
        .set_modified(old)
        .unwrap();

    let doctor: Value = serde_json::from_str(&ok(koda(dir.path(), &["doctor", "--json"]))).unwrap();
    assert_eq!(
        doctor["assetFiles"]["orphanFiles"][0][0],
        orphan_sha.as_str()
    );
    let dry = ok(koda(dir.path(), &["asset", "gc", "--dry-run"]));
    assert!(dry.contains("would remove 1 orphan"), "{dry}");
    assert!(orphan.exists());
    let real = ok(koda(dir.path(), &["asset", "gc"]));
    assert!(real.contains("removed 1 orphan"), "{real}");
    assert!(!orphan.exists());

    // A row whose file vanished makes doctor fail.
    let rows: Value =
        serde_json::from_str(&ok(koda(dir.path(), &["asset", "ls", "--json"]))).unwrap();
    let sha = rows[0]["localBlobKey"].as_str().unwrap();
    std::fs::remove_file(dir.path().join("assets").join(&sha[..2]).join(sha)).unwrap();
    let output = koda(dir.path(), &["doctor"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 missing"));
}

#[test]
fn refuses_files_that_are_not_media() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("photo.png");
    std::fs::write(&fake, b"PK\x03\x04 actually a zip archive").unwrap();
    let output = koda(dir.path(), &["asset", "add", fake.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("error[invalid_input]"));
    assert_eq!(ok(koda(dir.path(), &["asset", "ls"])).trim(), "no assets");
}
