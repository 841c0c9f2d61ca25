//! The commands the UI invokes. Each is a few lines: call the store, map the error.

pub mod assets;
pub mod backend;
pub mod backups;
pub mod canvases;
pub mod cloud_assets;
pub mod generation;
pub mod recovery;
pub mod settings;
pub mod storage;
pub mod sync;
pub mod transfer;
pub mod updates;
pub mod versions;
