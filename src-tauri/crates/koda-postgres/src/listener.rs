//! LISTEN/NOTIFY: changes committed by other app instances on the same database reach this
//! instance's subscribers as the same `ChangeEvent`s its own writes produce.
//!
//! One thread holds one connection that LISTENs. NOTIFY is delivered at commit, so an event
//! never describes a write that was rolled back. When the connection drops, the thread
//! reconnects and reads the change log from the last event it saw, so nothing is missed.

use crate::connect::PgTarget;
use crate::queries::changes;
use koda_core::ChangeEvent;
use postgres::fallible_iterator::FallibleIterator;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The listener's connection as `pg_stat_activity` shows it.
pub const LISTENER_NAME: &str = "koda-listener";

/// Everyone listening to this store instance.
pub type Subscribers = Arc<Mutex<Vec<Sender<ChangeEvent>>>>;

/// Sends an event to every live subscriber, forgetting the ones that hung up.
pub fn publish(subscribers: &Subscribers, event: &ChangeEvent) {
    subscribers
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|subscriber| subscriber.send(event.clone()).is_ok());
}

/// The listening thread; stops when dropped.
pub struct Listener {
    stop: Arc<AtomicBool>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Listener {
    /// Starts listening for changes after `from_seq` written by anyone but `origin`.
    pub fn start(
        target: PgTarget,
        origin: String,
        from_seq: i64,
        subscribers: Subscribers,
    ) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("koda-pg-listen".into())
            .spawn(move || run(&target, &origin, from_seq, &subscribers, &flag))
            .expect("spawning the change listener");
        Self { stop }
    }
}

fn run(
    target: &PgTarget,
    origin: &str,
    mut last_seq: i64,
    subscribers: &Subscribers,
    stop: &AtomicBool,
) {
    let channel = changes::channel(target.schema());
    while !stop.load(Ordering::Relaxed) {
        let mut client = match target.connect_named(LISTENER_NAME) {
            Ok(client) => client,
            Err(error) => {
                tracing::warn!(code = error.code(), %error, "change listener cannot connect; retrying");
                std::thread::sleep(Duration::from_secs(2));
                continue;
            }
        };
        if let Err(error) = client.batch_execute(&format!("LISTEN \"{channel}\"")) {
            tracing::warn!(%error, "LISTEN failed; retrying");
            std::thread::sleep(Duration::from_secs(2));
            continue;
        }
        // Catch up on what was committed while not listening (startup races, reconnects).
        match changes::since(&mut client, last_seq, 10_000, Some(origin)) {
            Ok(missed) => {
                for event in missed {
                    last_seq = last_seq.max(event.seq);
                    publish(subscribers, &event);
                }
            }
            Err(error) => tracing::warn!(%error, "reading missed changes failed"),
        }
        while !stop.load(Ordering::Relaxed) {
            let mut notifications = client.notifications();
            let mut batch = notifications.timeout_iter(Duration::from_millis(250));
            let next = loop {
                match batch.next() {
                    Ok(Some(notification)) => {
                        if let Some((from, event)) =
                            changes::parse_notification(notification.payload())
                        {
                            if from != origin && event.seq > last_seq {
                                last_seq = event.seq;
                                publish(subscribers, &event);
                            }
                        }
                    }
                    Ok(None) => break Ok(()),
                    Err(error) => break Err(error),
                }
            };
            drop(batch);
            drop(notifications);
            if let Err(error) = next {
                tracing::warn!(%error, "change listener lost its connection; reconnecting");
                break;
            }
            if client.is_closed() {
                break;
            }
        }
    }
}
