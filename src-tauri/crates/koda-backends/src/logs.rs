//! Log files: warnings and errors from the app and the CLI go to `<data dir>/logs/`, one file a
//! day per program, seven days kept, so a failed restore-on-start, a failed backup or a store
//! that will not open leave a trace a person can send. Every line passes through
//! [`scrub_credentials`] before it is written: a URL's password never reaches the file, even
//! when some library's error text quotes the URL.

use std::io::Write;
use std::path::{Path, PathBuf};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The folder inside the data folder.
pub const LOGS_DIR: &str = "logs";
/// Daily files kept per program.
pub const KEPT_FILES: usize = 7;

/// Where the logs of a data folder are.
pub fn logs_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(LOGS_DIR)
}

/// Keeps the background writer running; dropping it flushes what is buffered.
pub struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

/// Starts logging for `program` (`koda-desktop`, `koda`): warnings and errors (or the level in
/// `KODA_LOG`: `error`, `warn`, `info`, `debug`) to the daily file, and to stderr when
/// `also_stderr`. Installs a panic hook that logs the panic before the default report. Returns
/// `None` when the folder cannot be written (logging is never a reason not to start).
pub fn init(data_dir: &Path, program: &str, also_stderr: bool) -> Option<LogGuard> {
    let level = std::env::var("KODA_LOG")
        .ok()
        .and_then(|v| v.parse::<tracing_subscriber::filter::LevelFilter>().ok())
        .unwrap_or(tracing_subscriber::filter::LevelFilter::WARN);
    // Created first: the appender prunes old files when it starts and complains on stderr when
    // the folder is not there yet.
    std::fs::create_dir_all(logs_dir(data_dir)).ok()?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(program)
        .filename_suffix("log")
        .max_log_files(KEPT_FILES)
        .build(logs_dir(data_dir))
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let file = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(Scrubbed(writer));
    let stderr = also_stderr.then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(Scrubbed(std::io::stderr))
            .with_target(false)
    });
    tracing_subscriber::registry()
        .with(level)
        .with(file)
        .with(stderr)
        .try_init()
        .ok()?;
    install_panic_hook();
    Some(LogGuard(guard))
}

/// Panics are logged (with where they happened) before the usual report, so a crash report
/// exists even when nobody saw stderr.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let thread = std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .to_owned();
        tracing::error!(%thread, %at, "panic: {message}");
        previous(info);
    }));
}

/// A writer that scrubs credentials from every line on its way out.
#[derive(Clone)]
struct Scrubbed<W>(W);

impl<'a, W: MakeWriter<'a>> MakeWriter<'a> for Scrubbed<W> {
    type Writer = ScrubbedWriter<W::Writer>;
    fn make_writer(&'a self) -> Self::Writer {
        ScrubbedWriter(self.0.make_writer())
    }
}

struct ScrubbedWriter<W>(W);

impl<W: Write> Write for ScrubbedWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(scrub_credentials(&text).as_bytes())?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// `text` with the password of every `scheme://user:password@host` replaced by `***`. The
/// password runs to the last `@` of the word, as URL parsers read it (`pa/ss@w:rd` included).
pub fn scrub_credentials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find("://") {
        let (before, after) = rest.split_at(found + 3);
        out.push_str(before);
        let word_end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
            .unwrap_or(after.len());
        let (word, tail) = after.split_at(word_end);
        match (word.rfind('@'), word.find(':')) {
            (Some(at), Some(colon)) if colon < at => {
                out.push_str(&word[..=colon]);
                out.push_str(koda_core::REDACTED);
                out.push_str(&word[at..]);
            }
            _ => out.push_str(word),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_scrubbed_to_the_last_at() {
        assert_eq!(
            scrub_credentials("cannot reach postgres://ann:pa/ss@w:rd@127.0.0.1:9/koda now"),
            "cannot reach postgres://ann:***@127.0.0.1:9/koda now"
        );
        assert_eq!(
            scrub_credentials("\"postgres://ann:hunter2@db/koda\" and libsql://x.turso.io"),
            "\"postgres://ann:***@db/koda\" and libsql://x.turso.io"
        );
        assert_eq!(
            scrub_credentials("https://user@host/path"),
            "https://user@host/path"
        );
        assert_eq!(scrub_credentials("no urls: a@b:c"), "no urls: a@b:c");
    }
}
