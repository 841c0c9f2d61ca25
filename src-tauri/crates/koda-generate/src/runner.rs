//! The durable run queue. A run is a `generations` row written (`pending`) before anything is
//! sent; the moment it is about to leave, `sendingAt` is stored; the moment fal answers, its
//! request id and queue addresses are stored (`submitted`); then `processing`, and finally
//! `completed` (outputs stored as assets and written into the node in one transaction with the
//! row), `failed` (with the reason and its code) or `canceled`.
//!
//! Resuming (at start, or `koda generations resume`) follows stored request ids and sends the
//! runs that never left (asked for while offline). A run that was being sent when the process
//! died, with no request id stored, may have reached fal: it is failed with that reason rather
//! than sent again, so no run is ever paid for twice.

use crate::fal::{FalClient, FalConfig, QueueStatus};
use crate::inputs::{materialize, prepare};
use crate::outputs::{output_urls, store_outputs};
use koda_assets::AssetStore;
use koda_core::ids::{new_id, now_ms};
use koda_core::{
    GenerationRecord, GenerationRun, GenerationStatus, JsonText, NodeDataUpdate, Store, StoreError,
    StoreResult,
};
use koda_fetch::FetchLimits;
use koda_secrets::ApiKeys;
use serde_json::{json, Map, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Runs followed at once when resuming: each mostly waits on fal.
const RESUME_WORKERS: usize = 8;

/// How runs are driven.
#[derive(Debug, Clone)]
pub struct RunnerConfig {
    pub fal: FalConfig,
    /// Between two status polls.
    pub poll_every: Duration,
    /// A run still not finished after this is left open (followed again on the next resume).
    pub give_up_after: Duration,
    pub fetch: FetchLimits,
}

impl RunnerConfig {
    pub fn from_env() -> Self {
        Self {
            fal: FalConfig::from_env(),
            poll_every: Duration::from_millis(750),
            give_up_after: Duration::from_secs(30 * 60),
            fetch: FetchLimits::default(),
        }
    }
}

/// Told every time a run's row is written (after the write), e.g. to tell the UI.
pub type RunObserver = Arc<dyn Fn(&GenerationRecord) + Send + Sync>;

/// Runs generations for one data folder.
pub struct Runner {
    store: Arc<dyn Store>,
    assets: Arc<AssetStore>,
    keys: ApiKeys,
    config: RunnerConfig,
    observer: Option<RunObserver>,
}

/// What a run of a node would be, before it is asked for.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunEstimate {
    pub model: String,
    pub model_label: String,
    pub endpoint: String,
    pub cost_usd: f64,
    pub prompt: String,
}

impl Runner {
    pub fn new(
        store: Arc<dyn Store>,
        assets: Arc<AssetStore>,
        keys: ApiKeys,
        config: RunnerConfig,
    ) -> Self {
        Self {
            store,
            assets,
            keys,
            config,
            observer: None,
        }
    }

    /// Calls `observer` after every write of a run's row.
    pub fn with_observer(mut self, observer: RunObserver) -> Self {
        self.observer = Some(observer);
        self
    }

    fn put(&self, generation: &GenerationRecord) -> StoreResult<()> {
        self.store.put_generation(generation)?;
        self.notify(generation);
        Ok(())
    }

    fn notify(&self, generation: &GenerationRecord) {
        if let Some(observer) = &self.observer {
            observer(generation);
        }
    }

    /// The model, endpoint, estimated cost and prompt a run of the node would have now.
    pub fn estimate(&self, canvas_id: &str, node_id: &str) -> StoreResult<RunEstimate> {
        let canvas = self
            .store
            .get_canvas(canvas_id)?
            .ok_or_else(|| StoreError::canvas_not_found(canvas_id))?;
        let defaults = self.store.get_settings()?.generation.default_models;
        let prepared = prepare(&canvas, node_id, &self.assets, &defaults)?;
        Ok(RunEstimate {
            model: prepared.model.id.clone(),
            model_label: prepared.model.label.clone(),
            endpoint: prepared.endpoint,
            cost_usd: prepared.cost_usd,
            prompt: prepared.prompt,
        })
    }

    /// Proves a key works with one authenticated call that starts nothing (asking fal about a
    /// request that does not exist: a good key is "not found", a bad one 401).
    pub fn test_key(&self, key: koda_secrets::Secret) -> StoreResult<()> {
        let client = FalClient::new(self.config.fal.clone(), key)?;
        let probe = format!(
            "{}/fal-ai/flux/requests/koda-key-check/status",
            self.config.fal.queue_url
        );
        match client.status(&probe) {
            Ok(_) => Ok(()),
            Err(StoreError::Remote(message)) if message.contains("does not know") => Ok(()),
            Err(error) => Err(error),
        }
    }

    /// A suggested rewrite of `text` for a node of `kind` (`image`, `video`, `music`, `speech`,
    /// `text`) from fal's LLM, with the stored key. Nothing is recorded or changed.
    pub fn enhance_prompt(&self, text: &str, kind: &str) -> StoreResult<String> {
        crate::enhance::enhance(&self.client()?, text, kind, self.config.poll_every)
    }

    /// Estimated spend of runs sent this calendar month (UTC).
    pub fn spent_this_month(&self) -> StoreResult<f64> {
        let month_start = month_start_ms(now_ms());
        Ok(self
            .store
            .list_recent_generations(100_000)?
            .iter()
            .take_while(|g| g.created_at >= month_start)
            .filter_map(|g| {
                let run = g.run.as_ref()?;
                // What was sent costs; a run that never left (or was canceled before) does not.
                (run.attempts > 0 || run.request_id.is_some())
                    .then_some(run.cost_usd.unwrap_or(0.0))
            })
            .sum())
    }

    /// Records a run of `node_id` (status `pending`) from the canvas as stored now. Nothing is
    /// sent: [`Self::drive`] does that. A node that cannot run is a typed error and no row.
    pub fn enqueue(&self, canvas_id: &str, node_id: &str) -> StoreResult<GenerationRecord> {
        let canvas = self
            .store
            .get_canvas(canvas_id)?
            .ok_or_else(|| StoreError::canvas_not_found(canvas_id))?;
        let preferences = self.store.get_settings()?.generation;
        let prepared = match prepare(&canvas, node_id, &self.assets, &preferences.default_models) {
            Ok(prepared) => prepared,
            Err(error) => return Err(self.record_refusal(&canvas, node_id, error)),
        };
        self.check_cap(preferences.monthly_cap_usd, prepared.cost_usd)?;
        let mut parameters = prepared.input.clone();
        parameters.insert("koda:inputAssets".into(), json!(prepared.input_assets));
        let generation = GenerationRecord {
            id: new_id(),
            canvas_id: Some(canvas_id.to_owned()),
            node_id: Some(node_id.to_owned()),
            model: prepared.model.id.clone(),
            prompt: Some(prepared.prompt.clone()).filter(|p| !p.is_empty()),
            parameters: Some(JsonText::from_value(&parameters)),
            status: GenerationStatus::Pending,
            result_asset_id: None,
            error_message: None,
            duration_ms: None,
            created_at: now_ms(),
            run: Some(GenerationRun {
                provider: "fal".into(),
                endpoint: prepared.endpoint.clone(),
                cost_usd: Some(prepared.cost_usd),
                ..GenerationRun::default()
            }),
        };
        self.put(&generation)?;
        Ok(generation)
    }

    /// A run refused before anything could be sent (no prompt, an unknown model, a reference
    /// that is not an image) is still recorded, as `failed` with its reason, in the history;
    /// the canvas itself is left as it is. Returns the error for the caller.
    fn record_refusal(
        &self,
        canvas: &koda_core::StoredCanvas,
        node_id: &str,
        error: StoreError,
    ) -> StoreError {
        let Some(node) = canvas.nodes.iter().find(|n| n.id == node_id) else {
            return error;
        };
        if !crate::inputs::GENERATOR_TYPES.contains(&node.node_type.as_str()) {
            return error;
        }
        let data = node.data.to_value();
        let text = |key: &str| {
            data.get(key)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let generation = GenerationRecord {
            id: new_id(),
            canvas_id: Some(canvas.id.clone()),
            node_id: Some(node_id.to_owned()),
            model: text("model").unwrap_or_else(|| "unknown".into()),
            prompt: text("prompt").or_else(|| text("text")),
            parameters: None,
            status: GenerationStatus::Failed,
            result_asset_id: None,
            error_message: Some(error.to_string()),
            duration_ms: Some(0),
            created_at: now_ms(),
            run: Some(GenerationRun {
                provider: "fal".into(),
                error_code: Some(error.code().to_owned()),
                ..GenerationRun::default()
            }),
        };
        if let Err(write) = self.put(&generation) {
            tracing::warn!(%write, "could not record a refused run");
        }
        error
    }

    fn check_cap(&self, cap: Option<f64>, cost: f64) -> StoreResult<()> {
        let Some(cap) = cap else { return Ok(()) };
        let spent = self.spent_this_month()?;
        if spent + cost > cap + 1e-9 {
            return Err(StoreError::BudgetReached(format!(
                "this run (~${cost:.2}) would pass your monthly cap of ${cap:.2} (${spent:.2} spent this month); raise the cap in Settings → AI providers"
            )));
        }
        Ok(())
    }

    /// A new run with the same model, endpoint and input as `id` (its own row; the old one stays
    /// in the history as it was).
    pub fn retry(&self, id: &str) -> StoreResult<GenerationRecord> {
        let old = self.get(id)?;
        if old.status.is_open() {
            return Err(StoreError::invalid(
                "id",
                "this run is still going; cancel it first",
            ));
        }
        let run = old.run.clone().unwrap_or_default();
        self.check_cap(
            self.store.get_settings()?.generation.monthly_cap_usd,
            run.cost_usd.unwrap_or(0.0),
        )?;
        let generation = GenerationRecord {
            id: new_id(),
            status: GenerationStatus::Pending,
            result_asset_id: None,
            error_message: None,
            duration_ms: None,
            created_at: now_ms(),
            run: Some(GenerationRun {
                provider: run.provider,
                endpoint: run.endpoint,
                cost_usd: run.cost_usd,
                ..GenerationRun::default()
            }),
            ..old
        };
        self.put(&generation)?;
        Ok(generation)
    }

    /// Drives a run until it ends, or until it must wait (offline, timeout): its row then stays
    /// open and the error says why. Ended runs are returned as they are.
    pub fn drive(&self, id: &str) -> StoreResult<GenerationRecord> {
        let mut generation = self.get(id)?;
        if generation.status == GenerationStatus::Pending {
            generation = self.submit(generation)?;
        }
        if matches!(
            generation.status,
            GenerationStatus::Submitted | GenerationStatus::Processing
        ) {
            generation = self.follow(generation)?;
        }
        Ok(generation)
    }

    /// Follows every open run to its end, several at once (each mostly waits on the network):
    /// what a start and `koda generations resume` do. Results come back in the runs' order.
    pub fn resume_open(&self) -> StoreResult<Vec<(String, StoreResult<GenerationRecord>)>> {
        let open: Vec<String> = self
            .store
            .list_open_generations()?
            .into_iter()
            .map(|g| g.id)
            .collect();
        let next = AtomicUsize::new(0);
        let results: Vec<Mutex<Option<StoreResult<GenerationRecord>>>> =
            open.iter().map(|_| Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..RESUME_WORKERS.min(open.len()) {
                scope.spawn(|| loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(id) = open.get(index) else { break };
                    let outcome = self.drive(id);
                    *results[index]
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner) = Some(outcome);
                });
            }
        });
        Ok(open
            .into_iter()
            .zip(results)
            .map(|(id, slot)| {
                let outcome = slot.into_inner().unwrap_or_else(PoisonError::into_inner);
                (
                    id,
                    outcome.unwrap_or_else(|| Err(StoreError::Remote("not resumed".into()))),
                )
            })
            .collect())
    }

    /// A run's status now.
    pub fn status_of(&self, id: &str) -> StoreResult<GenerationStatus> {
        Ok(self.get(id)?.status)
    }

    /// The plan Run all would follow on a canvas (or the selection).
    pub fn plan(
        &self,
        canvas_id: &str,
        selection: Option<&[String]>,
    ) -> StoreResult<crate::plan::RunPlan> {
        let canvas = self
            .store
            .get_canvas(canvas_id)?
            .ok_or_else(|| StoreError::canvas_not_found(canvas_id))?;
        let defaults = self.store.get_settings()?.generation.default_models;
        crate::plan::plan_run_all(&canvas, selection, &self.assets, &defaults)
    }

    /// Runs still in flight, oldest first.
    pub fn open_runs(&self) -> StoreResult<Vec<GenerationRecord>> {
        self.store.list_open_generations()
    }

    /// Sends a pending run and returns once fal has accepted it (its request id stored), without
    /// waiting for the result: [`Self::drive`] follows it from there.
    pub fn send(&self, id: &str) -> StoreResult<GenerationRecord> {
        let generation = self.get(id)?;
        if generation.status == GenerationStatus::Pending {
            return self.submit(generation);
        }
        Ok(generation)
    }

    /// Cancels a run: at fal when it was sent, and in the history either way.
    pub fn cancel(&self, id: &str) -> StoreResult<GenerationRecord> {
        let mut generation = self.get(id)?;
        if !generation.status.is_open() {
            return Ok(generation);
        }
        let cancel_url = generation.run.as_ref().and_then(|r| r.cancel_url.clone());
        if let Some(url) = cancel_url {
            // A run that finished meanwhile answers 400; it is canceled here all the same.
            if let Err(error) = self.client()?.cancel(&url) {
                tracing::warn!(code = error.code(), "fal did not confirm the cancel");
            }
        }
        generation.status = GenerationStatus::Canceled;
        generation.duration_ms = Some(now_ms() - generation.created_at);
        self.put(&generation)?;
        Ok(generation)
    }

    fn get(&self, id: &str) -> StoreResult<GenerationRecord> {
        self.store
            .get_generation(id)?
            .ok_or_else(|| StoreError::NotFound {
                what: "generation",
                id: id.to_owned(),
            })
    }

    fn client(&self) -> StoreResult<FalClient> {
        let key = self.keys.get("fal")?.ok_or_else(|| {
            StoreError::BadKey(
                "no fal key yet: add one in Settings → AI providers (or set FAL_KEY)".into(),
            )
        })?;
        FalClient::new(self.config.fal.clone(), key)
    }

    fn submit(&self, mut generation: GenerationRecord) -> StoreResult<GenerationRecord> {
        let mut run = generation.run.clone().unwrap_or_default();
        if run.sending_at.is_some() && run.request_id.is_none() {
            let error = StoreError::Remote(
                "Koda stopped while sending this run, so fal may have started it; it was not sent again to avoid paying twice. Retry to run it again".into(),
            );
            return self.fail(generation, &error);
        }
        let client = match self.client() {
            Ok(client) => client,
            Err(error) => return self.fail(generation, &error),
        };
        let stored_input = generation
            .parameters
            .as_ref()
            .map(JsonText::to_value)
            .unwrap_or_else(|| json!({}));
        let mut input = match materialize(&stored_input, &self.assets) {
            Ok(input) => input,
            Err(error) => return self.fail(generation, &error),
        };
        if let Some(fields) = input.as_object_mut() {
            fields.retain(|key, _| !key.starts_with("koda:"));
        }
        run.sending_at = Some(now_ms());
        run.attempts += 1;
        generation.run = Some(run.clone());
        self.put(&generation)?;
        match client.submit(&run.endpoint, &input) {
            Ok(submitted) => {
                run.request_id = Some(submitted.request_id);
                run.status_url = Some(submitted.status_url);
                run.response_url = Some(submitted.response_url);
                run.cancel_url = Some(submitted.cancel_url);
                run.queue_position = submitted.queue_position;
                run.error_code = None;
                generation.status = GenerationStatus::Submitted;
                generation.run = Some(run);
                self.put(&generation)?;
                Ok(generation)
            }
            // No connection: the request never left. It waits in the queue for the network.
            Err(error @ StoreError::Unreachable(_)) => {
                run.sending_at = None;
                run.attempts -= 1;
                // Shown as "waiting for the connection" until it leaves.
                run.error_code = Some(error.code().to_owned());
                generation.run = Some(run);
                self.put(&generation)?;
                Err(error)
            }
            Err(error) => self.fail(generation, &error),
        }
    }

    fn follow(&self, mut generation: GenerationRecord) -> StoreResult<GenerationRecord> {
        let client = self.client()?;
        let mut run = generation.run.clone().unwrap_or_default();
        let (Some(status_url), Some(response_url)) =
            (run.status_url.clone(), run.response_url.clone())
        else {
            let error = StoreError::Remote("the run's queue addresses are missing".into());
            return self.fail(generation, &error);
        };
        let started = Instant::now();
        loop {
            match client.status(&status_url)? {
                QueueStatus::Completed => break,
                QueueStatus::InQueue { position } => {
                    if run.queue_position != position {
                        run.queue_position = position;
                        generation.run = Some(run.clone());
                        self.put(&generation)?;
                    }
                }
                QueueStatus::InProgress => {
                    if generation.status != GenerationStatus::Processing {
                        generation.status = GenerationStatus::Processing;
                        run.queue_position = None;
                        generation.run = Some(run.clone());
                        self.put(&generation)?;
                    }
                }
            }
            if started.elapsed() > self.config.give_up_after {
                return Err(StoreError::Timeout(
                    "the run is still going at fal; it will be followed again later".into(),
                ));
            }
            std::thread::sleep(self.config.poll_every);
        }
        let result = match client.result(&response_url) {
            Ok(result) => result,
            Err(error @ (StoreError::Unreachable(_) | StoreError::Timeout(_))) => {
                return Err(error)
            }
            Err(error) => return self.fail(generation, &error),
        };
        self.complete(generation, &result)
    }

    fn complete(
        &self,
        mut generation: GenerationRecord,
        result: &Value,
    ) -> StoreResult<GenerationRecord> {
        let urls = output_urls(result);
        let input_assets: Vec<String> = generation
            .parameters
            .as_ref()
            .and_then(|p| p.to_value().get("koda:inputAssets").cloned())
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default();
        let stored = match store_outputs(
            &*self.store,
            &self.assets,
            &generation,
            &urls,
            result,
            &input_assets,
            &self.config.fetch,
        ) {
            Ok(stored) => stored,
            Err(error @ StoreError::Unreachable(_)) => return Err(error),
            Err(error) => return self.fail(generation, &error),
        };
        let refs: Vec<Value> = stored
            .iter()
            .filter_map(|a| a.local_blob_key.as_ref())
            .map(|sha| Value::String(format!("koda-asset://{sha}")))
            .collect();
        let mut run = generation.run.clone().unwrap_or_default();
        run.result_asset_ids = stored.iter().map(|a| a.id.clone()).collect();
        run.output_urls = urls.clone();
        generation.status = GenerationStatus::Completed;
        generation.result_asset_id = stored.first().map(|a| a.id.clone());
        generation.duration_ms = Some(now_ms() - generation.created_at);
        generation.run = Some(run);
        let mut fields = Map::new();
        fields.insert("outputUrl".into(), refs[0].clone());
        if writes_gallery(&generation.model) {
            fields.insert("outputUrls".into(), Value::Array(refs));
        }
        fields.insert("outputProviderUrls".into(), json!(urls));
        if let Some(input) = generation.parameters.as_ref().map(JsonText::to_value) {
            let mut input = input.as_object().cloned().unwrap_or_default();
            input.retain(|key, _| !key.starts_with("koda:"));
            let endpoint = generation.run.as_ref().map_or("", |r| r.endpoint.as_str());
            let fingerprint = crate::plan::run_fingerprint(&generation.model, endpoint, &input);
            fields.insert("lastRunFingerprint".into(), json!(fingerprint));
        }
        fields.insert("error".into(), Value::Null);
        fields.insert("lastRunId".into(), json!(generation.id));
        self.finish(&generation, fields)?;
        Ok(generation)
    }

    fn fail(
        &self,
        mut generation: GenerationRecord,
        error: &StoreError,
    ) -> StoreResult<GenerationRecord> {
        let message = error.to_string();
        let mut run = generation.run.clone().unwrap_or_default();
        run.error_code = Some(error.code().to_owned());
        generation.run = Some(run);
        generation.status = GenerationStatus::Failed;
        generation.error_message = Some(message.clone());
        generation.duration_ms = Some(now_ms() - generation.created_at);
        let mut fields = Map::new();
        fields.insert("error".into(), json!(message));
        fields.insert("lastRunId".into(), json!(generation.id));
        self.finish(&generation, fields)?;
        Ok(generation)
    }

    fn finish(&self, generation: &GenerationRecord, fields: Map<String, Value>) -> StoreResult<()> {
        let update = match (&generation.canvas_id, &generation.node_id) {
            (Some(canvas_id), Some(node_id)) => Some(NodeDataUpdate {
                canvas_id: canvas_id.clone(),
                node_id: node_id.clone(),
                fields,
            }),
            _ => None,
        };
        self.store.finish_generation(generation, update.as_ref())?;
        self.notify(generation);
        Ok(())
    }
}

/// Image models write the whole set (`outputUrls`); the others one file (`outputUrl`).
fn writes_gallery(model: &str) -> bool {
    crate::catalog::Catalog::builtin()
        .models()
        .iter()
        .find(|m| m.id == model)
        .is_some_and(|m| m.node == "imageGenerator")
}

/// The first millisecond of the UTC month `at` falls in.
fn month_start_ms(at: i64) -> i64 {
    let days = at.div_euclid(86_400_000);
    // Civil date from days since 1970 (Howard Hinnant's algorithm), then back to the 1st.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    (days - (day - 1)) * 86_400_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_start_on_the_first_at_midnight_utc() {
        // 2026-11-30T14:07:22Z → 2026-11-01T00:00:00Z
        assert_eq!(month_start_ms(1_796_047_642_000), 1_793_491_200_000);
        assert_eq!(month_start_ms(1_793_491_200_000), 1_793_491_200_000);
    }
}
