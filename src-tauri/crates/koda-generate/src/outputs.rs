//! A finished run's outputs: every media address in the model's answer, downloaded (size limit,
//! type from the bytes), stored content-addressed with its provenance in `assets.metadata`.

use koda_assets::AssetStore;
use koda_core::{AssetRecord, GenerationRecord, JsonText, Store, StoreError, StoreResult};
use koda_fetch::{fetch_media, FetchLimits};
use serde_json::{json, Value};

/// Media addresses in a model's answer, in order (`images[].url`, `video.url`, `audio_file.url`…).
pub fn output_urls(result: &Value) -> Vec<String> {
    fn walk(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::Object(fields) => {
                if let Some(Value::String(url)) = fields.get("url") {
                    if (url.starts_with("https://") || url.starts_with("http://"))
                        && !found.contains(url)
                    {
                        found.push(url.clone());
                    }
                }
                for (key, child) in fields {
                    if key != "url" {
                        walk(child, found);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(result, &mut found);
    found
}

/// Downloads and stores every output of `generation`; all or nothing (files already stored stay
/// on disk until clean-up, their rows are removed).
pub fn store_outputs(
    store: &dyn Store,
    assets: &AssetStore,
    generation: &GenerationRecord,
    urls: &[String],
    result: &Value,
    input_assets: &[String],
    limits: &FetchLimits,
) -> StoreResult<Vec<AssetRecord>> {
    if urls.is_empty() {
        return Err(StoreError::Remote(
            "the model finished without any output file".into(),
        ));
    }
    let mut stored = Vec::new();
    for (index, url) in urls.iter().enumerate() {
        let outcome = fetch_media(url, limits).and_then(|media| {
            let mut record = assets.add_bytes_from(
                &media.bytes,
                None,
                generation.canvas_id.as_deref(),
                generation.node_id.as_deref(),
                Some(url),
            )?;
            let mut metadata = record
                .metadata
                .as_ref()
                .map(JsonText::to_value)
                .unwrap_or_else(|| json!({}));
            metadata["provenance"] = json!({
                "provider": "fal",
                "model": generation.model,
                "prompt": generation.prompt,
                "parameters": generation.parameters.as_ref().map(JsonText::to_value),
                "seed": result.get("seed"),
                "inputAssets": input_assets,
                "generationId": generation.id,
                "output": index,
            });
            record.metadata = Some(JsonText::from_value(&metadata));
            store.put_asset(&record)?;
            Ok(record)
        });
        match outcome {
            Ok(record) => stored.push(record),
            Err(error) => {
                for record in &stored {
                    let _ = store.delete_asset(&record.id);
                }
                return Err(error);
            }
        }
    }
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_output_address_once_in_order() {
        let result = json!({
            "images": [{"url": "https://cdn/a.png", "width": 1}, {"url": "https://cdn/b.png"}],
            "video": {"url": "https://cdn/v.mp4"},
            "seed": 7,
            "prompt": "not a url",
            "again": {"url": "https://cdn/a.png"},
            "local": {"url": "file:///etc/passwd"}
        });
        assert_eq!(
            output_urls(&result),
            [
                "https://cdn/a.png",
                "https://cdn/b.png",
                "https://cdn/v.mp4"
            ]
        );
    }
}
