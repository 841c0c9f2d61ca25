//! Which kind of file an import was given, from its content (and, for JSON Canvas, its name).

use koda_core::validate::parse_json;
use koda_core::{StoreError, StoreResult};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;

/// Every source Koda imports from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceFormat {
    /// One `StoredCanvas` as JSON.
    StoredCanvas,
    /// The web app's `spaces-canvases` localStorage value: a JSON array of `StoredCanvas`.
    CanvasArray,
    /// Koda's export file `{version, spaceName, exportedAt, nodes, edges}`.
    KodaExport,
    /// The Koda web app's SQLite file: a `canvases` table with JSON `nodes`/`edges` columns.
    WebSqlite,
    /// A database in the seed's normalized Drizzle schema (`canvas_nodes`, `canvas_edges`, …).
    DrizzleSqlite,
    /// Another Koda Desktop database (the normalized schema with Koda's own columns).
    DesktopSqlite,
    /// JSON Canvas 1.0 (`.canvas`).
    JsonCanvas,
    /// A `.koda` bundle (zip).
    KodaBundle,
}

impl SourceFormat {
    /// A short description for people.
    pub fn describe(self) -> &'static str {
        match self {
            SourceFormat::StoredCanvas => "canvas JSON",
            SourceFormat::CanvasArray => "Koda web canvases (spaces-canvases)",
            SourceFormat::KodaExport => "Koda export file",
            SourceFormat::WebSqlite => "Koda web SQLite file",
            SourceFormat::DrizzleSqlite => "Koda web database (Drizzle schema)",
            SourceFormat::DesktopSqlite => "Koda Desktop database",
            SourceFormat::JsonCanvas => "JSON Canvas",
            SourceFormat::KodaBundle => ".koda bundle",
        }
    }
}

/// What the first bytes of a file say it is; SQLite flavours and JSON shapes are told apart later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Sqlite,
    Zip,
    /// JSON text (or something that must be, to be importable).
    Text,
}

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// Reads the first bytes of `path` to tell SQLite, zip and text apart.
pub fn container_of(path: &Path) -> StoreResult<Container> {
    let mut file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file
            .read(&mut head[read..])
            .map_err(|e| io_error(path, e))?
        {
            0 => break,
            n => read += n,
        }
    }
    let head = &head[..read];
    Ok(if head.starts_with(SQLITE_MAGIC) {
        Container::Sqlite
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Container::Zip
    } else {
        Container::Text
    })
}

/// An I/O error that names the file.
pub fn io_error(path: &Path, error: std::io::Error) -> StoreError {
    if error.kind() == std::io::ErrorKind::NotFound {
        return StoreError::NotFound {
            what: "file",
            id: path.display().to_string(),
        };
    }
    let error: StoreError = error.into();
    match error {
        StoreError::Io(message) => StoreError::Io(format!("{}: {message}", path.display())),
        other => other,
    }
}

/// Whether JSON text is a JSON Canvas rather than one of Koda's own formats: a `.canvas` name, or
/// an object with `nodes` but neither a canvas `id` nor the export file's fields.
pub fn is_json_canvas(path: &Path, text: &str) -> StoreResult<bool> {
    if path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("canvas"))
    {
        return Ok(true);
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('{') {
        return Ok(false);
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Probe {
        id: Option<serde::de::IgnoredAny>,
        space_name: Option<serde::de::IgnoredAny>,
        exported_at: Option<serde::de::IgnoredAny>,
        nodes: Option<serde::de::IgnoredAny>,
    }
    let probe: Probe = parse_json(trimmed)?;
    Ok(probe.nodes.is_some()
        && probe.id.is_none()
        && probe.space_name.is_none()
        && probe.exported_at.is_none())
}
