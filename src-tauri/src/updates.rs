//! Updates: a release manifest from the address set when the app was built, checked at start and
//! from Help. A found update is downloaded only when the person asks, checked against the public
//! key built into the app (minisign; an unsigned, wrongly signed or tampered package is refused),
//! kept in `<data dir>/updates/`, and installed at the next launch, checked again first.
//!
//! Where updates come from is fixed at build time (`plugins.updater` in the Tauri configuration,
//! set by the release workflow). Debug builds also read `KODA_UPDATE_URL` and
//! `KODA_UPDATE_PUBKEY`, so the tests can serve a local manifest; release builds ignore them.

use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};
use ts_rs::TS;

/// The event telling the window an update was found by the check at start.
pub const UPDATE_EVENT: &str = "koda://update";

/// The event carrying how much of an update's package has arrived while it downloads.
pub const UPDATE_PROGRESS_EVENT: &str = "koda://update-progress";

/// Reported at most this often while a package downloads (and once when it is whole).
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// How much of the update's package has arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DownloadProgress {
    /// Bytes so far.
    #[ts(type = "number")]
    pub received: u64,
    /// The package's size, when the server says it.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
}

/// A release newer than this one.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UpdateInfo {
    pub version: String,
    pub current_version: String,
    /// What is new, as the release wrote it.
    pub notes: Option<String>,
    /// When it was published (RFC 3339), when the manifest says.
    pub date: Option<String>,
}

/// Where updating stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "state", rename_all = "camelCase")]
#[ts(export)]
pub enum UpdateStatus {
    /// This build has no update address or key (a build made without the release workflow).
    NotConfigured {
        #[serde(rename = "currentVersion")]
        current_version: String,
    },
    UpToDate {
        #[serde(rename = "currentVersion")]
        current_version: String,
    },
    Available(UpdateInfo),
    /// Downloaded and its signature checked: installed the next time Koda starts.
    Ready(UpdateInfo),
    Failed {
        #[serde(rename = "currentVersion")]
        current_version: String,
        message: String,
    },
}

/// Where updates come from: a manifest address and the key its packages are signed with.
#[derive(Debug, Clone)]
pub struct UpdateSource {
    pub endpoint: tauri::Url,
    /// A minisign public key, base64 as the Tauri signer prints it.
    pub pubkey: String,
    /// The installed program to replace; `None`: the running one (tests point at a copy).
    pub executable: Option<PathBuf>,
}

impl UpdateSource {
    /// The source this build was made with, if any.
    pub fn of_build<R: Runtime>(app: &AppHandle<R>) -> Option<Self> {
        let configured = app.config().plugins.0.get("updater");
        let pubkey = configured
            .and_then(|c| c.get("pubkey"))
            .and_then(|k| k.as_str())
            .map(str::to_owned);
        let endpoint = configured
            .and_then(|c| c.get("endpoints"))
            .and_then(|e| e.get(0))
            .and_then(|e| e.as_str())
            .map(str::to_owned);
        #[cfg(debug_assertions)]
        let (pubkey, endpoint) = (
            std::env::var("KODA_UPDATE_PUBKEY").ok().or(pubkey),
            std::env::var("KODA_UPDATE_URL").ok().or(endpoint),
        );
        let pubkey = pubkey.filter(|k| !k.trim().is_empty())?;
        let endpoint = endpoint.and_then(|e| tauri::Url::parse(&e).ok())?;
        Some(Self {
            endpoint,
            pubkey,
            executable: None,
        })
    }

    fn updater<R: Runtime>(
        &self,
        app: &AppHandle<R>,
    ) -> tauri_plugin_updater::Result<tauri_plugin_updater::Updater> {
        let mut builder = app
            .updater_builder()
            .endpoints(vec![self.endpoint.clone()])?
            .pubkey(self.pubkey.clone())
            .timeout(std::time::Duration::from_secs(60));
        if let Some(executable) = &self.executable {
            builder = builder.executable_path(executable);
        }
        builder.build()
    }
}

/// What the app knows of updates: the last status and the update it describes.
pub struct Updates {
    /// Read from the build on first use (the app handle is needed); tests set their own.
    source: OnceLock<Option<UpdateSource>>,
    folder: PathBuf,
    current_version: String,
    found: Mutex<(UpdateStatus, Option<Update>)>,
}

const PACKAGE_FILE: &str = "package";
const RELEASE_FILE: &str = "release.json";

impl Updates {
    pub fn new(data_dir: &Path, current_version: &str) -> Self {
        let current_version = current_version.to_owned();
        Self {
            source: OnceLock::new(),
            folder: data_dir.join("updates"),
            found: Mutex::new((
                UpdateStatus::UpToDate {
                    current_version: current_version.clone(),
                },
                None,
            )),
            current_version,
        }
    }

    /// Uses `source` instead of the build's (tests: a local manifest server and a test key).
    /// Refused (false) once the build's source was read.
    pub fn use_source(&self, source: UpdateSource) -> bool {
        self.source.set(Some(source)).is_ok()
    }

    fn source<R: Runtime>(&self, app: &AppHandle<R>) -> Option<&UpdateSource> {
        self.source
            .get_or_init(|| UpdateSource::of_build(app))
            .as_ref()
    }

    /// Where updating stands.
    pub fn status_for<R: Runtime>(&self, app: &AppHandle<R>) -> UpdateStatus {
        if self.source(app).is_none() {
            return UpdateStatus::NotConfigured {
                current_version: self.current_version.clone(),
            };
        }
        self.status()
    }

    fn status(&self) -> UpdateStatus {
        self.lock().0.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (UpdateStatus, Option<Update>)> {
        self.found
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn set(&self, status: UpdateStatus, update: Option<Update>) -> UpdateStatus {
        *self.lock() = (status.clone(), update);
        status
    }

    fn failed(&self, message: String) -> UpdateStatus {
        tracing::warn!(%message, "updating failed");
        let status = UpdateStatus::Failed {
            current_version: self.current_version.clone(),
            message,
        };
        self.set(status, None)
    }

    fn info(&self, update: &Update) -> UpdateInfo {
        UpdateInfo {
            version: update.version.clone(),
            current_version: self.current_version.clone(),
            notes: update.body.clone(),
            date: update.date.and_then(|d| {
                d.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            }),
        }
    }

    /// Asks the manifest whether a newer release exists.
    pub async fn check<R: Runtime>(&self, app: &AppHandle<R>) -> UpdateStatus {
        let Some(source) = self.source(app) else {
            return self.status_for(app);
        };
        if let UpdateStatus::Ready(_) = self.status() {
            return self.status();
        }
        let checked = match source.updater(app) {
            Ok(updater) => updater.check().await,
            Err(error) => Err(error),
        };
        match checked {
            Ok(Some(update)) => {
                let status = UpdateStatus::Available(self.info(&update));
                self.set(status, Some(update))
            }
            Ok(None) => self.set(
                UpdateStatus::UpToDate {
                    current_version: self.current_version.clone(),
                },
                None,
            ),
            Err(error) => self.failed(format!("Could not check for updates: {error}")),
        }
    }

    /// Downloads the update found by the last check, checks its signature, and keeps it for the
    /// next launch. A package whose signature does not match is thrown away, never kept.
    /// `on_progress` hears how much has arrived, at most every 100 ms and once when whole.
    pub async fn download(
        &self,
        mut on_progress: impl FnMut(DownloadProgress) + Send + 'static,
    ) -> UpdateStatus {
        let Some(update) = self.lock().1.clone() else {
            return self.status();
        };
        let info = self.info(&update);
        let mut received = 0u64;
        let mut last_told: Option<std::time::Instant> = None;
        let on_chunk = move |chunk: usize, total: Option<u64>| {
            received += chunk as u64;
            let whole = total == Some(received);
            if whole || last_told.is_none_or(|at| at.elapsed() >= PROGRESS_EVERY) {
                last_told = Some(std::time::Instant::now());
                on_progress(DownloadProgress { received, total });
            }
        };
        let bytes = match update.download(on_chunk, || {}).await {
            Ok(bytes) => bytes,
            Err(error) => {
                let message = match error {
                    tauri_plugin_updater::Error::Minisign(_)
                    | tauri_plugin_updater::Error::Base64(_)
                    | tauri_plugin_updater::Error::SignatureUtf8(_)
                    | tauri_plugin_updater::Error::MissingSignedVersion
                    | tauri_plugin_updater::Error::SignedVersionMismatch { .. } => format!(
                        "Koda {} was refused: its signature does not match the key built into \
                         Koda ({error}). Nothing was kept or installed.",
                        info.version
                    ),
                    other => format!("The update was not downloaded: {other}"),
                };
                return self.failed(message);
            }
        };
        if let Err(error) = self.keep(&update, &bytes) {
            return self.failed(format!("The update could not be kept: {error}"));
        }
        self.set(UpdateStatus::Ready(info), Some(update))
    }

    /// Writes the package and its release (for `restore_update`) into the updates folder,
    /// package first: a release file without its package is never left behind.
    fn keep(&self, update: &Update, bytes: &[u8]) -> koda_core::StoreResult<()> {
        let _ = std::fs::remove_file(self.folder.join(RELEASE_FILE));
        koda_secrets::durable::write_file(&self.folder.join(PACKAGE_FILE), bytes, false)?;
        koda_secrets::durable::write_file(
            &self.folder.join(RELEASE_FILE),
            &serde_json::to_vec(&update.raw_json)?,
            false,
        )
    }

    /// Installs a kept update, its signature checked again against the built-in key. Whatever
    /// happens, the kept files are removed, so a bad package is not tried at every launch.
    /// `Ok(Some(version))` when installed (restart to run it), `Ok(None)` when nothing was kept
    /// or it is not newer than this version.
    pub fn install_kept<R: Runtime>(&self, app: &AppHandle<R>) -> Result<Option<String>, String> {
        let Some(source) = self.source(app) else {
            return Ok(None);
        };
        let release = std::fs::read(self.folder.join(RELEASE_FILE));
        let package = std::fs::read(self.folder.join(PACKAGE_FILE));
        let (Ok(release), Ok(package)) = (release, package) else {
            return Ok(None);
        };
        let _ = std::fs::remove_file(self.folder.join(RELEASE_FILE));
        let _ = std::fs::remove_file(self.folder.join(PACKAGE_FILE));
        let release: serde_json::Value =
            serde_json::from_slice(&release).map_err(|e| format!("damaged release file: {e}"))?;
        let updater = source.updater(app).map_err(|e| e.to_string())?;
        let Some(update) = updater.restore_update(release).map_err(|e| e.to_string())? else {
            return Ok(None);
        };
        update
            .install(&package)
            .map_err(|e| format!("Koda {} was not installed: {e}", update.version))?;
        Ok(Some(update.version))
    }

    /// At launch (or "Restart now"): a kept update is installed and Koda restarts into it. A
    /// failure is logged and shown in Settings; this version keeps running.
    pub fn install_kept_and_restart<R: Runtime>(&self, app: &AppHandle<R>) {
        match self.install_kept(app) {
            Ok(Some(version)) => {
                tracing::info!(%version, "installed the kept update; restarting into it");
                app.restart();
            }
            Ok(None) => {}
            Err(message) => {
                self.failed(message);
            }
        }
    }
}

/// Checks once, some seconds after start (out of the way of opening), and tells the window
/// when an update is found.
pub fn check_after_start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_secs(8)).await;
        let updates = app.state::<Updates>();
        if let status @ UpdateStatus::Available(_) = updates.check(&app).await {
            use tauri::Emitter;
            let _ = app.emit(UPDATE_EVENT, status);
        }
    });
}
