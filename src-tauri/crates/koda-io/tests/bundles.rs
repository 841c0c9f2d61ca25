//! `.koda` bundles: the round trip into a fresh data folder, and every way a bundle can be bad.

mod common;

use common::*;
use koda_core::{CanvasNode, CanvasStore, JsonText, RecordStore, StoreError, StoredCanvas};
use koda_io::bundle::{export_bundle, BundleLimits, BundleManifest};
use koda_io::import::prepare_import_with;
use koda_io::{asset_url, import_files, SourceFormat};
use serde_json::json;
use std::io::{Read, Write};
use std::path::Path;

/// A desktop data folder with a canvas showing two stored images (one of them twice) and a
/// thumbnail that is an asset too.
fn desktop_with_media() -> (DataDir, StoredCanvas, Vec<Vec<u8>>) {
    let data = DataDir::new();
    let images = vec![png(16, 9, 1), png(7, 7, 2), png(3, 3, 3)];
    let mut canvas = StoredCanvas::new("Bundled", 1_700_000_000_000);
    let shas: Vec<String> = images.iter().map(|bytes| sha256(bytes)).collect();
    let mut first = CanvasNode::new("m1", "media", 0.0, 0.0);
    first.data = JsonText::from_value(
        &json!({"type": "image", "url": asset_url(&shas[0]), "filename": "fox.png"}),
    );
    let mut second = CanvasNode::new("m2", "media", 300.0, 0.0);
    second.data = JsonText::from_value(
        &json!({"type": "image", "url": asset_url(&shas[1]), "copies": [asset_url(&shas[0])]}),
    );
    canvas.nodes = vec![
        first,
        second,
        CanvasNode::new("unknown", "hologram", 0.0, 500.0),
    ];
    canvas.thumbnail = Some(asset_url(&shas[2]));
    canvas.viewport = Some(koda_core::Viewport {
        x: 10.0,
        y: -4.0,
        zoom: 0.75,
    });
    data.store.import_canvas(&canvas).unwrap();
    data.assets
        .add_bytes(&images[0], Some("fox.png"), Some(&canvas.id), Some("m1"))
        .unwrap();
    data.assets
        .add_bytes(&images[1], None, Some(&canvas.id), Some("m2"))
        .unwrap();
    data.assets
        .add_bytes(&images[2], Some("thumb.png"), Some(&canvas.id), None)
        .unwrap();
    (data, canvas, images)
}

fn export(data: &DataDir, canvas: &StoredCanvas) -> std::path::PathBuf {
    let target = data.file("out.koda");
    let stored = data.store.get_canvas(&canvas.id).unwrap().unwrap();
    export_bundle(data.store(), &data.assets, &stored, &target).unwrap();
    target
}

/// The entries of a zip, in order.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_owned(), bytes)
        })
        .collect()
}

fn write_zip(path: &Path, entries: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// A copy of a bundle with its entries changed by `edit`.
fn tampered(
    source: &Path,
    target: &Path,
    edit: impl Fn(Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)>,
) {
    write_zip(target, &edit(entries(source)));
}

fn assert_nothing_imported(data: &DataDir) {
    assert!(
        data.store.list_canvases().unwrap().is_empty(),
        "no canvas may be imported"
    );
    assert!(
        data.store.list_assets(None).unwrap().is_empty(),
        "no asset row may be written"
    );
}

#[test]
fn desktop_to_bundle_to_fresh_data_dir_is_identical() {
    let (desktop, canvas, images) = desktop_with_media();
    let bundle = export(&desktop, &canvas);

    let names: Vec<String> = entries(&bundle).into_iter().map(|(name, _)| name).collect();
    assert_eq!(&names[..2], ["manifest.json", "canvas.json"]);
    assert_eq!(
        names.len(),
        2 + 3,
        "each file once, however many nodes show it"
    );
    let manifest: BundleManifest = serde_json::from_slice(&entries(&bundle)[0].1).unwrap();
    assert_eq!(
        (manifest.format.as_str(), manifest.format_version),
        ("koda-bundle", 1)
    );
    assert_eq!(manifest.canvas_id, canvas.id);
    let fox = manifest
        .assets
        .iter()
        .find(|a| a.sha256 == sha256(&images[0]))
        .unwrap();
    assert_eq!(
        (fox.size, fox.mime.as_str(), fox.filename.as_deref()),
        (images[0].len() as u64, "image/png", Some("fox.png"))
    );

    let fresh = DataDir::new();
    let summary = import_files(
        fresh.store(),
        &fresh.assets,
        std::slice::from_ref(&bundle),
        &mut quiet(),
    )
    .unwrap();
    assert_eq!(summary.files[0].format, SourceFormat::KodaBundle);
    assert_eq!(summary.assets_added, 3);
    let original = desktop.store.get_canvas(&canvas.id).unwrap().unwrap();
    let mut copy = fresh.store.get_canvas(&canvas.id).unwrap().unwrap();
    copy.revision = original.revision;
    assert_eq!(copy, original, "the canvas arrives identical");
    for image in &images {
        assert_eq!(
            &fresh.assets.read(&sha256(image)).unwrap(),
            image,
            "asset bytes arrive identical"
        );
    }
    let rows = fresh.store.list_assets(Some(&canvas.id)).unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows
        .iter()
        .any(|r| r.filename.as_deref() == Some("fox.png") && r.node_id.as_deref() == Some("m1")));

    let again = import_files(fresh.store(), &fresh.assets, &[bundle], &mut quiet()).unwrap();
    assert_eq!((again.assets_added, again.assets_already_present), (0, 3));
    assert_eq!(
        fresh.store.list_assets(None).unwrap().len(),
        3,
        "no duplicate rows"
    );
    assert_eq!(fresh.store.list_canvases().unwrap().len(), 1);
}

#[test]
fn bundle_missing_an_asset_fails_clearly_and_imports_nothing() {
    let (desktop, canvas, images) = desktop_with_media();
    let bundle = export(&desktop, &canvas);
    let missing = sha256(&images[1]);
    let broken = desktop.file("missing-asset.koda");
    tampered(&bundle, &broken, |entries| {
        entries
            .into_iter()
            .filter(|(name, _)| !name.ends_with(&missing))
            .collect()
    });
    let fresh = DataDir::new();
    let (path, message) = invalid_path(import_files(
        fresh.store(),
        &fresh.assets,
        &[broken],
        &mut quiet(),
    ));
    assert!(path.contains("manifest.json.assets["), "{path}");
    assert!(
        message.contains(&missing) && message.contains("missing"),
        "{message}"
    );
    assert_nothing_imported(&fresh);

    // Also when the manifest does not even list it: the canvas's reference is checked.
    let unlisted = desktop.file("unlisted-asset.koda");
    tampered(&bundle, &unlisted, |entries| {
        entries
            .into_iter()
            .filter(|(name, _)| !name.ends_with(&missing))
            .map(|(name, bytes)| {
                if name != "manifest.json" {
                    return (name, bytes);
                }
                let mut manifest: BundleManifest = serde_json::from_slice(&bytes).unwrap();
                manifest.assets.retain(|a| a.sha256 != missing);
                (name, serde_json::to_vec(&manifest).unwrap())
            })
            .collect()
    });
    let (path, message) = invalid_path(import_files(
        fresh.store(),
        &fresh.assets,
        &[unlisted],
        &mut quiet(),
    ));
    assert!(path.contains("canvas.json: nodes[1].data.url"), "{path}");
    assert!(message.contains("not in the bundle"), "{message}");
    assert_nothing_imported(&fresh);
}

#[test]
fn bundle_with_a_wrong_hash_is_refused() {
    let (desktop, canvas, images) = desktop_with_media();
    let bundle = export(&desktop, &canvas);
    let target = sha256(&images[0]);
    let broken = desktop.file("wrong-hash.koda");
    tampered(&bundle, &broken, |entries| {
        entries
            .into_iter()
            .map(|(name, mut bytes)| {
                if name.ends_with(&target) {
                    let last = bytes.len() - 1;
                    bytes[last] ^= 0xff;
                }
                (name, bytes)
            })
            .collect()
    });
    let fresh = DataDir::new();
    let (path, message) = invalid_path(import_files(
        fresh.store(),
        &fresh.assets,
        &[broken],
        &mut quiet(),
    ));
    assert!(path.ends_with(&format!("assets/{target}")), "{path}");
    assert!(message.contains("does not match its SHA-256"), "{message}");
    assert_nothing_imported(&fresh);
}

#[test]
fn bundle_with_a_path_trick_is_refused() {
    let (desktop, canvas, _) = desktop_with_media();
    let bundle = export(&desktop, &canvas);
    let fresh = DataDir::new();
    for evil in ["../evil", "assets/../../evil", "/tmp/evil", "C:\\evil"] {
        let broken = desktop.file("evil.koda");
        tampered(&bundle, &broken, |mut entries| {
            entries.push((evil.to_owned(), b"gotcha".to_vec()));
            entries
        });
        let (path, _) = invalid_path(import_files(
            fresh.store(),
            &fresh.assets,
            &[broken],
            &mut quiet(),
        ));
        assert!(path.contains("evil"), "{evil}: {path}");
        assert_nothing_imported(&fresh);
    }
    assert!(
        !desktop.path().join("evil").exists()
            && !fresh.path().parent().unwrap().join("evil").exists()
    );
}

#[test]
fn truncated_bundle_is_refused() {
    let (desktop, canvas, _) = desktop_with_media();
    let bundle = export(&desktop, &canvas);
    let bytes = std::fs::read(&bundle).unwrap();
    let fresh = DataDir::new();
    for keep in [bytes.len() / 2, bytes.len() - 10, 30] {
        let truncated = desktop.file("truncated.koda");
        std::fs::write(&truncated, &bytes[..keep]).unwrap();
        let (_, message) = invalid_path(import_files(
            fresh.store(),
            &fresh.assets,
            &[truncated],
            &mut quiet(),
        ));
        assert!(
            message.contains("damaged or truncated"),
            "{keep}: {message}"
        );
        assert_nothing_imported(&fresh);
    }
}

#[test]
fn bundle_from_a_newer_koda_is_refused_with_a_clear_error() {
    let (desktop, canvas, _) = desktop_with_media();
    let bundle = export(&desktop, &canvas);
    let newer = desktop.file("newer.koda");
    tampered(&bundle, &newer, |entries| {
        entries
            .into_iter()
            .map(|(name, bytes)| {
                if name != "manifest.json" {
                    return (name, bytes);
                }
                let mut manifest: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                manifest["formatVersion"] = 2.into();
                (name, serde_json::to_vec(&manifest).unwrap())
            })
            .collect()
    });
    let fresh = DataDir::new();
    let (path, message) = invalid_path(import_files(
        fresh.store(),
        &fresh.assets,
        &[newer],
        &mut quiet(),
    ));
    assert!(path.ends_with("manifest.json.formatVersion"), "{path}");
    assert!(
        message.contains("newer Koda") && message.contains("format 2"),
        "{message}"
    );
    assert_nothing_imported(&fresh);
}

#[test]
fn zip_bombs_are_refused_before_inflating() {
    let (desktop, canvas, _) = desktop_with_media();
    let bundle = export(&desktop, &canvas);
    let bomb = desktop.file("bomb.koda");
    // 8 MiB of zeros deflates to a few kilobytes.
    tampered(&bundle, &bomb, |mut entries| {
        entries.push((format!("assets/{}", "0".repeat(64)), vec![0u8; 8 << 20]));
        entries
    });
    assert!(std::fs::metadata(&bomb).unwrap().len() < 200_000);
    let per_entry = BundleLimits {
        max_entry_bytes: 1 << 20,
        ..BundleLimits::default()
    };
    let error = prepare_import_with(&bomb, &per_entry, &mut quiet()).unwrap_err();
    assert!(
        matches!(&error, StoreError::TooLarge { limit, .. } if *limit == 1 << 20),
        "{error:?}"
    );
    let total = BundleLimits {
        max_total_bytes: 4 << 20,
        ..BundleLimits::default()
    };
    let error = prepare_import_with(&bomb, &total, &mut quiet()).unwrap_err();
    assert!(
        matches!(&error, StoreError::TooLarge { what, .. } if what.contains("content")),
        "{error:?}"
    );
    let entries_cap = BundleLimits {
        max_entries: 3,
        ..BundleLimits::default()
    };
    assert_eq!(
        prepare_import_with(&bomb, &entries_cap, &mut quiet())
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

#[test]
fn exporting_a_canvas_whose_asset_file_is_gone_fails() {
    let (desktop, canvas, images) = desktop_with_media();
    std::fs::remove_file(desktop.assets.file_path(&sha256(&images[1])).unwrap()).unwrap();
    let target = desktop.file("incomplete.koda");
    let stored = desktop.store.get_canvas(&canvas.id).unwrap().unwrap();
    let error = export_bundle(desktop.store(), &desktop.assets, &stored, &target).unwrap_err();
    assert_eq!(error.code(), "not_found");
    assert!(!target.exists(), "no half bundle is left behind");
}
