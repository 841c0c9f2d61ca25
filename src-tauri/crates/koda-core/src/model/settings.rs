//! User settings and the local profile (the seed's `user_settings` and `users` tables).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Colour scheme of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Theme {
    #[default]
    Dark,
    Light,
    System,
}

impl Theme {
    /// The value stored in `user_settings.theme`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::Light => "light",
            Theme::System => "system",
        }
    }

    /// Reads a stored value; anything unrecognised falls back to the default (dark).
    pub fn parse(value: &str) -> Self {
        match value {
            "light" => Theme::Light,
            "system" => Theme::System,
            _ => Theme::Dark,
        }
    }
}

/// How the canvas editor behaves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct CanvasPreferences {
    pub snap_to_grid: bool,
    pub grid_size: u32,
    pub show_minimap: bool,
}

impl Default for CanvasPreferences {
    fn default() -> Self {
        Self {
            snap_to_grid: true,
            grid_size: 16,
            show_minimap: true,
        }
    }
}

/// Every user preference, typed. Missing fields read as their defaults, so settings written by an
/// older version load unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Settings {
    pub theme: Theme,
    #[ts(optional)]
    pub default_image_model: Option<String>,
    #[ts(optional)]
    pub default_video_model: Option<String>,
    pub canvas: CanvasPreferences,
    /// How many automatic backups to keep.
    pub backups_to_keep: u32,
    pub generation: GenerationPreferences,
    /// How long versions of each canvas are kept.
    pub history: HistorySettings,
}

/// Version history retention: everything for `keep_all_hours`, then one version an hour until
/// `hourly_days`, then one a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct HistorySettings {
    pub keep_all_hours: u32,
    pub hourly_days: u32,
}

impl Default for HistorySettings {
    fn default() -> Self {
        Self {
            keep_all_hours: 24,
            hourly_days: 30,
        }
    }
}

/// How runs go: how many at once, a monthly spending cap, the default model per node type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct GenerationPreferences {
    /// Runs sent to the provider at once (Run all, several Generate clicks).
    pub parallel_runs: u32,
    /// New runs are refused once this month's estimated spend would pass it; `None`: no cap.
    #[ts(optional)]
    pub monthly_cap_usd: Option<f64>,
    /// Node type (`imageGenerator`, …) → model id, for nodes that name no model.
    pub default_models: std::collections::BTreeMap<String, String>,
}

impl Default for GenerationPreferences {
    fn default() -> Self {
        Self {
            parallel_runs: 3,
            monthly_cap_usd: None,
            default_models: std::collections::BTreeMap::new(),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: Theme::Dark,
            default_image_model: None,
            default_video_model: None,
            canvas: CanvasPreferences::default(),
            backups_to_keep: 7,
            generation: GenerationPreferences::default(),
            history: HistorySettings::default(),
        }
    }
}

/// The person using this install (the seed's `users` row for the local user).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Profile {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub avatar_url: Option<String>,
}
