//! [`StoreTx`] over a PostgreSQL transaction: each method is one query of `crate::queries`. The
//! rules that combine them live in `koda_core::rules`.

use crate::queries::{canvases, changes, edges, nodes, records, settings, Tx};
use koda_core::rules::{Bump, Order, StoreTx};
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

    fn delete_others(
        &mut self,
        canvas_id: &str,
        keep_nodes: &[&str],
        keep_edges: &[&str],
    ) -> StoreResult<()> {
        edges::delete_others(self.tx, canvas_id, keep_edges)?;
        nodes::delete_others(self.tx, canvas_id, keep_nodes).map(drop)
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
