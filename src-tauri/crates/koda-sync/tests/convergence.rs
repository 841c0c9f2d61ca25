//! Randomized convergence: hundreds of random operations on two devices, random sync points
//! and server outages; at the end both devices hold the same canvases, and every device's last
//! write to a node is either what everyone sees or kept in a history. Also: a server killed in
//! the middle of a push leaves no partial batch.

mod support;

use koda_core::*;
use support::{Device, Server};

/// xorshift64*: deterministic for a seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn text_node(id: &str, text: &str, x: f64) -> CanvasNode {
    let mut node = CanvasNode::new(id, "prompt", x, 0.0);
    node.data = JsonText::from_value(&serde_json::json!({ "text": text }));
    node
}

fn snapshot(device: &Device, id: &str) -> (String, Vec<CanvasNode>, Vec<CanvasEdge>) {
    let c = device.store.get_canvas(id).unwrap().unwrap();
    (c.name, c.nodes, c.edges)
}

#[tokio::test(flavor = "multi_thread")]
async fn random_operations_converge_and_lose_nothing() {
    let seed = std::env::var("KODA_SYNC_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let mut rng = Rng(seed);
    let mut server = Server::start();
    let devices = [Device::new(&server), Device::new(&server)];
    let mut canvas = StoredCanvas::new("Random", 1);
    canvas.nodes = (0..8)
        .map(|i| text_node(&format!("n{i}"), "start", i as f64))
        .collect();
    devices[0].store.save_canvas(&canvas).unwrap();
    for device in &devices {
        device.sync.sync_once().await.unwrap();
    }
    devices[1].sync.sync_once().await.unwrap();

    // The last text each device wrote to each node.
    let mut last_write: [std::collections::HashMap<String, String>; 2] = Default::default();
    let mut online = true;
    for op in 0..400 {
        let d = rng.below(2) as usize;
        let device = &devices[d];
        let current = device.store.get_canvas(&canvas.id).unwrap().unwrap();
        let node_id = format!("n{}", rng.below(12));
        let patch = match rng.below(10) {
            0..=4 => {
                let text = format!("d{d}-op{op}");
                last_write[d].insert(node_id.clone(), text.clone());
                CanvasPatch {
                    upsert_nodes: vec![text_node(&node_id, &text, rng.below(500) as f64)],
                    ..Default::default()
                }
            }
            5 => {
                // Deleting its own node is this device's choice, not a loss.
                last_write[d].remove(&node_id);
                CanvasPatch {
                    delete_nodes: vec![node_id],
                    ..Default::default()
                }
            }
            6 | 7 => {
                let target = format!("n{}", rng.below(12));
                let edge = CanvasEdge::new(format!("e-{node_id}-{target}"), node_id, target);
                CanvasPatch {
                    upsert_edges: vec![edge],
                    ..Default::default()
                }
            }
            8 => CanvasPatch {
                delete_edges: vec![format!("e-n{}-n{}", rng.below(12), rng.below(12))],
                ..Default::default()
            },
            _ => CanvasPatch {
                name: Some(format!("Name by d{d} at {op}")),
                ..Default::default()
            },
        };
        // Edges to nodes that do not exist here are refused, as for a person: skip those.
        let _ = device
            .store
            .apply_patch(&canvas.id, current.revision, &patch);

        if rng.chance(4) {
            if online {
                server.kill();
            } else {
                server.resume();
            }
            online = !online;
        }
        if rng.chance(12) {
            let result = device.sync.sync_once().await;
            match result {
                Ok(_) => assert!(online, "a sync succeeded with the server down"),
                Err(error) => assert!(!online && error.code() == "offline", "seed {seed}: {error}"),
            }
        }
    }
    if !online {
        server.resume();
    }
    for _ in 0..3 {
        for device in &devices {
            device.sync.sync_once().await.unwrap();
        }
    }
    assert_eq!(devices[0].sync.pending().unwrap(), 0);
    assert_eq!(devices[1].sync.pending().unwrap(), 0);
    let final_a = snapshot(&devices[0], &canvas.id);
    let final_b = snapshot(&devices[1], &canvas.id);
    assert_eq!(final_a, final_b, "seed {seed}: the devices disagree");

    let history: Vec<String> = devices
        .iter()
        .flat_map(|d| d.sync.history(&canvas.id).unwrap())
        .filter_map(|h| h.payload)
        .collect();
    for (d, writes) in last_write.iter().enumerate() {
        for (node_id, text) in writes {
            let visible = final_a
                .1
                .iter()
                .any(|n| &n.id == node_id && n.data.to_value()["text"] == text.as_str());
            let kept = history.iter().any(|p| p.contains(&format!("\"{text}\"")));
            assert!(
                visible || kept,
                "seed {seed}: device {d}'s last write {text} to {node_id} is lost"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_killed_mid_push_keeps_no_partial_batch() {
    let mut server = Server::start();
    let a = Device::new(&server);
    let mut canvas = koda_core::conformance::grid_canvas("Big", 2500);
    canvas.id = "big".into();
    a.store.save_canvas(&canvas).unwrap();
    let expected_rows = a.sync.pending().unwrap() as usize;
    for delay_ms in [40u64, 120, 250] {
        let sync = a.sync.sync_once();
        let killer = async {
            tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
        };
        tokio::pin!(sync);
        let finished_early = tokio::select! {
            result = &mut sync => Some(result),
            () = killer => None,
        };
        server.kill();
        if finished_early.is_none() {
            let _ = sync.await; // fails: the server is gone
        }
        server.resume();
        let db = libsql::Builder::new_remote(server.url(), String::new())
            .build()
            .await
            .unwrap();
        let conn = db.connect().unwrap();
        let exists = conn
            .query("SELECT 1 FROM sqlite_schema WHERE name = 'koda_rows'", ())
            .await
            .unwrap()
            .next()
            .await
            .unwrap();
        if exists.is_none() {
            continue; // killed before the first push created anything
        }
        let mut rows = conn
            .query("SELECT seq, count(*) FROM koda_rows GROUP BY seq", ())
            .await
            .unwrap();
        while let Some(row) = rows.next().await.unwrap() {
            let count: i64 = row.get(1).unwrap();
            assert!(
                count == 1000 || count as usize == expected_rows % 1000,
                "a batch of {count} rows was left half written (delay {delay_ms} ms)"
            );
        }
    }
    a.sync.sync_once().await.unwrap();
    let b = Device::new(&server);
    b.sync.sync_once().await.unwrap();
    let on_b = b.store.get_canvas("big").unwrap().unwrap();
    assert_eq!(on_b.nodes, canvas.nodes);
    assert_eq!(on_b.edges.len(), canvas.edges.len());
}
