//! The pass that takes inline media out of node data: a base64 `data:` URL of an image, video or
//! audio file becomes an asset file, and the string becomes a reference to it. Pure: it decodes
//! and rewrites, and leaves the storing to the commit step.

use super::asset_commit::{AssetBytes, PendingAsset};
use crate::asset_refs::asset_url;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use koda_assets::blobs::sha256_hex;
use koda_assets::sniff::sniff;
use koda_assets::MAX_ASSET_BYTES;
use koda_core::{JsonText, StoreError, StoreResult, StoredCanvas};
use serde_json::Value;

/// What the pass did to one canvas.
#[derive(Debug, Default)]
pub(crate) struct Extraction {
    pub pending: Vec<PendingAsset>,
    /// `data:` URLs left inline: not base64, or not media the asset store keeps.
    pub kept_inline: usize,
}

/// Base64 as browsers write it in `data:` URLs; padding is optional in the wild.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Replaces every inline media `data:` URL in the canvas's node data, however deeply nested, and
/// in its thumbnail (the web app keeps a JPEG preview there) by an asset reference. A damaged one
/// (bad base64) is an error naming its JSON path.
pub(crate) fn extract_data_urls(canvas: &mut StoredCanvas) -> StoreResult<Extraction> {
    let mut extraction = Extraction::default();
    if let Some(thumbnail) = canvas.thumbnail.take() {
        let mut value = Value::String(thumbnail);
        let mut found = Vec::new();
        rewrite(
            &mut value,
            "thumbnail",
            None,
            &mut found,
            &mut extraction.kept_inline,
        )?;
        canvas.thumbnail = value.as_str().map(str::to_owned);
        for (sha256, bytes, _) in found {
            extraction.pending.push(PendingAsset {
                sha256,
                filename: None,
                canvas_id: canvas.id.clone(),
                node_id: None,
                bytes: AssetBytes::Memory(bytes),
            });
        }
    }
    for (index, node) in canvas.nodes.iter_mut().enumerate() {
        // Most nodes carry no data: URL; leave their JSON text byte for byte as it is.
        if !node.data.as_str().contains("data:") {
            continue;
        }
        let mut value = node.data.to_value();
        let mut found = Vec::new();
        let mut kept = 0;
        rewrite(
            &mut value,
            &format!("nodes[{index}].data"),
            None,
            &mut found,
            &mut kept,
        )?;
        extraction.kept_inline += kept;
        if found.is_empty() {
            continue;
        }
        node.data = JsonText::from_value(&value);
        for (sha256, bytes, filename) in found {
            extraction.pending.push(PendingAsset {
                sha256,
                filename,
                canvas_id: canvas.id.clone(),
                node_id: Some(node.id.clone()),
                bytes: AssetBytes::Memory(bytes),
            });
        }
    }
    Ok(extraction)
}

type Found = Vec<(String, Vec<u8>, Option<String>)>;

fn rewrite(
    value: &mut Value,
    path: &str,
    sibling_name: Option<&str>,
    found: &mut Found,
    kept: &mut usize,
) -> StoreResult<()> {
    match value {
        Value::String(text) => {
            if !text
                .get(..5)
                .is_some_and(|head| head.eq_ignore_ascii_case("data:"))
            {
                return Ok(());
            }
            match decode_media(text).map_err(|error| match error {
                StoreError::Invalid { message, .. } => StoreError::invalid(path, message),
                other => other,
            })? {
                Some(bytes) => {
                    let sha256 = sha256_hex(&bytes);
                    *text = asset_url(&sha256);
                    found.push((sha256, bytes, sibling_name.and_then(plain_file_name)));
                }
                None => *kept += 1,
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                rewrite(item, &format!("{path}[{index}]"), None, found, kept)?;
            }
        }
        Value::Object(fields) => {
            // A media node keeps its original file name beside the data (`filename`).
            let name = ["filename", "fileName", "name"]
                .iter()
                .find_map(|key| fields.get(*key).and_then(Value::as_str))
                .map(str::to_owned);
            for (key, item) in fields.iter_mut() {
                rewrite(item, &format!("{path}.{key}"), name.as_deref(), found, kept)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The bytes of a base64 media `data:` URL; `None` for one to leave inline.
fn decode_media(url: &str) -> StoreResult<Option<Vec<u8>>> {
    let Some((header, payload)) = url[5..].split_once(',') else {
        return Err(StoreError::invalid(
            "",
            "this data: URL has no ',' before its content",
        ));
    };
    let mut parts = header.split(';');
    let mime = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let base64 = parts.any(|part| part.trim().eq_ignore_ascii_case("base64"));
    let is_media = ["image/", "video/", "audio/"]
        .iter()
        .any(|kind| mime.starts_with(kind));
    if !is_media || !base64 {
        return Ok(None);
    }
    // Reject before decoding: base64 is 4 characters per 3 bytes.
    let decoded_size = payload.len() as u64 / 4 * 3;
    if decoded_size > MAX_ASSET_BYTES {
        return Err(StoreError::TooLarge {
            what: format!("an inline {mime}"),
            size: decoded_size,
            limit: MAX_ASSET_BYTES,
        });
    }
    let compact: String = payload
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let bytes = BASE64.decode(compact.as_bytes()).map_err(|error| {
        StoreError::invalid(
            "",
            format!("the base64 content of this {mime} data: URL is damaged: {error}"),
        )
    })?;
    if bytes.is_empty() {
        return Err(StoreError::invalid(
            "",
            format!("this {mime} data: URL is empty"),
        ));
    }
    // Only what the asset store will take becomes a file (an SVG, say, stays inline).
    Ok(sniff(&bytes).map(|_| bytes))
}

/// A name usable as an asset's file name: the last part of a path, with no control characters.
pub(crate) fn plain_file_name(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let usable =
        !last.is_empty() && last != "." && last != ".." && !last.chars().any(char::is_control);
    usable.then(|| last.chars().take(255).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use koda_core::CanvasNode;

    const PNG_1X1: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    fn canvas_with(data: serde_json::Value) -> StoredCanvas {
        let mut canvas = StoredCanvas::new("c", 1);
        let mut node = CanvasNode::new("n1", "media", 0.0, 0.0);
        node.data = JsonText::from_value(&data);
        canvas.nodes.push(node);
        canvas
    }

    #[test]
    fn replaces_nested_media_and_keeps_the_rest() {
        let png = format!("data:image/png;base64,{PNG_1X1}");
        let mut canvas = canvas_with(serde_json::json!({
            "src": png, "filename": "dot.png",
            "variants": [{"src": png}],
            "icon": "data:image/svg+xml;utf8,<svg/>",
        }));
        let extraction = extract_data_urls(&mut canvas).unwrap();
        assert_eq!(extraction.pending.len(), 2);
        assert_eq!(extraction.kept_inline, 1);
        assert_eq!(extraction.pending[0].filename.as_deref(), Some("dot.png"));
        let data = canvas.nodes[0].data.to_value();
        let sha = &extraction.pending[0].sha256;
        assert_eq!(data["src"], asset_url(sha));
        assert_eq!(data["variants"][0]["src"], asset_url(sha));
        assert_eq!(data["icon"], "data:image/svg+xml;utf8,<svg/>");
    }

    #[test]
    fn damaged_base64_names_its_path() {
        let mut canvas =
            canvas_with(serde_json::json!({"deep": {"src": "data:image/png;base64,iVBOR!!!"}}));
        match extract_data_urls(&mut canvas) {
            Err(StoreError::Invalid { path, message }) => {
                assert_eq!(path, "nodes[0].data.deep.src");
                assert!(message.contains("base64"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn file_names_lose_their_folders() {
        assert_eq!(
            plain_file_name("C:\\photos\\fox.png").as_deref(),
            Some("fox.png")
        );
        assert_eq!(plain_file_name("../"), None);
        assert_eq!(plain_file_name(".."), None);
    }
}
