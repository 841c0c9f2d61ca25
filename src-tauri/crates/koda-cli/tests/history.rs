//! `koda search` and `koda history` on a temporary data directory.

mod support;

use serde_json::Value;
use support::{failed, koda, ok};

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn canvas(brief: &str, name: &str) -> String {
    format!(
        r#"[{{"id":"harbour","name":"{name}","createdAt":1700000000000,"updatedAt":1700000005000,
   "nodes":[{{"id":"brief","type":"text","position":{{"x":0,"y":0}},"data":{{"content":"{brief}"}}}},
            {{"id":"img","type":"imageGenerator","position":{{"x":300,"y":0}},"data":{{"prompt":"Un café au port"}}}}],
   "edges":[{{"id":"e1","source":"brief","target":"img","sourceHandle":"output","targetHandle":"text"}}]}}]"#
    )
}

fn json(text: String) -> Value {
    serde_json::from_str(&text).unwrap()
}

#[test]
fn search_and_history_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = write(
        dir.path(),
        "first.json",
        &canvas("A lighthouse at dusk", "Harbour"),
    );
    ok(koda(&data, &["import", &first]));
    let hits = json(ok(koda(&data, &["search", "lighthou", "--json"])));
    assert_eq!(hits[0]["canvasId"], "harbour");
    assert_eq!(hits[0]["canvasName"], "Harbour");
    assert_eq!(hits[0]["nodeId"], "brief");
    assert!(hits[0]["snippet"]
        .as_str()
        .unwrap()
        .contains("\u{2}lighthouse\u{3}"));
    let accents = json(ok(koda(&data, &["search", "cafe", "--json"])));
    assert_eq!(accents[0]["nodeId"], "img");
    let syntax = json(ok(koda(&data, &["search", "\"NEAR(* -", "--json"])));
    assert_eq!(syntax, Value::Array(vec![]));

    // Importing over the same id keeps what it replaces as a version.
    let second = write(
        dir.path(),
        "second.json",
        &canvas("A windmill at noon", "Harbour v2"),
    );
    ok(koda(&data, &["import", &second]));
    let versions = json(ok(koda(&data, &["history", "ls", "harbour", "--json"])));
    let version = versions[0]["id"].as_i64().unwrap();
    assert_eq!(versions[0]["name"], "Harbour");
    assert!(versions[0]["at"].is_i64() && versions[0]["source"].is_string());
    let old = json(ok(koda(
        &data,
        &["history", "show", "harbour", &version.to_string(), "--json"],
    )));
    assert_eq!(old["nodes"][0]["data"]["content"], "A lighthouse at dusk");
    assert!(json(ok(koda(&data, &["search", "lighthouse", "--json"])))
        .as_array()
        .unwrap()
        .is_empty());

    ok(koda(
        &data,
        &[
            "history",
            "restore",
            "harbour",
            &version.to_string(),
            "--node",
            "brief",
        ],
    ));
    let hits = json(ok(koda(&data, &["search", "lighthouse", "--json"])));
    assert_eq!(hits[0]["nodeId"], "brief");
    let listed = json(ok(koda(&data, &["canvas", "list", "--json"])));
    assert_eq!(listed[0]["name"], "Harbour v2", "only the node came back");

    let missing = failed(koda(&data, &["history", "show", "harbour", "999999"]));
    assert!(
        missing.contains("not found") || missing.contains("not_found"),
        "{missing}"
    );
}
