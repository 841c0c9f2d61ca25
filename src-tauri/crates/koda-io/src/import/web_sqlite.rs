//! The Koda web app's SQLite file: one `canvases` row per canvas, its nodes and edges as JSON text,
//! timestamps in milliseconds. Optional columns may be missing.

use super::foreign_sqlite::{select_list, text_at, ForeignDb};
use super::timestamps::{epoch_ms, TimeUnit};
use super::within;
use crate::progress::{ImportProgress, ImportStage, ProgressFn};
use koda_core::ids::now_ms;
use koda_core::validate::{parse_json, validate_canvas};
use koda_core::{CanvasEdge, CanvasNode, StoreError, StoreResult, StoredCanvas, Viewport};

const COLUMNS: &[&str] = &[
    "id",
    "name",
    "description",
    "thumbnail",
    "nodes",
    "edges",
    "viewport",
    "created_at",
    "updated_at",
];

/// Reads and checks every canvas. Errors name the row (`canvases[id=c1].nodes[3].position.x`).
pub(crate) fn read(db: &ForeignDb, progress: ProgressFn<'_>) -> StoreResult<Vec<StoredCanvas>> {
    let available = db.columns("canvases")?;
    if !available.contains("id") {
        return Err(StoreError::invalid(
            "canvases",
            "the canvases table has no id column",
        ));
    }
    let total: i64 = db
        .conn
        .query_row("SELECT count(*) FROM canvases", [], |row| row.get(0))
        .map_err(|e| db.error(e))?;
    let sql = format!("SELECT {} FROM canvases", select_list(&available, COLUMNS));
    let mut statement = db.conn.prepare(&sql).map_err(|e| db.error(e))?;
    let mut rows = statement.query([]).map_err(|e| db.error(e))?;
    let mut canvases = Vec::new();
    while let Some(row) = rows.next().map_err(|e| db.error(e))? {
        let cell = |index: usize| text_at(row, index).map_err(|e| db.error(e));
        let Some(id) = cell(0)?.filter(|id| !id.is_empty()) else {
            return Err(StoreError::invalid(
                format!("canvases[row {}].id", canvases.len() + 1),
                "the canvas has no id",
            ));
        };
        let place = format!("canvases[id={id}]");
        let nodes: Vec<CanvasNode> = match cell(4)? {
            Some(text) => parse_json(&text).map_err(|e| within(&format!("{place}.nodes"), e))?,
            None => Vec::new(),
        };
        let edges: Vec<CanvasEdge> = match cell(5)? {
            Some(text) => parse_json(&text).map_err(|e| within(&format!("{place}.edges"), e))?,
            None => Vec::new(),
        };
        let viewport: Option<Viewport> = match cell(6)? {
            Some(text) => {
                Some(parse_json(&text).map_err(|e| within(&format!("{place}.viewport"), e))?)
            }
            None => None,
        };
        let time = |index: usize| {
            row.get_ref(index)
                .map(|v| epoch_ms(v, TimeUnit::Milliseconds))
                .map_err(|e| db.error(e))
        };
        let updated_at = time(8)?;
        let created_at = time(7)?.or(updated_at).unwrap_or_else(now_ms);
        let name = cell(1)?
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "Untitled canvas".into());
        let canvas = StoredCanvas {
            id,
            name,
            description: cell(2)?,
            thumbnail: cell(3)?,
            created_at,
            updated_at: updated_at.unwrap_or(created_at),
            nodes,
            edges,
            viewport,
            revision: 0,
            details: Default::default(),
        };
        validate_canvas(&canvas).map_err(|e| within(&place, e))?;
        progress(ImportProgress::new(
            ImportStage::Reading,
            canvases.len() + 1,
            total as usize,
            canvas.name.clone(),
        ));
        canvases.push(canvas);
    }
    Ok(canvases)
}
