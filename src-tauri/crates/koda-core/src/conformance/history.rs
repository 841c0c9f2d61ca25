//! Conformance cases for version history and search.

use crate::fixtures::sample_canvas;
use crate::ids::now_ms;
use crate::model::*;
use crate::store::Store;

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        limit: None,
        include_trash: None,
    }
}

fn text_node(id: &str, content: &str) -> CanvasNode {
    let mut node = CanvasNode::new(id, "text", 0.0, 0.0);
    node.data = JsonText::from_value(&serde_json::json!({ "name": "Brief", "content": content }));
    node
}

fn hit_nodes(store: &impl Store, text: &str) -> Vec<Option<String>> {
    store
        .search(&query(text))
        .unwrap()
        .into_iter()
        .map(|h| h.node_id)
        .collect()
}

pub fn search_finds_edited_text_and_forgets_replaced_text(store: &impl Store) {
    let mut canvas = sample_canvas("Harbour studies");
    canvas
        .nodes
        .push(text_node("brief", "A lighthouse at dusk, oilskin coats"));
    canvas.nodes.push(text_node("note", "Le café du port"));
    store.save_canvas(&canvas).unwrap();
    assert_eq!(hit_nodes(store, "lighthou"), vec![Some("brief".into())]);
    assert_eq!(hit_nodes(store, "CAFE"), vec![Some("note".into())]);
    assert_eq!(hit_nodes(store, "harbour"), vec![None], "the canvas name");
    let hit = &store.search(&query("oilskin")).unwrap()[0];
    assert_eq!(hit.canvas_name, "Harbour studies");
    assert!(hit.snippet.contains("\u{2}oilskin\u{3}"), "{}", hit.snippet);
    let edited = CanvasPatch {
        upsert_nodes: vec![text_node("brief", "A windmill at noon")],
        ..Default::default()
    };
    let revision = store.apply_patch(&canvas.id, 1, &edited).unwrap();
    assert!(hit_nodes(store, "lighthouse").is_empty());
    assert_eq!(
        hit_nodes(store, "windmill noon"),
        vec![Some("brief".into())]
    );
    let mut moved = text_node("brief", "A windmill at noon");
    moved.position.x = 500.0;
    let moved = CanvasPatch {
        upsert_nodes: vec![moved],
        delete_nodes: vec!["note".into()],
        ..Default::default()
    };
    store.apply_patch(&canvas.id, revision, &moved).unwrap();
    assert_eq!(hit_nodes(store, "windmill"), vec![Some("brief".into())]);
    assert!(
        hit_nodes(store, "cafe").is_empty(),
        "a deleted node is forgotten"
    );
    for odd in ["\"", "*", "NEAR(", "-windmill", "\"windm", "a:b", "", "   "] {
        store.search(&query(odd)).unwrap();
    }
    assert_eq!(hit_nodes(store, "\"windm"), vec![Some("brief".into())]);
    store.trash_canvas(&canvas.id).unwrap();
    assert!(
        hit_nodes(store, "windmill").is_empty(),
        "the trash is left out"
    );
    let with_trash = SearchQuery {
        include_trash: Some(true),
        ..query("windmill")
    };
    let hits = store.search(&with_trash).unwrap();
    assert!(hits.len() == 1 && hits[0].trashed);
    store.purge_canvas(&canvas.id).unwrap();
    assert!(store.search(&with_trash).unwrap().is_empty());
}

/// An original, an edit, an import over it and another edit: three versions.
fn edited_three_ways(store: &impl Store) -> (StoredCanvas, StoredCanvas) {
    let mut canvas = sample_canvas("History");
    canvas.nodes.push(text_node("brief", "first words"));
    store.save_canvas(&canvas).unwrap();
    let patch = CanvasPatch {
        upsert_nodes: vec![text_node("brief", "second words")],
        ..Default::default()
    };
    store.apply_patch(&canvas.id, 1, &patch).unwrap();
    let mut imported = canvas.clone();
    imported.name = "History (imported)".into();
    imported.nodes.retain(|n| n.id != "custom-1");
    imported.edges.retain(|e| e.target != "custom-1");
    imported.nodes.retain(|n| n.id != "brief");
    imported.nodes.push(text_node("brief", "third words"));
    imported.nodes.push(text_node("extra", "imported words"));
    store.import_canvas(&imported).unwrap();
    let current = store.get_canvas(&canvas.id).unwrap().unwrap();
    let patch = CanvasPatch {
        upsert_nodes: vec![text_node("brief", "fourth words")],
        delete_nodes: vec!["extra".into()],
        ..Default::default()
    };
    store
        .apply_patch(&canvas.id, current.revision, &patch)
        .unwrap();
    (canvas, current)
}

fn brief(canvas: &StoredCanvas) -> String {
    let node = canvas.nodes.iter().find(|n| n.id == "brief").unwrap();
    node.data.to_value()["content"].as_str().unwrap().to_owned()
}

pub fn versions_are_listed_shown_and_restored(store: &impl Store) {
    let (original, imported) = edited_three_ways(store);
    let id = &original.id;
    let versions = store.list_versions(id).unwrap();
    let sources: Vec<VersionSource> = versions.iter().map(|v| v.source).collect();
    assert_eq!(
        sources[0],
        VersionSource::Import,
        "newest first: the imported state"
    );
    assert_eq!(versions.len(), 3, "{versions:?}");
    let oldest = versions.last().unwrap();
    assert_eq!((oldest.revision, oldest.name.as_str()), (1, "History"));
    let then = store.get_version(id, oldest.id).unwrap();
    assert_eq!(brief(&then), "first words");
    assert_eq!(then.nodes.len(), original.nodes.len());
    assert_eq!(then.edges.len(), original.edges.len());
    let as_imported = store.get_version(id, versions[0].id).unwrap();
    assert_eq!(as_imported.name, "History (imported)");
    assert_eq!(brief(&as_imported), "third words");
    assert!(as_imported.nodes.iter().any(|n| n.id == "extra"));
    assert_eq!(as_imported.nodes.len(), imported.nodes.len());

    // One node back: only it changes.
    let before = store.get_canvas(id).unwrap().unwrap();
    let revision = store.restore_version(id, oldest.id, Some("brief")).unwrap();
    let after = store.get_canvas(id).unwrap().unwrap();
    assert_eq!(revision, before.revision + 1);
    assert_eq!(brief(&after), "first words");
    assert_eq!(after.name, before.name);
    assert_eq!(after.nodes.len(), before.nodes.len());
    assert_eq!(
        store.list_versions(id).unwrap()[0].source,
        VersionSource::Edit,
        "what the restore replaced is a version"
    );
    // The whole canvas back, and the restore undone again.
    let versions_before_restore = store.list_versions(id).unwrap().len();
    store.restore_version(id, oldest.id, None).unwrap();
    let whole = store.get_canvas(id).unwrap().unwrap();
    assert_eq!(whole.name, "History");
    assert_eq!(whole.nodes.len(), original.nodes.len());
    let versions = store.list_versions(id).unwrap();
    assert_eq!(versions.len(), versions_before_restore + 1);
    let replaced = store.get_version(id, versions[0].id).unwrap();
    assert_eq!(brief(&replaced), "first words");
    assert_eq!(replaced.name, "History (imported)");

    let missing = store.get_version(id, 987_654).unwrap_err();
    assert_eq!(missing.code(), "not_found");
    let missing = store
        .restore_version(id, oldest.id, Some("no-such-node"))
        .unwrap_err();
    assert_eq!(missing.code(), "not_found");
    assert_eq!(
        store.list_versions("no-such-canvas").unwrap_err().code(),
        "not_found"
    );
}

pub fn pruning_keeps_what_the_policy_promises(store: &impl Store) {
    let (original, _) = edited_three_ways(store);
    let id = &original.id;
    let policy = HistorySettings::default();
    let versions = store.list_versions(id).unwrap();
    let newest = store.get_version(id, versions[0].id).unwrap();
    store.prune_history(&policy, now_ms()).unwrap();
    assert_eq!(
        store.list_versions(id).unwrap(),
        versions,
        "young versions stay"
    );
    // Forty days on, the three versions share one day: the newest is kept, and still shows
    // the same canvas.
    let later = now_ms() + 40 * 24 * 3_600_000;
    assert!(store.prune_history(&policy, later).unwrap() >= 2);
    let kept = store.list_versions(id).unwrap();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(store.get_version(id, kept[0].id).unwrap(), newest);
}
