//! Databases in the seed's normalized schema: `canvases`, `canvas_nodes` and `canvas_edges`.
//!
//! As Drizzle writes them (the seed's `sqliteTable` definitions): timestamps are integer SECONDS
//! (`mode: 'timestamp'`), node `data` is JSON text (`mode: 'json'`), `z_index` defaults to 0 for
//! nodes that set none, and rows come back in insertion order, which is the canvas's array order.
//! Koda Desktop's own files share the tables and add milliseconds, `ord`, `extra`, a viewport and
//! a trash; those columns are used when present.

use super::foreign_sqlite::{real_at, select_list, text_at, ForeignDb};
use super::timestamps::{epoch_ms, TimeUnit};
use crate::progress::{ImportProgress, ImportStage, ProgressFn};
use koda_core::ids::now_ms;
use koda_core::validate::validate_canvas;
use koda_core::{
    CanvasEdge, CanvasNode, JsonText, Position, StoreError, StoreResult, StoredCanvas, Viewport,
};
use rusqlite::Row;
use serde_json::{Map, Value};

const CANVAS_COLUMNS: &[&str] = &[
    "id",
    "name",
    "description",
    "thumbnail",
    "created_at",
    "updated_at",
    "viewport_x",
    "viewport_y",
    "viewport_zoom",
];
const NODE_COLUMNS: &[&str] = &[
    "id",
    "type",
    "position_x",
    "position_y",
    "width",
    "height",
    "data",
    "z_index",
    "extra",
];
const EDGE_COLUMNS: &[&str] = &[
    "id",
    "source_node_id",
    "source_handle",
    "target_node_id",
    "target_handle",
    "type",
    "extra",
];

/// Reads and checks every live canvas. `desktop` selects Koda Desktop's conventions.
pub(crate) fn read(
    db: &ForeignDb,
    desktop: bool,
    progress: ProgressFn<'_>,
) -> StoreResult<Vec<StoredCanvas>> {
    let unit = if desktop {
        TimeUnit::Milliseconds
    } else {
        TimeUnit::Seconds
    };
    let canvas_columns = db.columns("canvases")?;
    let node_columns = db.columns("canvas_nodes")?;
    let edge_columns = if db.tables()?.contains("canvas_edges") {
        Some(db.columns("canvas_edges")?)
    } else {
        None
    };
    // Trashed canvases of a Koda Desktop file stay behind.
    let live = if canvas_columns.contains("deleted_at") {
        " WHERE deleted_at IS NULL"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {} FROM canvases{live} ORDER BY rowid",
        select_list(&canvas_columns, CANVAS_COLUMNS)
    );
    let mut statement = db.conn.prepare(&sql).map_err(|e| db.error(e))?;
    let headers = statement
        .query_map([], |row| canvas_header(row, unit))
        .map_err(|e| db.error(e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| db.error(e))?;
    let node_order = if node_columns.contains("ord") {
        "ord, rowid"
    } else {
        "rowid"
    };
    let node_sql = format!(
        "SELECT {} FROM canvas_nodes WHERE canvas_id = ?1 ORDER BY {node_order}",
        select_list(&node_columns, NODE_COLUMNS)
    );
    let edge_sql = edge_columns.as_ref().map(|columns| {
        let order = if columns.contains("ord") {
            "ord, rowid"
        } else {
            "rowid"
        };
        format!(
            "SELECT {} FROM canvas_edges WHERE canvas_id = ?1 ORDER BY {order}",
            select_list(columns, EDGE_COLUMNS)
        )
    });
    let total = headers.len();
    let mut canvases = Vec::with_capacity(total);
    for (index, header) in headers.into_iter().enumerate() {
        let mut canvas = header.map_err(|message| {
            StoreError::invalid(format!("canvases[row {}]", index + 1), message)
        })?;
        canvas.nodes = read_nodes(db, &node_sql, &canvas.id, desktop)?;
        if let Some(edge_sql) = &edge_sql {
            canvas.edges = read_edges(db, edge_sql, &canvas.id)?;
        }
        validate_canvas(&canvas).map_err(|error| locate(&canvas, error))?;
        progress(ImportProgress::new(
            ImportStage::Reading,
            index + 1,
            total,
            canvas.name.clone(),
        ));
        canvases.push(canvas);
    }
    Ok(canvases)
}

/// A canvas row, or what is wrong with it.
fn canvas_header(row: &Row<'_>, unit: TimeUnit) -> rusqlite::Result<Result<StoredCanvas, String>> {
    let Some(id) = text_at(row, 0)?.filter(|id| !id.is_empty()) else {
        return Ok(Err("the canvas has no id".into()));
    };
    let updated_at = epoch_ms(row.get_ref(5)?, unit);
    let created_at = epoch_ms(row.get_ref(4)?, unit)
        .or(updated_at)
        .unwrap_or_else(now_ms);
    let viewport = match (real_at(row, 6)?, real_at(row, 7)?, real_at(row, 8)?) {
        (Some(x), Some(y), Some(zoom)) => Some(Viewport { x, y, zoom }),
        _ => None,
    };
    Ok(Ok(StoredCanvas {
        id,
        name: text_at(row, 1)?
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "Untitled canvas".into()),
        description: text_at(row, 2)?,
        thumbnail: text_at(row, 3)?,
        created_at,
        updated_at: updated_at.unwrap_or(created_at),
        nodes: Vec::new(),
        edges: Vec::new(),
        viewport,
        revision: 0,
        details: Default::default(),
    }))
}

fn read_nodes(
    db: &ForeignDb,
    sql: &str,
    canvas_id: &str,
    desktop: bool,
) -> StoreResult<Vec<CanvasNode>> {
    let mut statement = db.conn.prepare_cached(sql).map_err(|e| db.error(e))?;
    let mut rows = statement.query([canvas_id]).map_err(|e| db.error(e))?;
    let mut nodes = Vec::new();
    while let Some(row) = rows.next().map_err(|e| db.error(e))? {
        let cell = |index: usize| text_at(row, index).map_err(|e| db.error(e));
        let number = |index: usize| real_at(row, index).map_err(|e| db.error(e));
        let Some(id) = cell(0)?.filter(|id| !id.is_empty()) else {
            let place = format!(
                "canvas_nodes[canvas_id={canvas_id}, row {}].id",
                nodes.len() + 1
            );
            return Err(StoreError::invalid(place, "the node has no id"));
        };
        let place = format!("canvas_nodes[id={id}]");
        let coordinate = |index: usize, column: &str| {
            number(index)?.ok_or_else(|| {
                StoreError::invalid(format!("{place}.{column}"), "missing or not a number")
            })
        };
        let position = Position {
            x: coordinate(2, "position_x")?,
            y: coordinate(3, "position_y")?,
        };
        let data = match cell(6)? {
            Some(text) => json_cell(&text, &format!("{place}.data"))?,
            None => JsonText::empty_object(),
        };
        if !data.is_object() {
            return Err(StoreError::invalid(
                format!("{place}.data"),
                "data must be a JSON object",
            ));
        }
        let z_index = row
            .get_ref(7)
            .map_err(|e| db.error(e))?
            .as_i64_or_null()
            .ok()
            .flatten();
        nodes.push(CanvasNode {
            node_type: cell(1)?
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "unknown".into()),
            position,
            data,
            width: number(4)?,
            height: number(5)?,
            // Drizzle stores 0 for a node that sets no zIndex; Koda Desktop stores NULL.
            z_index: if desktop {
                z_index
            } else {
                z_index.filter(|z| *z != 0)
            },
            extra: extra_cell(cell(8)?, &format!("{place}.extra"))?,
            id,
        });
    }
    Ok(nodes)
}

fn read_edges(db: &ForeignDb, sql: &str, canvas_id: &str) -> StoreResult<Vec<CanvasEdge>> {
    let mut statement = db.conn.prepare_cached(sql).map_err(|e| db.error(e))?;
    let mut rows = statement.query([canvas_id]).map_err(|e| db.error(e))?;
    let mut edges = Vec::new();
    while let Some(row) = rows.next().map_err(|e| db.error(e))? {
        let cell = |index: usize| text_at(row, index).map_err(|e| db.error(e));
        let Some(id) = cell(0)?.filter(|id| !id.is_empty()) else {
            let place = format!(
                "canvas_edges[canvas_id={canvas_id}, row {}].id",
                edges.len() + 1
            );
            return Err(StoreError::invalid(place, "the edge has no id"));
        };
        let place = format!("canvas_edges[id={id}]");
        let end = |index: usize, column: &str| {
            cell(index)?.ok_or_else(|| {
                StoreError::invalid(format!("{place}.{column}"), "the edge end is missing")
            })
        };
        edges.push(CanvasEdge {
            source: end(1, "source_node_id")?,
            source_handle: cell(2)?,
            target: end(3, "target_node_id")?,
            target_handle: cell(4)?,
            edge_type: cell(5)?,
            extra: extra_cell(cell(6)?, &format!("{place}.extra"))?,
            id,
        });
    }
    Ok(edges)
}

/// JSON text from a cell; a parse error names the cell with its line and column.
fn json_cell(text: &str, place: &str) -> StoreResult<JsonText> {
    JsonText::parse(text.to_owned()).map_err(|error| {
        StoreError::invalid(
            format!("{place} (line {}, column {})", error.line(), error.column()),
            format!("not valid JSON: {error}"),
        )
    })
}

/// Koda Desktop's `extra` column: a JSON object of the fields Koda does not model.
fn extra_cell(text: Option<String>, place: &str) -> StoreResult<Map<String, Value>> {
    let Some(text) = text else {
        return Ok(Map::new());
    };
    match json_cell(&text, place)?.to_value() {
        Value::Object(fields) => Ok(fields),
        Value::Null => Ok(Map::new()),
        _ => Err(StoreError::invalid(place, "extra must be a JSON object")),
    }
}

/// Turns a canvas-relative error path (`nodes[3].id`) into the table and row it came from.
fn locate(canvas: &StoredCanvas, error: StoreError) -> StoreError {
    let StoreError::Invalid { path, message } = error else {
        return error;
    };
    let row = |prefix: &str, table: &str, ids: &dyn Fn(usize) -> Option<String>| {
        let rest = path.strip_prefix(prefix)?;
        let (index, rest) = rest.split_once(']')?;
        let id = ids(index.parse().ok()?)?;
        Some(format!("{table}[id={id}]{rest}"))
    };
    let located = row("nodes[", "canvas_nodes", &|i| {
        canvas.nodes.get(i).map(|n| n.id.clone())
    })
    .or_else(|| {
        row("edges[", "canvas_edges", &|i| {
            canvas.edges.get(i).map(|e| e.id.clone())
        })
    });
    StoreError::invalid(
        located.unwrap_or_else(|| format!("canvases[id={}].{path}", canvas.id)),
        message,
    )
}
