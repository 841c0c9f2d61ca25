//! `koda search` and `koda history`.

use crate::cli::HistoryCommand;
use koda_core::ids::now_ms;
use koda_core::*;

pub fn search(
    store: &dyn Store,
    text: &str,
    limit: u32,
    include_trash: bool,
    json: bool,
) -> StoreResult<String> {
    let hits = store.search(&SearchQuery {
        text: text.to_owned(),
        limit: Some(limit),
        include_trash: Some(include_trash),
    })?;
    if json {
        return Ok(serde_json::to_string_pretty(&hits)?);
    }
    if hits.is_empty() {
        return Ok(format!("nothing matches {text:?}"));
    }
    Ok(hits
        .iter()
        .map(|hit| {
            let place = match (&hit.node_id, &hit.node_type) {
                (Some(node), Some(kind)) => format!("{node} ({kind})"),
                (Some(node), None) => node.clone(),
                (None, _) => "(canvas)".into(),
            };
            let snippet: String = hit
                .snippet
                .chars()
                .map(|c| match c {
                    SNIPPET_OPEN => '[',
                    SNIPPET_CLOSE => ']',
                    c => c,
                })
                .collect();
            let trashed = if hit.trashed { " [trash]" } else { "" };
            format!(
                "{}  {}{trashed}  {place}\n    {snippet}",
                hit.canvas_id, hit.canvas_name
            )
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

pub fn run(store: &dyn Store, command: HistoryCommand) -> StoreResult<String> {
    match command {
        HistoryCommand::Ls { canvas, json } => {
            let versions = store.list_versions(&canvas)?;
            if json {
                return Ok(serde_json::to_string_pretty(&versions)?);
            }
            if versions.is_empty() {
                return Ok(format!("{canvas} has no earlier versions yet"));
            }
            let mut out = format!(
                "{:>8}  {:<14}  {:<9}  {:>8}  name",
                "version", "at (ms)", "source", "nodes"
            );
            for v in versions {
                out.push_str(&format!(
                    "\n{:>8}  {:<14}  {:<9}  {:>8}  {}",
                    v.id,
                    v.at,
                    v.source.as_str(),
                    v.node_count,
                    v.name
                ));
            }
            Ok(out)
        }
        HistoryCommand::Show {
            canvas,
            version,
            json: _,
        } => Ok(serde_json::to_string_pretty(
            &store.get_version(&canvas, version)?,
        )?),
        HistoryCommand::Restore {
            canvas,
            version,
            node,
        } => {
            let revision = store.restore_version(&canvas, version, node.as_deref())?;
            let what = node.map_or("the canvas".to_owned(), |n| format!("node {n}"));
            Ok(format!(
                "restored {what} of {canvas} as it was at version {version} (now revision {revision}; what it replaced is a version too)"
            ))
        }
        HistoryCommand::Prune => {
            let policy = store.get_settings()?.history;
            let rows = store.prune_history(&policy, now_ms())?;
            Ok(format!("pruned {rows} history rows"))
        }
    }
}
