//! Progress reports of long imports, for a progress bar or a line on stderr.

use serde::Serialize;

/// Which part of an import is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ImportStage {
    /// Reading and checking the files; nothing is written yet.
    Reading,
    /// Storing media that arrived inline or inside a bundle as asset files.
    Assets,
    /// Writing the canvases (one transaction).
    Writing,
    /// Finished.
    Done,
}

/// One progress report: `done` of `total` items of the current stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub stage: ImportStage,
    pub done: usize,
    pub total: usize,
    /// The canvas, file or asset being worked on.
    pub current_name: String,
}

impl ImportProgress {
    /// A report for `stage`.
    pub fn new(
        stage: ImportStage,
        done: usize,
        total: usize,
        current_name: impl Into<String>,
    ) -> Self {
        Self {
            stage,
            done,
            total,
            current_name: current_name.into(),
        }
    }
}

/// The callback imports report to. Pass `&mut |_| {}` to ignore progress.
pub type ProgressFn<'a> = &'a mut dyn FnMut(ImportProgress);
