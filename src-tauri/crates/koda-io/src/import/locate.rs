//! Error positions: wrapping a path found inside a part (`[3].position.x`) with where that part
//! sits (`canvases[id=c1].nodes`), so the person sees one path from the file down.

use koda_core::StoreError;
use std::path::Path;

/// `error` with `prefix` put in front of its path (only `Invalid` errors carry one).
pub(crate) fn within(prefix: &str, error: StoreError) -> StoreError {
    match error {
        StoreError::Invalid { path, message } => StoreError::invalid(join(prefix, &path), message),
        other => other,
    }
}

/// `error` with the file's name in front of its path.
pub(crate) fn within_file(file: &Path, error: StoreError) -> StoreError {
    match error {
        StoreError::Invalid { path, message } => {
            StoreError::invalid(format!("{}: {path}", file.display()), message)
        }
        other => other,
    }
}

fn join(prefix: &str, inner: &str) -> String {
    if inner.is_empty() || inner == "." {
        prefix.to_owned()
    } else if inner.starts_with('[') {
        format!("{prefix}{inner}")
    } else if inner.starts_with("line ") {
        format!("{prefix} ({inner})")
    } else {
        format!("{prefix}.{inner}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of(error: StoreError) -> String {
        match error {
            StoreError::Invalid { path, .. } => path,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn joins_paths_the_way_they_read() {
        assert_eq!(
            path_of(within(
                "t.nodes",
                StoreError::invalid("[3].position.x", "m")
            )),
            "t.nodes[3].position.x"
        );
        assert_eq!(
            path_of(within(
                "t.nodes",
                StoreError::invalid("line 1, column 4", "m")
            )),
            "t.nodes (line 1, column 4)"
        );
        assert_eq!(path_of(within("t", StoreError::invalid("id", "m"))), "t.id");
        assert_eq!(within("t", StoreError::Busy).code(), "busy");
    }
}
