//! Writing small files so they survive a crash or power loss: write a temporary file, flush it,
//! rename it into place, flush the folder (so the rename itself is on disk).

use koda_core::StoreResult;
use std::io::Write;
use std::path::Path;

/// Replaces `path` with `bytes` atomically and durably; `private` makes it readable by the user
/// only (it holds sealed secrets).
pub fn write_file(path: &Path, bytes: &[u8], private: bool) -> StoreResult<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let temp = path.with_extension(format!("partial-{}", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(error) = written.and_then(|()| std::fs::rename(&temp, path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(error.into());
    }
    sync_folder(folder)
}

/// Flushes a folder's entries (a rename or a new file in it) to disk. A no-op where folders
/// cannot be opened (Windows), whose file system journals renames itself.
pub fn sync_folder(folder: &Path) -> StoreResult<()> {
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("storage.json");
        write_file(&path, b"one", false).unwrap();
        write_file(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["storage.json"]);
    }
}
