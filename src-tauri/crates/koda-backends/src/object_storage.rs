//! Which bucket holds this install's asset files, if any: the seed's variables (`ASSET_STORAGE`,
//! `S3_*`) win; otherwise what was saved in Settings, with the secret key sealed like the
//! PostgreSQL URL.

use crate::choice::StorageChoice;
use koda_core::config::StorageConfig;
use koda_core::{StoreError, StoreResult};
use koda_objects::{ObjectConfig, Provider, Secret};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The saved bucket settings (in `storage.json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SavedObjectStorage {
    pub provider: String,
    pub bucket: String,
    pub region: String,
    pub endpoint: Option<String>,
    pub access_key: String,
    pub secret_key_sealed: String,
    pub prefix: String,
}

/// Reads a provider name as Settings and `ASSET_STORAGE` spell it.
pub fn parse_provider(name: &str) -> StoreResult<Provider> {
    match name.trim().to_ascii_lowercase().as_str() {
        "s3" => Ok(Provider::S3),
        "r2" => Ok(Provider::R2),
        "supabase" => Ok(Provider::Supabase),
        other => Err(StoreError::Config(format!(
            "storage provider '{other}' is not known; use s3, r2 or supabase"
        ))),
    }
}

/// Whether the environment chooses the asset storage (then Settings cannot change it).
pub fn object_storage_from_env() -> bool {
    std::env::var("ASSET_STORAGE").is_ok_and(|v| !v.trim().is_empty())
}

/// The bucket to use, if any.
pub fn configured_object_storage(config: &StorageConfig) -> StoreResult<Option<ObjectConfig>> {
    if object_storage_from_env() {
        return ObjectConfig::from_env();
    }
    let choice = StorageChoice::load(&config.data_dir)?;
    let Some(saved) = choice.asset_storage else {
        return Ok(None);
    };
    let secret = koda_secrets::sealed::open(&config.data_dir, &saved.secret_key_sealed)?;
    let object_config = ObjectConfig {
        provider: parse_provider(&saved.provider)?,
        bucket: saved.bucket,
        region: saved.region,
        endpoint: saved.endpoint,
        access_key: saved.access_key,
        secret_key: Secret::new(secret),
        prefix: saved.prefix,
    };
    object_config.validate()?;
    Ok(Some(object_config))
}

/// Saves (or, with `None`, forgets) the bucket settings.
pub fn save_object_storage(
    data_dir: &Path,
    object_config: Option<&ObjectConfig>,
) -> StoreResult<()> {
    let mut choice = StorageChoice::load(data_dir)?;
    choice.asset_storage = match object_config {
        None => None,
        Some(c) => {
            c.validate()?;
            Some(SavedObjectStorage {
                provider: c.provider.as_str().to_owned(),
                bucket: c.bucket.clone(),
                region: c.region.clone(),
                endpoint: c.endpoint.clone(),
                access_key: c.access_key.clone(),
                secret_key_sealed: koda_secrets::sealed::seal(data_dir, c.secret_key.expose())?,
                prefix: c.prefix.clone(),
            })
        }
    };
    choice.save(data_dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_sealed_on_disk_and_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let config = ObjectConfig {
            provider: Provider::R2,
            bucket: "art".into(),
            region: "auto".into(),
            endpoint: Some("https://acct.r2.example".into()),
            access_key: "AKIDEXAMPLE".into(),
            secret_key: Secret::new("wJalrXUtnFEMI-very-secret"),
            prefix: "koda/".into(),
        };
        save_object_storage(dir.path(), Some(&config)).unwrap();
        let on_disk = std::fs::read_to_string(dir.path().join(crate::choice::CHOICE_FILE)).unwrap();
        assert!(!on_disk.contains("very-secret"), "{on_disk}");
        let storage = StorageConfig::for_data_dir(dir.path());
        assert_eq!(configured_object_storage(&storage).unwrap(), Some(config));
        save_object_storage(dir.path(), None).unwrap();
        assert_eq!(configured_object_storage(&storage).unwrap(), None);
    }
}
