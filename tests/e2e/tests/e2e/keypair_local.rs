//! Key pairs generated in the browser (`keypair-generate-local`): an Ed25519 pair made in the
//! wasm module, once with a passphrase and once without. Only the public key is sent; the
//! downloaded `<name>.pem` is read back and its public half must be the key the simulator
//! stores (with `ssh-keygen -y` when it is installed, and always with the ssh-key crate); no
//! request body the simulator saw and nothing the browser stores holds the private key or the
//! passphrase; a key left unsaved goes when the page changes; and the key pair then creates an
//! instance through the wizard that reaches ACTIVE with that `key_name`. Generating works under
//! the nginx recipe's Content-Security-Policy too (no eval, no violation).

use std::path::Path;
use std::process::{Command, Stdio};

use console_e2e::downloads::{wait_for_file, TempDir};
use console_e2e::nginx::Nginx;
use console_e2e::{Browser, Simulator, TENANT};

use crate::instance_ui::{fill_create_wizard, test_id, wait_created_active, CreateWizard};
use crate::keypair_ui::{keypair_row, open_keypairs};
use console_e2e::seed::{M2_C2M4, UBUNTU_2204};

const PASSPHRASE: &str = "e2e correct horse battery staple";

async fn attr(browser: &Browser, id: &str, name: &str) -> String {
    browser
        .by_test_id(id)
        .await
        .attr(name)
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Every value of every text field on the page and its whole text, in one script.
async fn page_contents(browser: &Browser) -> String {
    let found = browser
        .client
        .execute(
            "return [...document.querySelectorAll('input, textarea')].map(e => e.value)\
             .concat([document.documentElement.outerHTML, document.body.innerText]).join('\\n');",
            vec![],
        )
        .await
        .expect("read the page");
    found.as_str().unwrap_or_default().to_string()
}

/// What must never leave the browser nor be stored: the key's markers, each line of its
/// base64 body and the passphrase.
fn secrets(pem: &str) -> Vec<String> {
    let mut out: Vec<String> = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .map(str::to_string)
        .collect();
    out.push("PRIVATE KEY".into());
    out.push("b3BlbnNzaC1rZXktdjE".into()); // base64 of "openssh-key-v1"
    out.push(PASSPHRASE.into());
    out
}

/// Generates a key pair on the key pairs page and returns the private key the panel shows.
async fn generate(browser: &Browser, name: &str, passphrase: Option<&str>) -> String {
    browser.click("keypair-generate-local").await;
    let note = browser
        .by_test_id("keypair-local-note")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        note.contains("the private key never leaves this browser"),
        "{note}"
    );
    browser.fill("keypair-name", name).await;
    if let Some(passphrase) = passphrase {
        browser.fill("keypair-passphrase", passphrase).await;
        browser.fill("keypair-passphrase-again", passphrase).await;
        browser.screenshot("keypair-local-form").await;
    }
    browser.click("keypair-submit").await;
    let shown = browser
        .by_test_id("keypair-private-key")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        shown.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n")
            && shown.ends_with("-----END OPENSSH PRIVATE KEY-----\n"),
        "{shown}"
    );
    assert_eq!(
        attr(browser, "keypair-private-key-panel", "data-source").await,
        "browser"
    );
    let panel = browser
        .by_test_id("keypair-private-key-panel")
        .await
        .text()
        .await
        .unwrap();
    assert!(panel.contains("never left it"), "{panel}");
    assert_eq!(
        attr(browser, "keypair-private-key-encrypted", "data-encrypted").await,
        passphrase.is_some().to_string()
    );
    browser.wait_css(&keypair_row(name)).await;
    shown
}

/// The stored public key of a key pair, from the simulator's API.
async fn stored_public_key(sim: &Simulator, token: &str, name: &str) -> String {
    let (status, answer) = sim
        .call(
            "GET",
            &format!("/v2/{TENANT}/os-keypairs/{name}"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    answer["keypair"]["public_key"]
        .as_str()
        .expect("a public key")
        .to_string()
}

/// Type and base64 body of an OpenSSH public key line (the comment aside).
fn key_fields(line: &str) -> (String, String) {
    let mut words = line.split_whitespace();
    let kind = words.next().unwrap_or_default().to_string();
    let body = words.next().unwrap_or_default().to_string();
    (kind, body)
}

/// `ssh-keygen -y` on the file: the public key it derives, or `None` when ssh-keygen is not
/// installed. A wrong passphrase must fail.
fn ssh_keygen_public(file: &Path, passphrase: &str) -> Option<Result<String, String>> {
    let output = Command::new("ssh-keygen")
        .arg("-y")
        .arg("-P")
        .arg(passphrase)
        .arg("-f")
        .arg(file)
        .stdin(Stdio::null())
        .output();
    match output {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("run ssh-keygen: {e}"),
        Ok(out) if out.status.success() => {
            Some(Ok(String::from_utf8_lossy(&out.stdout).trim().to_string()))
        }
        Ok(out) => Some(Err(String::from_utf8_lossy(&out.stderr).to_string())),
    }
}

/// Checks the downloaded file against the stored public key: with ssh-keygen (when present)
/// and with the ssh-key crate.
fn check_file(file: &Path, stored: &str, passphrase: Option<&str>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // ssh-keygen refuses a private key others can read.
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    match ssh_keygen_public(file, passphrase.unwrap_or("")) {
        None => eprintln!("ssh-keygen is not installed: the ssh-key crate checks alone"),
        Some(derived) => {
            let derived = derived.unwrap_or_else(|e| panic!("ssh-keygen -y: {e}"));
            assert_eq!(key_fields(&derived), key_fields(stored), "ssh-keygen -y");
            if passphrase.is_some() {
                let wrong = ssh_keygen_public(file, "not the passphrase").unwrap();
                assert!(wrong.is_err(), "a wrong passphrase opened the key");
            }
        }
    }
    let text = std::fs::read_to_string(file).unwrap();
    let key = ssh_key::PrivateKey::from_openssh(&text).expect("an OpenSSH private key");
    assert_eq!(key.is_encrypted(), passphrase.is_some());
    let key = match passphrase {
        Some(p) => {
            assert!(key.decrypt("not the passphrase").is_err());
            key.decrypt(p).expect("the passphrase opens the key")
        }
        None => key,
    };
    let derived = key.public_key().to_openssh().unwrap();
    assert_eq!(key_fields(&derived), key_fields(stored), "ssh-key");
    let stored_key = ssh_key::PublicKey::from_openssh(stored).unwrap();
    assert_eq!(key.public_key().key_data(), stored_key.key_data());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_pair_generated_in_the_browser_never_sends_its_private_key() {
    let sim = Simulator::start(&["--test-control", "--transition-ms", "300"]);
    let downloads = TempDir::new("keypair-local");
    let browser = Browser::start_with_downloads(&downloads.0).await;
    browser.sign_in(&sim).await;
    open_keypairs(&browser).await;
    let token = sim.token().await;

    // Passphrases typed differently: refused before anything is made or sent (the log's
    // imports below are exactly the three later ones).
    browser.click("keypair-generate-local").await;
    browser.fill("keypair-name", "e2e-local-secret").await;
    browser.fill("keypair-passphrase", PASSPHRASE).await;
    browser
        .fill("keypair-passphrase-again", "e2e correct")
        .await;
    browser.click("keypair-submit").await;
    let error = browser
        .by_test_id("field-error")
        .await
        .text()
        .await
        .unwrap();
    assert!(error.contains("passphrases differ"), "{error}");
    browser.click("keypair-cancel").await;

    // With a passphrase.
    let secret_pem = generate(&browser, "e2e-local-secret", Some(PASSPHRASE)).await;
    browser.screenshot("keypair-local-private-key").await;
    for id in ["keypair-create", "keypair-generate-local", "keypair-import"] {
        let enabled = browser.by_test_id(id).await.is_enabled().await.unwrap();
        assert!(!enabled, "{id} is disabled while the key is shown");
    }
    browser.click("keypair-download").await;
    let secret_file = downloads.0.join("e2e-local-secret.pem");
    assert_eq!(wait_for_file(&secret_file).await, secret_pem);
    browser.click("keypair-private-key-done").await;
    browser
        .wait_until("the private key is gone", || async {
            !browser.has_css(&test_id("keypair-private-key")).await
        })
        .await;

    // Without one.
    let plain_pem = generate(&browser, "e2e-local-plain", None).await;
    browser.click("keypair-download").await;
    let plain_file = downloads.0.join("e2e-local-plain.pem");
    assert_eq!(wait_for_file(&plain_file).await, plain_pem);
    browser.click("keypair-private-key-done").await;
    browser
        .wait_until("the private key is gone", || async {
            !browser.has_css(&test_id("keypair-private-key")).await
        })
        .await;
    let page = page_contents(&browser).await;
    for secret in secrets(&secret_pem).iter().chain(&secrets(&plain_pem)) {
        assert!(
            !page.contains(secret.as_str()),
            "{secret:?} is still on the page"
        );
    }

    // Each file's public half is the key the service stores.
    let secret_public = stored_public_key(&sim, &token, "e2e-local-secret").await;
    let plain_public = stored_public_key(&sim, &token, "e2e-local-plain").await;
    assert!(secret_public.starts_with("ssh-ed25519 "), "{secret_public}");
    assert_ne!(key_fields(&secret_public), key_fields(&plain_public));
    check_file(&secret_file, &secret_public, Some(PASSPHRASE));
    check_file(&plain_file, &plain_public, None);

    // A key left unsaved goes when the page changes.
    let left_pem = generate(&browser, "e2e-local-left", None).await;
    browser.click("nav-flavors").await;
    browser.by_test_id("flavor-row").await;
    open_keypairs(&browser).await;
    browser.wait_css(&keypair_row("e2e-local-left")).await;
    assert!(!browser.has_css(&test_id("keypair-private-key-panel")).await);
    let page = page_contents(&browser).await;
    assert!(!page.contains("PRIVATE KEY"));
    assert!(!page.contains(left_pem.lines().nth(1).unwrap()));

    // What crossed the network: three imports, each exactly a name and the stored public key.
    let log = sim.request_log().await;
    let imports: Vec<serde_json::Value> = log
        .iter()
        .filter(|e| e["method"] == "POST" && e["path"] == format!("/v2/{TENANT}/os-keypairs"))
        .map(|e| serde_json::from_str(e["body"].as_str().expect("a logged body")).unwrap())
        .collect();
    let left_public = stored_public_key(&sim, &token, "e2e-local-left").await;
    assert_eq!(
        imports,
        [
            ("e2e-local-secret", &secret_public),
            ("e2e-local-plain", &plain_public),
            ("e2e-local-left", &left_public),
        ]
        .map(|(name, key)| serde_json::json!({"keypair": {"name": name, "public_key": key}}))
    );
    // No request body at all holds any part of a private key or the passphrase.
    let bodies: Vec<&str> = log.iter().filter_map(|e| e["body"].as_str()).collect();
    assert!(bodies.len() >= 4, "the log keeps bodies: {bodies:?}");
    for pem in [&secret_pem, &plain_pem, &left_pem] {
        for secret in secrets(pem) {
            for body in &bodies {
                assert!(
                    !body.contains(secret.as_str()),
                    "{secret:?} was sent: {body}"
                );
            }
            for query in log.iter().filter_map(|e| e["query"].as_str()) {
                assert!(!query.contains(secret.as_str()), "{secret:?} in a URL");
            }
        }
    }
    // Nor does anything the browser keeps for this origin.
    let stored = browser.stored_data().await.to_string();
    for pem in [&secret_pem, &plain_pem, &left_pem] {
        for secret in secrets(pem) {
            assert!(
                !stored.contains(secret.as_str()),
                "{secret:?} stored: {stored}"
            );
        }
    }

    // The key pair creates an instance: chosen in the wizard, named in the request, ACTIVE.
    browser.click("nav-instances").await;
    browser.click("instance-create").await;
    fill_create_wizard(&browser, "e2e-local-vm", UBUNTU_2204, M2_C2M4).await;
    CreateWizard(&browser).key_pair("e2e-local-plain").await;
    browser
        .click_css("[data-testid=\"create-step\"][data-step=\"review\"]")
        .await;
    browser
        .wait_until("Submit enabled", || async {
            browser
                .by_test_id("create-submit")
                .await
                .is_enabled()
                .await
                .unwrap_or(false)
        })
        .await;
    browser.click("create-submit").await;
    wait_created_active(&browser).await;
    let creates: Vec<serde_json::Value> = sim
        .request_log()
        .await
        .iter()
        .filter(|e| e["method"] == "POST" && e["path"] == format!("/v2/{TENANT}/servers"))
        .map(|e| serde_json::from_str(e["body"].as_str().expect("a logged body")).unwrap())
        .collect();
    assert_eq!(creates.len(), 1, "{creates:?}");
    assert_eq!(creates[0]["server"]["key_name"], "e2e-local-plain");
    let (status, answer) = sim
        .call(
            "GET",
            &format!("/v2/{TENANT}/servers/detail?name=e2e-local-vm"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let server = answer["servers"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["name"] == "e2e-local-vm"))
        .unwrap_or_else(|| panic!("the server is listed: {answer}"));
    assert_eq!(server["key_name"], "e2e-local-plain");
    assert_eq!(server["status"], "ACTIVE");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn generating_works_under_the_deployed_content_security_policy() {
    let sim = Simulator::start(&[]);
    let nginx = Nginx::start(&sim.url);
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/", nginx.origin))
        .await
        .expect("open the console through nginx");
    browser.watch_csp_violations().await;
    browser.watch_page_errors().await;
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;
    open_keypairs(&browser).await;
    let pem = generate(&browser, "e2e-local-csp", Some(PASSPHRASE)).await;
    let key = ssh_key::PrivateKey::from_openssh(&pem).expect("an OpenSSH private key");
    assert!(key.is_encrypted());
    assert_eq!(browser.csp_violations().await, serde_json::json!([]));
    assert_eq!(browser.page_errors().await, Vec::<String>::new());
    browser.click("keypair-private-key-done").await;
    browser.close().await;
    drop(nginx);
}
