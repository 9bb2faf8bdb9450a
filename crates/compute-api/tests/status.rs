//! Status spellings, unknown values, quirky fields, and Nova's vm_state/task_state map.

mod common;

use common::fixtures_root;

use compute_api::flavor::Flavor;
use compute_api::server::Server;
use compute_api::status::{status_from_states, PowerState, ServerStatus, TaskState};

#[test]
fn guide_and_nova_spellings_parse_to_the_same_status() {
    for (guide, nova, variant) in [
        ("BUILDING", "BUILD", ServerStatus::Build),
        ("STOPPED", "SHUTOFF", ServerStatus::Shutoff),
        ("RESIZED", "RESIZE", ServerStatus::Resize),
        ("RESCUED", "RESCUE", ServerStatus::Rescue),
    ] {
        assert_eq!(ServerStatus::parse(guide), variant);
        assert_eq!(ServerStatus::parse(nova), variant);
        assert_eq!(ServerStatus::parse(&guide.to_lowercase()), variant);
        assert_eq!(variant.as_str(), nova);
        assert_eq!(variant.guide_name(), guide);
    }
    for status in ServerStatus::KNOWN {
        assert_eq!(ServerStatus::parse(status.as_str()), status);
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(serde_json::from_str::<ServerStatus>(&json).unwrap(), status);
    }
}

#[test]
fn unknown_statuses_survive_as_they_came() {
    let s: ServerStatus = serde_json::from_str(r#""Hibernating""#).unwrap();
    assert_eq!(s, ServerStatus::Other("Hibernating".into()));
    assert_eq!(s.to_string(), "Hibernating");
    assert_eq!(serde_json::to_string(&s).unwrap(), r#""Hibernating""#);
    assert!(s.is_unknown());
    assert!(!s.is_transitional());
    let null: ServerStatus = serde_json::from_str("null").unwrap();
    assert_eq!(null, ServerStatus::Unknown);
    // A server whose status is unexpected still decodes and keeps it.
    let server: Server =
        serde_json::from_str(r#"{"id": "x", "status": "MIGRATING_TO_MARS"}"#).unwrap();
    assert_eq!(server.status.as_str(), "MIGRATING_TO_MARS");
}

#[test]
fn flavor_swap_empty_or_number() {
    for (swap, expected) in [
        (r#""""#, None),
        ("0", Some(0)),
        ("1024", Some(1024)),
        (r#""512""#, Some(512)),
        ("null", None),
    ] {
        let json = format!(r#"{{"id": "1", "name": "m2.c1m2", "swap": {swap}}}"#);
        let flavor: Flavor = serde_json::from_str(&json).unwrap();
        assert_eq!(flavor.swap, expected, "{swap}");
    }
    let flavor: Flavor = serde_json::from_str(r#"{"id": "1"}"#).unwrap();
    assert_eq!(flavor.swap, None);
}

#[test]
fn power_state_and_task_state() {
    assert_eq!(PowerState::RUNNING.name(), Some("running"));
    assert_eq!(PowerState::SHUTDOWN.name(), Some("shutdown"));
    assert_eq!(PowerState(42).name(), None);
    assert!(TaskState("spawning".into()).is_active());
    assert!(!TaskState(String::new()).is_active());
}

#[test]
fn nullable_fields_and_booted_from_volume() {
    let server: Server = serde_json::from_str(
        r#"{"id": "x", "name": null, "image": "", "addresses": null, "metadata": null,
            "OS-EXT-STS:task_state": null, "OS-SRV-USG:launched_at": null,
            "security_groups": null}"#,
    )
    .unwrap();
    assert_eq!(server.name, "");
    assert_eq!(server.image, None);
    assert!(server.addresses.is_empty());
    assert_eq!(server.task_state, None);
    assert_eq!(server.launched_at, None);
}

#[test]
fn status_map_matches_nova() {
    let path = fixtures_root().join("derived/server-status-map.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let map = doc["state_map"].as_object().expect("state_map");
    let all_tasks: Vec<&str> = doc["task_states"]
        .as_object()
        .expect("task_states")
        .values()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut checked = 0;
    for (vm_state, tasks) in map {
        let tasks = tasks.as_object().unwrap();
        let default = tasks["default"].as_str().unwrap();
        assert_eq!(
            status_from_states(vm_state, None).as_str(),
            default,
            "{vm_state} without a task"
        );
        // Every task state Nova knows: the listed ones map as listed, the rest to default.
        for task in &all_tasks {
            let expected = tasks.get(*task).and_then(|v| v.as_str()).unwrap_or(default);
            assert_eq!(
                status_from_states(vm_state, Some(task)).as_str(),
                expected,
                "{vm_state} / {task}"
            );
            checked += 1;
        }
    }
    assert!(checked > 400, "{checked}");
    // Every vm_state constant is in the map, and an unknown one gives UNKNOWN.
    for vm_state in doc["vm_states"].as_object().unwrap().values() {
        let vm_state = vm_state.as_str().unwrap();
        assert!(map.contains_key(vm_state), "{vm_state}");
    }
    assert_eq!(
        status_from_states("levitating", None),
        ServerStatus::Unknown
    );
    // Power states in the file match ours.
    for (code, name) in doc["power_states"].as_object().unwrap() {
        let ours = PowerState(code.parse().unwrap()).name().unwrap();
        assert!(
            name.as_str().unwrap().to_lowercase().contains(ours),
            "{code}: {name} vs {ours}"
        );
    }
}
