//! The native menu bar: File (with recent canvases), Edit (macOS), View, Window, Help, each item with its
//! shortcut shown. A chosen item reaches the window as `koda://menu` with a [`MenuCommand`]; the
//! page does what the same button or shortcut there does.

use serde::Serialize;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use ts_rs::TS;

/// The event carrying a [`MenuCommand`].
pub const MENU_EVENT: &str = "koda://menu";
/// Recent canvases listed in File → Open Recent.
const RECENT: usize = 8;
const RECENT_PREFIX: &str = "recent:";

/// A menu item the person chose.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MenuCommand {
    pub action: String,
    /// The canvas of an Open Recent item.
    pub canvas_id: Option<String>,
}

/// Items that send an action: (action, label, shortcut).
const FILE: &[(&str, &str, Option<&str>)] = &[
    ("new-canvas", "New Canvas", Some("CmdOrCtrl+N")),
    ("import", "Import…", Some("CmdOrCtrl+O")),
    ("export", "Export…", Some("CmdOrCtrl+E")),
];
const VIEW: &[(&str, &str, Option<&str>)] = &[
    ("search", "Search…", Some("CmdOrCtrl+K")),
    (
        "version-history",
        "Version History",
        Some("CmdOrCtrl+Shift+H"),
    ),
    ("zoom-in", "Zoom In", Some("CmdOrCtrl+=")),
    ("zoom-out", "Zoom Out", Some("CmdOrCtrl+-")),
    ("zoom-fit", "Fit to Window", None),
    ("toggle-theme", "Toggle Dark and Light", None),
];
const HELP: &[(&str, &str, Option<&str>)] = &[
    ("shortcuts", "Keyboard Shortcuts", Some("CmdOrCtrl+/")),
    ("open-logs", "Open Logs Folder", None),
    ("check-updates", "Check for Updates…", None),
];

/// What a menu item's id asks for.
pub fn command_for(id: &str) -> Option<MenuCommand> {
    if let Some(canvas) = id.strip_prefix(RECENT_PREFIX) {
        return Some(MenuCommand {
            action: "open-canvas".into(),
            canvas_id: Some(canvas.to_owned()),
        });
    }
    let known = FILE
        .iter()
        .chain(VIEW)
        .chain(HELP)
        .map(|(action, ..)| *action)
        .chain(["settings"])
        .any(|action| action == id);
    known.then(|| MenuCommand {
        action: id.to_owned(),
        canvas_id: None,
    })
}

/// `menu` with one item per action, each showing its shortcut.
fn with_items<'m, R: Runtime>(
    app: &'m AppHandle<R>,
    mut menu: SubmenuBuilder<'m, R, AppHandle<R>>,
    list: &[(&str, &str, Option<&str>)],
) -> tauri::Result<SubmenuBuilder<'m, R, AppHandle<R>>> {
    for (action, label, shortcut) in list {
        let mut item = MenuItemBuilder::with_id(*action, *label);
        if let Some(shortcut) = shortcut {
            item = item.accelerator(*shortcut);
        }
        menu = menu.item(&item.build(app)?);
    }
    Ok(menu)
}

/// The menu bar, with `recent` (id, name) under File → Open Recent.
pub fn build<R: Runtime>(
    app: &AppHandle<R>,
    recent: &[(String, String)],
) -> tauri::Result<Menu<R>> {
    let mut open_recent = SubmenuBuilder::new(app, "Open Recent").enabled(!recent.is_empty());
    for (id, name) in recent {
        open_recent = open_recent.text(format!("{RECENT_PREFIX}{id}"), name);
    }
    let file = with_items(app, SubmenuBuilder::new(app, "File"), FILE)?
        .item(&open_recent.build()?)
        .separator()
        .item(
            &MenuItemBuilder::with_id("settings", "Settings…")
                .accelerator("CmdOrCtrl+,")
                .build(app)?,
        )
        .separator()
        .close_window()
        .quit()
        .build()?;
    // macOS needs the Edit menu for ⌘C/⌘V to reach the page at all. Elsewhere the page handles
    // those keys itself (the canvas copies nodes), and menu accelerators would take them first.
    #[cfg(target_os = "macos")]
    let edit = Some(
        SubmenuBuilder::new(app, "Edit")
            .undo()
            .redo()
            .separator()
            .cut()
            .copy()
            .paste()
            .select_all()
            .build()?,
    );
    #[cfg(not(target_os = "macos"))]
    let edit: Option<tauri::menu::Submenu<R>> = None;
    let view = with_items(app, SubmenuBuilder::new(app, "View"), VIEW)?.build()?;
    let window = SubmenuBuilder::new(app, "Window")
        .minimize()
        .maximize()
        .fullscreen()
        .build()?;
    let help = with_items(app, SubmenuBuilder::new(app, "Help"), HELP)?.build()?;
    let mut bar = MenuBuilder::new(app).item(&file);
    if let Some(edit) = &edit {
        bar = bar.item(edit);
    }
    bar.items(&[&view, &window, &help]).build()
}

/// The most recently edited canvases of the open store.
fn recent_canvases<R: Runtime>(app: &AppHandle<R>) -> Vec<(String, String)> {
    let state = app.state::<crate::state::AppState>();
    let Ok(store) = state.store_handle() else {
        return Vec::new();
    };
    let mut canvases = store.list_canvases().unwrap_or_default();
    canvases.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
    canvases
        .into_iter()
        .take(RECENT)
        .map(|c| (c.id, c.name))
        .collect()
}

/// Sets (or rebuilds, after canvases changed) the menu bar. Most changes are saves of a canvas
/// already at the top of the list: the native menu is rebuilt only when the list differs.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    static SHOWN: std::sync::Mutex<Option<Vec<(String, String)>>> = std::sync::Mutex::new(None);
    let recent = recent_canvases(app);
    let mut shown = SHOWN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if shown.as_ref() == Some(&recent) {
        return;
    }
    match build(app, &recent) {
        Ok(menu) => match app.set_menu(menu) {
            Ok(_) => *shown = Some(recent),
            Err(error) => tracing::warn!(%error, "could not set the menu"),
        },
        Err(error) => tracing::warn!(%error, "could not build the menu"),
    }
}

/// Forwards a chosen item to the window.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    if let Some(command) = command_for(event.id().as_ref()) {
        let _ = app.emit(MENU_EVENT, command);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_ids_map_to_commands() {
        assert_eq!(
            command_for("recent:c-42"),
            Some(MenuCommand {
                action: "open-canvas".into(),
                canvas_id: Some("c-42".into())
            })
        );
        assert_eq!(command_for("search").unwrap().action, "search");
        assert_eq!(command_for("settings").unwrap().action, "settings");
        assert_eq!(command_for("unknown"), None);
    }
}
