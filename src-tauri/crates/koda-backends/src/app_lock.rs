//! Whether Koda Desktop is running on a data folder: the app holds an advisory lock on
//! `app.lock` for as long as it runs (the OS drops it when the process dies, even when killed),
//! so the CLI can refuse work that needs the app closed, such as replacing the database.

use koda_core::{StoreError, StoreResult};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

const LOCK_FILE: &str = "app.lock";

/// Held while the app runs; dropping it releases the lock.
#[derive(Debug)]
pub struct AppLock(#[allow(dead_code)] File);

fn lock_path(data_dir: &Path) -> PathBuf {
    data_dir.join(LOCK_FILE)
}

fn open(data_dir: &Path) -> StoreResult<File> {
    std::fs::create_dir_all(data_dir)?;
    Ok(OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(data_dir))?)
}

/// Takes the lock for the app's lifetime; `None` when another app holds it already.
pub fn hold(data_dir: &Path) -> StoreResult<Option<AppLock>> {
    let file = open(data_dir)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(AppLock(file))),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(error)) => Err(error.into()),
    }
}

/// Refuses when the app runs on `data_dir`; `what` names the refused work.
pub fn require_app_closed(data_dir: &Path, what: &str) -> StoreResult<()> {
    match hold(data_dir)? {
        Some(_released_on_return) => Ok(()),
        None => Err(StoreError::InUse(format!(
            "Koda Desktop is open on this data folder; quit it before {what} (or use Settings → Backups in the app)"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_is_refused_while_the_app_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        require_app_closed(dir.path(), "restoring").unwrap();
        let app = hold(dir.path()).unwrap().expect("the first holder gets it");
        let error = require_app_closed(dir.path(), "restoring").unwrap_err();
        assert_eq!(error.code(), "in_use");
        assert!(
            error.to_string().contains("quit it before restoring"),
            "{error}"
        );
        drop(app);
        require_app_closed(dir.path(), "restoring").unwrap();
    }
}
