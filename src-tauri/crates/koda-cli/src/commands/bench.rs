//! `koda bench`: times the public Store API on a fresh database file.

use crate::cli::BenchArgs;
use koda_backends::SqliteStore;
use koda_core::fixtures::grid_canvas;
use koda_core::ids::new_id;
use koda_core::validate::parse_canvas;
use koda_core::{CanvasPatch, Store, StoreError, StoreResult, StoredCanvas};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Instant;

/// Timing of one operation over its runs.
#[derive(Debug, Serialize)]
pub struct OpStats {
    pub runs: usize,
    pub median_ms: f64,
    pub p95_ms: f64,
    pub min_ms: f64,
}

/// Everything `koda bench --json` prints.
#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub fixture_nodes: usize,
    pub fixture_edges: usize,
    pub ops: BTreeMap<&'static str, OpStats>,
    /// Figures that are not times (sizes).
    pub figures: BTreeMap<&'static str, f64>,
    pub backend: &'static str,
    pub peak_rss_mb: f64,
    pub db_bytes: u64,
}

fn stats(mut samples: Vec<f64>) -> OpStats {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    let p95_index = ((n as f64 * 0.95).ceil() as usize).clamp(1, n) - 1;
    OpStats {
        runs: n,
        median_ms: samples[n / 2],
        p95_ms: samples[p95_index],
        min_ms: samples[0],
    }
}

fn time<T>(samples: &mut Vec<f64>, work: impl FnOnce() -> StoreResult<T>) -> StoreResult<T> {
    let start = Instant::now();
    let value = work()?;
    samples.push(start.elapsed().as_secs_f64() * 1000.0);
    Ok(value)
}

/// Peak resident memory of this process, from `/proc/self/status` (`VmHWM`).
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

pub fn run(args: &BenchArgs) -> StoreResult<String> {
    let text = std::fs::read_to_string(&args.fixture)
        .map_err(|e| StoreError::Io(format!("{}: {e}", args.fixture.display())))?;
    let fixture = parse_canvas(&text)?;
    let report = match &args.postgres {
        None => measure(&fixture, args.repeat.max(1))?,
        Some(url) => measure_postgres(url, &fixture, args.repeat.max(1))?,
    };
    if args.json {
        return Ok(serde_json::to_string_pretty(&report)?);
    }
    let mut out = format!(
        "backend: {}\nfixture: {} nodes, {} edges\n{:<16} {:>6} {:>12} {:>12}\n",
        report.backend,
        report.fixture_nodes,
        report.fixture_edges,
        "op",
        "runs",
        "median ms",
        "p95 ms"
    );
    for (name, op) in &report.ops {
        out.push_str(&format!(
            "{name:<16} {:>6} {:>12.3} {:>12.3}\n",
            op.runs, op.median_ms, op.p95_ms
        ));
    }
    for (name, value) in &report.figures {
        out.push_str(&format!("{name:<24} {value:>12.3}\n"));
    }
    out.push_str(&format!(
        "peak RSS {:.1} MB, database {:.1} MB",
        report.peak_rss_mb,
        report.db_bytes as f64 / 1e6
    ));
    Ok(out)
}

/// Runs every measurement on a fresh database in a temporary directory.
pub fn measure(fixture: &StoredCanvas, repeat: usize) -> StoreResult<BenchReport> {
    let dir = tempfile::tempdir()?;
    let store = SqliteStore::open_file(&dir.path().join("bench.db"))?;
    let size = || {
        store.checkpoint()?;
        Ok(koda_backends::sqlite_maintenance::database_bytes(&store))
    };
    let history = || koda_backends::sqlite_maintenance::history_bytes(&store);
    measure_on(&store, "sqlite", fixture, repeat, &size, &history)
}

/// Runs every measurement on a scratch schema of a PostgreSQL server, dropped afterwards.
pub fn measure_postgres(
    url: &str,
    fixture: &StoredCanvas,
    repeat: usize,
) -> StoreResult<BenchReport> {
    // A short unique name: schema names are limited to 40 characters.
    let unique = new_id().replace('-', "").to_ascii_lowercase();
    let schema = format!("koda_bench_{}", &unique[unique.len() - 16..]);
    let store = koda_backends::PgStore::connect(url, Some(&schema), "bench")?;
    let report = measure_on(
        &store,
        "postgres",
        fixture,
        repeat,
        &|| store.database_bytes(),
        &|| store.history_bytes(),
    );
    store.drop_schema()?;
    report
}

/// The measurements, on any store; `size` reports the database's size once it is filled,
/// `history_size` the bytes of version history it keeps.
fn measure_on(
    store: &dyn Store,
    backend: &'static str,
    fixture: &StoredCanvas,
    repeat: usize,
    size: &dyn Fn() -> StoreResult<u64>,
    history_size: &dyn Fn() -> StoreResult<u64>,
) -> StoreResult<BenchReport> {
    let mut ops = BTreeMap::new();

    // save_full_new: a new copy of the whole canvas.
    let mut samples = Vec::new();
    let mut copies = Vec::new();
    for _ in 0..10 * repeat {
        let mut copy = fixture.clone();
        copy.id = new_id();
        time(&mut samples, || store.save_canvas(&copy))?;
        copies.push(copy.id);
    }
    ops.insert("save_full_new", stats(samples));

    // save_one_move: move one node and persist it incrementally.
    let mut canvas = store
        .get_canvas(&copies[0])?
        .ok_or_else(|| StoreError::canvas_not_found(&copies[0]))?;
    let mut samples = Vec::new();
    if !canvas.nodes.is_empty() {
        for i in 0..500 * repeat {
            let index = (i * 7919) % canvas.nodes.len();
            let mut node = canvas.nodes[index].clone();
            node.position.x += 8.0;
            let patch = CanvasPatch {
                upsert_nodes: vec![node.clone()],
                ..Default::default()
            };
            canvas.revision = time(&mut samples, || {
                store.apply_patch(&canvas.id, canvas.revision, &patch)
            })?;
            canvas.nodes[index] = node;
        }
        ops.insert("save_one_move", stats(samples));
    }

    // History: what 1,000 more single-node moves add to the kept history, then restoring the
    // canvas as it was before every move (its oldest version).
    let mut figures = BTreeMap::new();
    if !canvas.nodes.is_empty() {
        let before = history_size()?;
        for i in 0..1000 {
            let index = (i * 104_729) % canvas.nodes.len();
            let mut node = canvas.nodes[index].clone();
            node.position.y += 4.0;
            let patch = CanvasPatch {
                upsert_nodes: vec![node.clone()],
                ..Default::default()
            };
            canvas.revision = store.apply_patch(&canvas.id, canvas.revision, &patch)?;
            canvas.nodes[index] = node;
        }
        let growth = history_size()?.saturating_sub(before);
        figures.insert("history_mb_1000_moves", growth as f64 / 1e6);
        let mut samples = Vec::new();
        for _ in 0..3 * repeat {
            let versions = store.list_versions(&canvas.id)?;
            let oldest = versions
                .last()
                .map(|v| v.id)
                .ok_or_else(|| StoreError::Database("no version was kept by the moves".into()))?;
            canvas.revision = time(&mut samples, || {
                store.restore_version(&canvas.id, oldest, None)
            })?;
        }
        ops.insert("restore_version", stats(samples));
    }

    // load: read the whole canvas back.
    let mut samples = Vec::new();
    for _ in 0..20 * repeat {
        let loaded = time(&mut samples, || store.get_canvas(&copies[0]))?;
        assert_eq!(loaded.map(|c| c.nodes.len()), Some(fixture.nodes.len()));
    }
    ops.insert("load", stats(samples));

    // list_1000: the dashboard query with 1,000 small canvases present.
    let small: Vec<StoredCanvas> = (0..1000)
        .map(|i| {
            let mut canvas = grid_canvas(&format!("Canvas {i}"), 10);
            canvas.id = new_id();
            canvas.updated_at += i;
            canvas
        })
        .collect();
    store.import_canvases(&small)?;
    let mut samples = Vec::new();
    for _ in 0..100 * repeat {
        let listed = time(&mut samples, || store.list_canvases())?;
        assert!(listed.len() >= 1000);
    }
    ops.insert("list_1000", stats(samples));
    let db_bytes = size()?;

    // delete (to the trash) and purge the large copies.
    let mut samples = Vec::new();
    for id in &copies {
        time(&mut samples, || store.delete_canvas(id))?;
    }
    ops.insert("delete", stats(samples));
    let mut samples = Vec::new();
    for id in &copies {
        time(&mut samples, || store.purge_canvas(id))?;
    }
    ops.insert("purge", stats(samples));

    Ok(BenchReport {
        fixture_nodes: fixture.nodes.len(),
        fixture_edges: fixture.edges.len(),
        ops,
        figures,
        backend,
        peak_rss_mb: peak_rss_mb(),
        db_bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles() {
        let s = stats((1..=100).map(f64::from).collect());
        assert_eq!(
            (s.median_ms, s.p95_ms, s.min_ms, s.runs),
            (51.0, 95.0, 1.0, 100)
        );
    }
}
