//! Per-action authentication: timestamps, both HMAC schemes, and tenant isolation.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use kontor_store::{ActionKind, ActionKindStore, Labels};
use serde_json::{json, Value};

fn kinds_request(c: &Credentials) -> Value {
    action_v2(c, ActionVerb::Get, "actionkindtypes", kinds("ENG"))
}

#[tokio::test]
async fn each_action_fails_on_its_own_and_the_others_still_run() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let mut stale = kinds_request(&c);
    stale["timestamp"] = json!(now() - 1000);
    let mut future = kinds_request(&c);
    future["timestamp"] = json!(now() + 1000);
    let mut no_timestamp = kinds_request(&c);
    no_timestamp.as_object_mut().map(|o| o.remove("timestamp"));
    let mut bad_hmac = kinds_request(&c);
    bad_hmac["hmac"] = json!("GPPsSTdKyh0IO7qJVq07DpL2E9bhNVPxI5vHfeqIPr4=");
    let mut no_hmac = kinds_request(&c);
    no_hmac.as_object_mut().map(|o| o.remove("hmac"));
    let mut unknown_version = kinds_request(&c);
    unknown_version["hmac_version"] = json!(3);
    let unknown_verb = {
        let mut a = kinds_request(&c);
        a["actionid"] = json!("urn:onoffice-de-ns:smart:2.5:smartml:action:frobnicate");
        // Re-sign so that only the action id is wrong.
        let ts = now();
        a["timestamp"] = json!(ts);
        a["hmac"] = json!(kontor_proto::hmac::sign_v2(
            &c.secret,
            &ts.to_string(),
            &c.token,
            "actionkindtypes",
            "urn:onoffice-de-ns:smart:2.5:smartml:action:frobnicate"
        ));
        a
    };
    let unknown_resource = action_v2(&c, ActionVerb::Get, "estateKinds", json!({}));
    let wrong_verb = action_v2(&c, ActionVerb::Read, "actionkindtypes", json!({}));
    let actions = vec![
        kinds_request(&c),
        stale,
        future,
        no_timestamp,
        bad_hmac,
        no_hmac,
        unknown_version,
        unknown_verb,
        unknown_resource,
        wrong_verb,
        kinds_request(&c),
    ];
    let json = server.post(&envelope(&c, actions)).await?;
    assert_eq!(top(&json), (500, 97), "{json}");
    assert_eq!(json["status"]["message"], "Error in action");
    assert_eq!(
        codes(&json),
        [0, 136, 136, 136, 137, 137, 137, 23, 25, 23, 0]
    );
    let results = json["response"]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (i, r) in results.iter().enumerate() {
        let failed = r["status"]["errorcode"] != 0;
        assert_eq!(
            r["data"] == json!([]),
            failed,
            "result {i}: failed actions carry data: []"
        );
        assert_eq!(r["cacheable"], !failed, "result {i}");
        assert!(r["status"]["errorcode"].is_i64(), "codes are JSON numbers");
    }
    assert!(results[0]["data"]["records"]
        .as_array()
        .is_some_and(|r| !r.is_empty()));
    assert_eq!(results[10]["data"], results[0]["data"]);
    assert!(results[4]["status"]["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("The HMAC is invalid."));
    assert!(results[1]["status"]["message"]
        .as_str()
        .unwrap_or("")
        .contains("±120 s"));
    assert_eq!(
        results[8]["status"]["message"],
        "Missing configuration for resourceType \"estateKinds\""
    );
    assert_eq!(
        results[8]["resourcetype"], "estateKinds",
        "the result echoes what was sent"
    );
    Ok(())
}

#[tokio::test]
async fn the_timestamp_window_is_120_seconds_either_side() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let at = |offset: i64| {
        let ts = now() + offset;
        let mut a = kinds_request(&c);
        a["timestamp"] = json!(ts);
        a["hmac"] = json!(kontor_proto::hmac::sign_v2(
            &c.secret,
            &ts.to_string(),
            &c.token,
            "actionkindtypes",
            &ActionVerb::Get.urn()
        ));
        a
    };
    // A second of slack either side keeps the test independent of the clock ticking.
    let json = server
        .post(&envelope(&c, vec![at(-119), at(119), at(-125), at(125)]))
        .await?;
    assert_eq!(codes(&json), [0, 0, 136, 136], "{json}");
    Ok(())
}

#[tokio::test]
async fn legacy_hmac_v1_is_accepted_and_checked() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    // Unsorted keys, a slash and an umlaut: the server must rebuild PHP's json_encode exactly.
    let params = json!({"lang": "ENG", "allowAutomaticTypesForActionKind": ["Email"], "note": "Aachen/Köln"});
    let good = action_v1(&c, ActionVerb::Get, "actionkindtypes", params.clone());
    let mut tampered = good.clone();
    tampered["parameters"]["lang"] = json!("DEU");
    let empty_object = action_v1(&c, ActionVerb::Get, "actionkindtypes", json!({}));
    let mut empty_list = empty_object.clone();
    empty_list["parameters"] = json!([]);
    let json = server
        .post(&envelope(
            &c,
            vec![good, tampered, empty_object, empty_list],
        ))
        .await?;
    assert_eq!(codes(&json), [0, 137, 0, 0], "{json}");
    let email = &json["response"]["results"][0]["data"]["records"][0]["elements"];
    assert_eq!(email["key"], "Email");
    assert_eq!(
        email["types"]["Automatischer Versand"],
        "automatic dispatch"
    );
    Ok(())
}

#[tokio::test]
async fn a_token_sees_only_its_own_tenant() -> TestResult {
    let server = TestServer::start().await?;
    let a = server.tenant("alpha", 'a').await?;
    let b = server.tenant("beta", 'b').await?;
    let visit = ActionKind {
        key: "Objektbesuch".into(),
        labels: Labels::new("Objektbesuch", "Property visit"),
        default_type: String::new(),
        types: Vec::new(),
    };
    server.store.store.add_action_kind(b.tenant, &visit).await?;
    let keys = |json: &Value| -> Vec<String> {
        json["response"]["results"][0]["data"]["records"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|r| r["elements"]["key"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let seen_by_a = server.post(&envelope(&a, vec![kinds_request(&a)])).await?;
    let seen_by_b = server.post(&envelope(&b, vec![kinds_request(&b)])).await?;
    assert!(!keys(&seen_by_a).contains(&"Objektbesuch".to_string()));
    assert!(keys(&seen_by_b).contains(&"Objektbesuch".to_string()));

    // A's token signed with B's secret is not B, and is not A either.
    let crossed = Credentials {
        token: a.token.clone(),
        secret: b.secret.clone(),
        tenant: a.tenant,
    };
    let json = server
        .post(&envelope(&crossed, vec![kinds_request(&crossed)]))
        .await?;
    assert_eq!(codes(&json), [137]);
    Ok(())
}

#[tokio::test]
async fn a_rotated_secret_takes_effect_within_two_seconds() -> TestResult {
    use kontor_proto::{ApiSecret, ApiToken};
    use kontor_store::ApiUserStore;
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let json = server.post(&envelope(&c, vec![kinds_request(&c)])).await?;
    assert_eq!(codes(&json), [0]);
    let rotated = Credentials {
        token: c.token.clone(),
        secret: "R".repeat(64),
        tenant: c.tenant,
    };
    server
        .store
        .store
        .rotate_secret(
            &ApiToken::parse(&c.token)?,
            &ApiSecret::parse(&rotated.secret)?,
        )
        .await?;
    // Authentications are reused for up to two seconds (they would cost a database round
    // trip per request otherwise); after that only the new secret signs.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let json = server
        .post(&envelope(&rotated, vec![kinds_request(&rotated)]))
        .await?;
    assert_eq!(codes(&json), [0], "the new secret works");
    let json = server.post(&envelope(&c, vec![kinds_request(&c)])).await?;
    assert_eq!(codes(&json), [137], "the old one no longer does");
    Ok(())
}

/// Timestamps at the ends of i64 and beyond, as numbers, strings and floats, each signed
/// with the text the server hashes, so that only the window can refuse them. `i64::MIN`
/// once wrapped past the window in release builds (a signature that never expired) and
/// panicked in debug ones.
#[tokio::test]
async fn timestamps_outside_i64_or_the_window_never_pass_whatever_their_form() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let signed = |timestamp: Value| {
        let text = match &timestamp {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut a = kinds_request(&c);
        a["hmac"] = json!(kontor_proto::hmac::sign_v2(
            &c.secret,
            &text,
            &c.token,
            "actionkindtypes",
            &ActionVerb::Get.urn()
        ));
        a["timestamp"] = timestamp;
        a
    };
    let t = now();
    let cases: Vec<(Value, i64)> = vec![
        (json!(t), 0),
        (json!(t.to_string()), 0),
        (json!(i64::MIN), 136),
        (json!(i64::MIN.to_string()), 136),
        (json!(i64::MIN + 1), 136),
        (json!(i64::MAX), 136),
        (json!(i64::MAX.to_string()), 136),
        (json!(-1), 136),
        (json!(0), 136),
        // Beyond i64: a u64, a number only a float holds, and digits no integer type holds.
        (json!(u64::MAX), 136),
        (serde_json::from_str("99999999999999999999999")?, 136),
        (json!("-99999999999999999999999"), 136),
        // Floats and fractions are not the integer seconds the API asks for.
        (json!(t as f64), 136),
        (json!(format!("{t}.0")), 136),
        (json!(1e300), 136),
        (json!("now"), 136),
        (json!(""), 136),
    ];
    let actions = cases.iter().map(|(ts, _)| signed(ts.clone())).collect();
    let json = server.post(&envelope(&c, actions)).await?;
    let expected: Vec<i64> = cases.iter().map(|(_, code)| *code).collect();
    assert_eq!(codes(&json), expected, "{json}");
    let message = json["response"]["results"][2]["status"]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains(&format!(
            "timestamp {} is {} s from server time",
            i64::MIN,
            i128::from(i64::MIN) - i128::from(t)
        )) || message.contains(&format!(
            "{} s from server time",
            i128::from(i64::MIN) - i128::from(t) - 1
        )),
        "{message}"
    );
    Ok(())
}
