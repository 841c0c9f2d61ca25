//! `ObjectConfig`: which bucket, where, with which keys. Read from the seed's variables
//! (`ASSET_STORAGE`, `S3_BUCKET`, `S3_REGION`, `S3_ACCESS_KEY`, `S3_SECRET_KEY`, `S3_ENDPOINT`).

use koda_core::Secret;
use koda_core::{StoreError, StoreResult};
use serde::Serialize;

/// Where object keys start unless told otherwise, so Koda can share a bucket with other data.
pub const DEFAULT_PREFIX: &str = "koda/";

/// Which S3-compatible service holds the bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Amazon S3, or any S3-compatible server given an endpoint.
    S3,
    /// Cloudflare R2: needs the account's endpoint; region `auto`.
    R2,
    /// Supabase Storage's S3 protocol: needs the project's storage endpoint.
    Supabase,
}

impl Provider {
    /// The value of `ASSET_STORAGE` naming this provider.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::S3 => "s3",
            Provider::R2 => "r2",
            Provider::Supabase => "supabase",
        }
    }

    fn default_region(self) -> &'static str {
        match self {
            Provider::R2 => "auto",
            Provider::S3 | Provider::Supabase => "us-east-1",
        }
    }

    /// AWS finds its endpoint from the region; the others have no default host.
    fn needs_endpoint(self) -> bool {
        self != Provider::S3
    }
}

/// Everything needed to reach a bucket. `Debug` shows the secret as `***`; `Serialize` leaves it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectConfig {
    pub provider: Provider,
    pub bucket: String,
    pub region: String,
    /// `http(s)://host[:port][/path]`; `None` means AWS's own endpoint for the region.
    pub endpoint: Option<String>,
    pub access_key: String,
    /// Never serialised: it reaches the UI or a file only sealed.
    #[serde(skip)]
    pub secret_key: Secret,
    /// Prepended to every key; empty, or ends with `/` (see [`normalize_prefix`]).
    pub prefix: String,
}

impl ObjectConfig {
    /// Reads the process environment; `Ok(None)` when assets stay local.
    pub fn from_env() -> StoreResult<Option<Self>> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Reads the variables through `get` (tests and settings screens pass their own source).
    /// `ASSET_STORAGE` unset, empty or `local` means no object storage: `Ok(None)`.
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> StoreResult<Option<Self>> {
        let value = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let provider = match value("ASSET_STORAGE").map(|v| v.to_ascii_lowercase()) {
            None => return Ok(None),
            Some(kind) => match kind.as_str() {
                "local" => return Ok(None),
                "s3" => Provider::S3,
                "r2" => Provider::R2,
                "supabase" => Provider::Supabase,
                other => {
                    return Err(StoreError::Config(format!(
                        "ASSET_STORAGE={other:?} is not known; use local, s3, r2 or supabase"
                    )))
                }
            },
        };
        let required = |name: &str| {
            value(name).ok_or_else(|| {
                StoreError::Config(format!(
                    "ASSET_STORAGE={} needs {name} to be set",
                    provider.as_str()
                ))
            })
        };
        let endpoint = if provider.needs_endpoint() {
            Some(required("S3_ENDPOINT")?)
        } else {
            value("S3_ENDPOINT")
        };
        let config = ObjectConfig {
            provider,
            bucket: required("S3_BUCKET")?,
            region: value("S3_REGION").unwrap_or_else(|| provider.default_region().to_owned()),
            endpoint,
            access_key: required("S3_ACCESS_KEY")?,
            secret_key: Secret::new(required("S3_SECRET_KEY")?),
            prefix: DEFAULT_PREFIX.to_owned(),
        };
        config.validate()?;
        Ok(Some(config))
    }

    /// Checks the values a person could get wrong, naming the variable at fault (and quoting
    /// the value, unless it holds the secret, pasted into the wrong place).
    pub fn validate(&self) -> StoreResult<()> {
        self.check_values()
            .map_err(|error| self.secret_key.scrub_error(error))
    }

    fn check_values(&self) -> StoreResult<()> {
        if let Some(endpoint) = &self.endpoint {
            let scheme_ok = endpoint.starts_with("https://") || endpoint.starts_with("http://");
            if !scheme_ok || endpoint.contains(char::is_whitespace) {
                return Err(StoreError::Config(format!(
                    "S3_ENDPOINT={endpoint:?} is not an http:// or https:// URL"
                )));
            }
        } else if self.provider.needs_endpoint() {
            return Err(StoreError::Config(format!(
                "{} storage needs S3_ENDPOINT to be set",
                self.provider.as_str()
            )));
        }
        if !valid_bucket_name(&self.bucket) {
            return Err(StoreError::Config(format!(
                "S3_BUCKET={:?} is not a bucket name (letters, digits, '.', '_' and '-')",
                self.bucket
            )));
        }
        normalize_prefix(&self.prefix)?;
        Ok(())
    }

    /// Where requests go, for messages: the endpoint, or AWS and the region.
    pub fn endpoint_label(&self) -> String {
        match &self.endpoint {
            Some(endpoint) => endpoint.clone(),
            None => format!("AWS S3 ({})", self.region),
        }
    }
}

/// `prefix` as keys use it: no leading `/`, and a trailing `/` unless empty. Refuses `..` and
/// empty segments, which S3-compatible services treat differently from each other.
pub fn normalize_prefix(prefix: &str) -> StoreResult<String> {
    let trimmed = prefix.trim_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let bad_segment = trimmed
        .split('/')
        .any(|segment| segment.is_empty() || segment == "." || segment == "..");
    if bad_segment || trimmed.chars().any(char::is_control) {
        return Err(StoreError::Config(format!(
            "the key prefix {prefix:?} is not a plain folder path"
        )));
    }
    Ok(format!("{trimmed}/"))
}

/// S3 and R2 allow lowercase letters, digits, `.` and `-`; Supabase bucket ids also allow
/// capitals and `_`. The loosest common rule is checked here; the service has the last word.
fn valid_bucket_name(name: &str) -> bool {
    (1..=100).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn local_or_unset_means_none() {
        assert_eq!(ObjectConfig::from_env_with(env(&[])).unwrap(), None);
        let local = env(&[("ASSET_STORAGE", "local"), ("S3_BUCKET", "b")]);
        assert_eq!(ObjectConfig::from_env_with(local).unwrap(), None);
    }

    #[test]
    fn reads_s3_with_defaults() {
        let config = ObjectConfig::from_env_with(env(&[
            ("ASSET_STORAGE", "s3"),
            ("S3_BUCKET", "koda-assets"),
            ("S3_ACCESS_KEY", "AKIA123"),
            ("S3_SECRET_KEY", "shh-secret"),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(config.provider, Provider::S3);
        assert_eq!(config.region, "us-east-1");
        assert_eq!(config.endpoint, None);
        assert_eq!(config.prefix, "koda/");
        assert_eq!(config.secret_key.expose(), "shh-secret");
        let shown = format!("{config:?}");
        assert!(!shown.contains("shh-secret"), "{shown}");
        let json = serde_json::to_string(&config).unwrap();
        assert!(!json.contains("shh-secret"), "{json}");
        assert!(!json.contains("secretKey"), "{json}");
    }

    #[test]
    fn r2_needs_an_endpoint_and_defaults_to_auto() {
        let base = [
            ("ASSET_STORAGE", "r2"),
            ("S3_BUCKET", "koda"),
            ("S3_ACCESS_KEY", "a"),
            ("S3_SECRET_KEY", "s"),
        ];
        let error = ObjectConfig::from_env_with(env(&base)).unwrap_err();
        assert_eq!(error.code(), "config");
        assert!(error.to_string().contains("S3_ENDPOINT"), "{error}");
        let mut with_endpoint = base.to_vec();
        with_endpoint.push(("S3_ENDPOINT", "https://account.example.com"));
        let config = ObjectConfig::from_env_with(env(&with_endpoint))
            .unwrap()
            .unwrap();
        assert_eq!(config.region, "auto");
    }

    #[test]
    fn names_the_missing_variable() {
        for missing in ["S3_BUCKET", "S3_ACCESS_KEY", "S3_SECRET_KEY"] {
            let pairs: Vec<(&str, &str)> = [
                ("ASSET_STORAGE", "s3"),
                ("S3_BUCKET", "koda"),
                ("S3_ACCESS_KEY", "a"),
                ("S3_SECRET_KEY", "s"),
            ]
            .into_iter()
            .filter(|(name, _)| *name != missing)
            .collect();
            let error = ObjectConfig::from_env_with(env(&pairs)).unwrap_err();
            assert!(error.to_string().contains(missing), "{error}");
        }
        let error = ObjectConfig::from_env_with(env(&[("ASSET_STORAGE", "ftp")])).unwrap_err();
        assert!(error.to_string().contains("ASSET_STORAGE"), "{error}");
    }

    #[test]
    fn prefixes_are_folder_paths() {
        assert_eq!(normalize_prefix("koda").unwrap(), "koda/");
        assert_eq!(normalize_prefix("/a/b/").unwrap(), "a/b/");
        assert_eq!(normalize_prefix("").unwrap(), "");
        assert!(normalize_prefix("a/../b").is_err());
        assert!(normalize_prefix("a//b").is_err());
    }
}
