//! [`StoreTx`] over a SQLite connection: each method is one query of `crate::queries`. The
//! rules that combine them live in `koda_core::rules`.

use crate::error_map::SqliteResultExt;
use crate::queries::{canvases, changes, edges, history, nodes, records, settings};
use koda_core::history::HistoryRow;
use koda_core::rules::{Bump, IndexEntry, IndexHit, Order, StoreTx};
use koda_core::*;
use rusqlite::Connection;
use serde_json::{Map, Value};

/// A read or write transaction on one connection.
pub(crate) struct SqliteTx<'c>(pub &'c Connection);

impl StoreTx for SqliteTx<'_> {
    fn lock_canvas(&mut self, id: &str) -> StoreResult<Option<Revision>> {
        // The write transaction is `BEGIN IMMEDIATE`: it holds the database's one write lock.
        Ok(canvases::state(self.0, id)?.map(|(revision, _)| revision))
    }

    fn canvas_exists(&mut self, id: &str) -> StoreResult<bool> {
        Ok(canvases::state(self.0, id)?.is_some())
    }

    fn list_canvases(&mut self, trashed: bool) -> StoreResult<Vec<CanvasMetadata>> {
        if trashed {
            canvases::list_trashed(self.0)
        } else {
            canvases::list_live(self.0)
        }
    }

    fn load_header(&mut self, id: &str) -> StoreResult<Option<StoredCanvas>> {
        canvases::load_header(self.0, id)
    }

    fn load_nodes(&mut self, canvas_id: &str) -> StoreResult<Vec<CanvasNode>> {
        nodes::load(self.0, canvas_id)
    }

    fn load_edges(&mut self, canvas_id: &str) -> StoreResult<Vec<CanvasEdge>> {
        edges::load(self.0, canvas_id)
    }

    fn insert_canvas(
        &mut self,
        canvas: &StoredCanvas,
        revision: Revision,
        updated_at: EpochMs,
    ) -> StoreResult<()> {
        canvases::insert(self.0, canvas, revision, updated_at)
    }

    fn update_header(
        &mut self,
        canvas: &StoredCanvas,
        revision: Revision,
        updated_at: EpochMs,
    ) -> StoreResult<()> {
        canvases::update_header(self.0, canvas, revision, updated_at)
    }

    fn bump(&mut self, id: &str, bump: Bump<'_>) -> StoreResult<()> {
        canvases::bump(self.0, id, bump)
    }

    fn set_node_count(&mut self, id: &str, count: i64) -> StoreResult<()> {
        canvases::set_node_count(self.0, id, count)
    }

    fn set_deleted_at(&mut self, id: &str, deleted_at: Option<EpochMs>) -> StoreResult<()> {
        canvases::set_deleted_at(self.0, id, deleted_at)
    }

    fn set_thumbnail(&mut self, id: &str, thumbnail: Option<&str>) -> StoreResult<bool> {
        Ok(canvases::set_thumbnail(self.0, id, thumbnail)? > 0)
    }

    fn delete_canvas(&mut self, id: &str) -> StoreResult<()> {
        canvases::delete(self.0, id)
    }

    fn delete_nodes(&mut self, canvas_id: &str, ids: &[String]) -> StoreResult<u64> {
        Ok(nodes::delete_many(self.0, canvas_id, ids)? as u64)
    }

    fn delete_edges(&mut self, canvas_id: &str, ids: &[String]) -> StoreResult<()> {
        edges::delete_many(self.0, canvas_id, ids).map(drop)
    }

    fn delete_edges_touching(&mut self, canvas_id: &str, node_ids: &[String]) -> StoreResult<()> {
        edges::delete_touching(self.0, canvas_id, node_ids).map(drop)
    }

    fn upsert_nodes(
        &mut self,
        canvas_id: &str,
        list: &[CanvasNode],
        first_ord: i64,
        order: Order,
        now: EpochMs,
    ) -> StoreResult<u64> {
        let mut writer = nodes::NodeUpserter::new(self.0, order, now)?;
        let mut inserted = 0;
        for (index, node) in list.iter().enumerate() {
            if writer.upsert(canvas_id, node, first_ord + index as i64)? {
                inserted += 1;
            }
        }
        Ok(inserted)
    }

    fn upsert_edges(
        &mut self,
        canvas_id: &str,
        list: &[CanvasEdge],
        first_ord: i64,
        order: Order,
    ) -> StoreResult<()> {
        let mut writer = edges::EdgeUpserter::new(self.0, order == Order::Replace)?;
        for (index, edge) in list.iter().enumerate() {
            writer.upsert(canvas_id, edge, first_ord + index as i64)?;
        }
        Ok(())
    }

    fn first_missing_node(
        &mut self,
        canvas_id: &str,
        node_ids: &[&str],
    ) -> StoreResult<Option<usize>> {
        for (position, id) in node_ids.iter().enumerate() {
            if !nodes::exists(self.0, canvas_id, id)? {
                return Ok(Some(position));
            }
        }
        Ok(None)
    }

    fn copy_content(&mut self, from: &str, to: &str, now: EpochMs) -> StoreResult<i64> {
        nodes::copy(self.0, from, to, now)?;
        edges::copy(self.0, from, to)?;
        nodes::count(self.0, to)
    }

    fn merge_node_data(
        &mut self,
        canvas_id: &str,
        node_id: &str,
        fields: &Map<String, Value>,
        now: EpochMs,
    ) -> StoreResult<bool> {
        records::merge_node_data(self.0, canvas_id, node_id, fields, now)
    }

    fn put_asset(&mut self, asset: &AssetRecord) -> StoreResult<()> {
        records::put_asset(self.0, asset)
    }

    fn get_asset(&mut self, id: &str) -> StoreResult<Option<AssetRecord>> {
        records::get_asset(self.0, id)
    }

    fn list_assets(&mut self, canvas_id: Option<&str>) -> StoreResult<Vec<AssetRecord>> {
        records::list_assets(self.0, canvas_id)
    }

    fn delete_asset(&mut self, id: &str) -> StoreResult<bool> {
        records::delete_asset(self.0, id)
    }

    fn find_asset_by_url(&mut self, url: &str) -> StoreResult<Option<AssetRecord>> {
        records::find_asset_by_url(self.0, url)
    }

    fn put_generation(&mut self, generation: &GenerationRecord) -> StoreResult<()> {
        records::put_generation(self.0, generation)
    }

    fn get_generation(&mut self, id: &str) -> StoreResult<Option<GenerationRecord>> {
        records::get_generation(self.0, id)
    }

    fn list_generations(&mut self, canvas_id: &str) -> StoreResult<Vec<GenerationRecord>> {
        records::list_generations(self.0, canvas_id)
    }

    fn list_recent_generations(&mut self, limit: usize) -> StoreResult<Vec<GenerationRecord>> {
        records::list_recent_generations(self.0, limit)
    }

    fn list_open_generations(&mut self) -> StoreResult<Vec<GenerationRecord>> {
        records::list_open_generations(self.0)
    }

    fn get_settings(&mut self) -> StoreResult<Settings> {
        settings::get(self.0)
    }

    fn set_settings(&mut self, value: &Settings, now: EpochMs) -> StoreResult<()> {
        settings::set(self.0, value, now)
    }

    fn get_profile(&mut self) -> StoreResult<Profile> {
        settings::get_profile(self.0)
    }

    fn set_profile(&mut self, profile: &Profile, now: EpochMs) -> StoreResult<()> {
        settings::set_profile(self.0, profile, now)
    }

    fn node_count(&mut self, id: &str) -> StoreResult<i64> {
        self.0
            .prepare_cached("SELECT coalesce((SELECT node_count FROM canvases WHERE id = ?1), 0)")
            .store_err()?
            .query_row([id], |row| row.get(0))
            .store_err()
    }

    fn load_nodes_by_id(&mut self, canvas_id: &str, ids: &[&str]) -> StoreResult<Vec<CanvasNode>> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.extend(nodes::load_one(self.0, canvas_id, id)?.map(|(node, _)| node));
        }
        Ok(found)
    }

    fn load_edges_by_id(&mut self, canvas_id: &str, ids: &[&str]) -> StoreResult<Vec<CanvasEdge>> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.extend(edges::load_one(self.0, canvas_id, id)?.map(|(edge, _)| edge));
        }
        Ok(found)
    }

    fn load_edges_touching(
        &mut self,
        canvas_id: &str,
        node_ids: &[String],
    ) -> StoreResult<Vec<CanvasEdge>> {
        let ids: Vec<String> = self
            .0
            .prepare_cached(
                "SELECT id FROM canvas_edges WHERE canvas_id = ?1 AND (
                   source_node_id IN (SELECT value FROM json_each(?2))
                   OR target_node_id IN (SELECT value FROM json_each(?2)))",
            )
            .store_err()?
            .query_map(
                rusqlite::params![canvas_id, serde_json::to_string(node_ids)?],
                |row| row.get(0),
            )
            .store_err()?
            .collect::<Result<_, _>>()
            .store_err()?;
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        self.load_edges_by_id(canvas_id, &ids)
    }

    fn author(&self) -> Option<&str> {
        None
    }

    fn append_history(&mut self, row: &HistoryRow) -> StoreResult<()> {
        history::append(self.0, row)
    }

    fn history_rows(
        &mut self,
        canvas_id: &str,
        from_id: i64,
        with_deltas: bool,
    ) -> StoreResult<Vec<HistoryRow>> {
        history::rows(self.0, canvas_id, from_id, with_deltas)
    }

    fn canvases_with_history(&mut self) -> StoreResult<Vec<String>> {
        history::canvases_with_history(self.0)
    }

    fn delete_history(&mut self, ids: &[i64]) -> StoreResult<()> {
        history::delete(self.0, ids)
    }

    fn prune_logs(&mut self, before: EpochMs) -> StoreResult<u64> {
        history::prune_logs(self.0, before)
    }

    fn index_text(&mut self, entry: &IndexEntry<'_>) -> StoreResult<()> {
        // FTS5's unicode61 tokenizer folds case and accents itself.
        history::index_text(self.0, entry)
    }

    fn unindex_nodes(&mut self, canvas_id: &str, node_ids: &[String]) -> StoreResult<()> {
        history::unindex_nodes(self.0, canvas_id, node_ids)
    }

    fn clear_index(&mut self) -> StoreResult<()> {
        history::clear_index(self.0)
    }

    fn all_canvas_ids(&mut self) -> StoreResult<Vec<String>> {
        self.0
            .prepare_cached("SELECT id FROM canvases ORDER BY id")
            .store_err()?
            .query_map([], |row| row.get(0))
            .store_err()?
            .collect::<Result<_, _>>()
            .store_err()
    }

    fn search_index(
        &mut self,
        terms: &[String],
        include_trash: bool,
        limit: usize,
    ) -> StoreResult<Vec<IndexHit>> {
        history::search(self.0, terms, include_trash, limit)
    }

    fn record_change(
        &mut self,
        kind: ChangeKind,
        canvas_id: Option<&str>,
        revision: Option<Revision>,
        at: EpochMs,
    ) -> StoreResult<ChangeEvent> {
        changes::record(self.0, kind, canvas_id, revision, at)
    }
}
