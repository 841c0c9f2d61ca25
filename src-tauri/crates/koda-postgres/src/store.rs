//! `PgStore`: the Store traits over a PostgreSQL database, shared by a team.

use crate::connect::{PgPool, PgTarget};
use crate::error_map::{map_pool_error, PgResultExt};
use crate::listener::{publish, Listener, Subscribers};
use crate::migrations;
use crate::queries::nodes::Order;
use crate::queries::{canvases, changes, edges, nodes, records, settings, Tx};
use koda_core::ids::{new_id, now_ms};
use koda_core::validate::{validate_canvas, validate_id, validate_name, validate_patch};
use koda_core::*;
use postgres::IsolationLevel;
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex, PoisonError};

/// New nodes of a patch at revision `r` get `ord = r << ORD_SHIFT | index` (as on SQLite), which
/// sorts after every node already on the canvas without reading the current maximum.
const ORD_SHIFT: u32 = 20;

/// Connections kept per app instance. Writes are short; a team's instances share the server.
const POOL_SIZE: u32 = 8;

/// The PostgreSQL backend.
pub struct PgStore {
    target: PgTarget,
    pool: PgPool,
    /// The person this instance writes as (`canvases.user_id`, settings, profile).
    user_id: String,
    /// Names this instance in `change_log.origin`, to tell its own NOTIFYs from others'.
    origin: String,
    subscribers: Subscribers,
    listener: Mutex<Option<Listener>>,
    migrated: Vec<i64>,
}

impl PgStore {
    /// Connects to the database at `url` as the person `user_id`, creating or migrating Koda's
    /// tables in `schema` (default `public`). A schema written by a newer Koda is refused
    /// untouched; a wrong password or an unreachable server is a clear error.
    pub fn connect(url: &str, schema: Option<&str>, user_id: &str) -> StoreResult<Self> {
        validate_id("userId", user_id)?;
        let target = PgTarget::parse(url, schema)?;
        let mut client = target.connect()?;
        if target.schema() != "public" {
            client
                .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {}", target.schema()))
                .pg_err()?;
        }
        let migrated = migrations::migrate(&mut client)?;
        let mut tx = client.transaction().pg_err()?;
        settings::ensure_user(&mut tx, user_id, "You")?;
        tx.commit().pg_err()?;
        drop(client);
        let pool = target.pool(POOL_SIZE)?;
        Ok(Self {
            target,
            pool,
            user_id: user_id.to_owned(),
            origin: new_id(),
            subscribers: Arc::new(Mutex::new(Vec::new())),
            listener: Mutex::new(None),
            migrated,
        })
    }

    /// Migrations applied while connecting.
    pub fn migrated(&self) -> &[i64] {
        &self.migrated
    }

    /// The schema Koda's tables live in.
    pub fn schema(&self) -> &str {
        self.target.schema()
    }

    /// The person this instance writes as.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// The newest change-log position.
    pub fn latest_change_seq(&self) -> StoreResult<i64> {
        let mut client = self.pool.get().map_err(map_pool_error)?;
        changes::latest_seq(&mut *client)
    }

    /// What `koda doctor` checks on a server: counts, and canvases whose stored node count
    /// differs from their rows.
    pub fn health(&self) -> StoreResult<PgHealth> {
        self.read(|tx| {
            let counts = tx
                .query_one(
                    "SELECT current_setting('server_version'),
                            (SELECT count(*) FROM canvases), (SELECT count(*) FROM canvas_nodes),
                            (SELECT count(*) FROM canvas_edges), (SELECT count(*) FROM assets),
                            (SELECT coalesce(max(version), 0) FROM koda_schema_migrations)",
                    &[],
                )
                .pg_err()?;
            let miscounted = tx
                .query(
                    "SELECT c.id FROM canvases c
                     WHERE c.node_count <> (SELECT count(*) FROM canvas_nodes n WHERE n.canvas_id = c.id)
                     ORDER BY c.id COLLATE \"C\"",
                    &[],
                )
                .pg_err()?
                .iter()
                .map(|row| row.get(0))
                .collect();
            Ok(PgHealth {
                server_version: counts.get(0),
                schema: self.target.schema().to_owned(),
                schema_version: counts.get(5),
                canvases: counts.get(1),
                nodes: counts.get(2),
                edges: counts.get(3),
                assets: counts.get(4),
                miscounted,
            })
        })
    }

    /// Bytes Koda's tables and indexes take on the server.
    pub fn database_bytes(&self) -> StoreResult<u64> {
        let mut client = self.pool.get().map_err(map_pool_error)?;
        let bytes: i64 = client
            .query_one(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::BIGINT FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
                &[&self.target.schema()],
            )
            .pg_err()?
            .get(0);
        Ok(bytes.max(0) as u64)
    }

    /// Drops this store's schema with everything in it (scratch schemas of benchmarks). Refuses
    /// `public`, where a real database lives.
    pub fn drop_schema(self) -> StoreResult<()> {
        if self.target.schema() == "public" {
            return Err(StoreError::Config(
                "refusing to drop the public schema".into(),
            ));
        }
        let mut client = self.pool.get().map_err(map_pool_error)?;
        client
            .batch_execute(&format!("DROP SCHEMA {} CASCADE", self.target.schema()))
            .pg_err()
    }

    /// Which user a canvas belongs to, for team views and tests.
    pub fn canvas_owner(&self, id: &str) -> StoreResult<Option<String>> {
        self.read(|tx| {
            Ok(tx
                .query_opt("SELECT user_id FROM canvases WHERE id = $1", &[&id])
                .pg_err()?
                .and_then(|row| row.get(0)))
        })
    }

    /// Runs `work` in a read-only transaction with one snapshot (a canvas's header, nodes and
    /// edges are read consistently even while a teammate saves).
    fn read<T>(&self, work: impl FnOnce(&mut Tx<'_>) -> StoreResult<T>) -> StoreResult<T> {
        let mut client = self.pool.get().map_err(map_pool_error)?;
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .pg_err()?;
        let value = work(&mut tx)?;
        tx.commit().pg_err()?;
        Ok(value)
    }

    /// Runs a write in one transaction and, once it has committed, tells local subscribers (other
    /// instances hear of it through NOTIFY).
    fn write<T>(
        &self,
        work: impl FnOnce(&mut Tx<'_>, &Ctx<'_>) -> StoreResult<(T, Vec<ChangeEvent>)>,
    ) -> StoreResult<T> {
        let mut client = self.pool.get().map_err(map_pool_error)?;
        let mut tx = client.transaction().pg_err()?;
        let ctx = Ctx {
            origin: &self.origin,
            schema: self.target.schema(),
            user_id: &self.user_id,
        };
        let (value, events) = work(&mut tx, &ctx)?;
        tx.commit().pg_err()?;
        for event in &events {
            publish(&self.subscribers, event);
        }
        Ok(value)
    }

    fn set_trashed(&self, id: &str, trashed: bool) -> StoreResult<()> {
        self.write(|tx, ctx| {
            let revision =
                canvases::lock_revision(tx, id)?.ok_or_else(|| StoreError::canvas_not_found(id))?;
            let now = now_ms();
            canvases::set_deleted_at(tx, id, trashed.then_some(now))?;
            let kind = if trashed {
                ChangeKind::Trashed
            } else {
                ChangeKind::Restored
            };
            Ok((
                (),
                vec![ctx.record(tx, kind, Some(id), Some(revision), now)?],
            ))
        })
    }
}

/// What [`PgStore::health`] found.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PgHealth {
    pub server_version: String,
    pub schema: String,
    pub schema_version: i64,
    pub canvases: i64,
    pub nodes: i64,
    pub edges: i64,
    pub assets: i64,
    /// Canvases whose stored node count is wrong.
    pub miscounted: Vec<String>,
}

/// What every write needs besides the transaction.
struct Ctx<'a> {
    origin: &'a str,
    schema: &'a str,
    user_id: &'a str,
}

impl Ctx<'_> {
    fn record(
        &self,
        tx: &mut Tx<'_>,
        kind: ChangeKind,
        canvas_id: Option<&str>,
        revision: Option<Revision>,
        at: EpochMs,
    ) -> StoreResult<ChangeEvent> {
        changes::record(tx, self.origin, self.schema, kind, canvas_id, revision, at)
    }
}

/// Writes a whole canvas inside `tx`: header, then only the nodes and edges that are gone are
/// deleted, then everything is upserted in one statement per table.
fn save_in(
    tx: &mut Tx<'_>,
    ctx: &Ctx<'_>,
    canvas: &StoredCanvas,
    keep_updated_at: bool,
) -> StoreResult<(Revision, ChangeEvent)> {
    let now = now_ms();
    let updated_at = if keep_updated_at {
        canvas.updated_at
    } else {
        now
    };
    let revision = match canvases::lock_revision(tx, &canvas.id)? {
        None => {
            canvases::insert(tx, canvas, 1, updated_at, ctx.user_id)?;
            1
        }
        Some(current) => {
            canvases::update_header(tx, canvas, current + 1, updated_at)?;
            let keep_edges: Vec<&str> = canvas.edges.iter().map(|e| e.id.as_str()).collect();
            edges::delete_others(tx, &canvas.id, &keep_edges)?;
            let keep_nodes: Vec<&str> = canvas.nodes.iter().map(|n| n.id.as_str()).collect();
            nodes::delete_others(tx, &canvas.id, &keep_nodes)?;
            current + 1
        }
    };
    nodes::upsert_many(tx, &canvas.id, &canvas.nodes, 0, Order::Replace, now)?;
    edges::upsert_many(tx, &canvas.id, &canvas.edges, 0, true)?;
    canvases::set_node_count(tx, &canvas.id, canvas.nodes.len() as i32)?;
    let event = ctx.record(tx, ChangeKind::Saved, Some(&canvas.id), Some(revision), now)?;
    Ok((revision, event))
}

impl CanvasStore for PgStore {
    fn list_canvases(&self) -> StoreResult<Vec<CanvasMetadata>> {
        self.read(canvases::list_live)
    }

    fn list_trash(&self) -> StoreResult<Vec<CanvasMetadata>> {
        self.read(canvases::list_trashed)
    }

    fn get_canvas(&self, id: &str) -> StoreResult<Option<StoredCanvas>> {
        self.read(|tx| {
            let Some(mut canvas) = canvases::load_header(tx, id)? else {
                return Ok(None);
            };
            canvas.nodes = nodes::load(tx, id)?;
            canvas.edges = edges::load(tx, id)?;
            Ok(Some(canvas))
        })
    }

    fn canvas_exists(&self, id: &str) -> StoreResult<bool> {
        self.read(|tx| canvases::exists(tx, id))
    }

    fn save_canvas(&self, canvas: &StoredCanvas) -> StoreResult<Revision> {
        validate_canvas(canvas)?;
        self.write(|tx, ctx| {
            let (revision, event) = save_in(tx, ctx, canvas, false)?;
            Ok((revision, vec![event]))
        })
    }

    fn import_canvases(&self, list: &[StoredCanvas]) -> StoreResult<Vec<Revision>> {
        for canvas in list {
            validate_canvas(canvas)?;
        }
        self.write(|tx, ctx| {
            let mut revisions = Vec::with_capacity(list.len());
            let mut events = Vec::with_capacity(list.len());
            for canvas in list {
                let (revision, event) = save_in(tx, ctx, canvas, true)?;
                revisions.push(revision);
                events.push(event);
            }
            Ok((revisions, events))
        })
    }

    fn create_canvas(&self, name: &str) -> StoreResult<StoredCanvas> {
        validate_name("name", name)?;
        let mut canvas = StoredCanvas::new(name.trim(), now_ms());
        self.write(|tx, ctx| {
            canvases::insert(tx, &canvas, 1, canvas.updated_at, ctx.user_id)?;
            let event = ctx.record(
                tx,
                ChangeKind::Created,
                Some(&canvas.id),
                Some(1),
                canvas.updated_at,
            )?;
            Ok(((), vec![event]))
        })?;
        canvas.revision = 1;
        Ok(canvas)
    }

    fn rename_canvas(&self, id: &str, name: &str) -> StoreResult<Revision> {
        validate_name("name", name)?;
        self.write(|tx, ctx| {
            let current =
                canvases::lock_revision(tx, id)?.ok_or_else(|| StoreError::canvas_not_found(id))?;
            let now = now_ms();
            canvases::bump(tx, id, current + 1, now, Some(name.trim()), None, 0)?;
            let event = ctx.record(tx, ChangeKind::Renamed, Some(id), Some(current + 1), now)?;
            Ok((current + 1, vec![event]))
        })
    }

    fn duplicate_canvas(&self, id: &str, name: Option<&str>) -> StoreResult<StoredCanvas> {
        if let Some(name) = name {
            validate_name("name", name)?;
        }
        let new_id = self.write(|tx, ctx| {
            let mut header =
                canvases::load_header(tx, id)?.ok_or_else(|| StoreError::canvas_not_found(id))?;
            let now = now_ms();
            header.name = match name {
                Some(name) => name.trim().to_owned(),
                None => format!("{} (copy)", header.name),
            };
            header.id = new_id();
            header.created_at = now;
            canvases::insert(tx, &header, 1, now, ctx.user_id)?;
            let count = nodes::copy(tx, id, &header.id, now)?;
            canvases::set_node_count(tx, &header.id, count as i32)?;
            edges::copy(tx, id, &header.id)?;
            let event = ctx.record(tx, ChangeKind::Created, Some(&header.id), Some(1), now)?;
            Ok((header.id, vec![event]))
        })?;
        self.get_canvas(&new_id)?
            .ok_or_else(|| StoreError::canvas_not_found(&new_id))
    }

    fn trash_canvas(&self, id: &str) -> StoreResult<()> {
        self.set_trashed(id, true)
    }

    fn restore_canvas(&self, id: &str) -> StoreResult<()> {
        self.set_trashed(id, false)
    }

    fn purge_canvas(&self, id: &str) -> StoreResult<()> {
        self.write(|tx, ctx| {
            let revision =
                canvases::lock_revision(tx, id)?.ok_or_else(|| StoreError::canvas_not_found(id))?;
            canvases::delete(tx, id)?;
            let event = ctx.record(tx, ChangeKind::Purged, Some(id), Some(revision), now_ms())?;
            Ok(((), vec![event]))
        })
    }

    fn apply_patch(
        &self,
        id: &str,
        base_revision: Revision,
        patch: &CanvasPatch,
    ) -> StoreResult<Revision> {
        validate_patch(patch)?;
        self.write(|tx, ctx| {
            // The row lock makes a teammate's concurrent patch wait, then see our revision.
            let current =
                canvases::lock_revision(tx, id)?.ok_or_else(|| StoreError::canvas_not_found(id))?;
            if current != base_revision {
                return Err(StoreError::Conflict {
                    canvas_id: id.to_owned(),
                    base_revision,
                    current_revision: current,
                });
            }
            let revision = current + 1;
            let now = now_ms();
            edges::delete_many(tx, id, &patch.delete_edges)?;
            edges::delete_touching(tx, id, &patch.delete_nodes)?;
            let deleted = nodes::delete_many(tx, id, &patch.delete_nodes)?;
            let inserted = nodes::upsert_many(
                tx,
                id,
                &patch.upsert_nodes,
                revision << ORD_SHIFT,
                Order::KeepExisting,
                now,
            )?;
            edges::check_ends_exist(tx, id, &patch.upsert_edges)?;
            edges::upsert_many(tx, id, &patch.upsert_edges, revision << ORD_SHIFT, false)?;
            canvases::bump(
                tx,
                id,
                revision,
                now,
                patch.name.as_deref().map(str::trim),
                patch.viewport,
                inserted as i32 - deleted as i32,
            )?;
            let event = ctx.record(tx, ChangeKind::Patched, Some(id), Some(revision), now)?;
            Ok((revision, vec![event]))
        })
    }

    fn set_thumbnail(&self, id: &str, thumbnail: Option<&str>) -> StoreResult<()> {
        self.write(|tx, ctx| {
            if canvases::set_thumbnail(tx, id, thumbnail)? == 0 {
                return Err(StoreError::canvas_not_found(id));
            }
            let event = ctx.record(tx, ChangeKind::Thumbnail, Some(id), None, now_ms())?;
            Ok(((), vec![event]))
        })
    }
}

impl SettingsStore for PgStore {
    fn get_settings(&self) -> StoreResult<Settings> {
        self.read(|tx| settings::get(tx, &self.user_id))
    }

    fn set_settings(&self, value: &Settings) -> StoreResult<()> {
        self.write(|tx, ctx| {
            let now = now_ms();
            settings::set(tx, ctx.user_id, value, now)?;
            Ok((
                (),
                vec![ctx.record(tx, ChangeKind::Settings, None, None, now)?],
            ))
        })
    }

    fn get_profile(&self) -> StoreResult<Profile> {
        self.read(|tx| settings::get_profile(tx, &self.user_id))
    }

    fn set_profile(&self, profile: &Profile) -> StoreResult<()> {
        validate_name("name", &profile.name)?;
        self.write(|tx, ctx| {
            settings::set_profile(tx, ctx.user_id, profile)?;
            Ok((
                (),
                vec![ctx.record(tx, ChangeKind::Profile, None, None, now_ms())?],
            ))
        })
    }
}

impl RecordStore for PgStore {
    fn put_asset(&self, asset: &AssetRecord) -> StoreResult<()> {
        validate_id("id", &asset.id)?;
        self.write(|tx, ctx| {
            records::put_asset(tx, asset)?;
            let event = ctx.record(
                tx,
                ChangeKind::Asset,
                asset.canvas_id.as_deref(),
                None,
                now_ms(),
            )?;
            Ok(((), vec![event]))
        })
    }

    fn get_asset(&self, id: &str) -> StoreResult<Option<AssetRecord>> {
        self.read(|tx| records::get_asset(tx, id))
    }

    fn list_assets(&self, canvas_id: Option<&str>) -> StoreResult<Vec<AssetRecord>> {
        self.read(|tx| records::list_assets(tx, canvas_id))
    }

    fn find_asset_by_url(&self, url: &str) -> StoreResult<Option<AssetRecord>> {
        self.read(|tx| records::find_asset_by_url(tx, url))
    }

    fn delete_asset(&self, id: &str) -> StoreResult<()> {
        self.write(|tx, ctx| {
            if !records::delete_asset(tx, id)? {
                return Err(StoreError::NotFound {
                    what: "asset",
                    id: id.to_owned(),
                });
            }
            Ok((
                (),
                vec![ctx.record(tx, ChangeKind::Asset, None, None, now_ms())?],
            ))
        })
    }

    fn put_generation(&self, generation: &GenerationRecord) -> StoreResult<()> {
        validate_id("id", &generation.id)?;
        self.write(|tx, ctx| {
            records::put_generation(tx, generation, ctx.user_id)?;
            let event = ctx.record(
                tx,
                ChangeKind::Generation,
                generation.canvas_id.as_deref(),
                None,
                now_ms(),
            )?;
            Ok(((), vec![event]))
        })
    }

    fn get_generation(&self, id: &str) -> StoreResult<Option<GenerationRecord>> {
        self.read(|tx| records::get_generation(tx, id))
    }

    fn list_generations(&self, canvas_id: &str) -> StoreResult<Vec<GenerationRecord>> {
        self.read(|tx| records::list_generations(tx, canvas_id))
    }

    fn list_recent_generations(&self, limit: usize) -> StoreResult<Vec<GenerationRecord>> {
        self.read(|tx| records::list_recent_generations(tx, limit))
    }

    fn list_open_generations(&self) -> StoreResult<Vec<GenerationRecord>> {
        self.read(records::list_open_generations)
    }

    fn finish_generation(
        &self,
        generation: &GenerationRecord,
        update: Option<&NodeDataUpdate>,
    ) -> StoreResult<Option<Revision>> {
        validate_id("id", &generation.id)?;
        self.write(|tx, ctx| {
            let now = now_ms();
            let mut events = Vec::new();
            let mut written = None;
            if let Some(update) = update {
                if let Some(current) = canvases::lock_revision(tx, &update.canvas_id)? {
                    if records::merge_node_data(
                        tx,
                        &update.canvas_id,
                        &update.node_id,
                        &update.fields,
                        now,
                    )? {
                        let revision = current + 1;
                        canvases::bump(tx, &update.canvas_id, revision, now, None, None, 0)?;
                        events.push(ctx.record(
                            tx,
                            ChangeKind::Patched,
                            Some(&update.canvas_id),
                            Some(revision),
                            now,
                        )?);
                        written = Some(revision);
                    }
                }
            }
            records::put_generation(tx, generation, ctx.user_id)?;
            events.push(ctx.record(
                tx,
                ChangeKind::Generation,
                generation.canvas_id.as_deref(),
                None,
                now,
            )?);
            Ok((written, events))
        })
    }
}

impl ChangeFeed for PgStore {
    /// Own writes arrive right after their commit; other instances' writes arrive through
    /// LISTEN/NOTIFY (the listener starts with the first subscriber).
    fn subscribe(&self) -> Receiver<ChangeEvent> {
        let (sender, receiver) = channel();
        self.subscribers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(sender);
        let mut listener = self.listener.lock().unwrap_or_else(PoisonError::into_inner);
        if listener.is_none() {
            match self.latest_change_seq() {
                Ok(from_seq) => {
                    *listener = Some(Listener::start(
                        self.target.clone(),
                        self.origin.clone(),
                        from_seq,
                        Arc::clone(&self.subscribers),
                    ))
                }
                Err(error) => {
                    tracing::warn!(code = error.code(), %error, "cannot follow teammates' changes")
                }
            }
        }
        receiver
    }

    fn changes_since(&self, seq: i64, limit: u32) -> StoreResult<Vec<ChangeEvent>> {
        let mut client = self.pool.get().map_err(map_pool_error)?;
        changes::since(&mut *client, seq, limit, None)
    }
}
