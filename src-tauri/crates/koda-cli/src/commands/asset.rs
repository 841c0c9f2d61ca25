//! `koda asset …`

use crate::cli::AssetCommand;
use koda_assets::AssetStore;
use koda_core::{Store, StoreResult};

pub fn run(store: &dyn Store, assets: &AssetStore, command: AssetCommand) -> StoreResult<String> {
    match command {
        AssetCommand::Add { file, canvas } => {
            let record = assets.add_file(&file, canvas.as_deref(), None)?;
            Ok(format!(
                "added {} ({}, {} bytes) as asset {}\nsha256 {}",
                record.filename.as_deref().unwrap_or("file"),
                record.mime_type.as_deref().unwrap_or("?"),
                record.size_bytes.unwrap_or(0),
                record.id,
                record.local_blob_key.as_deref().unwrap_or("")
            ))
        }
        AssetCommand::Ls { json, canvas } => {
            let rows = store.list_assets(canvas.as_deref())?;
            if json {
                return Ok(serde_json::to_string_pretty(&rows)?);
            }
            if rows.is_empty() {
                return Ok("no assets".into());
            }
            let mut out = format!(
                "{:<38} {:<6} {:>10}  {:<12} NAME\n",
                "ID", "TYPE", "BYTES", "SHA256"
            );
            for row in &rows {
                out.push_str(&format!(
                    "{:<38} {:<6} {:>10}  {:<12} {}\n",
                    row.id,
                    row.kind.as_str(),
                    row.size_bytes.unwrap_or(0),
                    row.local_blob_key
                        .as_deref()
                        .map_or("", |s| &s[..12.min(s.len())]),
                    row.filename.as_deref().unwrap_or("")
                ));
            }
            out.pop();
            Ok(out)
        }
        AssetCommand::Gc { dry_run } => {
            let report = assets.collect_garbage(dry_run)?;
            let verb = if dry_run { "would remove" } else { "removed" };
            let orphan_bytes: u64 = report.orphan_files.iter().map(|(_, size)| size).sum();
            let mut out = format!(
                "{verb} {} orphan file(s), {orphan_bytes} bytes",
                report.orphan_files.len()
            );
            for (sha, size) in &report.orphan_files {
                out.push_str(&format!("\n  orphan  {sha}  {size} bytes"));
            }
            if !report.missing_files.is_empty() {
                out.push_str(&format!(
                    "\n{} asset row(s) whose file is missing:",
                    report.missing_files.len()
                ));
                for (id, sha) in &report.missing_files {
                    out.push_str(&format!("\n  missing {id}  {sha}"));
                }
            }
            Ok(out)
        }
    }
}
