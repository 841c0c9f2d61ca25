//! Cloud sync in the background: at start-up, on an interval, a few seconds after local edits
//! settle, and on "Sync now". Editing never waits for it; failures only change the status.

use crate::SyncEngine;
use koda_core::StoreError;
use koda_sqlite::SqliteStore;
use serde::Serialize;
use std::path::Path;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use ts_rs::TS;

/// The event carrying a [`SyncStatus`].
pub const STATUS_EVENT: &str = "koda://sync-status";
/// How often to sync while nothing else asks.
const INTERVAL: Duration = Duration::from_secs(30);
/// How long local edits must settle before they are pushed.
const SETTLE: Duration = Duration::from_secs(3);

/// What the UI shows about sync. The token itself never leaves the Rust side.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncStatus {
    pub enabled: bool,
    pub url: Option<String>,
    pub has_token: bool,
    /// `off`, `synced`, `syncing`, `offline` or `error`.
    pub state: String,
    #[ts(optional)]
    pub message: Option<String>,
    #[ts(optional, type = "number")]
    pub last_sync_at: Option<i64>,
    #[ts(type = "number")]
    pub pending: i64,
}

enum Wake {
    Now,
    LocalChange,
}

/// The sync engine plus its status and background thread.
pub struct SyncService {
    engine: SyncEngine,
    status: Mutex<SyncStatus>,
    /// One sync at a time, whoever asks.
    running: Mutex<()>,
    wake: Mutex<Option<Sender<Wake>>>,
    notify: Box<dyn Fn(&SyncStatus) + Send + Sync>,
}

impl SyncService {
    pub fn new(
        store: Arc<SqliteStore>,
        data_dir: &Path,
        notify: Box<dyn Fn(&SyncStatus) + Send + Sync>,
    ) -> Arc<Self> {
        let engine = SyncEngine::new(store, data_dir);
        let initial = SyncStatus {
            enabled: false,
            url: None,
            has_token: false,
            state: "off".into(),
            message: None,
            last_sync_at: None,
            pending: 0,
        };
        let service = Arc::new(Self {
            engine,
            status: Mutex::new(initial),
            running: Mutex::new(()),
            wake: Mutex::new(None),
            notify,
        });
        service.refresh(None);
        service
    }

    /// Starts the background thread.
    pub fn start(self: &Arc<Self>) {
        let (sender, receiver) = channel();
        *self.wake.lock().unwrap_or_else(PoisonError::into_inner) = Some(sender);
        let service = Arc::clone(self);
        std::thread::Builder::new()
            .name("koda-sync".into())
            .spawn(move || service.run(receiver))
            .expect("spawning the sync thread");
        self.poke(Wake::Now);
    }

    fn poke(&self, wake: Wake) {
        if let Some(sender) = self
            .wake
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            let _ = sender.send(wake);
        }
    }

    /// The engine, for history and other direct work.
    pub fn engine(&self) -> &SyncEngine {
        &self.engine
    }

    /// Local data changed: push once edits settle.
    pub fn local_change(&self) {
        self.poke(Wake::LocalChange);
    }

    fn run(&self, receiver: Receiver<Wake>) {
        loop {
            let mut wait = INTERVAL;
            // After a local change, wait for the edits to settle, restarting on each new one.
            loop {
                match receiver.recv_timeout(wait) {
                    Ok(Wake::Now) => break,
                    Ok(Wake::LocalChange) => wait = SETTLE,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if self.engine.is_enabled().unwrap_or(false) {
                self.sync_now();
            }
        }
    }

    /// The current status, with a fresh count of waiting changes.
    pub fn status(&self) -> SyncStatus {
        self.refresh(None)
    }

    /// Re-reads configuration into the status; `state` replaces the state when given.
    fn refresh(&self, state: Option<(&str, Option<String>, bool)>) -> SyncStatus {
        let enabled = self.engine.is_enabled().unwrap_or(false);
        let snapshot = {
            let mut status = self.status.lock().unwrap_or_else(PoisonError::into_inner);
            status.enabled = enabled;
            status.url = self.engine.url().ok().flatten();
            status.has_token = self.engine.has_token().unwrap_or(false);
            status.pending = self.engine.pending().unwrap_or(0);
            if let Some((name, message, finished)) = state {
                status.state = name.into();
                status.message = message;
                if finished {
                    status.last_sync_at = Some(koda_core::ids::now_ms());
                }
            } else if !enabled {
                status.state = "off".into();
                status.message = None;
            }
            status.clone()
        };
        (self.notify)(&snapshot);
        snapshot
    }

    /// Syncs once now (waits for a sync already running) and returns the status after it.
    pub fn sync_now(&self) -> SyncStatus {
        let _one_at_a_time = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        if !self.engine.is_enabled().unwrap_or(false) {
            return self.refresh(None);
        }
        self.refresh(Some(("syncing", None, false)));
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(error) => return self.refresh(Some(("error", Some(error.to_string()), false))),
        };
        match runtime.block_on(self.engine.sync_once()) {
            Ok(report) => {
                tracing::info!(
                    pulled = report.pulled,
                    pushed = report.pushed,
                    conflicts = report.conflicts,
                    "synced"
                );
                self.refresh(Some(("synced", None, true)))
            }
            Err(error @ StoreError::Offline(_)) => {
                self.refresh(Some(("offline", Some(error.to_string()), false)))
            }
            Err(error) => {
                tracing::warn!(code = error.code(), %error, "sync failed");
                self.refresh(Some(("error", Some(error.to_string()), false)))
            }
        }
    }

    /// Turns sync on or off and stores the address and (encrypted) token.
    pub fn configure(
        &self,
        enabled: bool,
        url: &str,
        token: Option<&str>,
    ) -> Result<SyncStatus, StoreError> {
        if enabled {
            self.engine.enable(url, token)?;
            self.poke(Wake::Now);
        } else {
            self.engine.disable()?;
        }
        Ok(self.refresh(None))
    }

    /// Checks an address and token (the stored token when `token` is `None` and `url` is the
    /// stored address).
    pub fn test(&self, url: &str, token: Option<&str>) -> Result<(), StoreError> {
        let config = self.engine.config_for(url, token)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| StoreError::Io(e.to_string()))?;
        runtime.block_on(SyncEngine::test_connection(&config))
    }
}
