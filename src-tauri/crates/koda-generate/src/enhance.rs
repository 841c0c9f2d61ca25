//! Enhance prompt: a richer version of a node's words from an LLM on fal (the same key, the same
//! queue protocol). The suggestion is only returned; the person accepts or discards it.

use crate::fal::{FalClient, QueueStatus};
use koda_core::{StoreError, StoreResult};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// fal's LLM endpoint and the model asked.
pub const ENHANCE_ENDPOINT: &str = "fal-ai/any-llm";
const ENHANCE_MODEL: &str = "google/gemini-flash-1.5";

fn instructions(kind: &str) -> String {
    let target = match kind {
        "video" => "a video model: describe the shot, the camera move, the motion and the mood",
        "music" => "a music model: describe genre, instruments, tempo and mood",
        "speech" => "a text-to-speech voice: keep the meaning, make it read naturally aloud",
        "text" => "an image or video model",
        _ => "an image model: describe subject, composition, light, lens and style",
    };
    format!(
        "Rewrite the user's prompt for {target}. Keep their intent and every specific detail; \
         add concrete visual or sonic detail; one paragraph, under 80 words; answer with the \
         prompt only, no preamble or quotes."
    )
}

/// Asks fal's LLM for a better prompt and waits for it (typically a few seconds).
pub fn enhance(
    client: &FalClient,
    text: &str,
    kind: &str,
    poll_every: Duration,
) -> StoreResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StoreError::invalid(
            "text",
            "there are no words to enhance yet",
        ));
    }
    let input =
        json!({"model": ENHANCE_MODEL, "system_prompt": instructions(kind), "prompt": text});
    let submitted = client.submit(ENHANCE_ENDPOINT, &input)?;
    let started = Instant::now();
    while client.status(&submitted.status_url)? != QueueStatus::Completed {
        if started.elapsed() > Duration::from_secs(90) {
            return Err(StoreError::Timeout(
                "the prompt suggestion did not arrive in time".into(),
            ));
        }
        std::thread::sleep(poll_every);
    }
    let result = client.result(&submitted.response_url)?;
    let suggestion = result
        .get("output")
        .and_then(Value::as_str)
        .map(|s| s.trim().trim_matches('"').trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            StoreError::Remote("the language model answered without a suggestion".into())
        })?;
    Ok(suggestion)
}
