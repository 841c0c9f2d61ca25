//! `PgStore`: the Store traits over a PostgreSQL database, shared by a team.

use crate::connect::{PgPool, PgTarget};
use crate::error_map::{map_pool_error, PgResultExt};
use crate::listener::{publish, Listener, Subscribers};
use crate::migrations;
use crate::queries::{changes, settings, Tx};
use crate::tx::{PgTx, Writer};
use koda_core::ids::new_id;
use koda_core::rules::{StoreTx, TxRunner};
use koda_core::validate::validate_id;
use koda_core::HistoryStore;
use koda_core::*;
use postgres::IsolationLevel;
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex, PoisonError};

/// The migration that adds the search index, which is then built from the stored canvases.
const SEARCH_INDEX_VERSION: i64 = 4;

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
        let store = Self {
            target,
            pool,
            user_id: user_id.to_owned(),
            origin: new_id(),
            subscribers: Arc::new(Mutex::new(Vec::new())),
            listener: Mutex::new(None),
            migrated,
        };
        if store.migrated.contains(&SEARCH_INDEX_VERSION) {
            // Canvases stored before the index existed become searchable.
            store.reindex()?;
        }
        Ok(store)
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
        self.read_only(|tx| {
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

    /// Bytes of version history kept (the reverse deltas), for `koda bench`.
    pub fn history_bytes(&self) -> StoreResult<u64> {
        let mut client = self.pool.get().map_err(map_pool_error)?;
        let bytes: i64 = client
            .query_one(
                "SELECT coalesce(sum(octet_length(delta)), 0)::BIGINT FROM canvas_versions",
                &[],
            )
            .pg_err()?
            .get(0);
        Ok(bytes as u64)
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
        self.read_only(|tx| {
            Ok(tx
                .query_opt("SELECT user_id FROM canvases WHERE id = $1", &[&id])
                .pg_err()?
                .and_then(|row| row.get(0)))
        })
    }

    /// Runs `work` in a read-only transaction with one snapshot (a canvas's header, nodes and
    /// edges are read consistently even while a teammate saves).
    fn read_only<T>(&self, work: impl FnOnce(&mut Tx<'_>) -> StoreResult<T>) -> StoreResult<T> {
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

    fn writer(&self) -> Writer<'_> {
        Writer {
            origin: &self.origin,
            schema: self.target.schema(),
            user_id: &self.user_id,
        }
    }
}

/// The store traits come from `koda_core::rules`; PostgreSQL supplies transactions and SQL.
impl TxRunner for PgStore {
    fn read<T>(&self, work: impl FnOnce(&mut dyn StoreTx) -> StoreResult<T>) -> StoreResult<T> {
        let writer = self.writer();
        self.read_only(|tx| {
            work(&mut PgTx {
                tx,
                writer: &writer,
            })
        })
    }

    /// One transaction; once it has committed, local subscribers hear of it (other instances
    /// through NOTIFY).
    fn write<T>(
        &self,
        work: impl FnOnce(&mut dyn StoreTx) -> StoreResult<(T, Vec<ChangeEvent>)>,
    ) -> StoreResult<T> {
        let mut client = self.pool.get().map_err(map_pool_error)?;
        let mut tx = client.transaction().pg_err()?;
        let writer = self.writer();
        let (value, events) = work(&mut PgTx {
            tx: &mut tx,
            writer: &writer,
        })?;
        tx.commit().pg_err()?;
        for event in &events {
            publish(&self.subscribers, event);
        }
        Ok(value)
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
