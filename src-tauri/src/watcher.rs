//! Sends `koda://changed` to the UI for every committed change, including ones made by other
//! processes (the CLI, another window's process). Reading the change log means an event can
//! only ever describe a write that has committed.

use koda_backends::SqliteStore;
use koda_core::ChangeFeed;
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The event name the UI listens to.
pub const CHANGED_EVENT: &str = "koda://changed";

/// How often the change log is read: fast enough to feel live, cheap when idle (one indexed query).
const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// Tells the UI about a committed change; a new asset also wakes the bucket uploads.
fn forward<R: Runtime>(app: &AppHandle<R>, event: &koda_core::ChangeEvent) {
    if let Err(error) = app.emit(CHANGED_EVENT, event) {
        tracing::warn!(%error, "could not emit a change event");
    }
    if event.kind == koda_core::ChangeKind::Asset {
        if let Some(cloud) = app.state::<crate::state::AppState>().cloud_assets() {
            cloud.wake();
        }
    }
}

/// Starts the watcher thread; `on_change` also sees every event (to wake sync).
pub fn spawn<R: Runtime>(
    app: AppHandle<R>,
    store: Arc<SqliteStore>,
    on_change: impl Fn(&koda_core::ChangeEvent) + Send + 'static,
) {
    let mut seq = store.latest_change_seq().unwrap_or(0);
    std::thread::Builder::new()
        .name("koda-change-watcher".into())
        .spawn(move || loop {
            std::thread::sleep(POLL_INTERVAL);
            match store.changes_since(seq, 500) {
                Ok(events) => {
                    for event in events {
                        seq = event.seq;
                        on_change(&event);
                        forward(&app, &event);
                    }
                }
                Err(error) => tracing::warn!(%error, "could not read the change log"),
            }
        })
        .expect("spawning the change watcher");
}

/// For stores that push their changes (PostgreSQL's LISTEN/NOTIFY): forwards every event of
/// `store.subscribe()`, this instance's own writes and teammates' alike, to the UI.
pub fn spawn_subscribed<R: Runtime>(app: AppHandle<R>, store: Arc<dyn koda_core::Store>) {
    let events = store.subscribe();
    std::thread::Builder::new()
        .name("koda-change-forwarder".into())
        .spawn(move || {
            // Keeps the store (and its listener) alive as long as the app runs.
            let _store = store;
            for event in events {
                forward(&app, &event);
            }
        })
        .expect("spawning the change forwarder");
}
