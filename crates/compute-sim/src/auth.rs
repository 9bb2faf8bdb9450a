//! Keystone v2.0: `POST /v2.0/tokens`, the version document, and the token check every other
//! call goes through.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use compute_api::identity::{
    Access, CatalogEntry, Endpoint, Tenant, Token, TokenRequest, TokenResponse,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::clock;
use crate::fault::KeystoneError;
use crate::AppState;

/// Regions the catalog lists, with the path prefix each one's services live under.
pub const REGIONS: [(&str, &str); 2] = [("KR1", ""), ("KR2", "/kr2")];

/// A token the simulator issued.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// `None` for an unscoped token (no tenant asked for): it can only be re-scoped.
    pub tenant_id: Option<String>,
    /// Whom it was issued to (a re-scoped token keeps its user).
    pub username: String,
    pub expires: OffsetDateTime,
}

/// The issued tokens. Never pruned: a demo issues a handful.
#[derive(Debug, Default)]
pub struct Tokens {
    tokens: Mutex<HashMap<String, IssuedToken>>,
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    Missing,
    Unknown,
    Expired,
}

impl Tokens {
    pub fn issue(
        &self,
        tenant_id: Option<String>,
        username: &str,
        expires: OffsetDateTime,
    ) -> String {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let token = IssuedToken {
            tenant_id,
            username: username.to_string(),
            expires,
        };
        self.lock().insert(id.clone(), token);
        id
    }

    /// The token `id`, if it is known and not expired at `now`.
    pub fn check(
        &self,
        id: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<IssuedToken, TokenProblem> {
        let id = id.filter(|s| !s.is_empty()).ok_or(TokenProblem::Missing)?;
        let token = self.lock().get(id).cloned().ok_or(TokenProblem::Unknown)?;
        if token.expires <= now {
            return Err(TokenProblem::Expired);
        }
        Ok(token)
    }

    /// Makes every issued token expire now, as if the session outlived them all; tokens issued
    /// afterwards work. Returns how many were still valid.
    pub fn expire_all(&self, now: OffsetDateTime) -> usize {
        let mut tokens = self.lock();
        let mut expired = 0;
        for token in tokens.values_mut().filter(|t| t.expires > now) {
            token.expires = now;
            expired += 1;
        }
        expired
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, IssuedToken>> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The name the simulated tenant has (NHN shows generated names like `c_VKkasVsh`).
pub fn tenant_name(tenant_id: &str) -> String {
    format!("c_{}", &tenant_id[..tenant_id.len().min(8)])
}

/// `POST /v2.0/tokens`: password credentials or an existing token, scoped by `tenantId`
/// (or `tenantName`).
pub async fn issue_token(State(app): State<AppState>, body: Bytes) -> Response {
    let request: TokenRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(_) => {
            return KeystoneError::bad_request(
                "Expecting to find auth in request body. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.",
            )
            .into_response()
        }
    };
    let auth = request.auth;
    let config = &app.config;
    let identity_uri = Some(app.identity_url());
    let denied = || {
        KeystoneError::unauthorized(
            "The request you have made requires authentication.",
            identity_uri.clone(),
        )
        .into_response()
    };

    // Who is asking: a user with a password, or the holder of a token.
    let (username, previous_scope) = if let Some(creds) = &auth.password_credentials {
        if !config.accepts(&creds.username, &creds.password) {
            return denied();
        }
        (creds.username.clone(), None)
    } else if let Some(token) = &auth.token {
        match app.tokens.check(Some(&token.id), app.clock.now()) {
            Ok(t) => (t.username, t.tenant_id),
            Err(_) => return denied(),
        }
    } else {
        return KeystoneError::bad_request(
            "Expecting to find passwordCredentials or token in auth.",
        )
        .into_response();
    };

    let wanted = match (&auth.tenant_id, &auth.tenant_name) {
        (Some(id), _) => Some(id.clone()),
        (None, Some(name)) => {
            if name == &config.tenant_id || *name == tenant_name(&config.tenant_id) {
                Some(config.tenant_id.clone())
            } else {
                return denied();
            }
        }
        (None, None) => previous_scope,
    };
    if let Some(tenant) = &wanted {
        if tenant != &config.tenant_id {
            return denied();
        }
    }

    let now = app.clock.now();
    let expires = now + config.token_ttl;
    let id = app.tokens.issue(wanted.clone(), &username, expires);
    let catalog = match &wanted {
        Some(tenant) => catalog(&app.public_url, tenant),
        None => Vec::new(),
    };
    let response = TokenResponse {
        access: Access {
            token: Token {
                id,
                expires: clock::zulu(expires),
                issued_at: Some(clock::micros(now)),
                tenant: wanted.as_ref().map(|t| Tenant {
                    id: t.clone(),
                    name: tenant_name(t),
                }),
            },
            service_catalog: catalog,
            user: Some(json!({
                "id": user_id(&username),
                "username": username,
                "name": username,
                "roles": [{"name": "project_admin"}],
                "roles_links": []
            })),
        },
    };
    let mut value = serde_json::to_value(&response).unwrap_or_default();
    // Keystone also sends the role ids under `metadata`; keystoneauth reads `is_admin` there.
    value["access"]["metadata"] = json!({"roles": [], "is_admin": 0});
    Json(value).into_response()
}

/// The user id Keystone would give this user name: stable across restarts.
pub fn user_id(username: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, username.as_bytes())
        .simple()
        .to_string()
}

/// The catalog: every region's services pointing back at this simulator.
pub fn catalog(public_url: &str, tenant_id: &str) -> Vec<CatalogEntry> {
    let entry = |service_type: &str, name: &str, url: &dyn Fn(&str) -> String| CatalogEntry {
        service_type: service_type.into(),
        name: name.into(),
        endpoints: REGIONS
            .iter()
            .map(|(region, prefix)| Endpoint {
                region: (*region).into(),
                public_url: url(prefix),
                internal_url: None,
                admin_url: None,
            })
            .collect(),
    };
    vec![
        entry("compute", "nova", &|p| {
            format!("{public_url}{p}/v2/{tenant_id}")
        }),
        entry("image", "glance", &|p| format!("{public_url}{p}")),
        CatalogEntry {
            service_type: "identity".into(),
            name: "keystone".into(),
            endpoints: vec![Endpoint {
                region: "KR1".into(),
                public_url: format!("{public_url}/v2.0"),
                internal_url: None,
                admin_url: None,
            }],
        },
        entry("key-manager", "barbican", &|p| {
            format!("{public_url}{p}/key-manager")
        }),
        entry("volumev2", "cinderv2", &|p| {
            format!("{public_url}{p}/v2/{tenant_id}")
        }),
        entry("network", "neutron", &|p| format!("{public_url}{p}")),
    ]
}

/// `GET /v2.0`: the identity version document keystoneauth's discovery reads.
pub async fn identity_version(State(app): State<AppState>) -> Json<serde_json::Value> {
    Json(json!({"version": {
        "status": "stable",
        "updated": "2014-04-17T00:00:00Z",
        "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v2.0+json"}],
        "id": "v2.0",
        "links": [
            {"href": format!("{}/v2.0/", app.public_url), "rel": "self"},
            {"href": "https://docs.openstack.org/", "rel": "describedby", "type": "text/html"}
        ]
    }}))
}

/// The scope a request runs in, put in the request's extensions by [`require_token`].
#[derive(Debug, Clone)]
pub struct Caller {
    pub tenant_id: String,
}

/// Rejects calls without a valid, scoped token the way keystonemiddleware does in front of
/// Nova, Glance, Neutron and Cinder.
pub async fn require_token(
    State(app): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let header = token_header(request.headers());
    match app.tokens.check(header.as_deref(), app.clock.now()) {
        Ok(IssuedToken {
            tenant_id: Some(tenant_id),
            ..
        }) => {
            request.extensions_mut().insert(Caller { tenant_id });
            next.run(request).await
        }
        Ok(_) => KeystoneError {
            status: axum::http::StatusCode::FORBIDDEN,
            message: "The token is not scoped to a project.".into(),
            identity_uri: None,
        }
        .into_response(),
        Err(_) => KeystoneError::unauthorized(
            "The request you have made requires authentication.",
            Some(app.identity_url()),
        )
        .into_response(),
    }
}

fn token_header(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-auth-token")
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
}
