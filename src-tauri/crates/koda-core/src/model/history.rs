//! Versions of a canvas (history) and full-text search hits.

use super::{EpochMs, Revision};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What made a version: the edits, import, sync, restore or teammate that left the canvas so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum VersionSource {
    /// Edits in this app, one version once they settle.
    Edit,
    /// An import over the same canvas id.
    Import,
    /// A sync from another device.
    Sync,
    /// A restore of an older version (which itself stays in the history).
    Restore,
    /// A teammate's change on a shared server.
    Teammate,
}

impl VersionSource {
    /// The value stored in `canvas_versions.source`.
    pub fn as_str(self) -> &'static str {
        match self {
            VersionSource::Edit => "edit",
            VersionSource::Import => "import",
            VersionSource::Sync => "sync",
            VersionSource::Restore => "restore",
            VersionSource::Teammate => "teammate",
        }
    }

    /// Reads a stored value; unknown values (a newer app's) read as edits.
    pub fn parse(value: &str) -> Self {
        match value {
            "import" => VersionSource::Import,
            "sync" => VersionSource::Sync,
            "restore" => VersionSource::Restore,
            "teammate" => VersionSource::Teammate,
            _ => VersionSource::Edit,
        }
    }
}

/// One kept version of a canvas, as the History panel lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VersionInfo {
    /// Identifies the version within its canvas.
    #[ts(type = "number")]
    pub id: i64,
    pub canvas_id: String,
    /// When the canvas looked like this (the version's last edit).
    #[ts(type = "number")]
    pub at: EpochMs,
    pub source: VersionSource,
    /// The canvas revision this version shows.
    #[ts(type = "number")]
    pub revision: Revision,
    /// The canvas name at the time.
    pub name: String,
    #[ts(type = "number")]
    pub node_count: i64,
    /// The device or teammate the change came from, when known.
    #[ts(optional)]
    pub device: Option<String>,
}

/// A search request (⌘K, `koda search`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchQuery {
    /// Words as typed; FTS syntax (`"`, `*`, `NEAR`, `-`) is searched as text.
    pub text: String,
    /// At most this many hits (default 20, at most 200).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
    /// Whether canvases in the trash are searched too.
    #[serde(default)]
    #[ts(optional)]
    pub include_trash: Option<bool>,
}

/// One place a search matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchHit {
    pub canvas_id: String,
    pub canvas_name: String,
    /// The node that matched; `null` for a canvas-level hit (name, description).
    pub node_id: Option<String>,
    /// The matching node's type (`text`, `imageGenerator`, …), for its icon.
    #[ts(optional)]
    pub node_type: Option<String>,
    /// The matched text around the match, each matched word wrapped in U+0002 … U+0003.
    pub snippet: String,
    /// Higher is better; only the order is meaningful.
    pub score: f64,
    /// Whether the canvas is in the trash.
    pub trashed: bool,
}

/// Markers around matched words in [`SearchHit::snippet`].
pub const SNIPPET_OPEN: char = '\u{2}';
pub const SNIPPET_CLOSE: char = '\u{3}';
