//! `SqliteStore`: the Store traits over the embedded SQLite file.

use crate::db::Db;
use crate::error_map::SqliteResultExt;
use crate::migrations;
use crate::queries::nodes::Order;
use crate::queries::{canvases, changes, edges, nodes, records, settings};
use koda_core::config::DatabaseLocation;
use koda_core::ids::{new_id, now_ms};
use koda_core::validate::{validate_canvas, validate_id, validate_name, validate_patch};
use koda_core::*;
use rusqlite::Transaction;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, PoisonError};

/// New nodes of a patch at revision `r` get `ord = r << ORD_SHIFT | index`, which sorts after
/// every node already on the canvas without reading the current maximum.
const ORD_SHIFT: u32 = 20;

/// What opening the store did, for logs and `koda doctor`.
#[derive(Debug, Clone, Default)]
pub struct OpenReport {
    /// Migrations applied while opening.
    pub migrated: Vec<i64>,
    /// Copy of the database taken before migrating it.
    pub backup: Option<PathBuf>,
}

/// The SQLite backend.
pub struct SqliteStore {
    db: Db,
    subscribers: Mutex<Vec<Sender<ChangeEvent>>>,
    report: OpenReport,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `location` and brings its schema up to date.
    /// A database from a newer Koda is refused before anything is written to it; an existing
    /// one that needs migrating is copied to `backups/` first.
    pub fn open(location: &DatabaseLocation) -> StoreResult<Self> {
        match location {
            DatabaseLocation::Memory => {
                let mut conn = crate::connection::open_memory()?;
                let migrated = migrations::migrate(&mut conn)?;
                Ok(Self::from_db(
                    Db::memory(conn),
                    OpenReport {
                        migrated,
                        backup: None,
                    },
                ))
            }
            DatabaseLocation::File(path) => Self::open_file(path),
        }
    }

    /// Opens the database file at `path`.
    pub fn open_file(path: &Path) -> StoreResult<Self> {
        Self::open_file_with(path, migrations::MIGRATIONS)
    }

    /// [`Self::open_file`] with an explicit migration list, so tests can play older and newer
    /// versions of Koda against one file.
    #[doc(hidden)]
    pub fn open_file_with(path: &Path, list: &[migrations::Migration]) -> StoreResult<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let existing = migrations::peek_version(path)?;
        if let Some(version) = existing {
            migrations::ensure_not_newer(version, list)?;
        }
        let mut conn = crate::connection::open_writer(path)?;
        let mut report = OpenReport::default();
        let target = list.last().map_or(0, |m| m.version);
        if let Some(version) = existing.filter(|v| *v > 0 && *v < target) {
            report.backup = Some(migrations::backup_before_migration(
                &conn, path, version, target,
            )?);
        }
        report.migrated = migrations::migrate_with(&mut conn, list)?;
        if target >= 3 {
            crate::sync_rows::refresh_outbox_triggers(&conn)?;
        }
        Ok(Self::from_db(Db::file(conn, path)?, report))
    }

    fn from_db(db: Db, report: OpenReport) -> Self {
        Self {
            db,
            subscribers: Mutex::new(Vec::new()),
            report,
        }
    }

    /// What opening did.
    pub fn open_report(&self) -> &OpenReport {
        &self.report
    }

    /// The database file, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.db.path()
    }

    /// Low-level access for maintenance code in this crate (doctor, backup).
    pub(crate) fn db(&self) -> &Db {
        &self.db
    }

    /// Runs a write and, once it has committed, tells subscribers.
    fn write<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<(T, ChangeEvent)>,
    ) -> StoreResult<T> {
        let (value, event) = self.db.write(work)?;
        self.publish(event);
        Ok(value)
    }

    fn publish(&self, event: ChangeEvent) {
        let mut subscribers = self
            .subscribers
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        subscribers.retain(|subscriber| subscriber.send(event.clone()).is_ok());
    }

    fn save(&self, canvas: &StoredCanvas) -> StoreResult<Revision> {
        validate_canvas(canvas)?;
        self.write(|tx| save_in(tx, canvas, false))
    }

    /// Runs a write producing several events and publishes them all after the commit.
    fn write_many<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<(T, Vec<ChangeEvent>)>,
    ) -> StoreResult<T> {
        let (value, events) = self.db.write(work)?;
        for event in events {
            self.publish(event);
        }
        Ok(value)
    }

    fn set_trashed(&self, id: &str, trashed: bool) -> StoreResult<()> {
        self.write(|tx| {
            let (revision, _) =
                canvases::state(tx, id)?.ok_or_else(|| StoreError::canvas_not_found(id))?;
            let now = now_ms();
            canvases::set_deleted_at(tx, id, trashed.then_some(now))?;
            let kind = if trashed {
                ChangeKind::Trashed
            } else {
                ChangeKind::Restored
            };
            let event = changes::record(tx, kind, Some(id), Some(revision), now)?;
            Ok(((), event))
        })
    }
}

/// Writes a whole canvas inside `tx`, diffing against what is stored.
fn save_in(
    tx: &Transaction<'_>,
    canvas: &StoredCanvas,
    keep_updated_at: bool,
) -> StoreResult<(Revision, ChangeEvent)> {
    let now = now_ms();
    let updated_at = if keep_updated_at {
        canvas.updated_at
    } else {
        now
    };
    let revision = match canvases::state(tx, &canvas.id)? {
        None => {
            canvases::insert(tx, canvas, 1, updated_at)?;
            1
        }
        Some((current, _)) => {
            let revision = current + 1;
            canvases::update_header(tx, canvas, revision, updated_at)?;
            remove_missing(tx, canvas)?;
            revision
        }
    };
    let mut node_writer = nodes::NodeUpserter::new(tx, Order::Replace, now)?;
    for (ord, node) in canvas.nodes.iter().enumerate() {
        node_writer.upsert(&canvas.id, node, ord as i64)?;
    }
    let mut edge_writer = edges::EdgeUpserter::new(tx, true)?;
    for (ord, edge) in canvas.edges.iter().enumerate() {
        edge_writer.upsert(&canvas.id, edge, ord as i64)?;
    }
    // A whole-canvas save leaves exactly the canvas's nodes.
    canvases::set_node_count(tx, &canvas.id, canvas.nodes.len() as i64)?;
    let event = changes::record(tx, ChangeKind::Saved, Some(&canvas.id), Some(revision), now)?;
    Ok((revision, event))
}

/// Deletes the stored nodes and edges a whole-canvas save no longer contains.
fn remove_missing(tx: &Transaction<'_>, canvas: &StoredCanvas) -> StoreResult<()> {
    let keep_nodes: HashSet<&str> = canvas.nodes.iter().map(|n| n.id.as_str()).collect();
    let gone_nodes: Vec<String> = nodes::ids(tx, &canvas.id)?
        .into_iter()
        .filter(|id| !keep_nodes.contains(id.as_str()))
        .collect();
    let keep_edges: HashSet<&str> = canvas.edges.iter().map(|e| e.id.as_str()).collect();
    let gone_edges: Vec<String> = edges::ids(tx, &canvas.id)?
        .into_iter()
        .filter(|id| !keep_edges.contains(id.as_str()))
        .collect();
    edges::delete_many(tx, &canvas.id, &gone_edges)?;
    nodes::delete_many(tx, &canvas.id, &gone_nodes)?;
    Ok(())
}

impl CanvasStore for SqliteStore {
    fn list_canvases(&self) -> StoreResult<Vec<CanvasMetadata>> {
        self.db.read(canvases::list_live)
    }

    fn list_trash(&self) -> StoreResult<Vec<CanvasMetadata>> {
        self.db.read(canvases::list_trashed)
    }

    fn get_canvas(&self, id: &str) -> StoreResult<Option<StoredCanvas>> {
        self.db.read(|conn| {
            let Some(mut canvas) = canvases::load_header(conn, id)? else {
                return Ok(None);
            };
            canvas.nodes = nodes::load(conn, id)?;
            canvas.edges = edges::load(conn, id)?;
            Ok(Some(canvas))
        })
    }

    fn canvas_exists(&self, id: &str) -> StoreResult<bool> {
        self.db
            .read(|conn| Ok(canvases::state(conn, id)?.is_some()))
    }

    fn save_canvas(&self, canvas: &StoredCanvas) -> StoreResult<Revision> {
        self.save(canvas)
    }

    fn import_canvases(&self, list: &[StoredCanvas]) -> StoreResult<Vec<Revision>> {
        for canvas in list {
            validate_canvas(canvas)?;
        }
        self.write_many(|tx| {
            let mut revisions = Vec::with_capacity(list.len());
            let mut events = Vec::with_capacity(list.len());
            for canvas in list {
                let (revision, event) = save_in(tx, canvas, true)?;
                revisions.push(revision);
                events.push(event);
            }
            Ok((revisions, events))
        })
    }

    fn create_canvas(&self, name: &str) -> StoreResult<StoredCanvas> {
        validate_name("name", name)?;
        let mut canvas = StoredCanvas::new(name.trim(), now_ms());
        self.write(|tx| {
            canvases::insert(tx, &canvas, 1, canvas.updated_at)?;
            let event = changes::record(
                tx,
                ChangeKind::Created,
                Some(&canvas.id),
                Some(1),
                canvas.updated_at,
            )?;
            Ok(((), event))
        })?;
        canvas.revision = 1;
        Ok(canvas)
    }

    fn rename_canvas(&self, id: &str, name: &str) -> StoreResult<Revision> {
        validate_name("name", name)?;
        self.write(|tx| {
            let (current, _) =
                canvases::state(tx, id)?.ok_or_else(|| StoreError::canvas_not_found(id))?;
            let now = now_ms();
            canvases::bump(tx, id, current + 1, now, Some(name.trim()), None)?;
            let event = changes::record(tx, ChangeKind::Renamed, Some(id), Some(current + 1), now)?;
            Ok((current + 1, event))
        })
    }

    fn duplicate_canvas(&self, id: &str, name: Option<&str>) -> StoreResult<StoredCanvas> {
        if let Some(name) = name {
            validate_name("name", name)?;
        }
        let new_id = self.write(|tx| {
            let mut header =
                canvases::load_header(tx, id)?.ok_or_else(|| StoreError::canvas_not_found(id))?;
            let now = now_ms();
            header.name = match name {
                Some(name) => name.trim().to_owned(),
                None => format!("{} (copy)", header.name),
            };
            header.id = new_id();
            header.created_at = now;
            canvases::insert(tx, &header, 1, now)?;
            nodes::copy(tx, id, &header.id, now)?;
            let count = nodes::count(tx, &header.id)?;
            canvases::set_node_count(tx, &header.id, count)?;
            edges::copy(tx, id, &header.id)?;
            let event = changes::record(tx, ChangeKind::Created, Some(&header.id), Some(1), now)?;
            Ok((header.id, event))
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
        self.write(|tx| {
            let (revision, _) =
                canvases::state(tx, id)?.ok_or_else(|| StoreError::canvas_not_found(id))?;
            canvases::delete(tx, id)?;
            let event =
                changes::record(tx, ChangeKind::Purged, Some(id), Some(revision), now_ms())?;
            Ok(((), event))
        })
    }

    fn apply_patch(
        &self,
        id: &str,
        base_revision: Revision,
        patch: &CanvasPatch,
    ) -> StoreResult<Revision> {
        validate_patch(patch)?;
        self.write(|tx| {
            let (current, _) =
                canvases::state(tx, id)?.ok_or_else(|| StoreError::canvas_not_found(id))?;
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
            let mut node_delta = -(nodes::delete_many(tx, id, &patch.delete_nodes)? as i64);
            let first_new_ord = revision << ORD_SHIFT;
            let mut node_writer = nodes::NodeUpserter::new(tx, Order::KeepExisting, now)?;
            for (index, node) in patch.upsert_nodes.iter().enumerate() {
                if node_writer.upsert(id, node, first_new_ord + index as i64)? {
                    node_delta += 1;
                }
            }
            drop(node_writer);
            canvases::add_node_count(tx, id, node_delta)?;
            let upserted: HashSet<&str> =
                patch.upsert_nodes.iter().map(|n| n.id.as_str()).collect();
            let mut edge_writer = edges::EdgeUpserter::new(tx, false)?;
            for (index, edge) in patch.upsert_edges.iter().enumerate() {
                for (end, node_id) in [("source", &edge.source), ("target", &edge.target)] {
                    if !upserted.contains(node_id.as_str()) && !nodes::exists(tx, id, node_id)? {
                        return Err(StoreError::invalid(
                            format!("upsertEdges[{index}].{end}"),
                            format!(
                                "edge '{}' points to node '{node_id}', which is not on the canvas",
                                edge.id
                            ),
                        ));
                    }
                }
                edge_writer.upsert(id, edge, first_new_ord + index as i64)?;
            }
            canvases::bump(
                tx,
                id,
                revision,
                now,
                patch.name.as_deref().map(str::trim),
                patch.viewport,
            )?;
            let event = changes::record(tx, ChangeKind::Patched, Some(id), Some(revision), now)?;
            Ok((revision, event))
        })
    }

    fn set_thumbnail(&self, id: &str, thumbnail: Option<&str>) -> StoreResult<()> {
        self.write(|tx| {
            if canvases::set_thumbnail(tx, id, thumbnail)? == 0 {
                return Err(StoreError::canvas_not_found(id));
            }
            let event = changes::record(tx, ChangeKind::Thumbnail, Some(id), None, now_ms())?;
            Ok(((), event))
        })
    }
}

impl SettingsStore for SqliteStore {
    fn get_settings(&self) -> StoreResult<Settings> {
        self.db.read(settings::get)
    }

    fn set_settings(&self, value: &Settings) -> StoreResult<()> {
        self.write(|tx| {
            let now = now_ms();
            settings::set(tx, value, now)?;
            Ok((
                (),
                changes::record(tx, ChangeKind::Settings, None, None, now)?,
            ))
        })
    }

    fn get_profile(&self) -> StoreResult<Profile> {
        self.db.read(settings::get_profile)
    }

    fn set_profile(&self, profile: &Profile) -> StoreResult<()> {
        validate_name("name", &profile.name)?;
        self.write(|tx| {
            let now = now_ms();
            settings::set_profile(tx, profile, now)?;
            Ok((
                (),
                changes::record(tx, ChangeKind::Profile, None, None, now)?,
            ))
        })
    }
}

impl RecordStore for SqliteStore {
    fn put_asset(&self, asset: &AssetRecord) -> StoreResult<()> {
        validate_id("id", &asset.id)?;
        self.write(|tx| {
            records::put_asset(tx, asset)?;
            let event = changes::record(
                tx,
                ChangeKind::Asset,
                asset.canvas_id.as_deref(),
                None,
                now_ms(),
            )?;
            Ok(((), event))
        })
    }

    fn get_asset(&self, id: &str) -> StoreResult<Option<AssetRecord>> {
        self.db.read(|conn| records::get_asset(conn, id))
    }

    fn list_assets(&self, canvas_id: Option<&str>) -> StoreResult<Vec<AssetRecord>> {
        self.db.read(|conn| records::list_assets(conn, canvas_id))
    }

    fn find_asset_by_url(&self, url: &str) -> StoreResult<Option<AssetRecord>> {
        self.db.read(|conn| records::find_asset_by_url(conn, url))
    }

    fn delete_asset(&self, id: &str) -> StoreResult<()> {
        self.write(|tx| {
            if !records::delete_asset(tx, id)? {
                return Err(StoreError::NotFound {
                    what: "asset",
                    id: id.to_owned(),
                });
            }
            Ok((
                (),
                changes::record(tx, ChangeKind::Asset, None, None, now_ms())?,
            ))
        })
    }

    fn put_generation(&self, generation: &GenerationRecord) -> StoreResult<()> {
        validate_id("id", &generation.id)?;
        self.write(|tx| {
            records::put_generation(tx, generation)?;
            let event = changes::record(
                tx,
                ChangeKind::Generation,
                generation.canvas_id.as_deref(),
                None,
                now_ms(),
            )?;
            Ok(((), event))
        })
    }

    fn get_generation(&self, id: &str) -> StoreResult<Option<GenerationRecord>> {
        self.db.read(|conn| records::get_generation(conn, id))
    }

    fn list_generations(&self, canvas_id: &str) -> StoreResult<Vec<GenerationRecord>> {
        self.db
            .read(|conn| records::list_generations(conn, canvas_id))
    }

    fn list_recent_generations(&self, limit: usize) -> StoreResult<Vec<GenerationRecord>> {
        self.db
            .read(|conn| records::list_recent_generations(conn, limit))
    }

    fn list_open_generations(&self) -> StoreResult<Vec<GenerationRecord>> {
        self.db.read(records::list_open_generations)
    }

    fn finish_generation(
        &self,
        generation: &GenerationRecord,
        update: Option<&NodeDataUpdate>,
    ) -> StoreResult<Option<Revision>> {
        validate_id("id", &generation.id)?;
        self.write_many(|tx| {
            let now = now_ms();
            let mut events = Vec::new();
            let mut written = None;
            if let Some(update) = update {
                let state = canvases::state(tx, &update.canvas_id)?;
                if let Some((current, _)) = state {
                    if records::merge_node_data(
                        tx,
                        &update.canvas_id,
                        &update.node_id,
                        &update.fields,
                        now,
                    )? {
                        let revision = current + 1;
                        canvases::bump(tx, &update.canvas_id, revision, now, None, None)?;
                        events.push(changes::record(
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
            records::put_generation(tx, generation)?;
            events.push(changes::record(
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

impl ChangeFeed for SqliteStore {
    fn subscribe(&self) -> Receiver<ChangeEvent> {
        let (sender, receiver) = channel();
        self.subscribers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(sender);
        receiver
    }

    fn changes_since(&self, seq: i64, limit: u32) -> StoreResult<Vec<ChangeEvent>> {
        self.db.read(|conn| changes::since(conn, seq, limit))
    }
}

impl SqliteStore {
    /// The newest change-log position, to start following changes from.
    pub fn latest_change_seq(&self) -> StoreResult<i64> {
        self.db.read(changes::latest_seq)
    }

    /// For the sync engine: one write transaction whose change events are published after the
    /// commit, like every other write.
    pub fn write_with<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> StoreResult<(T, Vec<ChangeEvent>)>,
    ) -> StoreResult<T> {
        self.write_many(work)
    }

    /// For the sync engine: one read transaction.
    pub fn read_with<T>(
        &self,
        work: impl FnOnce(&rusqlite::Connection) -> StoreResult<T>,
    ) -> StoreResult<T> {
        self.db.read(work)
    }

    /// Checkpoints the WAL into the main file (on close, before a file copy).
    pub fn checkpoint(&self) -> StoreResult<()> {
        self.db.with_writer(|conn| {
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
                .store_err()
        })
    }
}
