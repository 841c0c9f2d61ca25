// Declares the app's own commands so capabilities can grant them one by one.
fn main() {
    let commands = &[
        "list_canvases",
        "list_trash",
        "get_canvas",
        "create_canvas",
        "save_canvas",
        "apply_patch",
        "rename_canvas",
        "duplicate_canvas",
        "trash_canvas",
        "restore_canvas",
        "purge_canvas",
        "set_thumbnail",
        "get_settings",
        "set_settings",
        "get_profile",
        "set_profile",
        "storage_info",
        "import_canvases",
        "export_all",
        "open_data_folder",
        "add_asset",
        "set_canvas_thumbnail",
        "list_assets",
        "import_file",
        "export_canvas",
        "save_export",
        "backup_now",
        "list_backups",
        "restore_backup",
        "restart_app",
        "get_sync_status",
        "set_sync",
        "test_sync",
        "sync_now",
        "list_history",
        "restore_history",
    ];
    let manifest = tauri_build::AppManifest::new().commands(commands);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script");
}
