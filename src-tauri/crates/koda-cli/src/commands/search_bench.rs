//! `koda bench-search`: a rare word among many canvases, found through the search index and
//! by a plain LIKE scan of the same nodes, in one run on a fresh database.

use koda_backends::SqliteStore;
use koda_core::fixtures::grid_canvas;
use koda_core::ids::new_id;
use koda_core::*;
use std::time::Instant;

const RARE: &str = "zephyrine";

fn median_ms(
    mut work: impl FnMut() -> StoreResult<usize>,
    runs: usize,
) -> StoreResult<(f64, usize)> {
    let mut samples = Vec::with_capacity(runs);
    let mut found = 0;
    for _ in 0..runs {
        let start = Instant::now();
        found = work()?;
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    samples.sort_by(f64::total_cmp);
    Ok((samples[runs / 2], found))
}

pub fn run(canvases: usize, nodes: usize) -> StoreResult<String> {
    let dir = tempfile::tempdir()?;
    let store = SqliteStore::open_file(&dir.path().join("bench.db"))?;
    let template = grid_canvas("search bench", nodes);
    let mut batch = Vec::new();
    for n in 0..canvases {
        let mut canvas = template.clone();
        canvas.id = new_id();
        canvas.name = format!("Canvas {n}");
        if n == canvases / 2 {
            let mut data = canvas.nodes[nodes / 2].data.to_value();
            data["prompt"] = format!("a {RARE} wind over the harbour").into();
            canvas.nodes[nodes / 2].data = JsonText::from_value(&data);
        }
        batch.push(canvas);
        if batch.len() == 50 {
            store.import_canvases(&batch)?;
            batch.clear();
        }
    }
    store.import_canvases(&batch)?;
    let query = SearchQuery {
        text: RARE[..7].to_owned(),
        limit: Some(20),
        include_trash: None,
    };
    let (search, hits) = median_ms(|| Ok(store.search(&query)?.len()), 21)?;
    let (like, rows) = median_ms(
        || Ok(koda_backends::sqlite_maintenance::count_nodes_like(&store, RARE)? as usize),
        5,
    )?;
    Ok(format!(
        "{canvases} canvases x {nodes} nodes, one rare word\n\
         search (index, prefix {:?})  median {search:>9.3} ms  ({hits} hit)\n\
         LIKE '%{RARE}%' scan         median {like:>9.3} ms  ({rows} row)\n\
         search / LIKE                {:.4}",
        &RARE[..7],
        search / like
    ))
}
