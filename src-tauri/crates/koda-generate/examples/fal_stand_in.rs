//! Runs the stand-in fal server until killed, printing its address on the first line: the
//! end-to-end test of the real app points `KODA_FAL_QUEUE_URL` at it.
//!
//!     cargo run -p koda-generate --features stand-in --example fal_stand_in [PORT]

use koda_generate::stand_in::FalStandIn;
use std::io::Write;

fn main() {
    let port = std::env::args().nth(1).unwrap_or_else(|| "0".into());
    let server = FalStandIn::start_on(&format!("127.0.0.1:{port}"));
    println!("{}", server.base);
    std::io::stdout().flush().unwrap();
    loop {
        std::thread::park();
    }
}
