//! Runs the shared conformance vectors (`conformance/vectors/*.json` at the repository root)
//! on a store. The browser store runs the same files under vitest; the format is described in
//! `conformance/README.md`.

use crate::model::*;
use crate::store::Store;
use crate::StoreResult;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

macro_rules! vectors {
    ($($name:literal),* $(,)?) => {
        /// Every vector, by file name (without `.json`).
        pub const SHARED_VECTORS: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../../../../conformance/vectors/", $name, ".json")))),*
        ];
    };
}

vectors!(
    "content-patch-bumps-updated-at",
    "delete-node-deletes-its-edges",
    "duplicate-names",
    "edge-to-missing-node",
    "import-is-all-or-nothing",
    "import-replaces-existing-id",
    "new-nodes-append-in-order",
    "pan-only-patch-keeps-updated-at",
    "rename-and-names",
    "stale-revision-conflicts",
    "thumbnail-is-not-an-edit",
    "trash-restore-purge",
    "unknown-fields-kept",
);

/// Runs every vector, each on a fresh store from `make`; panics naming each vector that failed
/// and why.
pub fn run_shared_vectors<S: Store>(make: impl Fn() -> S) {
    let failures: Vec<String> = SHARED_VECTORS
        .iter()
        .filter_map(|(name, text)| {
            let store = make();
            run_vector(&store, text)
                .err()
                .map(|why| format!("{name}: {why}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "shared vectors failed:\n{}",
        failures.join("\n")
    );
}

/// Runs one vector's steps in order; the first step that does not do what it expects is the error.
pub fn run_vector(store: &impl Store, text: &str) -> Result<(), String> {
    let case: Value = serde_json::from_str(text).map_err(|e| format!("bad vector: {e}"))?;
    let steps = case["steps"].as_array().ok_or("a vector needs steps")?;
    let mut named: HashMap<String, Value> = HashMap::new();
    for (index, step) in steps.iter().enumerate() {
        let step = resolve(step, &named);
        let op = step["do"].as_str().unwrap_or_default();
        let outcome = perform(store, op, &step).map_err(|e| e.code().to_owned());
        let at = format!("step {index} ({op})");
        match (outcome, step.get("fails").and_then(Value::as_str)) {
            (Ok(value), None) => {
                if let Some(expected) = step.get("expect") {
                    matches(expected, &value, "result")
                        .map_err(|why| format!("{at}: {why}; got {value}"))?;
                }
                if let Some(name) = step.get("as").and_then(Value::as_str) {
                    named.insert(name.to_owned(), value);
                }
            }
            (Ok(value), Some(code)) => {
                return Err(format!(
                    "{at}: expected {code}, but it succeeded with {value}"
                ))
            }
            (Err(got), Some(code)) if got == code => {}
            (Err(got), expected) => {
                return Err(format!(
                    "{at}: failed with {got}, expected {}",
                    expected.unwrap_or("success")
                ))
            }
        }
    }
    Ok(())
}

fn arg<T: serde::de::DeserializeOwned>(step: &Value, key: &str) -> StoreResult<T> {
    Ok(serde_json::from_value(step[key].clone())?)
}

fn perform(store: &impl Store, op: &str, step: &Value) -> StoreResult<Value> {
    let id = step["id"].as_str().unwrap_or_default();
    let revision = |r: Revision| json!({ "revision": r });
    Ok(match op {
        "create" => json!(store.create_canvas(step["name"].as_str().unwrap_or_default())?),
        "save" => revision(store.save_canvas(&arg(step, "canvas")?)?),
        "import" => {
            store.import_canvases(&arg::<Vec<StoredCanvas>>(step, "canvases")?)?;
            json!({})
        }
        "patch" => {
            revision(store.apply_patch(id, arg(step, "baseRevision")?, &arg(step, "patch")?)?)
        }
        "rename" => revision(store.rename_canvas(id, step["name"].as_str().unwrap_or_default())?),
        "duplicate" => json!(store.duplicate_canvas(id, step["name"].as_str())?),
        "trash" => store.trash_canvas(id).map(|()| json!({}))?,
        "restore" => store.restore_canvas(id).map(|()| json!({}))?,
        "purge" => store.purge_canvas(id).map(|()| json!({}))?,
        "thumbnail" => store
            .set_thumbnail(id, step["thumbnail"].as_str())
            .map(|()| json!({}))?,
        "get" => json!(store.get_canvas(id)?),
        "list" => json!(store.list_canvases()?),
        "listTrash" => json!(store.list_trash()?),
        "sleep" => {
            let ms = step["ms"].as_u64().unwrap_or(1);
            std::thread::sleep(std::time::Duration::from_millis(ms));
            json!({})
        }
        other => {
            return Err(crate::StoreError::invalid(
                "do",
                format!("unknown vector operation '{other}'"),
            ))
        }
    })
}

/// Replaces every string `"$name.path"` whose `name` was bound by `as` with that value.
fn resolve(value: &Value, named: &HashMap<String, Value>) -> Value {
    match value {
        Value::String(text) => lookup(text, named).unwrap_or_else(|| value.clone()),
        Value::Array(items) => Value::Array(items.iter().map(|v| resolve(v, named)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), resolve(v, named)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn lookup(text: &str, named: &HashMap<String, Value>) -> Option<Value> {
    let mut parts = text.strip_prefix('$')?.split('.');
    let mut value = named.get(parts.next()?)?;
    for part in parts {
        value = value.get(part)?;
    }
    Some(value.clone())
}

fn same_number(a: &Value, b: &Value) -> bool {
    matches!((a.as_f64(), b.as_f64()), (Some(x), Some(y)) if x == y)
}

/// Partial match of `actual` against `expected`, as `conformance/README.md` defines it.
fn matches(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    let absent = actual.is_null();
    match expected {
        Value::Null if absent => Ok(()),
        Value::Object(ops) if ops.keys().any(|k| k.starts_with('$')) => {
            operators(ops, actual, path)
        }
        Value::Object(fields) => {
            let Value::Object(got) = actual else {
                return Err(format!("{path}: expected an object"));
            };
            for (key, want) in fields {
                matches(
                    want,
                    got.get(key).unwrap_or(&Value::Null),
                    &format!("{path}.{key}"),
                )?;
            }
            Ok(())
        }
        Value::Array(items) => {
            let Value::Array(got) = actual else {
                return Err(format!("{path}: expected an array"));
            };
            if got.len() != items.len() {
                return Err(format!(
                    "{path}: expected {} items, got {}",
                    items.len(),
                    got.len()
                ));
            }
            for (index, (want, have)) in items.iter().zip(got).enumerate() {
                matches(want, have, &format!("{path}[{index}]"))?;
            }
            Ok(())
        }
        Value::Number(_) if same_number(expected, actual) => Ok(()),
        _ if expected == actual => Ok(()),
        _ => Err(format!("{path}: expected {expected}, got {actual}")),
    }
}

fn operators(ops: &Map<String, Value>, actual: &Value, path: &str) -> Result<(), String> {
    for (op, operand) in ops {
        let ok = match op.as_str() {
            "$gt" => matches!((actual.as_f64(), operand.as_f64()), (Some(a), Some(b)) if a > b),
            "$ne" => actual != operand && !same_number(actual, operand),
            "$len" => {
                let len = match actual {
                    Value::Array(items) => Some(items.len()),
                    Value::String(text) => Some(text.chars().count()),
                    _ => None,
                };
                len.map(|n| n as u64) == operand.as_u64()
            }
            "$absent" => actual.is_null() == operand.as_bool().unwrap_or(true),
            other => return Err(format!("{path}: unknown operator {other}")),
        };
        if !ok {
            return Err(format!("{path}: expected {op} {operand}, got {actual}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vector_file_is_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../conformance/vectors");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
            .collect();
        files.sort();
        let listed: Vec<&str> = SHARED_VECTORS.iter().map(|(name, _)| *name).collect();
        assert_eq!(files, listed);
    }

    #[test]
    fn matching_follows_the_readme() {
        let actual = json!({"a": 1.0, "b": [1, 2], "c": "x", "t": 5});
        assert!(matches(&json!({"a": 1, "b": [1, 2]}), &actual, "r").is_ok());
        assert!(matches(&json!({"b": [1]}), &actual, "r").is_err());
        assert!(matches(&json!({"missing": null}), &actual, "r").is_ok());
        assert!(matches(&json!({"c": {"$len": 1}, "t": {"$gt": 4}}), &actual, "r").is_ok());
        assert!(matches(&json!({"t": {"$gt": 5}}), &actual, "r").is_err());
        assert!(matches(&json!({"c": {"$ne": "x"}}), &actual, "r").is_err());
        assert!(matches(&json!({"gone": {"$absent": true}}), &actual, "r").is_ok());
        let named = HashMap::from([("x".to_owned(), json!({"id": "abc"}))]);
        assert_eq!(
            resolve(&json!({"k": "$x.id", "l": "$y"}), &named),
            json!({"k": "abc", "l": "$y"})
        );
    }
}
