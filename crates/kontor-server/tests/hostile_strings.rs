//! Strings that break naive storage, on the wire: the same answers on SQLite and PostgreSQL.
//!
//! NUL (`\u0000`) cannot be stored by PostgreSQL at all, so it is refused at the edge, in
//! every place it can enter, naming where it is (docs/compat.md); every other string is stored
//! and read back exactly, filtered and sorted on without a store error.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

async fn count(
    server: &TestServer,
    c: &Credentials,
    resource: &str,
) -> Result<Value, Box<dyn std::error::Error>> {
    let read = server
        .call(
            c,
            ActionVerb::Read,
            resource,
            json!(""),
            json!({"listlimit": 0}),
        )
        .await?;
    Ok(read["data"]["meta"]["cntabsolute"].clone())
}

#[tokio::test]
async fn nul_is_refused_wherever_it_enters_and_changes_nothing() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let estate = server
        .call(
            &c,
            ActionVerb::Create,
            "estate",
            json!(""),
            json!({"data": {"ort": "Aachen"}}),
        )
        .await?;
    let estate_id = estate["data"]["records"][0]["id"].clone();
    let address = server
        .call(
            &c,
            ActionVerb::Create,
            "address",
            json!(""),
            json!({"Name": "Muster", "email": "max@example.org"}),
        )
        .await?;
    let address_id = address["data"]["records"][0]["id"].clone();
    let nul = "a\u{0}b";
    let cases: Vec<(ActionVerb, &str, Value, Value, &str)> = vec![
        (
            ActionVerb::Read,
            "estate",
            json!(""),
            json!({"filter": {"ort": [{"op": "=", "val": "\u{0}"}]}}),
            "filter.ort[0].val",
        ),
        (
            ActionVerb::Read,
            "estate",
            json!(""),
            json!({"filter": {"ort\u{0}": [{"op": "=", "val": "x"}]}}),
            "filter.ort\\u0000",
        ),
        (
            ActionVerb::Read,
            "estate",
            json!(""),
            json!({"filter": {"ort": [{"op": "in", "val": ["x", nul]}]}}),
            "filter.ort[0].val[1]",
        ),
        (
            ActionVerb::Read,
            "estate",
            json!(""),
            json!({"data": ["Id", nul]}),
            "data[1]",
        ),
        (
            ActionVerb::Read,
            "estate",
            json!(""),
            json!({"sortby": {nul: "ASC"}}),
            "sortby.a\\u0000b",
        ),
        (
            ActionVerb::Read,
            "estate",
            json!(""),
            json!({"estatelanguage": "ENG\u{0}"}),
            "estatelanguage",
        ),
        (
            ActionVerb::Read,
            "estate",
            json!(""),
            json!({"georangesearch": {"country": "DEU", "city": nul, "radius": 5}}),
            "georangesearch.city",
        ),
        (
            ActionVerb::Read,
            "address",
            json!(""),
            json!({"filter": {"Name": [{"op": "like", "val": "%\u{0}%"}]}}),
            "filter.Name[0].val",
        ),
        (
            ActionVerb::Create,
            "estate",
            json!(""),
            json!({"data": {"ort": nul}}),
            "data.ort",
        ),
        (
            ActionVerb::Create,
            "estate",
            json!(""),
            json!({"ort": nul}),
            "ort",
        ),
        (
            ActionVerb::Modify,
            "estate",
            estate_id.clone(),
            json!({"data": {"objekttitel": nul}}),
            "data.objekttitel",
        ),
        (
            ActionVerb::Modify,
            "estate",
            estate_id.clone(),
            json!({"estatelanguage": "ENG", "data": {"objekttitel": nul}}),
            "data.objekttitel",
        ),
        (
            ActionVerb::Create,
            "address",
            json!(""),
            json!({"Name": nul}),
            "Name",
        ),
        (
            ActionVerb::Create,
            "address",
            json!(""),
            json!({"Name": "x", "email": [nul]}),
            "email[0]",
        ),
        (
            ActionVerb::Modify,
            "address",
            address_id.clone(),
            json!({"email": {"action": "add", "newvalue": nul}}),
            "email.newvalue",
        ),
        (
            ActionVerb::Modify,
            "address",
            address_id.clone(),
            json!({"Vorname": nul}),
            "Vorname",
        ),
    ];
    let estates = count(&server, &c, "estate").await?;
    let addresses = count(&server, &c, "address").await?;
    for (verb, resource, id, params, path) in cases {
        let result = server.call(&c, verb, resource, id, params.clone()).await?;
        assert_eq!(result["status"]["errorcode"], 255, "{params}: {result}");
        let message = result["status"]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(&format!("\"{path}\"")) && message.contains("U+0000"),
            "{params}: {message}"
        );
    }
    assert_eq!(count(&server, &c, "estate").await?, estates);
    assert_eq!(count(&server, &c, "address").await?, addresses);
    let unchanged = server
        .call(
            &c,
            ActionVerb::Read,
            "address",
            address_id,
            json!({"data": ["Name", "Vorname", "email"]}),
        )
        .await?;
    let elements = &unchanged["data"]["records"][0]["elements"];
    assert_eq!(elements["Name"], "Muster", "{unchanged}");
    assert_eq!(elements["Vorname"], "", "{unchanged}");

    // The token: refused whole, before any store sees it.
    let mut bad = envelope(
        &c,
        vec![action_v2(&c, ActionVerb::Get, "actionkindtypes", json!({}))],
    );
    bad["token"] = json!(format!("{}\u{0}", c.token));
    let refused = server.post(&bad).await?;
    assert_eq!(top(&refused).1, 13, "{refused}");
    assert!(refused.get("response").is_none(), "{refused}");
    Ok(())
}

/// Strings a careless store mangles: each is stored and read back exactly, and a filter for
/// it finds it and nothing else, on either backend.
#[tokio::test]
async fn every_other_string_is_stored_and_found_as_it_was_sent() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let strings = [
        "Köln 🏠",
        "'; DROP TABLE estates; --",
        "\"quoted\" \\ backslash",
        "100% _sure_",
        "$1 $2 ?1",
        "tab\there\u{1}\u{1f}",
        "line\u{2028}separator",
        "\u{feff}bom",
        "ﷺ עברית",
        "  spaces  ",
    ];
    let mut ids = Vec::new();
    for s in strings {
        let created = server
            .call(
                &c,
                ActionVerb::Create,
                "estate",
                json!(""),
                json!({"data": {"ort": s, "objekttitel": s}}),
            )
            .await?;
        assert_eq!(created["status"]["errorcode"], 0, "{s:?}: {created}");
        ids.push(created["data"]["records"][0]["id"].clone());
        let address = server
            .call(
                &c,
                ActionVerb::Create,
                "address",
                json!(""),
                json!({"Name": s, "Vorname": s}),
            )
            .await?;
        assert_eq!(address["status"]["errorcode"], 0, "{s:?}: {address}");
    }
    for (s, id) in strings.iter().zip(&ids) {
        for field in ["ort", "objekttitel"] {
            let found = server.call(
                &c,
                ActionVerb::Read,
                "estate",
                json!(""),
                json!({"data": ["ort", "objekttitel"], "filter": {field: [{"op": "=", "val": s}]},
                       "sortby": {"objekttitel": "DESC"}}),
            )
            .await?;
            assert_eq!(found["status"]["errorcode"], 0, "{s:?}: {found}");
            let records = found["data"]["records"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert_eq!(records.len(), 1, "{field} = {s:?}: {found}");
            assert_eq!(&records[0]["id"], id);
            assert_eq!(records[0]["elements"][field], *s);
        }
        let named = server
            .call(
                &c,
                ActionVerb::Read,
                "address",
                json!(""),
                json!({"data": ["Name", "Vorname"], "filter": {"Name": [{"op": "=", "val": s}]}}),
            )
            .await?;
        let records = named["data"]["records"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(records.len(), 1, "Name = {s:?}: {named}");
        assert_eq!(records[0]["elements"]["Vorname"], *s);
    }
    // A like with the strings' own wildcards and a sort over all of them answer too.
    let like = server.call(
        &c,
        ActionVerb::Read,
        "estate",
        json!(""),
        json!({"filter": {"objekttitel": [{"op": "like", "val": "%_%"}]}, "sortby": {"ort": "ASC"}}),
    )
    .await?;
    assert_eq!(like["data"]["meta"]["cntabsolute"], strings.len(), "{like}");
    Ok(())
}
