//! [`StoreTx`] over a PostgreSQL transaction: each method is one query of `crate::queries`. The
//! rules that combine them live in `koda_core::rules`.

use crate::error_map::PgResultExt;
use crate::queries::{canvases, changes, edges, history, nodes, records, settings, Tx};
use koda_core::history::HistoryRow;
use koda_core::rules::{Bump, IndexEntry, IndexHit, Order, StoreTx};
use koda_core::*;
use serde_json::{Map, Value};

/// Who writes, besides the transaction: every row a person owns carries their id, and every
/// change names the instance that made it (to tell its own NOTIFYs from others').
pub(crate) struct Writer<'a> {
    pub origin: &'a str,
    pub schema: &'a str,
    pub user_id: &'a str,
}

/// A read or write transaction of one person on one instance.
pub(crate) struct PgTx<'t, 'c, 'w> {
    pub tx: &'t mut Tx<'c>,
    pub writer: &'w Writer<'w>,
}

impl StoreTx for PgTx<'_, '_, '_> {
    fn lock_canvas(&mut self, id: &str) -> StoreResult<Option<Revision>> {
        canvases::lock_revision(self.tx, id)
    }

    fn canvas_exists(&mut self, id: &str) -> StoreResult<bool> {
        canvases::exists(self.tx, id)
    }

    fn list_canvases(&mut self, trashed: bool) -> StoreResult<Vec<CanvasMetadata>> {
        if trashed {
            canvases::list_trashed(self.tx)
        } else {
            canvases::list_live(self.tx)
        }
    }

    fn load_header(&mut self, id: &str) -> StoreResult<Option<StoredCanvas>> {
        canvases::load_header(self.tx, id)
    }

    fn load_nodes(&mut self, canvas_id: &str) -> StoreResult<Vec<CanvasNode>> {
        nodes::load(self.tx, canvas_id)
    }

    fn load_edges(&mut self, canvas_id: &str) -> StoreResult<Vec<CanvasEdge>> {
        edges::load(self.tx, canvas_id)
    }

    fn insert_canvas(
        &mut self,
        canvas: &StoredCanvas,
        revision: Revision,
        updated_at: EpochMs,
    ) -> StoreResult<()> {
        canvases::insert(self.tx, canvas, revision, updated_at, self.writer.user_id)
    }

    fn update_header(
        &mut self,
        canvas: &StoredCanvas,
        revision: Revision,
        updated_at: EpochMs,
    ) -> StoreResult<()> {
        canvases::update_header(self.tx, canvas, revision, updated_at)
    }

    fn bump(&mut self, id: &str, bump: Bump<'_>) -> StoreResult<()> {
        canvases::bump(self.tx, id, bump)
    }

    fn set_node_count(&mut self, id: &str, count: i64) -> StoreResult<()> {
        canvases::set_node_count(self.tx, id, count as i32)
    }

    fn set_deleted_at(&mut self, id: &str, deleted_at: Option<EpochMs>) -> StoreResult<()> {
        canvases::set_deleted_at(self.tx, id, deleted_at)
    }

    fn set_thumbnail(&mut self, id: &str, thumbnail: Option<&str>) -> StoreResult<bool> {
        Ok(canvases::set_thumbnail(self.tx, id, thumbnail)? > 0)
    }

    fn delete_canvas(&mut self, id: &str) -> StoreResult<()> {
        canvases::delete(self.tx, id)
    }

    fn delete_nodes(&mut self, canvas_id: &str, ids: &[String]) -> StoreResult<u64> {
        nodes::delete_many(self.tx, canvas_id, ids)
    }

    fn delete_edges(&mut self, canvas_id: &str, ids: &[String]) -> StoreResult<()> {
        edges::delete_many(self.tx, canvas_id, ids)
    }

    fn delete_edges_touching(&mut self, canvas_id: &str, node_ids: &[String]) -> StoreResult<()> {
        edges::delete_touching(self.tx, canvas_id, node_ids)
    }

    fn upsert_nodes(
        &mut self,
        canvas_id: &str,
        list: &[CanvasNode],
        first_ord: i64,
        order: Order,
        now: EpochMs,
    ) -> StoreResult<u64> {
        Ok(nodes::upsert_many(self.tx, canvas_id, list, first_ord, order, now)? as u64)
    }

    fn upsert_edges(
        &mut self,
        canvas_id: &str,
        list: &[CanvasEdge],
        first_ord: i64,
        order: Order,
    ) -> StoreResult<()> {
        edges::upsert_many(self.tx, canvas_id, list, first_ord, order == Order::Replace)
    }

    fn first_missing_node(
        &mut self,
        canvas_id: &str,
        node_ids: &[&str],
    ) -> StoreResult<Option<usize>> {
        edges::first_missing_node(self.tx, canvas_id, node_ids)
    }

    fn copy_content(&mut self, from: &str, to: &str, now: EpochMs) -> StoreResult<i64> {
        let count = nodes::copy(self.tx, from, to, now)?;
        edges::copy(self.tx, from, to)?;
        Ok(count as i64)
    }

    fn merge_node_data(
        &mut self,
        canvas_id: &str,
        node_id: &str,
        fields: &Map<String, Value>,
        now: EpochMs,
    ) -> StoreResult<bool> {
        records::merge_node_data(self.tx, canvas_id, node_id, fields, now)
    }

    fn put_asset(&mut self, asset: &AssetRecord) -> StoreResult<()> {
        records::put_asset(self.tx, asset)
    }

    fn get_asset(&mut self, id: &str) -> StoreResult<Option<AssetRecord>> {
        records::get_asset(self.tx, id)
    }

    fn list_assets(&mut self, canvas_id: Option<&str>) -> StoreResult<Vec<AssetRecord>> {
        records::list_assets(self.tx, canvas_id)
    }

    fn delete_asset(&mut self, id: &str) -> StoreResult<bool> {
        records::delete_asset(self.tx, id)
    }

    fn find_asset_by_url(&mut self, url: &str) -> StoreResult<Option<AssetRecord>> {
        records::find_asset_by_url(self.tx, url)
    }

    fn put_generation(&mut self, generation: &GenerationRecord) -> StoreResult<()> {
        records::put_generation(self.tx, generation, self.writer.user_id)
    }

    fn get_generation(&mut self, id: &str) -> StoreResult<Option<GenerationRecord>> {
        records::get_generation(self.tx, id)
    }

    fn list_generations(&mut self, canvas_id: &str) -> StoreResult<Vec<GenerationRecord>> {
        records::list_generations(self.tx, canvas_id)
    }

    fn list_recent_generations(&mut self, limit: usize) -> StoreResult<Vec<GenerationRecord>> {
        records::list_recent_generations(self.tx, limit)
    }

    fn list_open_generations(&mut self) -> StoreResult<Vec<GenerationRecord>> {
        records::list_open_generations(self.tx)
    }

    fn get_settings(&mut self) -> StoreResult<Settings> {
        settings::get(self.tx, self.writer.user_id)
    }

    fn set_settings(&mut self, value: &Settings, now: EpochMs) -> StoreResult<()> {
        settings::set(self.tx, self.writer.user_id, value, now)
    }

    fn get_profile(&mut self) -> StoreResult<Profile> {
        settings::get_profile(self.tx, self.writer.user_id)
    }

    fn set_profile(&mut self, profile: &Profile, _now: EpochMs) -> StoreResult<()> {
        settings::set_profile(self.tx, self.writer.user_id, profile)
    }

    fn node_count(&mut self, id: &str) -> StoreResult<i64> {
        let row = self
            .tx
            .query_opt(
                "SELECT node_count::BIGINT FROM canvases WHERE id = $1",
                &[&id],
            )
            .pg_err()?;
        Ok(row.map_or(0, |row| row.get(0)))
    }

    fn load_nodes_by_id(&mut self, canvas_id: &str, ids: &[&str]) -> StoreResult<Vec<CanvasNode>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        nodes::load_some(self.tx, canvas_id, Some(ids))
    }

    fn load_edges_by_id(&mut self, canvas_id: &str, ids: &[&str]) -> StoreResult<Vec<CanvasEdge>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        edges::load_some(self.tx, canvas_id, Some(ids), None)
    }

    fn load_edges_touching(
        &mut self,
        canvas_id: &str,
        node_ids: &[String],
    ) -> StoreResult<Vec<CanvasEdge>> {
        if node_ids.is_empty() {
            return Ok(Vec::new());
        }
        edges::load_some(self.tx, canvas_id, None, Some(node_ids))
    }

    fn author(&self) -> Option<&str> {
        Some(self.writer.user_id)
    }

    fn append_history(&mut self, row: &HistoryRow) -> StoreResult<()> {
        history::append(self.tx, row)
    }

    fn history_rows(
        &mut self,
        canvas_id: &str,
        from_id: i64,
        with_deltas: bool,
    ) -> StoreResult<Vec<HistoryRow>> {
        history::rows(self.tx, canvas_id, from_id, with_deltas)
    }

    fn canvases_with_history(&mut self) -> StoreResult<Vec<String>> {
        history::canvases_with_history(self.tx)
    }

    fn delete_history(&mut self, ids: &[i64]) -> StoreResult<()> {
        history::delete(self.tx, ids)
    }

    fn prune_logs(&mut self, before: EpochMs) -> StoreResult<u64> {
        history::prune_logs(self.tx, before)
    }

    fn index_text(&mut self, entry: &IndexEntry<'_>) -> StoreResult<()> {
        history::index_text(self.tx, entry)
    }

    fn unindex_nodes(&mut self, canvas_id: &str, node_ids: &[String]) -> StoreResult<()> {
        history::unindex_nodes(self.tx, canvas_id, node_ids)
    }

    fn clear_index(&mut self) -> StoreResult<()> {
        history::clear_index(self.tx)
    }

    fn all_canvas_ids(&mut self) -> StoreResult<Vec<String>> {
        Ok(self
            .tx
            .query("SELECT id FROM canvases ORDER BY id", &[])
            .pg_err()?
            .iter()
            .map(|row| row.get(0))
            .collect())
    }

    fn search_index(
        &mut self,
        terms: &[String],
        include_trash: bool,
        limit: usize,
    ) -> StoreResult<Vec<IndexHit>> {
        history::search(self.tx, terms, include_trash, limit)
    }

    fn record_change(
        &mut self,
        kind: ChangeKind,
        canvas_id: Option<&str>,
        revision: Option<Revision>,
        at: EpochMs,
    ) -> StoreResult<ChangeEvent> {
        let writer = self.writer;
        changes::record(
            self.tx,
            writer.origin,
            writer.schema,
            kind,
            canvas_id,
            revision,
            at,
        )
    }
}
