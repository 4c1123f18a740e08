//! The limits of what a field takes, on the wire and on both backends: values at each limit
//! are stored and read back exactly, values beyond it are refused with the field's error and
//! change nothing (docs/compat.md, "Field limits").

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

/// Sends one action whose parameters are `params` with the placeholder `"@"` replaced by
/// `literal`, exactly as written: JSON numbers that no `Value` can carry (beyond i64, more
/// digits than a double) reach the server as a client wrote them.
async fn send_literal(
    server: &TestServer,
    c: &Credentials,
    verb: ActionVerb,
    resource: &str,
    resourceid: &Value,
    params: Value,
    literal: &str,
) -> Result<Value, Box<dyn std::error::Error>> {
    let mut action = action_v2(c, verb, resource, params);
    action["resourceid"] = resourceid.clone();
    let body = serde_json::to_string(&envelope(c, vec![action]))?.replacen("\"@\"", literal, 1);
    let (_, _, json) = server.post_raw(body).await?;
    Ok(json["response"]["results"][0].clone())
}

async fn create_estate(
    server: &TestServer,
    c: &Credentials,
) -> Result<Value, Box<dyn std::error::Error>> {
    let created = send_literal(
        server,
        c,
        ActionVerb::Create,
        "estate",
        &json!(""),
        json!({"data": {"ort": "Aachen"}}),
        "",
    )
    .await?;
    assert_eq!(created["status"]["errorcode"], 0, "{created}");
    Ok(created["data"]["records"][0]["id"].clone())
}

async fn read_field(
    server: &TestServer,
    c: &Credentials,
    id: &Value,
    field: &str,
) -> Result<Value, Box<dyn std::error::Error>> {
    let read = send_literal(
        server,
        c,
        ActionVerb::Read,
        "estate",
        id,
        json!({"data": [field]}),
        "",
    )
    .await?;
    Ok(read["data"]["records"][0]["elements"][field].clone())
}

/// `(field, literal as sent, what a raw read answers)` for values at the limits, and
/// `(field, literal, errorcode)` for values beyond them.
#[tokio::test]
async fn numbers_are_taken_exactly_as_they_come_back_or_refused() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let id = create_estate(&server, &c).await?;
    let accepted = [
        // Money: two decimals, at most 13 digits before the point.
        ("kaufpreis", "9999999999999.99", "9999999999999.99"),
        ("kaufpreis", "\"9999999999999.99\"", "9999999999999.99"),
        ("kaufpreis", "-9999999999999.99", "-9999999999999.99"),
        ("kaufpreis", "0.01", "0.01"),
        ("kaufpreis", "\"349000.50\"", "349000.50"),
        ("kaufpreis", "1.5e5", "150000.00"),
        // Other floats: five decimals, at most 10 digits before the point.
        ("anzahl_zimmer", "9999999999.99999", "9999999999.99999"),
        ("anzahl_zimmer", "2.5", "2.50000"),
        ("breitengrad", "\"50.78581\"", "50.78581"),
        // Integers: exact up to 2^53 - 1.
        ("baujahr", "9007199254740991", "9007199254740991"),
        ("baujahr", "-9007199254740991", "-9007199254740991"),
        ("baujahr", "\"1990\"", "1990"),
        ("baujahr", "1990.0", "1990"),
    ];
    for (field, literal, back) in accepted {
        let written = send_literal(
            &server,
            &c,
            ActionVerb::Modify,
            "estate",
            &id,
            json!({"data": {field: "@"}}),
            literal,
        )
        .await?;
        assert_eq!(
            written["status"]["errorcode"], 0,
            "{field} {literal}: {written}"
        );
        assert_eq!(
            read_field(&server, &c, &id, field).await?,
            back,
            "{field} {literal}"
        );
    }
    let refused = [
        ("kaufpreis", "-9223372036854775809", 229),
        ("kaufpreis", "\"-9223372036854775809\"", 229),
        ("kaufpreis", "1e30", 229),
        ("kaufpreis", "10000000000000", 229),
        ("kaufpreis", "0.001", 229),
        ("kaufpreis", "\"349000.005\"", 229),
        ("kaufpreis", "\"1,5\"", 229),
        ("anzahl_zimmer", "10000000000", 229),
        ("anzahl_zimmer", "2.123456", 229),
        ("breitengrad", "50.7858123", 229),
        ("baujahr", "9007199254740992", 228),
        ("baujahr", "-9223372036854775809", 228),
        ("baujahr", "1e30", 228),
        ("baujahr", "1990.5", 228),
        ("baujahr", "\"1990.5\"", 228),
    ];
    for (field, literal, code) in refused {
        let before = read_field(&server, &c, &id, field).await?;
        let written = send_literal(
            &server,
            &c,
            ActionVerb::Modify,
            "estate",
            &id,
            json!({"data": {field: "@"}}),
            literal,
        )
        .await?;
        assert_eq!(
            written["status"]["errorcode"], code,
            "{field} {literal}: {written}"
        );
        let message = written["status"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(field), "{message}");
        assert_eq!(
            read_field(&server, &c, &id, field).await?,
            before,
            "{field} {literal}"
        );
        // A create is refused alike.
        let created = send_literal(
            &server,
            &c,
            ActionVerb::Create,
            "estate",
            &json!(""),
            json!({"data": {field: "@"}}),
            literal,
        )
        .await?;
        assert_eq!(
            created["status"]["errorcode"], code,
            "{field} {literal}: {created}"
        );
    }
    // Beyond any double, a number is not JSON a server can read: the request is refused.
    let mut action = action_v2(
        &c,
        ActionVerb::Modify,
        "estate",
        json!({"data": {"kaufpreis": "@"}}),
    );
    action["resourceid"] = id.clone();
    let body = serde_json::to_string(&envelope(&c, vec![action]))?.replacen("\"@\"", "1e400", 1);
    let (_, _, json) = server.post_raw(body).await?;
    assert_eq!(top(&json).1, 4, "{json}");
    Ok(())
}
