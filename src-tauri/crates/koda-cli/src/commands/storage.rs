//! `koda storage`: which database the data folder uses.

use crate::cli::StorageCommand;
use koda_backends::{chosen_backend, Backend, StorageChoice};
use koda_core::config::StorageConfig;
use koda_core::{StoreError, StoreResult};
use std::io::Read;

pub fn run(config: &StorageConfig, command: StorageCommand) -> StoreResult<String> {
    match command {
        StorageCommand::Status => status(config),
        StorageCommand::UseSqlite => {
            let mut choice = StorageChoice::load(&config.data_dir)?;
            choice.backend = Backend::Sqlite;
            choice.save(&config.data_dir)?;
            Ok("this data folder now uses the local SQLite file".into())
        }
        StorageCommand::UsePostgres { schema, url_stdin } => {
            let url = if url_stdin {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text)?;
                text.trim().to_owned()
            } else {
                config
                    .database_url
                    .as_ref()
                    .map(|url| url.expose().clone())
                    .ok_or_else(|| {
                        StoreError::Config("set DATABASE_URL or pass --url-stdin".into())
                    })?
            };
            // Check it works before saving it.
            let settings = koda_backends::PostgresSettings {
                url: koda_core::Secret::new(url.clone()),
                schema: schema.clone(),
            };
            let store = settings.connect(config)?;
            let mut choice = StorageChoice::load(&config.data_dir)?;
            choice.set_postgres(&config.data_dir, &url, schema.as_deref())?;
            choice.save(&config.data_dir)?;
            Ok(format!(
                "this data folder now uses PostgreSQL at {} (schema '{}')",
                koda_backends::redact_url(&url),
                store.schema()
            ))
        }
    }
}

fn status(config: &StorageConfig) -> StoreResult<String> {
    let backend = chosen_backend(config)?;
    let source = if config.backend_from_env {
        "from the environment"
    } else {
        "from Settings"
    };
    Ok(match backend {
        Backend::Sqlite => format!(
            "backend: sqlite ({source})\nfile: {}",
            match &config.database {
                koda_core::config::DatabaseLocation::File(path) => path.display().to_string(),
                koda_core::config::DatabaseLocation::Memory => ":memory:".into(),
            }
        ),
        Backend::Postgres => {
            let settings = koda_backends::PostgresSettings::configured(config)?;
            format!(
                "backend: postgres ({source})\nserver: {}\nschema: {}\nperson: {}",
                settings
                    .as_ref()
                    .map_or("(none saved)".into(), |s| koda_backends::redact_url(
                        s.url.expose()
                    )),
                settings
                    .and_then(|s| s.schema)
                    .unwrap_or_else(|| "public".into()),
                StorageChoice::person_id(&config.data_dir)?
            )
        }
    })
}
