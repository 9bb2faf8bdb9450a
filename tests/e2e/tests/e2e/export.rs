//! The list exported as files, read back: CSV with the columns on screen (names that would run
//! as spreadsheet formulas neutralised) and JSON with the whole servers, both of exactly the
//! rows shown after the quick filter, named after the region and the time.

use console_e2e::downloads::{wait_for_download, TempDir};
use console_e2e::{Browser, Simulator};

use crate::instance_ui::{focused_test_id, KEY_ENTER, KEY_ESCAPE};

/// Names a user could give that a spreadsheet would run.
const HOSTILE: [&str; 3] = [
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "@SUM(1+1)",
    "-2+3,cmd",
];

/// RFC 4180 lines and cells (quoted cells may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{FEFF}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[tokio::test(flavor = "multi_thread")]
async fn the_shown_rows_export_as_csv_and_json() {
    let sim = Simulator::start(&["--test-control"]);
    let token = sim.token().await;
    for name in HOSTILE {
        sim.create_server(&token, name, serde_json::json!({})).await;
    }
    let downloads = TempDir::new("export");
    let browser = Browser::start_with_downloads(&downloads.0).await;
    browser.sign_in(&sim).await;
    let rows = || async {
        browser
            .all_css("[data-testid=\"instance-row\"]")
            .await
            .len()
    };
    browser
        .wait_until("the created instances are listed", || async {
            rows().await >= 8
        })
        .await;
    let shown = rows().await;

    browser
        .by_test_id("export-csv")
        .await
        .click()
        .await
        .expect("export CSV");
    let (name, text) = wait_for_download(&downloads.0, |n| n.ends_with(".csv")).await;
    assert!(
        name.starts_with("instances-KR1-") && name.len() == "instances-KR1-20261201-1905.csv".len(),
        "{name}"
    );
    assert!(text.starts_with('\u{FEFF}'), "no byte-order mark");
    let table = parse_csv(&text);
    assert_eq!(table[0][..3], ["Name", "ID", "Status"]);
    assert_eq!(table.len(), shown + 1, "{text}");
    for hostile in HOSTILE {
        let line = table
            .iter()
            .find(|row| row[0].ends_with(hostile))
            .unwrap_or_else(|| panic!("{hostile} is not exported: {text}"));
        assert_eq!(line[0], format!("'{hostile}"), "not neutralised");
        // The status column holds the status, whether the build has ended yet or not.
        assert!(["BUILD", "ACTIVE"].contains(&line[2].as_str()), "{line:?}");
    }
    assert!(
        table.iter().skip(1).all(|row| row.len() == table[0].len()),
        "ragged rows: {table:?}"
    );

    // The quick filter decides what is exported; JSON has the whole servers.
    browser.fill("instance-filter", "web").await;
    browser
        .wait_until("the filter applies", || async { rows().await < shown })
        .await;
    let filtered = rows().await;
    browser
        .by_test_id("export-json")
        .await
        .click()
        .await
        .expect("export JSON");
    let (name, text) = wait_for_download(&downloads.0, |n| n.ends_with(".json")).await;
    assert!(name.starts_with("instances-KR1-"), "{name}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("the export is JSON");
    let servers = json["servers"].as_array().expect("a server list");
    assert_eq!(servers.len(), filtered);
    for server in servers {
        let name = server["name"].as_str().unwrap().to_lowercase();
        assert!(name.contains("web"), "{server}");
        assert!(server["OS-EXT-STS:vm_state"].is_string(), "{server}");
        assert!(server["addresses"].is_object(), "{server}");
    }
    browser.close().await;
}

/// The classes of the table's data columns (`col-name`, …), in order.
async fn header_columns(browser: &Browser) -> Vec<String> {
    let value = browser
        .client
        .execute(
            "return Array.from(document.querySelectorAll('.instances thead th'))
                .map(th => th.className)
                .filter(c => c !== 'col-select' && c !== 'col-row-actions');",
            vec![],
        )
        .await
        .expect("read the headers");
    serde_json::from_value(value).expect("a list of classes")
}

/// Presses a key on the element with a test id inside a column option.
async fn press_in_option(browser: &Browser, column: &str, test_id: &str, key: &str) {
    browser
        .wait_css(&format!(
            "[data-testid=\"column-option\"][data-column=\"{column}\"] [data-testid=\"{test_id}\"]"
        ))
        .await
        .send_keys(key)
        .await
        .expect("press a key");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_chosen_columns_are_shown_kept_across_a_reload_and_exported() {
    let sim = Simulator::start(&[]);
    let downloads = TempDir::new("columns");
    let browser = Browser::start_with_downloads(&downloads.0).await;
    browser.sign_in(&sim).await;
    browser.wait_css("[data-testid=\"instance-row\"]").await;
    let defaults = header_columns(&browser).await;
    assert_eq!(defaults[..3], ["col-name", "col-status", "col-task"]);
    assert!(!defaults.contains(&"col-id".to_string()));

    // Keyboard only: open, show the ID, hide the flavor, move the zone two places earlier
    // (focus stays on its button between presses), close with Escape.
    browser
        .by_test_id("column-chooser")
        .await
        .send_keys(KEY_ENTER)
        .await
        .expect("open the chooser");
    press_in_option(&browser, "id", "column-shown", " ").await;
    press_in_option(&browser, "flavor", "column-shown", " ").await;
    press_in_option(&browser, "zone", "column-earlier", KEY_ENTER).await;
    browser
        .wait_until("focus back on the zone's button", || async {
            browser
                .client
                .execute(
                    "return document.activeElement?.closest('li')?.dataset.column ?? null;",
                    vec![],
                )
                .await
                .ok()
                == Some(serde_json::json!("zone"))
        })
        .await;
    browser.type_keys(KEY_ENTER).await;
    let chosen = [
        "col-name",
        "col-id",
        "col-status",
        "col-task",
        "col-addresses",
        "col-zone",
        "col-image",
        "col-keypair",
        "col-created",
    ];
    browser
        .wait_until("the table follows the choice", || async {
            header_columns(&browser).await == chosen
        })
        .await;
    browser.type_keys(KEY_ESCAPE).await;
    browser
        .wait_until("closed, focus on its button", || async {
            browser
                .client
                .execute(
                    "return document.querySelector('details.column-chooser').open;",
                    vec![],
                )
                .await
                .ok()
                == Some(serde_json::json!(false))
                && focused_test_id(&browser).await == "column-chooser"
        })
        .await;

    // The CSV has the columns shown, in their order.
    browser
        .by_test_id("export-csv")
        .await
        .click()
        .await
        .expect("export CSV");
    let (_, text) = wait_for_download(&downloads.0, |n| n.ends_with(".csv")).await;
    let table = parse_csv(&text);
    assert_eq!(
        table[0],
        [
            "Name",
            "ID",
            "Status",
            "Task state",
            "Addresses",
            "Availability zone",
            "Image",
            "Key pair",
            "Created"
        ],
        "{text}"
    );

    // A reload keeps the choice, which is one preference line in localStorage.
    browser.client.refresh().await.expect("reload");
    browser.wait_css("[data-testid=\"instance-row\"]").await;
    assert_eq!(header_columns(&browser).await, chosen);
    let stored = browser.stored_data().await;
    assert_eq!(
        stored["local"]["compute-console.columns"],
        "name,id,status,task,addresses,!flavor,zone,image,keypair,created"
    );
    browser.close().await;
}
