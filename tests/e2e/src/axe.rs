//! Accessibility checks with axe-core: the rules engine (`tools/node_modules/axe-core`, which
//! `scripts/install-tools.sh` installs) is put into the page over WebDriver and run on the
//! whole document.
//!
//! WebDriver's execute script is evaluated by the browser's debugging protocol, not by a
//! `<script>` element, so the console's Content-Security-Policy (nothing but its own files)
//! does not stop it: the checks run the same through the nginx recipe as against the
//! simulator.

use std::sync::OnceLock;

use fantoccini::Client;

/// The axe-core bundle, read once.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = crate::workspace_root().join("tools/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "read {}: {e}; run `scripts/install-tools.sh` to install axe-core",
                path.display()
            )
        })
    })
}

/// One element a rule failed on.
#[derive(Debug, Clone)]
pub struct Node {
    /// The selector axe gives for the element.
    pub target: String,
    /// The start of its HTML.
    pub html: String,
}

/// One rule broken on the page.
#[derive(Debug, Clone)]
pub struct Violation {
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    pub help: String,
    pub help_url: String,
    pub nodes: Vec<Node>,
}

impl Violation {
    /// Whether it is one the console must not have: critical or serious.
    pub fn is_blocking(&self) -> bool {
        matches!(self.impact.as_str(), "critical" | "serious")
    }

    /// The rule, its impact and help, and the first few elements, for a failure message.
    pub fn describe(&self) -> String {
        let mut out = format!(
            "{} ({}): {} [{} element(s)] {}",
            self.id,
            self.impact,
            self.help,
            self.nodes.len(),
            self.help_url
        );
        for node in self.nodes.iter().take(4) {
            out.push_str(&format!("\n      {}  {}", node.target, node.html));
        }
        out
    }
}

/// Puts axe-core into the page unless it is there already (a navigation inside the console
/// keeps it; loading the page again drops it).
async fn inject(client: &Client) {
    let present = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .expect("look for axe in the page");
    if present.as_bool() == Some(true) {
        return;
    }
    let script = format!("{}\nreturn typeof window.axe;", axe_source());
    let answer = client
        .execute(&script, vec![])
        .await
        .expect("put axe-core into the page");
    assert_eq!(
        answer.as_str(),
        Some("object"),
        "axe-core did not load in the page (a Content-Security-Policy?): {answer}"
    );
}

/// Runs every axe rule on the document as it is now and returns the violations (every
/// impact).
pub async fn violations(client: &Client) -> Vec<Violation> {
    inject(client).await;
    let script = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] }).then(
            (results) => done(JSON.stringify(results.violations.map((v) => ({
                id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: JSON.stringify(n.target),
                    html: (n.html || '').slice(0, 200),
                })),
            })))),
            (error) => done(JSON.stringify({ error: String(error) })),
        );
    "#;
    let text = client
        .execute_async(script, vec![])
        .await
        .expect("run axe-core");
    let value: serde_json::Value =
        serde_json::from_str(text.as_str().unwrap_or("null")).expect("axe's answer as JSON");
    if let Some(error) = value.get("error") {
        panic!("axe-core failed: {error}");
    }
    let str_of = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or_default().to_string();
    value
        .as_array()
        .unwrap_or_else(|| panic!("axe's violations are not a list: {value}"))
        .iter()
        .map(|v| Violation {
            id: str_of(v, "id"),
            impact: str_of(v, "impact"),
            help: str_of(v, "help"),
            help_url: str_of(v, "helpUrl"),
            nodes: v["nodes"]
                .as_array()
                .map(|nodes| {
                    nodes
                        .iter()
                        .map(|n| Node {
                            target: str_of(n, "target"),
                            html: str_of(n, "html"),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// Runs axe on the page and returns the critical and serious violations, each described.
pub async fn blocking(client: &Client) -> Vec<String> {
    violations(client)
        .await
        .iter()
        .filter(|v| v.is_blocking())
        .map(Violation::describe)
        .collect()
}

/// Fails unless axe finds no critical and no serious violation on the page; `screen` names
/// what is shown, for the message.
pub async fn assert_accessible(client: &Client, screen: &str) {
    let found = blocking(client).await;
    assert!(
        found.is_empty(),
        "axe-core on {screen}: {} critical or serious violation(s):\n  {}",
        found.len(),
        found.join("\n  ")
    );
}
