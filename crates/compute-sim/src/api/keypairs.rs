//! Key pairs: list, show, create (a real ed25519 OpenSSH key pair), import, delete.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use compute_api::keypair::{
    CreateKeypairRequest, Keypair, KeypairEnvelope, KeypairItem, KeypairList,
};
use compute_api::keypair_rules::{validate_keypair_name, validate_public_key, KeypairNameError};
use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey};

use crate::auth::user_id;
use crate::fault::{decode, parse_json, Fault};
use crate::store::KeypairRec;
use crate::{clock, RegionState};

pub async fn list(State(state): State<RegionState>) -> Json<KeypairList> {
    let store = state.store();
    Json(KeypairList {
        keypairs: store
            .keypairs
            .iter()
            .map(|k| KeypairItem {
                keypair: Keypair {
                    name: k.name.clone(),
                    public_key: k.public_key.clone(),
                    fingerprint: k.fingerprint.clone(),
                    private_key: None,
                    user_id: None,
                    id: None,
                    created_at: None,
                    updated_at: None,
                    deleted_at: None,
                    deleted: None,
                    key_type: None,
                },
            })
            .collect(),
    })
}

fn full(state: &RegionState, k: &KeypairRec) -> serde_json::Value {
    let keypair = Keypair {
        name: k.name.clone(),
        public_key: k.public_key.clone(),
        fingerprint: k.fingerprint.clone(),
        private_key: None,
        user_id: Some(user_id(&state.app.config.username)),
        id: Some(k.id.into()),
        created_at: Some(clock::micros(k.created)),
        updated_at: None,
        deleted_at: None,
        deleted: Some(false),
        key_type: None,
    };
    let mut value = serde_json::to_value(KeypairEnvelope { keypair }).unwrap_or_default();
    // Nova sends these as explicit nulls.
    value["keypair"]["updated_at"] = serde_json::Value::Null;
    value["keypair"]["deleted_at"] = serde_json::Value::Null;
    value
}

fn not_found(state: &RegionState, name: &str) -> Fault {
    Fault::not_found(format!(
        "Keypair {name} not found for user {}",
        user_id(&state.app.config.username)
    ))
}

pub async fn show(
    State(state): State<RegionState>,
    Path((_tenant, name)): Path<(String, String)>,
) -> Response {
    let store = state.store();
    match store.keypairs.iter().find(|k| k.name == name) {
        Some(k) => Json(full(&state, k)).into_response(),
        None => not_found(&state, &name).into_response(),
    }
}

pub async fn delete(
    State(state): State<RegionState>,
    Path((_tenant, name)): Path<(String, String)>,
) -> Response {
    let mut store = state.store();
    let before = store.keypairs.len();
    store.keypairs.retain(|k| k.name != name);
    if store.keypairs.len() == before {
        return not_found(&state, &name).into_response();
    }
    StatusCode::ACCEPTED.into_response()
}

/// Nova's rule for key pair names, shared with the console: letters, digits, space, `_`, `-`
/// (and `.`, which NHN accepts), 1 to 255 characters. The messages are Nova's.
fn check_name(name: &str) -> Result<(), Fault> {
    validate_keypair_name(name).map_err(|e| match e {
        KeypairNameError::Required | KeypairNameError::TooLong { .. } => Fault::bad_request(
            "Keypair data is invalid: Keypair name must be string and between 1 and 255 characters long",
        ),
        KeypairNameError::UnsafeCharacter(_) => {
            Fault::bad_request("Keypair data is invalid: Keypair name contains unsafe characters")
        }
    })
}

/// The console's format check first (type prefix, base64 body, matching embedded type), then a
/// full parse for the fingerprint. Either failure is Nova's one message.
fn parse_public_key(text: &str) -> Result<PublicKey, Fault> {
    let invalid = || Fault::bad_request("Keypair data is invalid: failed to generate fingerprint");
    validate_public_key(text).map_err(|_| invalid())?;
    PublicKey::from_openssh(text.trim()).map_err(|_| invalid())
}

/// `POST /os-keypairs`: imports `public_key` when given, otherwise generates a key pair and
/// returns its private key once.
pub async fn create(State(state): State<RegionState>, body: Bytes) -> Response {
    match create_inner(&state, &body) {
        Ok(value) => Json(value).into_response(),
        Err(fault) => fault.into_response(),
    }
}

fn create_inner(state: &RegionState, body: &[u8]) -> Result<serde_json::Value, Fault> {
    let request: CreateKeypairRequest = decode(parse_json(body)?)?;
    let name = request.keypair.name.trim().to_string();
    check_name(&name)?;
    let (public_key, fingerprint, private_key) = match request.keypair.public_key {
        Some(text) => {
            let public = parse_public_key(&text)?;
            (
                text.trim().to_string(),
                public.fingerprint(HashAlg::Sha256).to_string(),
                None,
            )
        }
        None => {
            let mut private =
                PrivateKey::random(&mut rand_core::OsRng, ssh_key::Algorithm::Ed25519)
                    .map_err(|e| Fault::compute_fault(format!("key generation failed: {e}")))?;
            private.set_comment(format!("{name}@compute-sim"));
            let public = private.public_key();
            let pem = private
                .to_openssh(LineEnding::LF)
                .map_err(|e| Fault::compute_fault(format!("key encoding failed: {e}")))?;
            (
                public.to_openssh().unwrap_or_default(),
                public.fingerprint(HashAlg::Sha256).to_string(),
                Some(pem.to_string()),
            )
        }
    };

    let mut store = state.store();
    if store.keypairs.iter().any(|k| k.name == name) {
        return Err(Fault::conflict(format!(
            "Key pair '{name}' already exists."
        )));
    }
    let id = store.next_keypair_id;
    store.next_keypair_id += 1;
    let record = KeypairRec {
        id,
        name: name.clone(),
        public_key: public_key.clone(),
        fingerprint: fingerprint.clone(),
        created: state.app.clock.now(),
    };
    store.keypairs.push(record);
    let keypair = Keypair {
        name,
        public_key,
        fingerprint,
        private_key,
        user_id: Some(user_id(&state.app.config.username)),
        id: None,
        created_at: None,
        updated_at: None,
        deleted_at: None,
        deleted: None,
        key_type: None,
    };
    Ok(serde_json::to_value(KeypairEnvelope { keypair }).unwrap_or_default())
}
