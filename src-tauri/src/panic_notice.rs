//! Tells the person when something inside Koda panicked: the panic is logged by the log module's
//! hook, and this one also sends `koda://panic` to the window, which says so and offers the logs
//! folder. A panic in a command thread does not end the app, so saying nothing would leave the
//! person waiting for an answer that never comes.

use std::sync::OnceLock;
use tauri::{AppHandle, Emitter, Runtime};

/// The event the window hears.
pub const PANIC_EVENT: &str = "koda://panic";

static NOTIFY: OnceLock<Box<dyn Fn(String) + Send + Sync>> = OnceLock::new();

/// Installs the hook (once), after the log module's, which it calls first.
pub fn forward_to<R: Runtime>(app: AppHandle<R>) {
    if NOTIFY
        .set(Box::new(move |message| {
            let _ = app.emit(PANIC_EVENT, message);
        }))
        .is_err()
    {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        if let Some(notify) = NOTIFY.get() {
            notify(
                "Something went wrong inside Koda. What you saved is safe; the details are in the log file."
                    .into(),
            );
        }
    }));
}
