//! The rules for a new key pair, checked before `POST /os-keypairs`: the name (Nova's safe
//! characters, 1 to 255 of them) and, for an import, the OpenSSH public key line.
//!
//! The simulator answers 400 with these same functions, so the form and the server agree.

use std::fmt;

use base64::Engine as _;

/// Key pair names: "between 1 and 255 characters long" (Nova).
pub const MAX_KEYPAIR_NAME_CHARS: usize = 255;

/// Why a key pair name is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeypairNameError {
    /// Empty, or only spaces.
    Required,
    TooLong {
        max: usize,
        actual: usize,
    },
    /// A character outside letters, digits, space, `_`, `-` and `.` (the first one found).
    UnsafeCharacter(char),
}

impl fmt::Display for KeypairNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Required => f.write_str("a key pair name is required"),
            Self::TooLong { max, actual } => {
                write!(f, "must be at most {max} characters (it has {actual})")
            }
            Self::UnsafeCharacter(c) => write!(
                f,
                "{c:?} is not allowed: use letters, digits, spaces, '_', '-' and '.'"
            ),
        }
    }
}

impl std::error::Error for KeypairNameError {}

/// Nova's safe characters for key pair names (ASCII letters, digits, space, `_`, `-`), plus
/// `.`, which NHN Cloud accepts too.
pub fn is_safe_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.')
}

/// Checks a key pair name as it will be sent (the console trims it first): not blank, at most
/// [`MAX_KEYPAIR_NAME_CHARS`] characters, only safe characters.
pub fn validate_keypair_name(name: &str) -> Result<(), KeypairNameError> {
    if name.trim().is_empty() {
        return Err(KeypairNameError::Required);
    }
    let chars = name.chars().count();
    if chars > MAX_KEYPAIR_NAME_CHARS {
        return Err(KeypairNameError::TooLong {
            max: MAX_KEYPAIR_NAME_CHARS,
            actual: chars,
        });
    }
    match name.chars().find(|c| !is_safe_name_char(*c)) {
        Some(c) => Err(KeypairNameError::UnsafeCharacter(c)),
        None => Ok(()),
    }
}

/// The OpenSSH public key types Nova imports.
pub const PUBLIC_KEY_TYPES: [&str; 5] = [
    "ssh-rsa",
    "ssh-ed25519",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
];

/// Why a public key is refused before it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKeyError {
    Required,
    /// More than one non-empty line: one key per key pair.
    SeveralLines,
    /// The first word is not one of [`PUBLIC_KEY_TYPES`] (it is given, cut to 40 characters).
    UnknownType(String),
    /// Nothing after the type.
    MissingBody,
    NotBase64,
    /// The body decodes, but does not start with a well-formed type field.
    Malformed,
    /// The type written in front and the type inside the key differ.
    TypeMismatch {
        declared: String,
        embedded: String,
    },
}

impl fmt::Display for PublicKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Required => f.write_str("a public key is required"),
            Self::SeveralLines => f.write_str("paste exactly one public key (one line)"),
            Self::UnknownType(t) => write!(
                f,
                "unsupported key type {t:?}: expected one of {}",
                PUBLIC_KEY_TYPES.join(", ")
            ),
            Self::MissingBody => f.write_str("the key data after the key type is missing"),
            Self::NotBase64 => f.write_str("the key data is not valid base64"),
            Self::Malformed => f.write_str("the key data is not an OpenSSH public key"),
            Self::TypeMismatch { declared, embedded } => write!(
                f,
                "the key says {declared:?} but its data is a {embedded:?} key"
            ),
        }
    }
}

impl std::error::Error for PublicKeyError {}

/// Reads one SSH wire string (a big-endian u32 length, then the bytes) from the front of `data`.
fn ssh_string(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let len = u32::from_be_bytes(data.get(..4)?.try_into().ok()?) as usize;
    let end = 4usize.checked_add(len)?;
    Some((data.get(4..end)?, &data[end..]))
}

/// Checks an OpenSSH public key line, `<type> <base64> [comment]`: a supported type, a base64
/// body whose embedded type is the same (and, for ECDSA, whose curve matches). Leading and
/// trailing blank lines are ignored, as a file read from disk ends with a newline.
pub fn validate_public_key(text: &str) -> Result<(), PublicKeyError> {
    let key = text.trim();
    if key.is_empty() {
        return Err(PublicKeyError::Required);
    }
    if key.lines().filter(|l| !l.trim().is_empty()).count() > 1 {
        return Err(PublicKeyError::SeveralLines);
    }
    let mut words = key.split_whitespace();
    let declared = words.next().unwrap_or_default();
    if !PUBLIC_KEY_TYPES.contains(&declared) {
        return Err(PublicKeyError::UnknownType(
            declared.chars().take(40).collect(),
        ));
    }
    let body = words.next().ok_or(PublicKeyError::MissingBody)?;
    let data = base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|_| PublicKeyError::NotBase64)?;
    let (embedded, rest) = ssh_string(&data).ok_or(PublicKeyError::Malformed)?;
    let embedded = std::str::from_utf8(embedded).map_err(|_| PublicKeyError::Malformed)?;
    if embedded != declared {
        return Err(PublicKeyError::TypeMismatch {
            declared: declared.to_string(),
            embedded: embedded.chars().take(40).collect(),
        });
    }
    if let Some(curve) = declared.strip_prefix("ecdsa-sha2-") {
        let (named, _) = ssh_string(rest).ok_or(PublicKeyError::Malformed)?;
        if named != curve.as_bytes() {
            return Err(PublicKeyError::Malformed);
        }
    }
    // Every supported type carries key material after its name.
    if rest.is_empty() {
        return Err(PublicKeyError::Malformed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real ed25519 key (the simulator's tests parse it with an SSH library).
    const ED25519: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM9xWu7wL3bCj0z1bC2r7c3cHDPuV3vUwR5V6OqZ7mNs me@example";

    fn wire(parts: &[&[u8]]) -> String {
        let mut data = Vec::new();
        for part in parts {
            data.extend_from_slice(&(part.len() as u32).to_be_bytes());
            data.extend_from_slice(part);
        }
        base64::engine::general_purpose::STANDARD.encode(data)
    }

    #[test]
    fn names_need_one_to_255_safe_characters() {
        assert_eq!(validate_keypair_name(""), Err(KeypairNameError::Required));
        assert_eq!(
            validate_keypair_name("   "),
            Err(KeypairNameError::Required)
        );
        assert_eq!(validate_keypair_name("a"), Ok(()));
        assert_eq!(validate_keypair_name(&"k".repeat(255)), Ok(()));
        assert_eq!(
            validate_keypair_name(&"k".repeat(256)),
            Err(KeypairNameError::TooLong {
                max: 255,
                actual: 256
            })
        );
        assert_eq!(validate_keypair_name("my key_01-prod.v2"), Ok(()));
    }

    #[test]
    fn names_refuse_the_first_unsafe_character() {
        for (name, bad) in [
            ("bad/name", '/'),
            ("a@b", '@'),
            ("키페어", '키'),
            ("tab\tname", '\t'),
            ("quote'", '\''),
        ] {
            assert_eq!(
                validate_keypair_name(name),
                Err(KeypairNameError::UnsafeCharacter(bad)),
                "{name}"
            );
        }
    }

    #[test]
    fn length_counts_characters_before_the_character_rule() {
        // 256 non-ASCII characters: too long is the first thing to fix.
        assert!(matches!(
            validate_keypair_name(&"é".repeat(256)),
            Err(KeypairNameError::TooLong { actual: 256, .. })
        ));
    }

    #[test]
    fn a_real_ed25519_key_passes_with_or_without_comment_and_newline() {
        assert_eq!(validate_public_key(ED25519), Ok(()));
        assert_eq!(validate_public_key(&format!("{ED25519}\n")), Ok(()));
        let without_comment = ED25519.rsplit_once(' ').unwrap().0;
        assert_eq!(validate_public_key(without_comment), Ok(()));
    }

    #[test]
    fn real_rsa_and_ecdsa_keys_pass() {
        const RSA: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC6QQ1OrhT3qh4rW74ngUaaA2acgoSAkvciJ53eaFzPe5RBioSIVuIR/fs51O0XPFzAOwm+tRDTEYFrxcHk7SgFceZq2ME426XArh20A+ZUz0j3wDpP1nTstmjOeLlOwSG6vmNXfbZ26LzfFY1XVTXI64pf9lRx5yBZlfEy+fQ5NfmYyZBwgqGXcFPyOCwk4vWiQ4Xwv+7RwRf6LYJLAQnqB8ulu4VXdC+ZeoeGGHLAU4vu0mQCMQpn+ixNEIVPWYutLWzIWDYaYFJlVOEigwMxmzNE7NbPaWYuRBTPP52FYsqBjdTIwCYxICaprN2gBvmMQY8xPL7GccwViGVQtgAH test@example";
        const P256: &str = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFqKwMdB0iDMWiHqMmnPnNQaoLcKBR9CHVc+OaV5NuXYQnDMOB+V17hyiTr5ZGC6iaVZzkjKpuk3trdi+stL3F4= test@example";
        assert_eq!(validate_public_key(RSA), Ok(()));
        assert_eq!(validate_public_key(P256), Ok(()));
        let p256_body = P256.split(' ').nth(1).unwrap();
        assert!(matches!(
            validate_public_key(&format!("ecdsa-sha2-nistp384 {p256_body}")),
            Err(PublicKeyError::TypeMismatch { .. })
        ));
    }

    #[test]
    fn every_supported_type_passes_when_the_body_matches() {
        for kind in PUBLIC_KEY_TYPES {
            let body = match kind.strip_prefix("ecdsa-sha2-") {
                Some(curve) => wire(&[kind.as_bytes(), curve.as_bytes(), &[4; 65]]),
                None => wire(&[kind.as_bytes(), &[1; 32]]),
            };
            assert_eq!(
                validate_public_key(&format!("{kind} {body} c")),
                Ok(()),
                "{kind}"
            );
        }
    }

    #[test]
    fn empty_and_several_lines_are_refused() {
        assert_eq!(validate_public_key(""), Err(PublicKeyError::Required));
        assert_eq!(validate_public_key(" \n "), Err(PublicKeyError::Required));
        assert_eq!(
            validate_public_key(&format!("{ED25519}\n{ED25519}")),
            Err(PublicKeyError::SeveralLines)
        );
    }

    #[test]
    fn unknown_types_are_refused() {
        for kind in ["ssh-dss", "rsa", "-----BEGIN", "ssh-ed448"] {
            assert_eq!(
                validate_public_key(&format!("{kind} AAAA")),
                Err(PublicKeyError::UnknownType(kind.into()))
            );
        }
        // A private key pasted by mistake.
        assert!(matches!(
            validate_public_key("-----BEGIN OPENSSH PRIVATE KEY-----"),
            Err(PublicKeyError::UnknownType(_))
        ));
    }

    #[test]
    fn the_body_must_be_base64_and_present() {
        assert_eq!(
            validate_public_key("ssh-rsa"),
            Err(PublicKeyError::MissingBody)
        );
        assert_eq!(
            validate_public_key("ssh-rsa not-a-key"),
            Err(PublicKeyError::NotBase64)
        );
        assert_eq!(
            validate_public_key("ssh-rsa AAAA"),
            Err(PublicKeyError::Malformed)
        );
    }

    #[test]
    fn the_embedded_type_must_match_the_declared_one() {
        let body = ED25519.split(' ').nth(1).unwrap();
        assert_eq!(
            validate_public_key(&format!("ssh-rsa {body}")),
            Err(PublicKeyError::TypeMismatch {
                declared: "ssh-rsa".into(),
                embedded: "ssh-ed25519".into()
            })
        );
    }

    #[test]
    fn ecdsa_curves_must_match_and_keys_need_material() {
        let wrong_curve = wire(&[b"ecdsa-sha2-nistp256", b"nistp384", &[4; 65]]);
        assert_eq!(
            validate_public_key(&format!("ecdsa-sha2-nistp256 {wrong_curve}")),
            Err(PublicKeyError::Malformed)
        );
        let no_material = wire(&[b"ssh-ed25519"]);
        assert_eq!(
            validate_public_key(&format!("ssh-ed25519 {no_material}")),
            Err(PublicKeyError::Malformed)
        );
        // A length that runs past the end.
        let truncated = base64::engine::general_purpose::STANDARD.encode([0, 0, 0, 200, b's']);
        assert_eq!(
            validate_public_key(&format!("ssh-rsa {truncated}")),
            Err(PublicKeyError::Malformed)
        );
    }
}
