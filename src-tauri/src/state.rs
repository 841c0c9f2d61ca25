//! What every command shares: the store and where it lives.

use koda_assets::AssetStore;
use koda_core::config::StorageConfig;
use koda_core::{ErrorPayload, Store, StoreError, StoreResult};
use koda_sqlite::SqliteStore;
use std::sync::Arc;

/// Managed Tauri state.
pub struct AppState {
    /// The open store, or why it could not be opened (a database from a newer Koda, a damaged
    /// file, a full disk). The window still opens and every command reports that reason, so the
    /// person sees it in the app instead of a silent exit.
    store: Result<Arc<SqliteStore>, ErrorPayload>,
    /// Asset files in the data folder; `None` when the store did not open.
    assets: Option<Arc<AssetStore>>,
    pub config: StorageConfig,
}

impl AppState {
    /// Opens the store the configuration names.
    pub fn open(config: StorageConfig) -> Self {
        let store = SqliteStore::open(&config.database)
            .map(Arc::new)
            .map_err(|error| {
                tracing::error!(code = error.code(), %error, "could not open the database");
                error.to_payload()
            });
        let assets = match &store {
            Ok(store) => {
                match AssetStore::new(&config.data_dir, Arc::clone(store) as Arc<dyn Store>) {
                    Ok(assets) => Some(Arc::new(assets)),
                    Err(error) => {
                        tracing::error!(%error, "could not open the asset folder");
                        None
                    }
                }
            }
            Err(_) => None,
        };
        Self {
            store,
            assets,
            config,
        }
    }

    /// The asset files, when the store opened.
    pub fn assets(&self) -> Option<&Arc<AssetStore>> {
        self.assets.as_ref()
    }

    /// The store, or the reason it is unavailable as the UI sees it.
    pub fn store_handle(&self) -> Result<Arc<SqliteStore>, ErrorPayload> {
        self.store.as_ref().map(Arc::clone).map_err(Clone::clone)
    }

    /// Like [`Self::run`], for work on the asset files.
    pub async fn run_assets<T, F>(&self, work: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&AssetStore) -> StoreResult<T> + Send + 'static,
    {
        let assets = self.assets.clone().ok_or_else(|| {
            self.store.as_ref().err().cloned().unwrap_or_else(|| {
                StoreError::Config("the asset folder is not available".into()).to_payload()
            })
        })?;
        tauri::async_runtime::spawn_blocking(move || work(&assets))
            .await
            .map_err(|error| {
                StoreError::Database(format!("background task failed: {error}")).to_payload()
            })?
            .map_err(|error| {
                tracing::warn!(code = error.code(), %error, "asset command failed");
                error.to_payload()
            })
    }

    /// The store, when it opened.
    pub fn store(&self) -> Option<&Arc<SqliteStore>> {
        self.store.as_ref().ok()
    }

    /// Runs blocking store work off the async runtime and maps errors to `{code, message}`.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> StoreResult<T> + Send + 'static,
    {
        let store = Arc::clone(self.store.as_ref().map_err(Clone::clone)?);
        tauri::async_runtime::spawn_blocking(move || work(&store))
            .await
            .map_err(|error| {
                StoreError::Database(format!("background task failed: {error}")).to_payload()
            })?
            .map_err(|error| {
                tracing::warn!(code = error.code(), %error, "command failed");
                error.to_payload()
            })
    }
}
