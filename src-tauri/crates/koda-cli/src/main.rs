//! `koda`: the command line over Koda's storage core.

mod cli;
mod commands;

use clap::Parser;
use cli::{Cli, Command};
use koda_core::config::StorageConfig;
use koda_core::fixtures::grid_canvas;
use koda_core::StoreResult;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Warnings and errors also go to `<data dir>/logs/koda.*.log`, beside the app's.
    let _logs = StorageConfig::resolve(cli.data_dir.as_deref())
        .ok()
        .and_then(|config| koda_backends::logs::init(&config.data_dir, "koda", false));
    let command = cli.command.name();
    match run(cli) {
        Ok((text, healthy)) => {
            if !text.is_empty() {
                println!("{text}");
            }
            if healthy {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(error) => {
            tracing::warn!(code = error.code(), %error, "koda {command} failed");
            eprintln!("error[{}]: {error}", error.code());
            ExitCode::from(1)
        }
    }
}

/// Runs a command; returns what to print and whether it succeeded.
fn run(cli: Cli) -> StoreResult<(String, bool)> {
    // Commands that need no database first.
    match &cli.command {
        Command::Bench(args) => return commands::bench::run(args).map(|text| (text, true)),
        Command::BenchSearch { canvases, nodes } => {
            return commands::search_bench::run(*canvases, *nodes).map(|text| (text, true));
        }
        Command::BenchThumbnails { json } => {
            return commands::thumbnail_bench::run(*json).map(|text| (text, true))
        }
        Command::Keys(command) => {
            let config = StorageConfig::resolve(cli.data_dir.as_deref())?;
            return commands::keys::run(&config, command.clone()).map(|text| (text, true));
        }
        Command::Restore { file } => {
            // Before the store is opened: the database it would open is the one being replaced.
            let config = StorageConfig::resolve(cli.data_dir.as_deref())?;
            return commands::backup::restore(&config, file).map(|text| (text, true));
        }
        Command::GenFixture { nodes, output } => {
            let canvas = grid_canvas(&format!("Fixture ({nodes} nodes)"), *nodes);
            commands::write_output(output.as_deref(), &serde_json::to_string(&canvas)?)?;
            return Ok((String::new(), true));
        }
        _ => {}
    }
    let config = StorageConfig::resolve(cli.data_dir.as_deref())?;
    // Commands that choose their own databases.
    match cli.command {
        Command::MigrateData(args) => {
            return commands::migrate_data::run(&config, &args).map(|text| (text, true))
        }
        Command::Storage(command) => {
            return commands::storage::run(&config, command).map(|text| (text, true))
        }
        _ => {}
    }
    let opened = commands::open_store(&config)?;
    let store = &*opened.store();
    match cli.command {
        Command::Migrate => Ok((commands::doctor::migrate(&opened), true)),
        Command::Doctor { json } => {
            if let koda_backends::OpenedStore::Postgres(pg) = &opened {
                return commands::doctor::run_postgres(pg, json);
            }
            let sqlite = opened.require_sqlite("koda doctor")?;
            commands::doctor::run(
                sqlite,
                &commands::open_assets(&config, &opened)?,
                &config,
                json,
            )
        }
        Command::Sync(command) => {
            let sqlite = opened.require_sqlite("cloud sync")?;
            commands::sync::run(sqlite, &config, command).map(|text| (text, true))
        }
        Command::Asset(command) => commands::asset::run(
            store,
            &commands::open_assets(&config, &opened)?,
            &config,
            command,
        )
        .map(|text| (text, true)),
        Command::Canvas(cli::CanvasCommand::Purge { id }) => {
            let freed = commands::open_assets(&config, &opened)?.purge_canvas(&id)?;
            Ok((
                format!("deleted {id} for good; freed {freed} bytes of asset files"),
                true,
            ))
        }
        // One import path: `koda canvas import` is `koda import` of one file.
        Command::Canvas(cli::CanvasCommand::Import { file }) => {
            commands::transfer::import(store, &commands::open_assets(&config, &opened)?, &[file])
                .map(|text| (text, true))
        }
        Command::Canvas(command) => commands::canvas::run(store, command).map(|text| (text, true)),
        Command::Import { files } => {
            commands::transfer::import(store, &commands::open_assets(&config, &opened)?, &files)
                .map(|text| (text, true))
        }
        Command::Export { id, format, output } => commands::transfer::export(
            store,
            &commands::open_assets(&config, &opened)?,
            &id,
            format,
            &output,
        )
        .map(|text| (text, true)),
        Command::Backup { file } => {
            let sqlite = opened.require_sqlite("koda backup")?;
            commands::backup::backup(sqlite, &config, file.as_deref()).map(|text| (text, true))
        }
        Command::Generate { canvas, node, json } => {
            let runner = commands::generate::runner(&config, &opened)?;
            commands::generate::generate(&runner, &canvas, &node, json)
        }
        Command::Search {
            query,
            json,
            limit,
            trash,
        } => commands::history::search(store, &query, limit, trash, json).map(|t| (t, true)),
        Command::History(command) => commands::history::run(store, command).map(|t| (t, true)),
        Command::Generations(command) => {
            let runner = commands::generate::runner(&config, &opened)?;
            commands::generate::generations(&runner, store, command)
        }
        Command::MigrateData(_) | Command::Storage(_) | Command::Keys(_) => {
            unreachable!("handled above")
        }
        Command::Bench(_)
        | Command::BenchThumbnails { .. }
        | Command::BenchSearch { .. }
        | Command::GenFixture { .. }
        | Command::Restore { .. } => {
            unreachable!("handled above")
        }
    }
}
