//! `koda asset push|fetch|remote|gc --remote` against a real S3-compatible server, configured by
//! the seed's variables: a file added on one data folder reaches another through the bucket.

mod support;

use koda_core::conformance::servers::{fresh_bucket, s3_endpoint as endpoint};
use std::path::Path;
use support::{failed, koda_with_env, ok};

const SECRET: &str = "cli-secret-never-printed";

fn canvas_using(dir: &Path, sha: &str) -> String {
    let file = dir.join("canvas.json");
    std::fs::write(
        &file,
        format!(
            r#"{{"id":"shared","name":"Shared","createdAt":1,"updatedAt":1,"edges":[],
               "nodes":[{{"id":"img","type":"media","position":{{"x":0,"y":0}},"data":{{"src":"koda-asset://{sha}"}}}}]}}"#
        ),
    )
    .unwrap();
    file.to_str().unwrap().to_owned()
}

#[test]
fn a_file_travels_between_data_folders_through_the_bucket() {
    let bucket = fresh_bucket("cli");
    let endpoint = endpoint();
    let env = [
        ("ASSET_STORAGE", "s3"),
        ("S3_BUCKET", bucket.as_str()),
        ("S3_ENDPOINT", endpoint.as_str()),
        ("S3_REGION", "us-east-1"),
        ("S3_ACCESS_KEY", "test"),
        ("S3_SECRET_KEY", SECRET),
    ];
    let laptop = tempfile::tempdir().unwrap();
    let png = laptop.path().join("fox.png");
    image::RgbImage::from_fn(32, 32, |x, y| image::Rgb([x as u8, y as u8, 7]))
        .save(&png)
        .unwrap();
    let added = ok(koda_with_env(
        laptop.path(),
        &["asset", "add", png.to_str().unwrap()],
        &env,
    ));
    let sha = added
        .lines()
        .last()
        .unwrap()
        .trim_start_matches("sha256 ")
        .to_owned();
    let pushed = ok(koda_with_env(laptop.path(), &["asset", "push"], &env));
    assert!(pushed.starts_with("uploaded 1 file(s)"), "{pushed}");
    let remote = ok(koda_with_env(laptop.path(), &["asset", "remote"], &env));
    assert!(remote.contains("reachable; 1 file(s)"), "{remote}");
    assert!(!remote.contains(SECRET) && !pushed.contains(SECRET));

    // Another machine imports a canvas that uses the file, then fetches it for offline use.
    let studio = tempfile::tempdir().unwrap();
    ok(koda_with_env(
        studio.path(),
        &["canvas", "import", &canvas_using(studio.path(), &sha)],
        &env,
    ));
    let fetched = ok(koda_with_env(
        studio.path(),
        &["asset", "fetch", "shared"],
        &env,
    ));
    assert!(fetched.starts_with("downloaded 1 file(s)"), "{fetched}");
    let local = studio.path().join("assets").join(&sha[..2]).join(&sha);
    assert_eq!(std::fs::read(local).unwrap(), std::fs::read(&png).unwrap());

    // Clean-up keeps what a canvas uses (and anything younger than an hour).
    let gc = ok(koda_with_env(
        studio.path(),
        &["asset", "gc", "--remote", "--dry-run"],
        &env,
    ));
    assert!(gc.starts_with("would remove 0 object(s)"), "{gc}");
}

#[test]
fn a_bad_bucket_setting_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let error = failed(koda_with_env(
        dir.path(),
        &["asset", "push"],
        &[("ASSET_STORAGE", "r2"), ("S3_BUCKET", "b")],
    ));
    assert!(error.contains("S3_ENDPOINT"), "{error}");
    let env = [
        ("ASSET_STORAGE", "s3"),
        ("S3_BUCKET", "b"),
        ("S3_ENDPOINT", "http://127.0.0.1:1"),
        ("S3_ACCESS_KEY", "k"),
        ("S3_SECRET_KEY", SECRET),
    ];
    let error = failed(koda_with_env(dir.path(), &["asset", "remote"], &env));
    assert!(error.contains("unreachable"), "{error}");
    assert!(!error.contains(SECRET), "{error}");
}
