//! How to connect to a server: SSH for Linux, RDP for Windows, from what the server says about
//! itself. NHN copies the image's properties into the server's metadata (`os_type`,
//! `os_distro`, `login_username`), so the metadata is enough; without `login_username` the
//! user is guessed from the distribution's cloud-image convention, and said to be a guess.

use crate::server::Server;

/// What to connect with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connect {
    Ssh {
        user: String,
        /// The user comes from the distribution's convention, not from the server.
        guessed: bool,
        /// The key pair the server was created with (`<name>.pem` on the user's machine).
        key_name: Option<String>,
    },
    Rdp {
        user: String,
    },
}

/// The login user of a distribution's cloud images, by `os_distro` (in any case).
fn conventional_user(distro: &str) -> Option<&'static str> {
    let distro = distro.to_ascii_lowercase();
    let user = match distro.as_str() {
        d if d.starts_with("ubuntu") => "ubuntu",
        d if d.starts_with("centos") => "centos",
        d if d.starts_with("rocky") => "rocky",
        d if d.starts_with("debian") => "debian",
        d if d.starts_with("fedora") => "fedora",
        d if d.starts_with("almalinux") || d.starts_with("alma") => "almalinux",
        d if d.starts_with("rhel") || d.starts_with("redhat") => "cloud-user",
        d if d.starts_with("amazon") || d.starts_with("amzn") => "ec2-user",
        _ => return None,
    };
    Some(user)
}

/// How to connect to `server`.
pub fn connect_for(server: &Server) -> Connect {
    let meta = |key: &str| {
        server
            .metadata
            .get(key)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    };
    let windows = meta("os_type").is_some_and(|t| t.eq_ignore_ascii_case("windows"))
        || meta("os_distro").is_some_and(|d| d.eq_ignore_ascii_case("windows"));
    if windows {
        return Connect::Rdp {
            user: meta("login_username")
                .unwrap_or("Administrator")
                .to_string(),
        };
    }
    let (user, guessed) = match meta("login_username") {
        Some(user) => (user.to_string(), false),
        None => (
            meta("os_distro")
                .and_then(conventional_user)
                .unwrap_or("root")
                .to_string(),
            true,
        ),
    };
    Connect::Ssh {
        user,
        guessed,
        key_name: server.key_name.clone().filter(|k| !k.is_empty()),
    }
}

/// Every IP address of the server, floating ones first (they are the ones reachable from
/// outside), each once, in the order the API lists them otherwise. Anything that is not an IP
/// address is left out: it would go into a command line.
pub fn addresses_floating_first(server: &Server) -> Vec<String> {
    let all: Vec<(bool, &str)> = server
        .addresses
        .values()
        .flatten()
        .map(|a| {
            let floating = a
                .ip_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("floating"));
            (floating, a.addr.as_str())
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    for wanted in [true, false] {
        for (floating, addr) in &all {
            let is_ip = addr.parse::<std::net::IpAddr>().is_ok();
            if *floating == wanted && is_ip && !out.iter().any(|a| a == addr) {
                out.push((*addr).to_string());
            }
        }
    }
    out
}

/// A word as a POSIX shell reads it literally: as is when it holds only safe characters,
/// else in single quotes. Names come from the API, and a command is pasted into a shell.
pub fn shell_word(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-@:/+,=%".contains(c));
    if safe {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The command to paste: `ssh -i <key>.pem <user>@<address>`, or `mstsc /v:<address>`.
pub fn command(connect: &Connect, address: &str) -> String {
    match connect {
        Connect::Ssh { user, key_name, .. } => {
            let target = shell_word(&format!("{user}@{address}"));
            match key_name {
                Some(key) => format!("ssh -i {} {target}", shell_word(&format!("{key}.pem"))),
                None => format!("ssh {target}"),
            }
        }
        // `address` is one of `addresses_floating_first`: an IP address, nothing to quote.
        // An IPv6 address goes in brackets for mstsc.
        Connect::Rdp { .. } if address.contains(':') => format!("mstsc /v:[{address}]"),
        Connect::Rdp { .. } => format!("mstsc /v:{address}"),
    }
}
