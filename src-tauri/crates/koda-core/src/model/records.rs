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
    /// Recorded, not yet accepted by the provider (waiting, or offline).
    Pending,
    /// The provider accepted it: its request id is stored.
    Submitted,
    Processing,
    Completed,
    Failed,
    Canceled,
}

impl GenerationStatus {
    /// The value stored in `generations.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            GenerationStatus::Pending => "pending",
            GenerationStatus::Submitted => "submitted",
            GenerationStatus::Processing => "processing",
            GenerationStatus::Completed => "completed",
            GenerationStatus::Failed => "failed",
            GenerationStatus::Canceled => "canceled",
        }
    }

    /// Whether the run is still going (queued, sent or running).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            GenerationStatus::Pending | GenerationStatus::Submitted | GenerationStatus::Processing
        )
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "pending" => Some(GenerationStatus::Pending),
            "submitted" => Some(GenerationStatus::Submitted),
            "processing" => Some(GenerationStatus::Processing),
            "completed" => Some(GenerationStatus::Completed),
            "failed" => Some(GenerationStatus::Failed),
            "canceled" => Some(GenerationStatus::Canceled),
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
    /// What following the run needs (provider, request id, queue addresses, results); stored as
    /// JSON in `generations.run`. Absent on rows written before runs were queued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub run: Option<GenerationRun>,
}

/// A run's provider-side state, written the moment each part is known so that a run interrupted
/// by a crash is followed (never sent a second time) when Koda starts again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GenerationRun {
    /// `fal`.
    pub provider: String,
    /// The provider's model endpoint, e.g. `fal-ai/flux/schnell`.
    pub endpoint: String,
    /// Set just before the request leaves; a run with this but no `requestId` may have reached
    /// the provider, so it is never sent again on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub sending_at: Option<EpochMs>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub response_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cancel_url: Option<String>,
    /// Place in the provider's queue, last reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub queue_position: Option<u32>,
    /// The error code of a failed run (`bad_key`, `input_refused`, …), beside its message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error_code: Option<String>,
    /// Every output stored, in order (`resultAssetId` is the first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub result_asset_ids: Vec<String>,
    /// The output files' provider addresses, kept beside the local copies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output_urls: Vec<String>,
    /// Estimated cost in US dollars, from the model catalog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cost_usd: Option<f64>,
    /// How many times the request was sent (1, or more after an explicit retry).
    #[serde(default)]
    pub attempts: u32,
}

/// Top-level fields of one node's data to replace (a run's outputs), merged into what is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeDataUpdate {
    pub canvas_id: String,
    pub node_id: String,
    pub fields: serde_json::Map<String, serde_json::Value>,
}
