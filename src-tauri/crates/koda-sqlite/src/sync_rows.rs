//! Row-level access for cloud sync: every synced row as `(entity, canvas_id, row_id)` with a JSON
//! payload, read and written with the same SQL conventions as the rest of this crate. The sync
//! engine (crate `koda-sync`) decides what to write; this module knows how.

use crate::error_map::SqliteResultExt;
use crate::queries::{canvases, changes, edges, nodes, records, settings};
use koda_core::ids::now_ms;
use koda_core::rules::Bump;
use koda_core::*;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The kinds of rows that travel.
pub const ENTITIES: [&str; 6] = ["canvas", "node", "edge", "asset", "settings", "profile"];

/// A canvas's synced fields (revision, node count and `updatedAt` are per device).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CanvasHeader {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub thumbnail: Option<String>,
    pub created_at: EpochMs,
    pub viewport: Option<Viewport>,
    pub deleted_at: Option<EpochMs>,
    /// Koda web's extra canvas fields; absent in rows pushed by older versions.
    #[serde(default)]
    pub details: CanvasDetails,
}

/// A node or edge with its place in the canvas's order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ordered<T> {
    pub item: T,
    pub ord: i64,
}

/// Reads the current payload of a row; `None` when the row does not exist (a deletion).
pub fn read_row(
    conn: &Connection,
    entity: &str,
    canvas_id: &str,
    row_id: &str,
) -> StoreResult<Option<Value>> {
    let value = match entity {
        "canvas" => canvases::load_header(conn, row_id)?
            .map(|c| -> StoreResult<Value> {
                let deleted_at = canvases::state(conn, row_id)?.and_then(|(_, d)| d);
                Ok(serde_json::to_value(CanvasHeader {
                    id: c.id,
                    name: c.name,
                    description: c.description,
                    thumbnail: c.thumbnail,
                    created_at: c.created_at,
                    viewport: c.viewport,
                    deleted_at,
                    details: c.details,
                })?)
            })
            .transpose()?,
        "node" => nodes::load_one(conn, canvas_id, row_id)?
            .map(|(item, ord)| serde_json::to_value(Ordered { item, ord }))
            .transpose()?,
        "edge" => edges::load_one(conn, canvas_id, row_id)?
            .map(|(item, ord)| serde_json::to_value(Ordered { item, ord }))
            .transpose()?,
        "asset" => records::get_asset(conn, row_id)?
            .map(serde_json::to_value)
            .transpose()?,
        "settings" => Some(serde_json::to_value(settings::get(conn)?)?),
        "profile" => Some(serde_json::to_value(settings::get_profile(conn)?)?),
        other => {
            return Err(StoreError::invalid(
                "entity",
                format!("unknown entity '{other}'"),
            ))
        }
    };
    Ok(value)
}

/// Writes a row from its payload (`None` deletes it). Returns `false` when the row cannot be
/// placed yet (its canvas is missing), so the caller can skip it.
pub fn write_row(
    tx: &Transaction<'_>,
    entity: &str,
    canvas_id: &str,
    row_id: &str,
    payload: Option<&Value>,
) -> StoreResult<bool> {
    let now = now_ms();
    let canvas_exists = |tx: &Transaction<'_>| -> StoreResult<bool> {
        Ok(canvases::state(tx, canvas_id)?.is_some())
    };
    match (entity, payload) {
        ("canvas", Some(payload)) => {
            let header: CanvasHeader = serde_json::from_value(payload.clone())?;
            let mut canvas = StoredCanvas::new(header.name.clone(), header.created_at);
            canvas.id = header.id.clone();
            canvas.description = header.description.clone();
            canvas.thumbnail = header.thumbnail.clone();
            canvas.viewport = header.viewport;
            canvas.details = header.details.clone();
            match canvases::state(tx, &header.id)? {
                None => canvases::insert(tx, &canvas, 1, now)?,
                Some((revision, _)) => canvases::update_header(tx, &canvas, revision, now)?,
            }
            canvases::set_deleted_at(tx, &header.id, header.deleted_at)?;
        }
        ("canvas", None) => canvases::delete(tx, row_id)?,
        ("node", Some(payload)) => {
            if !canvas_exists(tx)? {
                return Ok(false);
            }
            let ordered: Ordered<CanvasNode> = serde_json::from_value(payload.clone())?;
            nodes::NodeUpserter::new(tx, nodes::Order::Replace, now)?.upsert(
                canvas_id,
                &ordered.item,
                ordered.ord,
            )?;
        }
        ("node", None) => {
            nodes::delete_many(tx, canvas_id, &[row_id.to_owned()])?;
        }
        ("edge", Some(payload)) => {
            if !canvas_exists(tx)? {
                return Ok(false);
            }
            let ordered: Ordered<CanvasEdge> = serde_json::from_value(payload.clone())?;
            edges::EdgeUpserter::new(tx, true)?.upsert(canvas_id, &ordered.item, ordered.ord)?;
        }
        ("edge", None) => {
            edges::delete_many(tx, canvas_id, &[row_id.to_owned()])?;
        }
        ("asset", Some(payload)) => {
            let asset: AssetRecord = serde_json::from_value(payload.clone())?;
            if asset.canvas_id.is_some() && !canvas_exists(tx)? {
                return Ok(false);
            }
            records::put_asset(tx, &asset)?;
        }
        ("asset", None) => {
            records::delete_asset(tx, row_id)?;
        }
        ("settings", Some(payload)) => {
            settings::set(tx, &serde_json::from_value(payload.clone())?, now)?
        }
        ("profile", Some(payload)) => {
            settings::set_profile(tx, &serde_json::from_value(payload.clone())?, now)?
        }
        ("settings" | "profile", None) => {}
        (other, _) => {
            return Err(StoreError::invalid(
                "entity",
                format!("unknown entity '{other}'"),
            ))
        }
    }
    Ok(true)
}

/// After rows arrived: drop edges whose ends are gone (both devices do the same, so they agree),
/// fix node counts, bump each touched canvas's revision and log a `synced` change.
pub fn finish_canvases(
    tx: &Transaction<'_>,
    canvas_ids: &[String],
) -> StoreResult<Vec<ChangeEvent>> {
    let mut events = Vec::new();
    for canvas_id in canvas_ids {
        let Some((revision, _)) = canvases::state(tx, canvas_id)? else {
            continue;
        };
        tx.execute(
            "DELETE FROM canvas_edges WHERE canvas_id = ?1 AND (
               NOT EXISTS (SELECT 1 FROM canvas_nodes n WHERE n.canvas_id = ?1 AND n.id = source_node_id)
               OR NOT EXISTS (SELECT 1 FROM canvas_nodes n WHERE n.canvas_id = ?1 AND n.id = target_node_id))",
            [canvas_id],
        )
        .store_err()?;
        let count = nodes::count(tx, canvas_id)?;
        canvases::set_node_count(tx, canvas_id, count)?;
        let now = now_ms();
        canvases::bump(
            tx,
            canvas_id,
            Bump {
                revision: revision + 1,
                updated_at: Some(now),
                name: None,
                viewport: None,
                node_delta: 0,
            },
        )?;
        events.push(changes::record(
            tx,
            ChangeKind::Synced,
            Some(canvas_id),
            Some(revision + 1),
            now,
        )?);
    }
    Ok(events)
}

/// Every row that exists now, as outbox keys (used when sync is first turned on).
pub fn all_row_keys(conn: &Connection) -> StoreResult<Vec<(String, String, String)>> {
    let mut keys = Vec::new();
    let sql = "SELECT 'canvas', id, id FROM canvases
               UNION ALL SELECT 'node', canvas_id, id FROM canvas_nodes
               UNION ALL SELECT 'edge', canvas_id, id FROM canvas_edges
               UNION ALL SELECT 'asset', coalesce(canvas_id, ''), id FROM assets
               UNION ALL SELECT 'settings', '', user_id FROM user_settings
               UNION ALL SELECT 'profile', '', id FROM users";
    let mut statement = conn.prepare(sql).store_err()?;
    let rows = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .store_err()?;
    for row in rows {
        keys.push(row.store_err()?);
    }
    Ok(keys)
}

/// Triggers that record local changes in `sync_outbox`. They exist only while sync is on, so
/// with sync off a save pays nothing for it. They upsert rather than `INSERT OR REPLACE`: inside
/// a trigger SQLite lets the outer statement's conflict policy override an `OR` clause.
pub fn install_outbox_triggers(conn: &Connection) -> StoreResult<()> {
    let now = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
    let mut sql = String::new();
    let tables = [
        ("canvas_nodes", "node", "{r}.canvas_id", "{r}.id"),
        ("canvas_edges", "edge", "{r}.canvas_id", "{r}.id"),
        ("assets", "asset", "coalesce({r}.canvas_id, '')", "{r}.id"),
        ("user_settings", "settings", "''", "{r}.user_id"),
        ("users", "profile", "''", "{r}.id"),
        ("canvases", "canvas", "{r}.id", "{r}.id"),
    ];
    for (table, entity, canvas_expr, row_expr) in tables {
        for (event, r) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
            let canvas_expr = canvas_expr.replace("{r}", r);
            let row_expr = row_expr.replace("{r}", r);
            // A canvas row is also rewritten for its revision and node count, which do not
            // travel; only changes to synced fields enqueue it.
            let when = if table == "canvases" && event == "UPDATE" {
                "WHEN OLD.name IS NOT NEW.name OR OLD.description IS NOT NEW.description
                   OR OLD.thumbnail IS NOT NEW.thumbnail OR OLD.viewport_x IS NOT NEW.viewport_x
                   OR OLD.viewport_y IS NOT NEW.viewport_y OR OLD.viewport_zoom IS NOT NEW.viewport_zoom
                   OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.created_at IS NOT NEW.created_at
                   OR OLD.extra IS NOT NEW.extra"
            } else {
                ""
            };
            sql.push_str(&format!(
                "CREATE TRIGGER IF NOT EXISTS sync_{table}_{event} AFTER {event} ON {table} {when} BEGIN
                   INSERT INTO sync_outbox (entity, canvas_id, row_id, changed_at, hlc)
                   VALUES ('{entity}', {canvas_expr}, {row_expr}, {now}, NULL)
                   ON CONFLICT (entity, canvas_id, row_id) DO UPDATE SET changed_at = excluded.changed_at, hlc = NULL;
                 END;\n",
                event = event.to_lowercase(),
            ));
        }
    }
    // `{event}` in the trigger name above is lower case; the statement needs the keyword.
    let sql = sql
        .replace("AFTER insert", "AFTER INSERT")
        .replace("AFTER update", "AFTER UPDATE")
        .replace("AFTER delete", "AFTER DELETE");
    conn.execute_batch(&sql).store_err()
}

/// Re-creates the outbox triggers when they were made by an older version (before canvases had
/// an `extra` column), so a change to only those fields still travels. Nothing when sync is off.
pub fn refresh_outbox_triggers(conn: &Connection) -> StoreResult<()> {
    let current: Option<String> = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'sync_canvases_update'",
            [],
            |row| row.get(0),
        )
        .optional()
        .store_err()?;
    match current {
        Some(sql) if !sql.contains("OLD.extra") => {
            remove_outbox_triggers(conn)?;
            install_outbox_triggers(conn)
        }
        _ => Ok(()),
    }
}

/// Removes the outbox triggers (sync turned off).
pub fn remove_outbox_triggers(conn: &Connection) -> StoreResult<()> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'")
        .store_err()?
        .query_map([], |row| row.get(0))
        .store_err()?
        .collect::<rusqlite::Result<_>>()
        .store_err()?;
    for name in names {
        conn.execute_batch(&format!("DROP TRIGGER IF EXISTS \"{name}\";"))
            .store_err()?;
    }
    Ok(())
}

/// Reads a `sync_state` value.
pub fn state_get(conn: &Connection, key: &str) -> StoreResult<Option<String>> {
    conn.query_row(
        "SELECT value FROM sync_state WHERE key = ?1",
        [key],
        |row| row.get(0),
    )
    .optional()
    .store_err()
}

/// Writes a `sync_state` value (`None` removes it).
pub fn state_set(conn: &Connection, key: &str, value: Option<&str>) -> StoreResult<()> {
    match value {
        Some(value) => conn.execute(
            "INSERT INTO sync_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        ),
        None => conn.execute("DELETE FROM sync_state WHERE key = ?1", [key]),
    }
    .store_err()?;
    Ok(())
}
