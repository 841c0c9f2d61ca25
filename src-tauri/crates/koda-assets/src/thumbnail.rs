//! Thumbnails with the `image` crate, decoded under limits: a file whose header claims a huge
//! size (a decompression bomb) is refused before any pixel buffer is allocated.

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use koda_core::{StoreError, StoreResult};
use std::io::Cursor;

/// Largest width or height accepted, in pixels (a 16K image is ~1 GiB as RGBA).
pub const MAX_DIMENSION: u32 = 16_384;
/// Most memory one decode may allocate.
pub const MAX_DECODE_BYTES: u64 = 768 * 1024 * 1024;

/// The two sizes the UI asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThumbnailSize {
    /// Cards and nodes: 256 px on the long edge.
    Small,
    /// Previews: 1024 px on the long edge.
    Large,
}

impl ThumbnailSize {
    pub fn pixels(self) -> u32 {
        match self {
            ThumbnailSize::Small => 256,
            ThumbnailSize::Large => 1024,
        }
    }

    /// Reads the name used in URLs and file names.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "small" => Some(ThumbnailSize::Small),
            "large" => Some(ThumbnailSize::Large),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ThumbnailSize::Small => "small",
            ThumbnailSize::Large => "large",
        }
    }
}

/// An encoded thumbnail.
#[derive(Debug, Clone)]
pub struct Thumbnail {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

fn damaged(error: impl std::fmt::Display) -> StoreError {
    StoreError::invalid(
        "file",
        format!("the image is damaged or truncated: {error}"),
    )
}

/// JPEG decoders paint a cut-off file grey instead of failing; a complete JPEG ends with the EOI
/// marker (`FF D9`), possibly followed by a little padding.
fn check_jpeg_complete(bytes: &[u8]) -> StoreResult<()> {
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        let tail = &bytes[bytes.len().saturating_sub(64)..];
        if !tail.windows(2).any(|pair| pair == b"\xFF\xD9") {
            return Err(damaged("the JPEG ends before its end marker"));
        }
    }
    Ok(())
}

/// Reads an image's size from its header only, refusing sizes past the limits.
pub fn image_dimensions(bytes: &[u8]) -> StoreResult<(u32, u32)> {
    check_jpeg_complete(bytes)?;
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(damaged)?;
    let decoder = reader.into_decoder().map_err(damaged)?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    Ok((width, height))
}

fn check_dimensions(width: u32, height: u32) -> StoreResult<()> {
    if width == 0 || height == 0 {
        return Err(damaged("it has no pixels"));
    }
    if width > MAX_DIMENSION || height > MAX_DIMENSION {
        return Err(StoreError::TooLarge {
            what: format!(
                "an image of {width}×{height} pixels (limit {MAX_DIMENSION}×{MAX_DIMENSION})"
            ),
            size: u64::from(width) * u64::from(height),
            limit: u64::from(MAX_DIMENSION) * u64::from(MAX_DIMENSION),
        });
    }
    Ok(())
}

/// Decodes an image under the limits.
pub fn decode(bytes: &[u8]) -> StoreResult<DynamicImage> {
    image_dimensions(bytes)?;
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(damaged)?;
    reader.limits(limits());
    reader.decode().map_err(|error| match error {
        image::ImageError::Limits(limit) => StoreError::TooLarge {
            what: format!("decoding this image ({limit})"),
            size: 0,
            limit: MAX_DECODE_BYTES,
        },
        other => damaged(other),
    })
}

/// What decoding a JPEG at full size costs in memory: its output planes, and for a progressive
/// file the coefficients of every block (two bytes per pixel and component), which the decoder
/// allocates at full size whatever scale is asked for.
fn jpeg_decode_bytes(info: &jpeg_decoder::ImageInfo, components: u64) -> u64 {
    let pixels = u64::from(info.width) * u64::from(info.height);
    let coefficients = match info.coding_process {
        jpeg_decoder::CodingProcess::DctProgressive => 2,
        _ => 0,
    };
    pixels * components * (1 + coefficients)
}

/// Decodes a JPEG at the smallest DCT scale (1/8 … 1/1) that still covers `edge` pixels on the
/// long side. `Ok(None)` when the scaled path does not apply (not a JPEG, CMYK, a decoder error):
/// the caller then decodes normally. A file whose header asks for more memory than one decode
/// may use is refused before the decoder allocates anything.
fn decode_jpeg_scaled(bytes: &[u8], edge: u32) -> StoreResult<Option<DynamicImage>> {
    if !bytes.starts_with(b"\xFF\xD8\xFF") {
        return Ok(None);
    }
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    if decoder.read_info().is_err() {
        return Ok(None);
    }
    let Some(info) = decoder.info() else {
        return Ok(None);
    };
    let components = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => 1,
        jpeg_decoder::PixelFormat::L16 => 2,
        jpeg_decoder::PixelFormat::RGB24 => 3,
        jpeg_decoder::PixelFormat::CMYK32 => 4,
    };
    let needed = jpeg_decode_bytes(&info, components);
    if needed > MAX_DECODE_BYTES {
        return Err(StoreError::TooLarge {
            what: format!("decoding this {}×{} JPEG", info.width, info.height),
            size: needed,
            limit: MAX_DECODE_BYTES,
        });
    }
    decoder.set_max_decoding_buffer_size(MAX_DECODE_BYTES as usize);
    Ok(decode_jpeg_at_scale(decoder, info, edge))
}

fn decode_jpeg_at_scale(
    mut decoder: jpeg_decoder::Decoder<Cursor<&[u8]>>,
    info: jpeg_decoder::ImageInfo,
    edge: u32,
) -> Option<DynamicImage> {
    let long = info.width.max(info.height);
    if u32::from(long) < edge * 2 {
        return None;
    }
    // Asking for the target size makes the decoder pick the smallest scale at least that big.
    let ratio = f64::from(edge) / f64::from(long);
    let want = |side: u16| ((f64::from(side) * ratio).ceil() as u16).max(1);
    let (width, height) = decoder.scale(want(info.width), want(info.height)).ok()?;
    let pixels = decoder.decode().ok()?;
    let (width, height) = (u32::from(width), u32::from(height));
    match decoder.info()?.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => {
            image::RgbImage::from_raw(width, height, pixels).map(DynamicImage::ImageRgb8)
        }
        jpeg_decoder::PixelFormat::L8 => {
            image::GrayImage::from_raw(width, height, pixels).map(DynamicImage::ImageLuma8)
        }
        _ => None,
    }
}

/// Makes a thumbnail no larger than `size` on its long edge (never upscaled). Opaque images are
/// encoded as JPEG (small files), images with transparency as PNG.
pub fn render(bytes: &[u8], size: ThumbnailSize) -> StoreResult<Thumbnail> {
    image_dimensions(bytes)?;
    let image = match decode_jpeg_scaled(bytes, size.pixels())? {
        Some(image) => image,
        None => decode(bytes)?,
    };
    let edge = size.pixels();
    let image = if image.width() > edge || image.height() > edge {
        image.thumbnail(edge, edge)
    } else {
        image
    };
    let (width, height) = (image.width(), image.height());
    let mut out = Cursor::new(Vec::new());
    let mime = if image.color().has_alpha() {
        image
            .write_to(&mut out, image::ImageFormat::Png)
            .map_err(damaged)?;
        "image/png"
    } else {
        let rgb = DynamicImage::ImageRgb8(image.to_rgb8());
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82);
        rgb.write_with_encoder(encoder).map_err(damaged)?;
        "image/jpeg"
    };
    Ok(Thumbnail {
        bytes: out.into_inner(),
        mime,
        width,
        height,
    })
}

/// What Koda shows for a video until poster frames exist: a neutral frame with a play mark.
/// (Extracting a real frame needs a video decoder; none light enough is in the dependencies.)
pub const VIDEO_PLACEHOLDER_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180"><rect width="320" height="180" rx="12" fill="#1b1c2a"/><circle cx="160" cy="90" r="30" fill="#2a2c40"/><path d="M150 74v32l26-16z" fill="#c4b5fd"/></svg>"##;

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_fn(width, height, |x, y| {
            image::Rgba([x as u8, y as u8, 128, 255])
        });
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn shrinks_to_the_long_edge() {
        let thumb = render(&png(1000, 500), ThumbnailSize::Small).unwrap();
        assert_eq!((thumb.width, thumb.height), (256, 128));
        assert_eq!(thumb.mime, "image/png");
        let decoded = image::load_from_memory(&thumb.bytes).unwrap();
        assert_eq!(decoded.width(), 256);
    }

    #[test]
    fn never_upscales() {
        let thumb = render(&png(40, 30), ThumbnailSize::Large).unwrap();
        assert_eq!((thumb.width, thumb.height), (40, 30));
    }

    #[test]
    fn large_jpegs_are_decoded_at_a_smaller_scale_with_the_same_result_size() {
        let image = image::RgbImage::from_fn(2400, 1600, |x, y| {
            image::Rgb([(x / 10) as u8, (y / 10) as u8, 40])
        });
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        let bytes = out.into_inner();
        let scaled = decode_jpeg_scaled(&bytes, 256)
            .unwrap()
            .expect("the scaled path applies");
        assert!(
            scaled.width() >= 256 && scaled.width() <= 600,
            "{}",
            scaled.width()
        );
        let thumb = render(&bytes, ThumbnailSize::Small).unwrap();
        assert_eq!((thumb.width, thumb.height), (256, 171));
        // Colours survive the scaled decode (top-left is dark, bottom-right bright).
        let decoded = image::load_from_memory(&thumb.bytes).unwrap().to_rgb8();
        assert!(decoded.get_pixel(2, 2)[0] < 40 && decoded.get_pixel(250, 165)[0] > 180);
    }

    #[test]
    fn refuses_a_truncated_jpeg() {
        let image = image::RgbImage::from_fn(1200, 900, |x, y| {
            image::Rgb([(x ^ y) as u8, (x / 5) as u8, (y / 5) as u8])
        });
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        let mut bytes = out.into_inner();
        bytes.truncate(bytes.len() / 3);
        assert_eq!(
            render(&bytes, ThumbnailSize::Small).unwrap_err().code(),
            "invalid_input"
        );
    }

    #[test]
    fn refuses_a_truncated_image() {
        let mut bytes = png(300, 300);
        bytes.truncate(bytes.len() / 2);
        assert_eq!(
            render(&bytes, ThumbnailSize::Small).unwrap_err().code(),
            "invalid_input"
        );
    }
}
