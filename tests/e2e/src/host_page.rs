//! A page of another origin (another port of 127.0.0.1) for the embedding tests: an internal
//! admin page framing the console, or a hostile one. It answers every request with one HTML
//! document, over plain HTTP/1.1.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A served page; stops when dropped.
pub struct HostPage {
    listener: Option<std::net::TcpListener>,
    task: Option<tokio::task::JoinHandle<()>>,
    /// `http://127.0.0.1:PORT`: also the page's origin.
    pub origin: String,
}

impl HostPage {
    /// Reserves a port, so the origin is known (and can be configured) before the page is.
    pub fn bind() -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
        let origin = format!("http://{}", listener.local_addr().expect("local address"));
        Self {
            listener: Some(listener),
            task: None,
            origin,
        }
    }

    /// Starts answering every request with `html`.
    pub fn serve(&mut self, html: String) {
        let listener = self.listener.take().expect("serve once");
        listener.set_nonblocking(true).expect("non-blocking");
        let listener = TcpListener::from_std(listener).expect("a tokio listener");
        self.task = Some(tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let html = html.clone();
                tokio::spawn(async move {
                    // Reads the request head; its content does not matter.
                    let mut head = Vec::new();
                    let mut buf = [0_u8; 1024];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n{html}",
                        html.len()
                    );
                    let _ = stream.write_all(answer.as_bytes()).await;
                    let _ = stream.shutdown().await;
                });
            }
        }));
    }
}

impl Drop for HostPage {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
