//! `get actionkindtypes`, and the operational endpoints.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

async fn get(
    server: &TestServer,
    c: &Credentials,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    let json = server
        .post(&envelope(
            c,
            vec![action_v2(c, ActionVerb::Get, "actionkindtypes", params)],
        ))
        .await?;
    Ok(json["response"]["results"][0].clone())
}

fn find<'a>(result: &'a Value, key: &str) -> &'a Value {
    result["data"]["records"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["elements"]["key"] == key))
        .unwrap_or(&Value::Null)
}

#[tokio::test]
async fn kinds_come_in_the_real_shape_with_labels_in_the_asked_language() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let eng = get(&server, &c, json!({"lang": "ENG"})).await?;
    assert_eq!(eng["cacheable"], true);
    assert_eq!(eng["data"]["meta"]["cntabsolute"], Value::Null);
    let records = eng["data"]["records"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (i, r) in records.iter().enumerate() {
        assert_eq!(r["id"], i, "records are numbered from 0");
        assert_eq!(r["type"], "actionkind");
    }
    assert_eq!(
        find(&eng, "Newsletter"),
        &json!({"id": 9, "type": "actionkind", "elements": {
            "key": "Newsletter", "label": "Newsletter",
            "types": {"bestellt": "ordered", "nicht bestellt": "not ordered"}, "default": ""}})
    );
    assert_eq!(
        find(&eng, "Notiz")["elements"]["types"],
        json!([]),
        "no types: PHP's []"
    );
    assert_eq!(find(&eng, "Telefonat")["elements"]["label"], "Phone call");

    let deu = get(&server, &c, json!({"lang": "DEU"})).await?;
    assert_eq!(
        find(&deu, "Telefonat")["elements"]["types"]["Eingang"],
        "Eingang"
    );
    let default = get(&server, &c, json!({})).await?;
    assert_eq!(
        default["data"], deu["data"],
        "German when no language is given"
    );
    let lower = get(&server, &c, json!({"lang": "eng"})).await?;
    assert_eq!(lower["data"], eng["data"]);
    Ok(())
}

#[tokio::test]
async fn automatic_types_show_only_for_the_kinds_asked_for() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let plain = get(&server, &c, json!({"lang": "ENG"})).await?;
    assert!(find(&plain, "Email")["elements"]["types"]
        .get("Automatischer Versand")
        .is_none());
    assert_eq!(
        find(&plain, "Preisänderung")["elements"]["types"],
        json!([])
    );
    let asked = get(
        &server,
        &c,
        json!({"lang": "ENG", "allowAutomaticTypesForActionKind": ["Email"]}),
    )
    .await?;
    assert_eq!(
        find(&asked, "Email")["elements"]["types"]["Automatischer Versand"],
        "automatic dispatch"
    );
    assert_eq!(
        find(&asked, "Preisänderung")["elements"]["types"],
        json!([])
    );
    Ok(())
}

#[tokio::test]
async fn task_types_carry_their_database_ids() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let result = get(&server, &c, json!({"lang": "ENG"})).await?;
    let task = &find(&result, "Aufgabe")["elements"];
    assert_eq!(task["typesByDatabaseId"]["1"], "Rückruf");
    assert_eq!(task["types"]["Rückruf"], "Callback");
    assert!(find(&result, "Email")["elements"]
        .get("typesByDatabaseId")
        .is_none());
    Ok(())
}

#[tokio::test]
async fn wrong_parameters_get_their_codes_and_messages() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let cases = [
        (json!({"lang": 5}), 227, "Given element or parameter was expected to be a string: lang"),
        (json!({"lang": "KLINGON"}), 160, "Invalid language: \"KLINGON\""),
        (
            json!({"allowAutomaticTypesForActionKind": {"a": 1}}),
            74,
            "Given element or parameter was expected to be an array (allowAutomaticTypesForActionKind must be a list of strings)",
        ),
    ];
    for (params, code, message) in cases {
        let result = get(&server, &c, params.clone()).await?;
        assert_eq!(result["status"]["errorcode"], code, "{params}");
        assert_eq!(result["status"]["message"], message, "{params}");
        assert_eq!(result["data"], json!([]));
    }
    // Parameters a call does not know are ignored, as real clients send extras.
    let result = get(
        &server,
        &c,
        json!({"lang": "ENG", "listlimit": 500, "extendedclaim": "x"}),
    )
    .await?;
    assert_eq!(result["status"]["errorcode"], 0);
    Ok(())
}

#[tokio::test]
async fn health_readiness_and_metrics_answer() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let base = format!("http://{}", server.addr);
    let health = server.http.get(format!("{base}/healthz")).send().await?;
    assert_eq!(health.status().as_u16(), 200);
    let ready = server.http.get(format!("{base}/readyz")).send().await?;
    assert_eq!(ready.status().as_u16(), 200);
    server
        .post(&envelope(
            &c,
            vec![action_v2(&c, ActionVerb::Get, "actionkindtypes", json!({}))],
        ))
        .await?;
    let metrics = server
        .http
        .get(format!("{base}/metrics"))
        .send()
        .await?
        .text()
        .await?;
    assert!(metrics.contains("kontor_requests_total"), "{metrics}");
    assert!(
        metrics.contains(
            r#"kontor_actions_total{verb="get",resourcetype="actionkindtypes",errorcode="0"}"#
        ),
        "{metrics}"
    );
    assert!(
        metrics.contains("kontor_request_duration_seconds_bucket"),
        "{metrics}"
    );

    server.store.store.close().await;
    let ready = server.http.get(format!("{base}/readyz")).send().await?;
    assert_eq!(ready.status().as_u16(), 503, "not ready without a database");
    let health = server.http.get(format!("{base}/healthz")).send().await?;
    assert_eq!(health.status().as_u16(), 200, "but still alive");
    Ok(())
}
