//! `koda import FILE…` and `koda export ID --format koda|canvas|json -o FILE`.

use super::write_output;
use crate::cli::ExportFormat;
use koda_assets::sniff::extension_for;
use koda_assets::AssetStore;
use koda_core::{Store, StoreError, StoreResult};
use koda_io::bundle::export_bundle;
use koda_io::json_canvas::export::to_json_canvas_text;
use koda_io::{import_files, ImportProgress, ImportStage};

use std::path::{Path, PathBuf};

/// Imports every file (all of them or, if one is bad, none); progress goes to stderr.
pub fn import(store: &dyn Store, assets: &AssetStore, files: &[PathBuf]) -> StoreResult<String> {
    let summary = import_files(store, assets, files, &mut print_progress)?;
    let mut lines = Vec::new();
    for file in &summary.files {
        let canvases: Vec<String> = file
            .canvases
            .iter()
            .map(|c| format!("{} ({} nodes)", c.name, c.nodes))
            .collect();
        lines.push(format!(
            "imported {} canvas(es) from {} ({}): {}",
            file.canvases.len(),
            file.source.display(),
            file.format.describe(),
            canvases.join(", ")
        ));
    }
    if summary.assets_added + summary.assets_already_present > 0 {
        lines.push(format!(
            "stored {} asset file(s); {} were already there",
            summary.assets_added, summary.assets_already_present
        ));
    }
    if summary.inline_media_kept > 0 {
        lines.push(format!(
            "{} inline data: URL(s) kept as they were (not base64 media Koda stores as files)",
            summary.inline_media_kept
        ));
    }
    Ok(lines.join("\n"))
}

/// One line per step on stderr, so stdout stays the summary.
fn print_progress(progress: ImportProgress) {
    let stage = match progress.stage {
        ImportStage::Reading => "reading",
        ImportStage::Assets => "storing asset",
        ImportStage::Writing => "writing",
        ImportStage::Done => return,
    };
    eprintln!(
        "[{stage} {}/{}] {}",
        progress.done, progress.total, progress.current_name
    );
}

/// Exports one canvas in `format` to `output`.
pub fn export(
    store: &dyn Store,
    assets: &AssetStore,
    id: &str,
    format: Option<ExportFormat>,
    output: &Path,
) -> StoreResult<String> {
    let canvas = store
        .get_canvas(id)?
        .ok_or_else(|| StoreError::canvas_not_found(id))?;
    let extension = output
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = format.unwrap_or(match extension.as_deref() {
        Some("canvas") => ExportFormat::Canvas,
        Some("json") => ExportFormat::Json,
        _ => ExportFormat::Koda,
    });
    let what = match format {
        ExportFormat::Koda => {
            let manifest = export_bundle(store, assets, &canvas, output)?;
            format!(
                "a .koda bundle with {} asset file(s)",
                manifest.assets.len()
            )
        }
        ExportFormat::Canvas => {
            // File nodes name a stored asset by its hash and the extension of its type.
            let file_name = |sha256: &str| {
                let media = assets.media_type(sha256).ok()?;
                Some(format!("{sha256}.{}", extension_for(media.mime)))
            };
            write_output(Some(output), &to_json_canvas_text(&canvas, &file_name))?;
            "a JSON Canvas".to_owned()
        }
        ExportFormat::Json => {
            write_output(Some(output), &serde_json::to_string_pretty(&canvas)?)?;
            "canvas JSON".to_owned()
        }
    };
    Ok(format!(
        "exported '{}' ({} nodes) as {what} to {}",
        canvas.name,
        canvas.nodes.len(),
        output.display()
    ))
}
