//! Copying everything from one store to another (`koda migrate-data`, the Settings flow):
//! canvases with their nodes and edges, the trash, asset and generation rows, settings and
//! profile. The source is only read. Each canvas is written in one transaction and then
//! verified: same node and edge counts, and the same checksum of its content, on both sides.
//! A canvas already copied with the same checksum is skipped, so an interrupted copy resumes.

use koda_core::{CanvasMetadata, Store, StoreError, StoreResult, StoredCanvas};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use ts_rs::TS;

/// What is being copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum CopyPhase {
    Canvases,
    Records,
    Settings,
    Verifying,
    Done,
}

/// Progress, for a bar: `done` of `total` in the current phase.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CopyProgress {
    pub phase: CopyPhase,
    pub done: u32,
    pub total: u32,
    /// The canvas being copied, when there is one.
    #[ts(optional)]
    pub canvas_name: Option<String>,
}

/// What was copied and checked.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CopyReport {
    pub canvases: u32,
    /// Canvases that were already at the destination with the same content.
    pub skipped: u32,
    /// Canvases at the destination that differed and were replaced (only when allowed).
    pub replaced: u32,
    #[ts(type = "number")]
    pub nodes: u64,
    #[ts(type = "number")]
    pub edges: u64,
    pub assets: u32,
    pub generations: u32,
    /// Every canvas was read back from the destination and matched its source checksum.
    pub verified: bool,
}

/// A canvas's content as a checksum: its fields with JSON objects in key order, so backends that
/// store JSON differently (SQLite text, PostgreSQL JSONB) agree. The revision is a per-database
/// counter and is left out.
pub fn canvas_checksum(canvas: &StoredCanvas) -> StoreResult<String> {
    let mut value = serde_json::to_value(canvas)?;
    if let Value::Object(map) = &mut value {
        map.remove("revision");
    }
    let canonical = sort_keys(value).to_string();
    Ok(hex::encode(Sha256::digest(canonical.as_bytes())))
}

fn sort_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sort_keys(v)))
                    .collect::<Map<_, _>>(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

/// What to do with a canvas the destination holds in a different version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDifference {
    /// Stop with an error; nothing of it is overwritten.
    Refuse,
    /// Replace it with the source's version (the caller has backed the destination up).
    Replace,
}

/// Copies everything from `from` to `to`, reporting progress; see the module comment.
pub fn copy_everything(
    from: &dyn Store,
    to: &dyn Store,
    progress: &mut dyn FnMut(CopyProgress),
) -> StoreResult<CopyReport> {
    copy_everything_with(from, to, OnDifference::Refuse, progress)
}

/// [`copy_everything`], choosing what happens to canvases that differ at the destination.
pub fn copy_everything_with(
    from: &dyn Store,
    to: &dyn Store,
    on_difference: OnDifference,
    progress: &mut dyn FnMut(CopyProgress),
) -> StoreResult<CopyReport> {
    let live = from.list_canvases()?;
    let trashed = from.list_trash()?;
    let trashed_ids: HashSet<&str> = trashed.iter().map(|c| c.id.as_str()).collect();
    let all: Vec<&CanvasMetadata> = live.iter().chain(trashed.iter()).collect();
    let total = all.len() as u32;
    let mut report = CopyReport::default();
    let mut checksums = Vec::with_capacity(all.len());
    // Read once: a replaced canvas that is in the destination's trash but live here comes back.
    let destination_trash: HashSet<String> = match on_difference {
        OnDifference::Replace => to.list_trash()?.into_iter().map(|c| c.id).collect(),
        OnDifference::Refuse => HashSet::new(),
    };

    for (index, meta) in all.iter().enumerate() {
        progress(CopyProgress {
            phase: CopyPhase::Canvases,
            done: index as u32,
            total,
            canvas_name: Some(meta.name.clone()),
        });
        let Some(canvas) = from.get_canvas(&meta.id)? else {
            continue; // Purged while we were copying.
        };
        let checksum = canvas_checksum(&canvas)?;
        match to.get_canvas(&canvas.id)? {
            Some(existing) if canvas_checksum(&existing)? == checksum => report.skipped += 1,
            Some(_) if on_difference == OnDifference::Replace => {
                to.import_canvas(&canvas)?;
                if trashed_ids.contains(canvas.id.as_str()) {
                    to.trash_canvas(&canvas.id)?;
                } else if destination_trash.contains(&canvas.id) {
                    to.restore_canvas(&canvas.id)?;
                }
                report.replaced += 1;
            }
            Some(_) => {
                return Err(StoreError::Config(format!(
                    "the destination already has a different canvas with id '{}' ('{}'); nothing of it was overwritten",
                    canvas.id, canvas.name
                )))
            }
            None => {
                to.import_canvas(&canvas)?;
                if trashed_ids.contains(canvas.id.as_str()) {
                    to.trash_canvas(&canvas.id)?;
                }
            }
        }
        report.canvases += 1;
        report.nodes += canvas.nodes.len() as u64;
        report.edges += canvas.edges.len() as u64;
        checksums.push((
            canvas.id.clone(),
            checksum,
            canvas.nodes.len(),
            canvas.edges.len(),
        ));
    }

    progress(CopyProgress {
        phase: CopyPhase::Records,
        done: 0,
        total: 1,
        canvas_name: None,
    });
    // Assets before generations: a generation may point at its result asset.
    let assets = from.list_assets(None)?;
    for asset in &assets {
        to.put_asset(asset)?;
    }
    report.assets = assets.len() as u32;
    for (id, _, _, _) in &checksums {
        for generation in from.list_generations(id)? {
            to.put_generation(&generation)?;
            report.generations += 1;
        }
    }

    progress(CopyProgress {
        phase: CopyPhase::Settings,
        done: 0,
        total: 1,
        canvas_name: None,
    });
    to.set_settings(&from.get_settings()?)?;
    let source_profile = from.get_profile()?;
    let mut profile = to.get_profile()?;
    profile.name = source_profile.name;
    profile.email = source_profile.email;
    profile.avatar_url = source_profile.avatar_url;
    to.set_profile(&profile)?;

    for (index, (id, checksum, nodes, edges)) in checksums.iter().enumerate() {
        progress(CopyProgress {
            phase: CopyPhase::Verifying,
            done: index as u32,
            total,
            canvas_name: None,
        });
        let copied = to.get_canvas(id)?.ok_or_else(|| {
            StoreError::Corrupt(format!(
                "canvas '{id}' is missing from the destination after copying"
            ))
        })?;
        if copied.nodes.len() != *nodes
            || copied.edges.len() != *edges
            || canvas_checksum(&copied)? != *checksum
        {
            return Err(StoreError::Corrupt(format!(
                "canvas '{id}' differs at the destination after copying ({} of {nodes} nodes, {} of {edges} edges); the source is untouched",
                copied.nodes.len(),
                copied.edges.len()
            )));
        }
    }
    let copied_assets = to.list_assets(None)?.len();
    if copied_assets < assets.len() {
        return Err(StoreError::Corrupt(format!(
            "{copied_assets} of {} asset rows arrived; the source is untouched",
            assets.len()
        )));
    }
    report.verified = true;
    progress(CopyProgress {
        phase: CopyPhase::Done,
        done: total,
        total,
        canvas_name: None,
    });
    Ok(report)
}
