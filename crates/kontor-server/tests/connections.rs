//! Connections that stall, on real sockets: late headers and short bodies are cut off after
//! their (short, test-configured) deadlines, and the connection cap holds.
//!
//! The only timed bound is a generous one for "it was closed": a connection still open
//! after [`GENEROUS`] fails the test, however long the configured deadline is below that.

mod common;

use std::time::Duration;

use common::*;
use kontor_server::ServerConfig;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Far beyond every deadline configured here; only a connection left open reaches it.
const GENEROUS: Duration = Duration::from_secs(30);

fn short_deadlines() -> ServerConfig {
    ServerConfig {
        header_read_timeout: Duration::from_millis(300),
        body_read_timeout: Duration::from_millis(300),
        ..ServerConfig::default()
    }
}

/// Reads until the server closes the connection; what it sent before that.
async fn until_closed(stream: &mut TcpStream) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut received = Vec::new();
    let read = tokio::time::timeout(GENEROUS, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) => return Ok(()),
                Ok(n) => received.extend_from_slice(&buf[..n]),
                // A reset is a close too.
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    })
    .await;
    match read {
        Ok(result) => result?,
        Err(_) => return Err(format!("still open after {GENEROUS:?}").into()),
    }
    Ok(received)
}

/// Reads one response (headers and a `Content-Length` body): status and body.
async fn response(stream: &mut TcpStream) -> Result<(u16, Vec<u8>), Box<dyn std::error::Error>> {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    let read = tokio::time::timeout(GENEROUS, async {
        loop {
            if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&received[..end]).to_string();
                let length = head
                    .lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.eq_ignore_ascii_case("content-length")
                            .then(|| value.trim().parse::<usize>().ok())?
                    })
                    .unwrap_or(0);
                if received.len() >= end + 4 + length {
                    let status = head
                        .split(' ')
                        .nth(1)
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(0);
                    return Ok((status, received[end + 4..end + 4 + length].to_vec()));
                }
            }
            match stream.read(&mut buf).await {
                Ok(0) => return Err("closed before a whole response".to_string()),
                Ok(n) => received.extend_from_slice(&buf[..n]),
                Err(e) => return Err(e.to_string()),
            }
        }
    })
    .await;
    match read {
        Ok(result) => Ok(result?),
        Err(_) => Err(format!("no response within {GENEROUS:?}").into()),
    }
}

/// A complete request with a JSON body that is not an API request (answered at once with
/// a top-level error, no database needed).
fn complete_request() -> Vec<u8> {
    let body = "{}";
    format!(
        "POST /api/stable/api.php HTTP/1.1\r\nHost: kontor\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[tokio::test]
async fn a_connection_that_never_finishes_its_headers_is_closed() -> TestResult {
    let server = TestServer::start_with(short_deadlines()).await?;
    let mut stream = TcpStream::connect(server.addr).await?;
    stream
        .write_all(b"POST /api/stable/api.php HTTP/1.1\r\nHost: kontor\r\nContent-Len")
        .await?;
    until_closed(&mut stream).await?;
    Ok(())
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_header_deadline() -> TestResult {
    let server = TestServer::start_with(short_deadlines()).await?;
    let mut stream = TcpStream::connect(server.addr).await?;
    stream.write_all(&complete_request()).await?;
    let (status, _) = response(&mut stream).await?;
    assert_eq!(status, 200);
    // No second request: the wait for its headers is what times out.
    let rest = until_closed(&mut stream).await?;
    assert!(rest.is_empty(), "{}", String::from_utf8_lossy(&rest));
    Ok(())
}

#[tokio::test]
async fn a_body_shorter_than_its_content_length_is_answered_with_an_envelope_and_closed(
) -> TestResult {
    let server = TestServer::start_with(short_deadlines()).await?;
    let mut stream = TcpStream::connect(server.addr).await?;
    stream
        .write_all(
            b"POST /api/stable/api.php HTTP/1.1\r\nHost: kontor\r\nContent-Type: application/json\r\n\
              Content-Length: 100\r\n\r\n{\"token\":",
        )
        .await?;
    let (status, body) = response(&mut stream).await?;
    assert_eq!(status, 200, "the API answers HTTP 200 whatever happened");
    let json: Value = serde_json::from_slice(&body)?;
    assert_eq!(top(&json), (500, 14), "{json}");
    let message = json["status"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("the body did not arrive within 0.3 s"),
        "{message}"
    );
    until_closed(&mut stream).await?;
    Ok(())
}

#[tokio::test]
async fn a_body_sent_a_byte_at_a_time_is_cut_off_at_the_deadline_for_the_whole_body() -> TestResult
{
    let server = TestServer::start_with(short_deadlines()).await?;
    let mut stream = TcpStream::connect(server.addr).await?;
    let head = "POST /api/stable/api.php HTTP/1.1\r\nHost: kontor\r\nContent-Length: 1000\r\n\r\n";
    stream.write_all(head.as_bytes()).await?;
    // Each byte comes well within the deadline; all of them together do not.
    let (mut reader, mut writer) = stream.into_split();
    let drip = tokio::spawn(async move {
        for _ in 0..1000 {
            if writer.write_all(b" ").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let mut received = Vec::new();
    let read = tokio::time::timeout(GENEROUS, reader.read_to_end(&mut received)).await;
    drip.abort();
    assert!(read.is_ok(), "still open after {GENEROUS:?}");
    let text = String::from_utf8_lossy(&received);
    assert!(
        text.starts_with("HTTP/1.1 200") && text.contains("\"errorcode\":14"),
        "{text}"
    );
    Ok(())
}

#[tokio::test]
async fn the_connection_cap_makes_the_next_client_wait_until_a_connection_closes() -> TestResult {
    let server = TestServer::start_with(ServerConfig {
        max_connections: 1,
        ..short_deadlines()
    })
    .await?;
    // The one connection allowed, held by a client that sends nothing.
    let mut holder = TcpStream::connect(server.addr).await?;
    // The next client's request is complete, but it must wait for the holder's slot.
    let mut waiting = TcpStream::connect(server.addr).await?;
    waiting.write_all(&complete_request()).await?;
    let (mut held, mut answered) = ([0u8; 1], [0u8; 1]);
    let first = tokio::time::timeout(GENEROUS, async {
        tokio::select! {
            biased;
            _ = holder.read(&mut held) => "the holder was closed",
            _ = waiting.peek(&mut answered) => "the waiting client was answered",
        }
    })
    .await
    .map_err(|_| format!("nothing happened within {GENEROUS:?}"))?;
    assert_eq!(first, "the holder was closed");
    let (status, body) = response(&mut waiting).await?;
    assert_eq!(status, 200);
    let json: Value = serde_json::from_slice(&body)?;
    assert_eq!(top(&json).1, 13, "{json}");
    Ok(())
}
