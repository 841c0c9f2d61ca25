//! Fixtures shared by the koda-io tests: a real data folder (SQLite store + asset store) and
//! writers of the files each import format arrives in.
#![allow(dead_code)]

use base64::Engine;
use koda_assets::AssetStore;
use koda_core::{Store, StoreError};
use koda_sqlite::SqliteStore;
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A Koda data folder on disk.
pub struct DataDir {
    pub dir: tempfile::TempDir,
    pub store: Arc<SqliteStore>,
    pub assets: AssetStore,
}

impl DataDir {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(SqliteStore::open_file(&dir.path().join("koda.db")).unwrap());
        let assets = AssetStore::new(dir.path(), store.clone() as Arc<dyn Store>).unwrap();
        Self { dir, store, assets }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A file in a scratch folder beside the data folder's contents.
    pub fn file(&self, name: &str) -> PathBuf {
        let inputs = self.dir.path().join("inputs");
        std::fs::create_dir_all(&inputs).unwrap();
        inputs.join(name)
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }
}

/// A real PNG, different for each `seed`.
pub fn png(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([x as u8 ^ seed, y as u8, seed])
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

pub fn data_url(mime: &str, bytes: &[u8]) -> String {
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

pub fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub fn file_sha256(path: &Path) -> String {
    sha256(&std::fs::read(path).unwrap())
}

/// The path of an `Invalid` error, failing the test on any other outcome.
pub fn invalid_path<T: std::fmt::Debug>(result: Result<T, StoreError>) -> (String, String) {
    match result {
        Err(StoreError::Invalid { path, message }) => (path, message),
        other => panic!("expected invalid_input, got {other:?}"),
    }
}

/// Writes a web-app SQLite file: a `canvases` table with JSON `nodes`/`edges` columns and
/// millisecond timestamps. `with_thumbnail` false leaves that optional column out.
pub fn write_web_sqlite(
    path: &Path,
    with_thumbnail: bool,
    rows: &[(&str, &str, &str, &str, i64, i64)],
) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let thumbnail = if with_thumbnail {
        "thumbnail TEXT,"
    } else {
        ""
    };
    conn.execute_batch(&format!(
        "CREATE TABLE canvases (id TEXT PRIMARY KEY, name TEXT NOT NULL, {thumbnail}
           nodes TEXT NOT NULL, edges TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)"
    ))
    .unwrap();
    for (id, name, nodes, edges, created, updated) in rows {
        conn.execute(
            "INSERT INTO canvases (id, name, nodes, edges, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![id, name, nodes, edges, created, updated],
        )
        .unwrap();
    }
}

/// The tables as drizzle-kit generates them from the seed's `sqliteTable` definitions.
pub const DRIZZLE_SCHEMA: &str = "
CREATE TABLE `canvases` (
  `id` text PRIMARY KEY NOT NULL, `user_id` text, `name` text NOT NULL, `description` text,
  `thumbnail` text, `is_template` integer DEFAULT false, `is_public` integer DEFAULT false,
  `created_at` integer, `updated_at` integer
);
CREATE TABLE `canvas_nodes` (
  `id` text PRIMARY KEY NOT NULL, `canvas_id` text NOT NULL, `type` text NOT NULL,
  `position_x` real NOT NULL, `position_y` real NOT NULL, `width` real, `height` real,
  `data` text NOT NULL, `z_index` integer DEFAULT 0, `created_at` integer, `updated_at` integer,
  FOREIGN KEY (`canvas_id`) REFERENCES `canvases`(`id`) ON UPDATE no action ON DELETE cascade
);
CREATE TABLE `canvas_edges` (
  `id` text PRIMARY KEY NOT NULL, `canvas_id` text NOT NULL, `source_node_id` text NOT NULL,
  `source_handle` text, `target_node_id` text NOT NULL, `target_handle` text, `type` text DEFAULT 'default',
  FOREIGN KEY (`canvas_id`) REFERENCES `canvases`(`id`) ON UPDATE no action ON DELETE cascade
);
CREATE TABLE `assets` (
  `id` text PRIMARY KEY NOT NULL, `canvas_id` text, `node_id` text, `type` text NOT NULL, `filename` text,
  `mime_type` text, `size_bytes` integer, `url` text, `local_blob_key` text, `metadata` text, `created_at` integer
);
";

/// A Drizzle database as the seed's `DatabaseStorageProvider.saveCanvas` fills it: seconds,
/// JSON text `data`, nodes and edges inserted in array order.
pub fn write_drizzle_sqlite(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(DRIZZLE_SCHEMA).unwrap();
    conn.execute_batch(
        "INSERT INTO canvases (id, name, created_at, updated_at) VALUES ('d-1', 'Drizzle board', 1700000000, 1700000500);
         INSERT INTO canvas_nodes (id, canvas_id, type, position_x, position_y, width, height, data, created_at, updated_at)
           VALUES ('p1', 'd-1', 'text', 10.5, 20, NULL, NULL, '{\"content\":\"a red fox\"}', 1700000000, 1700000000),
                  ('g1', 'd-1', 'imageGenerator', 400, 20, 300, 340, '{\"model\":\"flux-pro\",\"aspectRatio\":\"1:1\"}', 1700000000, 1700000000),
                  ('w1', 'd-1', 'weirdFutureNode', 0, 500, NULL, NULL, '{\"payload\":[1,2,3]}', 1700000000, 1700000000);
         INSERT INTO canvas_edges (id, canvas_id, source_node_id, source_handle, target_node_id, target_handle)
           VALUES ('e1', 'd-1', 'p1', 'output', 'g1', 'text');
         INSERT INTO canvases (id, name, created_at, updated_at) VALUES ('d-2', 'Empty one', 1700001000, 1700001000);",
    )
    .unwrap();
    conn
}

/// Ignores progress reports.
pub fn quiet() -> impl FnMut(koda_io::ImportProgress) {
    |_| {}
}
