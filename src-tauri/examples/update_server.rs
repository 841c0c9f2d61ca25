//! A release server for the WebKit end-to-end test: prints `URL PUBKEY` on its first line and
//! serves until killed. `/latest.json` starts as the running version (no update); a request to
//! `/use/signed`, `/use/tampered` or `/use/current` switches which release it announces.
//! The app reads the address and key from `KODA_UPDATE_URL` and `KODA_UPDATE_PUBKEY` (debug
//! builds only).

#[path = "../tests/support/update_server.rs"]
mod update_server;

use update_server::{manifest, serve, Served, SigningKey};

const PACKAGE: &[u8] =
    b"\x7fELF\x02\x01\x01 Koda 9.9.9 from the test release server, longer than an ELF header";
const NOTES: &str = "Canvases open twice as fast.\nExports ask where to go.";

fn main() {
    let key = SigningKey::generate();
    let served = Served::default();
    let base = serve(served.clone());
    let signature = key.sign(PACKAGE, "9.9.9");
    let mut tampered = PACKAGE.to_vec();
    tampered.extend_from_slice(b" and something added after signing");
    served.set("/Koda_9.9.9.AppImage", PACKAGE.to_vec());
    served.set("/Koda_9.9.9_tampered.AppImage", tampered);
    let release = |file: &str| manifest("9.9.9", NOTES, &format!("{base}/{file}"), &signature);
    let current = manifest(
        env!("CARGO_PKG_VERSION"),
        "",
        &format!("{base}/none"),
        &signature,
    );
    for (name, body) in [
        ("signed", release("Koda_9.9.9.AppImage")),
        ("tampered", release("Koda_9.9.9_tampered.AppImage")),
        ("current", current.clone()),
    ] {
        served.set(&format!("/releases/{name}"), body);
        served.set(&format!("/use/{name}"), b"ok".to_vec());
    }
    served.set("/latest.json", current);
    println!("{base}/latest.json {}", key.public_key());
    loop {
        std::thread::park();
    }
}
