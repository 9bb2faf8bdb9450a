//! Keystone v2.0 tokens: `POST {identity}/v2.0/tokens` and the service catalog.

use serde::{Deserialize, Serialize};

/// The body of `POST /v2.0/tokens` with a password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenRequest {
    pub auth: Auth,
}

/// `auth`: tenant and credentials. NHN uses `tenantId`; Keystone also accepts `tenantName`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Auth {
    #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(
        rename = "tenantName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tenant_name: Option<String>,
    #[serde(
        rename = "passwordCredentials",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub password_credentials: Option<PasswordCredentials>,
    /// Re-scoping with an existing token: `{"token": {"id": …}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<TokenId>,
}

/// `passwordCredentials`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct PasswordCredentials {
    pub username: String,
    pub password: String,
}

// The password never appears in logs or panic messages.
impl std::fmt::Debug for PasswordCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordCredentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// `{"id": …}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenId {
    pub id: String,
}

impl std::fmt::Debug for TokenId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenId(<redacted>)")
    }
}

impl TokenRequest {
    /// NHN's documented form: tenant id, user name (NHN Cloud ID) and API password.
    pub fn password(tenant_id: &str, username: &str, password: &str) -> Self {
        Self {
            auth: Auth {
                tenant_id: Some(tenant_id.to_string()),
                tenant_name: None,
                password_credentials: Some(PasswordCredentials {
                    username: username.to_string(),
                    password: password.to_string(),
                }),
                token: None,
            },
        }
    }

    /// Re-scoping a token the holder already has (an embedding page's) to a tenant:
    /// `{"auth": {"token": {"id": …}, "tenantId": …}}`. The answer carries the catalog.
    pub fn rescope(token: &str, tenant_id: &str) -> Self {
        Self {
            auth: Auth {
                tenant_id: Some(tenant_id.to_string()),
                tenant_name: None,
                password_credentials: None,
                token: Some(TokenId {
                    id: token.to_string(),
                }),
            },
        }
    }
}

/// The answer: `{"access": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access: Access,
}

/// `access`: the token, the catalog and (Keystone) the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Access {
    pub token: Token,
    #[serde(rename = "serviceCatalog", default)]
    pub service_catalog: Vec<CatalogEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<serde_json::Value>,
}

/// `access.token`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub id: String,
    /// ISO 8601, e.g. `2020-04-29T15:31:21Z`.
    #[serde(default)]
    pub expires: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Tenant>,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("id", &"<redacted>")
            .field("expires", &self.expires)
            .field("tenant", &self.tenant)
            .finish()
    }
}

/// `access.token.tenant`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    pub id: String,
    #[serde(default)]
    pub name: String,
}

/// One service of the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    #[serde(rename = "type")]
    pub service_type: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
}

/// One endpoint of a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    #[serde(default)]
    pub region: String,
    #[serde(rename = "publicURL")]
    pub public_url: String,
    #[serde(
        rename = "internalURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub internal_url: Option<String>,
    #[serde(rename = "adminURL", default, skip_serializing_if = "Option::is_none")]
    pub admin_url: Option<String>,
}

impl Access {
    /// The public URL of a service type in a region (`compute`, `KR1`).
    pub fn endpoint(&self, service_type: &str, region: &str) -> Option<&str> {
        self.service_catalog
            .iter()
            .filter(|entry| entry.service_type == service_type)
            .flat_map(|entry| &entry.endpoints)
            .find(|endpoint| endpoint.region.eq_ignore_ascii_case(region))
            .map(|endpoint| endpoint.public_url.as_str())
    }

    /// The regions that have a `compute` endpoint, in catalog order, without repeats.
    pub fn compute_regions(&self) -> Vec<String> {
        let mut regions: Vec<String> = Vec::new();
        for endpoint in self
            .service_catalog
            .iter()
            .filter(|e| e.service_type == "compute")
            .flat_map(|e| &e.endpoints)
        {
            if !regions.contains(&endpoint.region) {
                regions.push(endpoint.region.clone());
            }
        }
        regions
    }
}
