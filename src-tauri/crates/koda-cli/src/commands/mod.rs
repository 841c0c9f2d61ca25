//! One module per command group; each returns the text to print.

pub mod asset;
pub mod backup;
pub mod bench;
pub mod canvas;
pub mod doctor;
pub mod generate;
pub mod history;
pub mod keys;
pub mod migrate_data;
pub mod search_bench;
pub mod storage;
pub mod sync;
pub mod thumbnail_bench;
pub mod transfer;

use koda_assets::AssetStore;
use koda_backends::OpenedStore;
use koda_core::config::StorageConfig;
use koda_core::StoreResult;
use std::path::Path;

/// Opens the store the environment or Settings name (SQLite unless PostgreSQL was chosen).
pub fn open_store(config: &StorageConfig) -> StoreResult<OpenedStore> {
    koda_backends::open_backend(config)
}

/// The asset files of the data folder, described by `store`.
pub fn open_assets(config: &StorageConfig, store: &OpenedStore) -> StoreResult<AssetStore> {
    AssetStore::new(&config.data_dir, store.store())
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
