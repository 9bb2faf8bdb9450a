//! The console's copy of the server list: progressive pages, `changes-since` merges, the
//! quick filter and the paging queries.

use compute_api::request::ServerQuery;
use compute_api::server::Server;
use compute_api::server_set::{
    can_merge_changes, first_page, next_page, Merged, ServerSet, FIRST_PAGE, MAX_PAGE,
};
use serde_json::json;

fn server(id: &str, status: &str, updated: &str) -> Server {
    serde_json::from_value(json!({
        "id": id,
        "name": format!("name-{id}"),
        "status": status,
        "updated": updated,
        "key_name": "Ops-Key",
        "addresses": {"net": [{"addr": format!("10.0.0.{}", id.len()), "version": 4}]},
    }))
    .expect("a server")
}

fn ids(set: &ServerSet) -> Vec<&str> {
    set.rows().iter().map(|r| r.server.id.as_str()).collect()
}

fn two_pages() -> ServerSet {
    let mut set = ServerSet::new();
    set.push_page(vec![
        server("a", "ACTIVE", "2026-11-28T10:00:05Z"),
        server("b", "ACTIVE", "2026-11-28T10:00:09Z"),
    ]);
    set.push_page(vec![server("c", "SHUTOFF", "2026-11-28T11:00:00Z")]);
    set
}

#[test]
fn pages_are_kept_in_the_order_read_and_marked_by_the_first() {
    let set = two_pages();
    assert_eq!(ids(&set), ["a", "b", "c"]);
    assert_eq!(set.pages(), 2);
    // The newest `updated` of the first page; the second page's newer one must not count,
    // since servers of the first page may have changed while it was read.
    assert_eq!(set.changes_since(), Some("2026-11-28T10:00:09Z"));
    assert_eq!(set.get("c").map(|s| s.status.as_str()), Some("SHUTOFF"));
    assert!(set.get("z").is_none());
}

#[test]
fn a_server_read_twice_while_paging_is_held_once() {
    let mut set = two_pages();
    set.push_page(vec![server("b", "SHUTOFF", "2026-11-28T11:00:01Z")]);
    assert_eq!(ids(&set), ["a", "b", "c"]);
    assert_eq!(set.get("b").map(|s| s.status.as_str()), Some("SHUTOFF"));
}

#[test]
fn without_timestamps_there_is_no_mark_and_only_a_full_load_is_safe() {
    let bare: Server = serde_json::from_value(json!({"id": "x"})).unwrap();
    assert_eq!(ServerSet::from_servers(vec![bare]).changes_since(), None);
    assert_eq!(ServerSet::from_servers(Vec::new()).changes_since(), None);
}

#[test]
fn changes_replace_in_place_add_first_and_drop_deleted() {
    let mut set = two_pages();
    let versions: Vec<u64> = set.rows().iter().map(|r| r.version).collect();
    let revision = set.revision();
    let merged = set.merge_changes(vec![
        server("b", "REBOOT", "2026-11-28T12:00:00Z"),
        server("a", "DELETED", "2026-11-28T12:00:01Z"),
        server("new", "BUILD", "2026-11-28T12:00:02Z"),
        // Deleted before we ever saw it: nothing to do.
        server("gone", "DELETED", "2026-11-28T12:00:00Z"),
        // The same as held: not a change.
        server("c", "SHUTOFF", "2026-11-28T11:00:00Z"),
    ]);
    assert_eq!(
        merged,
        Merged {
            added: 1,
            changed: 1,
            removed: 1
        }
    );
    assert!(merged.any());
    assert_eq!(ids(&set), ["new", "b", "c"]);
    assert_eq!(set.get("b").map(|s| s.status.as_str()), Some("REBOOT"));
    assert!(set.get("a").is_none());
    // Only the changed row gets a new version, so only it is redrawn.
    let after: Vec<u64> = set.rows().iter().map(|r| r.version).collect();
    assert_ne!(after[1], versions[1]);
    assert_eq!(after[2], versions[2]);
    assert!(set.revision() > revision);
    assert_eq!(set.changes_since(), Some("2026-11-28T12:00:02Z"));
    // The index follows the moves: every id finds its own row.
    for row in set.rows() {
        assert_eq!(set.get(&row.server.id).map(|s| &s.id), Some(&row.server.id));
    }
}

#[test]
fn a_set_read_again_never_reuses_a_version_of_the_one_it_replaces() {
    let shown = two_pages();
    let reread = two_pages();
    let before: std::collections::HashSet<u64> = shown.rows().iter().map(|r| r.version).collect();
    assert!(reread.rows().iter().all(|r| !before.contains(&r.version)));
}

#[test]
fn a_set_read_again_keeps_the_versions_of_unchanged_servers() {
    let shown = two_pages();
    let mut reread = ServerSet::new();
    reread.push_page(vec![
        server("a", "ACTIVE", "2026-11-28T10:00:05Z"),
        server("b", "SHUTOFF", "2026-11-28T10:30:00Z"),
    ]);
    reread.push_page(vec![server("c", "SHUTOFF", "2026-11-28T11:00:00Z")]);
    reread.adopt_unchanged(&shown);
    let version = |set: &ServerSet, i: usize| set.rows()[i].version;
    assert_eq!(version(&reread, 0), version(&shown, 0));
    assert_ne!(version(&reread, 1), version(&shown, 1), "b changed");
    assert_eq!(version(&reread, 2), version(&shown, 2));
}

#[test]
fn an_empty_answer_changes_nothing_and_the_mark_never_moves_back() {
    let mut set = two_pages();
    let revision = set.revision();
    assert!(!set.merge_changes(Vec::new()).any());
    assert_eq!(set.revision(), revision);
    set.merge_changes(vec![server("b", "ACTIVE", "2026-11-28T19:00:00+09:00")]);
    // 19:00+09:00 is 10:00Z, older than the mark: the mark stays.
    assert_eq!(set.changes_since(), Some("2026-11-28T10:00:09Z"));
}

#[test]
fn deleting_many_keeps_the_rest_in_order() {
    let page: Vec<Server> = (0..50)
        .map(|i| server(&format!("s{i:02}"), "ACTIVE", "2026-11-28T10:00:00Z"))
        .collect();
    let mut set = ServerSet::from_servers(page);
    let deleted: Vec<Server> = (0..50)
        .filter(|i| i % 3 == 0)
        .map(|i| server(&format!("s{i:02}"), "DELETED", "2026-11-28T10:01:00Z"))
        .collect();
    assert_eq!(set.merge_changes(deleted).removed, 17);
    let expected: Vec<String> = (0..50)
        .filter(|i| i % 3 != 0)
        .map(|i| format!("s{i:02}"))
        .collect();
    assert_eq!(ids(&set), expected);
    assert_eq!(set.get("s49").map(|s| s.id.as_str()), Some("s49"));
}

#[test]
fn the_quick_filter_matches_every_word_anywhere_ignoring_case() {
    let set = two_pages();
    let found =
        |q: &str| -> Vec<String> { set.filter(q).iter().map(|r| r.server.id.clone()).collect() };
    assert_eq!(found(""), ["a", "b", "c"]);
    assert_eq!(found("  "), ["a", "b", "c"]);
    assert_eq!(found("NAME-B"), ["b"]);
    assert_eq!(found("shutoff"), ["c"]);
    assert_eq!(found("ops-key name-a"), ["a"]);
    assert_eq!(found("10.0.0.1"), ["a", "b", "c"]);
    assert!(found("name-a shutoff").is_empty());
}

#[test]
fn a_load_without_a_limit_starts_small_then_reads_the_largest_pages() {
    let all = ServerQuery::default();
    let first = first_page(&all);
    assert_eq!(first.limit, Some(FIRST_PAGE));
    let second = next_page(&first, FIRST_PAGE as usize, Some("last")).expect("more");
    assert_eq!(second.limit, Some(MAX_PAGE));
    assert_eq!(second.marker.as_deref(), Some("last"));
    assert!(next_page(&second, MAX_PAGE as usize - 1, Some("x")).is_none());
    assert!(next_page(&second, 0, None).is_none());
}

#[test]
fn filters_are_kept_from_page_to_page() {
    let q = ServerQuery {
        status: Some("ACTIVE".into()),
        ..Default::default()
    };
    let first = first_page(&q);
    let next = next_page(&first, FIRST_PAGE as usize, Some("m")).unwrap();
    assert_eq!(next.status.as_deref(), Some("ACTIVE"));
}

#[test]
fn a_chosen_page_size_is_one_page() {
    let q = ServerQuery {
        limit: Some(20),
        ..Default::default()
    };
    assert_eq!(first_page(&q).limit, Some(20));
}

#[test]
fn only_the_whole_unfiltered_list_merges_changes() {
    assert!(can_merge_changes(&ServerQuery::default()));
    for q in [
        ServerQuery {
            status: Some("ACTIVE".into()),
            ..Default::default()
        },
        ServerQuery {
            limit: Some(20),
            ..Default::default()
        },
        ServerQuery {
            changes_since: Some("2026-01-01T00:00:00Z".into()),
            ..Default::default()
        },
    ] {
        assert!(!can_merge_changes(&q), "{q:?}");
    }
}
