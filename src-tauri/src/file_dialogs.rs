//! Native Save and Open dialogs, opened by Koda's own commands: the page holds no dialog or file
//! permission and never names a path; it asks for "export this canvas" and the person picks
//! where. The folder picked last is remembered per data folder (`last-folders.json`), one for
//! saving and one for opening, so the next dialog starts there.

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Answers given in place of the native dialogs, for the IPC tests that run without a window
/// (the mock runtime cannot show one). Never managed by the app itself; the real dialogs are
/// tested in the WebKit window.
#[derive(Default)]
pub struct ScriptedAnswers {
    pub answers: Mutex<VecDeque<Vec<PathBuf>>>,
}

impl ScriptedAnswers {
    pub fn next(&self) -> Vec<PathBuf> {
        self.answers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop_front()
            .unwrap_or_default()
    }
}

/// What the dialog is for: saves and opens remember their folders apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderUse {
    Save,
    Open,
}

/// The kinds of file a dialog offers, shown as its filter.
pub struct FileKind<'a> {
    pub name: &'a str,
    pub extensions: &'a [&'a str],
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Remembered {
    save: Option<PathBuf>,
    open: Option<PathBuf>,
}

/// The folders last picked, kept in `<data dir>/last-folders.json`.
pub struct LastFolders {
    file: PathBuf,
}

impl LastFolders {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            file: data_dir.join("last-folders.json"),
        }
    }

    fn read(&self) -> Remembered {
        std::fs::read(&self.file)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Where a dialog for `purpose` starts: the folder picked last if it still exists, else the
    /// person's Downloads (saves) or Documents (opens), else home.
    pub fn folder(&self, purpose: FolderUse) -> Option<PathBuf> {
        let remembered = self.read();
        let last = match purpose {
            FolderUse::Save => remembered.save,
            FolderUse::Open => remembered.open,
        };
        last.filter(|folder| folder.is_dir()).or_else(|| {
            let dirs = directories::UserDirs::new()?;
            let standard = match purpose {
                FolderUse::Save => dirs.download_dir(),
                FolderUse::Open => dirs.document_dir(),
            };
            Some(standard.unwrap_or(dirs.home_dir()).to_path_buf())
        })
    }

    /// Remembers the folder of a picked file. A failure to remember is logged, never an error:
    /// the file itself was saved or opened.
    pub fn remember(&self, purpose: FolderUse, picked: &Path) {
        let Some(folder) = picked.parent().filter(|f| f.is_dir()) else {
            return;
        };
        let mut remembered = self.read();
        match purpose {
            FolderUse::Save => remembered.save = Some(folder.to_path_buf()),
            FolderUse::Open => remembered.open = Some(folder.to_path_buf()),
        }
        let written = serde_json::to_vec_pretty(&remembered)
            .map_err(koda_core::StoreError::from)
            .and_then(|bytes| koda_secrets::durable::write_file(&self.file, &bytes, false));
        if let Err(error) = written {
            tracing::warn!(%error, "the last folder was not remembered");
        }
    }
}

/// `path` with `extension` added when the person typed a name without it.
pub fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    let has_it = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if has_it {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".{extension}"));
        path.with_file_name(name)
    }
}

/// A file name from a canvas or output name: no folder separators or control characters.
pub fn suggested_name(stem: &str, extension: &str) -> String {
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(120)
        .collect();
    let stem = stem.trim().trim_start_matches('.');
    let stem = if stem.is_empty() { "canvas" } else { stem };
    format!("{stem}.{extension}")
}

/// Asks where to save a file of `kind`, starting in the last save folder with `file_name`
/// filled in. `None` when the person cancels. The dialog confirms before replacing a file.
pub async fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    folders: &LastFolders,
    title: &str,
    file_name: &str,
    kind: &FileKind<'_>,
) -> Option<PathBuf> {
    let picked = match app.try_state::<ScriptedAnswers>() {
        Some(scripted) => scripted.next().pop(),
        None => native_save(app, folders, title, file_name, kind).await,
    }?;
    let picked = with_extension(picked, kind.extensions[0]);
    folders.remember(FolderUse::Save, &picked);
    Some(picked)
}

async fn native_save<R: Runtime>(
    app: &AppHandle<R>,
    folders: &LastFolders,
    title: &str,
    file_name: &str,
    kind: &FileKind<'_>,
) -> Option<PathBuf> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(kind.name, kind.extensions);
    // Over Koda's window, and modal to it: nothing is edited while the dialog is open.
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    if let Some(folder) = folders.folder(FolderUse::Save) {
        dialog = dialog.set_directory(folder);
    }
    let (sender, receiver) = tokio::sync::oneshot::channel();
    dialog.save_file(move |picked| {
        let _ = sender.send(picked.and_then(|p| p.into_path().ok()));
    });
    receiver.await.ok().flatten()
}

/// Asks which files to open (several at once), starting in the last open folder. Empty when the
/// person cancels.
pub async fn ask_open_paths<R: Runtime>(
    app: &AppHandle<R>,
    folders: &LastFolders,
    title: &str,
    kinds: &[FileKind<'_>],
) -> Vec<PathBuf> {
    let picked = match app.try_state::<ScriptedAnswers>() {
        Some(scripted) => scripted.next(),
        None => native_open(app, folders, title, kinds).await,
    };
    if let Some(first) = picked.first() {
        folders.remember(FolderUse::Open, first);
    }
    picked
}

async fn native_open<R: Runtime>(
    app: &AppHandle<R>,
    folders: &LastFolders,
    title: &str,
    kinds: &[FileKind<'_>],
) -> Vec<PathBuf> {
    let mut dialog = app.dialog().file().set_title(title);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    for kind in kinds {
        dialog = dialog.add_filter(kind.name, kind.extensions);
    }
    if let Some(folder) = folders.folder(FolderUse::Open) {
        dialog = dialog.set_directory(folder);
    }
    let (sender, receiver) = tokio::sync::oneshot::channel();
    dialog.pick_files(move |picked| {
        let paths = picked
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect::<Vec<_>>();
        let _ = sender.send(paths);
    });
    receiver.await.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_picked_last_is_where_the_next_dialog_starts() {
        let data = tempfile::tempdir().unwrap();
        let picked = tempfile::tempdir().unwrap();
        let folders = LastFolders::new(data.path());
        folders.remember(FolderUse::Save, &picked.path().join("a.koda"));
        assert_eq!(
            folders.folder(FolderUse::Save).as_deref(),
            Some(picked.path())
        );
        // Opening keeps its own folder.
        assert_ne!(
            folders.folder(FolderUse::Open).as_deref(),
            Some(picked.path())
        );
        // A folder since removed is not offered.
        let gone = picked.path().to_path_buf();
        drop(picked);
        assert_ne!(folders.folder(FolderUse::Save), Some(gone));
    }

    #[test]
    fn a_damaged_memory_file_is_no_memory() {
        let data = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join("last-folders.json"), b"{not json").unwrap();
        let folders = LastFolders::new(data.path());
        let _ = folders.folder(FolderUse::Save);
        folders.remember(FolderUse::Open, &data.path().join("x.canvas"));
        assert_eq!(
            folders.folder(FolderUse::Open).as_deref(),
            Some(data.path())
        );
    }

    #[test]
    fn typed_names_get_the_extension_once() {
        assert_eq!(
            with_extension("/t/My canvas".into(), "koda"),
            PathBuf::from("/t/My canvas.koda")
        );
        assert_eq!(
            with_extension("/t/a.KODA".into(), "koda"),
            PathBuf::from("/t/a.KODA")
        );
        assert_eq!(
            with_extension("/t/v1.2".into(), "png"),
            PathBuf::from("/t/v1.2.png")
        );
    }

    #[test]
    fn suggested_names_are_plain() {
        assert_eq!(suggested_name("a/b: c", "koda"), "a_b_ c.koda");
        assert_eq!(suggested_name("  ..", "png"), "canvas.png");
        assert_eq!(suggested_name("Moodboard", "canvas"), "Moodboard.canvas");
    }
}
