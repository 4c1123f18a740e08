//! N concurrent clients against one endpoint, bounded by time (and optionally by count),
//! recording the latency of every request.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use serde_json::Value;

/// How long and how hard to drive an endpoint.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    pub clients: usize,
    /// Requests before this are sent but not recorded: connections open, caches fill.
    pub warmup: Duration,
    pub duration: Duration,
    /// Stop after this many recorded requests, even before `duration` ends.
    pub max_requests: Option<u64>,
}

/// Builds the body of request number `i` (numbers are unique within one run).
pub type MakeBody = Arc<dyn Fn(u64) -> Vec<u8> + Send + Sync>;

/// A request that failed, kept to be reported as it was sent.
#[derive(Debug, Clone)]
pub struct Failure {
    pub request: String,
    pub response: String,
}

/// What a run measured.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub ok: u64,
    pub errors: u64,
    pub elapsed: Duration,
    /// Microseconds per successful request, sorted.
    pub latencies: Vec<u64>,
    pub first_failure: Option<Failure>,
}

impl Outcome {
    pub fn per_sec(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Nearest-rank percentile in milliseconds; 0 without samples.
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        let at = rank.clamp(1, self.latencies.len()) - 1;
        self.latencies[at] as f64 / 1_000.0
    }
}

/// Sends one request and checks its answer; the response body on success.
pub async fn send(
    http: &reqwest::Client,
    url: &str,
    body: Vec<u8>,
    actions: usize,
) -> Result<Vec<u8>, Failure> {
    let failure = |request: &[u8], response: String| Failure {
        request: truncate(&String::from_utf8_lossy(request), 2_000),
        response: truncate(&response, 2_000),
    };
    // Shared, not copied: the body is kept only to report a failure.
    let body = Bytes::from(body);
    let response = http
        .post(url)
        .header("Content-Type", "application/json")
        .body(body.clone())
        .send()
        .await
        .map_err(|e| failure(&body, format!("HTTP error: {e}")))?;
    let status = response.status().as_u16();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| failure(&body, format!("HTTP error reading the body: {e}")))?;
    match check(status, &bytes, actions) {
        Ok(()) => Ok(bytes.to_vec()),
        Err(why) => {
            let failed = failed_action(&body, &bytes).unwrap_or_default();
            Err(failure(
                &body,
                format!("{why}{failed}: {}", String::from_utf8_lossy(&bytes)),
            ))
        }
    }
}

/// The first failed action of a multi-action request, with the parameters that made it
/// fail: in a request of a hundred actions, the one to report.
fn failed_action(request: &[u8], response: &[u8]) -> Option<String> {
    let request: Value = serde_json::from_slice(request).ok()?;
    let response: Value = serde_json::from_slice(response).ok()?;
    let results = response.pointer("/response/results")?.as_array()?;
    let (k, result) = results
        .iter()
        .enumerate()
        .find(|(_, r)| r.pointer("/status/errorcode").and_then(Value::as_i64) != Some(0))?;
    let parameters = request.pointer(&format!("/request/actions/{k}/parameters"))?;
    Some(format!(
        " (action {k}: {}; its parameters: {parameters})",
        result.get("status")?
    ))
}

/// Request numbers, unique in the whole process. The store's count cache outlives a run:
/// had each run counted from 0, a run with a "varied" filter would meet the counts an
/// earlier run left behind (the same filters), and measure the cache.
static SEQUENCE: AtomicU64 = AtomicU64::new(0);

/// A request number no other request of this process has.
pub fn next_index() -> u64 {
    SEQUENCE.fetch_add(1, Ordering::Relaxed)
}

/// Drives `url` with `load.clients` concurrent clients: first the warm-up, then the
/// recorded run.
pub async fn run(
    http: &reqwest::Client,
    url: &str,
    load: &Load,
    make: MakeBody,
    actions: usize,
) -> Outcome {
    if !load.warmup.is_zero() {
        let _ = phase(http, url, load, load.warmup, None, &make, actions).await;
    }
    phase(
        http,
        url,
        load,
        load.duration,
        load.max_requests,
        &make,
        actions,
    )
    .await
}

async fn phase(
    http: &reqwest::Client,
    url: &str,
    load: &Load,
    duration: Duration,
    max_requests: Option<u64>,
    make: &MakeBody,
    actions: usize,
) -> Outcome {
    let started = Instant::now();
    let deadline = started + duration;
    let sent_count = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::with_capacity(load.clients);
    for _ in 0..load.clients.max(1) {
        let (http, url, make, sent_count) = (
            http.clone(),
            url.to_string(),
            make.clone(),
            sent_count.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            let mut first_failure = None;
            while Instant::now() < deadline {
                let n = sent_count.fetch_add(1, Ordering::Relaxed);
                if max_requests.is_some_and(|max| n >= max) {
                    break;
                }
                let body = make(next_index());
                let sent = Instant::now();
                match send(&http, &url, body, actions).await {
                    Ok(_) => latencies.push(sent.elapsed().as_micros() as u64),
                    Err(failure) => {
                        errors += 1;
                        first_failure.get_or_insert(failure);
                    }
                }
            }
            (latencies, errors, first_failure)
        }));
    }
    let mut outcome = Outcome {
        ok: 0,
        errors: 0,
        elapsed: Duration::ZERO,
        latencies: Vec::new(),
        first_failure: None,
    };
    for task in tasks {
        match task.await {
            Ok((latencies, errors, failure)) => {
                outcome.latencies.extend(latencies);
                outcome.errors += errors;
                if outcome.first_failure.is_none() {
                    outcome.first_failure = failure;
                }
            }
            // A client task only ends abnormally when it panicked: count it, keep going.
            Err(e) => {
                outcome.errors += 1;
                outcome.first_failure.get_or_insert(Failure {
                    request: String::new(),
                    response: format!("client task failed: {e}"),
                });
            }
        }
    }
    // Until the last answer arrived: requests in flight at the deadline still count.
    outcome.elapsed = started.elapsed();
    outcome.ok = outcome.latencies.len() as u64;
    outcome.latencies.sort_unstable();
    outcome
}

/// HTTP 200, and every `"errorcode":` in the body (the envelope's and one per action) is 0.
/// Field values are JSON strings in which quotes are escaped, so a bare `"errorcode":` can
/// only be a key of a status object.
pub fn check(status: u16, body: &[u8], actions: usize) -> Result<(), String> {
    if status != 200 {
        return Err(format!("HTTP status {status}"));
    }
    // The envelope's status comes first and an action's status last in its result: for one
    // action, the two ends of the body hold both. Scanning a 500-record page whole cost the
    // clients (on the same cores as the server) a seventh of all CPU time.
    const END: usize = 256;
    if actions == 1 && body.len() > 2 * END {
        let ends = zero_codes(&body[..END])? + zero_codes(&body[body.len() - END..])?;
        if ends == 2 {
            return Ok(());
        }
    }
    let zeros = zero_codes(body)?;
    if zeros != actions + 1 {
        return Err(format!(
            "expected {} status objects, found {zeros}",
            actions + 1
        ));
    }
    Ok(())
}

/// How many `"errorcode":0` there are; an error at the first other code.
fn zero_codes(part: &[u8]) -> Result<usize, String> {
    const KEY: &[u8] = b"\"errorcode\":";
    let mut zeros = 0;
    let mut at = 0;
    while let Some(found) = part[at..].windows(KEY.len()).position(|w| w == KEY) {
        let value = at + found + KEY.len();
        let digits = part[value..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let code = &part[value..value + digits];
        if code != b"0" {
            return Err(format!("errorcode {}", String::from_utf8_lossy(code)));
        }
        zeros += 1;
        at = value;
    }
    Ok(zeros)
}

fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_wants_status_200_and_all_codes_zero() {
        let ok = br#"{"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[{"status":{"errorcode":0,"message":"OK"}}]}}"#;
        assert_eq!(check(200, ok, 1), Ok(()));
        assert!(check(500, ok, 1).is_err());
        assert!(check(200, ok, 2).is_err());
        let failed = br#"{"status":{"code":200,"errorcode":0},"response":{"results":[{"status":{"errorcode":140}}]}}"#;
        assert_eq!(check(200, failed, 1), Err("errorcode 140".into()));
        let top = br#"{"status":{"code":400,"errorcode":22}}"#;
        assert!(check(200, top, 0).is_err());
        // Long bodies: only the ends are read when they hold both codes.
        let filler = "x".repeat(2_000);
        let long = format!(
            r#"{{"status":{{"code":200,"errorcode":0}},"response":{{"results":[{{"data":"{filler}","status":{{"errorcode":0,"message":"OK"}}}}]}}}}"#
        );
        assert_eq!(check(200, long.as_bytes(), 1), Ok(()));
        let bad = long.replacen(
            r#""errorcode":0,"message""#,
            r#""errorcode":13,"message""#,
            1,
        );
        assert_eq!(check(200, bad.as_bytes(), 1), Err("errorcode 13".into()));
    }

    #[test]
    fn percentiles_use_nearest_rank() {
        let outcome = Outcome {
            ok: 100,
            errors: 0,
            elapsed: Duration::from_secs(1),
            latencies: (1..=100).map(|ms| ms * 1_000).collect(),
            first_failure: None,
        };
        assert_eq!(outcome.percentile_ms(50.0), 50.0);
        assert_eq!(outcome.percentile_ms(99.0), 99.0);
        assert_eq!(outcome.per_sec(), 100.0);
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        assert_eq!(truncate("äää", 3), "ä… (6 bytes)");
    }
}
