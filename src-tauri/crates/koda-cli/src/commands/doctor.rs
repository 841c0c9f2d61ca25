//! `koda doctor` and `koda migrate`.

use koda_assets::AssetStore;
use koda_backends::sqlite_maintenance::{doctor, DoctorReport};
use koda_backends::SqliteStore;
use koda_core::config::StorageConfig;
use koda_core::StoreResult;

pub fn migrate(opened: &koda_backends::OpenedStore) -> String {
    let store = match opened {
        koda_backends::OpenedStore::Sqlite(store) => store,
        koda_backends::OpenedStore::Postgres(store) => {
            return match store.migrated() {
                [] => format!(
                    "PostgreSQL schema '{}' is up to date (version {})",
                    store.schema(),
                    koda_backends::postgres_schema_version()
                ),
                versions => format!(
                    "applied PostgreSQL migrations {versions:?} in schema '{}'",
                    store.schema()
                ),
            }
        }
    };
    let report = store.open_report();
    let mut out = match report.migrated.as_slice() {
        [] => format!(
            "schema is up to date (version {})",
            koda_backends::sqlite_schema_version()
        ),
        versions => format!("applied migrations {versions:?}"),
    };
    if let Some(backup) = &report.backup {
        out.push_str(&format!(
            "\nbacked up the previous database to {}",
            backup.display()
        ));
    }
    out
}

/// Runs the checks; the second value is whether everything is healthy (the exit status).
pub fn run(
    store: &SqliteStore,
    assets: &AssetStore,
    config: &StorageConfig,
    json: bool,
) -> StoreResult<(String, bool)> {
    let report = doctor(store)?;
    let files = assets.collect_garbage(true)?;
    let healthy = report.healthy() && files.missing_files.is_empty();
    let text = if json {
        let mut value = serde_json::to_value(&report)?;
        value["assetFiles"] = serde_json::to_value(&files)?;
        serde_json::to_string_pretty(&value)?
    } else {
        format!(
            "{}
[{}] asset files  {} orphan(s) (remove with `koda asset gc`), {} missing",
            describe(&report, config),
            if files.missing_files.is_empty() {
                "ok "
            } else {
                "BAD"
            },
            files.orphan_files.len(),
            files.missing_files.len()
        )
    };
    Ok((text, healthy))
}

fn describe(report: &DoctorReport, config: &StorageConfig) -> String {
    let mark = |ok: bool| if ok { "ok " } else { "BAD" };
    let path = report
        .database_path
        .as_ref()
        .map_or("(in memory)".into(), |p| p.display().to_string());
    let lines = [
        format!("data dir      {}", config.data_dir.display()),
        format!("database      {path}"),
        format!(
            "size          {} bytes (+ {} bytes WAL)",
            report.database_bytes, report.wal_bytes
        ),
        format!(
            "[{}] schema     version {} (this Koda: {})",
            mark(report.schema_version == report.supported_schema_version),
            report.schema_version,
            report.supported_schema_version
        ),
        format!(
            "[{}] integrity  {}",
            mark(report.integrity == ["ok"]),
            report.integrity.join("; ")
        ),
        format!(
            "[{}] foreign keys  {} violation(s)",
            mark(report.foreign_key_violations == 0),
            report.foreign_key_violations
        ),
        format!(
            "[{}] node counts   {} mismatch(es)",
            mark(report.node_count_mismatches.is_empty()),
            report.node_count_mismatches.len()
        ),
        format!(
            "[{}] edges         {} dangling",
            mark(report.dangling_edges == 0),
            report.dangling_edges
        ),
        format!(
            "contents      {} canvases ({} in trash), {} nodes, {} edges",
            report.canvases, report.trashed_canvases, report.nodes, report.edges
        ),
    ];
    lines.join("\n")
}

/// `koda doctor` on a PostgreSQL data folder; the second value is whether all is well.
pub fn run_postgres(store: &koda_backends::PgStore, json: bool) -> StoreResult<(String, bool)> {
    let health = store.health()?;
    let healthy = health.miscounted.is_empty();
    if json {
        return Ok((serde_json::to_string_pretty(&health)?, healthy));
    }
    let mut out = format!(
        "backend: postgres (PostgreSQL {}), schema '{}' at version {}\ncanvases {}, nodes {}, edges {}, asset rows {}",
        health.server_version,
        health.schema,
        health.schema_version,
        health.canvases,
        health.nodes,
        health.edges,
        health.assets
    );
    if healthy {
        out.push_str("\nnode counts: ok");
    } else {
        out.push_str(&format!(
            "\nnode counts wrong for: {}",
            health.miscounted.join(", ")
        ));
    }
    Ok((out, healthy))
}
