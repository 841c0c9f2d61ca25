//! The command-line grammar.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Koda's command line: the same storage core as the desktop app, for headless work.
#[derive(Debug, Parser)]
#[command(name = "koda", version, about)]
pub struct Cli {
    /// Data directory (default: the OS's user data directory; env KODA_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database or bring its schema up to date.
    Migrate,
    /// Check the database: integrity, schema version, paths and sizes.
    Doctor {
        #[arg(long)]
        json: bool,
    },
    /// Work with canvases.
    #[command(subcommand)]
    Canvas(CanvasCommand),
    /// Measure the store on a fixture canvas (run a release build).
    Bench(BenchArgs),
    /// Copy everything (canvases, nodes, edges, asset and generation rows, settings) to another
    /// backend, verify counts and a checksum per canvas, and leave the source untouched.
    MigrateData(MigrateDataArgs),
    /// Which database this data folder uses (SQLite or a PostgreSQL server).
    #[command(subcommand)]
    Storage(StorageCommand),
    /// Cloud sync with Turso or a self-hosted sqld.
    #[command(subcommand)]
    Sync(SyncCommand),
    /// Work with asset files (images, videos, audio).
    #[command(subcommand)]
    Asset(AssetCommand),
    /// AI provider keys (kept in the OS keychain; never printed).
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Run one generator node exactly as the Generate button does, and wait for it.
    Generate {
        canvas: String,
        node: String,
        #[arg(long)]
        json: bool,
    },
    /// The run history: list, resume, retry, cancel.
    #[command(subcommand)]
    Generations(GenerationsCommand),
    /// Find words in every canvas: names, descriptions and node text (prefixes, no accents).
    Search {
        query: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Also search canvases in the trash.
        #[arg(long)]
        trash: bool,
    },
    /// Versions of a canvas: list, show, restore.
    #[command(subcommand)]
    History(HistoryCommand),
    /// Time thumbnails of a 4096×4096 PNG and a 24-megapixel JPEG against ImageMagick.
    BenchThumbnails {
        #[arg(long)]
        json: bool,
    },
    /// Time search for a rare word among many canvases against a LIKE scan of the same nodes.
    BenchSearch {
        #[arg(long, default_value_t = 1000)]
        canvases: usize,
        #[arg(long, default_value_t = 100)]
        nodes: usize,
    },
    /// Write a synthetic canvas fixture for `koda bench`.
    GenFixture {
        /// Number of nodes (edges chain them: nodes - 1 edges).
        #[arg(long, default_value_t = 10_000)]
        nodes: usize,
        /// Output file (default: stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Import canvases from files: JSON (a canvas, the web app's spaces-canvases, a Koda export
    /// file), a Koda web SQLite file, a Drizzle database, a JSON Canvas (.canvas) or a .koda
    /// bundle. Every file is checked first: if one is bad, nothing is imported.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Export one canvas: a .koda bundle (with its assets), a JSON Canvas or StoredCanvas JSON.
    Export {
        id: String,
        /// Default: from the output's extension (.canvas, .json), else a .koda bundle.
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Output file.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Copy the database with SQLite's online backup (safe while the app runs).
    Backup {
        /// Target file (default: <data dir>/backups/koda-<time>.db).
        file: Option<PathBuf>,
    },
    /// Replace the database by a backup; the current one is kept in backups/ first. Close the app first.
    Restore { file: PathBuf },
}

/// What `koda export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A .koda bundle: the canvas, its asset files and a manifest.
    Koda,
    /// JSON Canvas 1.0 (.canvas).
    Canvas,
    /// StoredCanvas JSON (as `koda canvas export`).
    Json,
}

#[derive(Debug, Subcommand)]
pub enum CanvasCommand {
    /// List canvases, most recently edited first.
    List {
        #[arg(long)]
        json: bool,
        /// List the trash instead.
        #[arg(long)]
        trash: bool,
    },
    /// Import one file of any kind `koda import` reads (the same import: inline media become asset files).
    Import { file: PathBuf },
    /// Export one canvas as StoredCanvas JSON.
    Export {
        id: String,
        /// Output file (default: stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Move a canvas to the trash.
    Trash { id: String },
    /// Bring a canvas back from the trash.
    Restore { id: String },
    /// Delete a canvas for good.
    Purge { id: String },
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Show whether sync is on, where to, and what is waiting.
    Status,
    /// Sync once now.
    Now,
    /// Turn sync on (token from TURSO_AUTH_TOKEN, or --token-stdin).
    Enable {
        /// libsql://…, https://… or http://… address of the database.
        url: String,
        /// Read the auth token from standard input (keeps it out of shell history).
        #[arg(long)]
        token_stdin: bool,
    },
    /// Turn sync off (local data stays as it is).
    Disable,
    /// Versions of a canvas's rows that sync replaced (conflict losers and overwritten versions).
    History {
        canvas: String,
        #[arg(long)]
        json: bool,
    },
    /// Put a version from the history back (it syncs to the other devices).
    Restore { entry: i64 },
}

#[derive(Debug, Clone, Subcommand)]
pub enum KeysCommand {
    /// Store a key (e.g. `fal`), read from standard input so it stays out of shell history.
    Set {
        name: String,
        /// Read the key from standard input (the only way: it is never an argument).
        #[arg(long, required = true)]
        stdin: bool,
    },
    /// Key names and where each is kept (never their values).
    Ls {
        #[arg(long)]
        json: bool,
    },
    /// Remove a stored key.
    Rm { name: String },
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Versions of a canvas, newest first.
    Ls {
        canvas: String,
        #[arg(long)]
        json: bool,
    },
    /// The canvas as it was at a version (StoredCanvas JSON).
    Show {
        canvas: String,
        version: i64,
        #[arg(long)]
        json: bool,
    },
    /// Put the canvas (or one node, with its edges) back as it was; what it replaces is kept.
    Restore {
        canvas: String,
        version: i64,
        #[arg(long)]
        node: Option<String>,
    },
    /// Apply the retention policy (Settings) now.
    Prune,
}

#[derive(Debug, Subcommand)]
pub enum GenerationsCommand {
    /// Runs, newest first.
    Ls {
        /// Only this canvas's runs.
        #[arg(long)]
        canvas: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Follow every run still in flight (after a crash, a kill or being offline) to its end.
    Resume,
    /// Run a finished or failed run again with the same model and input (a new run).
    Retry { id: String },
    /// Cancel a run (at fal too, when it was sent).
    Cancel { id: String },
}

#[derive(Debug, Subcommand)]
pub enum AssetCommand {
    /// Add a media file to the asset store.
    Add {
        file: PathBuf,
        /// Canvas the asset belongs to.
        #[arg(long)]
        canvas: Option<String>,
    },
    /// List asset rows.
    Ls {
        #[arg(long)]
        json: bool,
        /// Only the assets of this canvas.
        #[arg(long)]
        canvas: Option<String>,
    },
    /// Remove files no asset row refers to, and report rows whose file is missing.
    Gc {
        /// Report only; remove nothing.
        #[arg(long)]
        dry_run: bool,
        /// Clean the asset bucket instead (objects nothing refers to, older than an hour).
        #[arg(long)]
        remote: bool,
    },
    /// Upload every local asset file the bucket does not hold yet (bucket from ASSET_STORAGE and
    /// S3_*, or Settings).
    Push,
    /// Download the files a canvas uses from the bucket, so it opens offline.
    Fetch {
        /// The canvas.
        canvas: String,
    },
    /// Check the bucket answers, and count what is in it (the secret key is never shown).
    Remote,
}

/// Where `koda migrate-data` copies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DataTarget {
    /// From the local SQLite file to PostgreSQL.
    Postgres,
    /// From PostgreSQL to the local SQLite file (or `--sqlite-file`).
    Sqlite,
}

#[derive(Debug, Args)]
pub struct MigrateDataArgs {
    /// The backend to copy to.
    #[arg(long, value_enum)]
    pub to: DataTarget,
    /// The PostgreSQL database (default: env DATABASE_URL, then the one saved in Settings).
    /// Prefer the environment variable: arguments are visible to other users of the machine.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Schema for Koda's tables on the server (default: public; env KODA_POSTGRES_SCHEMA).
    #[arg(long, env = "KODA_POSTGRES_SCHEMA")]
    pub schema: Option<String>,
    /// SQLite file to copy to or from (default: the data folder's koda.db).
    #[arg(long)]
    pub sqlite_file: Option<PathBuf>,
    /// After a verified copy, make the target this data folder's database.
    #[arg(long)]
    pub switch: bool,
}

#[derive(Debug, Subcommand)]
pub enum StorageCommand {
    /// Show which database is used and where (passwords hidden).
    Status,
    /// Use the local SQLite file.
    UseSqlite,
    /// Use a PostgreSQL server (URL from env DATABASE_URL, or read from standard input).
    UsePostgres {
        /// Schema for Koda's tables (default: public).
        #[arg(long)]
        schema: Option<String>,
        /// Read the URL from standard input (keeps the password out of shell history).
        #[arg(long)]
        url_stdin: bool,
    },
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// A StoredCanvas JSON file (see `koda gen-fixture`).
    #[arg(long)]
    pub fixture: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Scale of the repeated measurements (1 = default counts).
    #[arg(long, default_value_t = 1)]
    pub repeat: usize,
    /// Measure a PostgreSQL server instead of SQLite (a scratch schema is made and dropped).
    #[arg(long, env = "KODA_BENCH_DATABASE_URL", hide_env_values = true)]
    pub postgres: Option<String>,
}

impl Command {
    /// The command's name for log lines (never its arguments, which may name private files).
    pub fn name(&self) -> String {
        format!("{self:?}")
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    }
}
