//! Content-addressed files: each file is named by the SHA-256 of its bytes, so identical bytes
//! are stored once and a name can never point at different content.

use koda_core::{StoreError, StoreResult};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A number no other write in this process uses: two threads storing the same bytes at once
/// must not write the same temporary file.
fn next_temp_number() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Files under one folder, sharded by the first two hex digits (`ab/abcdef…`) so no folder
/// holds more than a few thousand entries.
pub struct BlobStore {
    root: PathBuf,
}

/// Checks that `sha256` is 64 lowercase hex digits; anything else (`..`, `/`, NUL, an absolute
/// path) is refused before it can become part of a path.
pub fn check_sha256(sha256: &str) -> StoreResult<()> {
    let valid = sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if valid {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "sha256",
            "not a SHA-256 (64 lowercase hex digits)",
        ))
    }
}

/// The SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl BlobStore {
    pub fn new(root: impl Into<PathBuf>) -> StoreResult<Self> {
        let root = root.into();
        std::fs::create_dir_all(root.join("tmp"))?;
        Ok(Self { root })
    }

    /// Where the blob with this hash lives (whether or not it exists).
    pub fn path(&self, sha256: &str) -> StoreResult<PathBuf> {
        check_sha256(sha256)?;
        Ok(self.root.join(&sha256[..2]).join(sha256))
    }

    /// Stores `bytes`; returns their hash and whether a new file was written. The file is written
    /// to a temporary name, flushed to disk and renamed, so a crash never leaves a partial file
    /// under a hash name.
    pub fn put(&self, bytes: &[u8]) -> StoreResult<(String, bool)> {
        let sha256 = sha256_hex(bytes);
        let target = self.path(&sha256)?;
        if target.exists() {
            return Ok((sha256, false));
        }
        let shard = target.parent().expect("blob paths have a shard folder");
        std::fs::create_dir_all(shard)?;
        let temp = self.root.join("tmp").join(format!(
            "{sha256}.{}.{}.partial",
            std::process::id(),
            next_temp_number()
        ));
        let written = (|| -> std::io::Result<()> {
            let mut file = std::fs::File::create(&temp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            std::fs::rename(&temp, &target)?;
            // Make the rename itself durable.
            std::fs::File::open(shard)?.sync_all()
        })();
        if let Err(error) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(error.into());
        }
        Ok((sha256, true))
    }

    /// Reads a blob.
    pub fn read(&self, sha256: &str) -> StoreResult<Vec<u8>> {
        let path = self.path(sha256)?;
        std::fs::read(&path).map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => StoreError::NotFound {
                what: "asset file",
                id: sha256.to_owned(),
            },
            _ => error.into(),
        })
    }

    /// Deletes a blob; a missing one is fine.
    pub fn remove(&self, sha256: &str) -> StoreResult<bool> {
        match std::fs::remove_file(self.path(sha256)?) {
            Ok(()) => Ok(true),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(error) => Err(error.into()),
        }
    }

    /// Every stored hash with its size in bytes.
    pub fn list(&self) -> StoreResult<Vec<(String, u64)>> {
        let mut found = Vec::new();
        for shard in std::fs::read_dir(&self.root)? {
            let shard = shard?;
            let name = shard.file_name();
            let name = name.to_string_lossy();
            if name.len() != 2 || !shard.file_type()?.is_dir() {
                continue;
            }
            for entry in std::fs::read_dir(shard.path())? {
                let entry = entry?;
                let file = entry.file_name().to_string_lossy().into_owned();
                if check_sha256(&file).is_ok() && file.starts_with(name.as_ref()) {
                    found.push((file, entry.metadata()?.len()));
                }
            }
        }
        found.sort();
        Ok(found)
    }

    /// The folder holding the blobs.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_storing_the_same_bytes_at_once_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::new(dir.path()).unwrap();
        let bytes = vec![42u8; 2 * 1024 * 1024];
        let results: Vec<StoreResult<(String, bool)>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..8).map(|_| scope.spawn(|| blobs.put(&bytes))).collect();
            workers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        let names: Vec<String> = results.into_iter().map(|r| r.unwrap().0).collect();
        assert!(names.windows(2).all(|pair| pair[0] == pair[1]));
        assert_eq!(blobs.read(&names[0]).unwrap(), bytes);
        let leftovers = std::fs::read_dir(dir.path().join("tmp")).map_or(0, |d| d.count());
        assert_eq!(leftovers, 0, "no temporary file is left behind");
    }

    #[test]
    fn stores_identical_bytes_once() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::new(dir.path()).unwrap();
        let (a, new_a) = blobs.put(b"hello").unwrap();
        let (b, new_b) = blobs.put(b"hello").unwrap();
        assert_eq!(a, b);
        assert!(new_a && !new_b);
        assert_eq!(blobs.read(&a).unwrap(), b"hello");
        assert_eq!(blobs.list().unwrap(), vec![(a.clone(), 5)]);
        assert!(blobs.remove(&a).unwrap());
        assert!(!blobs.remove(&a).unwrap());
    }

    #[test]
    fn refuses_path_tricks() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::new(dir.path()).unwrap();
        for bad in [
            "../../etc/passwd",
            "/etc/passwd",
            "ab\0cd",
            "",
            &"A".repeat(64),
            &format!("{}/", "a".repeat(63)),
        ] {
            assert_eq!(
                blobs.path(bad).unwrap_err().code(),
                "invalid_input",
                "{bad:?}"
            );
        }
    }
}
