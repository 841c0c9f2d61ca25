//! Keeps the window's size, position and maximized state on disk as they change (the window-state
//! plugin restores them at the next launch). The plugin itself saves only when the window closes
//! normally; a session ended by the system or a crash would otherwise forget them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// How long the window must rest before its state is written (a drag sends many events).
const SETTLE: Duration = Duration::from_millis(400);

pub fn keep_saving<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let changed = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&changed);
    window.on_window_event(move |event| {
        if matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
            flag.store(true, Ordering::Relaxed);
        }
    });
    let app = app.clone();
    std::thread::Builder::new()
        .name("koda-window-state".into())
        .spawn(move || loop {
            std::thread::sleep(SETTLE);
            if changed.swap(false, Ordering::Relaxed) {
                if let Err(error) = app.save_window_state(StateFlags::all()) {
                    tracing::warn!(%error, "could not keep the window's size and place");
                }
            }
        })
        .expect("starting the window-state saver");
}
