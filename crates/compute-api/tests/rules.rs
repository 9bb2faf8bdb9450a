//! The seed's state rules, as a table over every status and operation, plus task states,
//! the U2 rule, the counts and the sentences people read.

use compute_api::rules::{check, check_all, Denied, Operation, ServerFacts};
use compute_api::server::Server;
use compute_api::status::{ServerStatus, TaskState};

fn facts(status: &ServerStatus) -> ServerFacts<'_> {
    ServerFacts {
        status,
        task_state: None,
        flavor_is_u2: Some(true),
        security_group_count: 1,
        attached_volume_count: 1,
    }
}

/// The statuses each operation accepts, as Nova spells them. `*` = every status except
/// the listed ones (and unknown statuses are accepted).
fn expected(op: Operation) -> (&'static [&'static str], bool) {
    match op {
        Operation::Start => (&["SHUTOFF"], false),
        Operation::Stop => (&["ACTIVE", "ERROR"], false),
        Operation::RebootSoft => (&["ACTIVE"], false),
        Operation::RebootHard => (
            &[
                "ACTIVE",
                "ERROR",
                "HARD_REBOOT",
                "PAUSED",
                "REBOOT",
                "SHUTOFF",
                "SUSPENDED",
            ],
            false,
        ),
        Operation::Resize => (&["ACTIVE", "SHUTOFF"], false),
        Operation::CreateImage => (&["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"], false),
        Operation::AddSecurityGroup | Operation::RemoveSecurityGroup => (
            &[
                "ACTIVE",
                "SHUTOFF",
                "PAUSED",
                "SUSPENDED",
                "ERROR",
                "VERIFY_RESIZE",
            ],
            false,
        ),
        Operation::AttachVolume | Operation::DetachVolume => (
            &[
                "ACTIVE",
                "PAUSED",
                "SHUTOFF",
                "VERIFY_RESIZE",
                "SHELVED",
                "SHELVED_OFFLOADED",
            ],
            false,
        ),
        Operation::Rename => (&["DELETED", "SOFT_DELETED"], true),
        Operation::Delete => (&["DELETED"], true),
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
            let in_list = listed.contains(&status.as_str());
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
fn seed_and_nova_spellings_agree() {
    for (seed, nova) in [
        ("BUILDING", "BUILD"),
        ("STOPPED", "SHUTOFF"),
        ("RESIZED", "RESIZE"),
        ("RESCUED", "RESCUE"),
        ("shutoff", "SHUTOFF"),
        (" Active ", "ACTIVE"),
    ] {
        let a = ServerStatus::parse(seed);
        let b = ServerStatus::parse(nova);
        assert_eq!(a, b, "{seed} vs {nova}");
        for op in Operation::ALL {
            assert_eq!(check(op, &facts(&a)), check(op, &facts(&b)), "{op}");
        }
    }
    // The seed's STOPPED is what start needs.
    assert!(check(Operation::Start, &facts(&ServerStatus::parse("STOPPED"))).is_ok());
    assert!(check(Operation::Start, &facts(&ServerStatus::parse("BUILDING"))).is_err());
}

#[test]
fn a_running_task_refuses_all_but_delete() {
    let active = ServerStatus::Active;
    let task = TaskState("powering-off".into());
    let f = ServerFacts {
        task_state: Some(&task),
        ..facts(&active)
    };
    for op in Operation::ALL {
        let verdict = check(op, &f);
        if op == Operation::Delete {
            assert_eq!(verdict, Ok(()));
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
        (ServerStatus::Active, "resuming", true),
        (ServerStatus::Active, "unpausing", true),
        (ServerStatus::Active, "suspending", true),
        // Nova refuses these: the hard reboot is already past the point of no return.
        (ServerStatus::HardReboot, "reboot_started_hard", false),
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
