//! What every command shares: the store and where it lives.

use koda_assets::AssetStore;
use koda_backends::OpenedStore;
use koda_backends::SqliteStore;
use koda_core::config::StorageConfig;
use koda_core::{ErrorPayload, Store, StoreError, StoreResult};
use std::sync::{Arc, PoisonError};

/// Managed Tauri state.
pub struct AppState {
    /// The open store, or why it could not be opened (a database from a newer Koda, a damaged
    /// file, a full disk). The window still opens and every command reports that reason, so the
    /// person sees it in the app instead of a silent exit.
    /// Replaced once, when the recovery screen restores a backup or starts empty.
    store: std::sync::RwLock<Result<OpenedStore, ErrorPayload>>,
    /// Asset files in the data folder; `None` when the store did not open.
    assets: std::sync::RwLock<Option<Arc<AssetStore>>>,
    pub config: StorageConfig,
    /// The bucket asset files are mirrored to, when one is set (Settings or `ASSET_STORAGE`).
    cloud: std::sync::Mutex<Option<Arc<koda_backends::CloudAssets>>>,
    /// The run queue, started on first use (at launch by `setup`, in tests by the first command).
    runs: std::sync::OnceLock<Arc<koda_generate::RunQueue>>,
    /// Set when the background services started (once per process).
    services: std::sync::atomic::AtomicBool,
    /// Files opened before the page asked for them.
    opened_files: std::sync::Mutex<Vec<crate::opened_files::OpenedFiles>>,
}

impl AppState {
    /// Opens the data folder the configuration names.
    pub fn open(config: StorageConfig) -> Self {
        let folder = koda_backends::DataFolder::open(config);
        Self {
            store: std::sync::RwLock::new(folder.store.map_err(|error| error.to_payload())),
            assets: std::sync::RwLock::new(folder.assets),
            config: folder.config,
            cloud: std::sync::Mutex::new(folder.cloud),
            runs: std::sync::OnceLock::new(),
            services: std::sync::atomic::AtomicBool::new(false),
            opened_files: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Opens the data folder again, after the recovery screen replaced a database that would not
    /// open. Only allowed while the store is not open (nothing holds the old file).
    pub fn reopen(&self) -> Result<(), ErrorPayload> {
        if self.opened().is_some() {
            return Err(
                StoreError::InUse("the database is open; use Settings → Backups".into())
                    .to_payload(),
            );
        }
        let folder = koda_backends::DataFolder::open(self.config.clone());
        *self.assets.write().unwrap_or_else(PoisonError::into_inner) = folder.assets;
        self.set_cloud_assets(folder.cloud);
        let opened = folder.store.map_err(|error| error.to_payload());
        let result = opened.as_ref().map(drop).map_err(Clone::clone);
        *self.store.write().unwrap_or_else(PoisonError::into_inner) = opened;
        result
    }

    /// Keeps files opened until the page takes them.
    pub fn queue_opened(&self, opened: crate::opened_files::OpenedFiles) {
        self.opened_files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(opened);
    }

    /// The files opened since the page last asked.
    pub fn take_opened(&self) -> Vec<crate::opened_files::OpenedFiles> {
        std::mem::take(
            &mut *self
                .opened_files
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    /// `true` the first time it is asked: the caller starts the background services.
    pub fn claim_services(&self) -> bool {
        !self
            .services
            .swap(true, std::sync::atomic::Ordering::SeqCst)
    }

    /// Why the store did not open, if it did not.
    pub fn open_error(&self) -> Option<ErrorPayload> {
        self.store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .err()
            .cloned()
    }

    /// The run queue, started (with every open run resumed) the first time it is needed;
    /// `observer` hears every change of a run (the app forwards them to the UI).
    pub fn run_queue(
        &self,
        observer: koda_generate::RunObserver,
    ) -> Result<Arc<koda_generate::RunQueue>, ErrorPayload> {
        if let Some(queue) = self.runs.get() {
            return Ok(Arc::clone(queue));
        }
        let store = self.store_handle()?;
        let assets = self.assets_handle()?;
        let limit = store
            .get_settings()
            .map_err(|e| e.to_payload())?
            .generation
            .parallel_runs as usize;
        let keys = koda_secrets::ApiKeys::new(&self.config.data_dir);
        let runner = koda_generate::Runner::new(
            store,
            assets,
            keys,
            koda_generate::RunnerConfig::from_env(),
        )
        .with_observer(observer);
        let queue = self.runs.get_or_init(|| {
            koda_generate::RunQueue::start(
                Arc::new(runner),
                limit,
                std::time::Duration::from_secs(10),
            )
        });
        Ok(Arc::clone(queue))
    }

    /// The run queue if it was started.
    pub fn started_run_queue(&self) -> Option<Arc<koda_generate::RunQueue>> {
        self.runs.get().cloned()
    }

    /// The asset bucket, when one is set.
    pub fn cloud_assets(&self) -> Option<Arc<koda_backends::CloudAssets>> {
        self.cloud
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Replaces the asset bucket (Settings turned it on, changed or off); the old one's uploads stop.
    pub fn set_cloud_assets(&self, cloud: Option<Arc<koda_backends::CloudAssets>>) {
        let mut slot = self
            .cloud
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(old) = slot.take() {
            old.stop();
        }
        *slot = cloud;
    }

    /// The asset files, or why they are unavailable as the UI sees it.
    pub fn assets_handle(&self) -> Result<Arc<AssetStore>, ErrorPayload> {
        self.assets().ok_or_else(|| {
            self.open_error().unwrap_or_else(|| {
                StoreError::Config("the asset folder is not available".into()).to_payload()
            })
        })
    }

    /// The asset files, when the store opened.
    pub fn assets(&self) -> Option<Arc<AssetStore>> {
        self.assets
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The store, or the reason it is unavailable as the UI sees it.
    pub fn store_handle(&self) -> Result<Arc<dyn Store>, ErrorPayload> {
        self.opened_handle().map(|opened| opened.store())
    }

    /// The open store with its backend, or the reason it is unavailable as the UI sees it.
    pub fn opened_handle(&self) -> Result<OpenedStore, ErrorPayload> {
        self.store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The SQLite store, or why this command cannot run: the store did not open, or the data
    /// folder uses PostgreSQL and `what` works on the local file only.
    pub fn sqlite_handle(&self, what: &str) -> Result<Arc<SqliteStore>, ErrorPayload> {
        let opened = self.opened_handle()?;
        opened
            .require_sqlite(what)
            .map(Arc::clone)
            .map_err(|error| error.to_payload())
    }

    /// The open store with its backend, when it opened.
    pub fn opened(&self) -> Option<OpenedStore> {
        self.opened_handle().ok()
    }

    /// Like [`Self::run`], for work on the asset files.
    pub async fn run_assets<T, F>(&self, work: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&AssetStore) -> StoreResult<T> + Send + 'static,
    {
        let assets = self.assets_handle()?;
        blocking(move || work(&assets)).await
    }

    /// The SQLite store, when it opened and is the backend.
    pub fn sqlite_store(&self) -> Option<Arc<SqliteStore>> {
        self.opened()
            .as_ref()
            .and_then(OpenedStore::sqlite)
            .cloned()
    }

    /// Like [`Self::run`] for work on the local SQLite file (backups); refused on PostgreSQL.
    pub async fn run_sqlite<T, F>(&self, what: &str, work: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> StoreResult<T> + Send + 'static,
    {
        let store = self.sqlite_handle(what)?;
        blocking(move || work(&store)).await
    }

    /// Runs blocking store work off the async runtime and maps errors to `{code, message}`.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> StoreResult<T> + Send + 'static,
    {
        let store = self.store_handle()?;
        blocking(move || work(&*store)).await
    }
}

/// Runs blocking work (the store, files, the network) off the async runtime, and turns its error
/// into the `{code, message}` the UI receives, logging it once here.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> StoreResult<T> + Send + 'static,
) -> Result<T, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|error| {
            StoreError::Database(format!("background task failed: {error}")).to_payload()
        })?
        .map_err(|error| {
            tracing::warn!(code = error.code(), %error, "command failed");
            error.to_payload()
        })
}
