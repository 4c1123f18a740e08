//! `read`, `create` and `modify address` on the wire, with contact entries.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

async fn call(
    server: &TestServer,
    c: &Credentials,
    verb: ActionVerb,
    resourceid: Value,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    let mut action = action_v2(c, verb, "address", params);
    action["resourceid"] = resourceid;
    let json = server.post(&envelope(c, vec![action])).await?;
    Ok(json["response"]["results"][0].clone())
}

async fn create(
    server: &TestServer,
    c: &Credentials,
    params: Value,
) -> Result<i64, Box<dyn std::error::Error>> {
    let result = call(server, c, ActionVerb::Create, json!(""), params).await?;
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    assert_eq!(result["data"]["records"][0]["elements"], json!([]));
    assert_eq!(result["data"]["records"][0]["type"], "address");
    result["data"]["records"][0]["id"]
        .as_i64()
        .ok_or_else(|| format!("no id: {result}").into())
}

fn elements(result: &Value) -> Value {
    result["data"]["records"][0]["elements"].clone()
}

#[tokio::test]
async fn a_contact_form_lead_round_trips() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    // What the WordPress plugin sends from its contact form: flat fields, no `data`.
    let id = create(&server, &c, json!({
        "Vorname": "Max", "Name": "Müller", "email": "max@example.org", "Plz": "52062", "Ort": "Aachen",
        "phone": "0241 123456", "AGB_akzeptiert": true, "checkDuplicate": true,
        "HerkunftKontakt": ["Newsletter"],
    })).await?;
    let read = call(&server, &c, ActionVerb::Read, json!(id), json!({
        "data": ["KdNr", "Vorname", "Name", "Ort", "email", "phone", "Email", "HerkunftKontakt", "Status", "uuid", "defaultemail"],
    })).await?;
    assert_eq!(read["data"]["meta"]["cntabsolute"], 1);
    let e = elements(&read);
    assert_eq!(
        e["id"], id,
        "address elements always carry the id as an int"
    );
    assert_eq!(
        e["KdNr"], 1,
        "an address's integers are numbers, as its id is"
    );
    assert_eq!(e["Vorname"], "Max");
    assert_eq!(e["Name"], "Müller");
    assert_eq!(
        e["Email"], "max@example.org",
        "the main e-mail mirrors into Email"
    );
    assert_eq!(e["HerkunftKontakt"], "|Newsletter|");
    assert_eq!(e["Status"], "1", "new addresses are active");
    let email_keys: Vec<&String> = e
        .as_object()
        .map(|o| o.keys().filter(|k| k.starts_with("email__")).collect())
        .unwrap_or_default();
    assert_eq!(email_keys.len(), 1, "{e}");
    assert_eq!(e[email_keys[0].as_str()], "max@example.org");
    assert!(
        e.as_object()
            .is_some_and(|o| o.keys().any(|k| k.starts_with("phone__"))),
        "{e}"
    );
    Ok(())
}

#[tokio::test]
async fn check_duplicate_updates_the_existing_address() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let first = create(
        &server,
        &c,
        json!({"Vorname": "Eva", "email": "eva@example.org"}),
    )
    .await?;
    let again = create(&server, &c, json!({"Vorname": "Eva", "Name": "Schmidt", "email": "eva@example.org", "checkDuplicate": true})).await?;
    assert_eq!(again, first);
    let kept = create(&server, &c, json!({"Name": "Other", "email": "eva@example.org", "checkDuplicate": true, "noOverrideByDuplicate": true})).await?;
    assert_eq!(kept, first);
    let read = call(
        &server,
        &c,
        ActionVerb::Read,
        json!(first),
        json!({"data": ["Name", "email"]}),
    )
    .await?;
    assert_eq!(
        elements(&read)["Name"],
        "Schmidt",
        "updated once, not overridden the second time"
    );
    let fresh = create(
        &server,
        &c,
        json!({"Vorname": "Eva", "email": "eva@example.org"}),
    )
    .await?;
    assert_ne!(
        fresh, first,
        "without checkDuplicate a new address is created"
    );
    Ok(())
}

/// The addresses whose main e-mail address is `email`.
async fn with_email(
    server: &TestServer,
    c: &Credentials,
    email: &str,
) -> Result<Vec<i64>, Box<dyn std::error::Error>> {
    let read = call(
        server,
        c,
        ActionVerb::Read,
        json!(""),
        json!({
            "data": ["Email"], "filter": {"Email": [{"op": "=", "val": email}]}, "listlimit": 100,
        }),
    )
    .await?;
    assert_eq!(read["status"]["errorcode"], 0, "{read}");
    Ok(read["data"]["records"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["id"].as_i64()).collect())
        .unwrap_or_default())
}

#[tokio::test]
async fn duplicates_within_one_request_make_one_address() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    // Consecutive creates share one transaction: the second is checked against the first,
    // which no read before the insert could see.
    let actions = [("Erst", "0241 1"), ("Zweit", "0241 2")]
        .into_iter()
        .map(|(name, phone)| {
            action_v2(&c, ActionVerb::Create, "address", json!({
                "Name": name, "email": "same@example.org", "phone": phone, "checkDuplicate": true,
            }))
        })
        .collect();
    let answer = server.post(&envelope(&c, actions)).await?;
    let ids: Vec<Value> = (0..2)
        .map(|i| answer["response"]["results"][i]["data"]["records"][0]["id"].clone())
        .collect();
    assert_eq!(ids[0], ids[1], "{answer}");
    assert_eq!(with_email(&server, &c, "same@example.org").await?.len(), 1);
    let read = call(
        &server,
        &c,
        ActionVerb::Read,
        ids[0].clone(),
        json!({"data": ["Name", "phone", "KdNr"]}),
    )
    .await?;
    let e = elements(&read);
    assert_eq!(
        e["Name"], "Zweit",
        "the second create merged into the first: {e}"
    );
    assert_eq!(e["KdNr"], 1, "the address keeps its customer number: {e}");
    let phones = e
        .as_object()
        .map_or(0, |o| o.keys().filter(|k| k.starts_with("phone__")).count());
    assert_eq!(phones, 2, "both phone numbers are kept: {e}");
    Ok(())
}

#[tokio::test]
async fn concurrent_duplicate_checked_creates_make_one_address() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    for round in 0..4 {
        let email = format!("race{round}@example.org");
        let mut set = tokio::task::JoinSet::new();
        for n in 0..12 {
            let action = action_v2(
                &c,
                ActionVerb::Create,
                "address",
                json!({
                    "Name": format!("Racer {n}"), "email": email, "checkDuplicate": true,
                }),
            );
            let body = serde_json::to_vec(&envelope(&c, vec![action]))?;
            let (http, url) = (server.http.clone(), server.url("stable"));
            set.spawn(async move {
                let answer: Value = http.post(url).body(body).send().await?.json().await?;
                Ok::<Value, reqwest::Error>(answer)
            });
        }
        let mut ids = Vec::new();
        while let Some(answer) = set.join_next().await {
            let answer = answer??;
            let result = &answer["response"]["results"][0];
            assert_eq!(result["status"]["errorcode"], 0, "{answer}");
            ids.push(result["data"]["records"][0]["id"].clone());
        }
        let stored = with_email(&server, &c, &email).await?;
        assert_eq!(stored.len(), 1, "round {round}: {stored:?}");
        assert!(
            ids.iter().all(|id| *id == json!(stored[0])),
            "round {round}: {ids:?}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn modify_edits_fields_and_contact_entries() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let id = create(&server, &c, json!({"Name": "Kurz", "email": ["a@example.org", "b@example.org"], "default_email": "b@example.org"})).await?;
    let read = call(
        &server,
        &c,
        ActionVerb::Read,
        json!(id),
        json!({"data": ["Email"]}),
    )
    .await?;
    assert_eq!(elements(&read)["Email"], "b@example.org");

    let result = call(&server, &c, ActionVerb::Modify, json!(id), json!({
        "Ort": "Köln",
        "email": {"action": "modify", "oldvalue": "a@example.org", "newvalue": "c@example.org", "default": true},
    })).await?;
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    assert_eq!(
        result["data"]["records"][0],
        json!({"id": 0, "type": "address", "elements": {"success": "success"}})
    );
    let read = call(
        &server,
        &c,
        ActionVerb::Read,
        json!(id),
        json!({"data": ["Ort", "Name", "email", "Email"]}),
    )
    .await?;
    let e = elements(&read);
    assert_eq!(e["Ort"], "Köln");
    assert_eq!(e["Name"], "Kurz");
    assert_eq!(e["Email"], "c@example.org");
    let emails: Vec<&str> = e
        .as_object()
        .map(|o| {
            o.iter()
                .filter(|(k, _)| k.starts_with("email__"))
                .filter_map(|(_, v)| v.as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(emails.len(), 2);
    assert!(emails.contains(&"c@example.org") && emails.contains(&"b@example.org"));

    let delete = call(
        &server,
        &c,
        ActionVerb::Modify,
        json!(id),
        json!({"email": {"action": "delete", "oldvalue": "b@example.org"}}),
    )
    .await?;
    assert_eq!(delete["status"]["errorcode"], 0);
    let missing = call(
        &server,
        &c,
        ActionVerb::Modify,
        json!(id),
        json!({"email": {"action": "delete", "oldvalue": "nobody@example.org"}}),
    )
    .await?;
    assert_eq!(missing["status"]["errorcode"], 83);
    let unknown = call(
        &server,
        &c,
        ActionVerb::Modify,
        json!(424242),
        json!({"Ort": "x"}),
    )
    .await?;
    assert_eq!(unknown["status"]["errorcode"], 292);
    Ok(())
}

#[tokio::test]
async fn reads_by_recordids_filter_and_sort() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let a = create(&server, &c, json!({"Name": "Adler", "Ort": "Aachen"})).await?;
    let b = create(&server, &c, json!({"Name": "Becker", "Ort": "Bonn"})).await?;
    let z = create(&server, &c, json!({"Name": "Zander", "Ort": "Aachen"})).await?;
    let ids = |r: &Value| -> Vec<i64> {
        r["data"]["records"]
            .as_array()
            .map(|l| l.iter().filter_map(|r| r["id"].as_i64()).collect())
            .unwrap_or_default()
    };
    let some = call(
        &server,
        &c,
        ActionVerb::Read,
        json!(""),
        json!({"recordids": [z, a], "data": ["Name"]}),
    )
    .await?;
    assert_eq!(ids(&some), [a, z]);
    assert_eq!(some["data"]["meta"]["cntabsolute"], 2);
    let in_aachen = call(&server, &c, ActionVerb::Read, json!(""), json!({"filter": {"Ort": [{"op": "=", "val": "Aachen"}]}, "sortby": "Name", "sortorder": "DESC"})).await?;
    assert_eq!(ids(&in_aachen), [z, a]);
    let everyone = call(
        &server,
        &c,
        ActionVerb::Read,
        json!(""),
        json!({"sortby": "Name"}),
    )
    .await?;
    assert_eq!(ids(&everyone), [a, b, z]);
    assert_eq!(
        everyone["data"]["records"][0]["elements"],
        json!({"id": a}),
        "no data: only the id"
    );
    Ok(())
}

#[tokio::test]
async fn bad_address_writes_change_nothing() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let cases = [
        (
            json!({"Name": "X", "nope": 1}),
            75,
            "Unknown field: \"nope\"",
        ),
        (json!({"Name": "X", "Anrede": "Graf"}), 77, "Graf"),
        (json!({"Name": "X", "KdNr": 5}), 144, "KdNr"),
        (
            json!({"Name": "X", "email": "x@example.org", "default_email": "y@example.org"}),
            258,
            "email",
        ),
        (json!({"Name": "X", "phone": {"number": 1}}), 300, "phone"),
    ];
    for (params, code, text) in cases {
        let result = call(&server, &c, ActionVerb::Create, json!(""), params.clone()).await?;
        assert_eq!(result["status"]["errorcode"], code, "{params}: {result}");
        assert!(
            result["status"]["message"]
                .as_str()
                .unwrap_or("")
                .contains(text),
            "{params}: {result}"
        );
    }
    let all = call(&server, &c, ActionVerb::Read, json!(""), json!({})).await?;
    assert_eq!(all["data"]["meta"]["cntabsolute"], 0, "nothing was created");
    Ok(())
}

#[tokio::test]
async fn land_reads_as_full_text_or_the_iso_code_asked_for() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let swiss = create(&server, &c, json!({"Name": "Keller", "Land": "CHE"})).await?;
    let default = create(&server, &c, json!({"Name": "Braun"})).await?;
    let land = |params: Value| {
        let server = &server;
        let c = &c;
        async move {
            let mut out = Vec::new();
            for id in [swiss, default] {
                let mut p = params.clone();
                p["data"] = json!(["Land"]);
                let read = call(server, c, ActionVerb::Read, json!(id), p).await?;
                assert_eq!(read["status"]["errorcode"], 0, "{read}");
                out.push(elements(&read)["Land"].clone());
            }
            Ok::<_, Box<dyn std::error::Error>>(out)
        }
    };
    // As recorded: "Land":"Deutschland" without any parameter, raw mode included.
    assert_eq!(
        land(json!({})).await?,
        [json!("Schweiz"), json!("Deutschland")]
    );
    assert_eq!(
        land(json!({"countryIsoCodeType": "ISO-3166-2"})).await?,
        [json!("CH"), json!("DE")]
    );
    assert_eq!(
        land(json!({"countryIsoCodeType": "ISO-3166-3"})).await?,
        [json!("CHE"), json!("DEU")]
    );
    assert_eq!(
        land(json!({"countryIsoCodeType": "ISO-3166-2", "formatoutput": true})).await?,
        [json!("CH"), json!("DE")]
    );
    assert_eq!(
        land(json!({"outputlanguage": "ENG", "formatoutput": true})).await?,
        [json!("Switzerland"), json!("Germany")]
    );
    // "If the value of the parameter is invalid, the country is displayed in full text."
    for bad in [json!("ISO-3166-1"), json!(2), json!(null)] {
        assert_eq!(
            land(json!({"countryIsoCodeType": bad})).await?,
            [json!("Schweiz"), json!("Deutschland")]
        );
    }
    Ok(())
}

#[tokio::test]
async fn integer_fields_of_addresses_are_numbers_in_raw_mode() -> TestResult {
    use kontor_store::fields::{FieldType, NewCustomField};
    use kontor_store::{FieldStore, Labels};
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let custom = NewCustomField {
        name: "ind_1_Feld_adressen1".into(),
        ty: FieldType::Integer,
        length: None,
        labels: Labels::new("Zimmerwunsch", "Rooms wanted"),
        values: Vec::new(),
        default: None,
    };
    server
        .store
        .store
        .add_field(c.tenant, kontor_store::Module::ADDRESS, &custom)
        .await?;
    create(&server, &c, json!({"Name": "Erste"})).await?;
    let id = create(
        &server,
        &c,
        json!({"Name": "Zweite", "Tipp_ID": "122", "ind_1_Feld_adressen1": 4, "salary": 3100}),
    )
    .await?;
    // What WP's applicant search sends after `get search`: `{"recordids":[…],"data":["KdNr"]}`.
    let read = call(&server, &c, ActionVerb::Read, json!(""), json!({
        "recordids": [1, id], "data": ["KdNr", "Tipp_ID", "ID", "ind_1_Feld_adressen1", "Name", "salary"],
    })).await?;
    assert_eq!(read["status"]["errorcode"], 0, "{read}");
    let records = read["data"]["records"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(records.len(), 2);
    let first = &records[0]["elements"];
    assert_eq!(first["KdNr"], 1, "{first}");
    assert_eq!(first["Tipp_ID"], 0, "unset reads as 0");
    assert_eq!(first["ind_1_Feld_adressen1"], 0);
    let e = &records[1]["elements"];
    assert_eq!(e["id"], id);
    assert_eq!(e["KdNr"], 2, "{e}");
    assert_eq!(e["Tipp_ID"], 122);
    assert_eq!(e["ID"], id, "the record number is the id");
    assert_eq!(e["ind_1_Feld_adressen1"], 4, "custom integer fields too");
    assert_eq!(e["Name"], "Zweite", "text stays text");
    assert_eq!(
        e["salary"], "3100.00",
        "floats stay strings, as for estates"
    );
    // Formatted, numbers are text in the customer's format, as everywhere.
    let formatted = call(
        &server,
        &c,
        ActionVerb::Read,
        json!(id),
        json!({
            "data": ["KdNr", "Tipp_ID"], "formatoutput": true,
        }),
    )
    .await?;
    let e = elements(&formatted);
    assert_eq!(e["KdNr"], "2");
    assert_eq!(e["Tipp_ID"], "122");
    Ok(())
}
