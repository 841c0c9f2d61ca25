//! Generation: a node of a canvas becomes a run of an AI model on fal.ai and its outputs become
//! assets on the canvas. Every run is a `generations` row written before anything is sent and
//! updated the moment each step is known, so a crash, a kill or being offline never loses a run
//! or pays for one twice. Tauri-free: the app and the `koda` CLI are thin over [`Runner`].

pub mod catalog;
pub mod enhance;
pub mod fal;
pub mod inputs;
mod outputs;
pub mod plan;
mod queue;
mod runner;
#[cfg(feature = "stand-in")]
pub mod stand_in;

pub use catalog::{Catalog, ModelSpec};
pub use fal::{FalClient, FalConfig};
pub use queue::RunQueue;
pub use runner::{RunEstimate, RunObserver, Runner, RunnerConfig};
