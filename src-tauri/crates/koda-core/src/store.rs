//! The storage API every backend implements (SQLite now; PostgreSQL and others later). The
//! conformance suite in [`crate::conformance`] is written against these traits only.

use crate::error::StoreResult;
use crate::events::ChangeEvent;
use crate::model::*;
use std::sync::mpsc::Receiver;

/// Canvases, their nodes and edges.
pub trait CanvasStore: Send + Sync {
    /// Live canvases (trash excluded), most recently edited first, with their real node counts.
    fn list_canvases(&self) -> StoreResult<Vec<CanvasMetadata>>;
    /// Canvases in the trash, most recently trashed first.
    fn list_trash(&self) -> StoreResult<Vec<CanvasMetadata>>;
    /// A whole canvas (also one in the trash), or `None`.
    fn get_canvas(&self, id: &str) -> StoreResult<Option<StoredCanvas>>;
    /// Whether a canvas with this id is stored (trashed ones included).
    fn canvas_exists(&self, id: &str) -> StoreResult<bool>;
    /// Writes a whole canvas, creating it or replacing its content; returns the new revision.
    /// Only nodes and edges that are gone are deleted, so this is not a blind rewrite.
    fn save_canvas(&self, canvas: &StoredCanvas) -> StoreResult<Revision>;
    /// Like [`Self::save_canvas`] but keeps the canvas's `updatedAt` (imports, restores), so a
    /// canvas exported and imported again is identical.
    fn import_canvas(&self, canvas: &StoredCanvas) -> StoreResult<Revision> {
        Ok(self.import_canvases(std::slice::from_ref(canvas))?[0])
    }
    /// Imports many canvases in one transaction: all of them are written, or none.
    fn import_canvases(&self, canvases: &[StoredCanvas]) -> StoreResult<Vec<Revision>>;
    /// The seed's `deleteCanvas`: moves the canvas to the trash (see [`Self::purge_canvas`]).
    fn delete_canvas(&self, id: &str) -> StoreResult<()> {
        self.trash_canvas(id)
    }
    /// Creates an empty canvas.
    fn create_canvas(&self, name: &str) -> StoreResult<StoredCanvas>;
    /// Renames a canvas; returns the new revision.
    fn rename_canvas(&self, id: &str, name: &str) -> StoreResult<Revision>;
    /// Copies a canvas with its nodes and edges under a new id.
    fn duplicate_canvas(&self, id: &str, name: Option<&str>) -> StoreResult<StoredCanvas>;
    /// Moves a canvas to the trash; it keeps all its content.
    fn trash_canvas(&self, id: &str) -> StoreResult<()>;
    /// Brings a canvas back from the trash.
    fn restore_canvas(&self, id: &str) -> StoreResult<()>;
    /// Deletes a canvas and everything in it for good.
    fn purge_canvas(&self, id: &str) -> StoreResult<()>;
    /// Applies an incremental change atomically. Fails with `Conflict` and writes nothing when the
    /// canvas is no longer at `base_revision`. Returns the new revision.
    fn apply_patch(
        &self,
        id: &str,
        base_revision: Revision,
        patch: &CanvasPatch,
    ) -> StoreResult<Revision>;
    /// Sets or clears the canvas's thumbnail (an asset reference or URL); does not bump the revision,
    /// since a thumbnail is derived from the content.
    fn set_thumbnail(&self, id: &str, thumbnail: Option<&str>) -> StoreResult<()>;
}

/// Typed settings and the local profile.
pub trait SettingsStore: Send + Sync {
    fn get_settings(&self) -> StoreResult<Settings>;
    fn set_settings(&self, settings: &Settings) -> StoreResult<()>;
    fn get_profile(&self) -> StoreResult<Profile>;
    fn set_profile(&self, profile: &Profile) -> StoreResult<()>;
}

/// Asset and generation rows.
pub trait RecordStore: Send + Sync {
    fn put_asset(&self, asset: &AssetRecord) -> StoreResult<()>;
    fn get_asset(&self, id: &str) -> StoreResult<Option<AssetRecord>>;
    /// Assets of one canvas, or all when `canvas_id` is `None`; oldest first.
    fn list_assets(&self, canvas_id: Option<&str>) -> StoreResult<Vec<AssetRecord>>;
    fn delete_asset(&self, id: &str) -> StoreResult<()>;
    /// The newest asset downloaded from `url` (a remote output kept for offline use), if any.
    fn find_asset_by_url(&self, url: &str) -> StoreResult<Option<AssetRecord>>;
    fn put_generation(&self, generation: &GenerationRecord) -> StoreResult<()>;
    fn get_generation(&self, id: &str) -> StoreResult<Option<GenerationRecord>>;
    /// Generations of one canvas, newest first.
    fn list_generations(&self, canvas_id: &str) -> StoreResult<Vec<GenerationRecord>>;
    /// Generations of every canvas, newest first, at most `limit`.
    fn list_recent_generations(&self, limit: usize) -> StoreResult<Vec<GenerationRecord>>;
    /// Runs still in flight (pending, submitted, processing), oldest first: what a start resumes.
    fn list_open_generations(&self) -> StoreResult<Vec<GenerationRecord>>;
    /// Records a run's outcome and, in the same transaction, writes its outputs into its node's
    /// data (`update`'s fields replace those keys; the rest of the data is kept), bumping the
    /// canvas revision. A node deleted meanwhile only gets the row. Returns the new revision
    /// when the node was written.
    fn finish_generation(
        &self,
        generation: &GenerationRecord,
        update: Option<&NodeDataUpdate>,
    ) -> StoreResult<Option<Revision>>;
}

/// Versions of each canvas and full-text search.
pub trait HistoryStore: Send + Sync {
    /// Versions kept of a canvas, newest first (the current state is not one of them).
    fn list_versions(&self, canvas_id: &str) -> StoreResult<Vec<VersionInfo>>;
    /// The canvas as it was at a version; `NotFound` for a version it does not have.
    fn get_version(&self, canvas_id: &str, version_id: i64) -> StoreResult<StoredCanvas>;
    /// Puts the whole canvas back as it was at a version, or only `node_id` with its edges to
    /// nodes that exist now. The state it replaces becomes a version itself; returns the new
    /// revision.
    fn restore_version(
        &self,
        canvas_id: &str,
        version_id: i64,
        node_id: Option<&str>,
    ) -> StoreResult<Revision>;
    /// Applies the retention policy to every canvas's history and prunes the change log and
    /// replaced sync versions; returns how many rows went.
    fn prune_history(&self, policy: &HistorySettings, now: EpochMs) -> StoreResult<u64>;
    /// Canvas names and descriptions and every word in node data; prefixes, no case or
    /// accents; best first. Any text is a valid query.
    fn search(&self, query: &SearchQuery) -> StoreResult<Vec<SearchHit>>;
    /// Rebuilds the search index from the stored canvases; returns the entries written.
    fn reindex(&self) -> StoreResult<usize>;
}

/// Committed changes, for the UI and for sync.
pub trait ChangeFeed: Send + Sync {
    /// A receiver of every change committed from now on by this store instance.
    fn subscribe(&self) -> Receiver<ChangeEvent>;
    /// Changes committed after `seq` by any process (e.g. the CLI while the app runs), oldest first.
    fn changes_since(&self, seq: i64, limit: u32) -> StoreResult<Vec<ChangeEvent>>;
}

/// A complete storage backend.
pub trait Store: CanvasStore + SettingsStore + RecordStore + HistoryStore + ChangeFeed {}

impl<T: CanvasStore + SettingsStore + RecordStore + HistoryStore + ChangeFeed> Store for T {}
