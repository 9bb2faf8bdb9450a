//! The guide's state rules, as a table over every status and operation, plus task states,
//! the U2 rule, the counts and the sentences people read. The table's expectations are read
//! from the guide's own sentences and from Nova's decorators (both vendored under fixtures/),
//! not copied from the implementation.

mod common;

use std::collections::BTreeSet;

use common::fixtures_root;
use compute_api::rules::{check, check_all, Denied, Operation, ServerFacts};
use compute_api::server::Server;
use compute_api::status::{status_from_states, ServerStatus, TaskState};

fn facts(status: &ServerStatus) -> ServerFacts<'_> {
    ServerFacts {
        status,
        task_state: None,
        flavor_is_u2: Some(true),
        security_group_count: 1,
        attached_volume_count: 1,
    }
}

/// The guide's section under `heading`, up to its first code block (where the prose ends).
fn guide_section(heading: &str) -> String {
    let path = fixtures_root().join("guide/instance-api-v2-guide.md");
    let guide = std::fs::read_to_string(&path).expect("the guide is vendored");
    let start = guide
        .find(&format!("### {heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading:?} in the guide"));
    let section = &guide[start..];
    let end = section.find("```").unwrap_or(section.len());
    section[..end].to_string()
}

/// The statuses named in capitals in `text`, read the way the console reads the guide's
/// spellings (`STOPPED` is SHUTOFF …). The guide's createImage sentence names a `DECIDED`
/// status that exists neither in its status table nor in Nova: the console reads it as
/// SUSPENDED, which Nova's snapshot accepts (see `compute_api::rules`).
fn statuses_named(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_ascii_uppercase() || c == '_'))
        .filter(|word| word.len() >= 3)
        .filter_map(|word| match word {
            "DECIDED" => Some(ServerStatus::Suspended),
            _ => match ServerStatus::parse(word) {
                ServerStatus::Other(_) => None,
                known => Some(known),
            },
        })
        .map(|s| s.as_str().to_string())
        .collect()
}

/// The statuses named in the sentences (or, with `by_line`, the lines) of the guide's section
/// that contain `marker`: the ones saying which states an operation needs.
fn guide_requirement(heading: &str, marker: &str) -> BTreeSet<String> {
    guide_states(heading, marker, &['\n', '.'])
}

fn guide_states(heading: &str, marker: &str, separators: &[char]) -> BTreeSet<String> {
    let section = guide_section(heading);
    let sentences: Vec<&str> = section
        .split(separators)
        .filter(|sentence| sentence.contains(marker))
        .collect();
    assert!(
        !sentences.is_empty(),
        "{heading}: no sentence with {marker:?}"
    );
    sentences.iter().flat_map(|s| statuses_named(s)).collect()
}

/// The hard reboot's states: the bulleted list after "can only be forcibly stopped".
fn guide_hard_reboot() -> BTreeSet<String> {
    let section = guide_section("Restart an instance");
    let list = section
        .split_once("following state:")
        .expect("the hard reboot's list")
        .1;
    list.lines()
        .take_while(|line| line.trim().is_empty() || line.trim_start().starts_with('*'))
        .flat_map(statuses_named)
        .collect()
}

/// The statuses Nova's `check_instance_state` decorator of `method` accepts (vendored from
/// nova/compute/api.py), through the vm_state → status map.
fn nova_decorator(method: &str) -> BTreeSet<String> {
    let path = fixtures_root().join("nova-rules/compute-api-volume-attach-detach.py.txt");
    let text = std::fs::read_to_string(&path).expect("the Nova excerpt is vendored");
    let at = text
        .find(&format!("def {method}("))
        .unwrap_or_else(|| panic!("no {method} in the excerpt"));
    let decorator = &text[text[..at]
        .rfind("@check_instance_state")
        .expect("a decorator")..at];
    decorator
        .split("vm_states.")
        .skip(1)
        .map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                .collect();
            status_from_states(&name.to_ascii_lowercase(), None)
                .as_str()
                .to_string()
        })
        .collect()
}

/// The statuses each operation accepts, and where that is written. `true`: every status
/// except the listed ones (unknown statuses included).
fn expected(op: Operation) -> (BTreeSet<String>, bool) {
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    match op {
        // The guide's sentences.
        Operation::Start => (guide_requirement("Start an instance", "must be in"), false),
        Operation::Stop => (guide_requirement("Stop an instance", "must be in"), false),
        Operation::RebootSoft => (
            guide_states("Restart an instance", "**SOFT** method", &['\n']),
            false,
        ),
        Operation::RebootHard => (guide_hard_reboot(), false),
        Operation::Resize => (
            guide_requirement("Change the instance type", "only when"),
            false,
        ),
        Operation::CreateImage => (
            guide_requirement("Create an instance image", "only be created"),
            false,
        ),
        // The guide says nothing of states here; Nova's decorators do.
        Operation::AttachVolume => (nova_decorator("attach_volume"), false),
        Operation::DetachVolume => (nova_decorator("detach_volume"), false),
        // Neither the guide nor Nova restricts these (nova/network/security_group_api.py
        // `add_to_instance` checks no state); the console's own choice is tested below by
        // its principle, not by copying its list.
        Operation::AddSecurityGroup | Operation::RemoveSecurityGroup => (
            op.allowed_statuses()
                .iter()
                .map(|s| s.as_str().to_string())
                .collect(),
            false,
        ),
        // Nova refuses an update and a delete of a deleted server only (and the guide's delete
        // and rename sections name no state).
        Operation::Rename => (names(&["DELETED", "SOFT_DELETED"]), true),
        Operation::Delete => (names(&["DELETED"]), true),
    }
}

#[test]
fn the_guide_states_the_rules_the_table_checks() {
    // The derivation itself reads what the guide says, so a misread is caught here.
    assert_eq!(
        guide_requirement("Start an instance", "must be in"),
        ["SHUTOFF".to_string()].into()
    );
    assert_eq!(guide_hard_reboot().len(), 7);
    assert!(guide_requirement("Create an instance image", "only be created").contains("SUSPENDED"));
    assert!(nova_decorator("attach_volume").contains("SHELVED_OFFLOADED"));
}

#[test]
fn security_groups_change_only_on_a_settled_existing_server() {
    for op in [Operation::AddSecurityGroup, Operation::RemoveSecurityGroup] {
        let allowed = op.allowed_statuses();
        assert!(allowed.contains(&ServerStatus::Active));
        for status in &allowed {
            // VERIFY_RESIZE waits for the user, with no task running.
            let at_rest = !status.is_transitional() || *status == ServerStatus::VerifyResize;
            assert!(at_rest, "{op} in transitional {status}");
            assert!(
                !matches!(status, ServerStatus::Deleted | ServerStatus::SoftDeleted),
                "{op} on a deleted server"
            );
        }
    }
}

fn all_statuses() -> Vec<ServerStatus> {
    let mut all = ServerStatus::KNOWN.to_vec();
    all.push(ServerStatus::Other("MYSTERY".into()));
    all
}

#[test]
fn table_of_every_status_and_operation() {
    let mut checked = 0;
    for status in all_statuses() {
        for op in Operation::ALL {
            let (listed, except) = expected(op);
            let in_list = listed.contains(status.as_str());
            let allowed = if status.is_unknown() {
                except
            } else if except {
                !in_list
            } else {
                in_list
            };
            let verdict = check(op, &facts(&status));
            assert_eq!(verdict.is_ok(), allowed, "{op} in {status}: {verdict:?}");
            if let Err(denied) = verdict {
                match denied {
                    Denied::WrongStatus {
                        operation, actual, ..
                    } => {
                        assert_eq!(operation, op);
                        assert_eq!(actual, status);
                    }
                    other => panic!("{op} in {status}: expected WrongStatus, got {other:?}"),
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 21 * 12);
}

#[test]
fn guide_and_nova_spellings_agree() {
    for (guide, nova) in [
        ("BUILDING", "BUILD"),
        ("STOPPED", "SHUTOFF"),
        ("RESIZED", "RESIZE"),
        ("RESCUED", "RESCUE"),
        ("shutoff", "SHUTOFF"),
        (" Active ", "ACTIVE"),
    ] {
        let a = ServerStatus::parse(guide);
        let b = ServerStatus::parse(nova);
        assert_eq!(a, b, "{guide} vs {nova}");
        for op in Operation::ALL {
            assert_eq!(check(op, &facts(&a)), check(op, &facts(&b)), "{op}");
        }
    }
    // The guide's STOPPED is what start needs.
    assert!(check(Operation::Start, &facts(&ServerStatus::parse("STOPPED"))).is_ok());
    assert!(check(Operation::Start, &facts(&ServerStatus::parse("BUILDING"))).is_err());
}

#[test]
fn a_running_task_refuses_all_but_delete_and_rename() {
    let active = ServerStatus::Active;
    let task = TaskState("powering-off".into());
    let f = ServerFacts {
        task_state: Some(&task),
        ..facts(&active)
    };
    for op in Operation::ALL {
        let verdict = check(op, &f);
        if matches!(op, Operation::Delete | Operation::Rename) {
            // Neither the guide nor Nova (`PUT /servers/{id}` checks no task) holds a rename.
            assert_eq!(verdict, Ok(()), "{op}");
        } else if check(op, &facts(&active)).is_err() {
            // The status already refuses it (start in ACTIVE); that reason comes first.
            assert!(matches!(verdict, Err(Denied::WrongStatus { .. })), "{op}");
        } else {
            assert_eq!(
                verdict,
                Err(Denied::TaskInProgress {
                    operation: op,
                    task: "powering-off".into()
                }),
                "{op}"
            );
        }
    }
}

#[test]
fn hard_reboot_gets_out_of_a_stuck_reboot() {
    for (status, task, ok) in [
        (ServerStatus::Reboot, "rebooting", true),
        (ServerStatus::Reboot, "reboot_pending", true),
        (ServerStatus::Reboot, "reboot_started", true),
        (ServerStatus::HardReboot, "rebooting_hard", true),
        // Nova refuses this one, but the guide accepts a hard reboot in HARD_REBOOT, which it
        // shows as (tests/guide.rs).
        (ServerStatus::HardReboot, "reboot_started_hard", true),
        (ServerStatus::Active, "resuming", true),
        (ServerStatus::Active, "unpausing", true),
        (ServerStatus::Active, "suspending", true),
        // Nova refuses these: the server is busy with something a reboot would break.
        (ServerStatus::Active, "image_snapshot", false),
        (ServerStatus::Resize, "resize_prep", false),
    ] {
        let task_state = TaskState(task.into());
        let f = ServerFacts {
            task_state: Some(&task_state),
            ..facts(&status)
        };
        assert_eq!(
            check(Operation::RebootHard, &f).is_ok(),
            ok,
            "{status} / {task}"
        );
        // A soft reboot is never allowed during a task.
        assert!(check(Operation::RebootSoft, &f).is_err());
    }
}

#[test]
fn an_empty_task_state_is_no_task() {
    let active = ServerStatus::Active;
    for empty in ["", "  ", "None"] {
        let task = TaskState(empty.into());
        let f = ServerFacts {
            task_state: Some(&task),
            ..facts(&active)
        };
        assert_eq!(check(Operation::Stop, &f), Ok(()), "{empty:?}");
    }
}

#[test]
fn create_image_is_for_u2_only() {
    for status in [ServerStatus::Active, ServerStatus::Shutoff] {
        let with = |u2| ServerFacts {
            flavor_is_u2: u2,
            ..facts(&status)
        };
        assert_eq!(check(Operation::CreateImage, &with(Some(true))), Ok(()));
        assert_eq!(
            check(Operation::CreateImage, &with(Some(false))),
            Err(Denied::NotU2)
        );
        // Unknown flavor: not refused here; the server has the last word.
        assert_eq!(check(Operation::CreateImage, &with(None)), Ok(()));
    }
    // The status is checked first.
    let building = ServerStatus::Build;
    let f = ServerFacts {
        flavor_is_u2: Some(false),
        ..facts(&building)
    };
    assert!(matches!(
        check(Operation::CreateImage, &f),
        Err(Denied::WrongStatus { .. })
    ));
}

#[test]
fn remove_and_detach_need_something_to_remove() {
    let active = ServerStatus::Active;
    let f = ServerFacts {
        security_group_count: 0,
        attached_volume_count: 0,
        ..facts(&active)
    };
    assert_eq!(
        check(Operation::RemoveSecurityGroup, &f),
        Err(Denied::NoSecurityGroups)
    );
    assert_eq!(check(Operation::DetachVolume, &f), Err(Denied::NoVolumes));
    assert_eq!(check(Operation::AddSecurityGroup, &f), Ok(()));
    assert_eq!(check(Operation::AttachVolume, &f), Ok(()));
}

#[test]
fn reasons_read_well() {
    let reason = |op, status: ServerStatus| check(op, &facts(&status)).unwrap_err().to_string();
    assert_eq!(
        reason(Operation::Start, ServerStatus::Active),
        "Start needs SHUTOFF; this instance is ACTIVE"
    );
    assert_eq!(
        reason(Operation::Stop, ServerStatus::Shutoff),
        "Stop needs ACTIVE or ERROR; this instance is SHUTOFF"
    );
    assert_eq!(
        reason(Operation::Resize, ServerStatus::Error),
        "Resize needs ACTIVE or SHUTOFF; this instance is ERROR"
    );
    assert_eq!(
        reason(Operation::RebootHard, ServerStatus::Build),
        "Hard reboot needs ACTIVE, ERROR, HARD_REBOOT, PAUSED, REBOOT, SHUTOFF or SUSPENDED; \
         this instance is BUILD"
    );
    assert_eq!(
        reason(Operation::Delete, ServerStatus::Deleted),
        "Delete is not possible while this instance is DELETED"
    );
    assert_eq!(
        reason(Operation::Start, ServerStatus::Other("MYSTERY".into())),
        "Start needs SHUTOFF; this instance is MYSTERY"
    );
    let active = ServerStatus::Active;
    let task = TaskState("image_snapshot".into());
    let f = ServerFacts {
        task_state: Some(&task),
        ..facts(&active)
    };
    assert_eq!(
        check(Operation::Stop, &f).unwrap_err().to_string(),
        "Stop must wait: this instance is busy with the task image_snapshot"
    );
    assert!(Denied::NotU2.to_string().contains("U2"));
    assert!(Denied::NoVolumes.to_string().starts_with("Detach volume"));
    assert!(Denied::NoSecurityGroups
        .to_string()
        .starts_with("Remove security group"));
}

#[test]
fn labels_and_all() {
    assert_eq!(Operation::ALL.len(), 12);
    let labels: Vec<String> = Operation::ALL.iter().map(|o| o.to_string()).collect();
    assert_eq!(labels[2], "Soft reboot");
    assert_eq!(labels[3], "Hard reboot");
    let mut unique = labels.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 12);
}

#[test]
fn facts_from_a_server() {
    let server: Server = serde_json::from_value(serde_json::json!({
        "id": "s1",
        "status": "STOPPED",
        "OS-EXT-STS:task_state": null,
        "security_groups": [{"name": "default"}, {"name": "web"}],
        "os-extended-volumes:volumes_attached": [{"id": "v1"}]
    }))
    .unwrap();
    let f = ServerFacts::from_server(&server, Some(false));
    assert_eq!(f.status, &ServerStatus::Shutoff);
    assert_eq!(f.task_state, None);
    assert_eq!(f.security_group_count, 2);
    assert_eq!(f.attached_volume_count, 1);
    let verdicts = check_all(&f);
    assert_eq!(verdicts.len(), 12);
    let allowed: Vec<Operation> = verdicts
        .iter()
        .filter(|(_, v)| v.is_ok())
        .map(|(op, _)| *op)
        .collect();
    assert_eq!(
        allowed,
        [
            Operation::Start,
            Operation::RebootHard,
            Operation::Resize,
            Operation::AddSecurityGroup,
            Operation::RemoveSecurityGroup,
            Operation::AttachVolume,
            Operation::DetachVolume,
            Operation::Rename,
            Operation::Delete,
        ]
    );
}
