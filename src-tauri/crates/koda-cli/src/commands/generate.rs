//! `koda generate` and `koda generations …`: the app's run queue, headless.

use crate::cli::GenerationsCommand;
use koda_backends::OpenedStore;
use koda_core::config::StorageConfig;
use koda_core::{GenerationRecord, Store, StoreResult};
use koda_generate::{Runner, RunnerConfig};
use koda_secrets::ApiKeys;
use serde::Serialize;
use std::sync::Arc;

/// The runner for this data folder (fal's queue from `KODA_FAL_QUEUE_URL`, else fal's own).
pub fn runner(config: &StorageConfig, opened: &OpenedStore) -> StoreResult<Runner> {
    let assets = Arc::new(super::open_assets(config, opened)?);
    Ok(Runner::new(
        opened.store(),
        assets,
        ApiKeys::new(&config.data_dir),
        RunnerConfig::from_env(),
    ))
}

/// A run as the CLI prints it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunLine {
    id: String,
    canvas_id: Option<String>,
    node_id: Option<String>,
    model: String,
    prompt: Option<String>,
    status: String,
    duration_ms: Option<i64>,
    error_message: Option<String>,
    error_code: Option<String>,
    result_asset_ids: Vec<String>,
    cost_usd: Option<f64>,
    created_at: i64,
}

fn line(g: &GenerationRecord) -> RunLine {
    let run = g.run.clone().unwrap_or_default();
    RunLine {
        id: g.id.clone(),
        canvas_id: g.canvas_id.clone(),
        node_id: g.node_id.clone(),
        model: g.model.clone(),
        prompt: g.prompt.clone(),
        status: g.status.as_str().to_owned(),
        duration_ms: g.duration_ms,
        error_message: g.error_message.clone(),
        error_code: run.error_code,
        result_asset_ids: run.result_asset_ids,
        cost_usd: run.cost_usd,
        created_at: g.created_at,
    }
}

fn text(g: &GenerationRecord) -> String {
    let l = line(g);
    let mut out = format!(
        "{}  {:<10} {:<16} {}",
        l.id,
        l.status,
        l.model,
        l.prompt.unwrap_or_default()
    );
    if let Some(ms) = l.duration_ms {
        out.push_str(&format!("  ({:.1} s)", ms as f64 / 1000.0));
    }
    if let Some(error) = l.error_message {
        out.push_str(&format!("\n    {error}"));
    }
    out
}

/// Runs one node and waits; exits 1 when the run failed.
pub fn generate(
    runner: &Runner,
    canvas: &str,
    node: &str,
    json: bool,
) -> StoreResult<(String, bool)> {
    let queued = runner.enqueue(canvas, node)?;
    eprintln!("run {} queued ({})", queued.id, queued.model);
    let done = runner.drive(&queued.id)?;
    let ok = done.status == koda_core::GenerationStatus::Completed;
    let printed = if json {
        serde_json::to_string_pretty(&line(&done))?
    } else {
        text(&done)
    };
    Ok((printed, ok))
}

pub fn generations(
    runner: &Runner,
    store: &dyn Store,
    command: GenerationsCommand,
) -> StoreResult<(String, bool)> {
    match command {
        GenerationsCommand::Ls {
            canvas,
            json,
            limit,
        } => {
            let mut runs = match canvas {
                Some(id) => store.list_generations(&id)?,
                None => store.list_recent_generations(limit)?,
            };
            runs.truncate(limit);
            if json {
                let lines: Vec<RunLine> = runs.iter().map(line).collect();
                return Ok((serde_json::to_string_pretty(&lines)?, true));
            }
            if runs.is_empty() {
                return Ok(("no runs yet".into(), true));
            }
            Ok((runs.iter().map(text).collect::<Vec<_>>().join("\n"), true))
        }
        GenerationsCommand::Resume => {
            let results = runner.resume_open()?;
            let mut all_ok = true;
            let mut lines = vec![format!("{} run(s) in flight", results.len())];
            for (id, result) in results {
                match result {
                    Ok(g) => lines.push(text(&g)),
                    Err(error) => {
                        all_ok = false;
                        lines.push(format!(
                            "{id}  still waiting: error[{}]: {error}",
                            error.code()
                        ));
                    }
                }
            }
            Ok((lines.join("\n"), all_ok))
        }
        GenerationsCommand::Retry { id } => {
            let queued = runner.retry(&id)?;
            let done = runner.drive(&queued.id)?;
            Ok((
                text(&done),
                done.status == koda_core::GenerationStatus::Completed,
            ))
        }
        GenerationsCommand::Cancel { id } => Ok((text(&runner.cancel(&id)?), true)),
    }
}
