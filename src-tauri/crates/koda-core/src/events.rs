//! Change events, sent to the UI only after the write they describe has committed.

use crate::model::Revision;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of write happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ChangeKind {
    Created,
    Saved,
    Patched,
    Renamed,
    Thumbnail,
    Trashed,
    Restored,
    Purged,
    Settings,
    Profile,
    Asset,
    Generation,
    /// Rows arrived from cloud sync.
    Synced,
}

impl ChangeKind {
    /// The value stored in `change_log.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Created => "created",
            ChangeKind::Saved => "saved",
            ChangeKind::Patched => "patched",
            ChangeKind::Renamed => "renamed",
            ChangeKind::Thumbnail => "thumbnail",
            ChangeKind::Trashed => "trashed",
            ChangeKind::Restored => "restored",
            ChangeKind::Purged => "purged",
            ChangeKind::Settings => "settings",
            ChangeKind::Profile => "profile",
            ChangeKind::Asset => "asset",
            ChangeKind::Generation => "generation",
            ChangeKind::Synced => "synced",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<Self> {
        [
            ChangeKind::Created,
            ChangeKind::Saved,
            ChangeKind::Patched,
            ChangeKind::Renamed,
            ChangeKind::Thumbnail,
            ChangeKind::Trashed,
            ChangeKind::Restored,
            ChangeKind::Purged,
            ChangeKind::Settings,
            ChangeKind::Profile,
            ChangeKind::Asset,
            ChangeKind::Generation,
            ChangeKind::Synced,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == value)
    }
}

/// One committed change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeEvent {
    /// Position in the store's change log; increases with every write.
    #[ts(type = "number")]
    pub seq: i64,
    pub kind: ChangeKind,
    #[ts(optional)]
    pub canvas_id: Option<String>,
    /// The canvas revision the write produced, for canvas changes.
    #[ts(optional, type = "number")]
    pub revision: Option<Revision>,
    #[ts(type = "number")]
    pub at: i64,
}
