//! A full disk: every write Koda makes (a save, an import, an asset file, a backup, a sync pull)
//! answers `disk_full` and loses nothing saved before. The data folder lives on a small tmpfs
//! that `.ci/test` mounts and names in `KODA_TEST_SMALL_DISK` (mounting needs root).

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use support::{failed, koda, koda_with_env, ok, sqld};

fn small_disk() -> PathBuf {
    let dir = std::env::var("KODA_TEST_SMALL_DISK").unwrap_or_else(|_| {
        panic!(
            "KODA_TEST_SMALL_DISK is not set: mount a small tmpfs (bash .ci/test does) and name it"
        )
    });
    PathBuf::from(dir)
}

/// Fills the file system of `dir` and then frees `spare` bytes, so small writes (opening the
/// database) still fit and anything bigger does not.
fn fill(dir: &Path, spare: usize) -> PathBuf {
    let filler = dir.join("filler.bin");
    let mut file = std::fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    while file
        .write_all(&chunk)
        .and_then(|()| file.sync_all())
        .is_ok()
    {}
    drop(file);
    let size = std::fs::metadata(&filler).unwrap().len();
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap();
    file.set_len(size.saturating_sub(spare as u64)).unwrap();
    file.sync_all().unwrap();
    filler
}

/// A canvas with `nodes` prompt nodes of 2 kB text each, as StoredCanvas JSON.
fn big_canvas(id: &str, nodes: usize) -> String {
    let text = "tide ".repeat(400);
    let nodes: Vec<String> = (0..nodes)
        .map(|i| {
            format!(
                r#"{{"id":"n{i}","type":"prompt","position":{{"x":{i},"y":0}},"data":{{"text":"{text}{i}"}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"id":"{id}","name":"Big {id}","nodes":[{}],"edges":[],"createdAt":1,"updatedAt":1}}"#,
        nodes.join(",")
    )
}

fn disk_full(output: std::process::Output, what: &str) {
    let error = failed(output);
    let last = error.lines().last().unwrap_or_default();
    assert!(last.starts_with("error[disk_full]"), "{what}: {error}");
}

#[test]
fn every_write_on_a_full_disk_says_disk_full_and_loses_nothing() {
    let disk = small_disk();
    // A run that failed half-way leaves its files: start from an empty disk.
    for entry in std::fs::read_dir(&disk).unwrap() {
        let path = entry.unwrap().path();
        let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
    }
    let data = disk.join("data");
    let outside = tempfile::tempdir().unwrap();

    // Saved before the disk fills: a canvas, and sync turned on with a server that has more.
    let server = sqld();
    let url = format!("http://127.0.0.1:{}", server.1);
    let token = [("TURSO_AUTH_TOKEN", "t")];
    let kept = outside.path().join("kept.json");
    std::fs::write(&kept, big_canvas("kept", 40)).unwrap();
    ok(koda(&data, &["canvas", "import", kept.to_str().unwrap()]));
    ok(koda_with_env(&data, &["sync", "enable", &url], &token));
    ok(koda_with_env(&data, &["sync", "now"], &token));
    let elsewhere = outside.path().join("device-b");
    let remote = outside.path().join("remote.json");
    std::fs::write(&remote, big_canvas("remote", 600)).unwrap();
    ok(koda(
        &elsewhere,
        &["canvas", "import", remote.to_str().unwrap()],
    ));
    ok(koda_with_env(&elsewhere, &["sync", "enable", &url], &token));
    ok(koda_with_env(&elsewhere, &["sync", "now"], &token));
    let before = ok(koda(&data, &["canvas", "export", "kept"]));

    let big = outside.path().join("big.json");
    std::fs::write(&big, big_canvas("big", 600)).unwrap();
    let media = outside.path().join("noise.png");
    std::fs::write(&media, support::png_bytes(700, 700)).unwrap();
    let filler = fill(&disk, 256 * 1024);

    disk_full(
        koda(&data, &["canvas", "import", big.to_str().unwrap()]),
        "a save",
    );
    disk_full(koda(&data, &["import", big.to_str().unwrap()]), "an import");
    disk_full(
        koda(&data, &["asset", "add", media.to_str().unwrap()]),
        "an asset file",
    );
    disk_full(koda(&data, &["backup"]), "a backup");
    disk_full(
        koda_with_env(&data, &["sync", "now"], &token),
        "a sync pull",
    );

    // Nothing half-written stays behind, and what was saved before reads back the same.
    let backups = std::fs::read_dir(data.join("backups")).map_or(0, |d| d.count());
    assert_eq!(backups, 0, "no partial backup is left");
    assert_eq!(ok(koda(&data, &["canvas", "export", "kept"])), before);

    std::fs::remove_file(filler).unwrap();
    let doctor = ok(koda(&data, &["doctor"]));
    assert!(doctor.contains("[ok ] integrity"), "{doctor}");
    let listed = ok(koda(&data, &["canvas", "list"]));
    assert!(
        listed.contains("Big kept") && !listed.contains("Big big"),
        "{listed}"
    );
    // With space again, the same writes go through.
    ok(koda(&data, &["canvas", "import", big.to_str().unwrap()]));
    ok(koda_with_env(&data, &["sync", "now"], &token));
    assert!(ok(koda(&data, &["canvas", "list"])).contains("Big remote"));
    std::fs::remove_dir_all(&data).unwrap();
}
