//! Accessibility: axe-core on every screen and dialog of the console, in the light and the
//! dark colour scheme, at a desktop (1440 px) and a phone (390 px) width. No violation of
//! impact critical or serious is allowed.
//!
//! One browser goes through the screens as a person would, through the nginx recipe (so the
//! checks run under the console's Content-Security-Policy); at each screen the window is
//! resized and the colour scheme switched (`prefers-color-scheme`, emulated over the DevTools
//! protocol) and axe runs four times. Every finding is collected and reported at the end, so
//! one run shows them all.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::instance_ui::*;
use console_e2e::nginx::Nginx;
use console_e2e::seed::{
    BATCH_U2, DEFAULT_NETWORK, M2_C2M4, UBUNTU_2204, WEB_01, WEB_01_DATA, WEB_02,
};
use console_e2e::{axe, Browser, Simulator, PASSWORD};

/// The widths every screen is checked at, with the window height used for each.
const WIDTHS: [(u32, u32); 2] = [(1440, 900), (390, 844)];

/// Runs axe on each screen in every width and colour scheme and keeps what it finds.
struct Audit<'a> {
    browser: &'a Browser,
    /// Each violation (screen and rule, described) with the variants it was found in.
    found: BTreeMap<(bool, String), Vec<String>>,
    runs: usize,
}

impl<'a> Audit<'a> {
    fn new(browser: &'a Browser) -> Self {
        Self {
            browser,
            found: BTreeMap::new(),
            runs: 0,
        }
    }

    async fn resize(&self, (width, height): (u32, u32)) {
        self.browser
            .client
            .set_window_size(width, height)
            .await
            .expect("resize the window");
        // Let the console react (the list measures its rows) before checking.
        self.browser
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
                vec![],
            )
            .await
            .expect("wait two frames");
    }

    /// Checks the page as it is now, in both schemes at both widths, and leaves it light at
    /// the desktop width.
    async fn check(&mut self, screen: &str) {
        for (i, size) in WIDTHS.into_iter().enumerate() {
            if i > 0 {
                self.resize(size).await;
            }
            // Light then dark at the first width, dark then light at the second: one switch
            // fewer each time.
            let schemes = if i % 2 == 0 {
                [false, true]
            } else {
                [true, false]
            };
            for dark in schemes {
                self.browser.set_color_scheme(dark).await;
                let violations = axe::violations(&self.browser.client).await;
                self.runs += 1;
                let scheme = if dark { "dark" } else { "light" };
                for v in violations {
                    self.found
                        .entry((v.is_blocking(), format!("{screen}: {}", v.describe())))
                        .or_default()
                        .push(format!("{} px {scheme}", size.0));
                }
            }
        }
        self.resize(WIDTHS[0]).await;
    }

    /// The violations found, blocking (critical or serious) or not, one per line with where.
    fn report(&self, blocking: bool) -> Vec<String> {
        self.found
            .iter()
            .filter(|((b, _), _)| *b == blocking)
            .map(|((_, what), variants)| format!("{what}\n      in: {}", variants.join(", ")))
            .collect()
    }
}

/// Opens the confirmation a click on `opener` shows, checks it and cancels it.
async fn check_dialog(audit: &mut Audit<'_>, opener_css: &str, screen: &str) {
    audit.browser.click_css(opener_css).await;
    audit.browser.wait_css("[role=\"dialog\"]").await;
    audit.check(screen).await;
    audit.browser.click("confirm-cancel").await;
    audit
        .browser
        .wait_until("the dialog closes", || async {
            audit.browser.all_css("[role=\"dialog\"]").await.is_empty()
        })
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_passes_axe_in_both_schemes_and_widths() {
    let started = Instant::now();
    let sim = Simulator::start(&["--transition-ms", "300", "--test-control"]);
    let nginx = Nginx::start(&sim.url);
    let browser = Browser::start().await;
    browser
        .client
        .set_window_size(WIDTHS[0].0, WIDTHS[0].1)
        .await
        .expect("desktop-sized window");
    let mut audit = Audit::new(&browser);

    // Sign-in.
    browser
        .client
        .goto(&format!("{}/", nginx.origin))
        .await
        .expect("open the console through nginx");
    browser.by_test_id("login-submit").await;
    audit.check("sign-in").await;
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;

    // The instance list, its row menu, a row's confirmation, the bulk confirmations.
    browser
        .wait_css("[data-testid=\"instance-list\"][data-complete=\"true\"]")
        .await;
    audit.check("instance list").await;
    browser
        .click_css(&row_css(WEB_02, &test_id("row-actions")))
        .await;
    browser
        .wait_css(&row_css(WEB_02, &test_id("action-delete")))
        .await;
    audit.check("instance list, row menu").await;
    check_dialog(
        &mut audit,
        &row_css(WEB_02, &test_id("action-delete")),
        "instance list, delete confirmation",
    )
    .await;
    select_row(&browser, WEB_01).await;
    select_row(&browser, WEB_02).await;
    check_dialog(
        &mut audit,
        &test_id("bulk-stop"),
        "instance list, bulk stop",
    )
    .await;
    check_dialog(
        &mut audit,
        &test_id("bulk-delete"),
        "instance list, bulk delete",
    )
    .await;

    // The command palette with results, and the list of shortcuts.
    browser.click("palette-open").await;
    browser.by_test_id("palette-input").await;
    browser.fill("palette-input", "web").await;
    browser.by_test_id("palette-option").await;
    audit.check("command palette").await;
    browser
        .by_test_id("palette-input")
        .await
        .send_keys(KEY_ESCAPE)
        .await
        .expect("close the palette");
    browser
        .wait_until("the palette closes", || async {
            !browser.is_present("command-palette").await
        })
        .await;
    browser
        .by_test_id("instance-create")
        .await
        .send_keys("?")
        .await
        .expect("press ?");
    browser.by_test_id("shortcuts-help").await;
    audit.check("keyboard shortcuts").await;
    browser.click("shortcuts-close").await;

    // The column chooser, open.
    browser.click("column-chooser").await;
    browser.by_test_id("column-option").await;
    audit.check("instance list, column chooser").await;
    browser.click("column-chooser").await;

    // An instance: both tabs, every dialog its actions open.
    open_instance(&browser, WEB_02).await;
    wait_status(&browser, "ACTIVE").await;
    browser.by_test_id("connect-panel").await;
    audit.check("instance, overview").await;
    for (op, screen) in [
        ("action-reboot-hard", "instance, hard reboot confirmation"),
        ("action-resize", "instance, resize"),
        ("action-add-sg", "instance, add security group"),
        ("action-remove-sg", "instance, remove security group"),
        ("action-rename", "instance, rename"),
        ("action-delete", "instance, delete confirmation"),
    ] {
        wait_enabled(&browser, op).await;
        check_dialog(&mut audit, &test_id(op), screen).await;
    }
    browser.click("tab-volumes").await;
    browser.by_test_id("action-attach-volume").await;
    audit.check("instance, volumes").await;
    wait_enabled(&browser, "action-attach-volume").await;
    check_dialog(
        &mut audit,
        &test_id("action-attach-volume"),
        "instance, attach volume",
    )
    .await;
    // web-02 has its root volume attached: one attachment (its Detach is disabled: a root
    // volume is never detached).
    browser.click("view-attachment").await;
    browser.by_test_id("attachment-detail").await;
    audit.check("instance, volume attachment").await;
    // web-01's data volume can be detached: the detach dialog.
    browser.click("nav-instances").await;
    open_instance(&browser, WEB_01).await;
    browser.click("tab-volumes").await;
    let detach_data = format!(
        "[data-testid=\"volume-row\"][data-volume-id=\"{WEB_01_DATA}\"] {}",
        test_id("action-detach-volume")
    );
    wait_enabled_css(&browser, &detach_data).await;
    check_dialog(&mut audit, &detach_data, "instance, detach volume").await;

    // Creating an image: only instances on a U2 flavor can.
    browser.click("nav-instances").await;
    open_instance(&browser, BATCH_U2).await;
    wait_enabled(&browser, "action-create-image").await;
    check_dialog(
        &mut audit,
        &test_id("action-create-image"),
        "instance, create image",
    )
    .await;

    // The create wizard, every step.
    browser.click("nav-instances").await;
    browser.click("instance-create").await;
    browser.by_test_id("create-name").await;
    audit.check("create, basics").await;
    wizard_step(&browser, "review").await;
    browser.by_test_id("create-errors").await;
    audit.check("create, review with errors").await;
    wizard_step(&browser, "basics").await;
    let wizard = CreateWizard(&browser);
    wizard.name("a11y-web").await;
    browser.by_test_id("image-option").await;
    audit.check("create, image").await;
    wizard.image_row(UBUNTU_2204).await;
    browser.by_test_id("flavor-option").await;
    audit.check("create, flavor").await;
    wizard.flavor(M2_C2M4).await;
    browser.by_test_id("create-network").await;
    audit.check("create, network").await;
    wizard.network(DEFAULT_NETWORK).await;
    wizard.key_pair("access-key").await;
    audit.check("create, access").await;
    browser.click("create-next").await;
    browser.by_test_id("create-userdata").await;
    audit.check("create, advanced").await;
    wizard_step(&browser, "review").await;
    browser.by_test_id("create-review-json").await;
    audit.check("create, review").await;
    wait_enabled(&browser, "create-submit").await;
    browser.click("create-submit").await;
    browser
        .wait_css("[data-testid=\"create-result-server\"][data-status=\"ACTIVE\"]")
        .await;
    audit.check("create, result").await;

    // The wizard filled from an instance ("launch more like this"), then emptied again.
    browser.click("nav-instances").await;
    open_instance(&browser, WEB_01).await;
    browser.click("launch-like").await;
    browser.by_test_id("create-prefilled").await;
    audit.check("create, filled from an instance").await;
    browser.click("create-start-over").await;

    // Key pairs: the list, both forms, the private key after a create, a delete
    // confirmation, one key pair's page.
    browser.click("nav-keypairs").await;
    browser
        .wait_css("[data-testid=\"keypair-row\"][data-name=\"access-key\"]")
        .await;
    audit.check("key pairs").await;
    browser.click("keypair-create").await;
    browser.by_test_id("keypair-name").await;
    audit.check("key pairs, create form").await;
    browser.click("keypair-mode-import").await;
    browser.by_test_id("keypair-public-key").await;
    audit.check("key pairs, import form").await;
    browser.click("keypair-mode-generate").await;
    browser.by_test_id("keypair-passphrase").await;
    audit.check("key pairs, generate in this browser").await;
    browser.click("keypair-mode-create").await;
    browser.fill("keypair-name", "access-key").await;
    browser.click("keypair-submit").await;
    browser.by_test_id("error-message").await;
    audit.check("key pairs, a name taken (409)").await;
    browser.fill("keypair-name", "a11y-key").await;
    browser.click("keypair-submit").await;
    browser.by_test_id("keypair-private-key-panel").await;
    audit.check("key pairs, private key").await;
    browser.click("keypair-private-key-done").await;
    check_dialog(
        &mut audit,
        "[data-testid=\"keypair-delete\"][data-name=\"a11y-key\"]",
        "key pairs, delete confirmation",
    )
    .await;
    browser
        .click_css("[data-testid=\"keypair-row\"][data-name=\"access-key\"] a")
        .await;
    browser.by_test_id("keypair-detail").await;
    audit.check("key pair").await;

    // Flavors and zones.
    browser.click("nav-flavors").await;
    browser.by_test_id("flavor-row").await;
    audit.check("flavors").await;
    browser.click("nav-zones").await;
    browser.by_test_id("zone-row").await;
    audit.check("zones").await;

    // The re-login dialog: every token refused, then the list reads.
    browser.click("nav-instances").await;
    browser.by_test_id("instance-row").await;
    sim.control("POST", "/_sim/expire-tokens", None).await;
    browser.click("refresh").await;
    browser
        .wait_css("[data-testid=\"relogin-dialog\"][open]")
        .await;
    audit.check("re-login dialog").await;
    browser.fill("login-password", PASSWORD).await;
    browser.click("login-submit").await;
    browser
        .wait_until("the re-login dialog closes", || async {
            browser
                .all_css("[data-testid=\"relogin-dialog\"][open]")
                .await
                .is_empty()
        })
        .await;

    eprintln!(
        "accessibility: {} axe runs in {:.0?}",
        audit.runs,
        started.elapsed()
    );
    // Minor and moderate findings are reported, not failed on.
    for line in audit.report(false) {
        eprintln!("accessibility (not failing): {line}");
    }
    let blocking = audit.report(true);
    browser.close().await;
    assert!(
        blocking.is_empty(),
        "axe-core found critical or serious violations:\n{}",
        blocking.join("\n")
    );
}
