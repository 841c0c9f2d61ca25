//! Failures become clear, coded errors, and the secret never shows.

mod support;

use koda_objects::{ObjectAssets, REDACTED};
use support::*;

#[test]
fn an_unreachable_endpoint_is_unreachable() {
    let objects = unreachable_client("koda-nowhere");
    let started = std::time::Instant::now();
    let error = objects.check().unwrap_err();
    assert_eq!(error.code(), "unreachable", "{error}");
    assert!(error.to_string().contains("127.0.0.1:1"), "{error}");
    assert!(started.elapsed().as_secs() < 20, "gave up too slowly");
    let sha = sha256(b"x");
    assert_eq!(
        objects.put_blob(&sha, &b"x"[..]).unwrap_err().code(),
        "unreachable"
    );
    assert_eq!(objects.get_blob(&sha).unwrap_err().code(), "unreachable");
}

#[test]
fn a_missing_bucket_is_a_configuration_error() {
    let objects = client("koda-bucket-that-was-never-made");
    let error = objects.check().unwrap_err();
    assert_eq!(error.code(), "config", "{error}");
    assert!(
        error
            .to_string()
            .contains("koda-bucket-that-was-never-made"),
        "{error}"
    );
    let upload = objects.put_blob(&sha256(b"y"), &b"y"[..]).unwrap_err();
    assert_eq!(upload.code(), "config", "{upload}");
}

#[test]
fn a_working_bucket_passes_the_check() {
    let bucket = fresh_bucket("check");
    client(&bucket).check().unwrap();
}

#[test]
fn the_secret_never_appears_in_output() {
    let config = config_for("koda-secret-check");
    assert_eq!(config.secret_key.expose(), TEST_SECRET);
    let debug = format!("{config:?} {:?}", config.secret_key);
    assert!(!debug.contains(TEST_SECRET), "{debug}");
    assert!(debug.contains(REDACTED));
    let json = serde_json::to_string(&config).unwrap();
    assert!(!json.contains(TEST_SECRET), "{json}");

    let errors = [
        unreachable_client("koda-secret-check").check().unwrap_err(),
        client("koda-secret-missing-bucket").check().unwrap_err(),
        ObjectAssets::open(&koda_objects::ObjectConfig {
            endpoint: Some(format!("ftp://{TEST_SECRET}")),
            ..config.clone()
        })
        .err()
        .expect("an ftp endpoint is refused"),
    ];
    for error in errors {
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(!text.contains(TEST_SECRET), "{text}");
        }
    }
}
