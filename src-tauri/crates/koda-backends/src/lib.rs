//! Which database Koda uses and moving data between databases. The choice made in Settings is
//! kept in `storage.json` in the data folder, with the PostgreSQL URL (it holds the password)
//! sealed by the same key file as the sync token; the environment (`KODA_STORAGE_BACKEND` /
//! `NEXT_PUBLIC_STORAGE_BACKEND` + `DATABASE_URL`) overrides it.

pub mod app_lock;
pub mod choice;
mod cloud_assets;
pub mod copy;
mod engines;
mod folder;
pub mod logs;
pub mod object_storage;
mod open;

pub use choice::StorageChoice;
pub use cloud_assets::{CloudAssets, UploadStatus};
pub use copy::{
    copy_everything, copy_everything_with, CopyPhase, CopyProgress, CopyReport, OnDifference,
};
pub use engines::*;
pub use folder::DataFolder;
pub use koda_core::config::Backend;
pub use object_storage::{configured_object_storage, object_storage_from_env, save_object_storage};
pub use open::{chosen_backend, open_backend, OpenedStore, PostgresSettings};
