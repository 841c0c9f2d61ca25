//! The command-line grammar.

use clap::{Args, Parser, Subcommand};
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
    /// Work with asset files (images, videos, audio).
    #[command(subcommand)]
    Asset(AssetCommand),
    /// Time thumbnails of a 4096×4096 PNG and a 24-megapixel JPEG against ImageMagick.
    BenchThumbnails {
        #[arg(long)]
        json: bool,
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
    /// Import a StoredCanvas, an array of them (the web app's `spaces-canvases`), or a Koda export file.
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
}
