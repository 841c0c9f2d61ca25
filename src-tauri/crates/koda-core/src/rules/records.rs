//! [`SettingsStore`] and [`RecordStore`] for every [`TxRunner`].

use super::history::Before;
use super::search::index_node;
use super::tx::{Bump, TxRunner};
use crate::error::{StoreError, StoreResult};
use crate::events::ChangeKind;
use crate::ids::now_ms;
use crate::model::*;
use crate::store::{RecordStore, SettingsStore};
use crate::validate::{validate_id, validate_name};

impl<B: TxRunner> SettingsStore for B {
    fn get_settings(&self) -> StoreResult<Settings> {
        self.read(|tx| tx.get_settings())
    }

    fn set_settings(&self, settings: &Settings) -> StoreResult<()> {
        self.write(|tx| {
            let now = now_ms();
            tx.set_settings(settings, now)?;
            Ok((
                (),
                vec![tx.record_change(ChangeKind::Settings, None, None, now)?],
            ))
        })
    }

    fn get_profile(&self) -> StoreResult<Profile> {
        self.read(|tx| tx.get_profile())
    }

    fn set_profile(&self, profile: &Profile) -> StoreResult<()> {
        validate_name("name", &profile.name)?;
        self.write(|tx| {
            let now = now_ms();
            tx.set_profile(profile, now)?;
            Ok((
                (),
                vec![tx.record_change(ChangeKind::Profile, None, None, now)?],
            ))
        })
    }
}

impl<B: TxRunner> RecordStore for B {
    fn put_asset(&self, asset: &AssetRecord) -> StoreResult<()> {
        validate_id("id", &asset.id)?;
        self.write(|tx| {
            tx.put_asset(asset)?;
            let event = tx.record_change(
                ChangeKind::Asset,
                asset.canvas_id.as_deref(),
                None,
                now_ms(),
            )?;
            Ok(((), vec![event]))
        })
    }

    fn get_asset(&self, id: &str) -> StoreResult<Option<AssetRecord>> {
        self.read(|tx| tx.get_asset(id))
    }

    fn list_assets(&self, canvas_id: Option<&str>) -> StoreResult<Vec<AssetRecord>> {
        self.read(|tx| tx.list_assets(canvas_id))
    }

    fn delete_asset(&self, id: &str) -> StoreResult<()> {
        self.write(|tx| {
            if !tx.delete_asset(id)? {
                return Err(StoreError::NotFound {
                    what: "asset",
                    id: id.to_owned(),
                });
            }
            Ok((
                (),
                vec![tx.record_change(ChangeKind::Asset, None, None, now_ms())?],
            ))
        })
    }

    fn find_asset_by_url(&self, url: &str) -> StoreResult<Option<AssetRecord>> {
        self.read(|tx| tx.find_asset_by_url(url))
    }

    fn put_generation(&self, generation: &GenerationRecord) -> StoreResult<()> {
        validate_id("id", &generation.id)?;
        self.write(|tx| {
            tx.put_generation(generation)?;
            let event = tx.record_change(
                ChangeKind::Generation,
                generation.canvas_id.as_deref(),
                None,
                now_ms(),
            )?;
            Ok(((), vec![event]))
        })
    }

    fn get_generation(&self, id: &str) -> StoreResult<Option<GenerationRecord>> {
        self.read(|tx| tx.get_generation(id))
    }

    fn list_generations(&self, canvas_id: &str) -> StoreResult<Vec<GenerationRecord>> {
        self.read(|tx| tx.list_generations(canvas_id))
    }

    fn list_recent_generations(&self, limit: usize) -> StoreResult<Vec<GenerationRecord>> {
        self.read(|tx| tx.list_recent_generations(limit))
    }

    fn list_open_generations(&self) -> StoreResult<Vec<GenerationRecord>> {
        self.read(|tx| tx.list_open_generations())
    }

    fn finish_generation(
        &self,
        generation: &GenerationRecord,
        update: Option<&NodeDataUpdate>,
    ) -> StoreResult<Option<Revision>> {
        validate_id("id", &generation.id)?;
        self.write(|tx| {
            let now = now_ms();
            let mut events = Vec::new();
            let mut written = None;
            // A canvas or node deleted while the run was out only gets the row.
            if let Some(update) = update {
                if let Some(current) = tx.lock_canvas(&update.canvas_id)? {
                    let node_id = update.node_id.as_str();
                    let before = Before::read(tx, &update.canvas_id, &[node_id], &[], &[])?;
                    if tx.merge_node_data(&update.canvas_id, node_id, &update.fields, now)? {
                        before.record(tx, VersionSource::Edit, now, [node_id], [])?;
                        for node in tx.load_nodes_by_id(&update.canvas_id, &[node_id])? {
                            index_node(tx, &update.canvas_id, &node)?;
                        }
                        let revision = current + 1;
                        tx.bump(
                            &update.canvas_id,
                            Bump {
                                revision,
                                updated_at: Some(now),
                                name: None,
                                viewport: None,
                                node_delta: 0,
                            },
                        )?;
                        events.push(tx.record_change(
                            ChangeKind::Patched,
                            Some(&update.canvas_id),
                            Some(revision),
                            now,
                        )?);
                        written = Some(revision);
                    }
                }
            }
            tx.put_generation(generation)?;
            events.push(tx.record_change(
                ChangeKind::Generation,
                generation.canvas_id.as_deref(),
                None,
                now,
            )?);
            Ok((written, events))
        })
    }
}
