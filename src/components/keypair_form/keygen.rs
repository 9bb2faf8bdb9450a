//! Key pairs made in this browser: an Ed25519 pair from the browser's random source
//! (`crypto.getRandomValues`, through getrandom), its public half in OpenSSH's one-line form for
//! `POST /os-keypairs`, its private half as an OpenSSH private key file, encrypted with the
//! passphrase when one is given (bcrypt-pbkdf, 16 rounds, and aes256-ctr: what `ssh-keygen`
//! writes). Nothing here touches the network, storage or the log; the private key and the
//! passphrase are wiped from memory when dropped.

use std::fmt;

use ssh_key::rand_core::OsRng;
use ssh_key::{Algorithm, LineEnding, PrivateKey};
use zeroize::Zeroizing;

/// A freshly made key pair.
pub struct GeneratedKey {
    /// `ssh-ed25519 AAAA… <comment>`: the only part that is sent.
    pub public_key: String,
    /// `-----BEGIN OPENSSH PRIVATE KEY-----…`, never sent.
    pub private_key: Zeroizing<String>,
    /// Whether `private_key` is encrypted with a passphrase.
    pub encrypted: bool,
}

impl fmt::Debug for GeneratedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GeneratedKey")
            .field("public_key", &self.public_key)
            .field("encrypted", &self.encrypted)
            .finish_non_exhaustive()
    }
}

/// Why no key pair was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeygenError {
    /// The browser gave no random numbers (no Web Crypto): nothing was attempted.
    NoRandomSource,
    /// ssh-key refused (its message, which never holds key material).
    Failed(String),
}

impl fmt::Display for KeygenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeygenError::NoRandomSource => f.write_str("no random source (crypto.getRandomValues)"),
            KeygenError::Failed(message) => f.write_str(message),
        }
    }
}

/// Makes an Ed25519 key pair whose comment is `comment` (the key pair's name), its private key
/// encrypted with `passphrase` unless that is empty.
///
/// The random source is tried first, so a browser without one gets an error instead of the
/// panic `OsRng` would raise halfway.
pub fn generate_ed25519(comment: &str, passphrase: &str) -> Result<GeneratedKey, KeygenError> {
    let mut probe = Zeroizing::new([0u8; 32]);
    getrandom::getrandom(&mut probe[..]).map_err(|_| KeygenError::NoRandomSource)?;
    let failed = |e: ssh_key::Error| KeygenError::Failed(e.to_string());
    let mut key = PrivateKey::random(&mut OsRng, Algorithm::Ed25519).map_err(failed)?;
    key.set_comment(comment);
    let public_key = key.public_key().to_openssh().map_err(failed)?;
    let encrypted = !passphrase.is_empty();
    if encrypted {
        key = key.encrypt(&mut OsRng, passphrase).map_err(failed)?;
    }
    let private_key = key.to_openssh(LineEnding::LF).map_err(failed)?;
    Ok(GeneratedKey {
        public_key,
        private_key,
        encrypted,
    })
}
