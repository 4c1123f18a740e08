//! Metrics and the per-request log line.
//!
//! Metric labels come only from closed sets (verbs, supported resource types, error codes),
//! never from raw input, so that a client cannot blow up the number of series.

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Latency buckets in seconds: the API's interesting range is sub-millisecond to a second.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the Prometheus recorder once per process (tests start many servers in one).
pub(crate) fn install() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("seconds".into()), BUCKETS)
                .ok()?;
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            let upkeep = handle.clone();
            // Histograms are drained into their summaries by upkeep; without it they grow.
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move {
                    loop {
                        tokio::time::sleep(Duration::from_secs(5)).await;
                        upkeep.run_upkeep();
                    }
                });
            }
            Some(handle)
        })
        .as_ref()
}

/// The Prometheus text exposition of every metric.
pub(crate) fn render() -> String {
    install().map(PrometheusHandle::render).unwrap_or_default()
}

/// What one request did, for the log line and the metrics.
#[derive(Debug)]
pub(crate) struct RequestSummary<'a> {
    pub tenant: Option<&'a str>,
    /// `verb:resourcetype` per action (labels only for supported calls).
    pub actions: Vec<(&'static str, &'static str, u16)>,
    /// Top-level error code (0 when the actions ran).
    pub errorcode: u16,
    pub duration: Duration,
    pub bytes_in: usize,
    pub bytes_out: usize,
}

pub(crate) fn record(summary: &RequestSummary<'_>) {
    install();
    let outcome = match summary.errorcode {
        0 => "ok",
        97 => "action_error",
        _ => "rejected",
    };
    metrics::counter!("kontor_requests_total", "outcome" => outcome).increment(1);
    metrics::histogram!("kontor_request_duration_seconds").record(summary.duration.as_secs_f64());
    for (verb, resource, code) in &summary.actions {
        metrics::counter!(
            "kontor_actions_total",
            "verb" => *verb,
            "resourcetype" => *resource,
            "errorcode" => code.to_string()
        )
        .increment(1);
    }
    let actions: Vec<String> = summary
        .actions
        .iter()
        .map(|(verb, resource, code)| format!("{verb}:{resource}={code}"))
        .collect();
    // Never the token's secret, the HMAC or the body: only who, what and how it ended.
    tracing::info!(
        target: "kontor::request",
        tenant = summary.tenant.unwrap_or("-"),
        actions = %actions.join(","),
        errorcode = summary.errorcode,
        duration_us = summary.duration.as_micros() as u64,
        bytes_in = summary.bytes_in,
        bytes_out = summary.bytes_out,
        "api request"
    );
}
