//! The servers integration tests talk to, which `.ci/servers` starts on 127.0.0.1 and names in
//! `KODA_TEST_DATABASE_URL` (PostgreSQL) and `KODA_TEST_S3_ENDPOINT` (an S3-compatible server).
//! Running those tests without them is a setup mistake, so the helpers fail loudly.

use std::io::{Read, Write};

fn required(variable: &str) -> String {
    std::env::var(variable).unwrap_or_else(|_| {
        panic!(
            "{variable} is not set: start the test servers with `source .ci/setup && source .ci/servers` \
             (or run `bash .ci/test`)"
        )
    })
}

/// The test PostgreSQL database's URL.
pub fn database_url() -> String {
    required("KODA_TEST_DATABASE_URL")
}

/// The test S3-compatible server, `http://127.0.0.1:PORT`.
pub fn s3_endpoint() -> String {
    required("KODA_TEST_S3_ENDPOINT")
}

/// A PostgreSQL schema name no other test uses (within Koda's 40-character limit).
pub fn fresh_schema() -> String {
    format!("t_{}", uuid::Uuid::new_v4().simple())
}

/// Creates an empty bucket no other test uses, named after `label`, and returns its name. The
/// test server does not check signatures, so a plain `PUT /<bucket>` does.
pub fn fresh_bucket(label: &str) -> String {
    let name: String = format!("koda-{label}-{}", uuid::Uuid::new_v4().simple())
        .replace('_', "-")
        .chars()
        .take(63)
        .collect();
    let endpoint = s3_endpoint();
    let host = endpoint
        .strip_prefix("http://")
        .expect("the test server speaks plain http")
        .trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(host)
        .unwrap_or_else(|e| panic!("cannot reach the S3 test server at {endpoint}: {e}"));
    write!(
        stream,
        "PUT /{name} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.lines().next().unwrap_or_default();
    assert!(
        status.contains(" 200"),
        "creating bucket {name} failed: {answer}"
    );
    name
}
