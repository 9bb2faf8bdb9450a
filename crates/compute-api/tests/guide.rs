//! The API guide's exact words where the console, the simulator and `compute-api` once read it
//! differently: each test quotes the guide's sentence (and fails if the guide stops saying it),
//! then checks the one rule both sides use.

mod common;

use common::assert_guide_says;
use compute_api::block_source::{is_restricted_image, BlockSource};
use compute_api::flavor::Flavor;
use compute_api::request::{list_volume_attachments, list_volume_attachments_page};
use compute_api::rules::{check, check_detach, Denied, Operation, ServerFacts};
use compute_api::server::{BlockDeviceMapping, CreateServer, NetworkSpec};
use compute_api::services::Image;
use compute_api::validate::{
    instance_names, proposed_delete_on_termination, validate_create, CreateContext, ErrorKind,
};
use compute_api::{status_from_states, ServerStatus, TaskState};

#[test]
fn a_volume_is_kept_unless_the_request_says_to_delete_it() {
    assert_guide_says(
        "Whether to process volumes when deleting an instance; the default value is `false`.",
    );
    let unsaid = BlockDeviceMapping {
        source_type: "volume".into(),
        uuid: Some("vol-1".into()),
        ..Default::default()
    };
    assert!(!unsaid.deleted_with_instance());
    let said = |delete| BlockDeviceMapping {
        delete_on_termination: Some(delete),
        ..unsaid.clone()
    };
    assert!(said(true).deleted_with_instance());
    assert!(!said(false).deleted_with_instance());
    // The guide's own example sends `1`, which reads as true.
    let decoded: BlockDeviceMapping = serde_json::from_str(
        r#"{"source_type": "image", "uuid": "i", "delete_on_termination": 1}"#,
    )
    .unwrap();
    assert!(decoded.deleted_with_instance());
}

#[test]
fn an_existing_volume_or_snapshot_is_never_proposed_for_deletion() {
    assert_guide_says("the default value is `false`");
    assert!(!proposed_delete_on_termination("volume"));
    assert!(!proposed_delete_on_termination("snapshot"));
    // A volume made from an image exists only for this instance (see the function's reason).
    assert!(proposed_delete_on_termination("image"));
}

#[test]
fn the_root_volume_is_never_detached() {
    assert_guide_says("- If `0`, the root volume");
    let status = ServerStatus::Active;
    let facts = ServerFacts {
        status: &status,
        task_state: None,
        flavor_is_u2: Some(false),
        security_group_count: 1,
        attached_volume_count: 2,
    };
    assert_eq!(
        check_detach(&facts, Some("/dev/vda")),
        Err(Denied::RootVolume)
    );
    assert_eq!(check_detach(&facts, Some("vda")), Err(Denied::RootVolume));
    assert_eq!(check_detach(&facts, Some("/dev/vdb")), Ok(()));
    // The state rules come first: a server that may not detach at all says so.
    let building = ServerStatus::Build;
    let busy = ServerFacts {
        status: &building,
        ..facts.clone()
    };
    assert!(matches!(
        check_detach(&busy, Some("/dev/vdb")),
        Err(Denied::WrongStatus { .. })
    ));
}

#[test]
fn a_hard_reboot_is_accepted_whatever_task_shows_as_hard_reboot() {
    assert_guide_says(
        "An instance can only be forcibly stopped when it is in the following state:",
    );
    assert_guide_says("    * **HARD_REBOOT**");
    for task in [
        "rebooting_hard",
        "reboot_pending_hard",
        "reboot_started_hard",
    ] {
        let status = status_from_states("active", Some(task));
        assert_eq!(status, ServerStatus::HardReboot, "{task}");
        let task_state = TaskState(task.to_string());
        let facts = ServerFacts {
            status: &status,
            task_state: Some(&task_state),
            flavor_is_u2: None,
            security_group_count: 1,
            attached_volume_count: 1,
        };
        assert_eq!(check(Operation::RebootHard, &facts), Ok(()), "{task}");
    }
}

// ---- creation: block storage sources, Windows on volumes, names, addresses ----------------

fn flavor(id: &str, ram: u64) -> Flavor {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": id, "ram": ram, "disk": 0, "vcpus": 2
    }))
    .unwrap()
}

fn image(id: &str, name: &str, os_type: &str) -> Image {
    Image {
        id: id.into(),
        name: Some(name.into()),
        os_type: Some(os_type.into()),
        ..Default::default()
    }
}

fn source(id: &str, zone: &str, bootable: bool, from: Option<Image>) -> BlockSource {
    BlockSource {
        id: id.into(),
        bootable,
        size: Some(50),
        availability_zone: Some(zone.into()),
        image: from,
        available: true,
    }
}

fn disk(source_type: &str, uuid: &str, boot_index: i32) -> BlockDeviceMapping {
    BlockDeviceMapping {
        uuid: Some(uuid.into()),
        source_type: source_type.into(),
        destination_type: Some("volume".into()),
        boot_index: Some(boot_index),
        ..Default::default()
    }
}

/// A valid request booting from image `img` on a 50 GB volume, with `extra` disks after it.
fn request(extra: Vec<BlockDeviceMapping>) -> CreateServer {
    let root = BlockDeviceMapping {
        volume_size: Some(50),
        ..disk("image", "img", 0)
    };
    CreateServer {
        name: "web-01".into(),
        image_ref: "img".into(),
        flavor_ref: "m2".into(),
        networks: vec![NetworkSpec {
            uuid: Some("net".into()),
            ..Default::default()
        }],
        key_name: Some("key".into()),
        block_device_mapping_v2: Some(std::iter::once(root).chain(extra).collect()),
        ..Default::default()
    }
}

/// A request whose root is the existing `source_type` `uuid` (no image).
fn booting_from(source_type: &str, uuid: &str) -> CreateServer {
    CreateServer {
        image_ref: String::new(),
        block_device_mapping_v2: Some(vec![disk(source_type, uuid, 0)]),
        ..request(vec![])
    }
}

fn errors(
    server: &CreateServer,
    image: Option<&Image>,
    sources: &[BlockSource],
) -> Vec<(String, ErrorKind)> {
    let m2 = flavor("m2", 4096);
    validate_create(
        server,
        &CreateContext {
            image,
            flavor: Some(&m2),
            sources,
        },
    )
    .into_iter()
    .map(|e| (e.field, e.kind))
    .collect()
}

#[test]
fn a_root_volume_or_snapshot_must_be_bootable() {
    assert_guide_says("If it is a root volume, it must be a bootable source");
    let data = [source("data", "kr-pub-a", false, None)];
    for kind in ["volume", "snapshot"] {
        assert_eq!(
            errors(&booting_from(kind, "data"), None, &data),
            [(
                "block_device_mapping_v2[0].uuid".to_string(),
                ErrorKind::SourceNotBootable
            )],
            "{kind}"
        );
    }
    // As an additional volume it need not be.
    let linux = image("img", "Ubuntu Server 22.04", "linux");
    assert_eq!(
        errors(
            &request(vec![disk("volume", "data", 1)]),
            Some(&linux),
            &data
        ),
        []
    );
    let bootable = [source("boot", "kr-pub-a", true, Some(linux.clone()))];
    assert_eq!(errors(&booting_from("volume", "boot"), None, &bootable), []);
}

#[test]
fn no_volume_or_snapshot_made_from_a_waf_ms_sql_or_mysql_image() {
    assert_guide_says(
        "you cannot use a volume or snapshot whose source is a WAF, MS-SQL, or MySQL image that cannot create an image",
    );
    let linux = image("img", "Ubuntu Server 22.04", "linux");
    for name in [
        "MySQL 8.0 - Ubuntu 22.04",
        "MS-SQL 2019 Std",
        "mssql-2022",
        "WAF (Web Firewall)",
    ] {
        let restricted = image("db", name, "linux");
        let sources = [source("vol", "kr-pub-a", true, Some(restricted))];
        let want = ErrorKind::SourceImageRestricted(name.to_string());
        assert_eq!(
            errors(&booting_from("volume", "vol"), None, &sources),
            [("block_device_mapping_v2[0].uuid".to_string(), want.clone())],
            "{name}"
        );
        // The sentence names volumes and snapshots, not only roots (docs/guide-readings.md).
        assert_eq!(
            errors(
                &request(vec![disk("snapshot", "vol", 1)]),
                Some(&linux),
                &sources
            ),
            [("block_device_mapping_v2[1].uuid".to_string(), want)],
            "{name}"
        );
    }
    for name in [
        "Ubuntu Server 22.04",
        "Rocky Linux 8 (wafer)",
        "Windows 2019 STD",
    ] {
        assert!(!is_restricted_image(&image("i", name, "linux")), "{name}");
    }
}

#[test]
fn a_volume_or_snapshot_is_in_the_instance_zone() {
    assert_guide_says(
        "Sources other than `image` must have the same availability zone as the instance to be created",
    );
    let linux = image("img", "Ubuntu Server 22.04", "linux");
    let sources = [
        source("a", "kr-pub-a", false, None),
        source("b", "kr-pub-b", false, None),
    ];
    let in_zone = |zone: &str, extra| CreateServer {
        availability_zone: Some(zone.into()),
        ..request(extra)
    };
    assert_eq!(
        errors(
            &in_zone("kr-pub-a", vec![disk("volume", "a", 1)]),
            Some(&linux),
            &sources
        ),
        []
    );
    assert_eq!(
        errors(
            &in_zone("kr-pub-a", vec![disk("volume", "b", 1)]),
            Some(&linux),
            &sources
        ),
        [(
            "block_device_mapping_v2[1].uuid".to_string(),
            ErrorKind::SourceZoneMismatch {
                source_zone: "kr-pub-b".into(),
                instance_zone: "kr-pub-a".into(),
            }
        )]
    );
    // No zone named: the instance goes where its first volume is, and the others must follow.
    let unnamed = request(vec![disk("volume", "b", 1), disk("volume", "a", 2)]);
    let context = CreateContext {
        image: Some(&linux),
        flavor: None,
        sources: &sources,
    };
    assert_eq!(context.instance_zone(&unnamed).as_deref(), Some("kr-pub-b"));
    assert_eq!(
        errors(&unnamed, Some(&linux), &sources),
        [(
            "block_device_mapping_v2[2].uuid".to_string(),
            ErrorKind::SourceZoneMismatch {
                source_zone: "kr-pub-a".into(),
                instance_zone: "kr-pub-b".into(),
            }
        )]
    );
}

#[test]
fn windows_rules_follow_the_image_the_root_volume_was_made_from() {
    assert_guide_says(
        "Windows instances have the following creation constraints for stable operation:",
    );
    assert_guide_says("Windows images must be 15 characters or less");
    let windows = image("win", "Windows 2019 STD", "windows");
    let linux = image("img", "Ubuntu Server 22.04", "linux");
    let sources = [
        source("win-vol", "kr-pub-a", true, Some(windows.clone())),
        source("linux-vol", "kr-pub-a", true, Some(linux.clone())),
    ];
    let long_name = |kind: &str, uuid: &str| CreateServer {
        name: "a-twenty-char-name-x".into(),
        ..booting_from(kind, uuid)
    };
    // A Windows volume (or snapshot) root: the 15-character rule, whatever image was picked.
    for kind in ["volume", "snapshot"] {
        assert_eq!(
            errors(&long_name(kind, "win-vol"), Some(&linux), &sources),
            [(
                "name".to_string(),
                ErrorKind::WindowsNameTooLong {
                    max: 15,
                    actual: 20
                }
            )],
            "{kind}"
        );
    }
    // A stale Windows image does not block a Linux volume.
    assert_eq!(
        errors(&long_name("volume", "linux-vol"), Some(&windows), &sources),
        []
    );
    // Its RAM and root size rules too: 1 GB of RAM and a 30 GB Windows volume.
    let small = [BlockSource {
        size: Some(30),
        ..sources[0].clone()
    }];
    let m1 = flavor("m1", 1024);
    let found: Vec<ErrorKind> = validate_create(
        &booting_from("volume", "win-vol"),
        &CreateContext {
            image: None,
            flavor: Some(&m1),
            sources: &small,
        },
    )
    .into_iter()
    .map(|e| e.kind)
    .collect();
    assert_eq!(
        found,
        [
            ErrorKind::WindowsNeedsRam {
                min_mb: 2048,
                actual_mb: 1024
            },
            ErrorKind::RootDiskTooSmall {
                min_gb: 50,
                actual_gb: 30
            }
        ]
    );
}

#[test]
fn several_instances_are_named_and_checked_as_they_will_exist() {
    assert_guide_says("The default value is min_count, and the maximum value is 10.");
    assert_eq!(instance_names("web", 1), ["web"]);
    assert_eq!(instance_names("web", 3), ["web-1", "web-2", "web-3"]);
    let linux = image("img", "Ubuntu Server 22.04", "linux");
    let named = |name: String, min: Option<u32>, max: Option<u32>| CreateServer {
        name,
        min_count: min,
        max_count: max,
        ..request(vec![])
    };
    // 253 + "-3" is 255: allowed; 254 + "-3" is not. A blank max_count is min_count.
    assert_eq!(
        errors(&named("a".repeat(253), Some(3), None), Some(&linux), &[]),
        []
    );
    let too_long = errors(&named("a".repeat(254), Some(3), None), Some(&linux), &[]);
    assert_eq!(
        too_long,
        [(
            "name".to_string(),
            ErrorKind::NumberedNameTooLong {
                max: 255,
                longest: format!("{}-3", "a".repeat(254))
            }
        )]
    );
    // Windows: 14 characters become 16 with "-2".
    let windows = image("img", "Windows 2019 STD", "windows");
    let found = errors(
        &named("fourteen-chars".into(), None, Some(2)),
        Some(&windows),
        &[],
    );
    assert_eq!(
        found[0].1,
        ErrorKind::NumberedNameTooLong {
            max: 15,
            longest: "fourteen-chars-2".into()
        }
    );
}

#[test]
fn a_fixed_ip_is_ipv4() {
    assert_guide_says("NHN Cloud only supports IPv4");
    let linux = image("img", "Ubuntu Server 22.04", "linux");
    let with_ip = |ip: &str| CreateServer {
        networks: vec![NetworkSpec {
            uuid: Some("net".into()),
            fixed_ip: Some(ip.into()),
            ..Default::default()
        }],
        ..request(vec![])
    };
    assert_eq!(errors(&with_ip("192.168.0.10"), Some(&linux), &[]), []);
    assert_eq!(
        errors(&with_ip("fd00::1"), Some(&linux), &[]),
        [("networks[0].fixed_ip".to_string(), ErrorKind::NotIpv4)]
    );
}

#[test]
fn the_attachment_list_takes_limit_and_offset() {
    assert_guide_says("| limit | Query | Integer | - | Number of lists to view |");
    assert_guide_says(
        "| offset | Query | Integer | - | The starting point of the list to be returned",
    );
    assert_eq!(
        list_volume_attachments_page("s1", Some(2), Some(1)).path_and_query(),
        "/servers/s1/os-volume_attachments?limit=2&offset=1"
    );
    assert_eq!(
        list_volume_attachments("s1").path_and_query(),
        "/servers/s1/os-volume_attachments"
    );
}

#[test]
fn the_status_filter_offers_every_state_of_the_guide() {
    let guide = common::guide();
    let table = guide
        .split_once("The list of instance states is as follows:")
        .expect("the guide's status table")
        .1;
    let names: Vec<&str> = table
        .lines()
        .skip_while(|line| !line.starts_with("| `"))
        .take_while(|line| line.starts_with("| `"))
        .filter_map(|line| line.split('`').nth(1))
        .collect();
    assert_eq!(names.len(), 15, "{names:?}");
    for name in names {
        let status = ServerStatus::parse(name);
        assert!(
            ServerStatus::FILTERABLE.contains(&status),
            "{name} ({status:?}) is not offered"
        );
    }
}
