//! `koda sync …`: cloud sync from the command line.

use crate::cli::SyncCommand;
use koda_backends::SqliteStore;
use koda_core::config::StorageConfig;
use koda_core::{StoreError, StoreResult};
use koda_sync::SyncEngine;
use std::io::Read;
use std::sync::Arc;

pub fn run(
    store: &Arc<SqliteStore>,
    config: &StorageConfig,
    command: SyncCommand,
) -> StoreResult<String> {
    let engine = SyncEngine::new(Arc::clone(store), &config.data_dir);
    match command {
        SyncCommand::Status => {
            let state = if engine.is_enabled()? { "on" } else { "off" };
            let url = engine.url()?.unwrap_or_else(|| "(none)".into());
            let token = if engine.has_token()? {
                "stored (encrypted)"
            } else {
                "none"
            };
            Ok(format!(
                "sync      {state}\naddress   {url}\ntoken     {token}\npending   {} local change(s)\ndevice    {}",
                engine.pending()?,
                engine.device_id()?
            ))
        }
        SyncCommand::Enable { url, token_stdin } => {
            let token = if token_stdin {
                let mut token = String::new();
                std::io::stdin().read_to_string(&mut token)?;
                Some(token.trim().to_owned())
            } else {
                std::env::var("TURSO_AUTH_TOKEN").ok()
            };
            engine.enable(&url, token.as_deref())?;
            Ok(format!(
                "sync is on: {} local change(s) queued for {url}",
                engine.pending()?
            ))
        }
        SyncCommand::Disable => engine
            .disable()
            .map(|()| "sync is off; local data is unchanged".into()),
        SyncCommand::History { canvas, json } => {
            let entries = engine.history(&canvas)?;
            if json {
                return Ok(serde_json::to_string_pretty(&entries)?);
            }
            if entries.is_empty() {
                return Ok("no replaced versions".into());
            }
            let lines: Vec<String> = entries
                .iter()
                .map(|e| format!("{:>6}  {:<7} {:<38} {}", e.id, e.entity, e.row_id, e.reason))
                .collect();
            Ok(format!(
                "{:>6}  {:<7} {:<38} REASON\n{}",
                "ENTRY",
                "KIND",
                "ROW",
                lines.join("\n")
            ))
        }
        SyncCommand::Restore { entry } => {
            let restored = engine.restore_history(entry)?;
            Ok(format!(
                "restored {} {} from history entry {entry}",
                restored.entity, restored.row_id
            ))
        }
        SyncCommand::Now => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| StoreError::Io(e.to_string()))?;
            let report = runtime.block_on(engine.sync_once())?;
            Ok(format!(
                "synced: pulled {} (applied {}), pushed {}, {} conflict(s) kept in history",
                report.pulled, report.applied, report.pushed, report.conflicts
            ))
        }
    }
}
