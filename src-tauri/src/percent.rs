//! Percent-decoding for the few texts the page sends encoded: `koda://` paths (as
//! `convertFileSrc` makes them) and file names in IPC headers.

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are not UTF-8.
pub fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn decodes_escapes_and_refuses_broken_ones() {
        assert_eq!(
            super::decode("red%20dot.png").as_deref(),
            Some("red dot.png")
        );
        assert_eq!(super::decode("a%2Fb").as_deref(), Some("a/b"));
        assert_eq!(super::decode("bad%2"), None);
        assert_eq!(super::decode("bad%zz"), None);
        assert_eq!(super::decode("%ff"), None);
    }
}
