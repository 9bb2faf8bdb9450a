//! The creation rules at their boundaries, and every error reported at once.

use std::collections::BTreeMap;

use compute_api::flavor::Flavor;
use compute_api::server::{BlockDeviceMapping, CreateServer, NetworkSpec, SecurityGroupRef};
use compute_api::services::Image;
use compute_api::validate::{
    encode_user_data, encoded_user_data_len, validate_create, validate_rename, CreateContext,
    ErrorKind, FieldError,
};

fn linux() -> Image {
    Image {
        id: "img-linux".into(),
        os_type: Some("linux".into()),
        ..Default::default()
    }
}

fn windows() -> Image {
    Image {
        id: "img-win".into(),
        // The documents show both spellings.
        os_type: Some("Windows".into()),
        login_username: Some("Administrator".into()),
        ..Default::default()
    }
}

fn flavor(name: &str, ram: u64, disk: u64) -> Flavor {
    serde_json::from_value(serde_json::json!({
        "id": name, "name": name, "ram": ram, "disk": disk, "vcpus": 2
    }))
    .unwrap()
}

fn root_volume(size: u64) -> BlockDeviceMapping {
    BlockDeviceMapping {
        uuid: Some("img".into()),
        source_type: "image".into(),
        destination_type: Some("volume".into()),
        volume_size: Some(size),
        boot_index: Some(0),
        delete_on_termination: Some(true),
        ..Default::default()
    }
}

/// A request that passes every rule with a non-U2 flavor.
fn valid() -> CreateServer {
    CreateServer {
        name: "web-01".into(),
        image_ref: "img".into(),
        flavor_ref: "m2.c2m4".into(),
        networks: vec![NetworkSpec {
            subnet: Some("subnet-1".into()),
            ..Default::default()
        }],
        key_name: Some("access-key".into()),
        block_device_mapping_v2: Some(vec![root_volume(50)]),
        min_count: Some(1),
        max_count: Some(1),
        ..Default::default()
    }
}

fn check(server: &CreateServer, image: &Image, flavor: &Flavor) -> Vec<FieldError> {
    validate_create(
        server,
        &CreateContext {
            image: Some(image),
            flavor: Some(flavor),
            sources: &[],
        },
    )
}

fn kinds(errors: &[FieldError]) -> Vec<(&str, &ErrorKind)> {
    errors.iter().map(|e| (e.field.as_str(), &e.kind)).collect()
}

fn m2() -> Flavor {
    flavor("m2.c2m4", 4096, 0)
}

fn u2() -> Flavor {
    flavor("u2.c2m4", 4096, 20)
}

#[test]
fn the_valid_request_passes() {
    assert_eq!(check(&valid(), &linux(), &m2()), []);
    assert_eq!(check(&valid(), &windows(), &m2()), []);
    // Without context only the request's own rules apply.
    assert_eq!(validate_create(&valid(), &CreateContext::default()), []);
    // U2: no block device needed, the flavor's local disk is the root.
    let server = CreateServer {
        block_device_mapping_v2: None,
        ..valid()
    };
    assert_eq!(check(&server, &linux(), &u2()), []);
}

#[test]
fn name_required_and_at_most_255_characters() {
    for (name, expected) in [
        ("", Some(ErrorKind::Required)),
        ("   ", Some(ErrorKind::Required)),
        (&"a".repeat(255)[..], None),
        (
            &"a".repeat(256)[..],
            Some(ErrorKind::TooLong {
                max: 255,
                actual: 256,
            }),
        ),
    ] {
        let server = CreateServer {
            name: name.into(),
            ..valid()
        };
        let errors = check(&server, &linux(), &m2());
        assert_eq!(
            errors.first().map(|e| &e.kind),
            expected.as_ref(),
            "{} chars",
            name.len()
        );
    }
    // The guide allows "up to 255 English characters": letters, digits, space and punctuation
    // pass; Hangul, kana, accents, emoji and control characters are refused, naming the first.
    let printable: String = (' '..='~').collect();
    let server = CreateServer {
        name: printable,
        ..valid()
    };
    assert_eq!(check(&server, &linux(), &m2()), []);
    for (name, first) in [
        ("웹서버-01", '웹'),
        ("web-サーバ", 'サ'),
        ("café", 'é'),
        ("web\u{202e}01", '\u{202e}'),
        ("tab\there", '\t'),
        ("rocket-🚀", '🚀'),
    ] {
        let server = CreateServer {
            name: name.into(),
            ..valid()
        };
        assert_eq!(
            kinds(&check(&server, &linux(), &m2())),
            [("name", &ErrorKind::NotEnglish(first))],
            "{name:?}"
        );
        assert_eq!(validate_rename(name), Err(ErrorKind::NotEnglish(first)));
    }
}

#[test]
fn windows_names_at_most_15_characters() {
    for (len, ok) in [(15, true), (16, false)] {
        let server = CreateServer {
            name: "w".repeat(len),
            ..valid()
        };
        let errors = check(&server, &windows(), &m2());
        assert_eq!(errors.is_empty(), ok, "{len}: {errors:?}");
        if !ok {
            assert_eq!(
                kinds(&errors),
                [(
                    "name",
                    &ErrorKind::WindowsNameTooLong {
                        max: 15,
                        actual: 16
                    }
                )]
            );
        }
        // Linux does not care.
        assert_eq!(check(&server, &linux(), &m2()), []);
    }
}

#[test]
fn windows_needs_2_gb_of_ram() {
    let errors = check(&valid(), &windows(), &flavor("m2.c1m1", 2047, 0));
    assert_eq!(
        kinds(&errors),
        [(
            "flavorRef",
            &ErrorKind::WindowsNeedsRam {
                min_mb: 2048,
                actual_mb: 2047
            }
        )]
    );
    assert_eq!(check(&valid(), &windows(), &flavor("m2.c1m2", 2048, 0)), []);
    assert_eq!(check(&valid(), &linux(), &flavor("m2.c1m1", 1024, 0)), []);
}

#[test]
fn windows_is_not_for_u2() {
    let server = CreateServer {
        block_device_mapping_v2: None,
        ..valid()
    };
    let errors = check(&server, &windows(), &flavor("u2.c2m4", 4096, 100));
    assert_eq!(kinds(&errors), [("flavorRef", &ErrorKind::WindowsNotOnU2)]);
}

#[test]
fn root_disk_minimums() {
    for (image, size, ok) in [
        (linux(), 9, false),
        (linux(), 10, true),
        (windows(), 49, false),
        (windows(), 50, true),
    ] {
        let server = CreateServer {
            block_device_mapping_v2: Some(vec![root_volume(size)]),
            ..valid()
        };
        let errors = check(&server, &image, &m2());
        if ok {
            assert_eq!(errors, [], "{size}");
        } else {
            let min_gb = if image.is_windows() { 50 } else { 10 };
            assert_eq!(
                kinds(&errors),
                [(
                    "block_device_mapping_v2[0].volume_size",
                    &ErrorKind::RootDiskTooSmall {
                        min_gb,
                        actual_gb: size
                    }
                )]
            );
        }
    }
    // U2 without block devices: the flavor's disk is the root.
    let server = CreateServer {
        block_device_mapping_v2: None,
        ..valid()
    };
    let errors = check(&server, &linux(), &flavor("u2.c1m2", 2048, 9));
    assert_eq!(
        kinds(&errors),
        [(
            "flavorRef",
            &ErrorKind::RootDiskTooSmall {
                min_gb: 10,
                actual_gb: 9
            }
        )]
    );
    assert_eq!(check(&server, &linux(), &flavor("u2.c1m2", 2048, 10)), []);
    // The image's own min_disk raises the minimum.
    let big = Image {
        min_disk: Some(20),
        ..linux()
    };
    let server = CreateServer {
        block_device_mapping_v2: Some(vec![root_volume(19)]),
        ..valid()
    };
    assert_eq!(
        check(&server, &big, &m2())[0].kind,
        ErrorKind::RootDiskTooSmall {
            min_gb: 20,
            actual_gb: 19
        }
    );
}

#[test]
fn block_devices_and_destinations() {
    // Required for flavors other than U2.
    let server = CreateServer {
        block_device_mapping_v2: None,
        ..valid()
    };
    assert_eq!(
        kinds(&check(&server, &linux(), &m2())),
        [("block_device_mapping_v2", &ErrorKind::BlockDeviceRequired)]
    );
    let server = CreateServer {
        block_device_mapping_v2: Some(vec![]),
        ..valid()
    };
    assert_eq!(
        kinds(&check(&server, &linux(), &m2())),
        [("block_device_mapping_v2", &ErrorKind::BlockDeviceRequired)]
    );

    // Destination local for U2 ...
    let mut local_root = root_volume(20);
    local_root.destination_type = Some("local".into());
    local_root.volume_size = None;
    let server = CreateServer {
        block_device_mapping_v2: Some(vec![local_root.clone()]),
        ..valid()
    };
    assert_eq!(check(&server, &linux(), &u2()), []);
    let server = CreateServer {
        block_device_mapping_v2: Some(vec![root_volume(20)]),
        ..valid()
    };
    assert_eq!(
        kinds(&check(&server, &linux(), &u2())),
        [(
            "block_device_mapping_v2[0].destination_type",
            &ErrorKind::DestinationMustBeLocal
        )]
    );
    // ... and volume otherwise.
    let server = CreateServer {
        block_device_mapping_v2: Some(vec![local_root]),
        ..valid()
    };
    assert_eq!(
        kinds(&check(&server, &linux(), &m2())),
        [(
            "block_device_mapping_v2[0].destination_type",
            &ErrorKind::DestinationMustBeVolume
        )]
    );

    // Volume and snapshot sources need destination volume, whatever the flavor.
    for source in ["volume", "snapshot"] {
        let bdm = BlockDeviceMapping {
            uuid: Some("vol-1".into()),
            source_type: source.into(),
            destination_type: Some("local".into()),
            boot_index: Some(1),
            ..Default::default()
        };
        let server = CreateServer {
            block_device_mapping_v2: Some(vec![local_root_for_u2(), bdm]),
            ..valid()
        };
        assert_eq!(
            kinds(&check(&server, &linux(), &u2())),
            [(
                "block_device_mapping_v2[1].destination_type",
                &ErrorKind::DestinationMustBeVolume
            )],
            "{source}"
        );
    }
}

fn local_root_for_u2() -> BlockDeviceMapping {
    BlockDeviceMapping {
        uuid: Some("img".into()),
        source_type: "image".into(),
        destination_type: Some("local".into()),
        boot_index: Some(0),
        ..Default::default()
    }
}

#[test]
fn booting_from_a_volume_needs_no_image_ref() {
    let from_volume = BlockDeviceMapping {
        uuid: Some("vol-1".into()),
        source_type: "volume".into(),
        destination_type: Some("volume".into()),
        boot_index: Some(0),
        ..Default::default()
    };
    let server = CreateServer {
        image_ref: String::new(),
        block_device_mapping_v2: Some(vec![from_volume]),
        ..valid()
    };
    assert_eq!(check(&server, &linux(), &m2()), []);
    // From an image, imageRef stays required.
    let server = CreateServer {
        image_ref: String::new(),
        ..valid()
    };
    assert_eq!(
        kinds(&check(&server, &linux(), &m2())),
        [("imageRef", &ErrorKind::Required)]
    );
}

#[test]
fn user_data_limit_is_on_the_encoded_bytes() {
    // 65 535 bytes exactly: base64 wrapped at 76 columns (Nova accepts line breaks), so
    // the encoded text can have any length.
    let exactly = wrapped_base64_of_len(65_535);
    assert_eq!(exactly.len(), 65_535);
    let server = CreateServer {
        user_data: Some(exactly),
        ..valid()
    };
    assert_eq!(check(&server, &linux(), &m2()), []);

    let over = "A".repeat(65_536);
    let server = CreateServer {
        user_data: Some(over),
        ..valid()
    };
    assert_eq!(
        kinds(&check(&server, &linux(), &m2())),
        [(
            "user_data",
            &ErrorKind::UserDataTooLong {
                max: 65_535,
                actual: 65_536
            }
        )]
    );

    let server = CreateServer {
        user_data: Some("#!/bin/sh\necho hi".into()),
        ..valid()
    };
    assert_eq!(
        kinds(&check(&server, &linux(), &m2())),
        [("user_data", &ErrorKind::NotBase64)]
    );
    let server = CreateServer {
        user_data: Some(encode_user_data("#!/bin/sh\necho hi")),
        ..valid()
    };
    assert_eq!(check(&server, &linux(), &m2()), []);
}

/// Valid base64 (padded groups of 4) with newlines, `len` bytes long in total.
fn wrapped_base64_of_len(len: usize) -> String {
    let mut out = String::new();
    let mut column = 0;
    while out.len() + 4 <= len {
        // Leave room for the newlines that remain to be added.
        if column == 76 {
            out.push('\n');
            column = 0;
            continue;
        }
        out.push_str("QUJD");
        column += 4;
    }
    while out.len() < len {
        out.push('\n');
    }
    out
}

#[test]
fn live_counter() {
    assert_eq!(encoded_user_data_len(0), 0);
    assert_eq!(encoded_user_data_len(1), 4);
    assert_eq!(encoded_user_data_len(3), 4);
    assert_eq!(encoded_user_data_len(4), 8);
    // The largest script that fits: 49 149 bytes encode to 65 532.
    assert_eq!(encoded_user_data_len(49_149), 65_532);
    assert_eq!(encoded_user_data_len(49_150), 65_536);
    assert_eq!(
        encode_user_data(&"x".repeat(49_150)).len(),
        encoded_user_data_len(49_150)
    );
}

#[test]
fn metadata_keys_and_values_at_most_255() {
    let ok_key = "k".repeat(255);
    let long_key = "k".repeat(256);
    let server = CreateServer {
        metadata: Some(BTreeMap::from([
            (ok_key.clone(), "v".repeat(255)),
            ("long-value".to_string(), "v".repeat(256)),
            (long_key.clone(), "v".into()),
        ])),
        ..valid()
    };
    let errors = check(&server, &linux(), &m2());
    assert_eq!(
        kinds(&errors),
        [
            (
                &*format!("metadata.{long_key}"),
                &ErrorKind::MetadataKeyTooLong {
                    max: 255,
                    actual: 256
                }
            ),
            (
                "metadata.long-value",
                &ErrorKind::TooLong {
                    max: 255,
                    actual: 256
                }
            ),
        ]
    );
}

#[test]
fn counts_between_1_and_10() {
    let with = |min, max| CreateServer {
        min_count: min,
        max_count: max,
        ..valid()
    };
    let range = |actual| ErrorKind::OutOfRange {
        min: 1,
        max: 10,
        actual,
    };
    assert_eq!(check(&with(Some(1), Some(10)), &linux(), &m2()), []);
    assert_eq!(check(&with(Some(10), None), &linux(), &m2()), []);
    assert_eq!(check(&with(None, None), &linux(), &m2()), []);
    assert_eq!(
        kinds(&check(&with(Some(0), Some(1)), &linux(), &m2())),
        [("min_count", &range(0))]
    );
    assert_eq!(
        kinds(&check(&with(Some(1), Some(11)), &linux(), &m2())),
        [("max_count", &range(11))]
    );
    assert_eq!(
        kinds(&check(&with(Some(11), None), &linux(), &m2())),
        [("min_count", &range(11))]
    );
    assert_eq!(
        kinds(&check(&with(Some(3), Some(2)), &linux(), &m2())),
        [(
            "min_count",
            &ErrorKind::MinCountAboveMaxCount { min: 3, max: 2 }
        )]
    );
}

#[test]
fn networks_need_exactly_one_target() {
    let nic = |uuid: Option<&str>, subnet: Option<&str>, port: Option<&str>, ip: Option<&str>| {
        NetworkSpec {
            uuid: uuid.map(Into::into),
            subnet: subnet.map(Into::into),
            port: port.map(Into::into),
            fixed_ip: ip.map(Into::into),
        }
    };
    let server = CreateServer {
        networks: vec![
            nic(Some("net"), None, None, Some("192.168.0.10")),
            nic(None, Some("sub"), None, Some("192.168.0.11")),
            nic(None, None, Some("port"), None),
            nic(None, None, None, None),
            nic(Some("net"), Some("sub"), None, None),
            nic(None, None, Some("port"), Some("10.0.0.1")),
            nic(Some("net"), None, None, Some("not-an-ip")),
        ],
        ..valid()
    };
    let errors = check(&server, &linux(), &m2());
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "networks[3]",
            "networks[4]",
            "networks[5].fixed_ip",
            "networks[6].fixed_ip"
        ]
    );
    assert_eq!(errors[0].kind, ErrorKind::NicNeedsOneTarget);
    assert_eq!(errors[2].kind, ErrorKind::FixedIpWithPort);
}

#[test]
fn every_error_at_once() {
    let server = CreateServer {
        name: String::new(),
        image_ref: String::new(),
        flavor_ref: String::new(),
        networks: vec![],
        key_name: None,
        security_groups: Some(vec![SecurityGroupRef {
            name: String::new(),
        }]),
        user_data: Some("A".repeat(70_000)),
        metadata: Some(BTreeMap::from([("k".into(), "v".repeat(300))])),
        block_device_mapping_v2: None,
        min_count: Some(0),
        max_count: Some(11),
        return_reservation_id: None,
        availability_zone: None,
    };
    let errors = check(&server, &windows(), &flavor("m2.c1m1", 1024, 0));
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "name",
            "imageRef",
            "flavorRef",
            "flavorRef",
            "networks",
            "block_device_mapping_v2",
            "key_name",
            "security_groups[0].name",
            "user_data",
            "metadata.k",
            "min_count",
            "max_count",
        ]
    );
}

#[test]
fn messages_read_well() {
    let e = FieldError {
        field: "name".into(),
        kind: ErrorKind::TooLong {
            max: 255,
            actual: 256,
        },
    };
    assert_eq!(
        e.to_string(),
        "name: must be at most 255 characters (it has 256)"
    );
    assert_eq!(
        ErrorKind::WindowsNeedsRam {
            min_mb: 2048,
            actual_mb: 1024
        }
        .to_string(),
        "Windows images need a flavor with at least 2 GB of RAM (this flavor has 1 GB)"
    );
    assert_eq!(
        ErrorKind::RootDiskTooSmall {
            min_gb: 50,
            actual_gb: 49
        }
        .to_string(),
        "the root disk must be at least 50 GB (it is 49 GB)"
    );
    assert_eq!(
        ErrorKind::UserDataTooLong {
            max: 65_535,
            actual: 65_536
        }
        .to_string(),
        "user data must be at most 65535 bytes once base64-encoded (it is 65536 bytes)"
    );
    for kind in [
        ErrorKind::Required,
        ErrorKind::WindowsNotOnU2,
        ErrorKind::BlockDeviceRequired,
        ErrorKind::DestinationMustBeLocal,
        ErrorKind::DestinationMustBeVolume,
        ErrorKind::NicNeedsOneTarget,
        ErrorKind::NotBase64,
        ErrorKind::FixedIpWithPort,
        ErrorKind::MinCountAboveMaxCount { min: 3, max: 2 },
        ErrorKind::OutOfRange {
            min: 1,
            max: 10,
            actual: 0,
        },
    ] {
        let text = kind.to_string();
        assert!(text.len() > 10 && !text.contains("{"), "{kind:?}: {text}");
    }
}

#[test]
fn the_guides_example_passes() {
    let request: compute_api::server::CreateServerRequest = serde_json::from_str(
        r#"{
  "server": {
    "name": "DB-Master",
    "imageRef": "9956f822-29c9-4f81-9410-0c392d9c8c24",
    "flavorRef": "a4b6a0f7-aeff-4d78-a8d5-7de9f007012d",
    "networks": [{
      "subnet": "b83863ff-0355-4c73-8c10-0bdf66a69aab"
    }],
    "availability_zone": "kr-pub-a",
    "key_name": "access-key",
    "max_count": 1,
    "min_count": 1,
    "block_device_mapping_v2": [{
      "uuid": "9956f822-29c9-4f81-9410-0c392d9c8c24",
      "boot_index": 0,
      "volume_size": 1000,
      "device_name": "vda",
      "source_type": "image",
      "destination_type": "volume",
      "delete_on_termination": 1
    }],
    "security_groups": [{
      "name": "default"
    }]
  }
}"#,
    )
    .unwrap();
    let bdm = &request.server.block_device_mapping_v2.as_ref().unwrap()[0];
    assert_eq!(bdm.delete_on_termination, Some(true));
    assert_eq!(check(&request.server, &linux(), &m2()), []);
    assert_eq!(check(&request.server, &windows(), &m2()), []);
}

/// The guide's block-storage table: "must be specified when using an instance type other than
/// U2" and "`0`: the root volume"; source types image, volume and snapshot; volume types
/// General HDD and General SSD ("if omitted, General HDD").
#[test]
fn block_storage_follows_the_guide_table() {
    let data_volume = BlockDeviceMapping {
        uuid: Some("vol-1".into()),
        source_type: "volume".into(),
        destination_type: Some("volume".into()),
        boot_index: Some(1),
        ..Default::default()
    };
    // Block storage without a root on a non-U2 flavor: nothing to boot from.
    let server = CreateServer {
        block_device_mapping_v2: Some(vec![data_volume.clone()]),
        ..valid()
    };
    assert_eq!(
        kinds(&check(&server, &linux(), &m2())),
        [("block_device_mapping_v2", &ErrorKind::RootDiskRequired)]
    );
    // On U2 the root is the image on the host's disk: extra volumes alone are fine.
    let server = CreateServer {
        block_device_mapping_v2: Some(vec![data_volume]),
        ..valid()
    };
    assert_eq!(check(&server, &linux(), &u2()), []);

    // `blank` is not among the guide's source types.
    let blank = BlockDeviceMapping {
        source_type: "blank".into(),
        destination_type: Some("volume".into()),
        volume_size: Some(10),
        boot_index: Some(1),
        ..Default::default()
    };
    let server = CreateServer {
        block_device_mapping_v2: Some(vec![root_volume(50), blank]),
        ..valid()
    };
    assert_eq!(
        kinds(&check(&server, &linux(), &m2())),
        [(
            "block_device_mapping_v2[1].source_type",
            &ErrorKind::UnknownSourceType("blank".into())
        )]
    );

    // The two volume types, or none; anything else is named.
    for (kind, ok) in [
        (None, true),
        (Some("General HDD"), true),
        (Some("General SSD"), true),
        (Some("general ssd"), false),
        (Some("Premium SSD"), false),
    ] {
        let server = CreateServer {
            block_device_mapping_v2: Some(vec![BlockDeviceMapping {
                volume_type: kind.map(str::to_string),
                ..root_volume(50)
            }]),
            ..valid()
        };
        let errors = check(&server, &linux(), &m2());
        assert_eq!(errors.is_empty(), ok, "{kind:?}: {errors:?}");
        if !ok {
            assert_eq!(
                kinds(&errors),
                [(
                    "block_device_mapping_v2[0].volume_type",
                    &ErrorKind::UnknownVolumeType(kind.unwrap().into())
                )]
            );
        }
    }

    // A size of 0 (what a mistyped size becomes) is refused, not sent.
    let server = CreateServer {
        block_device_mapping_v2: Some(vec![
            root_volume(50),
            BlockDeviceMapping {
                uuid: Some("vol-2".into()),
                source_type: "volume".into(),
                destination_type: Some("volume".into()),
                volume_size: Some(0),
                boot_index: Some(1),
                ..Default::default()
            },
        ]),
        ..valid()
    };
    assert_eq!(
        kinds(&check(&server, &linux(), &m2())),
        [(
            "block_device_mapping_v2[1].volume_size",
            &ErrorKind::VolumeSizeNotPositive
        )]
    );
}
