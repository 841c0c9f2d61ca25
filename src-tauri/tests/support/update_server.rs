//! A release server on 127.0.0.1 for the updater tests: a minisign key made for the run, release
//! manifests in the Tauri updater's static format, and packages, each signed, tampered with,
//! signed by another key or not signed at all, as a test asks. Used by the IPC test and, through
//! the `update_server` example, by the WebKit end-to-end test.
#![allow(dead_code)]

use base64::Engine;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A signing key as the Tauri signer makes one.
pub struct SigningKey {
    public: minisign::PublicKey,
    secret: minisign::SecretKey,
}

impl SigningKey {
    pub fn generate() -> Self {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("a key pair");
        Self {
            public: pair.pk,
            secret: pair.sk,
        }
    }

    /// The public key as the app is configured with it (base64 of minisign's key file).
    pub fn public_key(&self) -> String {
        base64(&self.public.to_box().expect("a public key box").to_string())
    }

    /// The package's signature as the updater manifest carries it, recording `version` in the
    /// signed comment as the Tauri signer does.
    pub fn sign(&self, package: &[u8], version: &str) -> String {
        self.sign_with_comment(
            package,
            &format!("timestamp:1764504000\tfile:Koda.AppImage\tversion:{version}"),
        )
    }

    /// A signature whose signed comment is `trusted` (older signers recorded no version).
    pub fn sign_with_comment(&self, package: &[u8], trusted: &str) -> String {
        let signature = minisign::sign(
            Some(&self.public),
            &self.secret,
            std::io::Cursor::new(package),
            Some(trusted),
            Some("signature from the Koda test signer"),
        )
        .expect("a signature");
        base64(&signature.to_string())
    }
}

fn base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// The platform key the updater looks up for this machine, e.g. `linux-x86_64`.
pub fn platform() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    format!("{os}-{}", std::env::consts::ARCH)
}

/// A manifest announcing `version` at `url` with `signature`.
pub fn manifest(version: &str, notes: &str, url: &str, signature: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "version": version,
        "notes": notes,
        "pub_date": "2026-11-30T12:00:00Z",
        "platforms": { platform(): { "signature": signature, "url": url } }
    }))
    .expect("JSON")
}

/// Files served by path; a path not set answers 404.
#[derive(Clone, Default)]
pub struct Served(Arc<Mutex<HashMap<String, Vec<u8>>>>);

impl Served {
    pub fn set(&self, path: &str, body: Vec<u8>) {
        self.0.lock().unwrap().insert(path.to_owned(), body);
    }
    pub fn remove(&self, path: &str) {
        self.0.lock().unwrap().remove(path);
    }
    fn get(&self, path: &str) -> Option<Vec<u8>> {
        self.0.lock().unwrap().get(path).cloned()
    }
}

/// Serves `served` over HTTP on 127.0.0.1 in a background thread; returns `http://127.0.0.1:port`.
pub fn serve(served: Served) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let served = served.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    return;
                }
                // The rest of the head; these requests carry no body.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request_line.split(' ').nth(1).unwrap_or("/").to_owned();
                // `/use/NAME` publishes the release kept at `/releases/NAME` as `/latest.json`.
                if let Some(name) = path.strip_prefix("/use/") {
                    if let Some(release) = served.get(&format!("/releases/{name}")) {
                        served.set("/latest.json", release);
                    }
                }
                let mut stream = &stream;
                let _ = match served.get(&path) {
                    Some(body) => stream
                        .write_all(
                            format!(
                                "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                                body.len()
                            )
                            .as_bytes(),
                        )
                                        .and_then(|()| stream.write_all(&body)),
                    None => stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                    ),
                };
            });
        }
    });
    base
}
