//! Opening the database the configuration and Settings name.

use crate::choice::StorageChoice;
use koda_core::config::{Backend, StorageConfig};
use koda_core::{Secret, Store, StoreResult};
use koda_postgres::PgStore;
use koda_sqlite::SqliteStore;
use std::sync::Arc;

/// A PostgreSQL database to use. The URL holds a password, so it is a [`Secret`].
#[derive(Clone, Debug)]
pub struct PostgresSettings {
    pub url: Secret,
    pub schema: Option<String>,
}

impl PostgresSettings {
    /// The PostgreSQL database the environment or Settings name, if any. The environment wins.
    pub fn configured(config: &StorageConfig) -> StoreResult<Option<Self>> {
        if let Some(url) = &config.database_url {
            return Ok(Some(Self {
                url: url.clone(),
                schema: config.postgres_schema.clone(),
            }));
        }
        let choice = StorageChoice::load(&config.data_dir)?;
        Ok(choice.postgres_url(&config.data_dir)?.map(|url| Self {
            url: Secret::new(url),
            schema: choice.postgres_schema.clone(),
        }))
    }

    /// The configured server as people see it (password hidden) and its schema, without
    /// unsealing the saved URL: `storage.json` keeps the redacted form for this.
    pub fn shown(config: &StorageConfig) -> StoreResult<Option<(String, Option<String>)>> {
        if let Some(url) = &config.database_url {
            return Ok(Some((
                koda_postgres::redact_url(url.expose()),
                config.postgres_schema.clone(),
            )));
        }
        let choice = StorageChoice::load(&config.data_dir)?;
        Ok(choice
            .postgres_display_url
            .map(|shown| (shown, choice.postgres_schema)))
    }

    /// Connects as this install's person.
    pub fn connect(&self, config: &StorageConfig) -> StoreResult<PgStore> {
        let person = StorageChoice::person_id(&config.data_dir)?;
        PgStore::connect(self.url.expose(), self.schema.as_deref(), &person)
    }
}

/// The open store, with its concrete type for the features only one backend has (cloud sync
/// and file backups are SQLite's).
#[derive(Clone)]
pub enum OpenedStore {
    Sqlite(Arc<SqliteStore>),
    Postgres(Arc<PgStore>),
}

impl OpenedStore {
    /// The store behind the common traits.
    pub fn store(&self) -> Arc<dyn Store> {
        match self {
            OpenedStore::Sqlite(store) => Arc::clone(store) as Arc<dyn Store>,
            OpenedStore::Postgres(store) => Arc::clone(store) as Arc<dyn Store>,
        }
    }

    /// The SQLite store, when that is the backend.
    pub fn sqlite(&self) -> Option<&Arc<SqliteStore>> {
        match self {
            OpenedStore::Sqlite(store) => Some(store),
            OpenedStore::Postgres(_) => None,
        }
    }

    /// The SQLite store, or why `what` (work on the local database file: backups, cloud sync,
    /// doctor) cannot run here.
    pub fn require_sqlite(&self, what: &str) -> StoreResult<&Arc<SqliteStore>> {
        self.sqlite().ok_or_else(|| {
            koda_core::StoreError::Config(format!(
                "{what} works on the local SQLite database; this data folder uses PostgreSQL (use the server's own tools, e.g. pg_dump, or move the data back with `koda migrate-data --to sqlite` or Settings → Database)"
            ))
        })
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self {
            OpenedStore::Sqlite(_) => Backend::Sqlite,
            OpenedStore::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Which backend to use: the environment's when it names one, else the one chosen in Settings.
pub fn chosen_backend(config: &StorageConfig) -> StoreResult<Backend> {
    if config.backend_from_env {
        return Ok(config.backend);
    }
    Ok(StorageChoice::load(&config.data_dir)?.backend)
}

/// Opens the configured backend.
pub fn open_backend(config: &StorageConfig) -> StoreResult<OpenedStore> {
    match chosen_backend(config)? {
        Backend::Sqlite => Ok(OpenedStore::Sqlite(Arc::new(SqliteStore::open(
            &config.database,
        )?))),
        Backend::Postgres => {
            let settings = PostgresSettings::configured(config)?.ok_or_else(|| {
                koda_core::StoreError::Config(
                    "PostgreSQL is chosen but no database URL is saved; set DATABASE_URL or choose it again in Settings".into(),
                )
            })?;
            Ok(OpenedStore::Postgres(Arc::new(settings.connect(config)?)))
        }
    }
}
