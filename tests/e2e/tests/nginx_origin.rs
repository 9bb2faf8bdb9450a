//! The deployment recipe for real: nginx rendered by deploy/render.sh serves the console and
//! reverse-proxies identity, compute, image, network and volume (here: the simulator) under one
//! origin, with its Content-Security-Policy. Sign in and list instances through it, with no
//! CSP violation.

use console_e2e::nginx::Nginx;
use console_e2e::{Browser, Simulator};

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_and_list_through_nginx_without_csp_violations() {
    let sim = Simulator::start(&[]);
    let nginx = Nginx::start(&sim.url);
    let origin = nginx.origin.clone();

    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{origin}/instances"))
        .await
        .expect("open a deep link through nginx");
    browser.watch_csp_violations().await;
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;
    browser.screenshot("nginx-instances").await;

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
