//! The durable list of blobs still to upload: `<data_dir>/objects/pending`, one SHA-256 per line.
//! Appends are flushed to disk before `enqueue` returns; removals rewrite the file atomically, so
//! a crash loses nothing that was enqueued (at worst an upload is repeated, which is harmless).

use koda_assets::blobs::check_sha256;
use koda_core::StoreResult;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub(crate) struct PendingFile {
    path: PathBuf,
}

impl PendingFile {
    /// The list in `<data_dir>/objects/pending` (the folder is created; the file when needed).
    pub(crate) fn open(data_dir: &Path) -> StoreResult<Self> {
        let folder = data_dir.join("objects");
        std::fs::create_dir_all(&folder)?;
        Ok(Self {
            path: folder.join("pending"),
        })
    }

    /// Adds a hash and makes it durable.
    pub(crate) fn append(&self, sha256: &str) -> StoreResult<()> {
        check_sha256(sha256)?;
        let mut file = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&self.path)?;
        // A crash mid-append can leave a line without its newline; start a fresh line so the
        // torn one does not swallow this hash.
        let mut line = String::with_capacity(66);
        if !ends_with_newline(&mut file)? {
            line.push('\n');
        }
        line.push_str(sha256);
        line.push('\n');
        file.write_all(line.as_bytes())?;
        file.sync_data()?;
        Ok(())
    }

    /// The hashes listed, first occurrence order, without duplicates or damaged lines.
    pub(crate) fn read(&self) -> StoreResult<Vec<String>> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error.into()),
        };
        let mut seen = HashSet::new();
        let mut hashes = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if check_sha256(line).is_err() {
                tracing::warn!(line, "skipping a damaged line in the upload queue");
            } else if seen.insert(line) {
                hashes.push(line.to_owned());
            }
        }
        Ok(hashes)
    }

    /// Replaces the list with `hashes`: written to a temporary file, flushed, renamed.
    pub(crate) fn rewrite(&self, hashes: &[String]) -> StoreResult<()> {
        let temp = self.path.with_extension("partial");
        let mut text = String::with_capacity(hashes.len() * 65);
        for sha256 in hashes {
            text.push_str(sha256);
            text.push('\n');
        }
        let mut file = File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temp, &self.path)?;
        if let Some(folder) = self.path.parent() {
            File::open(folder)?.sync_all()?;
        }
        Ok(())
    }
}

fn ends_with_newline(file: &mut File) -> std::io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(true);
    }
    let mut last = [0u8; 1];
    file.seek(SeekFrom::End(-1))?;
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_reopening_and_torn_lines() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        let file = PendingFile::open(dir.path()).unwrap();
        file.append(&a).unwrap();
        file.append(&a).unwrap();
        // What a crash in the middle of an append leaves behind.
        let path = dir.path().join("objects/pending");
        let mut raw = OpenOptions::new().append(true).open(&path).unwrap();
        raw.write_all(b"cccc").unwrap();
        drop(file);
        let file = PendingFile::open(dir.path()).unwrap();
        file.append(&b).unwrap();
        assert_eq!(file.read().unwrap(), vec![a.clone(), b.clone()]);
        file.rewrite(std::slice::from_ref(&b)).unwrap();
        assert_eq!(file.read().unwrap(), vec![b]);
        assert!(file.append("not a hash").is_err());
    }
}
