//! Secrets: [`Secret`] values that cannot be printed or serialised by accident, [`sealed`]
//! encryption at rest in the data folder, and [`ApiKeys`] for AI providers, kept in the OS
//! keychain (a sealed file where no keychain service runs, e.g. a headless Linux box).

mod api_keys;
pub mod durable;
pub mod master_key;
pub mod sealed;

pub use api_keys::{ApiKeyInfo, ApiKeys, KeyLocation, ENV_OVERRIDES};
pub use koda_core::secret::{Secret, REDACTED};
