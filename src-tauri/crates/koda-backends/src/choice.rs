//! `storage.json`: the backend picked in Settings, and the person's id for team databases.

use koda_core::config::Backend;
use koda_core::{StoreError, StoreResult};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// File in the data folder holding the choice.
pub const CHOICE_FILE: &str = "storage.json";

/// What `storage.json` holds. The URL is sealed (encrypted); `display_url` is the same URL with
/// its password replaced by `***`, for the UI.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StorageChoice {
    pub backend: Backend,
    pub postgres_url_sealed: Option<String>,
    pub postgres_display_url: Option<String>,
    pub postgres_schema: Option<String>,
    /// Who this install is on a shared database (`canvases.user_id`); made once, kept forever.
    pub person_id: Option<String>,
    /// The bucket asset files are uploaded to, when one was set in Settings.
    pub asset_storage: Option<crate::object_storage::SavedObjectStorage>,
}

fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(CHOICE_FILE)
}

impl StorageChoice {
    /// The saved choice; the default (SQLite) when none was saved.
    pub fn load(data_dir: &Path) -> StoreResult<Self> {
        match std::fs::read_to_string(path(data_dir)) {
            Ok(text) => serde_json::from_str(&text).map_err(|error| {
                StoreError::Config(format!(
                    "{CHOICE_FILE} in the data folder is damaged: {error}"
                ))
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => Err(error.into()),
        }
    }

    /// Writes the choice atomically (a temporary file renamed over the old one).
    pub fn save(&self, data_dir: &Path) -> StoreResult<()> {
        // Flushed with its folder: a crash right after a move to PostgreSQL must not leave the
        // app on the old database, or with no choice file at all.
        koda_secrets::durable::write_file(&path(data_dir), &serde_json::to_vec_pretty(self)?, true)
    }

    /// Chooses PostgreSQL at `url`, sealing the URL.
    pub fn set_postgres(
        &mut self,
        data_dir: &Path,
        url: &str,
        schema: Option<&str>,
    ) -> StoreResult<()> {
        self.backend = Backend::Postgres;
        self.postgres_url_sealed = Some(koda_secrets::sealed::seal(data_dir, url)?);
        self.postgres_display_url = Some(koda_postgres::redact_url(url));
        self.postgres_schema = schema.filter(|s| !s.is_empty()).map(str::to_owned);
        Ok(())
    }

    /// The saved PostgreSQL URL, unsealed.
    pub fn postgres_url(&self, data_dir: &Path) -> StoreResult<Option<String>> {
        self.postgres_url_sealed
            .as_deref()
            .map(|sealed| koda_secrets::sealed::open(data_dir, sealed))
            .transpose()
    }

    /// This install's person id, created and saved on first use.
    pub fn person_id(data_dir: &Path) -> StoreResult<String> {
        let mut choice = Self::load(data_dir)?;
        if let Some(id) = &choice.person_id {
            return Ok(id.clone());
        }
        let id = uuid::Uuid::new_v4().to_string();
        choice.person_id = Some(id.clone());
        choice.save(data_dir)?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_is_sealed_on_disk_and_redacted_for_display() {
        let dir = tempfile::tempdir().unwrap();
        let mut choice = StorageChoice::load(dir.path()).unwrap();
        assert_eq!(choice.backend, Backend::Sqlite);
        choice
            .set_postgres(dir.path(), "postgres://ann:pa55word@db/koda", Some("team"))
            .unwrap();
        choice.save(dir.path()).unwrap();
        let on_disk = std::fs::read_to_string(dir.path().join(CHOICE_FILE)).unwrap();
        assert!(!on_disk.contains("pa55word"), "{on_disk}");
        assert!(on_disk.contains("postgres://ann:***@db/koda"));
        let loaded = StorageChoice::load(dir.path()).unwrap();
        assert_eq!(
            loaded.postgres_url(dir.path()).unwrap().as_deref(),
            Some("postgres://ann:pa55word@db/koda")
        );
    }

    #[test]
    fn the_person_id_is_made_once() {
        let dir = tempfile::tempdir().unwrap();
        let first = StorageChoice::person_id(dir.path()).unwrap();
        assert_eq!(StorageChoice::person_id(dir.path()).unwrap(), first);
    }

    #[test]
    fn a_damaged_file_is_a_config_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CHOICE_FILE), "{not json").unwrap();
        assert_eq!(
            StorageChoice::load(dir.path()).unwrap_err().code(),
            "config"
        );
    }
}
