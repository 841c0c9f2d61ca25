//! What each fuzz target does with its bytes, in one place: the targets in `fuzz_targets/` call
//! these functions, and koda-io's `tests/fuzz_regressions.rs` includes this file to run every
//! saved crash input and seed through the very same code on stable Rust.
//!
//! Every function returns the importer's typed result and panics only where the code under test
//! breaks a promise: the importers must not panic, must not change the file they read, must not
//! accept a canvas the store then refuses or stores differently, and a patch must mean in the
//! SQLite store what it means in the reference model (`CanvasPatch::apply_to`).
//!
//! Non-file inputs of the SQLite and bundle targets are small text scripts that build a valid
//! database or zip first (see [`sqlite_from_script`] and [`zip_from_parts`]): random bytes rarely
//! survive SQLite's page checks or a zip's CRCs, so the script form is what reaches the
//! importers' own code. A real SQLite file or zip is used as it is.

use koda_assets::AssetStore;
use koda_core::config::DatabaseLocation;
use koda_core::{CanvasPatch, CanvasStore, Revision, Store, StoreError, StoreResult, StoredCanvas};
use koda_io::{ImportSummary, SourceFormat};
use koda_sqlite::SqliteStore;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// The first bytes of every SQLite database file.
pub const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// What an import of one file did: the format it was read as, and what the commit wrote.
#[derive(Debug)]
pub struct Imported {
    pub format: SourceFormat,
    pub summary: ImportSummary,
}

/// A fresh in-memory Koda store with an asset folder under `dir`.
fn fresh_store(dir: &Path) -> StoreResult<(Arc<SqliteStore>, AssetStore)> {
    let store = Arc::new(SqliteStore::open(&DatabaseLocation::Memory)?);
    let assets = AssetStore::new(&dir.join("data"), store.clone() as Arc<dyn Store>)?;
    Ok((store, assets))
}

/// Writes `bytes` to a file called `file_name` in a scratch folder, prepares it as the app does
/// (`koda_io::prepare_import`) and commits it to a fresh store, as the app's import does.
pub fn import_file(bytes: &[u8], file_name: &str) -> StoreResult<Imported> {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join(file_name);
    std::fs::write(&path, bytes).expect("writing the input file");
    let result = prepare_and_commit(dir.path(), &path);
    let after = std::fs::read(&path).expect("the input file is still there");
    assert!(
        after == bytes,
        "the import changed the file it read ({} bytes before, {} after)",
        bytes.len(),
        after.len()
    );
    result
}

fn prepare_and_commit(dir: &Path, path: &Path) -> StoreResult<Imported> {
    let prepared = koda_io::prepare_import(path, &mut |_| {})?;
    for canvas in &prepared.canvases {
        // What the importer hands on is checked already: the store must take it.
        koda_core::validate::validate_canvas(canvas)
            .unwrap_or_else(|e| panic!("prepared canvas '{}' is invalid: {e:?}", canvas.id));
    }
    let format = prepared.format;
    let canvases = prepared.canvases.clone();
    let (store, assets) = fresh_store(dir)?;
    let summary = koda_io::commit_imports(store.as_ref(), &assets, &[prepared], &mut |_| {})?;
    // A file may hold one id twice (an array): the last one is what the store keeps.
    let mut last = std::collections::HashMap::new();
    for canvas in &canvases {
        last.insert(canvas.id.as_str(), canvas);
    }
    for canvas in last.values() {
        check_stored(store.as_ref(), canvas);
    }
    // Importing the same file again updates what the first import made, and duplicates nothing.
    let listed = store.list_canvases().expect("listing canvases").len();
    let again = koda_io::prepare_import(path, &mut |_| {})
        .and_then(|prepared| {
            koda_io::commit_imports(store.as_ref(), &assets, &[prepared], &mut |_| {})
        })
        .unwrap_or_else(|e| panic!("the same file imported once fails the second time: {e:?}"));
    assert_eq!(
        store.list_canvases().expect("listing canvases").len(),
        listed,
        "a second import of the same file added canvases"
    );
    assert_eq!(
        again.assets_added, 0,
        "a second import stored its assets again"
    );
    Ok(Imported { format, summary })
}

/// A canvas read back after an import holds as many nodes and edges as were imported, and
/// exports again in a form that imports ([`check_exports`]).
fn check_stored(store: &SqliteStore, imported: &StoredCanvas) {
    let Some(stored) = store.get_canvas(&imported.id).expect("reading back") else {
        panic!("imported canvas '{}' is not in the store", imported.id);
    };
    check_exports(&stored);
    assert_eq!(
        stored.nodes.len(),
        imported.nodes.len(),
        "node count of '{}'",
        imported.id
    );
    assert_eq!(
        stored.edges.len(),
        imported.edges.len(),
        "edge count of '{}'",
        imported.id
    );
}

/// What Koda stored exports again in a form that imports: as canvas JSON (the form `.koda`
/// bundles carry) and as JSON Canvas.
pub fn check_exports(stored: &StoredCanvas) {
    let json = serde_json::to_string(stored).expect("a stored canvas serialises");
    if let Err(error) = koda_core::validate::parse_canvas(&json) {
        panic!(
            "canvas '{}' exported as JSON does not import: {error:?}",
            stored.id
        );
    }
    let canvas_text = koda_io::json_canvas::export::to_json_canvas_text(stored, &|_| None);
    if let Err(error) =
        koda_io::json_canvas::import::from_json_canvas_text(&canvas_text, &stored.name)
    {
        panic!(
            "canvas '{}' exported as JSON Canvas does not import: {error:?}",
            stored.id
        );
    }
}

/// `import_json`: Koda's JSON files (one StoredCanvas, the web app's `spaces-canvases` array, the
/// export file). Inputs that start like a SQLite file or a zip belong to the other targets.
pub fn import_json(data: &[u8]) -> Option<StoreResult<Imported>> {
    if data.starts_with(SQLITE_MAGIC) || data.starts_with(b"PK") {
        return None;
    }
    Some(import_file(data, "canvases.json"))
}

/// `import_json_canvas`: a JSON Canvas 1.0 file, by its `.canvas` name.
pub fn import_json_canvas(data: &[u8]) -> Option<StoreResult<Imported>> {
    if data.starts_with(SQLITE_MAGIC) || data.starts_with(b"PK") {
        return None;
    }
    Some(import_file(data, "board.canvas"))
}

/// `import_bundle`: a `.koda` bundle; a zip as it is, anything else through [`zip_from_parts`].
pub fn import_bundle(data: &[u8]) -> Option<StoreResult<Imported>> {
    if data.starts_with(b"PK") {
        return Some(import_file(data, "board.koda"));
    }
    let zip = zip_from_parts(data)?;
    Some(import_file(&zip, "board.koda"))
}

/// What separates the parts of [`zip_from_parts`]' input (asset files hold NUL bytes of their own).
pub const PART_SEPARATOR: &[u8] = b"\0--koda-part--\0";

/// `data` cut at every `separator`.
fn split_at_separator<'a>(mut data: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(at) = data.windows(separator.len()).position(|w| w == separator) {
        parts.push(&data[..at]);
        data = &data[at + separator.len()..];
    }
    parts.push(data);
    parts
}

/// Builds a zip from `data` cut at [`PART_SEPARATOR`]: the first part is `manifest.json`, the
/// second `canvas.json`, every further one `assets/<its sha256>`; a part that starts with
/// `@name\n` is stored under that name instead. Entries are stored, not deflated, so their CRCs
/// always match.
pub fn zip_from_parts(data: &[u8]) -> Option<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (index, part) in split_at_separator(data, PART_SEPARATOR)
        .into_iter()
        .enumerate()
    {
        let (name, content) = match part.strip_prefix(b"@") {
            Some(rest) => {
                let end = rest.iter().position(|b| *b == b'\n')?;
                (
                    String::from_utf8_lossy(&rest[..end]).into_owned(),
                    &rest[end + 1..],
                )
            }
            None => (
                match index {
                    0 => "manifest.json".to_owned(),
                    1 => "canvas.json".to_owned(),
                    _ => format!("assets/{}", hex::encode(Sha256::digest(part))),
                },
                part,
            ),
        };
        // A name given twice is refused by the zip writer, not by the importer: skip the input.
        out.start_file(name, options).ok()?;
        out.write_all(content).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

/// Which schema a SQLite target builds its scripted databases in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteFlavour {
    /// The web app's file: `canvases` with JSON `nodes` and `edges` columns.
    Web,
    /// The seed's Drizzle tables: `canvases`, `canvas_nodes`, `canvas_edges`.
    Drizzle,
}

/// `import_web_sqlite` and `import_drizzle_sqlite`: a SQLite file as it is, or a database built
/// by [`sqlite_from_script`].
pub fn import_sqlite(data: &[u8], flavour: SqliteFlavour) -> Option<StoreResult<Imported>> {
    if data.starts_with(SQLITE_MAGIC) {
        return Some(import_file(data, "koda-web.db"));
    }
    let db = sqlite_from_script(data, flavour)?;
    Some(import_file(&db, "koda-web.db"))
}

/// A typed SQLite cell of a script row.
fn cell(text: &[u8]) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    let rest = text.get(1..).unwrap_or_default();
    let as_text = || String::from_utf8_lossy(rest).into_owned();
    match text.first() {
        Some(b'i') => as_text()
            .trim()
            .parse::<i64>()
            .map_or(Value::Null, Value::Integer),
        Some(b'r') => as_text()
            .trim()
            .parse::<f64>()
            .map_or(Value::Null, Value::Real),
        Some(b't') => Value::Text(as_text()),
        Some(b'b') => Value::Blob(rest.to_vec()),
        _ => Value::Null,
    }
}

fn plain_name(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let plain = !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    plain.then(|| name.to_owned())
}

/// Builds a SQLite database from a script of lines. `#table<TAB>col<TAB>col…` starts a table
/// (made with those untyped columns); the lines after it are its rows, cells separated by tabs,
/// each a type letter and its value: `i42`, `r1.5`, `ttext`, `bbytes`, anything else NULL.
/// Empty lines are skipped.
/// For [`SqliteFlavour::Web`] the `canvases` table always has a `nodes` column; for
/// [`SqliteFlavour::Drizzle`] it never has, and a `canvas_nodes` table always exists. Returns the
/// file's bytes; `None` when the script cannot make a database (nothing to import then).
pub fn sqlite_from_script(data: &[u8], flavour: SqliteFlavour) -> Option<Vec<u8>> {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let path = dir.path().join("script.db");
    let conn = rusqlite::Connection::open(&path).ok()?;
    // One transaction without syncs: the file is scratch, and speed is executions per second.
    conn.execute_batch("PRAGMA synchronous = OFF; BEGIN").ok()?;
    let mut tables: Vec<String> = Vec::new();
    let mut current: Option<(String, usize)> = None;
    for line in data.split(|b| *b == b'\n').filter(|line| !line.is_empty()) {
        if let Some(header) = line.strip_prefix(b"#") {
            let mut parts = header.split(|b| *b == b'\t');
            let Some(table) = parts.next().and_then(plain_name) else {
                current = None;
                continue;
            };
            let mut columns: Vec<String> = Vec::new();
            for column in parts.filter_map(plain_name) {
                if !columns.contains(&column) && columns.len() < 32 {
                    columns.push(column);
                }
            }
            if table == "canvases" {
                let has_nodes = columns.iter().any(|c| c == "nodes");
                match flavour {
                    SqliteFlavour::Web if !has_nodes => columns.push("nodes".into()),
                    SqliteFlavour::Drizzle => columns.retain(|c| c != "nodes"),
                    SqliteFlavour::Web => {}
                }
            }
            if columns.is_empty() || tables.contains(&table) {
                current = None;
                continue;
            }
            let list = columns
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            conn.execute_batch(&format!("CREATE TABLE \"{table}\" ({list})"))
                .ok()?;
            tables.push(table.clone());
            current = Some((table, columns.len()));
        } else if let Some((table, width)) = &current {
            let values: Vec<rusqlite::types::Value> = line
                .split(|b| *b == b'\t')
                .map(cell)
                .chain(std::iter::repeat(rusqlite::types::Value::Null))
                .take(*width)
                .collect();
            let marks = vec!["?"; *width].join(", ");
            conn.execute(
                &format!("INSERT INTO \"{table}\" VALUES ({marks})"),
                rusqlite::params_from_iter(values),
            )
            .ok()?;
        }
    }
    let ensure = |table: &str, columns: &str| {
        if tables.iter().any(|t| t == table) {
            return Some(());
        }
        conn.execute_batch(&format!("CREATE TABLE \"{table}\" ({columns})"))
            .ok()
    };
    match flavour {
        SqliteFlavour::Web => ensure("canvases", "id, name, nodes, edges")?,
        SqliteFlavour::Drizzle => {
            ensure("canvases", "id, name")?;
            ensure(
                "canvas_nodes",
                "id, canvas_id, type, position_x, position_y, data",
            )?;
        }
    }
    conn.execute_batch("COMMIT").ok()?;
    drop(conn);
    std::fs::read(&path).ok()
}

/// The canvas every patch is applied to: koda-core's sample canvas (groups, edges with handles,
/// unknown fields, a viewport).
pub fn patch_fixture() -> StoredCanvas {
    koda_core::fixtures::sample_canvas("Fuzz fixture")
}

/// `canvas_patch`: JSON bytes to a `CanvasPatch` the way Tauri's IPC hands it to the
/// `apply_patch` command (the invoke body is a `serde_json::Value`; each argument is deserialized
/// from it), then applied to the fixture in a fresh SQLite store and, as the reference, to the
/// fixture in memory. Both must agree on success or failure and on the canvas that results.
pub fn canvas_patch(data: &[u8]) -> Option<StoreResult<Revision>> {
    let body: serde_json::Value = serde_json::from_slice(data).ok()?;
    let patch = CanvasPatch::deserialize(&body).ok()?;
    Some(apply_patch(&patch))
}

/// Applies `patch` to the fixture in a fresh in-memory store and in the reference model.
pub fn apply_patch(patch: &CanvasPatch) -> StoreResult<Revision> {
    let store = SqliteStore::open(&DatabaseLocation::Memory).expect("an in-memory store");
    let fixture = patch_fixture();
    let base = store.save_canvas(&fixture).expect("the fixture saves");
    let before = store
        .get_canvas(&fixture.id)
        .expect("reading the fixture")
        .expect("the fixture is stored");
    let mut model = before.clone();
    let expected = patch.apply_to(&mut model);
    let result = store.apply_patch(&fixture.id, base, patch);
    let after = store
        .get_canvas(&fixture.id)
        .expect("reading the canvas back")
        .expect("the canvas is still stored");
    match (&result, &expected) {
        (Ok(revision), Ok(())) => {
            assert_eq!(after.revision, *revision, "the stored revision");
            assert_eq!(after.nodes, model.nodes, "nodes: store vs. model");
            assert_eq!(after.edges, model.edges, "edges: store vs. model");
            assert_eq!(after.viewport, model.viewport, "viewport: store vs. model");
            assert_eq!(after.name, model.name, "name: store vs. model");
            koda_core::validate::validate_canvas(&after)
                .unwrap_or_else(|e| panic!("the patched canvas is invalid: {e:?}"));
            check_exports(&after);
        }
        (Err(_), Err(_)) => {
            assert_eq!(after.revision, before.revision, "a failed patch wrote");
            assert_eq!(after.nodes, before.nodes, "a failed patch changed nodes");
            assert_eq!(after.edges, before.edges, "a failed patch changed edges");
        }
        (result, expected) => {
            panic!("the store and the model disagree: store {result:?}, model {expected:?}")
        }
    }
    result
}

/// The error code of a result, for assertions (`"ok"` for success).
pub fn code<T>(result: &StoreResult<T>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(error) => error_code(error),
    }
}

/// `StoreError::code`, as a function.
pub fn error_code(error: &StoreError) -> &'static str {
    error.code()
}
