//! S3-compatible asset storage.
