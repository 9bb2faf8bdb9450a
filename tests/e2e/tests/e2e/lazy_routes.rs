//! The pages that load on their first visit (src/lazy_pages.rs): the first load carries sign-in
//! and the shell only; the instance list's code comes while the user types (or, with a saved
//! session, beside the main module); each other page fetches its own wasm chunk, by navigation or by a
//! deep link, at the site root and under a sub-path behind the nginx recipe; a chunk that
//! cannot be fetched shows "Try again" and never stops the console. Parts of the list (the
//! palette, the export, the column chooser's panel, the bulk dialog) load on first use the same way.

use console_e2e::downloads::{wait_for_download, TempDir};
use console_e2e::nginx::{Nginx, ADMIN_PATH};
use console_e2e::{Browser, Simulator};

use crate::instance_ui::KEY_ESCAPE;

/// The addresses of every file the page fetched since it was loaded.
async fn fetched(browser: &Browser) -> Vec<String> {
    let names = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name);",
            vec![],
        )
        .await
        .expect("read the resource timings");
    names
        .as_array()
        .expect("a list")
        .iter()
        .map(|n| n.as_str().unwrap_or_default().to_string())
        .collect()
}

/// The wasm chunks among them, by file name (`split_cc_zones.wasm`).
async fn chunks(browser: &Browser) -> Vec<String> {
    fetched(browser)
        .await
        .into_iter()
        .filter_map(|url| {
            let file = url.rsplit('/').next()?.to_string();
            (file.ends_with(".wasm") && !file.ends_with("_bg.wasm")).then_some(file)
        })
        .collect()
}

/// Clicks the navigation link `nav` and waits for `shown` (a test id) of its page.
async fn visit(browser: &Browser, nav: &str, shown: &str) {
    browser
        .by_test_id(nav)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {nav}: {e}"));
    browser.by_test_id(shown).await;
}

/// A stopped console (the panic hook's notice) or a wasm trap, among the page's errors. The
/// loader's own `console.error` for a refused chunk is expected and not counted.
async fn assert_still_running(browser: &Browser) {
    let errors = browser.page_errors().await;
    let fatal: Vec<_> = errors
        .iter()
        .filter(|e| {
            e.contains("panicked") || e.contains("RuntimeError") || e.contains("unreachable")
        })
        .collect();
    assert!(fatal.is_empty(), "the console stopped: {errors:?}");
    assert!(
        !browser.is_present("console-stopped").await,
        "the console shows its crash notice"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn each_page_fetches_its_own_code_on_its_first_visit() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.watch_page_errors().await;
    assert_eq!(
        chunks(&browser)
            .await
            .into_iter()
            .filter(|c| c.starts_with("split_"))
            .collect::<Vec<_>>(),
        vec!["split_cc_instances.wasm".to_string()],
        "signing in and listing fetched another page's chunk"
    );

    visit(&browser, "nav-zones", "zone-row").await;
    assert!(chunks(&browser)
        .await
        .contains(&"split_cc_zones.wasm".into()));
    // Pointing at a link starts loading its page's code before the click.
    browser
        .client
        .execute(
            "document.querySelector('[data-testid=\"nav-flavors\"]')
                 .dispatchEvent(new PointerEvent('pointerenter'));",
            vec![],
        )
        .await
        .expect("point at Flavors");
    browser
        .wait_until("pointing at Flavors fetches its code", || async {
            chunks(&browser)
                .await
                .contains(&"split_cc_flavors.wasm".to_string())
        })
        .await;
    assert!(!browser.is_present("flavor-row").await);
    visit(&browser, "nav-flavors", "flavor-row").await;
    visit(&browser, "nav-keypairs", "keypair-row").await;
    let seen = chunks(&browser).await;
    for chunk in ["split_cc_flavors.wasm", "split_cc_keypairs.wasm"] {
        assert!(seen.contains(&chunk.to_string()), "{chunk} in {seen:?}");
    }
    // A page visited again is not fetched again.
    visit(&browser, "nav-zones", "zone-row").await;
    let zones = chunks(&browser).await;
    assert_eq!(
        zones.iter().filter(|c| *c == "split_cc_zones.wasm").count(),
        1,
        "{zones:?}"
    );
    assert_still_running(&browser).await;

    // Deep links (a reload, a bookmark) into each other page, the session kept for the tab.
    visit(&browser, "nav-instances", "instance-row").await;
    let id = browser
        .by_test_id("instance-row")
        .await
        .attr("data-id")
        .await
        .expect("read data-id")
        .expect("a row has its id");
    // A key pair the simulator seeds for every tenant.
    let keypair = "demo-key";
    for (path, shown, chunk) in [
        (
            format!("/instances/{id}"),
            "instance-name",
            "split_cc_instance_detail.wasm",
        ),
        (
            "/instances/new".to_string(),
            "create-step",
            "split_cc_create_instance.wasm",
        ),
        (
            format!("/keypairs/{keypair}"),
            "keypair-detail",
            "split_cc_keypair_detail.wasm",
        ),
    ] {
        browser
            .client
            .goto(&format!("{}{path}", sim.url))
            .await
            .expect("open the deep link");
        browser.watch_page_errors().await;
        browser.by_test_id(shown).await;
        let seen = chunks(&browser).await;
        assert!(
            seen.contains(&chunk.to_string()),
            "{path}: {chunk} in {seen:?}"
        );
        assert!(
            !seen.contains(&"split_cc_zones.wasm".to_string()),
            "{path} fetched another page's code: {seen:?}"
        );
        assert_still_running(&browser).await;
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_chunk_offers_try_again_and_the_console_keeps_running() {
    let sim = Simulator::start(&["--test-control"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.watch_page_errors().await;

    // As after a redeploy (or a dropped connection), the zones page's code cannot be had.
    sim.set_faults(&["GET /split_cc_zones.wasm=status:503"])
        .await;
    visit(&browser, "nav-zones", "chunk-error").await;
    assert!(!browser.is_present("chunk-reload").await);
    browser.click("chunk-retry").await;
    // Still refused: the panel says so and offers a reload of the console too.
    browser.by_test_id("chunk-reload").await;
    assert_still_running(&browser).await;

    // The rest of the console works meanwhile.
    visit(&browser, "nav-instances", "instance-row").await;
    visit(&browser, "nav-zones", "chunk-error").await;

    // Once the file can be had, "Try again" shows the page.
    sim.set_faults(&[]).await;
    browser.click("chunk-retry").await;
    browser.by_test_id("zone-row").await;
    assert!(!browser.is_present("chunk-error").await);
    let refused = sim.answers("GET", "/split_cc_zones.wasm").await;
    assert!(
        refused.len() >= 2 && refused.iter().all(|s| *s == 503),
        "the refused reads: {refused:?}"
    );

    // A refused page left before "Try again" loads on the next visit.
    sim.set_faults(&["GET /split_cc_flavors.wasm=status:503"])
        .await;
    visit(&browser, "nav-flavors", "chunk-error").await;
    visit(&browser, "nav-instances", "instance-row").await;
    sim.set_faults(&[]).await;
    visit(&browser, "nav-flavors", "flavor-row").await;
    assert_still_running(&browser).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn under_a_sub_path_behind_nginx_deep_links_reach_every_page() {
    let sim = Simulator::start(&[]);
    let nginx = Nginx::start_under_admin_path(&sim.url);
    let console = format!("{}{}", nginx.origin, ADMIN_PATH.trim_end_matches('/'));
    let browser = Browser::start().await;

    // A bookmark of a lazy page: sign-in first, then the page, its code from under the path.
    browser
        .client
        .goto(&format!("{console}/zones"))
        .await
        .expect("open the deep link");
    browser.watch_csp_violations().await;
    browser.fill_sign_in_form().await;
    browser.by_test_id("zone-row").await;
    let url = browser.client.current_url().await.expect("the url");
    assert_eq!(url.path(), "/admin/compute/zones");
    let files = fetched(&browser).await;
    let chunk = files
        .iter()
        .find(|f| f.ends_with("/split_cc_zones.wasm"))
        .unwrap_or_else(|| panic!("no zones chunk in {files:?}"));
    assert!(
        chunk.starts_with(&format!("{console}/pkg-")),
        "the chunk came from outside the console's path: {chunk}"
    );

    // Through the list into an instance, then a reload of that page.
    visit(&browser, "nav-instances", "instance-row").await;
    browser
        .wait_css("[data-testid=\"instance-row\"] a")
        .await
        .click()
        .await
        .expect("open an instance");
    browser.by_test_id("instance-name").await;
    let url = browser.client.current_url().await.expect("the url");
    assert!(url.path().starts_with("/admin/compute/instances/"), "{url}");
    let violations = browser.csp_violations().await;
    assert_eq!(violations, serde_json::json!([]), "CSP violations");
    browser.client.refresh().await.expect("reload");
    browser.by_test_id("instance-name").await;
    assert_eq!(
        browser.client.current_url().await.expect("the url").path(),
        url.path()
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn parts_of_the_list_load_on_first_use_and_a_refused_one_says_so() {
    let sim = Simulator::start(&["--test-control"]);
    let downloads = TempDir::new("parts");
    let browser = Browser::start_with_downloads(&downloads.0).await;
    browser.sign_in(&sim).await;
    browser.by_test_id("instance-row").await;
    browser.watch_page_errors().await;
    // The list's own code only (with the shared chunks it needs), no part's.
    let first: Vec<String> = chunks(&browser)
        .await
        .into_iter()
        .filter(|c| c.starts_with("split_") && c != "split_cc_instances.wasm")
        .collect();
    assert!(first.is_empty(), "fetched before any use: {first:?}");

    // The palette's code cannot be had: the part says so, and the console runs on.
    sim.set_faults(&["GET /split_cc_palette.wasm=status:503"])
        .await;
    browser.click("palette-open").await;
    let refused = browser
        .by_test_id("chunk-error")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(refused.contains("part of the console"), "{refused}");
    assert_still_running(&browser).await;
    // Once it can be had, "Try again" opens the palette.
    sim.set_faults(&[]).await;
    browser.click("chunk-retry").await;
    browser.by_test_id("palette-input").await;
    assert!(!browser.is_present("chunk-error").await);
    browser.type_keys(KEY_ESCAPE).await;

    // The export's code refused: the buttons say so; the next press exports.
    sim.set_faults(&["GET /split_cc_export.wasm=status:503"])
        .await;
    browser.click("export-csv").await;
    browser.by_test_id("export-failed").await;
    sim.set_faults(&[]).await;
    browser.click("export-csv").await;
    let (_, csv) = wait_for_download(&downloads.0, |n| n.ends_with(".csv")).await;
    assert!(csv.contains("web-01"), "{csv}");
    assert!(!browser.is_present("export-failed").await);

    // The column chooser's panel loads when it first opens, and only then.
    assert!(!chunks(&browser)
        .await
        .contains(&"split_cc_column_panel.wasm".to_string()));
    browser.click("column-chooser").await;
    browser.by_test_id("column-option").await;
    browser.click("column-chooser").await;
    browser.click("column-chooser").await;
    browser.by_test_id("column-option").await;
    // Each fetched once per load: the refused one and its retry, then never again.
    let fetched = chunks(&browser).await;
    for (part, times) in [
        ("split_cc_palette.wasm", 2),
        ("split_cc_export.wasm", 2),
        ("split_cc_column_panel.wasm", 1),
        ("split_cc_bulk_dialog.wasm", 0),
    ] {
        let count = fetched.iter().filter(|f| *f == part).count();
        assert_eq!(count, times, "{part} in {fetched:?}");
    }
    assert_still_running(&browser).await;
    browser.close().await;
}

/// When each file whose name ends with `suffix` began and finished loading (ms since the
/// page's start), from the resource timings.
async fn timings(browser: &Browser, suffix: &str) -> Vec<(f64, f64)> {
    let found = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource')
                 .filter(e => e.name.split('?')[0].endsWith(arguments[0]))
                 .map(e => [e.startTime, e.responseEnd]);",
            vec![serde_json::json!(suffix)],
        )
        .await
        .expect("read the resource timings");
    found
        .as_array()
        .into_iter()
        .flatten()
        .map(|pair| {
            (
                pair[0].as_f64().unwrap_or(-1.0),
                pair[1].as_f64().unwrap_or(-1.0),
            )
        })
        .collect()
}

/// When the sign-in form was painted (`cc:sign-in-shown`), once it has been.
async fn sign_in_painted_at(browser: &Browser) -> f64 {
    let read = || async {
        browser
            .client
            .execute(
                "const m = performance.getEntriesByName('cc:sign-in-shown')[0];
                 return m ? m.startTime : null;",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_f64())
    };
    browser
        .wait_until("the sign-in form's paint mark", || async {
            read().await.is_some()
        })
        .await;
    read().await.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sign_in_form_comes_first_and_the_list_loads_while_the_user_types() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/login", sim.url))
        .await
        .expect("open /login");
    let painted = sign_in_painted_at(&browser).await;
    // Nothing of the list was asked for before the form was on screen...
    let early: Vec<(f64, f64)> = timings(&browser, "split_cc_instances.wasm")
        .await
        .into_iter()
        .filter(|(start, _)| *start <= painted)
        .collect();
    assert!(
        early.is_empty(),
        "the list's code held up the form: {early:?}"
    );
    // ...and it comes while the form is filled in, before anyone signs in.
    browser
        .wait_until("the list's code fetched on the sign-in page", || async {
            !timings(&browser, "split_cc_instances.wasm")
                .await
                .is_empty()
        })
        .await;
    assert!(browser.is_present("login-submit").await);
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;
    assert_eq!(
        timings(&browser, "split_cc_instances.wasm").await.len(),
        1,
        "the list's code was fetched again on signing in"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reload_with_a_saved_session_fetches_the_list_beside_the_main_module() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.client.refresh().await.expect("reload");
    browser.by_test_id("instance-row").await;
    let list = timings(&browser, "split_cc_instances.wasm").await;
    assert_eq!(list.len(), 1, "the list's code fetched once: {list:?}");
    // Asked for by the page, not by the console once it runs: before the main module has
    // even started (a fetch the router made would come after `cc:mounted`).
    let started = browser
        .client
        .execute(
            "return performance.getEntriesByName('cc:mounted')[0].startTime;",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_f64())
        .expect("the console's start mark");
    let (list_start, _) = list[0];
    assert!(
        list_start < started,
        "the list's code waited for the main module: asked at {list_start} ms, started at {started} ms"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_list_whose_code_cannot_be_had_offers_try_again() {
    let sim = Simulator::start(&["--test-control"]);
    sim.set_faults(&["GET /split_cc_instances.wasm=status:503"])
        .await;
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/", sim.url))
        .await
        .expect("open the console");
    browser.watch_page_errors().await;
    browser.fill_sign_in_form().await;
    browser.by_test_id("chunk-error").await;
    assert_still_running(&browser).await;
    sim.set_faults(&[]).await;
    browser.click("chunk-retry").await;
    browser.by_test_id("instance-row").await;
    assert!(!browser.is_present("chunk-error").await);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_inside_a_page_loads_its_page_when_focused() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let wizard = "split_cc_create_instance.wasm".to_string();
    assert!(!chunks(&browser).await.contains(&wizard));
    // Focus, as a keyboard user reaches it: the wizard's code comes before the click.
    browser
        .client
        .execute(
            "document.querySelector('[data-testid=\"instance-create\"]').focus();",
            vec![],
        )
        .await
        .expect("focus the create link");
    browser
        .wait_until("the wizard's code fetched on focus", || async {
            chunks(&browser).await.contains(&wizard)
        })
        .await;
    assert!(
        browser.is_present("instance-row").await,
        "the page left the list"
    );
    browser.close().await;
}
