//! The data Koda stores, as the UI sees it. These Rust types are the source of truth: the
//! TypeScript bindings in `ui/src/bindings` are generated from them.

mod canvas;
mod history;
mod json_text;
mod legacy;
mod patch;
mod records;
mod settings;

pub use canvas::*;
pub use history::*;
pub use json_text::{JsonText, MAX_JSON_DEPTH};
pub use legacy::upgrade_desktop_canvas;
pub use patch::CanvasPatch;
pub use records::*;
pub use settings::*;
