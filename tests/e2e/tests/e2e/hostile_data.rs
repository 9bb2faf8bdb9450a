//! Hostile data: instances whose names, metadata keys and values are XSS payloads (from the
//! OWASP filter-evasion cheat sheet, polyglots, template expressions, `javascript:` URLs,
//! right-to-left overrides, zero-width characters and a 255-character name), an image and a key
//! pair carrying payloads are created through the API, then every screen that shows them is
//! opened through the nginx recipe with its Content-Security-Policy: the list, the quick filter,
//! an instance's page, the create wizard (its pickers, the request and curl it shows), the key
//! pairs, a key pair's page and its create form, flavors and zones. Each must appear literally:
//! no script runs, no dialog opens, no element is injected, no CSP violation is reported.
//! Names take English characters only (the seed's rule): the payloads with other characters
//! are refused as names and travel as metadata.

use console_e2e::nginx::Nginx;
use console_e2e::seed::BATCH_U2;
use console_e2e::{Browser, Simulator, TENANT};
use fantoccini::Locator;
use serde_json::{json, Value};

/// Each payload that ran would set `window.__xss` or open an alert.
const PAYLOADS: &[&str] = &[
    "<script>window.__xss=1</script>",
    "\"><img src=x onerror=\"window.__xss=2\">",
    "<svg/onload=window.__xss=3>",
    "javascript:window.__xss=4",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e",
    "<iframe src=\"javascript:window.__xss=7\"></iframe>",
    "' onmouseover='window.__xss=8' x='",
    "<IMG SRC=\"jav&#x09;ascript:window.__xss=9;\">",
    "&lt;b&gt;not bold&lt;/b&gt; <b>nor this</b>",
    "\u{202e}gnp.exe",
    "web\u{200b}-zero\u{200d}width\u{feff}",
    "<a href=\"javascript:window.__xss=13\">click</a>",
    "<details open ontoggle=window.__xss=14>",
];

/// The name of an image made from it.
const HOSTILE_IMAGE: &str = "<img src=x onerror=window.__xss=30>";

/// A real ed25519 public key whose comment is a payload: shown on the key pair's detail page.
const HOSTILE_PUBLIC_KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM9xWu7wL3bCj0z1bC2r7c3cHDPuV3vUwR5V6OqZ7mNs \
     <img src=x onerror=window.__xss=20>";

async fn script(browser: &Browser, js: &str) -> Value {
    browser
        .client
        .execute(js, vec![])
        .await
        .unwrap_or_else(|e| panic!("run {js}: {e}"))
}

/// Nothing ran, nothing opened, nothing was injected, nothing violated the policy.
async fn assert_inert(browser: &Browser, screen: &str) {
    assert!(
        browser.client.get_alert_text().await.is_err(),
        "{screen}: a dialog opened"
    );
    assert_eq!(
        script(
            browser,
            "return window.__xss === undefined ? null : window.__xss;"
        )
        .await,
        Value::Null,
        "{screen}: a payload ran"
    );
    let injected = script(
        browser,
        "return [...document.querySelectorAll('main img, main iframe, main svg, main script, \
         main a[href^=\"javascript\"], [onerror], [onload], [onmouseover], \
         [onclick], [ontoggle]')].map(e => e.outerHTML);",
    )
    .await;
    assert_eq!(injected, json!([]), "{screen}: elements injected");
    assert_eq!(
        browser.csp_violations().await,
        json!([]),
        "{screen}: CSP violations"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn xss_payloads_in_names_and_metadata_are_shown_as_text_on_every_screen() {
    let sim = Simulator::start(&[]);
    let token = sim.token().await;
    let long_name = format!("{}>", "<b>".repeat(84));
    assert_eq!(long_name.chars().count(), 253);
    let english = |p: &str| p.chars().all(|c| (' '..='~').contains(&c));
    let mut created = Vec::new();
    for name in PAYLOADS
        .iter()
        .copied()
        .filter(|p| english(p))
        .chain([long_name.as_str()])
    {
        created.push((sim.create_server(&token, name, json!({})).await, name));
    }
    for name in PAYLOADS.iter().filter(|p| !english(p)) {
        let (status, answer) = sim
            .call(
                "POST",
                &format!("/v2/{TENANT}/servers"),
                Some(&token),
                Some(json!({"server": {"name": name, "imageRef": "x", "flavorRef": "y", "networks": []}})),
            )
            .await;
        assert_eq!(status, 400, "{name:?} as a name: {answer}");
    }
    // An image whose name is a payload, made from a U2 instance: the wizard lists it.
    let (status, answer) = sim
        .call(
            "POST",
            &format!("/v2/{TENANT}/servers/{BATCH_U2}/action"),
            Some(&token),
            Some(json!({"createImage": {"name": HOSTILE_IMAGE, "metadata": {}}})),
        )
        .await;
    assert_eq!(status, 202, "create the image: {answer}");
    let deadline = std::time::Instant::now() + console_e2e::UI_TIMEOUT;
    loop {
        let (_, images) = sim
            .call("GET", "/v2/images?limit=100", Some(&token), None)
            .await;
        let ready = images["images"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|i| i["name"] == HOSTILE_IMAGE && i["status"] == "active");
        if ready {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the image did not become active"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // One instance carries every payload as a metadata value, and some as keys.
    let metadata: serde_json::Map<String, Value> = PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("k{i:02}"), json!(p)))
        .chain(PAYLOADS[..3].iter().map(|p| (p.to_string(), json!("v"))))
        .collect();
    let metadata_holder = sim
        .create_server(&token, PAYLOADS[1], Value::Object(metadata))
        .await;
    let keypair = json!({"keypair": {"name": "hostile-comment", "public_key": HOSTILE_PUBLIC_KEY}});
    let (status, answer) = sim
        .call(
            "POST",
            &format!("/v2/{TENANT}/os-keypairs"),
            Some(&token),
            Some(keypair),
        )
        .await;
    assert_eq!(status, 200, "import the key pair: {answer}");

    let nginx = Nginx::start(&sim.url);
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/", nginx.origin))
        .await
        .expect("open the console through nginx");
    browser.watch_csp_violations().await;
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;

    // The list: every name, exactly. Only the rows in view are drawn, so the list is read
    // while scrolling through it, then put back at the top.
    let names = browser
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
const list = document.querySelector('[data-testid="instance-list"]');
const names = {};
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
(async () => {
  for (;;) {
    for (const row of document.querySelectorAll('[data-testid="instance-row"]')) {
      names[row.dataset.id] = row.querySelector('a').textContent;
    }
    if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) break;
    list.scrollTop += list.clientHeight;
    await frames();
  }
  list.scrollTop = 0;
  await frames();
  done(names);
})();"#,
            vec![],
        )
        .await
        .expect("read the names in the list");
    for (id, name) in &created {
        assert_eq!(names[id.as_str()], json!(name), "list name of {id}");
    }
    browser.screenshot("hostile-list").await;
    assert_inert(&browser, "list").await;

    // The quick filter takes a payload as text too: two instances carry this name.
    browser.fill("instance-filter", PAYLOADS[1]).await;
    browser
        .wait_until("the quick filter to keep two rows", || async {
            browser.count("instance-row").await == 2
        })
        .await;
    assert_inert(&browser, "quick filter").await;

    // The detail page: name, metadata keys and values, the raw JSON.
    browser
        .click_css(&format!(
            "[data-testid=\"instance-row\"][data-id=\"{metadata_holder}\"] a"
        ))
        .await;
    let heading = browser.by_test_id("instance-name").await;
    assert_eq!(heading.text().await.unwrap_or_default(), PAYLOADS[1]);
    let page_text = script(
        &browser,
        "return document.querySelector('main').textContent;",
    )
    .await;
    let page_text = page_text.as_str().unwrap_or_default();
    for payload in PAYLOADS {
        assert!(page_text.contains(payload), "detail page lacks {payload:?}");
    }
    browser.screenshot("hostile-detail").await;
    assert_inert(&browser, "detail").await;

    // The key pair's detail page shows the public key with its comment.
    browser.click("nav-keypairs").await;
    browser
        .click_css("[data-testid=\"keypair-row\"][data-name=\"hostile-comment\"] a")
        .await;
    let shown = browser.by_test_id("keypair-public-key-text").await;
    assert_eq!(shown.text().await.unwrap_or_default(), HOSTILE_PUBLIC_KEY);
    assert_inert(&browser, "key pair detail").await;

    // The key pair form: a payload typed as a name is refused in words, as text.
    browser.click("nav-keypairs").await;
    browser.click("keypair-create").await;
    browser.fill("keypair-name", PAYLOADS[2]).await;
    browser.click("keypair-submit").await;
    browser.by_test_id("field-error").await;
    assert_inert(&browser, "key pair form").await;

    // The create wizard: the image picker lists the hostile image, the key pair picker the
    // key pairs, and Review shows the typed payload name in the request and the curl command.
    browser.click("nav-instances").await;
    browser.click("instance-create").await;
    browser.fill("create-name", PAYLOADS[7]).await;
    browser
        .click_css("[data-testid=\"create-step\"][data-step=\"image\"]")
        .await;
    browser
        .wait_until("the hostile image in the picker", || async {
            script(
                &browser,
                "return document.querySelector('main').textContent;",
            )
            .await
            .as_str()
            .is_some_and(|text| text.contains(HOSTILE_IMAGE))
        })
        .await;
    assert_inert(&browser, "wizard: images").await;
    browser
        .click_css("[data-testid=\"create-step\"][data-step=\"access\"]")
        .await;
    browser.by_test_id("create-keypair").await;
    assert_inert(&browser, "wizard: key pairs").await;
    browser
        .click_css("[data-testid=\"create-step\"][data-step=\"review\"]")
        .await;
    let request = browser
        .by_test_id("create-review-json")
        .await
        .text()
        .await
        .unwrap_or_default();
    let request: Value = serde_json::from_str(&request).expect("the review shows JSON");
    assert_eq!(request["server"]["name"], PAYLOADS[7]);
    browser.screenshot("hostile-wizard-review").await;
    assert_inert(&browser, "wizard: review").await;
    // Leave no draft behind for the screens below.
    browser.click("create-start-over").await;

    // The other screens that show API strings.
    for (nav, ready) in [
        ("nav-keypairs", "keypair-row"),
        ("nav-flavors", "flavor-row"),
        ("nav-zones", "zone-row"),
        ("nav-instances", "instance-row"),
    ] {
        browser
            .by_test_id(nav)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("open {nav}: {e}"));
        browser
            .client
            .wait()
            .at_most(console_e2e::UI_TIMEOUT)
            .for_element(Locator::Css(&format!("[data-testid=\"{ready}\"]")))
            .await
            .unwrap_or_else(|e| panic!("{ready} on {nav}: {e}"));
        assert_inert(&browser, nav).await;
    }

    browser.close().await;
    drop(nginx);
}
