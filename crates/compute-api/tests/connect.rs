//! The connect command: the login user from NHN's metadata (or a labelled guess from the
//! distribution), addresses floating first, and nothing from the API that could break out of
//! the command line.

use compute_api::connect::{addresses_floating_first, command, connect_for, shell_word, Connect};
use compute_api::server::Server;
use serde_json::json;

fn server(metadata: serde_json::Value, key_name: Option<&str>) -> Server {
    serde_json::from_value(json!({
        "id": "5e1f0000-0000-4000-8000-000000000001",
        "name": "web-01",
        "status": "ACTIVE",
        "key_name": key_name,
        "metadata": metadata,
        "addresses": {
            "Default Network": [
                {"addr": "192.168.0.10", "OS-EXT-IPS:type": "fixed", "version": 4},
                {"addr": "203.0.113.7", "OS-EXT-IPS:type": "floating", "version": 4},
                {"addr": "2001:db8::7", "OS-EXT-IPS:type": "fixed", "version": 6},
                {"addr": "203.0.113.7", "OS-EXT-IPS:type": "floating", "version": 4}
            ],
            "evil": [{"addr": "1.2.3.4; rm -rf ~", "OS-EXT-IPS:type": "floating"}]
        }
    }))
    .expect("a server")
}

#[test]
fn linux_uses_nhn_login_username_and_the_key_pair() {
    let s = server(
        json!({"os_type": "linux", "os_distro": "ubuntu", "login_username": "ubuntu"}),
        Some("demo-key"),
    );
    let connect = connect_for(&s);
    assert_eq!(
        connect,
        Connect::Ssh {
            user: "ubuntu".into(),
            guessed: false,
            key_name: Some("demo-key".into())
        }
    );
    let addresses = addresses_floating_first(&s);
    assert_eq!(addresses, ["203.0.113.7", "192.168.0.10", "2001:db8::7"]);
    assert_eq!(
        command(&connect, &addresses[0]),
        "ssh -i demo-key.pem ubuntu@203.0.113.7"
    );
}

#[test]
fn without_login_username_the_distribution_convention_is_a_guess() {
    for (distro, user) in [
        ("CentOS", "centos"),
        ("rocky", "rocky"),
        ("Debian", "debian"),
        ("amazon", "ec2-user"),
        ("something-else", "root"),
    ] {
        let s = server(json!({"os_distro": distro}), None);
        match connect_for(&s) {
            Connect::Ssh {
                user: got,
                guessed,
                key_name,
            } => {
                assert_eq!(got, user, "{distro}");
                assert!(guessed);
                assert_eq!(key_name, None);
            }
            other => panic!("{distro}: {other:?}"),
        }
    }
    let s = server(json!({}), None);
    assert_eq!(
        command(&connect_for(&s), "192.168.0.10"),
        "ssh root@192.168.0.10"
    );
}

#[test]
fn windows_is_rdp_as_administrator() {
    let s = server(
        json!({"os_type": "Windows", "os_distro": "Windows", "login_username": "Administrator"}),
        Some("win-key"),
    );
    let connect = connect_for(&s);
    assert_eq!(
        connect,
        Connect::Rdp {
            user: "Administrator".into()
        }
    );
    assert_eq!(command(&connect, "203.0.113.7"), "mstsc /v:203.0.113.7");
    assert_eq!(command(&connect, "2001:db8::7"), "mstsc /v:[2001:db8::7]");
}

#[test]
fn api_strings_cannot_break_out_of_the_command() {
    // Not an address: never offered.
    let s = server(json!({}), None);
    assert!(addresses_floating_first(&s)
        .iter()
        .all(|a| a.parse::<std::net::IpAddr>().is_ok()));
    // A user or key name with shell syntax is quoted as one word.
    let hostile = server(
        json!({"login_username": "x$(touch /tmp/p)", "os_type": "linux"}),
        Some("k'; rm -rf ~; '"),
    );
    let line = command(&connect_for(&hostile), "192.168.0.10");
    assert_eq!(
        line,
        "ssh -i 'k'\\''; rm -rf ~; '\\''.pem' 'x$(touch /tmp/p)@192.168.0.10'"
    );
    assert_eq!(shell_word("plain-name_1.pem"), "plain-name_1.pem");
    assert_eq!(shell_word(""), "''");
    assert_eq!(shell_word("a b"), "'a b'");
}
