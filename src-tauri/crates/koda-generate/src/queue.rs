//! The app's run queue: runs are driven by a few worker threads, at most the parallel limit from
//! Settings at once. A run that cannot be sent because the network is gone waits and is tried
//! again every few seconds, so runs asked for offline leave when the connection returns.

use crate::runner::Runner;
use koda_core::StoreError;
use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

/// Threads started; the limit in Settings decides how many work at once (up to this).
const WORKERS: usize = 8;

#[derive(Default)]
struct Jobs {
    waiting: VecDeque<String>,
    /// Queued or being driven: a run is never driven twice at once.
    known: HashSet<String>,
}

/// Drives runs in the background.
pub struct RunQueue {
    runner: Arc<Runner>,
    jobs: Mutex<Jobs>,
    wake: Condvar,
    active: AtomicUsize,
    limit: AtomicUsize,
    stopped: AtomicBool,
    /// Between two tries of runs that wait for the network.
    retry_every: Duration,
}

impl RunQueue {
    /// Starts the workers and resumes every open run (after a crash, a kill or a restart).
    pub fn start(runner: Arc<Runner>, limit: usize, retry_every: Duration) -> Arc<Self> {
        let queue = Arc::new(Self {
            runner,
            jobs: Mutex::new(Jobs::default()),
            wake: Condvar::new(),
            active: AtomicUsize::new(0),
            limit: AtomicUsize::new(limit.clamp(1, WORKERS)),
            stopped: AtomicBool::new(false),
            retry_every,
        });
        for _ in 0..WORKERS {
            let queue = Arc::clone(&queue);
            std::thread::spawn(move || queue.work());
        }
        let retrier = Arc::clone(&queue);
        std::thread::spawn(move || retrier.requeue_open_runs());
        queue
    }

    /// Queues a run (ignored when it is already queued or being driven).
    pub fn push(&self, id: &str) {
        let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        if jobs.known.insert(id.to_owned()) {
            jobs.waiting.push_back(id.to_owned());
            self.wake.notify_all();
        }
    }

    /// Runs driven at once from now on.
    pub fn set_limit(&self, limit: usize) {
        self.limit.store(limit.clamp(1, WORKERS), Ordering::SeqCst);
        self.wake.notify_all();
    }

    /// Runs queued but not yet being driven, in order: their place in Koda's own queue.
    pub fn waiting(&self) -> Vec<String> {
        self.jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .waiting
            .iter()
            .cloned()
            .collect()
    }

    /// Stops taking work (the process is exiting); runs in flight stay open and resume next time.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.wake.notify_all();
    }

    pub fn runner(&self) -> &Runner {
        &self.runner
    }

    fn work(self: Arc<Self>) {
        loop {
            let id = {
                let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
                loop {
                    if self.stopped.load(Ordering::SeqCst) {
                        return;
                    }
                    let room =
                        self.active.load(Ordering::SeqCst) < self.limit.load(Ordering::SeqCst);
                    if room {
                        if let Some(id) = jobs.waiting.pop_front() {
                            self.active.fetch_add(1, Ordering::SeqCst);
                            break id;
                        }
                    }
                    jobs = self.wake.wait(jobs).unwrap_or_else(PoisonError::into_inner);
                }
            };
            match self.runner.drive(&id) {
                Ok(run) => tracing::debug!(status = run.status.as_str(), "run ended"),
                Err(StoreError::Unreachable(_)) => tracing::debug!("offline: the run waits"),
                Err(error) => tracing::warn!(code = error.code(), %error, "a run stopped early"),
            }
            self.active.fetch_sub(1, Ordering::SeqCst);
            self.jobs
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .known
                .remove(&id);
            self.wake.notify_all();
        }
    }

    /// Every few seconds, queues the open runs nobody is driving: runs waiting for the network,
    /// and at the first pass every run a previous process left open.
    fn requeue_open_runs(self: Arc<Self>) {
        while !self.stopped.load(Ordering::SeqCst) {
            match self.runner.open_runs() {
                Ok(open) => {
                    // Also a submitted run whose follow timed out: it is followed again.
                    for run in open {
                        self.push(&run.id);
                    }
                }
                Err(error) => tracing::warn!(%error, "could not read the open runs"),
            }
            std::thread::sleep(self.retry_every);
        }
    }
}

impl RunQueue {
    /// Runs a plan in the background: each node is queued once every node it waits for has
    /// completed (then it reads their new outputs); a node whose input failed is not run. Returns
    /// each planned node with its run id, or why it did not run.
    pub fn run_all(
        self: &Arc<Self>,
        canvas_id: String,
        plan: crate::plan::RunPlan,
    ) -> std::thread::JoinHandle<Vec<(String, Result<String, String>)>> {
        let queue = Arc::clone(self);
        std::thread::spawn(move || {
            let mut started: std::collections::HashMap<String, String> =
                std::collections::HashMap::new();
            let mut outcome = Vec::new();
            for planned in &plan.runs {
                let mut blocked = None;
                for input in &planned.after {
                    let Some(run_id) = started.get(input) else {
                        blocked = Some(format!("{input} did not run"));
                        break;
                    };
                    match queue.wait_for_end(run_id) {
                        Some(koda_core::GenerationStatus::Completed) => {}
                        other => {
                            blocked = Some(format!(
                                "{input} did not complete ({})",
                                other.map_or("stopped", |s| s.as_str())
                            ));
                            break;
                        }
                    }
                }
                let result = match blocked {
                    Some(why) => Err(why),
                    None => match queue.runner.enqueue(&canvas_id, &planned.node_id) {
                        Ok(run) => {
                            queue.push(&run.id);
                            started.insert(planned.node_id.clone(), run.id.clone());
                            Ok(run.id)
                        }
                        Err(error) => Err(error.to_string()),
                    },
                };
                outcome.push((planned.node_id.clone(), result));
            }
            outcome
        })
    }

    /// Waits until a run has ended (or the queue stops); its final status.
    fn wait_for_end(&self, run_id: &str) -> Option<koda_core::GenerationStatus> {
        while !self.stopped.load(Ordering::SeqCst) {
            match self.runner.status_of(run_id) {
                Ok(status) if !status.is_open() => return Some(status),
                Ok(_) => std::thread::sleep(Duration::from_millis(100)),
                Err(_) => return None,
            }
        }
        None
    }
}
