//! The fuzz targets' inputs on stable Rust: every committed seed (`fuzz/seeds/<target>/`) and
//! every input a fuzz run broke something with (`tests/fuzz_cases/<target>/`), each through the
//! very function its target calls (`fuzz/src/lib.rs`, included below). Each must come back as
//! `Ok` or a typed `StoreError` without a panic; the cases of fixed bugs must give the error
//! they give now.

#[allow(dead_code)]
#[path = "../../../../fuzz/src/lib.rs"]
mod harness;

use harness::SqliteFlavour;
use koda_core::StoreResult;
use std::path::{Path, PathBuf};

const TARGETS: &[&str] = &[
    "import_json",
    "import_json_canvas",
    "import_bundle",
    "import_web_sqlite",
    "import_drizzle_sqlite",
    "canvas_patch",
];

/// What one input gave: `"ok"` or the error's code, and the error's text.
type Outcome = (&'static str, String);

fn outcome<T>(result: StoreResult<T>) -> Outcome {
    match &result {
        Ok(_) => ("ok", String::new()),
        Err(error) => (harness::code(&result), error.to_string()),
    }
}

/// Runs `data` through the target's harness function; `None` when the target skips it.
fn run(target: &str, data: &[u8]) -> Option<Outcome> {
    match target {
        "import_json" => harness::import_json(data).map(outcome),
        "import_json_canvas" => harness::import_json_canvas(data).map(outcome),
        "import_bundle" => harness::import_bundle(data).map(outcome),
        "import_web_sqlite" => harness::import_sqlite(data, SqliteFlavour::Web).map(outcome),
        "import_drizzle_sqlite" => {
            harness::import_sqlite(data, SqliteFlavour::Drizzle).map(outcome)
        }
        "canvas_patch" => harness::canvas_patch(data).map(outcome),
        other => panic!("unknown fuzz target {other}"),
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

fn seeds(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../fuzz/seeds")
        .join(target);
    let files = files_in(&dir);
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    files
}

fn cases(target: &str) -> Vec<PathBuf> {
    files_in(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz_cases")
            .join(target),
    )
}

/// Seeds that are bad on purpose, with the error code each must give; every other seed imports
/// (or, for `canvas_patch`, applies).
const FAILING_SEEDS: &[(&str, &str, &str)] = &[
    (
        "import_json",
        "vector-import-is-all-or-nothing-0.json",
        "invalid_input",
    ),
    ("canvas_patch", "dangling-edge.json", "invalid_input"),
    (
        "canvas_patch",
        "vector-edge-to-missing-node-1.json",
        "invalid_input",
    ),
    (
        "canvas_patch",
        "vector-edge-to-missing-node-3.json",
        "invalid_input",
    ),
    (
        "canvas_patch",
        "vector-edge-to-missing-node-5.json",
        "invalid_input",
    ),
];

/// Inputs that broke a promise once, with the error code each gives now and a part of its text.
///
/// All three: a node field Koda does not model (kept in `extra`) was depth-limited only by
/// serde_json's 128 levels where it is read, while node data is held to `MAX_JSON_DEPTH` (100).
/// Nested ~123 levels deep it imported (or arrived in a patch, as from the UI) and was stored,
/// but the exports put it one or two levels deeper (`koda.fields` in a `.canvas`; `nodes[]`
/// inside the canvas JSON of a `.koda` bundle), so Koda could not import its own export. Fixed in
/// koda-core's `validate_node`/`validate_edge`: every field is held to the data's depth.
const FIXED_CASES: &[(&str, &str, &str, &str)] = &[
    (
        "import_json",
        "deep-node-field-breaks-json-canvas-export.json",
        "invalid_input",
        "nodes[0].deep: nested 124 levels deep",
    ),
    (
        "import_web_sqlite",
        "deep-node-field-breaks-json-export.txt",
        "invalid_input",
        "nodes[0].deep: nested 125 levels deep",
    ),
    (
        "canvas_patch",
        "deep-node-field-breaks-json-canvas-export.json",
        "invalid_input",
        "upsertNodes[0].deep: nested 124 levels deep",
    ),
];

/// Inputs that still break a promise, each with a part of the panic it gives, until the code
/// outside koda-io that they point at is fixed. A case that stops panicking fails this test:
/// move it to [`FIXED_CASES`] with the error it gives then.
const OPEN_CASES: &[(&str, &str, &str)] = &[];

fn check_target(target: &str) {
    let mut wrong = Vec::new();
    for seed in seeds(target) {
        let name = seed.file_name().unwrap().to_str().unwrap();
        let data = std::fs::read(&seed).unwrap();
        let Some((code, message)) = run(target, &data) else {
            wrong.push(format!("seed {name}: the target skips it"));
            continue;
        };
        let expected = FAILING_SEEDS
            .iter()
            .find(|(t, n, _)| *t == target && *n == name)
            .map_or("ok", |(_, _, code)| *code);
        if code != expected {
            wrong.push(format!(
                "seed {name}: {code}, expected {expected} ({message})"
            ));
        }
    }
    for case in cases(target) {
        let name = case.file_name().unwrap().to_str().unwrap();
        let data = std::fs::read(&case).unwrap();
        if let Some((_, _, panic)) = OPEN_CASES
            .iter()
            .find(|(t, n, _)| *t == target && *n == name)
        {
            match std::panic::catch_unwind(|| run(target, &data)) {
                Err(payload) => {
                    let message = payload
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    if !message.contains(panic) {
                        wrong.push(format!(
                            "open case {name}: panics differently now: {message}"
                        ));
                    }
                }
                Ok(outcome) => wrong.push(format!(
                    "open case {name} no longer panics ({outcome:?}): move it to FIXED_CASES"
                )),
            }
            continue;
        }
        // Any outcome but a panic will do, unless the case's fix promises a particular error.
        let outcome = run(target, &data);
        let Some((_, _, code, text)) = FIXED_CASES
            .iter()
            .find(|(t, n, _, _)| *t == target && *n == name)
        else {
            continue;
        };
        match outcome {
            Some((got, message)) if got == *code && message.contains(text) => {}
            Some((got, message)) => wrong.push(format!(
                "case {name}: {got} ({message}), expected {code} with {text:?}"
            )),
            None => wrong.push(format!("case {name}: the target skips it")),
        }
    }
    assert!(wrong.is_empty(), "{target}:\n{}", wrong.join("\n"));
}

#[test]
fn every_target_has_its_seeds() {
    for target in TARGETS {
        assert!(!seeds(target).is_empty());
    }
}

#[test]
fn import_json_inputs() {
    check_target("import_json");
}

#[test]
fn import_json_canvas_inputs() {
    check_target("import_json_canvas");
}

#[test]
fn import_bundle_inputs() {
    check_target("import_bundle");
}

#[test]
fn import_web_sqlite_inputs() {
    check_target("import_web_sqlite");
}

#[test]
fn import_drizzle_sqlite_inputs() {
    check_target("import_drizzle_sqlite");
}

#[test]
fn canvas_patch_inputs() {
    check_target("canvas_patch");
}
