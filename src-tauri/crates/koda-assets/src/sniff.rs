//! Recognises media by its bytes, never by its file name: a zip renamed `.png` is a zip.

use koda_core::AssetKind;

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaType {
    pub kind: AssetKind,
    pub mime: &'static str,
}

const fn media(kind: AssetKind, mime: &'static str) -> Option<MediaType> {
    Some(MediaType { kind, mime })
}

/// Identifies images, videos and audio Koda accepts from their leading bytes.
pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    if starts(b"\x89PNG\r\n\x1a\n") {
        return media(AssetKind::Image, "image/png");
    }
    if starts(b"\xFF\xD8\xFF") {
        return media(AssetKind::Image, "image/jpeg");
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return media(AssetKind::Image, "image/gif");
    }
    if starts(b"RIFF") && at(8, b"WEBP") {
        return media(AssetKind::Image, "image/webp");
    }
    if starts(b"RIFF") && at(8, b"WAVE") {
        return media(AssetKind::Audio, "audio/wav");
    }
    if at(4, b"ftyp") {
        // ISO base media: the brand tells video from audio and still images.
        let brand = bytes.get(8..12).unwrap_or_default();
        return match brand {
            b"M4A " | b"M4B " => media(AssetKind::Audio, "audio/mp4"),
            b"qt  " => media(AssetKind::Video, "video/quicktime"),
            b"avif" | b"avis" | b"heic" | b"heix" | b"mif1" => None,
            _ => media(AssetKind::Video, "video/mp4"),
        };
    }
    if starts(b"\x1A\x45\xDF\xA3") {
        return media(AssetKind::Video, "video/webm");
    }
    if starts(b"OggS") {
        return media(AssetKind::Audio, "audio/ogg");
    }
    if starts(b"ID3") || (bytes.len() > 1 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) {
        return media(AssetKind::Audio, "audio/mpeg");
    }
    if starts(b"fLaC") {
        return media(AssetKind::Audio, "audio/flac");
    }
    None
}

/// File extension for a MIME type Koda stores.
pub fn extension_for(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "video/quicktime" => "mov",
        "video/webm" => "webm",
        "audio/wav" => "wav",
        "audio/mp4" => "m4a",
        "audio/ogg" => "ogg",
        "audio/mpeg" => "mp3",
        "audio/flac" => "flac",
        _ => "bin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_common_media() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest").unwrap().mime, "image/png");
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0").unwrap().mime, "image/jpeg");
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 ").unwrap().mime, "image/webp");
        assert_eq!(sniff(b"\0\0\0\x18ftypisom").unwrap().kind, AssetKind::Video);
        assert_eq!(sniff(b"\x1A\x45\xDF\xA3").unwrap().mime, "video/webm");
        assert_eq!(sniff(b"ID3\x04").unwrap().kind, AssetKind::Audio);
    }

    #[test]
    fn refuses_everything_else() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"PK\x03\x04 a zip renamed .png"), None);
        assert_eq!(sniff(b"<svg xmlns=..."), None);
        assert_eq!(sniff(b"%PDF-1.7"), None);
    }
}
