//! Encryption of API secrets at rest.
//!
//! HMAC verification needs the secret itself, so it cannot be hashed; it is sealed with
//! XChaCha20-Poly1305 under a 32-byte key that lives outside the database (a file in the
//! data directory, or `KONTOR_SECRET_KEY`), so that a leaked database file alone reveals no
//! secret. Several Kontor processes on one PostgreSQL share the key through the environment.

use std::fmt;
use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::{Rng, RngCore};

use crate::StoreError;

const NONCE_LEN: usize = 24;

/// The key that seals secrets. `Debug` never shows it.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl SecretKey {
    pub fn generate() -> SecretKey {
        let mut key = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut key);
        SecretKey(key)
    }

    /// Parses 64 hex characters (the form written to the key file and taken from the env).
    pub fn from_hex(text: &str) -> Result<SecretKey, StoreError> {
        let text = text.trim();
        if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::Key(
                "the key must be 64 hexadecimal characters (32 bytes)".into(),
            ));
        }
        let mut key = [0u8; 32];
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)
                .map_err(|e| StoreError::Key(e.to_string()))?;
        }
        Ok(SecretKey(key))
    }

    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads the key file, or creates it (mode 0600) when it does not exist yet.
    pub fn load_or_create(path: &Path) -> Result<SecretKey, StoreError> {
        let named = |e: std::io::Error| StoreError::Key(format!("{}: {e}", path.display()));
        match std::fs::read_to_string(path) {
            Ok(text) => SecretKey::from_hex(&text)
                .map_err(|e| StoreError::Key(format!("{}: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(named)?;
                }
                let key = SecretKey::generate();
                write_private(path, &key.to_hex()).map_err(named)?;
                Ok(key)
            }
            Err(e) => Err(named(e)),
        }
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

/// Seals and opens secrets with one key.
#[derive(Clone)]
pub struct SecretCipher(XChaCha20Poly1305);

impl fmt::Debug for SecretCipher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretCipher")
    }
}

impl SecretCipher {
    pub fn new(key: &SecretKey) -> SecretCipher {
        SecretCipher(XChaCha20Poly1305::new((&key.0).into()))
    }

    /// A random nonce per secret, stored in front of the ciphertext.
    pub fn seal(&self, plain: &str) -> Result<Vec<u8>, StoreError> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::thread_rng().fill_bytes(&mut nonce);
        let sealed = self
            .0
            .encrypt(XNonce::from_slice(&nonce), plain.as_bytes())
            .map_err(|_| StoreError::Key("encryption failed".into()))?;
        Ok([nonce.as_slice(), sealed.as_slice()].concat())
    }

    pub fn open(&self, sealed: &[u8]) -> Result<String, StoreError> {
        if sealed.len() < NONCE_LEN {
            return Err(StoreError::Corrupt("sealed secret is too short".into()));
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let plain = self
            .0
            .decrypt(XNonce::from_slice(nonce), body)
            .map_err(|_| {
                StoreError::Key(
                "a stored secret cannot be decrypted: the key is not the one it was sealed with"
                    .into(),
            )
            })?;
        String::from_utf8(plain).map_err(|e| StoreError::Corrupt(e.to_string()))
    }
}

/// Random credentials in the alphabet real tokens use.
pub fn random_alphanumeric(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secrets_open_only_with_their_key() -> Result<(), StoreError> {
        let key = SecretKey::generate();
        let cipher = SecretCipher::new(&key);
        let sealed = cipher.seal("my-secret")?;
        assert!(!sealed.windows(9).any(|w| w == b"my-secret"));
        assert_eq!(cipher.open(&sealed)?, "my-secret");
        let other = SecretCipher::new(&SecretKey::generate());
        assert!(other.open(&sealed).is_err());
        assert!(cipher.open(&sealed[..10]).is_err());
        let again = SecretKey::from_hex(&key.to_hex())?;
        assert_eq!(SecretCipher::new(&again).open(&sealed)?, "my-secret");
        Ok(())
    }

    #[test]
    fn key_text_is_validated() {
        assert!(SecretKey::from_hex("abc").is_err());
        assert!(SecretKey::from_hex(&"zz".repeat(32)).is_err());
        assert!(SecretKey::from_hex(&"0f".repeat(32)).is_ok());
    }
}
