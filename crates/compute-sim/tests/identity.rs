//! Keystone v2.0 tokens, the catalog, token checks, version documents, CORS, request ids.

mod common;

use std::time::Duration;

use common::*;
use compute_api::identity::TokenResponse;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn token_and_catalog_decode_with_compute_api() {
    let sim = Sim::start().await;
    let reply = sim
        .raw(
            Method::POST,
            "/v2.0/tokens",
            Some(token_body("demo-password")),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let token: TokenResponse = reply.decode();
    let access = token.access;
    assert_eq!(access.token.tenant.as_ref().unwrap().id, TENANT);
    assert!(
        access.token.expires.ends_with('Z') && access.token.expires.len() == 20,
        "{}",
        access.token.expires
    );
    assert_eq!(access.compute_regions(), vec!["KR1", "KR2"]);
    assert_eq!(
        access.endpoint("compute", "KR1").unwrap(),
        format!("{}/v2/{TENANT}", sim.url)
    );
    assert_eq!(
        access.endpoint("compute", "KR2").unwrap(),
        format!("{}/kr2/v2/{TENANT}", sim.url)
    );
    assert_eq!(access.endpoint("image", "KR1").unwrap(), sim.url);
    assert_eq!(access.endpoint("network", "KR1").unwrap(), sim.url);
    assert_eq!(
        access.endpoint("volumev2", "KR1").unwrap(),
        format!("{}/v2/{TENANT}", sim.url)
    );
    assert_eq!(
        access.endpoint("identity", "KR1").unwrap(),
        format!("{}/v2.0", sim.url)
    );
    assert!(access.endpoint("key-manager", "KR2").is_some());
    assert!(access.user.is_some());
}

#[tokio::test]
async fn wrong_password_is_a_keystone_401() {
    let sim = Sim::start().await;
    let reply = sim
        .raw(Method::POST, "/v2.0/tokens", Some(token_body("nope")), None)
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json["error"]["code"], 401);
    assert_eq!(reply.json["error"]["title"], "Unauthorized");
    assert!(reply.json["error"]["message"].is_string());
    // An unknown tenant is refused the same way.
    let body = json!({"auth": {"tenantId": "someone-else", "passwordCredentials": {"username": "demo@example.com", "password": "demo-password"}}});
    let reply = sim
        .raw(Method::POST, "/v2.0/tokens", Some(body), None)
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // Not JSON at all: 400 in Keystone's shape.
    let response = sim
        .client
        .post(format!("{}/v2.0/tokens", sim.url))
        .body("{")
        .send()
        .await
        .unwrap();
    let reply = reply_of(response).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json["error"]["code"], 400);
}

async fn reply_of(response: reqwest::Response) -> Reply {
    common::reply(response).await
}

#[tokio::test]
async fn tenant_name_and_rescoping_with_a_token() {
    let sim = Sim::start().await;
    let name = compute_sim::auth::tenant_name(TENANT);
    let body = json!({"auth": {"tenantName": name, "passwordCredentials": {"username": "demo@example.com", "password": "demo-password"}}});
    let reply = sim
        .raw(Method::POST, "/v2.0/tokens", Some(body), None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let body = json!({"auth": {"token": {"id": sim.token}, "tenantId": TENANT}});
    let reply = sim
        .raw(Method::POST, "/v2.0/tokens", Some(body), None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let token: TokenResponse = reply.decode();
    assert_ne!(token.access.token.id, sim.token);
    let body = json!({"auth": {"token": {"id": "not-a-token"}, "tenantId": TENANT}});
    let reply = sim
        .raw(Method::POST, "/v2.0/tokens", Some(body), None)
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn calls_without_or_with_a_bad_token_get_401() {
    let sim = Sim::start().await;
    for token in [None, Some("bogus")] {
        for path in [
            format!("/v2/{TENANT}/servers"),
            "/v2/images".into(),
            "/v2.0/networks".into(),
            format!("/v2/{TENANT}/volumes"),
        ] {
            let reply = sim.raw(Method::GET, &path, None, token).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
            assert_eq!(reply.json["error"]["code"], 401);
            assert!(reply
                .header("www-authenticate")
                .unwrap()
                .starts_with("Keystone uri="));
            assert!(reply.header("x-compute-request-id").is_some());
        }
    }
}

#[tokio::test]
async fn expired_tokens_get_401() {
    let mut config = test_config();
    config.token_ttl = Duration::from_secs(60);
    config.test_control = true;
    let sim = Sim::with(config).await;
    assert_eq!(sim.get("/servers").await.status, StatusCode::OK);
    sim.advance_clock(59_000).await;
    assert_eq!(sim.get("/servers").await.status, StatusCode::OK);
    sim.advance_clock(1_000).await;
    let reply = sim.get("/servers").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json["error"]["title"], "Unauthorized");
}

#[tokio::test]
async fn another_tenant_in_the_path_is_refused() {
    let sim = Sim::start().await;
    let reply = sim
        .raw(
            Method::GET,
            "/v2/0000000000000000000000000000000f/servers",
            None,
            Some(&sim.token),
        )
        .await;
    reply.assert_fault(400, "badRequest");
    assert!(reply.json["badRequest"]["message"]
        .as_str()
        .unwrap()
        .contains("doesn't match Context's project_id"));
}

#[tokio::test]
async fn version_documents_need_no_token() {
    let sim = Sim::start().await;
    let root = sim.raw(Method::GET, "/", None, None).await;
    assert_eq!(root.status, StatusCode::OK);
    assert_eq!(root.json["versions"][0]["id"], "v2.0");
    for path in ["/v2", "/v2/", &format!("/v2/{TENANT}"), "/kr2/v2/"] {
        let reply = sim.raw(Method::GET, path, None, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.json["version"]["id"], "v2.0", "{path}");
    }
    let identity = sim.raw(Method::GET, "/v2.0", None, None).await;
    assert_eq!(identity.json["version"]["id"], "v2.0");
    assert_eq!(
        identity.json["version"]["links"][0]["href"],
        format!("{}/v2.0/", sim.url)
    );
}

#[tokio::test]
async fn request_ids_on_every_response() {
    let sim = Sim::start().await;
    for reply in [
        sim.get("/servers").await,
        sim.get("/servers/nope").await,
        sim.raw(Method::GET, "/", None, None).await,
        sim.raw(Method::POST, "/v2.0/tokens", Some(token_body("x")), None)
            .await,
    ] {
        let id = reply
            .header("x-compute-request-id")
            .expect("x-compute-request-id");
        assert!(id.starts_with("req-") && id.len() == 40, "{id}");
        assert_eq!(reply.header("x-openstack-request-id"), Some(id));
    }
}

#[tokio::test]
async fn cors_preflight_and_exposed_headers() {
    let mut config = test_config();
    config.allow_origins = vec!["http://console.example".into()];
    let sim = Sim::with(config).await;
    let preflight = sim
        .client
        .request(
            Method::OPTIONS,
            format!("{}/v2/{TENANT}/servers/detail", sim.url),
        )
        .header("Origin", "http://console.example")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "x-auth-token, content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let headers = preflight.headers();
    assert_eq!(
        headers["access-control-allow-origin"],
        "http://console.example"
    );
    let allowed = headers["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        allowed.contains("x-auth-token") && allowed.contains("content-type"),
        "{allowed}"
    );
    assert!(headers["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("DELETE"));

    // Errors carry CORS headers too, so the browser lets the console read the fault.
    let response = sim
        .client
        .get(format!("{}/v2/{TENANT}/servers", sim.url))
        .header("Origin", "http://console.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "http://console.example"
    );
    let exposed = response.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    for name in [
        "location",
        "x-compute-request-id",
        "x-openstack-request-id",
        "retry-after",
    ] {
        assert!(exposed.contains(name), "{exposed}");
    }

    // Another origin gets no permission.
    let response = sim
        .client
        .get(format!("{}/", sim.url))
        .header("Origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert!(response
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

#[tokio::test]
async fn cors_star_allows_any_origin() {
    let mut config = test_config();
    config.allow_origins = vec!["*".into()];
    let sim = Sim::with(config).await;
    let response = sim
        .client
        .get(format!("{}/v2/{TENANT}/flavors", sim.url))
        .header("Origin", "http://anywhere.example")
        .header("X-Auth-Token", &sim.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn a_second_user_signs_in_and_a_rescoped_token_keeps_its_user() {
    let mut config = test_config();
    config.extra_users = vec![("ops@example.com".into(), "ops-password".into())];
    let sim = Sim::with(config).await;
    let sign_in = |username: &str, password: &str| json!({"auth": {"tenantId": TENANT, "passwordCredentials": {"username": username, "password": password}}});
    let reply = sim
        .raw(
            Method::POST,
            "/v2.0/tokens",
            Some(sign_in("ops@example.com", "ops-password")),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["access"]["user"]["name"], "ops@example.com");
    let ops_token = reply.json["access"]["token"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // Each user has its own password.
    let reply = sim
        .raw(
            Method::POST,
            "/v2.0/tokens",
            Some(sign_in("ops@example.com", "demo-password")),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // Re-scoping keeps the token's user, not the configured one.
    let body = json!({"auth": {"token": {"id": ops_token}, "tenantId": TENANT}});
    let reply = sim
        .raw(Method::POST, "/v2.0/tokens", Some(body), None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["access"]["user"]["name"], "ops@example.com");
    assert_eq!(reply.json["access"]["token"]["tenant"]["id"], TENANT);
    assert!(reply.json["access"]["serviceCatalog"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));
}
