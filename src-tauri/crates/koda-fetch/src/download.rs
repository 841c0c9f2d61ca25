//! One size-limited download whose type is decided by its bytes, not by the server's headers.

use koda_assets::sniff::{sniff, MediaType};
use koda_core::{StoreError, StoreResult};
use std::io::Read;
use std::time::Duration;

/// How much a download may take.
#[derive(Debug, Clone, Copy)]
pub struct FetchLimits {
    /// Larger answers are refused before they are read whole (the asset store's own limit).
    pub max_bytes: u64,
    /// For connecting and for the whole transfer.
    pub timeout: Duration,
}

impl Default for FetchLimits {
    fn default() -> Self {
        Self {
            max_bytes: koda_assets::MAX_ASSET_BYTES,
            timeout: Duration::from_secs(120),
        }
    }
}

/// Downloaded bytes that are an image, a video or audio.
#[derive(Debug)]
pub struct FetchedMedia {
    pub bytes: Vec<u8>,
    pub media_type: MediaType,
}

/// Downloads `url` (http or https only) and checks it is media Koda can show. An HTML error page,
/// an answer over the limit and an unreachable host are each a clear, typed error.
pub fn fetch_media(url: &str, limits: &FetchLimits) -> StoreResult<FetchedMedia> {
    if !crate::is_remote_url(url) {
        return Err(StoreError::invalid(
            "url",
            "only http and https addresses are downloaded",
        ));
    }
    let response = client(limits)?
        .get(url)
        .send()
        .map_err(|error| unreachable(url, &error))?;
    let status = response.status();
    if !status.is_success() {
        return Err(StoreError::Remote(format!(
            "{} answered {status} for this output",
            host_of(url)
        )));
    }
    if let Some(length) = response.content_length() {
        if length > limits.max_bytes {
            return Err(too_large(url, length, limits));
        }
    }
    let mut bytes = Vec::new();
    response
        .take(limits.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| StoreError::Unreachable(format!("{}: {error}", host_of(url))))?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(too_large(url, bytes.len() as u64, limits));
    }
    let media_type = sniff(&bytes).ok_or_else(|| {
        let what = if looks_like_html(&bytes) {
            "a web page (HTML)"
        } else {
            "not an image, video or audio file"
        };
        StoreError::invalid(
            "url",
            format!("{} served {what}, not media Koda can show", host_of(url)),
        )
    })?;
    Ok(FetchedMedia { bytes, media_type })
}

fn client(limits: &FetchLimits) -> StoreResult<reqwest::blocking::Client> {
    // reqwest is built without a bundled crypto provider; Koda uses ring everywhere.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .connect_timeout(limits.timeout.min(Duration::from_secs(15)))
        .timeout(limits.timeout)
        .redirect(reqwest::redirect::Policy::limited(5))
        .user_agent(concat!("Koda-Desktop/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|error| StoreError::Config(format!("cannot start downloads: {error}")))
}

fn unreachable(url: &str, error: &reqwest::Error) -> StoreError {
    let why = if error.is_timeout() {
        "it did not answer in time"
    } else if error.is_connect() {
        "no connection (offline, or the server is down)"
    } else {
        "the download failed"
    };
    StoreError::Unreachable(format!("{}: {why}", host_of(url)))
}

fn too_large(url: &str, size: u64, limits: &FetchLimits) -> StoreError {
    StoreError::TooLarge {
        what: format!("the output at {}", host_of(url)),
        size,
        limit: limits.max_bytes,
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// The host of a URL, for messages: a signed URL's query string may hold a token, so the whole
/// address is never repeated.
pub(crate) fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(port) => format!("{h}:{port}"),
                None => h.to_owned(),
            })
        })
        .unwrap_or_else(|| "the server".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_other_schemes_without_a_request() {
        for url in [
            "file:///etc/passwd",
            "koda-asset://x",
            "data:image/png;base64,AA",
            "ftp://h/x",
        ] {
            assert!(matches!(
                fetch_media(url, &FetchLimits::default()),
                Err(StoreError::Invalid { .. })
            ));
        }
    }

    #[test]
    fn messages_name_the_host_only() {
        assert_eq!(
            host_of("https://v3.fal.media/files/a.png?token=secret"),
            "v3.fal.media"
        );
        assert_eq!(host_of("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    }

    #[test]
    fn recognises_html() {
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(!looks_like_html(b"\x89PNG"));
    }
}
