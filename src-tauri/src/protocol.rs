//! The `koda://` protocol: the only way the WebView reads asset files. It serves exactly two
//! shapes, `asset/<sha256>` and `thumb/<sha256>/<small|large>`; the hash is checked to be 64 hex
//! digits before it becomes part of a path, so no path from the page is ever opened.

use crate::state::AppState;
use koda_assets::ThumbnailSize;
use koda_core::StoreError;
use std::borrow::Cow;
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

/// The scheme name registered with the WebView.
pub const SCHEME: &str = "koda";

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    Asset(String),
    Thumbnail(String, ThumbnailSize),
}

/// Parses the request path (percent-encoded slashes allowed, as `convertFileSrc` makes them).
pub fn parse_target(path: &str) -> Result<Target, StoreError> {
    let decoded = crate::percent::decode(path.trim_start_matches('/'))
        .ok_or_else(|| StoreError::invalid("path", "bad escape"))?;
    let parts: Vec<&str> = decoded.split('/').collect();
    let target = match parts.as_slice() {
        ["asset", sha] => Target::Asset((*sha).to_owned()),
        ["thumb", sha, size] => Target::Thumbnail(
            (*sha).to_owned(),
            ThumbnailSize::parse(size)
                .ok_or_else(|| StoreError::invalid("size", "expected small or large"))?,
        ),
        _ => return Err(StoreError::invalid("path", "not a Koda asset address")),
    };
    let (Target::Asset(sha) | Target::Thumbnail(sha, _)) = &target;
    koda_assets::blobs::check_sha256(sha)?;
    Ok(target)
}

/// Threads serving requests: a canvas of hundreds of images asks for them all at once, and
/// one thread each would decode hundreds of thumbnails side by side.
const WORKERS: usize = 4;
/// Requests waiting for a worker; beyond this the page is told to retry (503).
const QUEUE: usize = 512;
/// Most bytes one Range answer carries; players ask `bytes=0-` and read on.
const MAX_RANGE_BYTES: u64 = 8 * 1024 * 1024;

type Job = Box<dyn FnOnce() + Send>;

fn workers() -> &'static std::sync::Mutex<std::sync::mpsc::SyncSender<Job>> {
    static POOL: std::sync::OnceLock<std::sync::Mutex<std::sync::mpsc::SyncSender<Job>>> =
        std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Job>(QUEUE);
        let receiver = std::sync::Arc::new(std::sync::Mutex::new(receiver));
        for index in 0..WORKERS {
            let receiver = std::sync::Arc::clone(&receiver);
            std::thread::Builder::new()
                .name(format!("koda-protocol-{index}"))
                .spawn(move || loop {
                    let job = receiver
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .recv();
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                })
                .expect("starting a protocol worker");
        }
        std::sync::Mutex::new(sender)
    })
}

/// Queues one request for the worker pool; answers 503 at once when the queue is full.
pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    let responder = std::sync::Arc::new(std::sync::Mutex::new(Some(responder)));
    let answer = std::sync::Arc::clone(&responder);
    let job: Job = Box::new(move || {
        let state = app.state::<AppState>();
        let response = respond(&state, &request);
        if let Some(responder) = answer.lock().ok().and_then(|mut r| r.take()) {
            responder.respond(response);
        }
    });
    let queued = workers()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .try_send(job);
    if queued.is_err() {
        if let Some(responder) = responder.lock().ok().and_then(|mut r| r.take()) {
            responder.respond(busy());
        }
    }
}

fn busy() -> Response<Cow<'static, [u8]>> {
    Response::builder()
        .status(StatusCode::SERVICE_UNAVAILABLE)
        .header(header::RETRY_AFTER, "1")
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .body(Cow::Borrowed(&b"busy"[..]))
        .expect("a static response")
}

fn respond(state: &AppState, request: &Request<Vec<u8>>) -> Response<Cow<'static, [u8]>> {
    let result = (|| {
        let assets = state
            .assets()
            .ok_or_else(|| StoreError::Config("storage is not available".into()))?;
        let target = parse_target(request.uri().path())?;
        // A file added on another device: fetch it from the bucket (verified) on first use.
        let (Target::Asset(sha) | Target::Thumbnail(sha, _)) = &target;
        if let Some(cloud) = state.cloud_assets() {
            if let Err(error) = cloud.ensure_local(sha) {
                tracing::debug!(code = error.code(), "asset not fetched from the bucket");
            }
        }
        match target {
            Target::Asset(sha) => {
                let mime = assets.media_type(&sha)?.mime;
                let range = request
                    .headers()
                    .get(header::RANGE)
                    .and_then(|v| v.to_str().ok());
                let total = assets.size(&sha)?;
                match range.and_then(|r| parse_range(r, total)) {
                    Some((start, end)) => {
                        let bytes = assets.read_range(&sha, start, end)?;
                        Ok(partial(bytes, mime, start, total))
                    }
                    None => Ok(ok_response(assets.read(&sha)?, mime)),
                }
            }
            Target::Thumbnail(sha, size) => {
                let (bytes, mime) = assets.thumbnail(&sha, size)?;
                Ok(ok_response(bytes, mime))
            }
        }
    })();
    result.unwrap_or_else(|error: StoreError| {
        let status = match error.code() {
            "not_found" => StatusCode::NOT_FOUND,
            "invalid_input" => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Cow::Owned(error.to_string().into_bytes()))
            .expect("a static response")
    })
}

fn ok_response(bytes: Vec<u8>, mime: &str) -> Response<Cow<'static, [u8]>> {
    Response::builder()
        .header(header::CONTENT_TYPE, mime)
        // Content-addressed: a hash never changes its bytes.
        .header(header::CACHE_CONTROL, "public, max-age=31536000, immutable")
        .header(header::ACCEPT_RANGES, "bytes")
        // The page (another origin) reads videos and sounds with fetch to play them from blob:
        // URLs: WebKitGTK cannot play a custom scheme itself.
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .body(Cow::Owned(bytes))
        .expect("a valid response")
}

/// A `206 Partial Content` answer: `bytes` are the file's from `start` on.
fn partial(bytes: Vec<u8>, mime: &str, start: u64, total: u64) -> Response<Cow<'static, [u8]>> {
    let end = start + bytes.len() as u64 - 1;
    Response::builder()
        .status(StatusCode::PARTIAL_CONTENT)
        .header(header::CONTENT_TYPE, mime)
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .header(header::ACCEPT_RANGES, "bytes")
        .header(
            header::CONTENT_RANGE,
            format!("bytes {start}-{end}/{total}"),
        )
        .body(Cow::Owned(bytes))
        .expect("a valid response")
}

/// The byte span `Range: bytes=a-b` asks for in a file of `total` bytes, at most
/// [`MAX_RANGE_BYTES`] long (a player asking `bytes=0-` gets the first part and asks on).
fn parse_range(header: &str, total: u64) -> Option<(u64, u64)> {
    let spec = header.strip_prefix("bytes=")?;
    let (start, end) = spec.split_once('-')?;
    if total == 0 {
        return None;
    }
    let (start, end) = if start.is_empty() {
        let suffix: u64 = end.parse().ok()?;
        (total.saturating_sub(suffix), total - 1)
    } else {
        let start: u64 = start.parse().ok()?;
        let end = if end.is_empty() {
            total - 1
        } else {
            end.parse::<u64>().ok()?.min(total - 1)
        };
        (start, end)
    };
    let end = end.min(start.saturating_add(MAX_RANGE_BYTES - 1));
    (start <= end && start < total).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn parses_the_two_shapes() {
        assert_eq!(
            parse_target(&format!("/asset/{SHA}")).unwrap(),
            Target::Asset(SHA.into())
        );
        assert_eq!(
            parse_target(&format!("/asset%2F{SHA}")).unwrap(),
            Target::Asset(SHA.into())
        );
        assert_eq!(
            parse_target(&format!("/thumb/{SHA}/small")).unwrap(),
            Target::Thumbnail(SHA.into(), ThumbnailSize::Small)
        );
    }

    #[test]
    fn refuses_paths() {
        for bad in [
            "/asset/../../etc/passwd",
            "/asset/%2E%2E%2Fkoda.db",
            "/asset//etc/passwd",
            "/asset/abc%00def",
            "/etc/passwd",
            &format!("/thumb/{SHA}/huge"),
            &format!("/asset/{SHA}/extra"),
        ] {
            assert!(parse_target(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-9", 100), Some((0, 9)));
        assert_eq!(parse_range("bytes=90-", 100), Some((90, 99)));
        assert_eq!(parse_range("bytes=-10", 100), Some((90, 99)));
        assert_eq!(parse_range("bytes=100-", 100), None);
        assert_eq!(parse_range("items=0-1", 100), None);
        let big = 512 * 1024 * 1024;
        assert_eq!(
            parse_range("bytes=0-", big),
            Some((0, MAX_RANGE_BYTES - 1)),
            "an open range is answered in parts"
        );
        assert_eq!(parse_range("bytes=-5", big), Some((big - 5, big - 1)));
    }
}
