//! Run all: the canvas's (or the selection's) generator nodes in dependency order. A node waits
//! for the generator nodes feeding it; a cycle is refused with its nodes named; a node whose
//! model and input have not changed since its last output is skipped (unless something feeding
//! it runs again); the total estimated cost is known before anything starts.

use crate::inputs::{prepare, prepare_for_estimate, GENERATOR_TYPES};
use koda_assets::AssetStore;
use koda_core::{StoreError, StoreResult, StoredCanvas};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use ts_rs::TS;

/// One node of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlannedNode {
    pub node_id: String,
    pub model: String,
    pub cost_usd: f64,
    /// Generator nodes of the plan it waits for.
    pub after: Vec<String>,
}

/// What Run all will do.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunPlan {
    /// In an order where every node comes after the nodes it waits for.
    pub runs: Vec<PlannedNode>,
    /// Nodes left out, with why (unchanged since the last output, or cannot run: no prompt…).
    pub skipped: Vec<(String, String)>,
    pub total_cost_usd: f64,
}

/// The fingerprint of what a run would send: model, endpoint and input. Stored in the node
/// (`lastRunFingerprint`) when a run completes, to tell an unchanged node.
pub fn run_fingerprint(
    model: &str,
    endpoint: &str,
    input: &serde_json::Map<String, Value>,
) -> String {
    let text = format!("{model}|{endpoint}|{}", Value::Object(input.clone()));
    hex::encode(&Sha256::digest(text.as_bytes())[..12])
}

/// Plans Run all over `selection` (every generator node when `None`).
pub fn plan_run_all(
    canvas: &StoredCanvas,
    selection: Option<&[String]>,
    assets: &AssetStore,
    default_models: &BTreeMap<String, String>,
) -> StoreResult<RunPlan> {
    let chosen: Vec<&str> = canvas
        .nodes
        .iter()
        .filter(|n| GENERATOR_TYPES.contains(&n.node_type.as_str()))
        .filter(|n| selection.is_none_or(|s| s.iter().any(|id| id == &n.id)))
        .map(|n| n.id.as_str())
        .collect();
    let in_plan: HashSet<&str> = chosen.iter().copied().collect();
    // Which planned generators feed which, through any chain of edges.
    let mut feeds: HashMap<&str, Vec<&str>> = HashMap::new();
    for edge in &canvas.edges {
        if in_plan.contains(edge.source.as_str())
            && in_plan.contains(edge.target.as_str())
            && edge.source != edge.target
        {
            feeds
                .entry(edge.target.as_str())
                .or_default()
                .push(edge.source.as_str());
        }
    }
    let order = topological(&chosen, &feeds)?;
    let mut plan = RunPlan {
        runs: Vec::new(),
        skipped: Vec::new(),
        total_cost_usd: 0.0,
    };
    let mut running: HashSet<&str> = HashSet::new();
    for node_id in order {
        let after: Vec<String> = feeds
            .get(node_id)
            .into_iter()
            .flatten()
            .filter(|s| running.contains(*s))
            .map(|s| s.to_string())
            .collect();
        let prepared = match prepare(canvas, node_id, assets, default_models) {
            Ok(prepared) => prepared,
            // A node fed by one that runs first may only get its input then.
            Err(error) if after.is_empty() => {
                plan.skipped.push((node_id.to_owned(), error.to_string()));
                continue;
            }
            Err(_) => {
                let estimate = prepare_for_estimate(canvas, node_id, assets, default_models).ok();
                let (model, cost_usd) =
                    estimate.map_or((String::new(), 0.0), |p| (p.model.id, p.cost_usd));
                running.insert(node_id);
                plan.total_cost_usd += cost_usd;
                plan.runs.push(PlannedNode {
                    node_id: node_id.to_owned(),
                    model,
                    cost_usd,
                    after,
                });
                continue;
            }
        };
        let node = canvas
            .nodes
            .iter()
            .find(|n| n.id == node_id)
            .expect("planned nodes exist");
        let data = node.data.to_value();
        let has_output = data
            .get("outputUrl")
            .and_then(Value::as_str)
            .is_some_and(|u| !u.is_empty());
        let unchanged = data.get("lastRunFingerprint").and_then(Value::as_str)
            == Some(
                run_fingerprint(&prepared.model.id, &prepared.endpoint, &prepared.input).as_str(),
            );
        if has_output && unchanged && after.is_empty() {
            plan.skipped
                .push((node_id.to_owned(), "unchanged since its last output".into()));
            continue;
        }
        running.insert(node_id);
        plan.total_cost_usd += prepared.cost_usd;
        plan.runs.push(PlannedNode {
            node_id: node_id.to_owned(),
            model: prepared.model.id.clone(),
            cost_usd: prepared.cost_usd,
            after,
        });
    }
    plan.total_cost_usd = (plan.total_cost_usd * 10_000.0).round() / 10_000.0;
    Ok(plan)
}

/// Kahn's algorithm, keeping the canvas order among ready nodes; a cycle is a clear error.
fn topological<'a>(
    nodes: &[&'a str],
    feeds: &HashMap<&'a str, Vec<&'a str>>,
) -> StoreResult<Vec<&'a str>> {
    let mut waiting: HashMap<&str, usize> = nodes
        .iter()
        .map(|n| (*n, feeds.get(n).map_or(0, Vec::len)))
        .collect();
    let mut order = Vec::with_capacity(nodes.len());
    let mut done: HashSet<&str> = HashSet::new();
    while order.len() < nodes.len() {
        let ready: Vec<&str> = nodes
            .iter()
            .copied()
            .filter(|n| !done.contains(n) && waiting[n] == 0)
            .collect();
        if ready.is_empty() {
            let mut stuck: Vec<&str> = nodes
                .iter()
                .copied()
                .filter(|n| !done.contains(n))
                .collect();
            stuck.sort_unstable();
            return Err(StoreError::invalid(
                "edges",
                format!(
                    "these nodes feed each other in a loop, so none can run first: {}",
                    stuck.join(", ")
                ),
            ));
        }
        for node in ready {
            done.insert(node);
            order.push(node);
            for (target, sources) in feeds {
                let count = sources.iter().filter(|s| **s == node).count();
                if count > 0 {
                    *waiting.get_mut(target).expect("targets are planned") -= count;
                }
            }
        }
    }
    Ok(order)
}
