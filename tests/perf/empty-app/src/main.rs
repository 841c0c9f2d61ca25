//! An empty Tauri 2 app: the baseline for Koda's figures.
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("running the empty app");
}
