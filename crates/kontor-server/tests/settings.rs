//! `read impressum` and `read basicsettings`, which the WordPress plugin sends on every page,
//! and the admin endpoint that sets what they answer.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use kontor_server::ServerConfig;
use serde_json::{json, Value};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const ADMIN: &str = "s3cret-admin";

async fn read(
    server: &TestServer,
    c: &Credentials,
    resource: &str,
    params: Value,
) -> Result<Value> {
    let json = server
        .post(&envelope(
            c,
            vec![action_v2(c, ActionVerb::Read, resource, params)],
        ))
        .await?;
    Ok(json["response"]["results"][0].clone())
}

/// The one record of a settings answer, after checking the parts every answer shares.
fn record(result: &Value) -> Value {
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    assert_eq!(result["cacheable"], true, "{result}");
    assert_eq!(
        result["data"]["meta"]["cntabsolute"],
        Value::Null,
        "{result}"
    );
    assert_eq!(
        result["data"]["records"].as_array().map(Vec::len),
        Some(1),
        "{result}"
    );
    let record = result["data"]["records"][0].clone();
    assert_eq!(record["type"], Value::Null, "the records have type null");
    record
}

async fn patch(
    server: &TestServer,
    tenant: &str,
    token: &str,
    body: Value,
) -> Result<(u16, Value)> {
    let response = server
        .http
        .patch(format!(
            "http://{}/admin/tenants/{tenant}/settings",
            server.addr
        ))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await?;
    let status = response.status().as_u16();
    Ok((status, response.json().await?))
}

/// What WP's `APIAvailabilityChecker` and theme read.
fn wp_basic_settings() -> Value {
    json!({"data": {"basicData": {"characteristicsCi": ["logo", "color", "color2", "textcolorMail", "claim"]}}})
}

#[tokio::test]
async fn a_new_tenant_answers_in_the_recorded_shapes_with_empty_values() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let imprint = record(&read(&server, &c, "impressum", json!({"language": "ENG"})).await?);
    assert_eq!(imprint["id"], "impressum");
    let elements = imprint["elements"].as_object().cloned().unwrap_or_default();
    let keys: Vec<&str> = elements.keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 24, "{keys:?}");
    assert_eq!(&keys[..4], ["title", "firstname", "lastname", "firma"]);
    assert_eq!(keys[23], "chamber");
    assert!(elements.values().all(|v| v == ""), "{elements:?}");
    let basic = record(&read(&server, &c, "basicsettings", wp_basic_settings()).await?);
    assert_eq!(basic["id"], 0);
    assert_eq!(
        basic["elements"],
        json!({"basicData": {"characteristicsCi": {"logo": "", "color": "", "color2": "", "textcolorMail": "", "claim": ""}}})
    );
    Ok(())
}

#[tokio::test]
async fn settings_made_through_the_admin_api_are_what_the_calls_answer() -> TestResult {
    let server = TestServer::start_with(ServerConfig {
        admin_token: Some(ADMIN.into()),
        ..ServerConfig::default()
    })
    .await?;
    let c = server.tenant("demo", 'a').await?;
    let other = server.tenant("other", 'b').await?;
    let (status, all) = patch(&server, "demo", ADMIN, json!({
        "imprint.title": "Frau", "imprint.firstname": "Erika", "imprint.firma": "Muster Immobilien GmbH",
        "imprint.country": "aut", "imprint.city": "Wien", "ci.color": "#2B5797", "ci.claim": "Wohnen mit Aussicht",
        "ci.systemUiColor": "ffffff", "ci.showLogoInQuickbar": true, "team.about": "Seit 1999.",
        "permissions.timetracking": "true",
    })).await?;
    assert_eq!(status, 200, "{all}");
    assert_eq!(
        all["ci.color"], "2b5797",
        "stored as the API writes colours"
    );
    assert_eq!(all["imprint.country"], "AUT");
    assert_eq!(all["imprint.street"], "", "every setting is listed");

    let asked = json!({"data": ["title", "firma", "country", "city"]});
    let german = record(&read(&server, &c, "impressum", asked.clone()).await?);
    assert_eq!(
        german["elements"],
        json!({"title": "Frau", "firma": "Muster Immobilien GmbH", "country": "AUT", "city": "Wien"})
    );
    let mut english = asked.clone();
    english["language"] = json!("ENG");
    english["formatoutput"] = json!(true);
    let english = record(&read(&server, &c, "impressum", english).await?);
    assert_eq!(
        english["elements"]["title"], "Mrs.",
        "the salutation in the language asked for"
    );
    assert_eq!(
        english["elements"]["country"], "Austria",
        "formatoutput writes the country's name"
    );
    let mut deu = asked;
    deu["formatoutput"] = json!(true);
    let deu = record(&read(&server, &c, "impressum", deu).await?);
    assert_eq!(deu["elements"]["country"], "Österreich");

    let basic = record(
        &read(
            &server,
            &c,
            "basicsettings",
            json!({"data": {"basicData": {
        "characteristicsCi": ["color", "claim", "showLogoInQuickbar", "spotColor"],
        "team": ["about"], "permissions": ["/onOfficeApp/timetracking/enabled"]}}}),
        )
        .await?,
    );
    assert_eq!(
        basic["elements"]["basicData"],
        json!({
            "characteristicsCi": {"color": "2b5797", "claim": "Wohnen mit Aussicht", "showLogoInQuickbar": true, "spotColor": "999999"},
            "permissions": {"/onOfficeApp/timetracking/enabled": true},
            "team": {"about": "Seit 1999."},
        })
    );
    // Each tenant has its own.
    let theirs = record(&read(&server, &other, "basicsettings", wp_basic_settings()).await?);
    assert_eq!(
        theirs["elements"]["basicData"]["characteristicsCi"]["color"],
        ""
    );

    // "" clears; a bad value refuses the whole change.
    let (status, _) = patch(&server, "demo", ADMIN, json!({"ci.claim": ""})).await?;
    assert_eq!(status, 200);
    let (status, problem) = patch(
        &server,
        "demo",
        ADMIN,
        json!({"imprint.firma": "Neu GmbH", "ci.color": "blue"}),
    )
    .await?;
    assert_eq!(status, 400, "{problem}");
    assert!(
        problem["error"].as_str().unwrap_or("").contains("hex"),
        "{problem}"
    );
    let (status, problem) = patch(&server, "demo", ADMIN, json!({"imprint.slogan": "x"})).await?;
    assert_eq!(status, 400, "{problem}");
    let now = record(&read(&server, &c, "impressum", json!({"data": ["firma"]})).await?);
    assert_eq!(
        now["elements"]["firma"], "Muster Immobilien GmbH",
        "nothing of a refused change"
    );
    let basic = record(&read(&server, &c, "basicsettings", wp_basic_settings()).await?);
    assert_eq!(
        basic["elements"]["basicData"]["characteristicsCi"]["claim"],
        ""
    );

    let (status, _) = patch(&server, "demo", "wrong", json!({"ci.claim": "x"})).await?;
    assert_eq!(status, 401);
    let (status, _) = patch(&server, "nobody", ADMIN, json!({"ci.claim": "x"})).await?;
    assert_eq!(status, 404);
    let listed = server
        .http
        .get(format!(
            "http://{}/admin/tenants/demo/settings",
            server.addr
        ))
        .bearer_auth(ADMIN)
        .send()
        .await?;
    assert_eq!(listed.status().as_u16(), 200);
    let listed: Value = listed.json().await?;
    assert_eq!(listed["imprint.firstname"], "Erika");
    Ok(())
}

#[tokio::test]
async fn bad_settings_reads_get_their_codes_and_the_batch_goes_on() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let cases = [
        (
            "impressum",
            json!({"data": ["firma", "slogan"]}),
            141,
            "slogan",
        ),
        ("impressum", json!({"language": "XX"}), 160, "XX"),
        ("basicsettings", json!({"data": ["logo"]}), 255, "basicData"),
        (
            "basicsettings",
            json!({"data": {"basicData": {"colors": ["logo"]}}}),
            255,
            "colors",
        ),
        (
            "basicsettings",
            json!({"data": {"basicData": {"characteristicsCi": ["font"]}}}),
            255,
            "font",
        ),
    ];
    for (resource, params, code, text) in cases {
        let result = read(&server, &c, resource, params.clone()).await?;
        assert_eq!(result["status"]["errorcode"], code, "{params}: {result}");
        assert!(
            result["status"]["message"]
                .as_str()
                .unwrap_or("")
                .contains(text),
            "{result}"
        );
    }
    // WP batches both with its other reads; the 21 is a user id, accepted and ignored.
    let mut imprint = action_v2(
        &c,
        ActionVerb::Read,
        "impressum",
        json!({"data": ["firma"]}),
    );
    imprint["resourceid"] = json!("21");
    let batch = server
        .post(&envelope(
            &c,
            vec![
                action_v2(&c, ActionVerb::Read, "basicsettings", wp_basic_settings()),
                imprint,
                action_v2(&c, ActionVerb::Read, "estate", json!({"data": ["Id"]})),
            ],
        ))
        .await?;
    assert_eq!(codes(&batch), [0, 0, 0], "{batch}");
    assert_eq!(batch["response"]["results"][1]["resourceid"], "21");
    assert_eq!(
        batch["response"]["results"][1]["data"]["records"][0]["id"],
        "impressum"
    );
    let modify = server
        .post(&envelope(
            &c,
            vec![action_v2(&c, ActionVerb::Modify, "impressum", json!({}))],
        ))
        .await?;
    assert_eq!(codes(&modify), [23], "read only: {modify}");
    Ok(())
}
