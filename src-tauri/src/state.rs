//! What every command shares: the store and where it lives.

use koda_core::config::StorageConfig;
use koda_core::{ErrorPayload, StoreError, StoreResult};
use koda_sqlite::SqliteStore;
use std::sync::Arc;

/// Managed Tauri state.
pub struct AppState {
    /// The open store, or why it could not be opened (a database from a newer Koda, a damaged
    /// file, a full disk). The window still opens and every command reports that reason, so the
    /// person sees it in the app instead of a silent exit.
    store: Result<Arc<SqliteStore>, ErrorPayload>,
    pub config: StorageConfig,
}

impl AppState {
    /// Opens the store the configuration names.
    pub fn open(config: StorageConfig) -> Self {
        let store = SqliteStore::open(&config.database).map(Arc::new).map_err(|error| {
            tracing::error!(code = error.code(), %error, "could not open the database");
            error.to_payload()
        });
        Self { store, config }
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
            .map_err(|error| StoreError::Database(format!("background task failed: {error}")).to_payload())?
            .map_err(|error| {
                tracing::warn!(code = error.code(), %error, "command failed");
                error.to_payload()
            })
    }
}
