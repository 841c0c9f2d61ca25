//! The sync engine: pull, decide, apply, push. Safe to interrupt at any point: local writes are
//! single transactions, remote pushes are single transactions, and every step can be repeated.

use crate::hlc::{Hlc, HlcClock};
use crate::remote::{Remote, RemoteRow};
use koda_core::ids::{new_id, now_ms};
use koda_core::{Secret, StoreError, StoreResult};
use koda_sqlite::sync_rows::{self, state_get, state_set};
use koda_sqlite::SqliteStore;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per push transaction.
const PUSH_BATCH: usize = 1000;

/// Where to sync. The token never appears in logs or error messages.
#[derive(Clone, Debug)]
pub struct SyncConfig {
    pub url: String,
    pub token: Secret,
}

/// The address, trimmed, if it is one Koda may send a token to: `libsql://`, `https://` or
/// `wss://` anywhere; plain `http://` or `ws://` only to this computer (a local sqld).
pub fn check_sync_url(url: &str) -> StoreResult<String> {
    let url = url.trim().trim_end_matches('/');
    if url.is_empty() {
        return Err(StoreError::invalid("url", "the sync address is empty"));
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(StoreError::invalid(
            "url",
            "the sync address must start with libsql:// or https://",
        ));
    };
    let host = address_host(rest);
    match scheme.to_ascii_lowercase().as_str() {
        "libsql" | "https" | "wss" if !host.is_empty() => Ok(url.to_owned()),
        "http" | "ws" if is_loopback(&host) => Ok(url.to_owned()),
        "http" | "ws" => Err(StoreError::invalid(
            "url",
            "plain http:// would send your token and canvases unencrypted; use libsql:// or https:// (http:// is allowed only for a server on this computer)",
        )),
        _ => Err(StoreError::invalid("url", "the sync address must start with libsql:// or https://")),
    }
}

/// The host of `authority[/path]`, without user info or port, lower-cased.
fn address_host(rest: &str) -> String {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    host.to_ascii_lowercase()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether two addresses name the same database (case of scheme and host, trailing slash aside).
fn same_address(a: &str, b: &str) -> bool {
    let norm = |u: &str| {
        let u = u.trim().trim_end_matches('/');
        match u.split_once("://") {
            Some((scheme, rest)) => {
                let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                format!(
                    "{}://{}{path}",
                    scheme.to_ascii_lowercase(),
                    authority.to_ascii_lowercase()
                )
            }
            None => u.to_owned(),
        }
    };
    norm(a) == norm(b)
}

/// What one sync did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub pulled: usize,
    pub applied: usize,
    pub pushed: usize,
    /// Rows where both sides had changed; the loser went to the canvas history.
    pub conflicts: usize,
    /// Pushed rows the server already had a newer version of (resolved by the next pull).
    pub rejected: usize,
}

type Key = (String, String, String);

/// Sync for one local store.
pub struct SyncEngine {
    store: Arc<SqliteStore>,
    data_dir: PathBuf,
    /// This computer's wall clock (tests set a wrong one).
    wall_clock: fn() -> i64,
}

impl SyncEngine {
    pub fn new(store: Arc<SqliteStore>, data_dir: &Path) -> Self {
        Self {
            store,
            data_dir: data_dir.to_path_buf(),
            wall_clock: now_ms,
        }
    }

    /// The same engine reading another wall clock: for tests of a computer whose clock is wrong.
    pub fn with_wall_clock(mut self, wall_clock: fn() -> i64) -> Self {
        self.wall_clock = wall_clock;
        self
    }

    fn state(&self, key: &str) -> StoreResult<Option<String>> {
        self.store.read_with(|conn| state_get(conn, key))
    }

    fn set_state(&self, key: &str, value: Option<&str>) -> StoreResult<()> {
        self.store
            .write_with(|tx| state_set(tx, key, value).map(|()| ((), Vec::new())))
    }

    /// This device's id, made on first use.
    pub fn device_id(&self) -> StoreResult<String> {
        if let Some(id) = self.state("device_id")? {
            return Ok(id);
        }
        let id = new_id();
        self.set_state("device_id", Some(&id))?;
        Ok(id)
    }

    /// Whether sync is on.
    pub fn is_enabled(&self) -> StoreResult<bool> {
        Ok(self.state("enabled")?.as_deref() == Some("1"))
    }

    /// The remote address, if one is set (the token stays inside).
    pub fn url(&self) -> StoreResult<Option<String>> {
        Ok(self.state("url")?.or_else(|| {
            std::env::var("TURSO_DATABASE_URL")
                .ok()
                .filter(|v| !v.is_empty())
        }))
    }

    /// Whether a token is stored (or given by `TURSO_AUTH_TOKEN`).
    pub fn has_token(&self) -> StoreResult<bool> {
        Ok(self.state("token")?.is_some()
            || std::env::var("TURSO_AUTH_TOKEN").is_ok_and(|v| !v.is_empty()))
    }

    /// The address and token to use.
    pub fn config(&self) -> StoreResult<SyncConfig> {
        let url = self
            .url()?
            .ok_or_else(|| StoreError::Config("no sync address is set".into()))?;
        let token = self.stored_token()?;
        Ok(SyncConfig { url, token })
    }

    fn stored_token(&self) -> StoreResult<Secret> {
        Ok(Secret::new(match self.state("token")? {
            Some(sealed) => koda_secrets::sealed::open(&self.data_dir, &sealed)?,
            None => std::env::var("TURSO_AUTH_TOKEN").unwrap_or_default(),
        }))
    }

    /// What to send to `url`: the token typed in, or else the stored one, but only when `url`
    /// is the address it was stored for. A token never goes to a server it was not entered for.
    pub fn config_for(&self, url: &str, typed: Option<&str>) -> StoreResult<SyncConfig> {
        let url = check_sync_url(url)?;
        let token = match typed.map(str::trim).filter(|t| !t.is_empty()) {
            Some(typed) => Secret::new(typed),
            None if self
                .url()?
                .is_some_and(|stored| same_address(&stored, &url)) =>
            {
                self.stored_token()?
            }
            None => Secret::default(),
        };
        Ok(SyncConfig { url, token })
    }

    /// Turns sync on: remembers the address and (encrypted) token, starts recording local
    /// changes, and queues every existing row for the first push. A new address starts over:
    /// the stored token is forgotten unless a new one is given, and the sync position is reset
    /// so everything on this device goes to the new server.
    pub fn enable(&self, url: &str, token: Option<&str>) -> StoreResult<()> {
        let url = check_sync_url(url)?;
        self.device_id()?;
        let sealed = token
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| koda_secrets::sealed::seal(&self.data_dir, t))
            .transpose()?;
        let moved = self
            .state("url")?
            .is_some_and(|stored| !same_address(&stored, &url));
        self.store.write_with(|tx| {
            state_set(tx, "url", Some(&url))?;
            if moved {
                state_set(tx, "cursor", None)?;
                tx.execute_batch("DELETE FROM sync_versions;").map_err(sqlite)?;
            }
            match &sealed {
                Some(sealed) => state_set(tx, "token", Some(sealed))?,
                None if moved => state_set(tx, "token", None)?,
                None => {}
            }
            sync_rows::install_outbox_triggers(tx)?;
            if moved || state_get(tx, "enabled")?.as_deref() != Some("1") {
                let now = now_ms();
                for (entity, canvas_id, row_id) in sync_rows::all_row_keys(tx)? {
                    tx.execute(
                        "INSERT OR IGNORE INTO sync_outbox (entity, canvas_id, row_id, changed_at) VALUES (?1, ?2, ?3, ?4)",
                        params![entity, canvas_id, row_id, now],
                    )
                    .map_err(sqlite)?;
                }
            }
            state_set(tx, "enabled", Some("1"))?;
            Ok(((), Vec::new()))
        })
    }

    /// Turns sync off: stops recording changes and forgets the sync position and token, so
    /// turning it on again starts a full, safe resync. Local data is untouched.
    pub fn disable(&self) -> StoreResult<()> {
        self.store.write_with(|tx| {
            sync_rows::remove_outbox_triggers(tx)?;
            tx.execute_batch("DELETE FROM sync_outbox; DELETE FROM sync_versions;")
                .map_err(sqlite)?;
            for key in ["enabled", "cursor", "token"] {
                state_set(tx, key, None)?;
            }
            Ok(((), Vec::new()))
        })
    }

    /// Local changes waiting to be pushed.
    pub fn pending(&self) -> StoreResult<i64> {
        self.store.read_with(|conn| {
            conn.query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0))
                .map_err(sqlite)
        })
    }

    /// Checks that the server answers with these credentials and has a schema we understand.
    pub async fn test_connection(config: &SyncConfig) -> StoreResult<()> {
        let remote = Remote::connect(&config.url, config.token.expose()).await?;
        remote.ping().await?;
        remote.ensure_schema().await
    }

    /// One full exchange with the server.
    pub async fn sync_once(&self) -> StoreResult<SyncReport> {
        if !self.is_enabled()? {
            return Err(StoreError::Config("sync is off".into()));
        }
        let config = self.config()?;
        let remote = Remote::connect(&config.url, config.token.expose()).await?;
        remote.ensure_schema().await?;
        // A computer whose clock runs far ahead would stamp its changes so they win every
        // conflict, now and long after: it syncs nothing until the clock is right. Its changes
        // wait in the outbox.
        let server_now = remote.now_ms().await?;
        let ahead = (self.wall_clock)() - server_now;
        if ahead > crate::hlc::MAX_CLOCK_SKEW_MS {
            return Err(StoreError::Config(format!(
                "this computer's clock is {} minutes ahead of the sync server's; set the right time to sync (your changes are kept and sync then)",
                ahead / 60_000
            )));
        }
        let device = self.device_id()?;
        let last = self.state("clock")?.and_then(|c| Hlc::parse(&c));
        let mut clock = HlcClock::new(device, last.as_ref());
        let mut report = SyncReport::default();

        self.stamp_outbox(&mut clock)?;
        let cursor: i64 = self
            .state("cursor")?
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let incoming = remote.pull(cursor).await?;
        report.pulled = incoming.len();
        if let Some(max_seq) = incoming.iter().map(|r| r.seq).max() {
            for row in &incoming {
                if let Some(hlc) = Hlc::parse(&row.hlc) {
                    clock.observe(&hlc, server_now);
                }
            }
            let (applied, conflicts) = self.apply(&incoming)?;
            report.applied = applied;
            report.conflicts = conflicts;
            self.set_state("cursor", Some(&max_seq.to_string()))?;
        }
        self.save_clock(&clock)?;

        // Changes made while we pulled get their clock now.
        self.stamp_outbox(&mut clock)?;
        self.save_clock(&clock)?;
        let outgoing = self.collect_outgoing()?;
        for batch in outgoing.chunks(PUSH_BATCH) {
            let (_, accepted) = remote.push(batch).await?;
            report.pushed += accepted.len();
            report.rejected += batch.len() - accepted.len();
            self.mark_pushed(batch, &accepted)?;
        }
        Ok(report)
    }

    fn save_clock(&self, clock: &HlcClock) -> StoreResult<()> {
        self.set_state("clock", Some(&clock.last().encode()))
    }

    /// Gives every not-yet-stamped local change its clock value.
    fn stamp_outbox(&self, clock: &mut HlcClock) -> StoreResult<()> {
        self.store.write_with(|tx| {
            let pending: Vec<(String, String, String, i64)> = tx
                .prepare("SELECT entity, canvas_id, row_id, changed_at FROM sync_outbox WHERE hlc IS NULL ORDER BY changed_at")
                .map_err(sqlite)?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .map_err(sqlite)?
                .collect::<rusqlite::Result<_>>()
                .map_err(sqlite)?;
            for (entity, canvas_id, row_id, changed_at) in pending {
                let hlc = clock.stamp(changed_at).encode();
                tx.execute(
                    "UPDATE sync_outbox SET hlc = ?4 WHERE entity = ?1 AND canvas_id = ?2 AND row_id = ?3",
                    params![entity, canvas_id, row_id, hlc],
                )
                .map_err(sqlite)?;
            }
            Ok(((), Vec::new()))
        })
    }

    /// Applies pulled rows in one local transaction; returns (applied, conflicts).
    fn apply(&self, incoming: &[RemoteRow]) -> StoreResult<(usize, usize)> {
        // Parents before children when writing, children before parents when deleting.
        let rank = |row: &RemoteRow| {
            let order = ["canvas", "asset", "node", "edge", "settings", "profile"];
            let position = order
                .iter()
                .position(|e| *e == row.entity)
                .unwrap_or(order.len());
            if row.payload.is_some() {
                position
            } else {
                100 - position
            }
        };
        let mut rows: Vec<&RemoteRow> = incoming.iter().collect();
        // Only the newest version of each row matters.
        let mut newest: HashMap<Key, &RemoteRow> = HashMap::new();
        for row in rows.drain(..) {
            let entry = newest.entry(row.key()).or_insert(row);
            if row.hlc > entry.hlc {
                *entry = row;
            }
        }
        let mut rows: Vec<&RemoteRow> = newest.into_values().collect();
        rows.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then(a.seq.cmp(&b.seq))
                .then(a.key().cmp(&b.key()))
        });

        self.store.write_with(|tx| {
            let mut applied = 0;
            let mut conflicts = 0;
            let mut touched = BTreeSet::new();
            for row in rows {
                let (entity, canvas_id, row_id) = (&row.entity, &row.canvas_id, &row.row_id);
                let pending: Option<Option<String>> = tx
                    .query_row(
                        "SELECT hlc FROM sync_outbox WHERE entity = ?1 AND canvas_id = ?2 AND row_id = ?3",
                        params![entity, canvas_id, row_id],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(sqlite)?;
                let held: Option<String> = tx
                    .query_row(
                        "SELECT hlc FROM sync_versions WHERE entity = ?1 AND canvas_id = ?2 AND row_id = ?3",
                        params![entity, canvas_id, row_id],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(sqlite)?;
                let history_canvas = if entity == "canvas" { row_id.clone() } else { canvas_id.clone() };
                match pending {
                    Some(local_hlc) => {
                        // Both sides changed the row: the later clock wins, the other is kept.
                        let local_hlc = local_hlc.unwrap_or_default();
                        if row.hlc == local_hlc {
                            continue;
                        }
                        conflicts += 1;
                        if row.hlc > local_hlc {
                            let current = sync_rows::read_row(tx, entity, canvas_id, row_id)?;
                            keep_in_history(tx, &history_canvas, row, current.map(|v| v.to_string()), &local_hlc, &row.hlc, "conflict: this device's version lost")?;
                        } else {
                            keep_in_history(tx, &history_canvas, row, row.payload.clone(), &row.hlc, &local_hlc, "conflict: the other device's version lost")?;
                            continue;
                        }
                    }
                    None => {
                        if held.as_deref().is_some_and(|held| held >= row.hlc.as_str()) {
                            continue;
                        }
                        // A newer version from elsewhere replaces ours: keep ours in the history
                        // when it differs, so no version is ever silently gone.
                        let current = sync_rows::read_row(tx, entity, canvas_id, row_id)?;
                        let incoming: Option<serde_json::Value> = row.payload.as_deref().map(serde_json::from_str).transpose()?;
                        if current.is_some() && current != incoming {
                            let held = held.clone().unwrap_or_default();
                            keep_in_history(tx, &history_canvas, row, current.map(|v| v.to_string()), &held, &row.hlc, "replaced by a newer version")?;
                        }
                    }
                }
                let payload: Option<serde_json::Value> = row.payload.as_deref().map(serde_json::from_str).transpose()?;
                if sync_rows::write_row(tx, entity, canvas_id, row_id, payload.as_ref())? {
                    applied += 1;
                    if !canvas_id.is_empty() || entity == "canvas" {
                        touched.insert(history_canvas.clone());
                    }
                }
                record_version(tx, row)?;
                // The write fired the outbox triggers; this row came from the server, so it
                // must not be sent back.
                tx.execute(
                    "DELETE FROM sync_outbox WHERE entity = ?1 AND canvas_id = ?2 AND row_id = ?3",
                    params![entity, canvas_id, row_id],
                )
                .map_err(sqlite)?;
            }
            let touched: Vec<String> = touched.into_iter().collect();
            let events = sync_rows::finish_canvases(tx, &touched)?;
            Ok(((applied, conflicts), events))
        })
    }

    /// Reads the current state of every stamped outbox row.
    fn collect_outgoing(&self) -> StoreResult<Vec<RemoteRow>> {
        self.store.read_with(|conn| {
            let entries: Vec<(String, String, String, String)> = conn
                .prepare("SELECT entity, canvas_id, row_id, hlc FROM sync_outbox WHERE hlc IS NOT NULL ORDER BY hlc")
                .map_err(sqlite)?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .map_err(sqlite)?
                .collect::<rusqlite::Result<_>>()
                .map_err(sqlite)?;
            let mut rows = Vec::with_capacity(entries.len());
            for (entity, canvas_id, row_id, hlc) in entries {
                let payload = sync_rows::read_row(conn, &entity, &canvas_id, &row_id)?.map(|v| v.to_string());
                rows.push(RemoteRow { entity, canvas_id, row_id, hlc, payload, seq: 0 });
            }
            Ok(rows)
        })
    }

    /// Records what the server accepted; rows changed again meanwhile stay queued.
    fn mark_pushed(
        &self,
        batch: &[RemoteRow],
        accepted: &std::collections::HashSet<Key>,
    ) -> StoreResult<()> {
        self.store.write_with(|tx| {
            for row in batch.iter().filter(|r| accepted.contains(&r.key())) {
                record_version(tx, row)?;
                tx.execute(
                    "DELETE FROM sync_outbox WHERE entity = ?1 AND canvas_id = ?2 AND row_id = ?3 AND hlc = ?4",
                    params![row.entity, row.canvas_id, row.row_id, row.hlc],
                )
                .map_err(sqlite)?;
            }
            Ok(((), Vec::new()))
        })
    }

    /// Puts a version from the history back as a new local change; the next sync sends it to the
    /// other devices (with a new clock, so it wins there too).
    pub fn restore_history(&self, entry_id: i64) -> StoreResult<HistoryEntry> {
        let entry = self.store.read_with(|conn| {
            conn.query_row(
                "SELECT id, canvas_id, entity, row_id, payload, hlc, replaced_by_hlc, reason, at FROM canvas_history WHERE id = ?1",
                [entry_id],
                |r| {
                    Ok((
                        r.get::<_, String>(1)?,
                        HistoryEntry {
                            id: r.get(0)?,
                            entity: r.get(2)?,
                            row_id: r.get(3)?,
                            payload: r.get(4)?,
                            hlc: r.get(5)?,
                            replaced_by_hlc: r.get(6)?,
                            reason: r.get(7)?,
                            at: r.get(8)?,
                        },
                    ))
                },
            )
            .optional()
            .map_err(sqlite)
        })?;
        let (canvas_id, entry) = entry.ok_or_else(|| StoreError::NotFound {
            what: "history entry",
            id: entry_id.to_string(),
        })?;
        let payload: Option<serde_json::Value> = entry
            .payload
            .as_deref()
            .map(serde_json::from_str)
            .transpose()?;
        let row_canvas = if entry.entity == "canvas" {
            entry.row_id.clone()
        } else {
            canvas_id.clone()
        };
        self.store.write_with(|tx| {
            if !sync_rows::write_row(
                tx,
                &entry.entity,
                &row_canvas,
                &entry.row_id,
                payload.as_ref(),
            )? {
                return Err(StoreError::NotFound {
                    what: "canvas",
                    id: canvas_id.clone(),
                });
            }
            let events = sync_rows::finish_canvases(tx, std::slice::from_ref(&canvas_id))?;
            Ok(((), events))
        })?;
        Ok(entry)
    }

    /// Versions of a canvas's rows that sync replaced, newest first.
    pub fn history(&self, canvas_id: &str) -> StoreResult<Vec<HistoryEntry>> {
        self.store.read_with(|conn| {
            let mut statement = conn
                .prepare(
                    "SELECT id, entity, row_id, payload, hlc, replaced_by_hlc, reason, at FROM canvas_history
                     WHERE canvas_id = ?1 ORDER BY id DESC",
                )
                .map_err(sqlite)?;
            let rows = statement
                .query_map([canvas_id], |r| {
                    Ok(HistoryEntry {
                        id: r.get(0)?,
                        entity: r.get(1)?,
                        row_id: r.get(2)?,
                        payload: r.get(3)?,
                        hlc: r.get(4)?,
                        replaced_by_hlc: r.get(5)?,
                        reason: r.get(6)?,
                        at: r.get(7)?,
                    })
                })
                .map_err(sqlite)?;
            rows.collect::<rusqlite::Result<_>>().map_err(sqlite)
        })
    }
}

/// One replaced version.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub entity: String,
    pub row_id: String,
    /// JSON of the replaced row; `None` when the replaced version was a deletion.
    pub payload: Option<String>,
    pub hlc: Option<String>,
    pub replaced_by_hlc: String,
    pub reason: String,
    #[ts(type = "number")]
    pub at: i64,
}

/// Remembers which version of a row this device now holds.
fn record_version(tx: &Transaction<'_>, row: &RemoteRow) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO sync_versions (entity, canvas_id, row_id, hlc) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (entity, canvas_id, row_id) DO UPDATE SET hlc = excluded.hlc",
        params![row.entity, row.canvas_id, row.row_id, row.hlc],
    )
    .map_err(sqlite)?;
    Ok(())
}

fn keep_in_history(
    tx: &Transaction<'_>,
    canvas_id: &str,
    row: &RemoteRow,
    payload: Option<String>,
    hlc: &str,
    replaced_by: &str,
    reason: &str,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO canvas_history (canvas_id, entity, row_id, payload, hlc, replaced_by_hlc, reason, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![canvas_id, row.entity, row.row_id, payload, hlc, replaced_by, reason, now_ms()],
    )
    .map_err(sqlite)?;
    Ok(())
}

fn sqlite(error: rusqlite::Error) -> StoreError {
    StoreError::Database(error.to_string())
}
