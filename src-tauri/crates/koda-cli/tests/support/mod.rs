//! Running the `koda` binary in the CLI tests: one way to call it, and to check how it ended.
#![allow(dead_code)] // each test file uses the helpers it needs

use std::path::Path;
use std::process::{Command, Output};

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
