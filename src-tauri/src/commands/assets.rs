//! Asset commands. File bytes travel as the raw IPC body (no base64), with the file name and
//! owner in headers.

use crate::state::AppState;
use koda_core::{AssetRecord, ErrorPayload, StoreError};
use koda_fetch::{mirror_remote, FetchLimits, MirroredMedia};
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

/// Largest raw bodies, by what they carry; checked before the bytes are copied or parsed.
pub(crate) const MAX_THUMBNAIL_BODY: u64 = 16 * 1024 * 1024;
pub(crate) const MAX_IMPORT_BODY: u64 = 1024 * 1024 * 1024;
pub(crate) const MAX_EXPORT_BODY: u64 = 256 * 1024 * 1024;

/// The raw IPC body, refused as `too_large` over `limit` bytes before it is copied.
pub(crate) fn raw_body(
    request: &Request<'_>,
    what: &str,
    limit: u64,
) -> Result<Vec<u8>, ErrorPayload> {
    match request.body() {
        InvokeBody::Raw(bytes) if bytes.len() as u64 > limit => Err(StoreError::TooLarge {
            what: what.to_owned(),
            size: bytes.len() as u64,
            limit,
        }
        .to_payload()),
        InvokeBody::Raw(bytes) => Ok(bytes.clone()),
        InvokeBody::Json(_) => {
            Err(StoreError::invalid("body", "expected the file's bytes").to_payload())
        }
    }
}

pub(crate) fn header(request: &Request<'_>, name: &str) -> Option<String> {
    let value = request.headers().get(name)?.to_str().ok()?;
    // Names are sent percent-encoded so any Unicode file name survives the header.
    crate::percent::decode(value).filter(|v| !v.is_empty())
}

/// Adds a dropped or pasted file. Headers: `x-koda-filename`, `x-koda-canvas`, `x-koda-node`.
#[tauri::command]
pub async fn add_asset(state: State<'_, AppState>, request: Request<'_>) -> Reply<AssetRecord> {
    let bytes = raw_body(&request, "the file", koda_assets::MAX_ASSET_BYTES)?;
    let filename = header(&request, "x-koda-filename");
    let canvas = header(&request, "x-koda-canvas");
    let node = header(&request, "x-koda-node");
    state
        .run_assets(move |assets| {
            assets.add_bytes(
                &bytes,
                filename.as_deref(),
                canvas.as_deref(),
                node.as_deref(),
            )
        })
        .await
}

/// The local copy of a remote output (fal CDN, R2): kept on first look, then served through
/// `koda://` for good, offline too. The WebView never fetches the address itself.
#[tauri::command]
pub async fn mirror_remote_media(
    state: State<'_, AppState>,
    url: String,
    canvas_id: Option<String>,
    node_id: Option<String>,
) -> Reply<MirroredMedia> {
    let store = state.store_handle()?;
    state
        .run_assets(move |assets| {
            let limits = FetchLimits::default();
            mirror_remote(
                &*store,
                assets,
                &url,
                canvas_id.as_deref(),
                node_id.as_deref(),
                &limits,
            )
        })
        .await
}

/// Stores a PNG of the canvas (rendered by the editor) as its dashboard thumbnail, replacing
/// the previous one. Header: `x-koda-canvas`.
#[tauri::command]
pub async fn set_canvas_thumbnail(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Reply<String> {
    let bytes = raw_body(&request, "the thumbnail", MAX_THUMBNAIL_BODY)?;
    let canvas = header(&request, "x-koda-canvas")
        .ok_or_else(|| StoreError::invalid("x-koda-canvas", "missing").to_payload())?;
    let store = state.store_handle()?;
    state
        .run_assets(move |assets| {
            let previous = store
                .get_canvas(&canvas)?
                .ok_or_else(|| StoreError::canvas_not_found(&canvas))?
                .thumbnail;
            let record = assets.add_bytes(&bytes, Some("thumbnail.png"), Some(&canvas), None)?;
            let sha = record.local_blob_key.clone().unwrap_or_default();
            let reference = format!("{}{sha}", koda_assets::ASSET_REF_PREFIX);
            store.set_thumbnail(&canvas, Some(&reference))?;
            // Drop the old thumbnail's row and, if nothing else uses it, its file.
            if let Some(old_sha) = previous
                .as_deref()
                .and_then(koda_assets::parse_asset_ref)
                .filter(|old| *old != sha)
            {
                for row in store.list_assets(Some(&canvas))? {
                    if row.local_blob_key.as_deref() == Some(old_sha) && row.node_id.is_none() {
                        store.delete_asset(&row.id)?;
                    }
                }
                assets.remove_unreferenced(&[old_sha.to_owned()])?;
            }
            Ok(reference)
        })
        .await
}

/// Asset rows of one canvas.
#[tauri::command]
pub async fn list_assets(
    state: State<'_, AppState>,
    canvas_id: Option<String>,
) -> Reply<Vec<AssetRecord>> {
    state
        .run(move |store| store.list_assets(canvas_id.as_deref()))
        .await
}
