//! A stand-in for fal's queue API, for tests (paid cloud APIs cannot run here): the same
//! published protocol on 127.0.0.1, talking to the same client code as production. What it does
//! is steered by words in the prompt, so one server serves every case:
//! `refuse` (422 with a reason), `ratelimit` (429 once, then accepted), `crash` (500 once),
//! `hang` (status calls never answer), `html` (the output address serves a web page),
//! `notjson` (the result is not JSON), `slow` (stays in progress for a few polls),
//! `images:N` (N outputs), `refuse-once` (422 the first time, accepted after). A wrong key is
//! 401. Submissions are counted per prompt; `GET /__stand_in/submissions?words=W` tells how many
//! runs whose prompt holds W were accepted (for tests that drive the app from outside).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The key the stand-in accepts.
pub const STAND_IN_KEY: &str = "stand-in-key-0123456789";

#[derive(Default)]
struct State {
    /// request id → (prompt, polls so far, canceled)
    requests: HashMap<String, (String, u32, bool)>,
    submissions: HashMap<String, u32>,
    /// When each prompt was last accepted (ms since 1970), for "click to request" figures.
    last_submitted: HashMap<String, u128>,
    /// behaviours already used once (ratelimit, crash)
    spent: HashMap<String, bool>,
    served_files: HashMap<String, Vec<u8>>,
}

/// A running stand-in; stops when dropped.
pub struct FalStandIn {
    pub base: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl FalStandIn {
    /// Starts on a free port.
    pub fn start() -> Self {
        Self::start_on("127.0.0.1:0")
    }

    /// Starts on `address` (a fixed port lets a test bring the "network" back).
    pub fn start_on(address: &str) -> Self {
        let listener = TcpListener::bind(address).expect("the stand-in binds on loopback");
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (base2, state2, stop2) = (base.clone(), state.clone(), stop.clone());
        let ids = Arc::new(AtomicU64::new(1));
        std::thread::spawn(move || {
            while !stop2.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (base, state, ids, stop) =
                            (base2.clone(), state2.clone(), ids.clone(), stop2.clone());
                        std::thread::spawn(move || {
                            let _ = serve(stream, &base, &state, &ids, &stop);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Self { base, state, stop }
    }

    /// How many times a run whose prompt contains `words` was submitted.
    pub fn submissions(&self, words: &str) -> u32 {
        let state = self.state.lock().unwrap();
        state
            .submissions
            .iter()
            .filter(|(p, _)| p.contains(words))
            .map(|(_, n)| n)
            .sum()
    }

    /// Every submission so far.
    pub fn total_submissions(&self) -> u32 {
        self.state.lock().unwrap().submissions.values().sum()
    }

    /// The bytes served for an output address.
    pub fn served(&self, url: &str) -> Option<Vec<u8>> {
        let path = url.strip_prefix(&self.base)?;
        self.state.lock().unwrap().served_files.get(path).cloned()
    }

    /// Whether a request was canceled.
    pub fn canceled(&self) -> usize {
        self.state
            .lock()
            .unwrap()
            .requests
            .values()
            .filter(|r| r.2)
            .count()
    }
}

impl Drop for FalStandIn {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A small PNG whose colour depends on `seed`, so outputs differ.
pub fn png(seed: u32) -> Vec<u8> {
    // Raw, uncompressed deflate blocks: enough for a valid 4×4 RGB PNG without a zlib crate.
    let (w, h) = (4u32, 4u32);
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0);
        for x in 0..w {
            raw.extend_from_slice(&[(seed * 40 % 256) as u8, (x * 60) as u8, (y * 60) as u8]);
        }
    }
    let mut zlib = vec![0x78, 0x01, 0x01];
    zlib.extend_from_slice(&(raw.len() as u16).to_le_bytes());
    zlib.extend_from_slice(&(!(raw.len() as u16)).to_le_bytes());
    zlib.extend_from_slice(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for byte in &raw {
        a = (a + *byte as u32) % 65521;
        b = (b + a) % 65521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &zlib);
    chunk(b"IEND", &[]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in bytes {
        crc ^= *byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

struct Request {
    method: String,
    path: String,
    key: Option<String>,
    body: Vec<u8>,
}

fn read_request(stream: &mut TcpStream) -> std::io::Result<Request> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or("/").to_owned();
    let (mut length, mut key) = (0usize, None);
    loop {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or((header, ""));
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0),
            "authorization" => key = value.trim().strip_prefix("Key ").map(str::to_owned),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Request {
        method,
        path,
        key,
        body,
    })
}

fn respond(stream: &mut TcpStream, status: u16, kind: &str, body: &[u8]) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        if status < 400 { "OK" } else { "Error" },
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)
}

fn json(stream: &mut TcpStream, status: u16, value: serde_json::Value) -> std::io::Result<()> {
    respond(
        stream,
        status,
        "application/json",
        value.to_string().as_bytes(),
    )
}

fn serve(
    mut stream: TcpStream,
    base: &str,
    state: &Mutex<State>,
    ids: &AtomicU64,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    let request = read_request(&mut stream)?;
    if let Some(file) = request.path.strip_prefix("/files/") {
        let body = state
            .lock()
            .unwrap()
            .served_files
            .get(&request.path)
            .cloned();
        return match body {
            Some(bytes) if file.ends_with(".html") => {
                respond(&mut stream, 200, "image/png", &bytes)
            }
            Some(bytes) => respond(&mut stream, 200, "image/png", &bytes),
            None => respond(&mut stream, 404, "text/plain", b"gone"),
        };
    }
    if let Some(query) = request.path.strip_prefix("/__stand_in/submissions") {
        let words = query
            .trim_start_matches("?words=")
            .replace("%20", " ")
            .replace('+', " ");
        let guard = state.lock().unwrap();
        let matching = |p: &&String| p.contains(&words);
        let count: u32 = guard
            .submissions
            .iter()
            .filter(|(p, _)| matching(p))
            .map(|(_, n)| n)
            .sum();
        let last_at = guard
            .last_submitted
            .iter()
            .filter(|(p, _)| matching(p))
            .map(|(_, t)| *t)
            .max();
        drop(guard);
        return json(
            &mut stream,
            200,
            serde_json::json!({ "count": count, "lastAt": last_at }),
        );
    }
    if request.key.as_deref() != Some(STAND_IN_KEY) {
        return json(
            &mut stream,
            401,
            serde_json::json!({"detail": "Invalid API key"}),
        );
    }
    // {owner}/{app}/requests/{id}[/status|/cancel]
    let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
    if let Some(at) = segments.iter().position(|s| *s == "requests") {
        let id = segments.get(at + 1).copied().unwrap_or_default().to_owned();
        let tail = segments.get(at + 2).copied();
        let Some((prompt, polls, canceled)) = state.lock().unwrap().requests.get(&id).cloned()
        else {
            return json(
                &mut stream,
                404,
                serde_json::json!({"detail": "Request not found"}),
            );
        };
        return match (request.method.as_str(), tail) {
            ("GET", Some("status")) => {
                if prompt.contains("hang") {
                    while !stop.load(Ordering::SeqCst) {
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    return Ok(());
                }
                state.lock().unwrap().requests.get_mut(&id).unwrap().1 += 1;
                let status = match polls {
                    0 => "IN_QUEUE",
                    n if prompt.contains("slow") && n < 8 => "IN_PROGRESS",
                    1 => "IN_PROGRESS",
                    _ => "COMPLETED",
                };
                json(
                    &mut stream,
                    200,
                    serde_json::json!({"status": status, "queue_position": if polls == 0 { 2 } else { 0 }}),
                )
            }
            ("PUT", Some("cancel")) => {
                state.lock().unwrap().requests.get_mut(&id).unwrap().2 = true;
                json(
                    &mut stream,
                    202,
                    serde_json::json!({"status": "CANCELLATION_REQUESTED"}),
                )
            }
            ("GET", None) if canceled => json(
                &mut stream,
                400,
                serde_json::json!({"detail": "Request was canceled"}),
            ),
            ("GET", None) if prompt.starts_with("llm:") => {
                let words = prompt.trim_start_matches("llm:");
                json(
                    &mut stream,
                    200,
                    serde_json::json!({"output": format!("{words}, cinematic lighting, rich detail"), "partial": false}),
                )
            }
            ("GET", None) => {
                if prompt.contains("notjson") {
                    return respond(&mut stream, 200, "text/plain", b"upstream worker crashed");
                }
                let count = prompt
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("images:")?.parse::<u32>().ok())
                    .unwrap_or(1);
                let mut images = Vec::new();
                let mut guard = state.lock().unwrap();
                for n in 0..count {
                    let (path, bytes) = if prompt.contains("html") {
                        (
                            format!("/files/{id}-{n}.html"),
                            b"<!DOCTYPE html><html><body>expired</body></html>".to_vec(),
                        )
                    } else {
                        (format!("/files/{id}-{n}.png"), png(n + 1))
                    };
                    guard.served_files.insert(path.clone(), bytes);
                    images.push(serde_json::json!({"url": format!("{base}{path}"), "width": 4, "height": 4, "content_type": "image/png"}));
                }
                drop(guard);
                json(
                    &mut stream,
                    200,
                    serde_json::json!({"images": images, "video": null, "seed": 1234, "prompt": prompt}),
                )
            }
            _ => json(
                &mut stream,
                405,
                serde_json::json!({"detail": "Method not allowed"}),
            ),
        };
    }
    if request.method != "POST" {
        return json(
            &mut stream,
            405,
            serde_json::json!({"detail": "Method not allowed"}),
        );
    }
    let input: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_default();
    let prompt = input
        .get("prompt")
        .or_else(|| input.get("text"))
        .and_then(|p| p.as_str())
        .unwrap_or_default()
        .to_owned();
    {
        let mut guard = state.lock().unwrap();
        for once in ["ratelimit", "crash"] {
            if prompt.contains(once) && !guard.spent.contains_key(&format!("{once}:{prompt}")) {
                guard.spent.insert(format!("{once}:{prompt}"), true);
                drop(guard);
                let status = if once == "ratelimit" { 429 } else { 500 };
                return json(
                    &mut stream,
                    status,
                    serde_json::json!({"detail": "try again"}),
                );
            }
        }
        let refuse_once = prompt.contains("refuse-once")
            && !guard.spent.contains_key(&format!("refuse:{prompt}"));
        if refuse_once {
            guard.spent.insert(format!("refuse:{prompt}"), true);
        }
        if refuse_once || (prompt.contains("refuse") && !prompt.contains("refuse-once")) {
            return json(
                &mut stream,
                422,
                serde_json::json!({"detail": [{"loc": ["body", "prompt"], "msg": "The prompt was flagged by the content checker", "type": "content_policy"}]}),
            );
        }
        *guard.submissions.entry(prompt.clone()).or_default() += 1;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        guard.last_submitted.insert(prompt.clone(), now);
    }
    // The LLM endpoint answers with words, not files.
    let prompt = if request.path.contains("any-llm") {
        format!("llm:{prompt}")
    } else {
        prompt
    };
    let id = format!("req-{}", ids.fetch_add(1, Ordering::SeqCst));
    let owner_app: Vec<&str> = request.path.trim_matches('/').split('/').take(2).collect();
    let root = format!("{base}/{}/requests/{id}", owner_app.join("/"));
    state
        .lock()
        .unwrap()
        .requests
        .insert(id.clone(), (prompt, 0, false));
    json(
        &mut stream,
        200,
        serde_json::json!({
            "request_id": id,
            "status_url": format!("{root}/status"),
            "response_url": root,
            "cancel_url": format!("{root}/cancel"),
            "queue_position": 2
        }),
    )
}
