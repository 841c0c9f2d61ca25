//! Generation commands: estimates, Generate, Run all, cancel, retry, the history, spend, and the
//! AI provider keys (a key travels in once, when typed; it never comes back out).

use crate::state::{blocking, AppState};
use koda_core::{ErrorPayload, GenerationRecord, StoreError};
use koda_generate::plan::RunPlan;
use koda_generate::{RunEstimate, RunObserver, RunQueue};
use koda_secrets::{ApiKeyInfo, ApiKeys, KeyLocation, Secret};
use serde::Serialize;
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Runtime, State};
use ts_rs::TS;

type Reply<T> = Result<T, ErrorPayload>;

/// Every change of a run, with the run's row.
pub const GENERATION_EVENT: &str = "koda://generation";

fn observer<R: Runtime>(app: &AppHandle<R>) -> RunObserver {
    let app = app.clone();
    Arc::new(move |run: &GenerationRecord| {
        let _ = app.emit(GENERATION_EVENT, run);
    })
}

/// The queue, started on first use with every open run resumed.
pub fn queue<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> Reply<Arc<RunQueue>> {
    state.run_queue(observer(app))
}

/// Runs `work` on the queue (started on first use) off the async runtime.
async fn on_queue<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    state: &AppState,
    work: impl FnOnce(&Arc<RunQueue>) -> koda_core::StoreResult<T> + Send + 'static,
) -> Reply<T> {
    let queue = queue(app, state)?;
    blocking(move || work(&queue)).await
}

#[tauri::command]
pub async fn generation_estimate<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    canvas_id: String,
    node_id: String,
) -> Reply<RunEstimate> {
    on_queue(&app, &state, move |queue| {
        queue.runner().estimate(&canvas_id, &node_id)
    })
    .await
}

/// Records a run (before anything is sent) and queues it; progress arrives as events.
#[tauri::command]
pub async fn generation_start<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    canvas_id: String,
    node_id: String,
) -> Reply<GenerationRecord> {
    on_queue(&app, &state, move |queue| {
        let run = queue.runner().enqueue(&canvas_id, &node_id)?;
        queue.push(&run.id);
        Ok(run)
    })
    .await
}

#[tauri::command]
pub async fn generation_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    canvas_id: String,
    selection: Option<Vec<String>>,
) -> Reply<RunPlan> {
    on_queue(&app, &state, move |queue| {
        queue.runner().plan(&canvas_id, selection.as_deref())
    })
    .await
}

/// Starts Run all (the plan as it is now); each node's run appears through events.
#[tauri::command]
pub async fn generation_run_all<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    canvas_id: String,
    selection: Option<Vec<String>>,
) -> Reply<RunPlan> {
    on_queue(&app, &state, move |queue| {
        let plan = queue.runner().plan(&canvas_id, selection.as_deref())?;
        drop(queue.run_all(canvas_id, plan.clone()));
        Ok(plan)
    })
    .await
}

#[tauri::command]
pub async fn generation_cancel<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Reply<GenerationRecord> {
    on_queue(&app, &state, move |queue| queue.runner().cancel(&id)).await
}

#[tauri::command]
pub async fn generation_retry<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Reply<GenerationRecord> {
    on_queue(&app, &state, move |queue| {
        let run = queue.runner().retry(&id)?;
        queue.push(&run.id);
        Ok(run)
    })
    .await
}

/// Runs of one canvas, or of all canvases, newest first.
#[tauri::command]
pub async fn generation_list(
    state: State<'_, AppState>,
    canvas_id: Option<String>,
    limit: Option<usize>,
) -> Reply<Vec<GenerationRecord>> {
    state
        .run(move |store| match canvas_id {
            Some(id) => store.list_generations(&id),
            None => store.list_recent_generations(limit.unwrap_or(500)),
        })
        .await
}

/// This month's estimated spend and the cap.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Spend {
    pub this_month_usd: f64,
    #[ts(optional)]
    pub monthly_cap_usd: Option<f64>,
    /// Runs waiting in Koda's own queue (not yet sent), in order.
    pub waiting: Vec<String>,
}

#[tauri::command]
pub async fn generation_spend<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Reply<Spend> {
    let queue = queue(&app, &state)?;
    let store = state.store_handle()?;
    blocking(move || {
        Ok(Spend {
            this_month_usd: queue.runner().spent_this_month()?,
            monthly_cap_usd: store.get_settings()?.generation.monthly_cap_usd,
            waiting: queue.waiting(),
        })
    })
    .await
}

#[tauri::command]
pub async fn api_keys_list(state: State<'_, AppState>) -> Reply<Vec<ApiKeyInfo>> {
    let keys = ApiKeys::new(&state.config.data_dir);
    blocking(move || keys.list()).await
}

/// Stores a typed key; the reply says only where it is kept.
#[tauri::command]
pub async fn api_key_set(
    state: State<'_, AppState>,
    name: String,
    key: String,
) -> Reply<KeyLocation> {
    let keys = ApiKeys::new(&state.config.data_dir);
    let key = Secret::new(key);
    blocking(move || keys.set(&name, &key)).await
}

#[tauri::command]
pub async fn api_key_remove(state: State<'_, AppState>, name: String) -> Reply<()> {
    let keys = ApiKeys::new(&state.config.data_dir);
    blocking(move || match keys.remove(&name)? {
        true => Ok(()),
        false => Err(StoreError::NotFound {
            what: "key",
            id: name,
        }),
    })
    .await
}

/// Proves a key works with a call that starts nothing: the key typed (`key`), or the stored one.
#[tauri::command]
pub async fn api_key_test<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    key: Option<String>,
) -> Reply<()> {
    let queue = queue(&app, &state)?;
    let keys = ApiKeys::new(&state.config.data_dir);
    blocking(move || {
        let key = match key.filter(|k| !k.trim().is_empty()) {
            Some(typed) => Secret::new(typed.trim()),
            None => keys
                .get("fal")?
                .ok_or_else(|| StoreError::BadKey("no fal key is stored yet".into()))?,
        };
        queue.runner().test_key(key)
    })
    .await
}

/// A prompt rewritten by fal's LLM, for the person to accept or discard.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PromptSuggestion {
    pub suggestion: String,
}

#[tauri::command]
pub async fn generation_enhance_prompt<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    text: String,
    kind: String,
) -> Reply<PromptSuggestion> {
    on_queue(&app, &state, move |queue| {
        let suggestion = queue.runner().enhance_prompt(&text, &kind)?;
        Ok(PromptSuggestion { suggestion })
    })
    .await
}
