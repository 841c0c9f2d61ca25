//! One module per command group; each returns the text to print.

pub mod asset;
pub mod backup;
pub mod bench;
pub mod canvas;
pub mod doctor;
pub mod sync;
pub mod thumbnail_bench;
pub mod transfer;

use koda_assets::AssetStore;
use koda_core::config::StorageConfig;
use koda_core::{Store, StoreResult};
use koda_sqlite::SqliteStore;
use std::path::Path;
use std::sync::Arc;

/// Opens the store the configuration names (SQLite is the only desktop backend).
pub fn open_store(config: &StorageConfig) -> StoreResult<Arc<SqliteStore>> {
    SqliteStore::open(&config.database).map(Arc::new)
}

/// The asset files of the data folder, described by `store`.
pub fn open_assets(config: &StorageConfig, store: &Arc<SqliteStore>) -> StoreResult<AssetStore> {
    AssetStore::new(&config.data_dir, Arc::clone(store) as Arc<dyn Store>)
}

/// Writes `text` to a file, or to stdout when `path` is `None`. Files are written to a temporary
/// name and renamed, so an interrupted export never leaves half a file under the real name.
pub fn write_output(path: Option<&Path>, text: &str) -> StoreResult<()> {
    match path {
        None => {
            println!("{text}");
            Ok(())
        }
        Some(path) => {
            let mut temp = path.as_os_str().to_owned();
            temp.push(".partial");
            std::fs::write(&temp, text)?;
            std::fs::rename(&temp, path)?;
            Ok(())
        }
    }
}
