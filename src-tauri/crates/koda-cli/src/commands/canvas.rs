//! `koda canvas …`

use super::write_output;
use crate::cli::CanvasCommand;
use koda_core::{CanvasMetadata, Store, StoreError, StoreResult};

pub fn run(store: &dyn Store, command: CanvasCommand) -> StoreResult<String> {
    match command {
        CanvasCommand::List { json, trash } => {
            let canvases = if trash {
                store.list_trash()?
            } else {
                store.list_canvases()?
            };
            if json {
                Ok(serde_json::to_string_pretty(&canvases)?)
            } else {
                Ok(table(&canvases, trash))
            }
        }
        CanvasCommand::Import { .. } => {
            unreachable!("imports store media as asset files: main.rs runs them")
        }
        CanvasCommand::Export { id, output } => {
            let canvas = store
                .get_canvas(&id)?
                .ok_or_else(|| StoreError::canvas_not_found(&id))?;
            write_output(output.as_deref(), &serde_json::to_string_pretty(&canvas)?)?;
            Ok(match output {
                Some(path) => format!(
                    "exported '{}' ({} nodes) to {}",
                    canvas.name,
                    canvas.nodes.len(),
                    path.display()
                ),
                None => String::new(),
            })
        }
        CanvasCommand::Trash { id } => store
            .trash_canvas(&id)
            .map(|()| format!("moved {id} to the trash")),
        CanvasCommand::Restore { id } => {
            store.restore_canvas(&id).map(|()| format!("restored {id}"))
        }
        CanvasCommand::Purge { .. } => {
            unreachable!("purge removes asset files too: main.rs runs it")
        }
    }
}

fn table(canvases: &[CanvasMetadata], trash: bool) -> String {
    if canvases.is_empty() {
        return if trash {
            "the trash is empty".into()
        } else {
            "no canvases yet".into()
        };
    }
    let mut out = format!(
        "{:<38} {:>6}  {:<20} NAME\n",
        "ID",
        "NODES",
        if trash { "TRASHED" } else { "EDITED" }
    );
    for canvas in canvases {
        let when = if trash {
            canvas.deleted_at.unwrap_or(canvas.updated_at)
        } else {
            canvas.updated_at
        };
        out.push_str(&format!(
            "{:<38} {:>6}  {:<20} {}\n",
            canvas.id,
            canvas.node_count,
            format_time(when),
            canvas.name
        ));
    }
    out.pop();
    out
}

/// `YYYY-MM-DD HH:MM` in UTC.
fn format_time(ms: i64) -> String {
    let (year, month, day, hour, minute, ..) = koda_io::clock::utc_parts(ms);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_times_in_utc() {
        assert_eq!(super::format_time(0), "1970-01-01 00:00");
        assert_eq!(super::format_time(1_738_324_800_250), "2025-01-31 12:00");
    }
}
