//! API keys for AI providers (`fal`, `openai`, `anthropic`, …). The environment wins (`FAL_KEY`,
//! as fal's own clients read it); then the OS keychain; then, where no keychain service runs, a
//! file in the data folder whose values are sealed. The file also lists which names live in the
//! keychain, since a keychain cannot be listed. Values never leave through `Debug`, errors or
//! [`ApiKeyInfo`].

use crate::{sealed, Secret};
use koda_core::{StoreError, StoreResult};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Environment variables that override a stored key, by key name.
pub const ENV_OVERRIDES: [(&str, &str); 3] = [
    ("fal", "FAL_KEY"),
    ("openai", "OPENAI_API_KEY"),
    ("anthropic", "ANTHROPIC_API_KEY"),
];

/// The keychain service name entries are filed under.
const SERVICE: &str = "koda-desktop";
const INDEX_FILE: &str = "api-keys.json";

/// Where a key is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum KeyLocation {
    /// The OS keychain (Secret Service, Keychain, Credential Manager).
    Keychain,
    /// The sealed file in the data folder (no keychain service was available).
    SealedFile,
    /// An environment variable, which overrides what is stored.
    Environment,
}

/// A key's name and where it is kept: never its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ApiKeyInfo {
    pub name: String,
    pub location: KeyLocation,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    /// Name → sealed value (file) or `None` (the value is in the keychain).
    keys: BTreeMap<String, Option<String>>,
}

/// The API key store of one data folder.
#[derive(Debug, Clone)]
pub struct ApiKeys {
    data_dir: PathBuf,
    /// Off in tests of the file fallback, and by `KODA_NO_KEYCHAIN=1`.
    use_keychain: bool,
}

impl ApiKeys {
    pub fn new(data_dir: &Path) -> Self {
        let use_keychain =
            std::env::var_os("KODA_NO_KEYCHAIN").is_none_or(|v| v.is_empty() || v == "0");
        Self {
            data_dir: data_dir.to_path_buf(),
            use_keychain,
        }
    }

    /// A store that never touches the OS keychain (the sealed file only).
    pub fn file_only(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
            use_keychain: false,
        }
    }

    /// Stores `value` under `name`, in the keychain when one answers, else sealed in the file.
    pub fn set(&self, name: &str, value: &Secret) -> StoreResult<KeyLocation> {
        check_name(name)?;
        if value.expose().trim().is_empty() {
            return Err(StoreError::invalid("key", "the key is empty"));
        }
        let mut index = self.read_index()?;
        let location = match self.keychain_set(name, value) {
            Ok(()) => {
                index.keys.insert(name.to_owned(), None);
                KeyLocation::Keychain
            }
            Err(why) => {
                if self.use_keychain {
                    tracing::warn!(%why, "no OS keychain; keeping the API key sealed in the data folder");
                }
                index.keys.insert(
                    name.to_owned(),
                    Some(sealed::seal(&self.data_dir, value.expose())?),
                );
                KeyLocation::SealedFile
            }
        };
        self.write_index(&index)?;
        Ok(location)
    }

    /// The key for `name`: the environment's, else the stored one; `None` when there is none.
    pub fn get(&self, name: &str) -> StoreResult<Option<Secret>> {
        if let Some(value) = env_override(name) {
            return Ok(Some(value));
        }
        let index = self.read_index()?;
        match index.keys.get(name) {
            Some(Some(sealed_value)) => Ok(Some(Secret::new(sealed::open(&self.data_dir, sealed_value)?))),
            Some(None) => self.keychain_get(name).map(Some).map_err(|why| {
                StoreError::Config(format!(
                    "the {name} key is in the OS keychain, which cannot be read now ({why}); unlock it or enter the key again"
                ))
            }),
            None => Ok(None),
        }
    }

    /// Every key's name and where it is kept (environment overrides included).
    pub fn list(&self) -> StoreResult<Vec<ApiKeyInfo>> {
        let index = self.read_index()?;
        let mut keys: BTreeMap<String, KeyLocation> = index
            .keys
            .iter()
            .map(|(name, sealed)| {
                let location = if sealed.is_some() {
                    KeyLocation::SealedFile
                } else {
                    KeyLocation::Keychain
                };
                (name.clone(), location)
            })
            .collect();
        for (name, _) in ENV_OVERRIDES {
            if env_override(name).is_some() {
                keys.insert(name.to_owned(), KeyLocation::Environment);
            }
        }
        Ok(keys
            .into_iter()
            .map(|(name, location)| ApiKeyInfo { name, location })
            .collect())
    }

    /// Removes a stored key; `Ok(false)` when there was none.
    pub fn remove(&self, name: &str) -> StoreResult<bool> {
        let mut index = self.read_index()?;
        let Some(sealed_value) = index.keys.remove(name) else {
            return Ok(false);
        };
        if sealed_value.is_none() {
            if let Err(why) = self
                .keychain_entry(name)
                .and_then(|e| e.delete_credential())
            {
                if !matches!(why, keyring::Error::NoEntry) {
                    return Err(StoreError::Config(format!(
                        "the OS keychain refused to remove the {name} key: {why}"
                    )));
                }
            }
        }
        self.write_index(&index)?;
        Ok(true)
    }

    fn keychain_entry(&self, name: &str) -> keyring::Result<keyring::Entry> {
        if !self.use_keychain {
            return Err(keyring::Error::NoStorageAccess(
                "the keychain is turned off".into(),
            ));
        }
        keyring::Entry::new(SERVICE, &format!("api-key:{name}"))
    }

    fn keychain_set(&self, name: &str, value: &Secret) -> keyring::Result<()> {
        let entry = self.keychain_entry(name)?;
        entry.set_password(value.expose())?;
        // Some stores accept a write they cannot read back (no unlocked collection): check.
        match entry.get_password() {
            Ok(back) if back == *value.expose() => Ok(()),
            Ok(_) => Err(keyring::Error::NoStorageAccess(
                "the keychain returned another value".into(),
            )),
            Err(error) => Err(error),
        }
    }

    fn keychain_get(&self, name: &str) -> keyring::Result<Secret> {
        self.keychain_entry(name)?.get_password().map(Secret::new)
    }

    fn index_path(&self) -> PathBuf {
        self.data_dir.join(INDEX_FILE)
    }

    fn read_index(&self) -> StoreResult<Index> {
        match std::fs::read(self.index_path()) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|_| {
                StoreError::Damaged(format!("{} is damaged", self.index_path().display()))
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Index::default()),
            Err(error) => Err(error.into()),
        }
    }

    fn write_index(&self, index: &Index) -> StoreResult<()> {
        crate::durable::write_file(&self.index_path(), &serde_json::to_vec_pretty(index)?, true)
    }
}

fn env_override(name: &str) -> Option<Secret> {
    let variable = ENV_OVERRIDES.iter().find(|(n, _)| *n == name)?.1;
    std::env::var(variable)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(Secret::new)
}

fn check_name(name: &str) -> StoreResult<()> {
    let ok = !name.is_empty()
        && name.len() <= 40
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "name",
            "a key name is 1–40 lower-case letters, digits, - or _ (e.g. fal)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_fallback_keeps_values_sealed() {
        let dir = tempfile::tempdir().unwrap();
        let keys = ApiKeys::file_only(dir.path());
        assert_eq!(
            keys.set("openai", &Secret::new("sk-test-value-1")).unwrap(),
            KeyLocation::SealedFile
        );
        assert_eq!(
            keys.get("openai").unwrap().unwrap().expose(),
            "sk-test-value-1"
        );
        let file = std::fs::read_to_string(dir.path().join(INDEX_FILE)).unwrap();
        assert!(!file.contains("sk-test-value-1"), "{file}");
        assert_eq!(
            keys.list().unwrap(),
            [ApiKeyInfo {
                name: "openai".into(),
                location: KeyLocation::SealedFile
            }]
        );
        assert!(keys.remove("openai").unwrap());
        assert!(keys.get("openai").unwrap().is_none());
        assert!(!keys.remove("openai").unwrap());
    }

    #[test]
    fn bad_names_and_empty_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let keys = ApiKeys::file_only(dir.path());
        assert!(keys.set("../fal", &Secret::new("x")).is_err());
        assert!(keys.set("fal", &Secret::new("  ")).is_err());
    }
}
