//! Conformance cases for the run queue in `generations`.

use super::*;
use crate::model::*;
use crate::store::*;
use serde_json::json;

fn run(
    id: &str,
    canvas_id: &str,
    status: GenerationStatus,
    created_at: EpochMs,
) -> GenerationRecord {
    GenerationRecord {
        id: id.into(),
        canvas_id: Some(canvas_id.into()),
        node_id: Some("image-1".into()),
        model: "flux-schnell".into(),
        prompt: Some("a fox".into()),
        parameters: Some(JsonText::parse(r#"{"num_images":2}"#).unwrap()),
        status,
        result_asset_id: None,
        error_message: None,
        duration_ms: None,
        created_at,
        run: Some(GenerationRun {
            provider: "fal".into(),
            endpoint: "fal-ai/flux/schnell".into(),
            request_id: Some(format!("req-{id}")),
            status_url: Some("http://127.0.0.1/status".into()),
            cost_usd: Some(0.006),
            attempts: 1,
            ..GenerationRun::default()
        }),
    }
}

/// Every queue state and the run's provider state round-trip; open runs are listed oldest first.
pub fn generation_runs_round_trip_and_open_ones_are_listed(store: &impl Store) {
    let canvas = sample_canvas("runs");
    store.save_canvas(&canvas).unwrap();
    let statuses = [
        GenerationStatus::Pending,
        GenerationStatus::Submitted,
        GenerationStatus::Processing,
        GenerationStatus::Completed,
        GenerationStatus::Failed,
        GenerationStatus::Canceled,
    ];
    for (i, status) in statuses.into_iter().enumerate() {
        let row = run(
            &format!("g{i}"),
            &canvas.id,
            status,
            1_700_000_000_000 + i as i64,
        );
        store.put_generation(&row).unwrap();
        assert_eq!(store.get_generation(&row.id).unwrap().unwrap(), row);
    }
    let open: Vec<String> = store
        .list_open_generations()
        .unwrap()
        .into_iter()
        .map(|g| g.id)
        .collect();
    assert_eq!(open, ["g0", "g1", "g2"]);
    let recent = store.list_recent_generations(2).unwrap();
    assert_eq!(
        recent.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
        ["g5", "g4"]
    );
}

/// A finished run writes its outputs into its node's data with its row, in one transaction:
/// the other data keys stay, the revision moves, and a deleted node only gets the row.
pub fn finishing_a_run_writes_its_outputs_into_the_node(store: &impl Store) {
    let canvas = sample_canvas("outputs");
    let revision = store.save_canvas(&canvas).unwrap();
    let mut row = run(
        "g-done",
        &canvas.id,
        GenerationStatus::Completed,
        1_700_000_000_000,
    );
    row.duration_ms = Some(1234);
    let mut fields = serde_json::Map::new();
    fields.insert("outputUrl".into(), json!("koda-asset://a"));
    fields.insert(
        "outputUrls".into(),
        json!(["koda-asset://a", "koda-asset://b"]),
    );
    let update = NodeDataUpdate {
        canvas_id: canvas.id.clone(),
        node_id: "image-1".into(),
        fields,
    };
    let written = store.finish_generation(&row, Some(&update)).unwrap();
    assert_eq!(written, Some(revision + 1));
    let stored = store.get_canvas(&canvas.id).unwrap().unwrap();
    let node = stored.nodes.iter().find(|n| n.id == "image-1").unwrap();
    let data = node.data.to_value();
    assert_eq!(
        data["outputUrls"],
        json!(["koda-asset://a", "koda-asset://b"])
    );
    assert_eq!(data["model"], "flux", "the rest of the data is kept");
    assert_eq!(data["seed"], 42);
    assert_eq!(store.get_generation("g-done").unwrap().unwrap(), row);

    let gone = NodeDataUpdate {
        node_id: "deleted-meanwhile".into(),
        ..update
    };
    let again = run(
        "g-late",
        &canvas.id,
        GenerationStatus::Completed,
        1_700_000_000_001,
    );
    assert_eq!(store.finish_generation(&again, Some(&gone)).unwrap(), None);
    assert!(store.get_generation("g-late").unwrap().is_some());
    assert_eq!(
        store.get_canvas(&canvas.id).unwrap().unwrap().revision,
        revision + 1
    );
}
