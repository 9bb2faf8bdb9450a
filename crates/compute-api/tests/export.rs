//! Exported files: CSV cells that could run as spreadsheet formulas are neutralised and
//! quoting follows RFC 4180; the JSON export decodes back to the same servers.

mod common;

use compute_api::export::{csv, csv_cell, file_name, servers_json};
use compute_api::server::{Server, ServerDetailList};

#[test]
fn cells_that_could_start_a_formula_are_neutralised() {
    for hostile in [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        // ASVS 5 (V1.2.10) lists NUL with the others.
        "\0=1+1",
    ] {
        let cell = csv_cell(hostile);
        let unquoted = cell
            .strip_prefix('"')
            .and_then(|c| c.strip_suffix('"'))
            .unwrap_or(&cell);
        assert!(unquoted.starts_with('\''), "{hostile:?} became {cell:?}");
    }
    // Ordinary values stay as they are.
    for plain in [
        "web-01",
        "10.0.0.5",
        "2026-12-01T10:00:00Z",
        "a=b",
        "ACTIVE",
        "",
    ] {
        assert_eq!(csv_cell(plain), plain);
    }
}

#[test]
fn cells_are_quoted_as_rfc_4180_says() {
    assert_eq!(csv_cell("a,b"), "\"a,b\"");
    assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    assert_eq!(csv_cell(" padded "), "\" padded \"");
    assert_eq!(csv_cell("=1,2"), "\"'=1,2\"");
}

#[test]
fn a_document_has_a_bom_a_header_and_crlf_lines() {
    let text = csv(
        &["Name", "Status"],
        &[
            vec!["웹-01".into(), "ACTIVE".into()],
            vec!["=cmd".into(), "ERROR".into()],
        ],
    );
    assert_eq!(
        text,
        "\u{FEFF}Name,Status\r\n웹-01,ACTIVE\r\n'=cmd,ERROR\r\n"
    );
}

#[test]
fn the_json_export_decodes_back_to_the_same_servers() {
    let path = common::fixtures_root().join("nova/servers/servers-details-resp.json");
    let text = std::fs::read_to_string(path).expect("read the Nova sample");
    let list: ServerDetailList = serde_json::from_str(&text).expect("decode the Nova sample");
    let servers: Vec<&Server> = list.servers.iter().collect();
    let exported = servers_json(&servers);
    let back: ServerDetailList = serde_json::from_str(&exported).expect("decode the export");
    assert_eq!(back.servers, list.servers);
    // Nova's own field names, not the console's.
    assert!(exported.contains("\"OS-EXT-STS:vm_state\""), "{exported}");
}

#[test]
fn file_names_say_what_where_and_when() {
    assert_eq!(
        file_name("KR1", "20261201-1905", "csv"),
        "instances-KR1-20261201-1905.csv"
    );
    // A region cannot steer the name into another folder or extension.
    assert_eq!(
        file_name("../../x.exe\u{0}", "20261201-1905", "json"),
        "instances-xexe-20261201-1905.json"
    );
    assert_eq!(file_name("", "t", "csv"), "instances-region-t.csv");
}
