//! `UploadWorker`: a background thread that runs the upload queue every few seconds and when
//! woken (after an asset was added, or when the network came back).

use crate::upload_queue::{UploadQueue, UploadReport};
use koda_core::StoreResult;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

enum Signal {
    Wake,
    Stop,
}

/// The running background uploader; stops (after the current pass) when stopped or dropped.
pub struct UploadWorker {
    signals: Sender<Signal>,
    thread: Option<JoinHandle<()>>,
}

impl UploadQueue {
    /// Starts a thread that runs [`UploadQueue::run_once`] now, then every `every` and whenever
    /// [`UploadWorker::wake`] is called; each pass's result goes to `on_report`.
    pub fn spawn(
        self: &Arc<Self>,
        every: Duration,
        mut on_report: impl FnMut(&StoreResult<UploadReport>) + Send + 'static,
    ) -> StoreResult<UploadWorker> {
        let (signals, inbox) = channel();
        let queue = Arc::clone(self);
        let thread = std::thread::Builder::new()
            .name("koda-uploads".into())
            .spawn(move || loop {
                on_report(&queue.run_once());
                match inbox.recv_timeout(every) {
                    Ok(Signal::Wake) | Err(RecvTimeoutError::Timeout) => {
                        // Several wakes while a pass ran need only one more pass.
                        while let Ok(signal) = inbox.try_recv() {
                            if matches!(signal, Signal::Stop) {
                                return;
                            }
                        }
                    }
                    Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                }
            })?;
        Ok(UploadWorker {
            signals,
            thread: Some(thread),
        })
    }
}

impl UploadWorker {
    /// Asks for a pass as soon as the current one (if any) is done.
    pub fn wake(&self) {
        let _ = self.signals.send(Signal::Wake);
    }

    /// Stops the thread, waiting for a pass in progress to finish.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        let _ = self.signals.send(Signal::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for UploadWorker {
    fn drop(&mut self) {
        self.shut_down();
    }
}
