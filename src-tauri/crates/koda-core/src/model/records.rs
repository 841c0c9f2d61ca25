//! Rows of the seed's `assets` and `generations` tables. The asset files themselves are handled
//! elsewhere; these are the descriptions the store keeps.

use super::{EpochMs, JsonText};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Kind of media an asset holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum AssetKind {
    Image,
    Video,
    Audio,
}

impl AssetKind {
    /// The value stored in `assets.type`.
    pub fn as_str(self) -> &'static str {
        match self {
            AssetKind::Image => "image",
            AssetKind::Video => "video",
            AssetKind::Audio => "audio",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "image" => Some(AssetKind::Image),
            "video" => Some(AssetKind::Video),
            "audio" => Some(AssetKind::Audio),
            _ => None,
        }
    }
}

/// One asset row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssetRecord {
    pub id: String,
    #[ts(optional)]
    pub canvas_id: Option<String>,
    #[ts(optional)]
    pub node_id: Option<String>,
    #[serde(rename = "type")]
    pub kind: AssetKind,
    #[ts(optional)]
    pub filename: Option<String>,
    #[ts(optional)]
    pub mime_type: Option<String>,
    #[ts(optional, type = "number")]
    pub size_bytes: Option<i64>,
    /// Remote URL (S3, a provider's CDN, …).
    #[ts(optional)]
    pub url: Option<String>,
    /// Key of the local copy (the file's SHA-256 on desktop, an IndexedDB key in the browser).
    #[ts(optional)]
    pub local_blob_key: Option<String>,
    #[ts(optional, type = "Record<string, unknown>")]
    pub metadata: Option<JsonText>,
    #[ts(type = "number")]
    pub created_at: EpochMs,
}

/// Where a generation is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum GenerationStatus {
    Pending,
    Processing,
    Completed,
    Failed,
}

impl GenerationStatus {
    /// The value stored in `generations.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            GenerationStatus::Pending => "pending",
            GenerationStatus::Processing => "processing",
            GenerationStatus::Completed => "completed",
            GenerationStatus::Failed => "failed",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "pending" => Some(GenerationStatus::Pending),
            "processing" => Some(GenerationStatus::Processing),
            "completed" => Some(GenerationStatus::Completed),
            "failed" => Some(GenerationStatus::Failed),
            _ => None,
        }
    }
}

/// One generation row (a model run, for history and retry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GenerationRecord {
    pub id: String,
    #[ts(optional)]
    pub canvas_id: Option<String>,
    #[ts(optional)]
    pub node_id: Option<String>,
    pub model: String,
    #[ts(optional)]
    pub prompt: Option<String>,
    #[ts(optional, type = "Record<string, unknown>")]
    pub parameters: Option<JsonText>,
    pub status: GenerationStatus,
    #[ts(optional)]
    pub result_asset_id: Option<String>,
    #[ts(optional)]
    pub error_message: Option<String>,
    #[ts(optional, type = "number")]
    pub duration_ms: Option<i64>,
    #[ts(type = "number")]
    pub created_at: EpochMs,
}
