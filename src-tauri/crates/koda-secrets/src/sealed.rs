//! Secrets at rest in the data folder (the sync token, the PostgreSQL URL, the bucket key, API keys
//! where no OS keychain runs): encrypted with ChaCha20-Poly1305 under the [master
//! key](crate::master_key) (in the OS keychain, or a private file where none runs), so the
//! database or settings file alone — in a backup, an export, a bug report — never reveals them.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use koda_core::{StoreError, StoreResult};
use std::path::Path;

/// Fresh random bytes (keys and nonces).
pub(crate) fn random<const N: usize>() -> StoreResult<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| StoreError::Io(format!("no randomness available: {e}")))?;
    Ok(bytes)
}

/// Encrypts a secret; the result (hex of nonce + ciphertext) is what a file or the database keeps.
pub fn seal(data_dir: &Path, token: &str) -> StoreResult<String> {
    let key = crate::master_key::master_key(data_dir)?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(&key));
    let nonce = random::<12>()?;
    let sealed = cipher
        .encrypt(Nonce::from_slice(&nonce), token.as_bytes())
        .map_err(|_| StoreError::Io("could not encrypt the secret".into()))?;
    Ok(hex::encode([nonce.as_slice(), &sealed].concat()))
}

/// Decrypts what [`seal`] made.
pub fn open(data_dir: &Path, sealed: &str) -> StoreResult<String> {
    let bytes = hex::decode(sealed)
        .map_err(|_| StoreError::Damaged("a stored secret is damaged".into()))?;
    if bytes.len() < 12 {
        return Err(StoreError::Damaged("a stored secret is damaged".into()));
    }
    let key = crate::master_key::master_key(data_dir)?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(&key));
    let plain = cipher
        .decrypt(Nonce::from_slice(&bytes[..12]), &bytes[12..])
        .map_err(|_| {
            StoreError::Config(
                "a stored secret cannot be decrypted (was the master key replaced?); enter it again"
                    .into(),
            )
        })?;
    String::from_utf8(plain).map_err(|_| StoreError::Damaged("a stored secret is damaged".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_hides_the_token() {
        let dir = tempfile::tempdir().unwrap();
        let sealed = seal(dir.path(), "secret-token-123").unwrap();
        assert!(!sealed.contains("secret"));
        assert_ne!(
            sealed,
            seal(dir.path(), "secret-token-123").unwrap(),
            "a fresh nonce each time"
        );
        assert_eq!(open(dir.path(), &sealed).unwrap(), "secret-token-123");
        let other = tempfile::tempdir().unwrap();
        assert!(
            open(other.path(), &sealed).is_err(),
            "another key cannot read it"
        );
    }
}
