//! Koda Desktop's Tauri shell: opens the store, registers the commands, watches for changes.
//! Everything else lives in the Tauri-free core crates.

pub mod commands;
pub mod file_dialogs;
pub mod menu;
pub mod opened_files;
mod panic_notice;
pub mod payload;
mod percent;
pub mod protocol;
pub mod state;
pub mod updates;
pub mod watcher;
mod webview_tuning;
mod window_memory;

use koda_core::config::StorageConfig;
use state::AppState;
use std::path::Path;
use tauri::{Manager, Runtime};

/// Registers every command on a builder (also used by tests with Tauri's mock runtime).
pub fn app_builder<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    use commands::{
        assets::*, backend::*, backups::*, canvases::*, cloud_assets::*, generation::*,
        recovery::*, settings::*, storage::*, sync::*, transfer::*, updates::*, versions::*,
    };
    let updates = updates::Updates::new(&state.config.data_dir, env!("CARGO_PKG_VERSION"));
    builder
        .manage(state)
        .manage(updates)
        .register_asynchronous_uri_scheme_protocol(protocol::SCHEME, protocol::handle)
        .invoke_handler(tauri::generate_handler![
            list_canvases,
            list_trash,
            get_canvas,
            create_canvas,
            save_canvas,
            apply_patch,
            rename_canvas,
            duplicate_canvas,
            trash_canvas,
            restore_canvas,
            purge_canvas,
            set_thumbnail,
            import_canvases,
            export_all,
            get_settings,
            set_settings,
            get_profile,
            set_profile,
            storage_info,
            open_data_folder,
            database_status,
            database_test_postgres,
            database_move_to_postgres,
            database_move_to_sqlite,
            asset_storage_status,
            asset_storage_test,
            asset_storage_save,
            asset_storage_upload_now,
            add_asset,
            mirror_remote_media,
            set_canvas_thumbnail,
            list_assets,
            import_file,
            import_with_dialog,
            update_status,
            check_for_update,
            download_update,
            restart_to_update,
            export_canvas,
            save_export,
            save_asset,
            backup_now,
            list_backups,
            restore_backup,
            restart_app,
            get_sync_status,
            set_sync,
            test_sync,
            sync_now,
            list_history,
            restore_history,
            generation_estimate,
            generation_start,
            generation_plan,
            generation_run_all,
            generation_cancel,
            generation_retry,
            generation_list,
            generation_spend,
            api_keys_list,
            api_key_set,
            api_key_remove,
            api_key_test,
            generation_enhance_prompt,
            search,
            list_versions,
            get_version,
            restore_version,
            recovery_status,
            recovery_restore_backup,
            recovery_start_empty,
            open_logs_folder,
            opened_files::take_opened_files,
        ])
}

/// Starts the desktop app. `--data-dir DIR` (or `KODA_DATA_DIR`) picks the data directory.
pub fn run() {
    // Before anything else starts a thread: it may set an environment variable.
    let painting = webview_tuning::choose_painting();
    let data_dir = data_dir_flag();
    let config = match StorageConfig::resolve(data_dir.as_deref()) {
        Ok(config) => config,
        Err(error) => fail(&error.to_string()),
    };
    let _logs = koda_backends::logs::init(&config.data_dir, "koda-desktop", true);
    tracing::info!(?painting, "WebKit painting");
    // Held for the app's lifetime: `koda restore` refuses to replace the database under it.
    let _lock = match koda_backends::app_lock::hold(&config.data_dir) {
        Ok(lock) => lock,
        Err(error) => {
            tracing::warn!(%error, "could not take the data folder's lock");
            None
        }
    };
    if let koda_core::config::DatabaseLocation::File(database) = &config.database {
        match commands::backups::restore_if_pending(&config.data_dir, database) {
            Ok(Some(backup)) => tracing::warn!(backup = %backup.display(), "restored a backup"),
            Ok(None) => {}
            Err(error) => {
                tracing::error!(%error, "the requested restore failed; the current database is kept")
            }
        }
    }
    let instance_id = single_instance_id(&config.data_dir);
    let state = AppState::open(config);
    // First: a second launch on the same data folder hands its files to this one and exits.
    let builder = tauri::Builder::default().plugin(
        tauri_plugin_single_instance::Builder::new()
            .dbus_id(instance_id)
            .callback(|app, argv, cwd| {
                opened_files::focus_window(app);
                opened_files::open(app, opened_files::file_arguments(&argv, Path::new(&cwd)));
            })
            .build(),
    );
    let builder = builder
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build());
    app_builder(builder, state)
        .on_menu_event(menu::on_event)
        .setup(|app| {
            panic_notice::forward_to(app.handle().clone());
            webview_tuning::apply(app.handle());
            // An update downloaded last time is installed first; Koda restarts into it.
            app.state::<updates::Updates>()
                .install_kept_and_restart(app.handle());
            updates::check_after_start(app.handle());
            start_services(app.handle());
            menu::refresh(app.handle());
            window_memory::keep_saving(app.handle());
            let argv: Vec<String> = std::env::args().collect();
            let cwd = std::env::current_dir().unwrap_or_default();
            opened_files::open(app.handle(), opened_files::file_arguments(&argv, &cwd));
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("building the Tauri app")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Fold the WAL into the file so the database on disk is one complete file.
                if let Some(store) = app.state::<AppState>().sqlite_store() {
                    if let Err(error) = store.checkpoint() {
                        tracing::warn!(%error, "checkpoint on exit failed");
                    }
                }
            }
        });
}

/// Starts what runs beside an open store: uploads, the run queue, history pruning, backups,
/// sync, the change watcher and the integrity check. Called at launch, and again when the
/// recovery screen has put a database in place; does nothing while no store is open, and runs
/// once.
pub fn start_services<R: Runtime>(app: &tauri::AppHandle<R>) {
    let state = app.state::<AppState>();
    let Some(opened) = state.opened() else {
        return;
    };
    if !state.claim_services() {
        return;
    }
    if let Some(cloud) = state.cloud_assets() {
        commands::cloud_assets::start_uploads(app, &cloud);
    }
    // Runs in flight when Koda last closed are followed from the start.
    if let Err(error) = commands::generation::queue(app, &state) {
        tracing::warn!(code = %error.code, "the run queue did not start");
    }
    spawn_history_pruning(opened.store());
    match opened {
        koda_backends::OpenedStore::Sqlite(store) => {
            commands::recovery::spawn_integrity_check(app.clone(), std::sync::Arc::clone(&store));
            start_background_work(app.clone(), store, &state.config.data_dir)
        }
        // A team database: teammates' changes arrive by LISTEN/NOTIFY. Backups and cloud
        // sync are the server's business there.
        koda_backends::OpenedStore::Postgres(store) => {
            watcher::spawn_subscribed(app.clone(), store)
        }
    }
}

/// Applies the history retention policy a few minutes after start (out of the way of
/// opening) and then every hour, in the background: old versions fold together, the change
/// log and replaced sync versions go.
fn spawn_history_pruning(store: std::sync::Arc<dyn koda_core::Store>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(180));
        let pruned = store
            .get_settings()
            .and_then(|s| store.prune_history(&s.history, koda_core::ids::now_ms()));
        match pruned {
            Ok(rows) if rows > 0 => tracing::info!(rows, "pruned history"),
            Ok(_) => {}
            Err(error) => tracing::warn!(code = error.code(), %error, "history pruning failed"),
        }
        std::thread::sleep(std::time::Duration::from_secs(3600 - 180));
    });
}

/// Daily backup, cloud sync and the change watcher, none of which the UI ever waits for.
fn start_background_work<R: Runtime>(
    app: tauri::AppHandle<R>,
    store: std::sync::Arc<koda_backends::SqliteStore>,
    data_dir: &std::path::Path,
) {
    use tauri::Emitter;
    let backup_store = std::sync::Arc::clone(&store);
    let backup_dir = data_dir.to_path_buf();
    std::thread::spawn(move || commands::backups::daily_backup(&backup_store, &backup_dir));
    let emitter = app.clone();
    let sync = koda_sync::SyncService::new(
        std::sync::Arc::clone(&store),
        data_dir,
        Box::new(move |status| {
            let _ = emitter.emit(koda_sync::scheduler::STATUS_EVENT, status);
        }),
    );
    sync.start();
    app.manage(std::sync::Arc::clone(&sync));
    let menu_app = app.clone();
    watcher::spawn(app, store, move |event| {
        if event.kind != koda_core::ChangeKind::Synced {
            sync.local_change();
        }
        // Names and the order of recent canvases follow edits, creations and deletions.
        if event.kind != koda_core::ChangeKind::Settings {
            menu::refresh(&menu_app);
        }
    });
}

/// One running Koda per data folder: the D-Bus name (Linux) carries a hash of the folder, so
/// two data folders can still be open side by side.
fn single_instance_id(data_dir: &Path) -> String {
    use sha2::{Digest, Sha256};
    let folder = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(folder.to_string_lossy().as_bytes());
    format!("app.koda.desktop.data_{}", &hex::encode(digest)[..16])
}

fn data_dir_flag() -> Option<std::path::PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(Into::into);
        }
        if let Some(value) = arg.strip_prefix("--data-dir=") {
            return Some(value.into());
        }
    }
    None
}

/// Startup failed before a window exists: say why on stderr and exit non-zero.
fn fail(message: &str) -> ! {
    eprintln!("Koda could not start: {message}");
    std::process::exit(1);
}
