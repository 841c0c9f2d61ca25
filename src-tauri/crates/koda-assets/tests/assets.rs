//! The asset store on real files made by the tests, with a real SQLite store.

use koda_assets::{AssetStore, ThumbnailSize};
use koda_core::{AssetKind, CanvasStore, RecordStore, Store, StoredCanvas};
use koda_sqlite::SqliteStore;
use std::io::Cursor;
use std::sync::Arc;

struct Fixture {
    dir: tempfile::TempDir,
    store: Arc<SqliteStore>,
    assets: AssetStore,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open_file(&dir.path().join("koda.db")).unwrap());
    let assets = AssetStore::new(dir.path(), store.clone() as Arc<dyn Store>).unwrap();
    Fixture { dir, store, assets }
}

fn canvas(fx: &Fixture, name: &str) -> String {
    let canvas = StoredCanvas::new(name, 1);
    fx.store.save_canvas(&canvas).unwrap();
    canvas.id
}

fn png(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([x as u8 ^ seed, y as u8, seed])
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x / 4) as u8, (y / 4) as u8, 90])
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A small valid PNG whose header claims 30000×30000 pixels (a decompression bomb's header).
fn header_bomb() -> Vec<u8> {
    let mut bytes = png(1, 1, 0);
    // IHDR data starts after the 8-byte signature, 4-byte length and 4-byte type.
    bytes[16..20].copy_from_slice(&30_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&30_000u32.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

#[test]
fn round_trip_keeps_bytes_and_describes_them() {
    let fx = fixture();
    let canvas_id = canvas(&fx, "c");
    let bytes = png(640, 480, 7);
    let record = fx
        .assets
        .add_bytes(&bytes, Some("fox.png"), Some(&canvas_id), Some("node-1"))
        .unwrap();
    assert_eq!(record.kind, AssetKind::Image);
    assert_eq!(record.mime_type.as_deref(), Some("image/png"));
    assert_eq!(record.size_bytes, Some(bytes.len() as i64));
    let sha = record.local_blob_key.clone().unwrap();
    assert_eq!(fx.assets.read(&sha).unwrap(), bytes);
    assert!(fx
        .assets
        .file_path(&sha)
        .unwrap()
        .starts_with(fx.dir.path().join("assets")));
    assert_eq!(fx.store.get_asset(&record.id).unwrap().unwrap(), record);
    assert_eq!(record.metadata.unwrap().to_value()["width"], 640);
    let (small, mime) = fx.assets.thumbnail(&sha, ThumbnailSize::Small).unwrap();
    assert_eq!(mime, "image/jpeg");
    assert_eq!(image::load_from_memory(&small).unwrap().width(), 256);
    let (large, _) = fx.assets.thumbnail(&sha, ThumbnailSize::Large).unwrap();
    assert_eq!(
        image::load_from_memory(&large).unwrap().width(),
        640,
        "never upscaled"
    );
}

#[test]
fn identical_bytes_are_stored_once() {
    let fx = fixture();
    let a = canvas(&fx, "a");
    let b = canvas(&fx, "b");
    let bytes = jpeg(300, 200);
    let first = fx
        .assets
        .add_bytes(&bytes, Some("one.jpg"), Some(&a), None)
        .unwrap();
    let second = fx
        .assets
        .add_bytes(&bytes, Some("two.jpg"), Some(&b), None)
        .unwrap();
    assert_ne!(first.id, second.id, "one row per use");
    assert_eq!(
        first.local_blob_key, second.local_blob_key,
        "one file per content"
    );
    let files: Vec<_> = walk(&fx.dir.path().join("assets"));
    assert_eq!(files.len(), 1, "{files:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().unwrap() != "tmp" {
                out.extend(walk(&path));
            }
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn purge_removes_only_files_nobody_else_uses() {
    let fx = fixture();
    let a = canvas(&fx, "a");
    let b = canvas(&fx, "b");
    let shared = png(64, 64, 1);
    let own = png(64, 64, 2);
    let shared_sha = fx
        .assets
        .add_bytes(&shared, None, Some(&a), None)
        .unwrap()
        .local_blob_key
        .unwrap();
    fx.assets.add_bytes(&shared, None, Some(&b), None).unwrap();
    let own_sha = fx
        .assets
        .add_bytes(&own, None, Some(&a), None)
        .unwrap()
        .local_blob_key
        .unwrap();
    let freed = fx.assets.purge_canvas(&a).unwrap();
    assert_eq!(freed, own.len() as u64);
    assert!(
        fx.assets.file_path(&shared_sha).unwrap().exists(),
        "still used by canvas b"
    );
    assert!(!fx.assets.file_path(&own_sha).unwrap().exists());
    fx.assets.purge_canvas(&b).unwrap();
    assert!(!fx.assets.file_path(&shared_sha).unwrap().exists());
    assert!(fx.store.list_assets(None).unwrap().is_empty());
}

#[test]
fn a_node_copied_to_another_canvas_keeps_its_file_alive() {
    // Copying a media node to canvas b copies its `koda-asset://` reference but makes no asset
    // row for b: purging a, or a clean-up, must not delete the file b still shows.
    let fx = fixture();
    let a = canvas(&fx, "a");
    let bytes = png(64, 64, 3);
    let sha = fx
        .assets
        .add_bytes(&bytes, None, Some(&a), None)
        .unwrap()
        .local_blob_key
        .unwrap();
    let mut b = StoredCanvas::new("b", 1);
    let mut node = koda_core::CanvasNode::new("copy", "media", 0.0, 0.0);
    node.data = koda_core::JsonText::from_value(
        &serde_json::json!({ "src": format!("{}{sha}", koda_assets::ASSET_REF_PREFIX) }),
    );
    b.nodes.push(node);
    fx.store.save_canvas(&b).unwrap();

    assert_eq!(fx.assets.purge_canvas(&a).unwrap(), 0);
    assert!(
        fx.assets.file_path(&sha).unwrap().exists(),
        "canvas b still shows it"
    );
    let report = fx.assets.collect_garbage(false).unwrap();
    assert!(report.orphan_files.is_empty(), "{report:?}");
    assert!(fx.assets.file_path(&sha).unwrap().exists());
}

#[test]
fn collect_garbage_reports_orphans_and_missing_files() {
    let fx = fixture();
    let a = canvas(&fx, "a");
    let kept = fx
        .assets
        .add_bytes(&png(10, 10, 3), None, Some(&a), None)
        .unwrap();
    let gone = fx
        .assets
        .add_bytes(&png(10, 10, 4), None, Some(&a), None)
        .unwrap();
    std::fs::remove_file(
        fx.assets
            .file_path(gone.local_blob_key.as_ref().unwrap())
            .unwrap(),
    )
    .unwrap();
    // An orphan: a file with no row, old enough to be past the grace period.
    let orphan = png(12, 12, 5);
    let orphan_sha = koda_assets::blobs::sha256_hex(&orphan);
    let orphan_path = fx.assets.file_path(&orphan_sha).unwrap();
    std::fs::create_dir_all(orphan_path.parent().unwrap()).unwrap();
    std::fs::write(&orphan_path, &orphan).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&orphan_path)
        .unwrap()
        .set_modified(old)
        .unwrap();

    let dry = fx.assets.collect_garbage(true).unwrap();
    assert_eq!(
        dry.orphan_files,
        vec![(orphan_sha.clone(), orphan.len() as u64)]
    );
    assert_eq!(
        dry.missing_files,
        vec![(gone.id.clone(), gone.local_blob_key.clone().unwrap())]
    );
    assert!(orphan_path.exists(), "a dry run removes nothing");
    let real = fx.assets.collect_garbage(false).unwrap();
    assert_eq!(real.removed_bytes, orphan.len() as u64);
    assert!(!orphan_path.exists());
    assert!(fx
        .assets
        .file_path(kept.local_blob_key.as_ref().unwrap())
        .unwrap()
        .exists());
}

#[test]
fn bad_inputs_are_refused_and_leave_nothing_behind() {
    let fx = fixture();
    let mut truncated = png(200, 200, 9);
    truncated.truncate(truncated.len() / 2);
    let zip_as_png =
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00 this is a zip file named photo.png".to_vec();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated PNG", truncated, "invalid_input"),
        ("zip renamed .png", zip_as_png, "invalid_input"),
        ("header bomb", header_bomb(), "too_large"),
        ("empty file", Vec::new(), "invalid_input"),
    ];
    for (what, bytes, code) in cases {
        let error = fx
            .assets
            .add_bytes(&bytes, Some("photo.png"), None, None)
            .unwrap_err();
        assert_eq!(error.code(), code, "{what}: {error}");
    }
    for trick in ["../../etc/passwd", "/abs/olute.png", "nul\0byte.png"] {
        let error = fx
            .assets
            .add_bytes(&png(4, 4, 1), Some(trick), None, None)
            .unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{trick:?}");
    }
    assert!(fx.store.list_assets(None).unwrap().is_empty());
    assert!(
        walk(&fx.dir.path().join("assets")).is_empty(),
        "no file may be written for a refused asset"
    );
    // Files on disk: 0 bytes and a path that is a directory.
    let empty = fx.dir.path().join("empty.png");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(
        fx.assets.add_file(&empty, None, None).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        fx.assets
            .add_file(fx.dir.path(), None, None)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    // Hashes from outside are checked before they become paths.
    assert_eq!(
        fx.assets.read("../koda.db").unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn videos_are_stored_with_a_placeholder_thumbnail() {
    let fx = fixture();
    let mut mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom".to_vec();
    mp4.extend_from_slice(&[0u8; 64]);
    let record = fx
        .assets
        .add_bytes(&mp4, Some("clip.mp4"), None, None)
        .unwrap();
    assert_eq!(record.kind, AssetKind::Video);
    let (bytes, mime) = fx
        .assets
        .thumbnail(
            record.local_blob_key.as_ref().unwrap(),
            ThumbnailSize::Small,
        )
        .unwrap();
    assert_eq!(mime, "image/svg+xml");
    assert!(String::from_utf8(bytes).unwrap().starts_with("<svg"));
}

/// A 539-byte progressive JPEG whose header says 12000×12000: decoding it would allocate ~1.3 GB
/// of planes and coefficients before finding the data missing. Refused from the header alone.
#[test]
fn a_progressive_jpeg_bomb_is_refused_before_decoding() {
    let bytes = include_bytes!("files/progressive-bomb.jpg");
    let error = koda_assets::thumbnail::render(bytes, koda_assets::thumbnail::ThumbnailSize::Small)
        .unwrap_err();
    assert_eq!(error.code(), "too_large", "{error}");
    assert!(error.to_string().contains("12000×12000"), "{error}");
}

#[test]
fn a_range_reads_only_its_bytes() {
    let fx = fixture();
    let bytes = png(300, 200, 3);
    let record = fx
        .assets
        .add_bytes(&bytes, Some("pic.png"), None, None)
        .unwrap();
    let sha = record.local_blob_key.unwrap();
    assert_eq!(fx.assets.size(&sha).unwrap(), bytes.len() as u64);
    assert_eq!(fx.assets.read_range(&sha, 10, 19).unwrap(), bytes[10..20]);
    let last = bytes.len() as u64 - 1;
    assert_eq!(
        fx.assets.read_range(&sha, last, last).unwrap(),
        bytes[bytes.len() - 1..]
    );
}
