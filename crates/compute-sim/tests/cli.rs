//! The binary's command-line contract: the first stdout line names the bound URL, the demo
//! credentials follow, and SIGTERM stops it cleanly.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn first_line_names_the_url_and_sigterm_stops_it() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_compute-sim"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--transition-ms",
            "10",
            "--token-ttl",
            "60",
        ])
        .args([
            "--allow-origin",
            "http://a.example",
            "--allow-origin",
            "http://b.example",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let re = regex::Regex::new(r"^compute-sim listening on http://127\.0\.0\.1:(\d+)$").unwrap();
    let port: u16 = re.captures(&first).unwrap_or_else(|| panic!("{first}"))[1]
        .parse()
        .unwrap();
    assert_ne!(port, 0);
    let rest: Vec<String> = lines.by_ref().take(4).map(|l| l.unwrap()).collect();
    assert!(
        rest.iter().any(|l| l.contains("demo@example.com")),
        "{rest:?}"
    );
    assert!(rest.iter().any(|l| l.contains("demo-password")), "{rest:?}");

    let stream = std::net::TcpStream::connect(("127.0.0.1", port));
    assert!(stream.is_ok());

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status:?}");
            break;
        }
        assert!(Instant::now() < deadline, "did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}
