//! Serving the built console: static files, `index.html` for deep links, `config.json`,
//! and the version document for API clients at `/`.

mod common;

use common::*;
use reqwest::{Method, StatusCode};

#[tokio::test]
async fn serves_the_console_with_an_index_fallback() {
    let dist = small_dist(
        "compute-sim-dist",
        "Compute Console",
        &[("app.js", b"console.log(1)")],
    );
    let mut config = test_config();
    config.dist = Some(dist.clone());
    let sim = Sim::with(config).await;
    let get = |path: &str, accept: &str| {
        let request = sim
            .client
            .get(format!("{}{path}", sim.url))
            .header("Accept", accept);
        async move { common::reply(request.send().await.unwrap()).await }
    };

    let index = get("/", "text/html,application/xhtml+xml").await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.text.contains("Compute Console"));
    // OpenStack clients asking for JSON still get the version list.
    let versions = get("/", "application/json").await;
    assert_eq!(versions.json["versions"][0]["id"], "v2.0");

    let script = get("/app.js", "*/*").await;
    assert_eq!(script.text, "console.log(1)");
    let deep = get(
        "/instances/5e1f0000-0000-4000-8000-000000000001",
        "text/html",
    )
    .await;
    assert_eq!(deep.status, StatusCode::OK);
    assert!(deep.text.contains("Compute Console"));

    // API paths never fall back to the console.
    let api = get("/v2/nowhere/at/all", "text/html").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.json["itemNotFound"]["code"], 404);

    let config = get("/config.json", "application/json").await;
    assert_eq!(config.json["identityUrl"], sim.url);
    assert_eq!(config.json["defaultRegion"], "KR1");
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test]
async fn the_builds_compressed_copies_are_sent_to_browsers_that_accept_them() {
    let dist = small_dist(
        "compute-sim-dist-compressed",
        "Compute Console",
        &[
            ("app.wasm", b"raw wasm bytes"),
            ("app.wasm.br", b"brotli bytes"),
            ("app.wasm.gz", b"gzip bytes"),
        ],
    );
    let mut config = test_config();
    config.dist = Some(dist.clone());
    let sim = Sim::with(config).await;
    let get = |encodings: &'static str| {
        let request = sim
            .client
            .get(format!("{}/app.wasm", sim.url))
            .header("Accept-Encoding", encodings);
        async move { request.send().await.unwrap() }
    };
    for (accepts, encoding, body) in [
        ("br, gzip", Some("br"), "brotli bytes"),
        ("gzip", Some("gzip"), "gzip bytes"),
        ("identity", None, "raw wasm bytes"),
    ] {
        let answer = get(accepts).await;
        assert_eq!(answer.status(), StatusCode::OK);
        let sent = answer
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_string());
        assert_eq!(sent.as_deref(), encoding, "{accepts}");
        assert_eq!(
            answer.headers()["content-type"],
            "application/wasm",
            "{accepts}"
        );
        assert_eq!(answer.text().await.unwrap(), body, "{accepts}");
    }
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test]
async fn console_settings_are_added_to_config_json() {
    let mut config = test_config();
    config.console_settings = serde_json::json!({
        "idleTimeoutMinutes": 0.5,
        "embed": {"allowedOrigins": ["https://admin.example.com"]},
        "defaultRegion": "KR2"
    })
    .as_object()
    .cloned()
    .unwrap();
    let sim = Sim::with(config).await;
    let reply = sim.raw(Method::GET, "/config.json", None, None).await;
    assert_eq!(reply.json["identityUrl"], sim.url);
    assert_eq!(reply.json["idleTimeoutMinutes"], 0.5);
    assert_eq!(
        reply.json["embed"]["allowedOrigins"][0],
        "https://admin.example.com"
    );
    // A setting replaces the simulator's own.
    assert_eq!(reply.json["defaultRegion"], "KR2");
}

#[tokio::test]
async fn public_url_is_used_in_the_catalog_and_config() {
    let mut config = test_config();
    config.public_url = Some("https://sim.example.com/".into());
    let sim = Sim::with(config).await;
    let reply = sim
        .raw(
            reqwest::Method::POST,
            "/v2.0/tokens",
            Some(token_body("demo-password")),
            None,
        )
        .await;
    let token: compute_api::identity::TokenResponse = reply.decode();
    assert_eq!(
        token.access.endpoint("compute", "KR1").unwrap(),
        format!("https://sim.example.com/v2/{TENANT}")
    );
    let config = sim
        .raw(reqwest::Method::GET, "/config.json", None, None)
        .await;
    assert_eq!(config.json["identityUrl"], "https://sim.example.com");
}
