//! The key pair form's state and what it does: the checks as the user types, the submit (the
//! pair generated here, the request sent once), the public key read from a file, and the
//! private key kept until the user has saved it.

use std::fmt;

use compute_api::keypair::{Keypair, NewKeypair};
use compute_api::keypair_rules::{
    validate_keypair_name, validate_public_key, KeypairNameError, PublicKeyError,
};
use compute_api::ApiError;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use zeroize::{Zeroize, Zeroizing};

use super::keygen::{generate_ed25519, KeygenError};
use crate::i18n::{I18n, ResourcesMsg as R};
use crate::store::KeypairSender;
use crate::tasks::TaskScope;

/// Public keys are a few hundred bytes (a 16 384-bit RSA key is under 3 KB); a bigger file is
/// something else, and is not read into memory.
const MAX_PUBLIC_KEY_FILE_BYTES: f64 = 16_384.0;

/// Which request the form sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeypairFormMode {
    /// The service generates the pair and returns the private key once.
    #[default]
    Create,
    /// The browser makes the pair and sends only the public key.
    Generate,
    /// The user brings the public key.
    Import,
}

/// Where a private key was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// By the service, which answered with it once.
    Service,
    /// In this browser; it was never sent anywhere.
    Browser { encrypted: bool },
}

/// A private key the user has not saved yet, wiped from memory when dropped. Its `Debug` never
/// shows the key.
#[derive(Clone, PartialEq)]
pub struct PrivateKey {
    pub name: String,
    pub pem: Zeroizing<String>,
    pub source: KeySource,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("name", &self.name)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// What the last successful submit did.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    Created(PrivateKey),
    /// Created, but the answer had no private key (nothing to show).
    CreatedWithoutKey(String),
    Imported(String),
}

/// The translated sentence for a broken name rule.
pub fn name_error_text(i18n: I18n, error: &KeypairNameError) -> String {
    match error {
        KeypairNameError::Required => i18n.t(R::NameRequired).to_string(),
        KeypairNameError::TooLong { actual, .. } => format!("{} {actual}", i18n.t(R::NameTooLong)),
        KeypairNameError::UnsafeCharacter(c) => {
            format!("{} “{}”", i18n.t(R::NameUnsafeChar), c.escape_debug())
        }
    }
}

/// The translated sentence for a refused public key.
pub fn public_key_error_text(i18n: I18n, error: &PublicKeyError) -> String {
    match error {
        PublicKeyError::Required => i18n.t(R::PublicKeyRequired).to_string(),
        PublicKeyError::SeveralLines => i18n.t(R::PublicKeySeveralLines).to_string(),
        PublicKeyError::UnknownType(found) => {
            format!("{} “{found}”", i18n.t(R::PublicKeyUnknownType))
        }
        PublicKeyError::MissingBody => i18n.t(R::PublicKeyMissingBody).to_string(),
        PublicKeyError::NotBase64 => i18n.t(R::PublicKeyNotBase64).to_string(),
        PublicKeyError::Malformed => i18n.t(R::PublicKeyMalformed).to_string(),
        PublicKeyError::TypeMismatch { declared, embedded } => {
            format!(
                "{} {declared} ≠ {embedded}",
                i18n.t(R::PublicKeyTypeMismatch)
            )
        }
    }
}

/// The form's state: what is typed, what was refused, what was saved.
#[derive(Clone, Copy)]
pub struct KeypairFormState {
    pub mode: RwSignal<KeypairFormMode>,
    pub name: RwSignal<String>,
    pub public_key: RwSignal<String>,
    pub passphrase: RwSignal<String>,
    pub passphrase_again: RwSignal<String>,
    pub keygen_error: RwSignal<Option<KeygenError>>,
    /// Submit was pressed: every rule is said, typed in or not.
    pub attempted: RwSignal<bool>,
    pub pending: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    pub file_problem: RwSignal<Option<R>>,
    pub saved: RwSignal<Option<Saved>>,
}

impl KeypairFormState {
    /// An empty form on `mode`'s tab. Unmounting it (leaving the page, signing out) takes the
    /// private key and wipes the passphrases.
    pub fn new(mode: KeypairFormMode) -> Self {
        let form = Self {
            mode: RwSignal::new(mode),
            name: RwSignal::new(String::new()),
            public_key: RwSignal::new(String::new()),
            passphrase: RwSignal::new(String::new()),
            passphrase_again: RwSignal::new(String::new()),
            keygen_error: RwSignal::new(None),
            attempted: RwSignal::new(false),
            pending: RwSignal::new(false),
            error: RwSignal::new(None),
            file_problem: RwSignal::new(None),
            saved: RwSignal::new(None),
        };
        // Taken without notifying, as the views that read them are being torn down at the
        // same time.
        on_cleanup(move || {
            form.saved.try_update_untracked(Option::take);
            form.passphrase.try_update_untracked(Zeroize::zeroize);
            form.passphrase_again.try_update_untracked(Zeroize::zeroize);
        });
        form
    }

    pub fn wipe_passphrases(self) {
        self.passphrase.update(Zeroize::zeroize);
        self.passphrase_again.update(Zeroize::zeroize);
    }

    /// Another tab: the passphrases go unless it is the one that uses them.
    pub fn switch_to(self, mode: KeypairFormMode) {
        if mode != KeypairFormMode::Generate {
            self.wipe_passphrases();
        }
        self.mode.set(mode);
        self.error.set(None);
        self.keygen_error.set(None);
    }

    fn trimmed_name(self) -> String {
        self.name.with(|n| n.trim().to_string())
    }

    /// The broken name rule, once there is something to say (tracked).
    pub fn name_problem(self, i18n: I18n) -> Option<String> {
        let show = self.attempted.get() || self.name.with(|n| !n.is_empty());
        show.then(|| validate_keypair_name(&self.trimmed_name()).err())
            .flatten()
            .map(|e| name_error_text(i18n, &e))
    }

    /// The refused public key, on the import tab (tracked).
    pub fn key_problem(self, i18n: I18n) -> Option<String> {
        if self.mode.get() != KeypairFormMode::Import {
            return None;
        }
        let show = self.attempted.get() || self.public_key.with(|k| !k.is_empty());
        show.then(|| self.public_key.with(|k| validate_public_key(k).err()))
            .flatten()
            .map(|e| public_key_error_text(i18n, &e))
    }

    fn passphrases_differ(self) -> bool {
        self.passphrase
            .with(|p| self.passphrase_again.with(|again| p != again))
    }

    /// The passphrase typed twice differently, on the generate tab (tracked).
    pub fn passphrase_problem(self) -> bool {
        if self.mode.get() != KeypairFormMode::Generate {
            return false;
        }
        let show = self.attempted.get() || self.passphrase_again.with(|p| !p.is_empty());
        show && self.passphrases_differ()
    }

    /// The name is taken (a 409).
    pub fn conflict(self) -> bool {
        self.error
            .with(|e| e.as_ref().is_some_and(ApiError::is_conflict))
    }

    /// Sends the form once every rule holds: generates the pair first on the generate tab,
    /// then one request. A successful answer empties the form and goes to `on_saved` without
    /// its private key.
    pub fn submit(self, sender: KeypairSender, tasks: TaskScope, on_saved: Callback<Keypair>) {
        if self.pending.get_untracked() {
            return;
        }
        self.attempted.set(true);
        let keypair_name = self.trimmed_name();
        let form_mode = self.mode.get_untracked();
        let import = form_mode == KeypairFormMode::Import;
        let generate = form_mode == KeypairFormMode::Generate;
        let key = self.public_key.get_untracked().trim().to_string();
        if validate_keypair_name(&keypair_name).is_err()
            || (import && validate_public_key(&key).is_err())
            || (generate && self.passphrases_differ())
        {
            return;
        }
        // Taken out of the signal for the task; wiped when the task drops it.
        let secret = Zeroizing::new(if generate {
            self.passphrase.get_untracked()
        } else {
            String::new()
        });
        self.pending.set(true);
        self.error.set(None);
        self.keygen_error.set(None);
        self.saved.set(None);
        tasks.spawn(async move {
            // Made here: the pair, of which only the public half goes into the request. The
            // key derivation holds the thread for a moment, so "Generating…" is painted first.
            let generated = if generate {
                TimeoutFuture::new(50).await;
                match generate_ed25519(&keypair_name, &secret) {
                    Ok(generated) => Some(generated),
                    Err(e) => {
                        self.pending.set(false);
                        self.keygen_error.set(Some(e));
                        return;
                    }
                }
            } else {
                None
            };
            drop(secret);
            let request = NewKeypair {
                name: keypair_name.clone(),
                public_key: match &generated {
                    Some(generated) => Some(generated.public_key.clone()),
                    None => import.then_some(key),
                },
            };
            let outcome = sender.send(request).await;
            self.pending.set(false);
            match outcome {
                Ok(mut keypair) => {
                    // A private key in an answer to an import would be the service's doing:
                    // never shown, and never passed on.
                    let private = keypair.private_key.take();
                    let saved_name = if keypair.name.is_empty() {
                        keypair_name
                    } else {
                        keypair.name.clone()
                    };
                    self.saved.set(Some(match (form_mode, private, generated) {
                        (KeypairFormMode::Generate, _, Some(generated)) => {
                            Saved::Created(PrivateKey {
                                name: saved_name,
                                pem: generated.private_key,
                                source: KeySource::Browser {
                                    encrypted: generated.encrypted,
                                },
                            })
                        }
                        (KeypairFormMode::Create, Some(pem), _) => Saved::Created(PrivateKey {
                            name: saved_name,
                            pem: Zeroizing::new(pem),
                            source: KeySource::Service,
                        }),
                        (KeypairFormMode::Create, None, _) => Saved::CreatedWithoutKey(saved_name),
                        _ => Saved::Imported(saved_name),
                    }));
                    self.attempted.set(false);
                    self.name.set(String::new());
                    self.public_key.set(String::new());
                    self.wipe_passphrases();
                    on_saved.run(keypair);
                }
                // The generated pair is dropped (and wiped) with the failed request; the next
                // submit makes a new one.
                Err(e) => self.error.set(Some(e)),
            }
        });
    }

    /// Reads a chosen public key file into the field (a file too large to be a key is not
    /// read at all).
    pub fn read_public_key_file(self, file: web_sys::File, tasks: TaskScope) {
        self.file_problem.set(None);
        if file.size() > MAX_PUBLIC_KEY_FILE_BYTES {
            self.file_problem.set(Some(R::FileTooLarge));
            return;
        }
        tasks.spawn(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => match text.as_string() {
                    Some(text) => self.public_key.set(text.trim().to_string()),
                    None => self.file_problem.set(Some(R::FileUnreadable)),
                },
                Err(_) => self.file_problem.set(Some(R::FileUnreadable)),
            }
        });
    }

    /// Whether the private key is on screen (the form steps aside until it is saved).
    pub fn showing_private_key(self) -> bool {
        self.saved.with(|s| matches!(s, Some(Saved::Created(_))))
    }
}
