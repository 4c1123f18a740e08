//! `/metrics` as a scraper sees it: every metric described and typed from the start, the
//! read cache and tenants counted, the number of tenant series bounded.
//!
//! The recorder is process-wide, so the tests of this file share it: only
//! `requests_are_counted_per_tenant_up_to_the_limit_and_by_read_cache_outcome` makes
//! requests, and the other only checks what exists, not what it counts.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use kontor_server::ServerConfig;
use serde_json::json;

async fn scrape(server: &TestServer) -> Result<String, Box<dyn std::error::Error>> {
    let response = server
        .http
        .get(format!("http://{}/metrics", server.addr))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 200);
    Ok(response.text().await?)
}

/// The value of the series written exactly as `series` (name and labels).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

#[tokio::test]
async fn a_fresh_server_shows_every_metric_with_help_and_type_before_any_request() -> TestResult {
    let server = TestServer::start().await?;
    let text = scrape(&server).await?;
    let mut expected = vec![
        ("kontor_requests_total", "counter"),
        ("kontor_request_duration_seconds", "histogram"),
        ("kontor_actions_total", "counter"),
        ("kontor_tenant_requests_total", "counter"),
        ("kontor_read_cache_lookups_total", "counter"),
        ("kontor_db_pool_connections", "gauge"),
        ("kontor_db_pool_max_connections", "gauge"),
    ];
    // Only the SQLite list-read pool counts its waits; sqlx's pools do not say.
    if server.store.store.backend() == "sqlite" {
        expected.push(("kontor_db_pool_waits_total", "counter"));
    }
    for (name, kind) in expected {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("# HELP {name} "))),
            "no HELP for {name}:\n{text}"
        );
        assert!(
            text.lines().any(|l| l == format!("# TYPE {name} {kind}")),
            "no TYPE {kind} for {name}:\n{text}"
        );
        assert!(
            text.lines()
                .any(|l| !l.starts_with('#') && l.starts_with(name)),
            "no series of {name}:\n{text}"
        );
    }
    for outcome in ["ok", "action_error", "rejected"] {
        let series = format!("kontor_requests_total{{outcome=\"{outcome}\"}}");
        assert!(sample(&text, &series).is_some(), "{series}:\n{text}");
    }
    assert!(
        sample(
            &text,
            "kontor_actions_total{verb=\"read\",resourcetype=\"estate\",errorcode=\"0\"}"
        )
        .is_some(),
        "every supported call has its series:\n{text}"
    );
    // SQLite's writes have one thread, not a pool; its reads have the reader pool.
    let pool = if server.store.store.backend() == "sqlite" {
        "sqlite_read"
    } else {
        "postgres"
    };
    let max = sample(
        &text,
        &format!("kontor_db_pool_max_connections{{pool=\"{pool}\"}}"),
    )
    .unwrap_or(0.0);
    let in_use = sample(
        &text,
        &format!("kontor_db_pool_connections{{pool=\"{pool}\",state=\"in_use\"}}"),
    );
    let idle = sample(
        &text,
        &format!("kontor_db_pool_connections{{pool=\"{pool}\",state=\"idle\"}}"),
    );
    assert!(max >= 1.0, "{text}");
    assert!(
        matches!((in_use, idle), (Some(u), Some(i)) if u + i <= max),
        "{text}"
    );
    Ok(())
}

#[tokio::test]
async fn requests_are_counted_per_tenant_up_to_the_limit_and_by_read_cache_outcome() -> TestResult {
    let server = TestServer::start_with(ServerConfig {
        metrics_tenants: 1,
        ..ServerConfig::default()
    })
    .await?;
    let first = server.tenant("metrics-first", 'f').await?;
    let second = server.tenant("metrics-second", 's').await?;
    let read = |c: &Credentials| {
        envelope(
            c,
            vec![action_v2(
                c,
                ActionVerb::Read,
                "estate",
                json!({"data": ["Id"], "listlimit": 5}),
            )],
        )
    };
    // The same read three times: not seen before, seen once (now kept), from the cache.
    for _ in 0..3 {
        let json = server.post(&read(&first)).await?;
        assert_eq!(codes(&json), [0], "{json}");
    }
    let filter = server.saved_filter(&first).await?;
    let filtered = envelope(
        &first,
        vec![action_v2(
            &first,
            ActionVerb::Read,
            "estate",
            json!({"data": ["Id"], "filterid": filter}),
        )],
    );
    assert_eq!(codes(&server.post(&filtered).await?), [0]);
    server.post(&read(&second)).await?;
    server.post(&read(&second)).await?;

    let text = scrape(&server).await?;
    let count = |series: &str| sample(&text, series).unwrap_or(-1.0);
    assert_eq!(
        count("kontor_tenant_requests_total{tenant=\"metrics-first\"}"),
        4.0,
        "{text}"
    );
    // The second tenant is past the limit of one named tenant.
    assert_eq!(
        count("kontor_tenant_requests_total{tenant=\"(other)\"}"),
        2.0,
        "{text}"
    );
    assert!(!text.contains("metrics-second"), "{text}");
    assert_eq!(
        count("kontor_read_cache_lookups_total{result=\"hit\"}"),
        1.0,
        "{text}"
    );
    assert_eq!(
        count("kontor_read_cache_lookups_total{result=\"miss\"}"),
        4.0,
        "{text}"
    );
    assert_eq!(
        count("kontor_read_cache_lookups_total{result=\"bypass\"}"),
        1.0,
        "{text}"
    );
    assert_eq!(
        count("kontor_requests_total{outcome=\"ok\"}"),
        6.0,
        "{text}"
    );
    Ok(())
}
