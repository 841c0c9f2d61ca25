//! Crash test: a child process saves in a loop and is killed with SIGKILL at random moments,
//! 50 times. After every kill the database must pass `PRAGMA integrity_check`, hold every
//! revision the child reported as committed, and its canvas must equal exactly the state of the
//! revision it is at (no half-applied save).
//!
//! The child is this same test binary, re-run with `KODA_CRASH_CHILD` set.

use koda_core::config::DatabaseLocation;
use koda_core::conformance::with_store_fields;
use koda_core::*;
use koda_sqlite::SqliteStore;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const CANVAS_ID: &str = "crash-canvas";
const KILLS: usize = 50;

fn initial_canvas() -> StoredCanvas {
    let mut canvas = koda_core::conformance::grid_canvas("crash", 300);
    canvas.id = CANVAS_ID.into();
    canvas.revision = 1;
    canvas
}

/// The change made to go from `revision` to `revision + 1`: moves, adds, deletes, edge changes,
/// and every fifth step a whole-canvas save. Deterministic, so the parent can replay it.
fn step(canvas: &StoredCanvas, revision: Revision) -> (CanvasPatch, bool) {
    let r = revision as usize;
    let mut patch = CanvasPatch::default();
    let mut moved = canvas.nodes[r % canvas.nodes.len()].clone();
    moved.position.x += 1.0;
    moved.data = JsonText::from_value(
        &serde_json::json!({ "revision": revision, "text": "x".repeat(r % 500) }),
    );
    patch.upsert_nodes.push(moved);
    patch
        .upsert_nodes
        .push(CanvasNode::new(format!("added-{r}"), "note", r as f64, 0.0));
    if r.is_multiple_of(3) {
        let victim = &canvas.nodes[(r * 7) % canvas.nodes.len()];
        if !patch.upsert_nodes.iter().any(|n| n.id == victim.id) {
            patch.delete_nodes.push(victim.id.clone());
        }
    }
    let last = canvas.nodes.last().unwrap().id.clone();
    if !patch.delete_nodes.contains(&last) {
        patch.upsert_edges.push(CanvasEdge::new(
            format!("edge-{r}"),
            last,
            format!("added-{r}"),
        ));
    }
    patch.viewport = Some(Viewport {
        x: r as f64,
        y: 0.0,
        zoom: 1.0,
    });
    (patch, r.is_multiple_of(5))
}

/// The canvas as it must be at `revision`.
fn state_at(revision: Revision) -> StoredCanvas {
    let mut canvas = initial_canvas();
    for r in 1..revision {
        let (patch, _) = step(&canvas, r);
        patch.apply_to(&mut canvas).unwrap();
        canvas.revision = r + 1;
    }
    canvas
}

/// Child mode: save forever, printing each committed revision.
fn run_child(path: &Path) {
    let store = SqliteStore::open_file(path).unwrap();
    if !store.canvas_exists(CANVAS_ID).unwrap() {
        store.import_canvas(&initial_canvas()).unwrap();
        println!("committed 1");
    }
    let mut canvas = store.get_canvas(CANVAS_ID).unwrap().unwrap();
    loop {
        let (patch, whole) = step(&canvas, canvas.revision);
        let mut next = canvas.clone();
        patch.apply_to(&mut next).unwrap();
        let revision = if whole {
            store.save_canvas(&next).unwrap()
        } else {
            store
                .apply_patch(CANVAS_ID, canvas.revision, &patch)
                .unwrap()
        };
        next.revision = revision;
        canvas = next;
        println!("committed {revision}");
    }
}

/// The child process `killed_mid_save_loses_nothing` starts and kills; never run on its own.
#[test]
#[ignore = "the child process of killed_mid_save_loses_nothing, which runs it with --ignored"]
fn crash_child() {
    let path = std::env::var("KODA_CRASH_CHILD").expect("started by killed_mid_save_loses_nothing");
    run_child(Path::new(&path));
}

/// A small deterministic generator for kill delays (no extra dependency needed).
struct Delays(u64);

impl Delays {
    fn next_ms(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        20 + self.0 % 130
    }
}

#[test]
fn killed_mid_save_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("koda.db");
    let exe = std::env::current_exe().unwrap();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut delays = Delays(seed);
    let mut last_committed = 0;
    for kill in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "crash_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env("KODA_CRASH_CHILD", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Read the child's reports on a thread, so the kill lands at a random moment of its work.
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| {
                    line.strip_prefix("committed ")
                        .and_then(|r| r.parse::<i64>().ok())
                })
                .last()
        });
        std::thread::sleep(Duration::from_millis(delays.next_ms()));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        if let Some(committed) = reader.join().unwrap() {
            last_committed = last_committed.max(committed);
        }

        let store = SqliteStore::open(&DatabaseLocation::File(path.clone())).unwrap();
        let report = koda_sqlite::maintenance::doctor(&store).unwrap();
        assert_eq!(report.integrity, ["ok"], "kill {kill} (seed {seed})");
        assert!(report.healthy(), "kill {kill} (seed {seed}): {report:?}");
        let Some(stored) = store.get_canvas(CANVAS_ID).unwrap() else {
            assert_eq!(
                last_committed, 0,
                "kill {kill}: a committed canvas disappeared"
            );
            continue;
        };
        assert!(
            stored.revision >= last_committed,
            "kill {kill} (seed {seed}): revision {} was reported committed but the file has {}",
            last_committed,
            stored.revision
        );
        let expected = state_at(stored.revision);
        assert_eq!(
            stored.nodes, expected.nodes,
            "kill {kill}: nodes differ at revision {}",
            stored.revision
        );
        assert_eq!(
            stored,
            with_store_fields(&expected, &stored),
            "kill {kill} (seed {seed})"
        );
    }
    assert!(
        last_committed > KILLS as i64,
        "the child made too little progress ({last_committed}) to test anything"
    );
}
