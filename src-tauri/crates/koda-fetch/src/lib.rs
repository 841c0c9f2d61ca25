//! Remote media for offline use: a canvas made in Koda web points at its outputs on fal's CDN or
//! an R2 bucket. The first time such a canvas is shown, each output is downloaded here (never by
//! the WebView), checked, and kept as a content-addressed asset that remembers its address, so
//! the canvas shows the same images and videos offline forever.

mod download;
mod mirror;

pub use download::{fetch_media, FetchLimits, FetchedMedia};
pub use mirror::{is_remote_url, mirror_remote, MirroredMedia};
