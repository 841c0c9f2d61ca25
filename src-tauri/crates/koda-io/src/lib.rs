//! Koda's imports, exports and backups.
//!
//! * [`import`]: canvases from the Koda web app (its JSON files, its SQLite file, a database in
//!   the seed's Drizzle schema), JSON Canvas files and `.koda` bundles. Every import is prepared
//!   first (read, checked, inline media decoded) and only then written, in one transaction: a bad
//!   file imports nothing and says where the problem is.
//! * [`json_canvas`]: the open JSON Canvas 1.0 format (`.canvas`), both ways.
//! * [`bundle`]: the `.koda` zip of one canvas with its asset files and a manifest.
//! * [`backup`]: online backups, restore, and the daily automatic backup.

pub mod asset_refs;
pub mod backup;
pub mod bundle;
pub mod clock;
pub mod detect;
pub mod import;
pub mod json_canvas;
pub mod progress;
mod sqlite_errors;

pub use asset_refs::{asset_url, ASSET_REFERENCE_PREFIX};
pub use detect::SourceFormat;
pub use import::{commit_imports, import_files, prepare_import, ImportSummary, PreparedImport};
pub use progress::{ImportProgress, ImportStage};
