//! Property tests: decoders never panic, whatever arrives, and the validators agree with their
//! documented limits for every length, not only the boundaries written by hand.
//!
//! Two kinds of hostile input: arbitrary JSON built from the keys the API uses (so objects get
//! deep enough to reach the nested decoders), and the recorded fixtures with parts replaced,
//! removed or retyped. The case counts keep the whole file to a few seconds.

mod common;

use std::path::PathBuf;

use common::fixtures_root;

use compute_api::action::CreateImageResponse;
use compute_api::flavor::{Flavor, FlavorEnvelope, FlavorList};
use compute_api::identity::TokenResponse;
use compute_api::keypair::{KeypairEnvelope, KeypairList};
use compute_api::rules::{check_all, ServerFacts};
use compute_api::server::{
    CreateServer, CreateServerResponse, MetadataEnvelope, NetworkSpec, ServerDetailList,
    ServerEnvelope, ServerList,
};
use compute_api::services::{
    Image, ImageList, NetworkList, PortList, SecurityGroupList, SubnetList, VolumeList,
    VolumeTypeList,
};
use compute_api::validate::{
    encode_user_data, encoded_user_data_len, validate_create, validate_rename, CreateContext,
    ErrorKind, MAX_COUNT, MAX_METADATA_CHARS, MAX_NAME_CHARS, MAX_USER_DATA_BYTES,
};
use compute_api::volume_attachment::{VolumeAttachmentEnvelope, VolumeAttachmentList};
use compute_api::zone::AvailabilityZoneList;
use compute_api::{decode, ApiError};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Keys the response types look for, so generated objects often match a decoder's shape.
const KEYS: &[&str] = &[
    "servers",
    "server",
    "flavors",
    "flavor",
    "keypairs",
    "keypair",
    "availabilityZoneInfo",
    "zoneName",
    "zoneState",
    "available",
    "volumeAttachments",
    "volumeAttachment",
    "access",
    "token",
    "serviceCatalog",
    "endpoints",
    "expires",
    "tenant",
    "id",
    "name",
    "status",
    "addresses",
    "metadata",
    "fault",
    "code",
    "message",
    "details",
    "images",
    "networks",
    "subnets",
    "ports",
    "security_groups",
    "volumes",
    "volume_types",
    "links",
    "href",
    "rel",
    "ram",
    "disk",
    "vcpus",
    "swap",
    "extra_specs",
    "flavor_type",
    "image",
    "key_name",
    "OS-EXT-STS:vm_state",
    "OS-EXT-STS:task_state",
    "OS-EXT-STS:power_state",
    "OS-EXT-AZ:availability_zone",
    "os-extended-volumes:volumes_attached",
    "addr",
    "version",
    "OS-EXT-IPS:type",
    "OS-EXT-IPS-MAC:mac_addr",
    "reservation_id",
    "adminPass",
    "created",
    "updated",
    "public_key",
    "fingerprint",
    "private_key",
    "device",
    "volumeId",
    "serverId",
    "os_type",
    "min_disk",
    "min_ram",
    "size",
    "image_id",
    "publicURL",
    "region",
    "type",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(String::from),
        1 => "\\PC{0,8}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        "\\PC{0,16}".prop_map(Value::from),
        prop::sample::select(KEYS).prop_map(Value::from),
        prop::sample::select(
            &["ACTIVE", "BUILD", "ERROR", "SHUTOFF", "", "1", "-1", "1e400", "true"][..]
        )
        .prop_map(Value::from),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Decodes `body` as every response type the console reads; none may panic. A server that
/// decodes also goes through the state rules, which read its fields.
fn decode_as_everything(body: &str) {
    fn one<T: serde::de::DeserializeOwned>(body: &str) -> Option<T> {
        match decode::<T>(200, body, None) {
            Ok(value) => Some(value),
            Err(error) => {
                assert!(matches!(error, ApiError::Decode { .. }), "{error:?}");
                assert!(!error.to_string().is_empty());
                None
            }
        }
    }
    if let Some(list) = one::<ServerDetailList>(body) {
        for server in &list.servers {
            let _ = check_all(&ServerFacts::from_server(server, None));
        }
    }
    if let Some(envelope) = one::<ServerEnvelope>(body) {
        let _ = check_all(&ServerFacts::from_server(&envelope.server, Some(true)));
    }
    one::<ServerList>(body);
    one::<CreateServerResponse>(body);
    one::<MetadataEnvelope>(body);
    one::<FlavorList>(body);
    one::<FlavorEnvelope>(body);
    one::<KeypairList>(body);
    one::<KeypairEnvelope>(body);
    one::<AvailabilityZoneList>(body);
    one::<VolumeAttachmentList>(body);
    one::<VolumeAttachmentEnvelope>(body);
    one::<TokenResponse>(body);
    one::<CreateImageResponse>(body);
    one::<ImageList>(body);
    one::<NetworkList>(body);
    one::<SubnetList>(body);
    one::<PortList>(body);
    one::<SecurityGroupList>(body);
    one::<VolumeList>(body);
    one::<VolumeTypeList>(body);
}

/// Every JSON fixture of the services we decode, parsed.
fn fixture_values() -> Vec<Value> {
    let mut values = Vec::new();
    let mut stack: Vec<PathBuf> = ["nova", "keystone", "nhn"]
        .iter()
        .map(|top| fixtures_root().join(top))
        .collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                values.extend(serde_json::from_str::<Value>(&text).ok());
            }
        }
    }
    assert!(
        values.len() > 100,
        "fixtures not found under {}",
        fixtures_root().display()
    );
    values
}

/// One change deep inside a document: the path is chosen by `steps`, then the value there is
/// replaced, removed (in an object) or turned into a string or a list.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(Value),
    Remove,
    Stringify,
    WrapInList,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => json().prop_map(Mutation::Replace),
        1 => Just(Mutation::Remove),
        1 => Just(Mutation::Stringify),
        1 => Just(Mutation::WrapInList),
    ]
}

fn mutate(value: &mut Value, steps: &[usize], change: &Mutation) {
    let (step, rest) = match steps.split_first() {
        Some(split) => split,
        None => return apply(value, change),
    };
    match value {
        Value::Object(map) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(step % map.len())
                .cloned()
                .unwrap_or_default();
            if rest.is_empty() && matches!(change, Mutation::Remove) {
                map.remove(&key);
            } else if let Some(child) = map.get_mut(&key) {
                mutate(child, rest, change);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let len = items.len();
            mutate(&mut items[step % len], rest, change);
        }
        _ => apply(value, change),
    }
}

fn apply(value: &mut Value, change: &Mutation) {
    *value = match change {
        Mutation::Replace(new) => new.clone(),
        Mutation::Remove => Value::Null,
        Mutation::Stringify => Value::String(value.to_string()),
        Mutation::WrapInList => Value::Array(vec![value.take()]),
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics_a_decoder(value in json()) {
        decode_as_everything(&value.to_string());
    }

    #[test]
    fn arbitrary_text_never_panics_a_decoder(body in "\\PC{0,64}|[\\[\\]{}\",:0-9a-z ]{0,64}") {
        decode_as_everything(&body);
    }

    #[test]
    fn any_error_response_gives_a_message(
        status in 100u16..600,
        content_type in prop::option::of(prop::sample::select(&[
            "application/json", "text/html; charset=utf-8", "text/plain", "application/xml", "",
        ][..])),
        body in prop_oneof![
            json().prop_map(|v| v.to_string()),
            "\\PC{0,80}",
            Just("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>".to_string()),
        ],
        request_id in prop::option::of("req-[0-9a-f]{8}"),
        retry_after in prop::option::of(0u64..100_000),
    ) {
        let error = ApiError::from_response(status, content_type, &body, request_id.clone(), retry_after);
        prop_assert!(!error.to_string().trim().is_empty());
        prop_assert_eq!(error.status(), Some(status));
        prop_assert_eq!(error.request_id(), request_id.as_deref());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn damaged_fixtures_never_panic_a_decoder(
        pick in any::<prop::sample::Index>(),
        steps in prop::collection::vec(any::<usize>(), 0..7),
        change in mutation(),
    ) {
        thread_local! { static FIXTURES: Vec<Value> = fixture_values(); }
        let mut document = FIXTURES.with(|all| pick.get(all).clone());
        mutate(&mut document, &steps, &change);
        decode_as_everything(&document.to_string());
    }
}

// ---- validators against their documented limits

fn linux_image() -> Image {
    Image {
        id: "img".into(),
        os_type: Some("linux".into()),
        ..Default::default()
    }
}

fn general_flavor() -> Flavor {
    serde_json::from_value(serde_json::json!({
        "id": "m2.c2m4", "name": "m2.c2m4", "ram": 4096, "disk": 0, "vcpus": 2
    }))
    .expect("flavor")
}

/// A Linux request on a non-U2 flavor that breaks no rule; each property changes one field.
fn valid_request() -> CreateServer {
    serde_json::from_value(serde_json::json!({
        "name": "web-01",
        "imageRef": "img",
        "flavorRef": "m2.c2m4",
        "networks": [{"subnet": "subnet-1"}],
        "key_name": "access-key",
        "block_device_mapping_v2": [{
            "uuid": "img", "source_type": "image", "destination_type": "volume",
            "volume_size": 50, "boot_index": 0, "delete_on_termination": true
        }],
        "min_count": 1,
        "max_count": 1
    }))
    .expect("request")
}

/// The fields with errors, for a request changed by `change`.
fn error_fields(change: impl FnOnce(&mut CreateServer)) -> Vec<(String, ErrorKind)> {
    let mut request = valid_request();
    change(&mut request);
    let (image, flavor) = (linux_image(), general_flavor());
    validate_create(
        &request,
        &CreateContext {
            image: Some(&image),
            flavor: Some(&flavor),
            sources: &[],
        },
    )
    .into_iter()
    .map(|e| (e.field, e.kind))
    .collect()
}

/// Strings whose length in characters lands around `limit`, from any Unicode characters.
fn text_around(limit: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), limit.saturating_sub(8)..limit + 8)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Printable ASCII ("English characters", as the guide says of names) of about `limit` chars.
fn english_around(limit: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::char::range(' ', '~'),
        limit.saturating_sub(8)..limit + 8,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// The base every property changes one field of must itself pass, or the properties prove
/// nothing.
#[test]
fn the_valid_request_is_valid() {
    assert_eq!(error_fields(|_| {}), vec![]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn names_are_limited_to_255_english_characters(
        name in prop_oneof![english_around(MAX_NAME_CHARS), text_around(MAX_NAME_CHARS), "\\s{0,3}"],
    ) {
        let english = name.chars().all(|c| c.is_ascii() && !c.is_ascii_control());
        let expect_ok = !name.trim().is_empty() && english && name.chars().count() <= MAX_NAME_CHARS;
        prop_assert_eq!(validate_rename(&name).is_ok(), expect_ok);
        let errors = error_fields(|r| r.name = name.clone());
        prop_assert_eq!(errors.is_empty(), expect_ok, "{:?}", errors);
    }

    #[test]
    fn user_data_is_limited_to_65535_encoded_bytes(
        raw in prop::collection::vec(any::<u8>(), 49_140..49_160),
    ) {
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let encoded = encode_user_data(&raw);
        prop_assert_eq!(encoded.len(), encoded_user_data_len(raw.len()));
        let errors = error_fields(|r| r.user_data = Some(encoded.clone()));
        let too_long = encoded.len() > MAX_USER_DATA_BYTES;
        prop_assert_eq!(
            errors.iter().any(|(field, kind)| field == "user_data"
                && matches!(kind, ErrorKind::UserDataTooLong { .. })),
            too_long
        );
        prop_assert_eq!(errors.is_empty(), !too_long);
    }

    #[test]
    fn metadata_keys_and_values_are_limited_to_255_characters(
        key in text_around(MAX_METADATA_CHARS).prop_filter("a key", |k| !k.trim().is_empty()),
        value in text_around(MAX_METADATA_CHARS),
    ) {
        let errors = error_fields(|r| {
            r.metadata = Some([(key.clone(), value.clone())].into_iter().collect());
        });
        let expected = usize::from(key.chars().count() > MAX_METADATA_CHARS)
            + usize::from(value.chars().count() > MAX_METADATA_CHARS);
        prop_assert_eq!(errors.len(), expected, "{:?}", errors);
    }

    #[test]
    fn counts_stay_between_1_and_10_with_min_not_above_max(min in 0u32..14, max in 0u32..14) {
        let errors = error_fields(|r| {
            r.min_count = Some(min);
            r.max_count = Some(max);
        });
        let in_range = |n: u32| (1..=MAX_COUNT).contains(&n);
        let expect_ok = in_range(min) && in_range(max) && min <= max;
        prop_assert_eq!(errors.is_empty(), expect_ok, "{:?}", errors);
    }

    #[test]
    fn every_nic_needs_exactly_one_target(
        network in prop::option::of("[a-z0-9-]{1,8}"),
        subnet in prop::option::of("[a-z0-9-]{1,8}"),
        port in prop::option::of("[a-z0-9-]{1,8}"),
    ) {
        let targets = [&network, &subnet, &port].iter().filter(|t| t.is_some()).count();
        let errors = error_fields(|r| {
            r.networks = vec![NetworkSpec { uuid: network.clone(), subnet: subnet.clone(), port: port.clone(), ..Default::default() }];
        });
        prop_assert_eq!(errors.is_empty(), targets == 1, "{:?}", errors);
    }
}
