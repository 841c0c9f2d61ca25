//! Where Koda keeps its data and which backend it uses, from flags and environment variables.
//! Honours the seed's variables (`SQLITE_URL`, `NEXT_PUBLIC_STORAGE_BACKEND`) where they apply.

use crate::error::{StoreError, StoreResult};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// File name of the database inside the data directory.
pub const DATABASE_FILE: &str = "koda.db";

/// Which database a data folder uses: named by the environment or chosen in Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Backend {
    /// The embedded SQLite file (the default).
    #[default]
    Sqlite,
    /// A PostgreSQL server (`DATABASE_URL`), for teams and existing infrastructure.
    Postgres,
}

/// Where the SQLite database lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DatabaseLocation {
    File(PathBuf),
    /// In memory, lost when the process ends (`SQLITE_URL=:memory:`).
    Memory,
}

/// The resolved configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageConfig {
    pub backend: Backend,
    pub data_dir: PathBuf,
    pub database: DatabaseLocation,
    /// Whether the backend was named by the environment (it then overrides Settings).
    pub backend_from_env: bool,
    /// The seed's `DATABASE_URL` for the postgres backend. It holds a password: never
    /// serialised, never logged.
    #[serde(skip)]
    pub database_url: Option<crate::Secret>,
    /// `KODA_POSTGRES_SCHEMA`: the schema Koda's tables live in on a shared server.
    pub postgres_schema: Option<String>,
}

impl StorageConfig {
    /// Configuration for a data directory, with the database at its default place inside it.
    pub fn for_data_dir(data_dir: impl Into<PathBuf>) -> Self {
        let data_dir = data_dir.into();
        let database = DatabaseLocation::File(data_dir.join(DATABASE_FILE));
        Self {
            backend: Backend::Sqlite,
            data_dir,
            database,
            backend_from_env: false,
            database_url: None,
            postgres_schema: None,
        }
    }

    /// Resolves the configuration from an explicit data directory (a `--data-dir` flag) and the
    /// process environment.
    pub fn resolve(data_dir_flag: Option<&Path>) -> StoreResult<Self> {
        Self::resolve_with(data_dir_flag, |name| {
            std::env::var(name).ok().filter(|v| !v.is_empty())
        })
    }

    /// [`Self::resolve`] with the environment passed in, for tests.
    pub fn resolve_with(
        data_dir_flag: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> StoreResult<Self> {
        let backend_name =
            env("KODA_STORAGE_BACKEND").or_else(|| env("NEXT_PUBLIC_STORAGE_BACKEND"));
        let backend_from_env = backend_name.is_some();
        let backend = parse_backend(backend_name.as_deref())?;
        let data_dir = match data_dir_flag {
            Some(dir) => dir.to_path_buf(),
            None => match env("KODA_DATA_DIR") {
                Some(dir) => PathBuf::from(dir),
                None => default_data_dir()?,
            },
        };
        let database = match env("SQLITE_URL") {
            Some(url) => parse_sqlite_url(&url)?,
            None => DatabaseLocation::File(data_dir.join(DATABASE_FILE)),
        };
        let database_url = env("DATABASE_URL");
        if backend == Backend::Postgres && database_url.is_none() {
            return Err(StoreError::Config(
                "the postgres backend needs DATABASE_URL (postgres://user:password@host:5432/db)"
                    .into(),
            ));
        }
        Ok(Self {
            backend,
            data_dir,
            database,
            backend_from_env,
            database_url: database_url.map(crate::Secret::new),
            postgres_schema: env("KODA_POSTGRES_SCHEMA"),
        })
    }
}

/// The OS's per-user data directory for Koda (e.g. `~/.local/share/koda` on Linux).
pub fn default_data_dir() -> StoreResult<PathBuf> {
    directories::ProjectDirs::from("app", "Koda", "Koda")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            StoreError::Config(
                "no home directory found; pass --data-dir or set KODA_DATA_DIR".into(),
            )
        })
}

fn parse_backend(name: Option<&str>) -> StoreResult<Backend> {
    match name.map(str::to_ascii_lowercase).as_deref() {
        None | Some("sqlite") | Some("libsql") => Ok(Backend::Sqlite),
        Some("localstorage") => Err(StoreError::Config(
            "the localStorage backend exists only in the browser build; the desktop app and CLI use sqlite".into(),
        )),
        Some("postgres") | Some("postgresql") => Ok(Backend::Postgres),
        Some(other) => Err(StoreError::Config(format!("unknown storage backend '{other}'; expected 'sqlite' or 'postgres'"))),
    }
}

/// Reads the seed's `SQLITE_URL`: `file:PATH` (relative paths from the working directory, as the
/// web app does), a bare path, or `:memory:`.
pub fn parse_sqlite_url(url: &str) -> StoreResult<DatabaseLocation> {
    let url = url.trim();
    if url == ":memory:" || url == "file::memory:" {
        return Ok(DatabaseLocation::Memory);
    }
    if url.starts_with("libsql://") || url.starts_with("http://") || url.starts_with("https://") {
        return Err(StoreError::Config(format!(
            "SQLITE_URL '{url}' is a remote database; set it as the cloud sync URL instead"
        )));
    }
    let path = url
        .strip_prefix("file://")
        .or_else(|| url.strip_prefix("file:"))
        .unwrap_or(url);
    // `file:` URLs may carry query parameters (`?mode=ro`); Koda manages its own options.
    let path = path.split('?').next().unwrap_or(path);
    if path.is_empty() || path.contains('\0') {
        return Err(StoreError::Config(format!(
            "SQLITE_URL '{url}' does not name a file"
        )));
    }
    Ok(DatabaseLocation::File(PathBuf::from(path)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn resolve(flag: Option<&str>, vars: &[(&str, &str)]) -> StoreResult<StorageConfig> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        StorageConfig::resolve_with(flag.map(Path::new), |name| vars.get(name).cloned())
    }

    #[test]
    fn flag_beats_environment() {
        let config = resolve(Some("/flag"), &[("KODA_DATA_DIR", "/env")]).unwrap();
        assert_eq!(config.data_dir, PathBuf::from("/flag"));
        assert_eq!(
            config.database,
            DatabaseLocation::File(PathBuf::from("/flag/koda.db"))
        );
    }

    #[test]
    fn environment_sets_data_dir() {
        let config = resolve(None, &[("KODA_DATA_DIR", "/env")]).unwrap();
        assert_eq!(config.data_dir, PathBuf::from("/env"));
    }

    #[test]
    fn default_data_dir_is_the_os_one() {
        let config = resolve(None, &[]).unwrap();
        assert!(config.data_dir.is_absolute());
        assert!(config
            .data_dir
            .to_string_lossy()
            .to_lowercase()
            .contains("koda"));
    }

    #[test]
    fn sqlite_url_forms() {
        assert_eq!(
            parse_sqlite_url(":memory:").unwrap(),
            DatabaseLocation::Memory
        );
        assert_eq!(
            parse_sqlite_url("file:./data/koda.db").unwrap(),
            DatabaseLocation::File("./data/koda.db".into())
        );
        assert_eq!(
            parse_sqlite_url("file:/abs/k.db?mode=rwc").unwrap(),
            DatabaseLocation::File("/abs/k.db".into())
        );
        assert!(parse_sqlite_url("libsql://x.turso.io").is_err());
        let config = resolve(Some("/d"), &[("SQLITE_URL", ":memory:")]).unwrap();
        assert_eq!(config.database, DatabaseLocation::Memory);
    }

    #[test]
    fn backends() {
        assert_eq!(
            resolve(None, &[("NEXT_PUBLIC_STORAGE_BACKEND", "sqlite")])
                .unwrap()
                .backend,
            Backend::Sqlite
        );
        let error = resolve(None, &[("KODA_STORAGE_BACKEND", "mongo")]).unwrap_err();
        assert_eq!(error.code(), "config");
        assert!(error.to_string().contains("mongo"));
        // The Koda-specific variable wins over the seed's.
        assert!(resolve(
            None,
            &[
                ("KODA_STORAGE_BACKEND", "sqlite"),
                ("NEXT_PUBLIC_STORAGE_BACKEND", "x")
            ]
        )
        .is_ok());
        assert!(resolve(None, &[("KODA_STORAGE_BACKEND", "localStorage")]).is_err());
    }

    #[test]
    fn postgres_needs_a_url_which_is_never_serialised() {
        let error = resolve(None, &[("KODA_STORAGE_BACKEND", "postgres")]).unwrap_err();
        assert!(error.to_string().contains("DATABASE_URL"));
        let config = resolve(
            None,
            &[
                ("NEXT_PUBLIC_STORAGE_BACKEND", "postgres"),
                ("DATABASE_URL", "postgres://ann:s3cret@db/koda"),
            ],
        )
        .unwrap();
        assert_eq!(
            (config.backend, config.backend_from_env),
            (Backend::Postgres, true)
        );
        assert!(!serde_json::to_string(&config).unwrap().contains("s3cret"));
    }
}
