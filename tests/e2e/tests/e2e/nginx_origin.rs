//! The deployment recipe for real: nginx rendered by deploy/render.sh serves the console and
//! reverse-proxies identity, compute, image, network and volume (here: the simulator) under one
//! origin, with its Content-Security-Policy. Sign in and list instances through it, with no
//! CSP violation.

use console_e2e::nginx::{Nginx, TlsUpstream};
use console_e2e::{http_request, Browser, Simulator, PASSWORD, TENANT, USERNAME};

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_and_list_through_nginx_without_csp_violations() {
    let sim = Simulator::start(&["--test-control"]);
    let nginx = Nginx::start(&sim.url);
    let origin = nginx.origin.clone();

    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{origin}/instances"))
        .await
        .expect("open a deep link through nginx");
    browser.watch_csp_violations().await;
    // An admin site on the same origin has its session cookie: it must stay on this side.
    browser
        .client
        .execute("document.cookie = 'admin_session=secret; path=/';", vec![])
        .await
        .expect("set a cookie");
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;
    browser.screenshot("nginx-instances").await;
    let log = sim.request_log().await;
    assert!(
        !log.is_empty(),
        "the simulator saw the sign-in and the list"
    );
    let leaked: Vec<_> = log.iter().filter(|e| e["cookie"] != false).collect();
    assert!(
        leaked.is_empty(),
        "cookies forwarded to the API: {leaked:?}"
    );

    let violations = browser.csp_violations().await;
    assert_eq!(violations, serde_json::json!([]), "CSP violations");

    // The headers the recipe promises, on the page and on an API error.
    let headers = browser
        .client
        .execute_async(
            "const done = arguments[0];
             Promise.all([fetch('/'), fetch('/api/kr1/compute/v2/x/servers')]).then(([page, api]) => done({
               csp: page.headers.get('content-security-policy'),
               nosniff: page.headers.get('x-content-type-options'),
               referrer: page.headers.get('referrer-policy'),
               cache: page.headers.get('cache-control'),
               apiStatus: api.status,
               apiCsp: api.headers.get('content-security-policy'),
             }));",
            vec![],
        )
        .await
        .expect("fetch headers");
    let csp = headers["csp"].as_str().unwrap_or_default();
    for part in [
        "'wasm-unsafe-eval'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "'sha256-",
    ] {
        assert!(csp.contains(part), "CSP lacks {part}: {csp}");
    }
    assert!(
        !csp.contains("'unsafe-inline'"),
        "CSP allows inline scripts: {csp}"
    );
    assert_eq!(headers["nosniff"], "nosniff");
    assert_eq!(headers["referrer"], "no-referrer");
    assert_eq!(
        headers["cache"], "no-store",
        "index.html must not be cached"
    );
    assert_eq!(
        headers["apiStatus"], 401,
        "the API answers through the proxy (no token: 401)"
    );
    assert_eq!(
        headers["apiCsp"].as_str(),
        Some(csp),
        "error responses carry the policy too"
    );

    browser.close().await;
    drop(nginx);
}

fn token_request() -> serde_json::Value {
    serde_json::json!({"auth": {"tenantId": TENANT, "passwordCredentials": {
        "username": USERNAME, "password": PASSWORD}}})
}

/// The upstreams' certificates are verified: one that presents a self-signed certificate is
/// refused (and sees no request) until its CA is configured. With TLS terminating at nginx
/// (`HSTS=on`) the answers say so, and API answers are never cached.
#[tokio::test(flavor = "multi_thread")]
async fn an_upstream_certificate_is_verified_against_the_configured_ca() {
    let sim = Simulator::start(&["--test-control"]);
    let upstream = TlsUpstream::start(&sim.url);

    let default_ca = Nginx::start_with(&upstream.url, "");
    let refused = http_request(
        "POST",
        &format!("{}/api/identity/v2.0/tokens", default_ca.origin),
        &[],
        Some(token_request()),
    )
    .await;
    assert_eq!(
        refused.status, 502,
        "an unverified upstream answered: {}",
        refused.json
    );
    assert!(
        sim.request_log().await.is_empty(),
        "the password reached an upstream nginx could not verify"
    );
    drop(default_ca);

    let trusting = Nginx::start_with(
        &upstream.url,
        &format!("UPSTREAM_CA={}\nHSTS=on", upstream.ca.display()),
    );
    let signed_in = http_request(
        "POST",
        &format!("{}/api/identity/v2.0/tokens", trusting.origin),
        &[],
        Some(token_request()),
    )
    .await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.json);
    assert!(signed_in.json["access"]["token"]["id"].is_string());
    let header = |name: &str| {
        signed_in
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(header("cache-control"), "no-store");
    assert!(header("strict-transport-security").contains("max-age="));
}

/// API paths are proxied whatever they end in (a key pair named `deploy.js` is valid), and
/// neither the console origin's cookies nor an `Authorization` header reach the API.
#[tokio::test(flavor = "multi_thread")]
async fn api_paths_that_look_like_files_are_proxied_without_the_origins_credentials() {
    let sim = Simulator::start(&["--test-control"]);
    let nginx = Nginx::start(&sim.url);
    let token = sim.token().await;
    let (status, answer) = sim
        .call(
            "POST",
            &format!("/v2/{TENANT}/os-keypairs"),
            Some(&token),
            Some(serde_json::json!({"keypair": {"name": "deploy.js"}})),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    sim.control("DELETE", "/_sim/requests", None).await;

    let credentials = [
        ("x-auth-token", token.as_str()),
        ("cookie", "admin_session=secret"),
        ("authorization", "Basic YWRtaW46c2VjcmV0"),
    ];
    let through_nginx = http_request(
        "GET",
        &format!(
            "{}/api/kr1/compute/v2/{TENANT}/os-keypairs/deploy.js",
            nginx.origin
        ),
        &credentials,
        None,
    )
    .await;
    assert_eq!(through_nginx.status, 200, "{}", through_nginx.json);
    assert_eq!(through_nginx.json["keypair"]["name"], "deploy.js");
    assert_eq!(
        through_nginx
            .headers
            .get("cache-control")
            .map(|v| v.to_str().unwrap()),
        Some("no-store")
    );
    let log = sim.request_log().await;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["cookie"], false, "{log:?}");
    assert_eq!(log[0]["authorization"], false, "{log:?}");

    // The same request straight to the simulator does carry them: the log can tell.
    http_request(
        "GET",
        &format!("{}/v2/{TENANT}/os-keypairs/deploy.js", sim.url),
        &credentials,
        None,
    )
    .await;
    let log = sim.request_log().await;
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[1]["cookie"], true, "{log:?}");
    assert_eq!(log[1]["authorization"], true, "{log:?}");
}

/// The session settings reach `config.json`: defaults when unset; the origins allowed to frame
/// the console are the ones that may hand it a session (its keywords are not), and the idle
/// timeout and persistence are taken as given.
#[tokio::test(flavor = "multi_thread")]
async fn the_session_settings_reach_config_json() {
    let sim = Simulator::start(&[]);
    let defaults = Nginx::start(&sim.url);
    let config = http_request(
        "GET",
        &format!("{}/config.json", defaults.origin),
        &[],
        None,
    )
    .await;
    assert_eq!(config.json["idleTimeoutMinutes"], 60, "{}", config.json);
    assert_eq!(config.json["sessionPersistence"], "tab");
    assert_eq!(
        config.json["embed"]["allowedOrigins"],
        serde_json::json!([])
    );
    drop(defaults);

    let embedded = Nginx::start_with(
        &sim.url,
        "FRAME_ANCESTORS=\"'self' https://admin.example.com https://ops.example.com/\"\nIDLE_TIMEOUT_MINUTES=15\nSESSION_PERSISTENCE=memory",
    );
    let config = http_request(
        "GET",
        &format!("{}/config.json", embedded.origin),
        &[],
        None,
    )
    .await;
    assert_eq!(
        config.json["embed"]["allowedOrigins"],
        serde_json::json!(["https://admin.example.com", "https://ops.example.com"]),
        "{}",
        config.json
    );
    assert_eq!(config.json["idleTimeoutMinutes"], 15);
    assert_eq!(config.json["sessionPersistence"], "memory");
    let page = http_request("GET", &format!("{}/", embedded.origin), &[], None).await;
    let csp = page.headers["content-security-policy"]
        .to_str()
        .unwrap_or_default();
    assert!(
        csp.contains("frame-ancestors 'self' https://admin.example.com"),
        "{csp}"
    );
}

/// The brotli (quality 11) size of `bytes`, computed as the benchmark does.
fn brotli_size(bytes: &[u8]) -> u64 {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("brotli");
    out.len() as u64
}

#[tokio::test(flavor = "multi_thread")]
async fn the_console_travels_compressed_as_the_benchmark_counts_it() {
    let sim = Simulator::start(&[]);
    let nginx = Nginx::start(&sim.url);
    let origin = nginx.origin.clone();
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{origin}/instances"))
        .await
        .expect("open the console through nginx");
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;

    // Every wasm, js and css file the browser loaded to sign in and show /instances, with the
    // bytes that crossed the wire for each.
    let loaded = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource')
               .filter((e) => /\\.(wasm|js|css)$/.test(new URL(e.name).pathname))
               .map((e) => [new URL(e.name).pathname, e.encodedBodySize, e.decodedBodySize]);",
            vec![],
        )
        .await
        .expect("read the resource timings");
    let loaded = loaded.as_array().expect("a list").clone();
    assert!(
        loaded
            .iter()
            .any(|e| e[0].as_str().unwrap().ends_with(".wasm")),
        "the wasm was loaded: {loaded:?}"
    );
    let dist = std::path::PathBuf::from(
        std::env::var_os("CONSOLE_DIST").expect("CONSOLE_DIST: the built console"),
    );
    let (mut on_the_wire, mut brotli) = (0u64, 0u64);
    for entry in &loaded {
        let path = entry[0].as_str().unwrap();
        // What nginx answers a browser that accepts brotli.
        let answer = http_request(
            "GET",
            &format!("{origin}{path}"),
            &[("accept-encoding", "br, gzip")],
            None,
        )
        .await;
        assert_eq!(answer.status, 200, "{path}");
        let encoding = answer
            .headers
            .get("content-encoding")
            .and_then(|v| v.to_str().ok());
        assert_eq!(encoding, Some("br"), "{path} is sent compressed");
        let vary = answer
            .headers
            .get("vary")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(vary.contains("Accept-Encoding"), "{path}: vary {vary:?}");
        let raw = std::fs::read(dist.join(path.trim_start_matches('/'))).expect("the built file");
        assert_eq!(entry[2].as_u64(), Some(raw.len() as u64), "{path} decoded");
        on_the_wire += entry[1].as_u64().unwrap();
        brotli += brotli_size(&raw);
    }
    let ratio = on_the_wire as f64 / brotli as f64;
    eprintln!(
        "sign-in + /instances: {} KB on the wire, {} KB brotli 11 ({ratio:.4})",
        on_the_wire / 1024,
        brotli / 1024
    );
    assert!(
        (ratio - 1.0).abs() <= 0.01,
        "{on_the_wire} bytes on the wire against {brotli} brotli"
    );
    // A browser that accepts nothing gets the raw file, and gzip-only clients the gzip copy.
    let wasm = loaded
        .iter()
        .find(|e| e[0].as_str().unwrap().ends_with(".wasm"))
        .unwrap()[0]
        .as_str()
        .unwrap()
        .to_string();
    let plain = http_request("GET", &format!("{origin}{wasm}"), &[], None).await;
    assert!(plain.headers.get("content-encoding").is_none());
    let gzip = http_request(
        "GET",
        &format!("{origin}{wasm}"),
        &[("accept-encoding", "gzip")],
        None,
    )
    .await;
    assert_eq!(
        gzip.headers
            .get("content-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("gzip")
    );
    browser.close().await;
    drop(nginx);
}
