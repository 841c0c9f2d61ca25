//! Where a blob lives in the bucket: `<prefix>blobs/<first two hex digits>/<sha256>`, the same
//! sharding as the local `assets/` folder, so a listing can be read back into hashes.

use koda_assets::blobs::check_sha256;
use koda_core::StoreResult;
use object_store::path::Path;

/// The key of the blob with this hash; refuses anything that is not a SHA-256.
pub fn blob_key(prefix: &str, sha256: &str) -> StoreResult<Path> {
    check_sha256(sha256)?;
    Ok(Path::from(format!(
        "{prefix}blobs/{}/{sha256}",
        &sha256[..2]
    )))
}

/// The folder every blob key starts with.
pub fn blobs_folder(prefix: &str) -> Path {
    Path::from(format!("{prefix}blobs"))
}

/// The hash a listed key names, or `None` for anything else found under the folder.
pub fn sha_from_key<'a>(prefix: &str, key: &'a str) -> Option<&'a str> {
    let rest = key.strip_prefix(prefix)?.strip_prefix("blobs/")?;
    let (shard, sha256) = rest.split_once('/')?;
    (check_sha256(sha256).is_ok() && sha256.starts_with(shard) && shard.len() == 2)
        .then_some(sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        let sha = "ab".repeat(32);
        let key = blob_key("koda/", &sha).unwrap();
        assert_eq!(key.as_ref(), format!("koda/blobs/ab/{sha}"));
        assert_eq!(sha_from_key("koda/", key.as_ref()), Some(sha.as_str()));
        let bare = blob_key("", &sha).unwrap();
        assert_eq!(sha_from_key("", bare.as_ref()), Some(sha.as_str()));
    }

    #[test]
    fn ignores_foreign_keys() {
        let sha = "ab".repeat(32);
        assert_eq!(sha_from_key("koda/", &format!("koda/blobs/cd/{sha}")), None);
        assert_eq!(
            sha_from_key("koda/", &format!("other/blobs/ab/{sha}")),
            None
        );
        assert_eq!(sha_from_key("koda/", "koda/blobs/ab/readme.txt"), None);
        assert!(blob_key("koda/", "../etc/passwd").is_err());
    }
}
