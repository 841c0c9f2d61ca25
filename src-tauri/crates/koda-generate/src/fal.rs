//! fal.ai's queue API: submit to `{queue}/{endpoint}`, then follow the `status_url`,
//! `response_url` and `cancel_url` it answers with (they name only `{owner}/{app}`, so they are
//! followed, never rebuilt). `Authorization: Key …`. Retries with backoff on 429 and 5xx, a
//! timeout on every call, and typed errors for a bad key, billing, a refused input and offline.

use koda_core::{StoreError, StoreResult};
use koda_secrets::Secret;
use serde::Deserialize;
use serde_json::Value;
use std::time::Duration;

/// fal's queue, unless `KODA_FAL_QUEUE_URL` points elsewhere (a proxy, the tests' stand-in).
pub const DEFAULT_QUEUE_URL: &str = "https://queue.fal.run";

/// How the client talks to fal.
#[derive(Debug, Clone)]
pub struct FalConfig {
    pub queue_url: String,
    /// Per HTTP call.
    pub timeout: Duration,
    /// Attempts for a call answered with 429 or 5xx (or a dropped connection on a status poll).
    pub attempts: u32,
    /// The first wait between attempts; it doubles each time.
    pub backoff: Duration,
}

impl FalConfig {
    /// The queue from `KODA_FAL_QUEUE_URL`, else fal's own.
    pub fn from_env() -> Self {
        let queue_url = std::env::var("KODA_FAL_QUEUE_URL")
            .ok()
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_QUEUE_URL.into());
        Self {
            queue_url: queue_url.trim_end_matches('/').to_owned(),
            timeout: Duration::from_secs(30),
            attempts: 4,
            backoff: Duration::from_millis(500),
        }
    }
}

/// The provider's answer to a submission.
#[derive(Debug, Clone, Deserialize)]
pub struct Submitted {
    pub request_id: String,
    pub status_url: String,
    pub response_url: String,
    pub cancel_url: String,
    #[serde(default)]
    pub queue_position: Option<u32>,
}

/// Where a request is.
#[derive(Debug, Clone, PartialEq)]
pub enum QueueStatus {
    InQueue { position: Option<u32> },
    InProgress,
    Completed,
}

/// A client for one key.
pub struct FalClient {
    http: reqwest::blocking::Client,
    config: FalConfig,
    key: Secret,
}

impl FalClient {
    pub fn new(config: FalConfig, key: Secret) -> StoreResult<Self> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::blocking::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("Koda-Desktop/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| StoreError::Config(format!("cannot start the fal client: {e}")))?;
        Ok(Self { http, config, key })
    }

    /// Sends a run. Not retried on a timeout or a dropped connection: the request may have
    /// reached fal, and sending it again could pay twice.
    pub fn submit(&self, endpoint: &str, input: &Value) -> StoreResult<Submitted> {
        let url = format!("{}/{}", self.config.queue_url, endpoint.trim_matches('/'));
        let response = self.call(false, || self.http.post(&url).json(input))?;
        response.json::<Submitted>().map_err(|_| {
            StoreError::Remote(
                "fal answered the submission with something that is not its queue reply".into(),
            )
        })
    }

    /// Where the request is now.
    pub fn status(&self, status_url: &str) -> StoreResult<QueueStatus> {
        #[derive(Deserialize)]
        struct Reply {
            status: String,
            #[serde(default)]
            queue_position: Option<u32>,
        }
        let reply: Reply = self
            .call(true, || self.http.get(status_url))?
            .json()
            .map_err(|_| StoreError::Remote("fal's status reply is not JSON".into()))?;
        match reply.status.as_str() {
            "IN_QUEUE" => Ok(QueueStatus::InQueue {
                position: reply.queue_position,
            }),
            "IN_PROGRESS" => Ok(QueueStatus::InProgress),
            "COMPLETED" => Ok(QueueStatus::Completed),
            other => Err(StoreError::Remote(format!(
                "fal reported an unknown status '{other}'"
            ))),
        }
    }

    /// The model's output (its JSON).
    pub fn result(&self, response_url: &str) -> StoreResult<Value> {
        let text = self
            .call(true, || self.http.get(response_url))?
            .text()
            .map_err(offline)?;
        serde_json::from_str(&text)
            .map_err(|_| StoreError::Remote("fal's result is not JSON".into()))
    }

    /// Asks fal to cancel a queued request.
    pub fn cancel(&self, cancel_url: &str) -> StoreResult<()> {
        self.call(true, || self.http.put(cancel_url)).map(|_| ())
    }

    /// One call with the key, retried on 429/5xx (and, when `idempotent`, on network errors),
    /// with its error typed.
    fn call(
        &self,
        idempotent: bool,
        request: impl Fn() -> reqwest::blocking::RequestBuilder,
    ) -> StoreResult<reqwest::blocking::Response> {
        let mut wait = self.config.backoff;
        let mut attempt = 1;
        loop {
            let sent = request()
                .header("Authorization", format!("Key {}", self.key.expose()))
                .header("Accept", "application/json")
                .send();
            let retry = match sent {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) => {
                    let status = response.status().as_u16();
                    if status == 429 || status >= 500 {
                        Err(http_error(
                            status,
                            response.text().unwrap_or_default(),
                            &self.key,
                        ))
                    } else {
                        return Err(http_error(
                            status,
                            response.text().unwrap_or_default(),
                            &self.key,
                        ));
                    }
                }
                Err(error) if idempotent || error.is_connect() => Err(offline(error)),
                Err(error) => return Err(offline(error)),
            };
            if attempt >= self.config.attempts {
                return retry;
            }
            tracing::debug!(attempt, "fal call failed; retrying");
            std::thread::sleep(wait);
            wait *= 2;
            attempt += 1;
        }
    }
}

/// fal's error body carries `detail` (a string, or a list of `{msg, loc}` for 422).
fn reason(body: &str, key: &Secret) -> String {
    let detail = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v.get("detail").cloned());
    let text = match detail {
        Some(Value::String(s)) => s,
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                let message = item.get("msg").and_then(Value::as_str).unwrap_or("refused");
                let place = item
                    .get("loc")
                    .and_then(Value::as_array)
                    .map(|loc| {
                        loc.iter()
                            .filter_map(|p| p.as_str().map(str::to_owned))
                            .filter(|p| p != "body")
                            .collect::<Vec<_>>()
                            .join(".")
                    })
                    .filter(|p| !p.is_empty());
                match place {
                    Some(place) => format!("{place}: {message}"),
                    None => message.to_owned(),
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => body.chars().take(200).collect(),
    };
    key.scrub(text.trim())
}

fn http_error(status: u16, body: String, key: &Secret) -> StoreError {
    let why = reason(&body, key);
    match status {
        401 => StoreError::BadKey(
            "fal did not accept the key; check it in Settings → AI providers".into(),
        ),
        402 | 403 => StoreError::Billing(if why.is_empty() {
            "fal refused the run: check the account's balance and limits".into()
        } else {
            why
        }),
        404 => StoreError::Remote(format!("fal does not know this model endpoint ({why})")),
        422 => StoreError::InputRefused(if why.is_empty() {
            "the model refused the input".into()
        } else {
            why
        }),
        429 => StoreError::Remote("fal is rate-limiting this key; try again in a moment".into()),
        _ => StoreError::Remote(format!(
            "fal answered {status}{}",
            if why.is_empty() {
                String::new()
            } else {
                format!(": {why}")
            }
        )),
    }
}

fn offline(error: reqwest::Error) -> StoreError {
    if error.is_timeout() {
        StoreError::Timeout("fal did not answer in time".into())
    } else {
        StoreError::Unreachable("fal cannot be reached (offline?)".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_become_reasons_without_the_key() {
        let key = Secret::new("k-123");
        let body = r#"{"detail":[{"loc":["body","prompt"],"msg":"field required"}]}"#;
        assert_eq!(reason(body, &key), "prompt: field required");
        let error = http_error(422, body.into(), &key);
        assert_eq!(error.code(), "input_refused");
        assert_eq!(http_error(401, String::new(), &key).code(), "bad_key");
        assert_eq!(http_error(402, String::new(), &key).code(), "billing");
        assert!(!http_error(500, "echo k-123".into(), &key)
            .to_string()
            .contains("k-123"));
    }
}
