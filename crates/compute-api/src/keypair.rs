//! Key pairs: `/os-keypairs`.

use serde::{Deserialize, Serialize};

/// A key pair as list, show and create answer it. Create (without a public key) adds
/// `private_key`, which can never be fetched again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keypair {
    pub name: String,
    #[serde(default)]
    pub public_key: String,
    #[serde(default)]
    pub fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// An integer in the guide and in Nova.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
    /// `ssh` or `x509` (microversion 2.2 and later).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub key_type: Option<String>,
}

/// One item of `{"keypairs": [{"keypair": {…}}]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeypairItem {
    pub keypair: Keypair,
}

/// `GET /os-keypairs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeypairList {
    pub keypairs: Vec<KeypairItem>,
}

/// `{"keypair": {…}}`: show and create answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeypairEnvelope {
    pub keypair: Keypair,
}

/// `POST /os-keypairs`: create (no public key) or import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateKeypairRequest {
    pub keypair: NewKeypair,
}

/// The `keypair` of a create/import request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewKeypair {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
}
