//! What search sees of a canvas and how a query is read, the same for every backend: the words
//! of every string in a node's data (prompts, text, sticky notes, storyboard concepts, plugin
//! names…), folded to lower case without accents; a query is words, each matched as a prefix,
//! all required. Nothing typed is syntax, so no query can fail.

use crate::model::{CanvasNode, SNIPPET_CLOSE, SNIPPET_OPEN};
use serde_json::Value;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Text kept per node at most; the rest of a very long text is not searchable.
pub const MAX_INDEXED_CHARS: usize = 20_000;

/// Words on each side of the first match in a snippet.
const SNIPPET_WORDS: usize = 8;

/// The searchable text of a node: every string in its data that reads as words (not links,
/// data URIs, ids or colours), one per line.
pub fn node_text(node: &CanvasNode) -> String {
    let data = node.data.to_value();
    let mut out = String::new();
    collect_strings(&data, &mut out);
    if out.chars().count() > MAX_INDEXED_CHARS {
        out = out.chars().take(MAX_INDEXED_CHARS).collect();
    }
    out
}

fn collect_strings(value: &Value, out: &mut String) {
    match value {
        Value::String(text) if reads_as_words(text) => {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(text.trim());
        }
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

fn reads_as_words(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.starts_with('#') && text.len() <= 9 {
        return false;
    }
    let lower = text.get(..12).unwrap_or(text).to_ascii_lowercase();
    ![
        "http://",
        "https://",
        "data:",
        "blob:",
        "koda-asset:",
        "koda://",
        "asset:",
    ]
    .iter()
    .any(|scheme| lower.starts_with(scheme))
}

/// Lower case without accents: "Café" → "cafe".
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a query, folded; FTS syntax (`"`, `*`, `NEAR`, `-`, `:`) is just text.
pub fn query_terms(query: &str) -> Vec<String> {
    fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(16)
        .map(str::to_owned)
        .collect()
}

/// Whether every term starts some word of `text`.
pub fn matches_all(text: &str, terms: &[String]) -> bool {
    let words: Vec<String> = words(text).map(|(_, _, w)| w).collect();
    terms
        .iter()
        .all(|term| words.iter().any(|word| word.starts_with(term.as_str())))
}

/// Words of `text` with their byte ranges, folded.
fn words(text: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(at, c)| match (c.is_alphanumeric(), start) {
            (true, None) => {
                start = Some(at);
                None
            }
            (false, Some(from)) => {
                start = None;
                Some((from, at, fold(&text[from..at])))
            }
            _ => None,
        })
}

/// The words around the first match, each matching word wrapped in U+0002 … U+0003, with
/// `…` where text was cut.
pub fn snippet(text: &str, terms: &[String]) -> String {
    let found: Vec<(usize, usize, bool)> = words(text)
        .map(|(from, to, word)| {
            let hit = terms.iter().any(|t| word.starts_with(t.as_str()));
            (from, to, hit)
        })
        .collect();
    let first = found.iter().position(|(_, _, hit)| *hit).unwrap_or(0);
    let lo = first.saturating_sub(SNIPPET_WORDS);
    let hi = (first + SNIPPET_WORDS + 1).min(found.len());
    let Some(&(start, _, _)) = found.get(lo) else {
        return String::new();
    };
    let end = found[hi - 1].1;
    let mut out = String::new();
    if lo > 0 {
        out.push('…');
    }
    let mut at = start;
    for &(from, to, hit) in &found[lo..hi] {
        out.push_str(&flatten(&text[at..from]));
        if hit {
            out.push(SNIPPET_OPEN);
            out.push_str(&text[from..to]);
            out.push(SNIPPET_CLOSE);
        } else {
            out.push_str(&text[from..to]);
        }
        at = to;
    }
    if end < text.len() {
        out.push('…');
    }
    out
}

/// Line breaks between words become spaces in a one-line snippet.
fn flatten(gap: &str) -> String {
    gap.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::JsonText;

    #[test]
    fn node_text_keeps_words_and_drops_links() {
        let mut node = CanvasNode::new("n", "imageGenerator", 0.0, 0.0);
        node.data = JsonText::parse(
            r##"{"prompt":"A lighthouse at dusk","url":"https://cdn.example/x.png","color":"#ffcc00","shots":[{"concept":"Fog rolls in"}],"seed":4}"##,
        )
        .unwrap();
        assert_eq!(node_text(&node), "A lighthouse at dusk\nFog rolls in");
    }

    #[test]
    fn queries_are_words_never_syntax() {
        assert_eq!(
            query_terms(r#"  "Café* NEAR -fog" ( "#),
            vec!["cafe", "near", "fog"]
        );
        assert!(query_terms("\"*-").is_empty());
        assert!(matches_all("Le café du port", &query_terms("cafe po")));
        assert!(!matches_all(
            "Le café du port",
            &query_terms("cafe lighthouse")
        ));
    }

    #[test]
    fn snippet_marks_matches_around_the_first() {
        let text = "one two three four five six seven eight nine ten Lighthouse eleven twelve";
        let shown = snippet(text, &query_terms("lighthou"));
        assert_eq!(
            shown,
            "…three four five six seven eight nine ten \u{2}Lighthouse\u{3} eleven twelve"
        );
    }
}
