//! The envelope on the wire: what real clients send is accepted, and every structural fault
//! gets its documented top-level code, HTTP 200, and leaves the server serving.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

/// After any bad request, a good one still works.
async fn still_serving(server: &TestServer, c: &Credentials) -> TestResult {
    let ok = server
        .post(&envelope(
            c,
            vec![action_v2(c, ActionVerb::Get, "actionkindtypes", json!({}))],
        ))
        .await?;
    assert_eq!(top(&ok), (200, 0), "{ok}");
    Ok(())
}

#[tokio::test]
async fn a_good_request_gets_the_real_envelope_shape() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let (status, headers, json) = server
        .post_raw(serde_json::to_vec(&envelope(
            &c,
            vec![action_v2(
                &c,
                ActionVerb::Get,
                "actionkindtypes",
                kinds("ENG"),
            )],
        ))?)
        .await?;
    assert_eq!(status, 200);
    assert!(headers.get("content-encoding").is_none());
    assert_eq!(
        json["status"],
        json!({"code": 200, "errorcode": 0, "message": "OK"})
    );
    let result = &json["response"]["results"][0];
    let keys: Vec<&str> = result
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "actionid",
            "resourceid",
            "resourcetype",
            "cacheable",
            "identifier",
            "data",
            "status"
        ]
    );
    assert_eq!(
        result["actionid"],
        "urn:onoffice-de-ns:smart:2.5:smartml:action:get"
    );
    assert_eq!(result["resourceid"], "");
    assert_eq!(result["cacheable"], true);
    assert_eq!(result["data"]["meta"], json!({"cntabsolute": null}));
    assert_eq!(result["status"], json!({"errorcode": 0, "message": "OK"}));
    Ok(())
}

#[tokio::test]
async fn responses_are_minified_php_style_and_never_compressed() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let body = envelope(
        &c,
        vec![action_v2(
            &c,
            ActionVerb::Get,
            "actionkindtypes",
            kinds("DEU"),
        )],
    );
    let response = server
        .http
        .post(server.url("stable"))
        .header("Accept-Encoding", "gzip, deflate, br")
        .body(serde_json::to_vec(&body)?)
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers().get("content-encoding").is_none());
    let text = response.text().await?;
    assert!(!text.contains(": ") && !text.contains('\n'), "not minified");
    // "Übergabe" and "Preisänderung" as PHP writes them.
    assert!(text.contains(r#""\u00dcbergabe""#), "{text}");
    assert!(text.contains(r#""Preis\u00e4nderung""#), "{text}");
    assert!(text.is_ascii());
    Ok(())
}

#[tokio::test]
async fn every_request_quirk_of_real_clients_is_accepted() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let base = || action_v2(&c, ActionVerb::Get, "actionkindtypes", json!({}));
    let mut variants: Vec<(&str, Value)> = Vec::new();
    let mut a = base();
    a["resourceid"] = json!(42);
    variants.push(("resourceid int", a));
    let mut a = base();
    a["resourceid"] = Value::Null;
    variants.push(("resourceid null", a));
    let mut a = base();
    a.as_object_mut().map(|o| o.remove("resourceid"));
    variants.push(("resourceid missing", a));
    let mut a = base();
    a["identifier"] = Value::Null;
    variants.push(("identifier null", a));
    let mut a = base();
    a["parameters"] = json!([]);
    variants.push(("parameters []", a));
    let mut a = base();
    a["parameters"] = json!({});
    variants.push(("parameters {}", a));
    let mut a = base();
    a["hmac_version"] = json!("2");
    variants.push(("hmac_version \"2\"", a));
    let mut a = base();
    a["timestamp"] = json!(a["timestamp"].to_string());
    variants.push(("timestamp string", a));
    let n = variants.len();
    let labels: Vec<&str> = variants.iter().map(|(l, _)| *l).collect();
    let json = server
        .post(&envelope(
            &c,
            variants.into_iter().map(|(_, a)| a).collect(),
        ))
        .await?;
    assert_eq!(codes(&json), vec![0; n], "{labels:?}: {json}");
    let results = json["response"]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        results[0]["resourceid"], "42",
        "resourceid comes back as a string"
    );
    assert_eq!(results[1]["resourceid"], "");
    assert_eq!(
        results[3]["identifier"], "",
        "null identifier echoes as \"\""
    );
    Ok(())
}

#[tokio::test]
async fn get_with_a_body_any_version_and_any_content_type_work() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    for (method, version, content_type) in [
        ("GET", "stable", "application/json"),
        ("POST", "latest", "application/x-www-form-urlencoded"),
        ("POST", "1.9", "text/plain"),
    ] {
        let body = envelope(
            &c,
            vec![action_v2(&c, ActionVerb::Get, "actionkindtypes", json!({}))],
        );
        let request = match method {
            "GET" => server.http.get(server.url(version)),
            _ => server.http.post(server.url(version)),
        };
        let response = request
            .header("Content-Type", content_type)
            .body(serde_json::to_vec(&body)?)
            .send()
            .await?;
        assert_eq!(response.status().as_u16(), 200);
        let json: Value = response.json().await?;
        assert_eq!(
            top(&json),
            (200, 0),
            "{method} {version} {content_type}: {json}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn structural_faults_get_their_top_level_codes() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let good = || action_v2(&c, ActionVerb::Get, "actionkindtypes", json!({}));
    let with = |key: &str, value: Value| {
        let mut a = good();
        a[key] = value;
        a
    };
    let without = |key: &str| {
        let mut a = good();
        a.as_object_mut().map(|o| o.remove(key));
        a
    };
    let cases: Vec<(&str, Vec<u8>, i64)> = vec![
        ("empty body", b"".to_vec(), 9),
        ("whitespace body", b"  \n".to_vec(), 9),
        ("not JSON", b"token=abc".to_vec(), 4),
        ("truncated JSON", br#"{"token":"x","request":{"#.to_vec(), 4),
        ("invalid UTF-8", b"{\"token\":\"\xff\xfe\"}".to_vec(), 7),
        (
            "raw control character",
            b"{\"token\":\"a\x01b\"}".to_vec(),
            5,
        ),
        (
            "deep nesting",
            format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
            3,
        ),
        ("array root", b"[1,2]".to_vec(), 4),
        (
            "missing token",
            serde_json::to_vec(&json!({"request": {"actions": [good()]}}))?,
            13,
        ),
        (
            "empty token",
            serde_json::to_vec(&json!({"token": "", "request": {"actions": [good()]}}))?,
            13,
        ),
        (
            "token not a string",
            serde_json::to_vec(&json!({"token": 5, "request": {"actions": [good()]}}))?,
            13,
        ),
        (
            "missing request",
            serde_json::to_vec(&json!({"token": c.token}))?,
            14,
        ),
        (
            "request not an object",
            serde_json::to_vec(&json!({"token": c.token, "request": "x"}))?,
            14,
        ),
        (
            "missing actions",
            serde_json::to_vec(&json!({"token": c.token, "request": {}}))?,
            15,
        ),
        (
            "actions not a list",
            serde_json::to_vec(&json!({"token": c.token, "request": {"actions": {}}}))?,
            15,
        ),
        ("no actions", serde_json::to_vec(&envelope(&c, vec![]))?, 15),
        (
            "action not an object",
            serde_json::to_vec(&envelope(&c, vec![json!("get")]))?,
            247,
        ),
        (
            "missing actionid",
            serde_json::to_vec(&envelope(&c, vec![without("actionid")]))?,
            16,
        ),
        (
            "actionid not a string",
            serde_json::to_vec(&envelope(&c, vec![with("actionid", json!(1))]))?,
            16,
        ),
        (
            "empty actionid",
            serde_json::to_vec(&envelope(&c, vec![with("actionid", json!(""))]))?,
            17,
        ),
        (
            "resourceid object",
            serde_json::to_vec(&envelope(&c, vec![with("resourceid", json!({}))]))?,
            18,
        ),
        (
            "resourceid float",
            serde_json::to_vec(&envelope(&c, vec![with("resourceid", json!(1.5))]))?,
            18,
        ),
        (
            "missing resourcetype",
            serde_json::to_vec(&envelope(&c, vec![without("resourcetype")]))?,
            19,
        ),
        (
            "parameters a string",
            serde_json::to_vec(&envelope(&c, vec![with("parameters", json!("x"))]))?,
            20,
        ),
        (
            "parameters a list",
            serde_json::to_vec(&envelope(&c, vec![with("parameters", json!([1]))]))?,
            20,
        ),
        (
            "empty parameter name",
            serde_json::to_vec(&envelope(&c, vec![with("parameters", json!({"": 1}))]))?,
            21,
        ),
        (
            "unknown token",
            serde_json::to_vec(
                &json!({"token": "x".repeat(32), "request": {"actions": [good()]}}),
            )?,
            22,
        ),
    ];
    for (label, body, expected) in cases {
        let (status, _, json) = server.post_raw(body).await?;
        assert_eq!(status, 200, "{label}");
        assert_eq!(json["status"]["errorcode"], expected, "{label}: {json}");
        let code = if expected == 22 { 400 } else { 500 };
        assert_eq!(json["status"]["code"], code, "{label}: {json}");
        assert!(
            json.get("response").is_none(),
            "{label}: no action may run: {json}"
        );
        let message = json["status"]["message"].as_str().unwrap_or("");
        assert!(!message.is_empty(), "{label}: a message tells what to fix");
        still_serving(&server, &c).await?;
    }
    Ok(())
}

#[tokio::test]
async fn messages_name_the_action_and_the_fault() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let good = action_v2(&c, ActionVerb::Get, "actionkindtypes", json!({}));
    let mut bad = good.clone();
    bad.as_object_mut().map(|o| o.remove("actionid"));
    let json = server.post(&envelope(&c, vec![good, bad])).await?;
    assert_eq!(
        json["status"]["message"],
        "Missing or invalid attribute: actionid (action 1: actionid is missing)"
    );
    let json = server
        .post(&json!({"token": "t".repeat(32), "request": {"actions": [{"actionid": "x", "resourcetype": ""}]}}))
        .await?;
    assert!(
        json["status"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("swapped"),
        "an unknown token hints at a swapped pair: {json}"
    );
    Ok(())
}

#[tokio::test]
async fn huge_bodies_and_action_floods_are_refused_bounded() -> TestResult {
    let config = kontor_server::ServerConfig {
        body_limit: 64 * 1024,
        ..Default::default()
    };
    let server = TestServer::start_with(config).await?;
    let c = server.tenant("demo", 'a').await?;
    let big = json!({"token": c.token, "request": {"actions": [], "pad": "x".repeat(200 * 1024)}});
    let (status, _, json) = server.post_raw(serde_json::to_vec(&big)?).await?;
    assert_eq!(status, 200);
    assert_eq!(top(&json), (500, 14), "{json}");
    assert!(
        json["status"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("65536 bytes"),
        "{json}"
    );

    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let flood: Vec<Value> = (0..1000)
        .map(|_| action_v2(&c, ActionVerb::Get, "actionkindtypes", json!({})))
        .collect();
    let json = server.post(&envelope(&c, flood)).await?;
    assert_eq!(top(&json), (500, 15), "{json}");
    assert!(
        json["status"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("at most 500"),
        "{json}"
    );
    let many: Vec<Value> = (0..500)
        .map(|_| action_v2(&c, ActionVerb::Get, "actionkindtypes", json!({})))
        .collect();
    let json = server.post(&envelope(&c, many)).await?;
    assert_eq!(codes(&json), vec![0; 500]);
    still_serving(&server, &c).await
}

#[tokio::test]
async fn duplicate_keys_take_the_last_value_like_php() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let action = action_v2(
        &c,
        ActionVerb::Get,
        "actionkindtypes",
        json!({"lang": "ENG"}),
    );
    let text = serde_json::to_string(&envelope(&c, vec![action]))?;
    // The first "token" is junk; PHP's json_decode keeps the last one, and so does Kontor.
    let text = text.replacen("{\"token\"", "{\"token\":\"junk\",\"token\"", 1);
    let (_, _, json) = server.post_raw(text).await?;
    assert_eq!(top(&json), (200, 0), "{json}");
    Ok(())
}

#[tokio::test]
async fn non_api_paths_do_not_answer_as_the_api() -> TestResult {
    let server = TestServer::start().await?;
    let response = server
        .http
        .post(format!("http://{}/api/stable/other.php", server.addr))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 404);
    Ok(())
}

/// errorcode 1 is only ever a store failure: the shared helpers fail any test that meets it,
/// unless the test says it provokes one.
#[tokio::test]
async fn a_store_error_fails_the_test_unless_it_is_expected() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let body = envelope(
        &c,
        vec![action_v2(&c, ActionVerb::Get, "actionkindtypes", json!({}))],
    );
    // With the database gone, authentication is a store error.
    server.store.store.close().await;
    let refused = server.post(&body).await;
    assert!(
        refused.is_err_and(|e| e.to_string().contains("errorcode 1")),
        "the helper must fail on errorcode 1"
    );
    server.expect_internal_errors();
    let answer = server.post(&body).await?;
    assert_eq!(top(&answer), (500, 1), "{answer}");
    Ok(())
}
