//! A data folder, opened: what the app and the CLI get instead of opening each part themselves.

use crate::{CloudAssets, OpenedStore};
use koda_assets::AssetStore;
use koda_core::config::StorageConfig;
use koda_core::StoreError;
use std::sync::Arc;

/// Everything a data folder holds: its store (or why it did not open), its asset files and the
/// bucket they are mirrored to. Cloud sync starts from the store (`koda_sync::SyncService`).
pub struct DataFolder {
    pub config: StorageConfig,
    /// The store, or why it could not be opened (a database from a newer Koda, a damaged file,
    /// a full disk): the app still opens and shows the reason.
    pub store: Result<OpenedStore, StoreError>,
    /// The asset files; `None` when the store did not open.
    pub assets: Option<Arc<AssetStore>>,
    /// The asset bucket, when one is set (Settings or `ASSET_STORAGE`) and usable.
    pub cloud: Option<Arc<CloudAssets>>,
}

impl DataFolder {
    /// Opens what the configuration names. Each part that fails is logged and left out; only
    /// the store's failure is kept, for the UI.
    pub fn open(config: StorageConfig) -> Self {
        let store = crate::open_backend(&config).inspect_err(|error| {
            tracing::error!(code = error.code(), %error, "could not open the database");
        });
        let assets = store.as_ref().ok().and_then(|store| {
            match AssetStore::new(&config.data_dir, store.store()) {
                Ok(assets) => Some(Arc::new(assets)),
                Err(error) => {
                    tracing::error!(%error, "could not open the asset folder");
                    None
                }
            }
        });
        let cloud = match crate::configured_object_storage(&config) {
            Ok(Some(bucket)) => match CloudAssets::open(&config.data_dir, &bucket) {
                Ok(cloud) => Some(Arc::new(cloud)),
                Err(error) => {
                    tracing::error!(code = error.code(), %error, "could not set up the asset bucket");
                    None
                }
            },
            Ok(None) => None,
            Err(error) => {
                tracing::error!(code = error.code(), %error, "the asset bucket settings are unusable");
                None
            }
        };
        Self {
            config,
            store,
            assets,
            cloud,
        }
    }
}
