//! Metrics and the per-request log line.
//!
//! Metric labels come only from closed sets (verbs, supported resource types, error codes,
//! pool names) or from a bounded one (the first [`ServerConfig::metrics_tenants`] tenants by
//! name, the rest as [`OTHER_TENANTS`]), never from raw input, so that a client cannot blow
//! up the number of series. Every metric is described and registered when the recorder is
//! installed, so that a scrape before the first request (and every dashboard built on
//! one) sees all of them.
//!
//! [`ServerConfig::metrics_tenants`]: crate::ServerConfig::metrics_tenants

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

use kontor_store::Store;
use metrics::Unit;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

const REQUESTS: &str = "kontor_requests_total";
const REQUEST_DURATION: &str = "kontor_request_duration_seconds";
const ACTIONS: &str = "kontor_actions_total";
const TENANT_REQUESTS: &str = "kontor_tenant_requests_total";
const READ_CACHE: &str = "kontor_read_cache_lookups_total";
const POOL_CONNECTIONS: &str = "kontor_db_pool_connections";
const POOL_MAX: &str = "kontor_db_pool_max_connections";
const POOL_WAITS: &str = "kontor_db_pool_waits_total";

/// The `tenant` label of the tenants beyond the named ones. Not a valid tenant name (those
/// are a-z, 0-9, '-' and '_'), so it cannot be mistaken for one.
pub const OTHER_TENANTS: &str = "(other)";

/// The `outcome` label of [`REQUESTS`].
const OUTCOMES: [&str; 3] = ["ok", "action_error", "rejected"];

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
            register();
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

/// Describes every metric and registers every series whose labels are known at start at
/// zero; the pool figures are read at each scrape (see [`render`]).
fn register() {
    metrics::describe_counter!(
        REQUESTS,
        "API requests, by outcome: ok, action_error (one or more actions failed), rejected \
         (the request failed as a whole: bad body, unknown token)"
    );
    for outcome in OUTCOMES {
        metrics::counter!(REQUESTS, "outcome" => outcome).increment(0);
    }
    metrics::describe_histogram!(
        REQUEST_DURATION,
        Unit::Seconds,
        "Time to answer an API request, from its body read to its response encoded"
    );
    let _ = metrics::histogram!(REQUEST_DURATION);
    metrics::describe_counter!(
        ACTIONS,
        "Actions, by verb, resource type (unknown for unsupported calls) and error code (0: ok)"
    );
    for (verb, resource) in crate::supported_calls(&crate::modules::Modules::standard()) {
        metrics::counter!(
            ACTIONS,
            "verb" => verb.name(),
            "resourcetype" => resource,
            "errorcode" => "0"
        )
        .increment(0);
    }
    metrics::describe_counter!(
        TENANT_REQUESTS,
        "Authenticated API requests per tenant: the first tenants since start by name, the \
         rest together as (other)"
    );
    metrics::counter!(TENANT_REQUESTS, "tenant" => OTHER_TENANTS).increment(0);
    metrics::describe_counter!(
        READ_CACHE,
        "List reads (estate, address) by where the answer came from: hit (the read cache), \
         miss (the database), bypass (not cacheable: a saved filter)"
    );
    for lookup in [CacheLookup::Hit, CacheLookup::Miss, CacheLookup::Bypass] {
        metrics::counter!(READ_CACHE, "result" => lookup.label()).increment(0);
    }
    metrics::describe_gauge!(
        POOL_CONNECTIONS,
        "Database connections per pool, by state: in_use or idle"
    );
    metrics::describe_gauge!(POOL_MAX, "The most connections a pool opens");
    metrics::describe_counter!(
        POOL_WAITS,
        "Times a caller waited for a connection of the pool, since start (pools that count \
         them: sqlite_read)"
    );
}

/// The Prometheus text exposition of every metric, with the pool figures as of now.
pub(crate) fn render(store: &Store) -> String {
    let Some(handle) = install() else {
        return String::new();
    };
    for stats in store.pool_stats() {
        let pool = stats.pool;
        metrics::gauge!(POOL_CONNECTIONS, "pool" => pool, "state" => "in_use")
            .set(f64::from(stats.in_use));
        metrics::gauge!(POOL_CONNECTIONS, "pool" => pool, "state" => "idle")
            .set(f64::from(stats.idle));
        metrics::gauge!(POOL_MAX, "pool" => pool).set(f64::from(stats.max));
        if let Some(waits) = stats.waits {
            metrics::counter!(POOL_WAITS, "pool" => pool).absolute(waits);
        }
    }
    handle.render()
}

/// Where a list read's answer came from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum CacheLookup {
    Hit,
    Miss,
    /// A read the cache does not keep.
    Bypass,
}

impl CacheLookup {
    fn label(self) -> &'static str {
        match self {
            CacheLookup::Hit => "hit",
            CacheLookup::Miss => "miss",
            CacheLookup::Bypass => "bypass",
        }
    }
}

pub(crate) fn read_cache(lookup: CacheLookup) {
    metrics::counter!(READ_CACHE, "result" => lookup.label()).increment(1);
}

/// The tenants counted by name, process-wide like the recorder whose series they bound.
static NAMED_TENANTS: Mutex<Option<HashSet<String>>> = Mutex::new(None);

/// `name` while fewer than `limit` tenants have been named since start or `name` is one of
/// them; [`OTHER_TENANTS`] otherwise.
fn tenant_label(name: &str, limit: usize) -> String {
    let mut named = NAMED_TENANTS.lock().unwrap_or_else(PoisonError::into_inner);
    let named = named.get_or_insert_with(HashSet::new);
    if named.contains(name) || (named.len() < limit && named.insert(name.to_string())) {
        name.to_string()
    } else {
        OTHER_TENANTS.to_string()
    }
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

/// Counts one request; `tenant_limit` is how many tenants are counted by name.
pub(crate) fn record(summary: &RequestSummary<'_>, tenant_limit: usize) {
    install();
    let [ok, action_error, rejected] = OUTCOMES;
    let outcome = match summary.errorcode {
        0 => ok,
        97 => action_error,
        _ => rejected,
    };
    metrics::counter!(REQUESTS, "outcome" => outcome).increment(1);
    metrics::histogram!(REQUEST_DURATION).record(summary.duration.as_secs_f64());
    if let Some(tenant) = summary.tenant {
        metrics::counter!(TENANT_REQUESTS, "tenant" => tenant_label(tenant, tenant_limit))
            .increment(1);
    }
    for (verb, resource, code) in &summary.actions {
        metrics::counter!(
            ACTIONS,
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
