//! The address reads of the WordPress plugin: its owner form finds the address that owns an
//! e-mail address with `filter: {defaultemail: …}`, its address lists send `filterid: 0` and
//! ask for the coordinates. The contact pseudo-fields filter on both backends (the suite
//! runs on PostgreSQL too when `KONTOR_TEST_DATABASE_URL` is set).

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

async fn call(
    server: &TestServer,
    c: &Credentials,
    verb: ActionVerb,
    resourceid: Value,
    params: Value,
) -> Result<Value> {
    let mut action = action_v2(c, verb, "address", params);
    action["resourceid"] = resourceid;
    let json = server.post(&envelope(c, vec![action])).await?;
    Ok(json["response"]["results"][0].clone())
}

async fn create(server: &TestServer, c: &Credentials, params: Value) -> Result<i64> {
    let result = call(server, c, ActionVerb::Create, json!(""), params).await?;
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    result["data"]["records"][0]["id"]
        .as_i64()
        .ok_or_else(|| format!("no id: {result}").into())
}

/// The ids a filter finds, checked against the count.
async fn found(server: &TestServer, c: &Credentials, filter: Value) -> Result<Vec<i64>> {
    let result = call(
        server,
        c,
        ActionVerb::Read,
        json!(""),
        json!({"data": ["Name"], "filter": filter.clone(), "sortby": "Name", "listlimit": 100}),
    )
    .await?;
    assert_eq!(result["status"]["errorcode"], 0, "{filter}: {result}");
    let ids: Vec<i64> = result["data"]["records"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["id"].as_i64()).collect())
        .unwrap_or_default();
    assert_eq!(result["data"]["meta"]["cntabsolute"], ids.len(), "{filter}");
    Ok(ids)
}

#[tokio::test]
async fn the_owner_form_finds_the_address_by_its_main_email() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    // Created as the plugin's forms create them: one e-mail address, no `default_email`.
    let anna = create(
        &server,
        &c,
        json!({"Name": "Anna", "email": "anna@example.org", "phone": "0241 1"}),
    )
    .await?;
    let bert = create(
        &server,
        &c,
        json!({"Name": "Bert", "email": ["bert@example.org", "b@work.example"],
        "default_email": "b@work.example", "mobile": "0171 22", "phone_business": "0221 3"}),
    )
    .await?;
    let cora = create(&server, &c, json!({"Name": "Cora", "fax": "0241 9"})).await?;
    let eq = |field: &str, val: &str| json!({field: [{"op": "=", "val": val}]});
    assert_eq!(
        found(&server, &c, eq("defaultemail", "anna@example.org")).await?,
        [anna],
        "the only e-mail is the main one"
    );
    assert_eq!(
        found(&server, &c, eq("defaultemail", "b@work.example")).await?,
        [bert]
    );
    assert_eq!(
        found(&server, &c, eq("defaultemail", "bert@example.org")).await?,
        Vec::<i64>::new(),
        "not Bert's main one"
    );
    assert_eq!(
        found(&server, &c, eq("email", "bert@example.org")).await?,
        [bert],
        "email searches every entry"
    );
    assert_eq!(
        found(&server, &c, eq("defaultemail", "ANNA@example.org")).await?,
        Vec::<i64>::new(),
        "text compares exactly"
    );
    let cases = [
        (
            json!({"email": [{"op": "like", "val": "%EXAMPLE.org"}]}),
            vec![anna, bert],
        ),
        (
            json!({"defaultemail": [{"op": "in", "val": ["anna@example.org", "b@work.example", "x@y.z"]}]}),
            vec![anna, bert],
        ),
        (
            json!({"defaultemail": [{"op": "in", "val": "anna@example.org"}]}),
            vec![anna],
        ),
        (
            json!({"defaultemail": [{"op": "!=", "val": "anna@example.org"}]}),
            vec![bert, cora],
        ),
        (
            json!({"email": [{"op": "not like", "val": "%@example.org"}]}),
            vec![cora],
        ),
        (
            json!({"defaultphone": [{"op": "=", "val": "0221 3"}]}),
            vec![bert],
        ),
        (
            json!({"defaultphone": [{"op": "=", "val": "0171 22"}]}),
            vec![],
        ),
        (json!({"phone": [{"op": "=", "val": "0171 22"}]}), vec![]),
        (
            json!({"mobile": [{"op": "like", "val": "0171%"}]}),
            vec![bert],
        ),
        (
            json!({"phone": [{"op": "like", "val": "02%"}]}),
            vec![anna, bert],
        ),
        (
            json!({"defaultfax": [{"op": "=", "val": "0241 9"}]}),
            vec![cora],
        ),
        (
            json!({"email": [{"op": "like", "val": "%"}], "Name": [{"op": "!=", "val": "Anna"}]}),
            vec![bert],
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(
            found(&server, &c, filter.clone()).await?,
            expected,
            "{filter}"
        );
    }
    // A new main address moves the filter with it.
    let modified = call(&server, &c, ActionVerb::Modify, json!(bert), json!({
        "email": {"action": "modify", "oldvalue": "bert@example.org", "newvalue": "bert@example.org", "default": true}})).await?;
    assert_eq!(modified["status"]["errorcode"], 0, "{modified}");
    assert_eq!(
        found(&server, &c, eq("defaultemail", "bert@example.org")).await?,
        [bert]
    );
    assert_eq!(
        found(&server, &c, eq("defaultemail", "b@work.example")).await?,
        Vec::<i64>::new()
    );
    assert_eq!(
        found(&server, &c, eq("Email", "bert@example.org")).await?,
        [bert],
        "Email mirrors the main one"
    );
    // Reading the pseudo-field gives the entry the filter found.
    let read = call(
        &server,
        &c,
        ActionVerb::Read,
        json!(anna),
        json!({"data": ["defaultemail", "defaultphone"]}),
    )
    .await?;
    let e = &read["data"]["records"][0]["elements"];
    let main: Vec<(&String, &Value)> = e
        .as_object()
        .map(|o| o.iter().filter(|(k, _)| k.starts_with("default")).collect())
        .unwrap_or_default();
    assert_eq!(main.len(), 2, "{e}");
    assert!(
        main.iter()
            .any(|(k, v)| k.starts_with("defaultemail__") && *v == "anna@example.org"),
        "{e}"
    );
    assert!(
        main.iter()
            .any(|(k, v)| k.starts_with("defaultphone__") && *v == "0241 1"),
        "{e}"
    );
    Ok(())
}

#[tokio::test]
async fn pseudo_fields_that_hold_no_value_are_refused_as_filters_and_sorts() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    create(
        &server,
        &c,
        json!({"Name": "Anna", "email": "anna@example.org"}),
    )
    .await?;
    let read = |params: Value| call(&server, &c, ActionVerb::Read, json!(""), params);
    let image = read(json!({"filter": {"imageUrl": [{"op": "=", "val": ""}]}})).await?;
    assert_eq!(image["status"]["errorcode"], 257, "{image}");
    let sorted = read(json!({"sortby": "defaultemail"})).await?;
    assert_eq!(sorted["status"]["errorcode"], 212, "{sorted}");
    let compound = read(json!({"filter": {"Plz-Ort": [{"op": "=", "val": "x"}]}})).await?;
    assert_eq!(compound["status"]["errorcode"], 257, "{compound}");
    assert!(
        compound["status"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("Plz, Ort"),
        "{compound}"
    );
    Ok(())
}

#[tokio::test]
async fn address_lists_read_coordinates_and_take_filterid_zero() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let aachen = create(&server, &c, json!({"Vorname": "Max", "Name": "Aachen", "Zusatz1": "Makler GmbH",
        "breitengrad": 50.77664, "laengengrad": "6.08342", "Plz": "52062", "Ort": "Aachen", "LKZ": "D"})).await?;
    let koeln = create(
        &server,
        &c,
        json!({"Name": "Köln", "breitengrad": "50.93753", "laengengrad": 6.96028}),
    )
    .await?;
    let nowhere = create(&server, &c, json!({"Name": "Zuletzt"})).await?;
    // What `AddressViewFieldModifierTypeMap` asks for, with the list's `filterid: 0`.
    let result = call(&server, &c, ActionVerb::Read, json!(""), json!({
        "data": ["Vorname", "Name", "Zusatz1", "laengengrad", "breitengrad", "Plz-Ort", "LKZ-Plz-Ort"],
        "filterid": 0, "sortby": "Name", "formatoutput": false})).await?;
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    assert_eq!(result["data"]["meta"]["cntabsolute"], 3);
    let records = result["data"]["records"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let e = &records[0]["elements"];
    assert_eq!(records[0]["id"], aachen);
    assert_eq!(e["breitengrad"], "50.77664");
    assert_eq!(e["laengengrad"], "6.08342");
    assert_eq!(e["Plz-Ort"], "52062 Aachen");
    assert_eq!(e["LKZ-Plz-Ort"], "D-52062 Aachen");
    assert_eq!(records[1]["elements"]["laengengrad"], "6.96028");
    assert_eq!(
        records[2]["elements"]["breitengrad"], "0.00000",
        "unset reads as 0"
    );
    assert_eq!(records[2]["elements"]["Plz-Ort"], "");
    let band = json!({"breitengrad": [{"op": "between", "val": [50.7, 50.8]}]});
    assert_eq!(found(&server, &c, band).await?, [aachen]);
    let east = json!({"laengengrad": [{"op": ">", "val": "6.5"}]});
    assert_eq!(found(&server, &c, east).await?, [koeln]);
    let unset = json!({"breitengrad": [{"op": "=", "val": 0}]});
    assert_eq!(found(&server, &c, unset).await?, [nowhere]);
    // A radius search is the estates' (the docs name it for them only); addresses filter
    // their coordinates, as above.
    let radius = call(
        &server,
        &c,
        ActionVerb::Read,
        json!(""),
        json!({"data": ["Name"],
        "georangesearch": {"latitude": 50.77, "longitude": 6.08, "radius": 10}}),
    )
    .await?;
    assert_eq!(radius["status"]["errorcode"], 255, "{radius}");
    assert!(
        radius["status"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("breitengrad"),
        "{radius}"
    );
    let fields = server
        .post(&envelope(
            &c,
            vec![action_v2(
                &c,
                ActionVerb::Get,
                "fields",
                json!({"modules": ["address"], "fieldList": ["Plz-Ort", "breitengrad", "ID"]}),
            )],
        ))
        .await?;
    let f = &fields["response"]["results"][0]["data"]["records"][0]["elements"];
    assert_eq!(f["Plz-Ort"]["compoundFields"], json!(["Plz", "Ort"]), "{f}");
    assert_eq!(f["breitengrad"]["type"], "float");
    assert_eq!(f["breitengrad"]["compoundFields"], json!([]));
    assert_eq!(f["ID"]["type"], "integer");
    Ok(())
}
