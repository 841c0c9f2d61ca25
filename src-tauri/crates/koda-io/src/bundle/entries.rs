//! Entry names a bundle may contain. Names are checked before anything is read: a name that tries
//! to leave the bundle (`../evil`, `/etc/passwd`, `C:\x`) is refused outright, even though Koda
//! never writes entries to disk under their own names.

use super::{ASSETS_DIR, CANVAS_ENTRY, MANIFEST_ENTRY};
use crate::asset_refs::is_sha256;
use koda_core::{StoreError, StoreResult};

/// What an entry is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Entry {
    Manifest,
    Canvas,
    /// `assets/<sha256>`.
    Asset(String),
    /// The `assets/` folder itself, which some zip tools add.
    AssetsFolder,
}

/// Classifies an entry name, refusing path tricks and anything unexpected.
pub(crate) fn classify(name: &str) -> StoreResult<Entry> {
    let refuse = |why: &str| {
        Err(StoreError::invalid(
            format!("entry {name:?}"),
            why.to_owned(),
        ))
    };
    if name.starts_with('/') || name.contains('\\') || name.contains(':') || name.contains('\0') {
        return refuse("an absolute or platform-specific path is not allowed in a bundle");
    }
    if name.split('/').any(|part| part == ".." || part == ".") {
        return refuse("a path that leaves its folder ('..') is not allowed in a bundle");
    }
    match name {
        MANIFEST_ENTRY => Ok(Entry::Manifest),
        CANVAS_ENTRY => Ok(Entry::Canvas),
        ASSETS_DIR => Ok(Entry::AssetsFolder),
        _ => match name.strip_prefix(ASSETS_DIR) {
            Some(sha) if is_sha256(sha) => Ok(Entry::Asset(sha.to_owned())),
            _ => refuse("not an entry of a Koda bundle (expected manifest.json, canvas.json or assets/<sha256>)"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_path_tricks() {
        for bad in [
            "../evil",
            "assets/../../evil",
            "/etc/passwd",
            "C:\\evil",
            "assets\\x",
            "./canvas.json",
            "a\0b",
        ] {
            assert_eq!(
                classify(bad).unwrap_err().code(),
                "invalid_input",
                "{bad:?}"
            );
        }
        assert!(classify("notes.txt").is_err());
        assert!(classify("assets/abc").is_err());
    }

    #[test]
    fn knows_the_bundle_entries() {
        let sha = "0".repeat(64);
        assert_eq!(classify("manifest.json").unwrap(), Entry::Manifest);
        assert_eq!(classify("canvas.json").unwrap(), Entry::Canvas);
        assert_eq!(classify("assets/").unwrap(), Entry::AssetsFolder);
        assert_eq!(
            classify(&format!("assets/{sha}")).unwrap(),
            Entry::Asset(sha)
        );
    }
}
