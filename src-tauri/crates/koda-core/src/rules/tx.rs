//! What a backend supplies: the statements of one transaction. Every decision about writing a
//! canvas (revisions, conflicts, node counts, names, order, which events) is made in
//! [`super`] over this trait, so SQLite and PostgreSQL cannot drift apart.

use crate::error::StoreResult;
use crate::events::{ChangeEvent, ChangeKind};
use crate::history::HistoryRow;
use crate::model::*;
use serde_json::{Map, Value};

/// How an upsert treats the order of rows that exist already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Keep an existing row where it is (incremental saves); `ord` applies to new rows only.
    KeepExisting,
    /// Move every row to the given `ord` (whole-canvas saves, which carry the full order).
    Replace,
}

/// The new state of a canvas row after a change.
#[derive(Debug, Clone, Copy)]
pub struct Bump<'a> {
    pub revision: Revision,
    /// `None` keeps `updated_at` (a change that is not an edit, such as panning).
    pub updated_at: Option<EpochMs>,
    pub name: Option<&'a str>,
    pub viewport: Option<Viewport>,
    /// Added to the stored node count.
    pub node_delta: i64,
}

/// One searchable text.
#[derive(Debug, Clone, Copy)]
pub struct IndexEntry<'a> {
    pub canvas_id: &'a str,
    pub node_id: Option<&'a str>,
    pub node_type: Option<&'a str>,
    pub text: &'a str,
    pub folded: &'a str,
}

/// An index entry that matched, with its canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexHit {
    pub canvas_id: String,
    pub canvas_name: String,
    pub node_id: Option<String>,
    pub node_type: Option<String>,
    pub text: String,
    /// Higher is better.
    pub score: f64,
    pub trashed: bool,
}

/// The statements of one transaction on one backend. Reads run in a read transaction (one
/// snapshot); writes in a write transaction that commits only if the whole rule succeeds.
pub trait StoreTx {
    // ---- canvases --------------------------------------------------------------------------
    /// In a write transaction: the canvas's revision, locking its row until the transaction
    /// ends (PostgreSQL), or `None`.
    fn lock_canvas(&mut self, id: &str) -> StoreResult<Option<Revision>>;
    /// Whether the canvas is stored (trashed ones included); no lock.
    fn canvas_exists(&mut self, id: &str) -> StoreResult<bool>;
    /// Live (`trashed == false`) or trashed canvases, in the order the store lists them.
    fn list_canvases(&mut self, trashed: bool) -> StoreResult<Vec<CanvasMetadata>>;
    /// A canvas without its nodes and edges.
    fn load_header(&mut self, id: &str) -> StoreResult<Option<StoredCanvas>>;
    fn load_nodes(&mut self, canvas_id: &str) -> StoreResult<Vec<CanvasNode>>;
    fn load_edges(&mut self, canvas_id: &str) -> StoreResult<Vec<CanvasEdge>>;
    fn insert_canvas(
        &mut self,
        canvas: &StoredCanvas,
        revision: Revision,
        updated_at: EpochMs,
    ) -> StoreResult<()>;
    /// Replaces every header field of an existing canvas.
    fn update_header(
        &mut self,
        canvas: &StoredCanvas,
        revision: Revision,
        updated_at: EpochMs,
    ) -> StoreResult<()>;
    fn bump(&mut self, id: &str, bump: Bump<'_>) -> StoreResult<()>;
    fn set_node_count(&mut self, id: &str, count: i64) -> StoreResult<()>;
    fn set_deleted_at(&mut self, id: &str, deleted_at: Option<EpochMs>) -> StoreResult<()>;
    /// Returns whether the canvas exists.
    fn set_thumbnail(&mut self, id: &str, thumbnail: Option<&str>) -> StoreResult<bool>;
    /// Deletes the canvas row and, by cascade, its nodes and edges.
    fn delete_canvas(&mut self, id: &str) -> StoreResult<()>;

    // ---- nodes and edges -------------------------------------------------------------------
    /// Returns how many nodes were deleted.
    fn delete_nodes(&mut self, canvas_id: &str, ids: &[String]) -> StoreResult<u64>;
    fn delete_edges(&mut self, canvas_id: &str, ids: &[String]) -> StoreResult<()>;
    /// Deletes every edge whose source or target is one of `node_ids`.
    fn delete_edges_touching(&mut self, canvas_id: &str, node_ids: &[String]) -> StoreResult<()>;
    /// Writes nodes with `ord = first_ord + index`; returns how many were new.
    fn upsert_nodes(
        &mut self,
        canvas_id: &str,
        nodes: &[CanvasNode],
        first_ord: i64,
        order: Order,
        now: EpochMs,
    ) -> StoreResult<u64>;
    fn upsert_edges(
        &mut self,
        canvas_id: &str,
        edges: &[CanvasEdge],
        first_ord: i64,
        order: Order,
    ) -> StoreResult<()>;
    /// The position in `node_ids` of the first id that is not a node of the canvas.
    fn first_missing_node(
        &mut self,
        canvas_id: &str,
        node_ids: &[&str],
    ) -> StoreResult<Option<usize>>;
    /// Copies every node and edge of `from` into `to`; returns the number of nodes copied.
    fn copy_content(&mut self, from: &str, to: &str, now: EpochMs) -> StoreResult<i64>;
    /// Replaces the given keys of a node's data; returns whether the node exists.
    fn merge_node_data(
        &mut self,
        canvas_id: &str,
        node_id: &str,
        fields: &Map<String, Value>,
        now: EpochMs,
    ) -> StoreResult<bool>;

    // ---- records, settings, changes --------------------------------------------------------
    fn put_asset(&mut self, asset: &AssetRecord) -> StoreResult<()>;
    fn get_asset(&mut self, id: &str) -> StoreResult<Option<AssetRecord>>;
    fn list_assets(&mut self, canvas_id: Option<&str>) -> StoreResult<Vec<AssetRecord>>;
    /// Returns whether the asset existed.
    fn delete_asset(&mut self, id: &str) -> StoreResult<bool>;
    fn find_asset_by_url(&mut self, url: &str) -> StoreResult<Option<AssetRecord>>;
    fn put_generation(&mut self, generation: &GenerationRecord) -> StoreResult<()>;
    fn get_generation(&mut self, id: &str) -> StoreResult<Option<GenerationRecord>>;
    fn list_generations(&mut self, canvas_id: &str) -> StoreResult<Vec<GenerationRecord>>;
    fn list_recent_generations(&mut self, limit: usize) -> StoreResult<Vec<GenerationRecord>>;
    fn list_open_generations(&mut self) -> StoreResult<Vec<GenerationRecord>>;
    fn get_settings(&mut self) -> StoreResult<Settings>;
    fn set_settings(&mut self, settings: &Settings, now: EpochMs) -> StoreResult<()>;
    fn get_profile(&mut self) -> StoreResult<Profile>;
    fn set_profile(&mut self, profile: &Profile, now: EpochMs) -> StoreResult<()>;
    // ---- history ----------------------------------------------------------------------------
    /// The stored node count of a canvas (0 when it does not exist).
    fn node_count(&mut self, id: &str) -> StoreResult<i64>;
    /// The nodes of the canvas among `ids` (missing ones are left out), in any order.
    fn load_nodes_by_id(&mut self, canvas_id: &str, ids: &[&str]) -> StoreResult<Vec<CanvasNode>>;
    /// The edges of the canvas among `ids`, in any order.
    fn load_edges_by_id(&mut self, canvas_id: &str, ids: &[&str]) -> StoreResult<Vec<CanvasEdge>>;
    /// The edges whose source or target is one of `node_ids`.
    fn load_edges_touching(
        &mut self,
        canvas_id: &str,
        node_ids: &[String],
    ) -> StoreResult<Vec<CanvasEdge>>;
    /// Who writes in this transaction, on a shared server (`None` on a local database).
    fn author(&self) -> Option<&str>;
    /// Appends a reverse delta (its `id` is assigned by the store).
    fn append_history(&mut self, row: &HistoryRow) -> StoreResult<()>;
    /// A canvas's reverse deltas with `id >= from_id`, oldest first;
    /// `with_deltas == false` leaves each row's delta empty (listing versions).
    fn history_rows(
        &mut self,
        canvas_id: &str,
        from_id: i64,
        with_deltas: bool,
    ) -> StoreResult<Vec<HistoryRow>>;
    /// Canvases that have any history.
    fn canvases_with_history(&mut self) -> StoreResult<Vec<String>>;
    fn delete_history(&mut self, ids: &[i64]) -> StoreResult<()>;
    /// Deletes change-log entries and replaced sync versions older than `before`; returns how many.
    fn prune_logs(&mut self, before: EpochMs) -> StoreResult<u64>;

    // ---- search -----------------------------------------------------------------------------
    /// Sets the searchable text of a node (`node_id` `None`: of the canvas itself); `folded` is
    /// the same text without case or accents, for backends that do not fold themselves.
    fn index_text(&mut self, entry: &IndexEntry<'_>) -> StoreResult<()>;
    fn unindex_nodes(&mut self, canvas_id: &str, node_ids: &[String]) -> StoreResult<()>;
    /// Removes every entry (before a full rebuild).
    fn clear_index(&mut self) -> StoreResult<()>;
    /// Every canvas id, trashed ones included (for a full rebuild).
    fn all_canvas_ids(&mut self) -> StoreResult<Vec<String>>;
    /// Entries that contain every term as a word prefix, best first.
    fn search_index(
        &mut self,
        terms: &[String],
        include_trash: bool,
        limit: usize,
    ) -> StoreResult<Vec<IndexHit>>;

    /// Appends to the change log; the event is published after the commit.
    fn record_change(
        &mut self,
        kind: ChangeKind,
        canvas_id: Option<&str>,
        revision: Option<Revision>,
        at: EpochMs,
    ) -> StoreResult<ChangeEvent>;
}

/// A backend: how it runs transactions. The store traits come with it (see [`super`]).
pub trait TxRunner: Send + Sync {
    /// Runs `work` in a read transaction with one snapshot.
    fn read<T>(&self, work: impl FnOnce(&mut dyn StoreTx) -> StoreResult<T>) -> StoreResult<T>;
    /// Runs `work` in one write transaction and, once it has committed, publishes its events.
    /// Nothing is written when `work` fails.
    fn write<T>(
        &self,
        work: impl FnOnce(&mut dyn StoreTx) -> StoreResult<(T, Vec<ChangeEvent>)>,
    ) -> StoreResult<T>;
}
