//! Koda's storage core: the canvas model, validation, errors, configuration, change events and the
//! traits every storage backend implements. No Tauri, no database driver: backends live in their
//! own crates and prove themselves against [`conformance`].

pub mod config;
pub mod error;
pub mod events;
pub mod fixtures;
pub mod formats;
pub mod history;
pub mod ids;
pub mod migration;
pub mod model;
pub mod rules;
pub mod search_text;
pub mod secret;
pub mod store;
pub mod validate;

#[cfg(feature = "conformance")]
pub mod conformance;

pub use error::{ErrorPayload, StoreError, StoreResult};
pub use events::{ChangeEvent, ChangeKind};
pub use model::*;
pub use secret::{Secret, REDACTED};
pub use store::*;
