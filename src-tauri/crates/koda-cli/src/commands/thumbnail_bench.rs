//! `koda bench-thumbnails`: our thumbnailer against ImageMagick (and vipsthumbnail when
//! installed) on the same files, in the same run.

use koda_assets::thumbnail::{render, ThumbnailSize};
use koda_core::{StoreError, StoreResult};
use serde::Serialize;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const RUNS: usize = 5;

/// One file's figures.
#[derive(Debug, Serialize)]
pub struct ThumbnailFigures {
    pub file: &'static str,
    pub koda_median_ms: f64,
    pub imagemagick_median_ms: Option<f64>,
    pub vips_median_ms: Option<f64>,
    /// koda time ÷ ImageMagick time (below 1 means Koda is faster).
    pub ratio_to_imagemagick: Option<f64>,
    pub ratio_to_vips: Option<f64>,
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn time_command(program: &str, args: &[&str]) -> Option<f64> {
    let mut samples = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let status = Command::new(program).args(args).status().ok()?;
        if !status.success() {
            return None;
        }
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    Some(median(samples))
}

/// Test images with detail everywhere, so no codec gets an easy ride.
fn make_images(dir: &Path) -> StoreResult<()> {
    let png = image::RgbImage::from_fn(4096, 4096, |x, y| {
        let noise = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 24;
        image::Rgb([(x / 16) as u8, (y / 16) as u8, noise as u8])
    });
    png.save(dir.join("4096.png"))
        .map_err(|e| StoreError::Io(e.to_string()))?;
    let jpeg = image::RgbImage::from_fn(6000, 4000, |x, y| {
        let noise = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 25;
        image::Rgb([
            (x / 24) as u8,
            (y / 16) as u8,
            (noise as u8).wrapping_add(60),
        ])
    });
    let mut out = Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&jpeg)
        .map_err(|e| StoreError::Io(e.to_string()))?;
    std::fs::write(dir.join("24mp.jpg"), out.into_inner())?;
    Ok(())
}

pub fn run(json: bool) -> StoreResult<String> {
    let dir = tempfile::tempdir()?;
    make_images(dir.path())?;
    let mut figures = Vec::new();
    for file in ["4096.png", "24mp.jpg"] {
        let input = dir.path().join(file);
        let bytes = std::fs::read(&input)?;
        let mut samples = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            let thumb = render(&bytes, ThumbnailSize::Small)?;
            samples.push(start.elapsed().as_secs_f64() * 1000.0);
            assert!(thumb.width == 256 || thumb.height == 256);
        }
        let koda = median(samples);
        let input = input.to_string_lossy().into_owned();
        let magick_out = dir.path().join("magick.jpg").to_string_lossy().into_owned();
        let imagemagick = time_command("convert", &[&input, "-thumbnail", "256x256", &magick_out]);
        let vips_out = dir.path().join("vips.jpg").to_string_lossy().into_owned();
        let vips = time_command("vipsthumbnail", &[&input, "-s", "256", "-o", &vips_out]);
        figures.push(ThumbnailFigures {
            file,
            koda_median_ms: koda,
            imagemagick_median_ms: imagemagick,
            vips_median_ms: vips,
            ratio_to_imagemagick: imagemagick.map(|m| koda / m),
            ratio_to_vips: vips.map(|v| koda / v),
        });
    }
    if json {
        return Ok(serde_json::to_string_pretty(&figures)?);
    }
    let show = |v: Option<f64>| v.map_or("n/a".to_owned(), |v| format!("{v:.1}"));
    let mut out = format!(
        "{:<10} {:>10} {:>14} {:>8} {:>10} {:>8}\n",
        "file", "koda ms", "imagemagick ms", "ratio", "vips ms", "ratio"
    );
    for f in &figures {
        out.push_str(&format!(
            "{:<10} {:>10.1} {:>14} {:>8} {:>10} {:>8}\n",
            f.file,
            f.koda_median_ms,
            show(f.imagemagick_median_ms),
            f.ratio_to_imagemagick
                .map_or("n/a".into(), |r| format!("{r:.2}")),
            show(f.vips_median_ms),
            f.ratio_to_vips.map_or("n/a".into(), |r| format!("{r:.2}")),
        ));
    }
    out.push_str(&format!(
        "(median of {RUNS} runs each; thumbnails 256 px on the long edge)"
    ));
    Ok(out)
}
