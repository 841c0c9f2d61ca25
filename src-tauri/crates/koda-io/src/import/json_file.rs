//! JSON files: Koda's own formats (through `koda_core::formats`) and JSON Canvas.

use super::PendingAsset;
use crate::detect::{io_error, is_json_canvas, SourceFormat};
use crate::json_canvas;
use crate::progress::{ImportProgress, ImportStage, ProgressFn};
use koda_core::formats::{parse_canvas_file, CanvasFileFormat};
use koda_core::validate::MAX_CANVAS_BYTES;
use koda_core::{StoreError, StoreResult, StoredCanvas};
use std::path::Path;

/// Reads a JSON file of any supported shape; errors carry the JSON path, line and column.
pub(crate) fn read(
    path: &Path,
    progress: ProgressFn<'_>,
) -> StoreResult<(SourceFormat, Vec<StoredCanvas>, Vec<PendingAsset>)> {
    let metadata = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    let size = metadata.len();
    // Koda web's templates carry no timestamps: such a canvas dates from its file.
    let file_time = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or_else(koda_core::ids::now_ms, |d| d.as_millis() as i64);
    if size > MAX_CANVAS_BYTES as u64 {
        return Err(StoreError::TooLarge {
            what: path.display().to_string(),
            size,
            limit: MAX_CANVAS_BYTES as u64,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        StoreError::invalid(
            format!("byte {}", error.utf8_error().valid_up_to()),
            "not a file Koda can import: expected JSON (UTF-8 text), a SQLite database or a .koda bundle",
        )
    })?;
    let first = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .next();
    if !matches!(first, Some('{') | Some('[')) {
        return Err(StoreError::invalid(
            "line 1",
            "not a file Koda can import: expected a JSON object or array, a SQLite database or a .koda bundle",
        ));
    }
    let (format, canvases) = if is_json_canvas(path, &text)? {
        let name = path.file_stem().map_or_else(
            || "Imported canvas".into(),
            |s| s.to_string_lossy().into_owned(),
        );
        (
            SourceFormat::JsonCanvas,
            vec![json_canvas::import::from_json_canvas_text(&text, &name)?],
        )
    } else {
        let (format, canvases) = parse_canvas_file(&text, file_time)?;
        let format = match format {
            CanvasFileFormat::StoredCanvas => SourceFormat::StoredCanvas,
            CanvasFileFormat::CanvasArray => SourceFormat::CanvasArray,
            CanvasFileFormat::KodaExport => SourceFormat::KodaExport,
        };
        (format, canvases)
    };
    for (index, canvas) in canvases.iter().enumerate() {
        progress(ImportProgress::new(
            ImportStage::Reading,
            index + 1,
            canvases.len(),
            canvas.name.clone(),
        ));
    }
    Ok((format, canvases, Vec::new()))
}
