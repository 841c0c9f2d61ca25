//! The master key that seals every secret at rest. It lives in the OS keychain, so the data
//! folder (a backup, a copy on a USB stick) never holds what opens its own secrets. Where no
//! keychain answers (a headless Linux box, `KODA_NO_KEYCHAIN=1`), it lives in `sync.key` beside
//! the database, readable by the user only.
//!
//! Creating it is a race two processes (the app and the `koda` CLI) can both run: the file is
//! claimed atomically (written aside, then linked into place, which fails if the name exists), so
//! exactly one key is ever published there, and after claiming we look in the keychain again
//! before publishing ours.

use koda_core::{StoreError, StoreResult};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

/// The fallback file, beside the database.
pub const KEY_FILE: &str = "sync.key";
const SERVICE: &str = "koda-desktop";

/// Where the master key of a data folder is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyHome {
    Keychain,
    File,
}

/// Keys already loaded in this process, by data folder: the keychain is asked once.
fn loaded() -> &'static Mutex<HashMap<PathBuf, [u8; 32]>> {
    static LOADED: OnceLock<Mutex<HashMap<PathBuf, [u8; 32]>>> = OnceLock::new();
    LOADED.get_or_init(Default::default)
}

fn keychain_allowed() -> bool {
    std::env::var_os("KODA_NO_KEYCHAIN").is_none_or(|v| v.is_empty() || v == "0")
}

/// The master key of `data_dir`, created on first use.
pub fn master_key(data_dir: &Path) -> StoreResult<[u8; 32]> {
    let folder = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let mut cache = loaded().lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(key) = cache.get(&folder) {
        return Ok(*key);
    }
    let (key, _) = load_or_create(data_dir, &folder, keychain_allowed())?;
    cache.insert(folder, key);
    Ok(key)
}

/// Where the key of `data_dir` is now (for `koda doctor` and tests), creating it if needed.
pub fn master_key_home(data_dir: &Path, use_keychain: bool) -> StoreResult<KeyHome> {
    let folder = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    load_or_create(data_dir, &folder, use_keychain).map(|(_, home)| home)
}

fn load_or_create(
    data_dir: &Path,
    folder: &Path,
    use_keychain: bool,
) -> StoreResult<([u8; 32], KeyHome)> {
    let keychain = use_keychain.then(|| Keychain::for_folder(folder));
    if let Some(key) = keychain.as_ref().and_then(Keychain::get) {
        return Ok((key, KeyHome::Keychain));
    }
    let path = data_dir.join(KEY_FILE);
    if let Some(key) = read_file(&path)? {
        // A key from before the keychain was used (or reachable): move it there.
        if keychain.as_ref().is_some_and(|k| k.publish(&key)) {
            remove_file_synced(&path)?;
            return Ok((key, KeyHome::Keychain));
        }
        return Ok((key, KeyHome::File));
    }
    let fresh = crate::sealed::random::<32>()?;
    if !claim_file(&path, &fresh)? {
        // Another process claimed it first: its key is the one.
        let key = read_file(&path)?.ok_or_else(|| {
            StoreError::Damaged(format!("{} vanished while being created", path.display()))
        })?;
        return Ok((key, KeyHome::File));
    }
    if let Some(keychain) = &keychain {
        if let Some(theirs) = keychain.get() {
            remove_file_synced(&path)?;
            return Ok((theirs, KeyHome::Keychain));
        }
        if keychain.publish(&fresh) {
            remove_file_synced(&path)?;
            return Ok((fresh, KeyHome::Keychain));
        }
        tracing::warn!("no OS keychain answers; the master key stays in the data folder");
    }
    Ok((fresh, KeyHome::File))
}

fn read_file(path: &Path) -> StoreResult<Option<[u8; 32]>> {
    match std::fs::read(path) {
        Ok(bytes) => bytes
            .try_into()
            .map(Some)
            .map_err(|_| StoreError::Damaged(format!("{} is not a Koda key file", path.display()))),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// Publishes a new key file only if none exists, complete or not at all: the key is written
/// and flushed under a private temporary name, then linked into place (a link fails when the name
/// exists, so exactly one process wins and no reader ever sees a half-written key). `false` when
/// another process created it first.
fn claim_file(path: &Path, key: &[u8; 32]) -> StoreResult<bool> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let temp = path.with_extension(format!(
        "{}-{:?}.partial",
        std::process::id(),
        std::thread::current().id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(key)?;
        file.sync_all()
    });
    let linked = written.and_then(|()| std::fs::hard_link(&temp, path));
    let _ = std::fs::remove_file(&temp);
    match linked {
        Ok(()) => {
            crate::durable::sync_folder(folder)?;
            Ok(true)
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error.into()),
    }
}

fn remove_file_synced(path: &Path) -> StoreResult<()> {
    std::fs::remove_file(path)?;
    crate::durable::sync_folder(path.parent().unwrap_or(Path::new(".")))
}

/// The keychain entry of one data folder. Every call runs on its own thread: the Secret Service
/// client blocks on its own runtime, which must not happen inside the caller's async runtime.
struct Keychain {
    account: String,
}

impl Keychain {
    fn for_folder(folder: &Path) -> Self {
        let digest = Sha256::digest(folder.to_string_lossy().as_bytes());
        Self {
            account: format!("master-key:{}", &hex::encode(digest)[..16]),
        }
    }

    fn get(&self) -> Option<[u8; 32]> {
        let account = self.account.clone();
        let text = on_own_thread(move || {
            keyring::Entry::new(SERVICE, &account).and_then(|e| e.get_password())
        })?;
        hex::decode(text).ok()?.try_into().ok()
    }

    /// Stores the key and reads it back; `false` when the keychain cannot keep it.
    fn publish(&self, key: &[u8; 32]) -> bool {
        let (account, text) = (self.account.clone(), hex::encode(key));
        on_own_thread(move || {
            let entry = keyring::Entry::new(SERVICE, &account)?;
            entry.set_password(&text)?;
            let back = entry.get_password()?;
            Ok(back == text)
        })
        .unwrap_or(false)
    }
}

fn on_own_thread<T: Send + 'static>(
    work: impl FnOnce() -> keyring::Result<T> + Send + 'static,
) -> Option<T> {
    std::thread::spawn(work).join().ok()?.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_keychain_the_key_file_is_created_once_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().to_path_buf();
        let (first, home) = load_or_create(&folder, &folder, false).unwrap();
        assert_eq!(home, KeyHome::File);
        let (again, _) = load_or_create(&folder, &folder, false).unwrap();
        assert_eq!(first, again);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(folder.join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn processes_racing_to_create_the_key_agree_on_one() {
        for _round in 0..25 {
            let dir = tempfile::tempdir().unwrap();
            let folder = dir.path().to_path_buf();
            let keys: Vec<[u8; 32]> = std::thread::scope(|scope| {
                let workers: Vec<_> = (0..8)
                    .map(|_| scope.spawn(|| load_or_create(&folder, &folder, false).unwrap().0))
                    .collect();
                workers.into_iter().map(|w| w.join().unwrap()).collect()
            });
            assert!(
                keys.windows(2).all(|pair| pair[0] == pair[1]),
                "one key for all"
            );
            assert_eq!(read_file(&folder.join(KEY_FILE)).unwrap(), Some(keys[0]));
            let names: Vec<_> = std::fs::read_dir(&folder)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(names, [KEY_FILE], "no temporary file is left");
        }
    }

    #[test]
    fn a_damaged_key_file_is_refused_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(KEY_FILE), b"short").unwrap();
        let error = load_or_create(dir.path(), dir.path(), false).unwrap_err();
        assert_eq!(error.code(), "damaged_file");
        assert_eq!(std::fs::read(dir.path().join(KEY_FILE)).unwrap(), b"short");
    }
}
