//! Retries: only without an answer, each attempt signed afresh; never on an action error.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use common::{actions, envelope, result, Kontor, StandIn, TestResult, SECRET, TOKEN};
use kontor_client::{calls, Action, ActionVerb, Client, ClientError, RetryPolicy};
use kontor_proto::hmac::sign_v2;
use serde_json::{json, Value};

fn quick() -> RetryPolicy {
    RetryPolicy::default().base_delay(Duration::from_millis(10))
}

fn secs_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// A proxy in front of Kontor that fails the first attempt with 503 after waiting for the
/// next second (so that a re-signed retry must carry a later timestamp), then passes
/// requests through.
#[tokio::test]
async fn a_retried_request_carries_a_fresh_timestamp_and_a_valid_hmac() -> TestResult {
    let kontor = Kontor::start().await?;
    let upstream = kontor.endpoint();
    let bodies: Arc<Mutex<Vec<Value>>> = Arc::default();
    let seen = bodies.clone();
    let app = Router::new().route(
        "/api/{version}/api.php",
        post(move |body: Bytes| {
            let seen = seen.clone();
            let upstream = upstream.clone();
            async move {
                let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                let first = {
                    let mut seen = seen.lock().unwrap_or_else(|p| p.into_inner());
                    seen.push(json);
                    seen.len() == 1
                };
                if first {
                    let start = secs_now();
                    while secs_now() == start {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                    return (StatusCode::SERVICE_UNAVAILABLE, "try later".to_string());
                }
                let answer = reqwest::Client::new()
                    .post(upstream)
                    .body(body)
                    .send()
                    .await;
                match answer {
                    Ok(r) => (StatusCode::OK, r.text().await.unwrap_or_default()),
                    Err(e) => (StatusCode::BAD_GATEWAY, e.to_string()),
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    let client = Client::with_credentials(TOKEN, SECRET)?
        .endpoint(format!("http://{addr}/api/stable/api.php"))
        .retry(quick())
        .build()?;
    let reply = client.call(calls::actionkindtypes::get().into()).await?;
    assert_eq!(reply.records()[0].elements["key"], "Email");

    let bodies = bodies.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert_eq!(bodies.len(), 2, "one failure, one retry");
    let first = &actions(&bodies[0])[0];
    let second = &actions(&bodies[1])[0];
    let (t1, t2) = (
        first["timestamp"].as_i64().unwrap_or(0),
        second["timestamp"].as_i64().unwrap_or(0),
    );
    assert!(t2 > t1, "the retry is stamped anew: {t1} then {t2}");
    let expected = sign_v2(
        SECRET,
        &t2.to_string(),
        TOKEN,
        "actionkindtypes",
        &ActionVerb::Get.urn(),
    );
    assert_eq!(second["hmac"], json!(expected));
    assert_ne!(first["hmac"], second["hmac"]);
    Ok(())
}

#[tokio::test]
async fn an_action_error_is_an_answer_and_is_not_retried() -> TestResult {
    let stand_in = StandIn::start(Arc::new(|_, body| {
        let mut failed = result(&actions(body)[0], false, vec![], None);
        failed["data"] = json!([]);
        failed["status"] = json!({"errorcode": 137, "message": "The HMAC is invalid"});
        (200, envelope(vec![failed]))
    }))
    .await?;
    let client = stand_in.client()?.retry(quick()).build()?;
    let error = client
        .call(calls::actionkindtypes::get().into())
        .await
        .err()
        .ok_or("expected an error")?;
    assert_eq!(error.action_error().map(|e| e.code), Some(137));
    assert_eq!(stand_in.bodies().len(), 1);
    Ok(())
}

#[tokio::test]
async fn server_errors_are_retried_up_to_the_limit_but_writes_only_after_503() -> TestResult {
    let stand_in = StandIn::start(Arc::new(|_, _| (502, "bad gateway".to_string()))).await?;
    let client = stand_in.client()?.retry(quick()).build()?;
    let read = client.call(Action::new(ActionVerb::Read, "estate")).await;
    assert!(
        matches!(read, Err(ClientError::Http { status: 502, .. })),
        "{read:?}"
    );
    assert_eq!(stand_in.bodies().len(), 3, "three attempts for a read");
    let create = client.call(Action::new(ActionVerb::Create, "estate")).await;
    assert!(matches!(create, Err(ClientError::Http { status: 502, .. })));
    assert_eq!(
        stand_in.bodies().len(),
        4,
        "a create after 502 may have run: not sent again"
    );

    let stand_in = StandIn::start(Arc::new(|_, _| (503, String::new()))).await?;
    let client = stand_in.client()?.retry(quick()).build()?;
    let create = client.call(Action::new(ActionVerb::Create, "estate")).await;
    assert!(create.is_err());
    assert_eq!(stand_in.bodies().len(), 3, "503: the server did not run it");
    Ok(())
}

#[tokio::test]
async fn unreachable_servers_and_bodies_that_are_not_envelopes_give_one_clear_error() -> TestResult
{
    // A port that was free a moment ago: nothing listens there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    drop(listener);
    let client = Client::with_credentials(TOKEN, SECRET)?
        .endpoint(format!("http://{addr}/api/stable/api.php"))
        .retry(quick())
        .build()?;
    let error = client
        .call(calls::actionkindtypes::get().into())
        .await
        .err()
        .ok_or("expected an error")?;
    assert!(matches!(error, ClientError::Transport { .. }), "{error:?}");
    let text = error.to_string();
    assert!(
        text.starts_with(&format!("cannot reach http://{addr}/")),
        "{text}"
    );
    assert!(!text.contains('\n'));

    let html = StandIn::start(Arc::new(|_, _| (200, "<html>hello</html>".to_string()))).await?;
    let error = html
        .client()?
        .build()?
        .call(calls::actionkindtypes::get().into())
        .await
        .err()
        .ok_or("expected an error")?;
    assert!(
        matches!(error, ClientError::NotAnEnvelope { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("not JSON"), "{error}");
    assert_eq!(
        html.bodies().len(),
        1,
        "an answer that is not JSON is not retried"
    );

    let short = StandIn::start(Arc::new(|_, _| (200, envelope(vec![])))).await?;
    let error = short
        .client()?
        .build()?
        .call(calls::actionkindtypes::get().into())
        .await
        .err()
        .ok_or("expected an error")?;
    assert!(
        matches!(error, ClientError::ResultCount { sent: 1, got: 0 }),
        "{error:?}"
    );
    Ok(())
}
