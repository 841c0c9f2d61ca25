//! `koda migrate-data`: copies everything between SQLite and PostgreSQL with verification.

use crate::cli::{DataTarget, MigrateDataArgs};
use koda_backends::SqliteStore;
use koda_backends::{copy_everything, CopyPhase, PostgresSettings, StorageChoice};
use koda_core::config::{DatabaseLocation, StorageConfig};
use koda_core::{StoreError, StoreResult};

pub fn run(config: &StorageConfig, args: &MigrateDataArgs) -> StoreResult<String> {
    let postgres = match &args.database_url {
        Some(url) => PostgresSettings {
            url: koda_core::Secret::new(url.clone()),
            schema: args.schema.clone(),
        },
        None => PostgresSettings::configured(config)?.ok_or_else(|| {
            StoreError::Config(
                "no PostgreSQL database given: set DATABASE_URL or pass --database-url".into(),
            )
        })?,
    };
    let sqlite_location = match &args.sqlite_file {
        Some(path) => DatabaseLocation::File(path.clone()),
        None => config.database.clone(),
    };
    let sqlite = SqliteStore::open(&sqlite_location)?;
    let pg = postgres.connect(config)?;
    let (from, to): (&dyn koda_core::Store, &dyn koda_core::Store) = match args.to {
        DataTarget::Postgres => (&sqlite, &pg),
        DataTarget::Sqlite => (&pg, &sqlite),
    };
    let report = copy_everything(from, to, &mut |progress| {
        let label = match progress.phase {
            CopyPhase::Canvases => "copying",
            CopyPhase::Records => "asset and generation rows",
            CopyPhase::Settings => "settings",
            CopyPhase::Verifying => "verifying",
            CopyPhase::Done => "done",
        };
        eprintln!(
            "[{label} {}/{}] {}",
            progress.done,
            progress.total,
            progress.canvas_name.unwrap_or_default()
        );
    })?;
    let mut out = format!(
        "copied {} canvases ({} already there), {} nodes, {} edges, {} asset rows, {} generations; every canvas verified by count and checksum; the source is untouched",
        report.canvases, report.skipped, report.nodes, report.edges, report.assets, report.generations
    );
    if args.switch {
        let mut choice = StorageChoice::load(&config.data_dir)?;
        match args.to {
            DataTarget::Postgres => choice.set_postgres(
                &config.data_dir,
                postgres.url.expose(),
                postgres.schema.as_deref(),
            )?,
            DataTarget::Sqlite => choice.backend = koda_backends::Backend::Sqlite,
        }
        choice.save(&config.data_dir)?;
        out.push_str(&format!(
            "\nthis data folder now uses {}",
            match args.to {
                DataTarget::Postgres => "PostgreSQL",
                DataTarget::Sqlite => "the local SQLite file",
            }
        ));
    }
    Ok(out)
}
