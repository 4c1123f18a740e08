//! The estate reads of the WordPress plugin, as its list and detail pages send them: the
//! fields it asks for besides the ones it shows (the virtual address, the calculated price,
//! the marketing flags), `filterid: 0`, and a single-select filtered with a scalar `in`.

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
    let mut action = action_v2(c, verb, "estate", params);
    action["resourceid"] = resourceid;
    let json = server.post(&envelope(c, vec![action])).await?;
    Ok(json["response"]["results"][0].clone())
}

async fn create(server: &TestServer, c: &Credentials, data: Value) -> Result<i64> {
    let result = call(
        server,
        c,
        ActionVerb::Create,
        json!(""),
        json!({"data": data}),
    )
    .await?;
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    result["data"]["records"][0]["id"]
        .as_i64()
        .ok_or_else(|| format!("no id: {result}").into())
}

async fn read(server: &TestServer, c: &Credentials, params: Value) -> Result<Value> {
    call(server, c, ActionVerb::Read, json!(""), params).await
}

/// The elements of each record, by record id.
fn elements(result: &Value) -> Vec<(i64, Value)> {
    result["data"]["records"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|r| (r["id"].as_i64().unwrap_or(-1), r["elements"].clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// What `EstateViewFieldModifierTypeEstateGeoBase` adds to every list and detail read.
const GEO_FIELDS: &[&str] = &[
    "virtualStreet",
    "virtualHouseNumber",
    "laengengrad",
    "breitengrad",
    "virtualAddress",
    "virtualLatitude",
    "virtualLongitude",
    "objektadresse_freigeben",
    "strasse",
];

#[tokio::test]
async fn the_plugins_fields_are_known_and_stored_ones_round_trip() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let id = create(&server, &c, json!({
        "objektart": "wohnung", "vermarktungsart": "miete", "kaltmiete": 850,
        "provisionsfrei": true, "saisonmiete": "1200.5", "wochmietbto": 390, "objekt_der_woche": 1,
        "secret_sale": "0", "objektadresse_freigeben_api": false, "Tipp_ID": 12,
        "betriebskosten": 180, "grundflaeche": 70.25, "balkon_terrasse": true, "mwst_satz": 19,
    })).await?;
    let mut data: Vec<&str> = GEO_FIELDS.to_vec();
    data.extend([
        "calculatedPrice",
        "objektadresse_freigeben_api",
        "objekt_der_woche",
        "secret_sale",
        "provisionsfrei",
        "saisonmiete",
        "wochmietbto",
        "Tipp_ID",
        "betriebskosten",
        "grundflaeche",
        "balkon_terrasse",
        "mwst_satz",
    ]);
    let result = read(
        &server,
        &c,
        json!({"data": data, "filter": {"Id": [{"op": "=", "val": id}]}}),
    )
    .await?;
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    let e = &result["data"]["records"][0]["elements"];
    assert_eq!(e["provisionsfrei"], "1");
    assert_eq!(e["saisonmiete"], "1200.50");
    assert_eq!(e["wochmietbto"], "390.00");
    assert_eq!(e["objekt_der_woche"], "1");
    assert_eq!(e["secret_sale"], "0");
    assert_eq!(e["objektadresse_freigeben_api"], "0");
    assert_eq!(e["Tipp_ID"], "12", "estate integers stay strings");
    assert_eq!(e["betriebskosten"], "180.00");
    assert_eq!(e["grundflaeche"], "70.25");
    assert_eq!(e["balkon_terrasse"], "1");
    assert_eq!(e["mwst_satz"], "19.00000");
    assert_eq!(
        e["calculatedPrice"], "850.00",
        "a letting's price is its cold rent"
    );
    let keys: Vec<&String> = e
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys.len(), data.len(), "{e}");
    Ok(())
}

#[tokio::test]
async fn an_address_that_may_not_be_published_shows_the_area_only() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let place = json!({"strasse": "Charlottenburger Allee", "hausnummer": "5", "plz": "52068",
        "ort": "Aachen", "breitengrad": 50.78584, "laengengrad": "6.13455"});
    let with = |flags: Value| {
        let mut data = place.clone();
        if let (Some(d), Some(f)) = (data.as_object_mut(), flags.as_object()) {
            d.extend(f.clone());
        }
        data
    };
    let hidden = create(&server, &c, with(json!({}))).await?;
    let released = create(&server, &c, with(json!({"objektadresse_freigeben": 1}))).await?;
    let api_only = create(
        &server,
        &c,
        with(json!({"objektadresse_freigeben_api": true})),
    )
    .await?;
    let nowhere = create(&server, &c, json!({"ort": "Köln"})).await?;
    let result = read(
        &server,
        &c,
        json!({"data": GEO_FIELDS, "sortby": {"Id": "ASC"}}),
    )
    .await?;
    let records = elements(&result);
    let ids: Vec<i64> = records.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, [hidden, released, api_only, nowhere]);
    let e = &records[0].1;
    assert_eq!(e["virtualAddress"], "1", "{e}");
    assert_eq!(e["virtualStreet"], "");
    assert_eq!(e["virtualHouseNumber"], "");
    assert_eq!(
        e["virtualLatitude"], "50.79000",
        "blurred to about a kilometre"
    );
    assert_eq!(e["virtualLongitude"], "6.13000");
    assert_eq!(
        e["breitengrad"], "50.78584",
        "the stored fields are read as they are"
    );
    for (id, e) in &records[1..3] {
        assert_eq!(e["virtualAddress"], "0", "{id}: {e}");
        assert_eq!(e["virtualLatitude"], "0.00000", "{id}");
        assert_eq!(e["virtualLongitude"], "0.00000", "{id}");
        assert_eq!(e["virtualStreet"], "", "{id}");
    }
    let e = &records[3].1;
    assert_eq!(e["virtualAddress"], "1");
    assert_eq!(
        e["virtualLatitude"], "0.00000",
        "no coordinates, nothing to blur"
    );
    // Formatted, the flag reads as a boolean label and the coordinates stay as they are.
    let formatted = read(&server, &c, json!({"data": ["virtualAddress", "virtualLatitude"],
        "filter": {"Id": [{"op": "=", "val": hidden}]}, "formatoutput": true, "outputlanguage": "ENG"})).await?;
    let e = &formatted["data"]["records"][0]["elements"];
    assert_eq!(e["virtualAddress"], "Yes");
    assert_eq!(e["virtualLatitude"], "50.79000");
    // A later release of the address shows up at once: nothing computed is stored.
    let modified = call(
        &server,
        &c,
        ActionVerb::Modify,
        json!(hidden),
        json!({"data": {"objektadresse_freigeben": true}}),
    )
    .await?;
    assert_eq!(modified["status"]["errorcode"], 0, "{modified}");
    let after = read(
        &server,
        &c,
        json!({"data": ["virtualAddress"], "filter": {"Id": [{"op": "=", "val": hidden}]}}),
    )
    .await?;
    assert_eq!(
        after["data"]["records"][0]["elements"]["virtualAddress"],
        "0"
    );
    Ok(())
}

#[tokio::test]
async fn the_calculated_price_is_the_price_of_the_kind_of_marketing() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let rows = [
        (
            json!({"vermarktungsart": "kauf", "kaufpreis": 349000, "kaltmiete": 900}),
            "349000.00",
            "349.000,00 €",
        ),
        (
            json!({"vermarktungsart": "miete", "warmmiete": "1100.5"}),
            "1100.50",
            "1.100,50 €",
        ),
        (
            json!({"vermarktungsart": "erbpacht", "erbpacht": 2400, "kaufpreis": 1}),
            "2400.00",
            "2.400,00 €",
        ),
        (json!({"kaufpreis": 5000}), "0.00", "0,00 €"),
    ];
    for (data, raw, formatted) in rows {
        let id = create(&server, &c, data.clone()).await?;
        for (format, expected) in [(false, raw), (true, formatted)] {
            let result = call(
                &server,
                &c,
                ActionVerb::Read,
                json!(id),
                json!({"data": ["calculatedPrice"], "formatoutput": format}),
            )
            .await?;
            assert_eq!(
                result["data"]["records"][0]["elements"]["calculatedPrice"], expected,
                "{data}"
            );
        }
    }
    Ok(())
}

#[tokio::test]
async fn computed_fields_are_refused_on_writes_filters_and_sorts() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let id = create(&server, &c, json!({"ort": "Aachen"})).await?;
    let refused = call(
        &server,
        &c,
        ActionVerb::Create,
        json!(""),
        json!({"data": {"ort": "Bonn", "virtualAddress": 1}}),
    )
    .await?;
    assert_eq!(refused["status"]["errorcode"], 144, "{refused}");
    let refused = call(
        &server,
        &c,
        ActionVerb::Modify,
        json!(id),
        json!({"data": {"calculatedPrice": 100}}),
    )
    .await?;
    assert_eq!(refused["status"]["errorcode"], 144, "{refused}");
    let filtered = read(
        &server,
        &c,
        json!({"filter": {"virtualAddress": [{"op": "=", "val": 1}]}}),
    )
    .await?;
    assert_eq!(filtered["status"]["errorcode"], 257, "{filtered}");
    let message = filtered["status"]["message"].as_str().unwrap_or("");
    assert!(message.contains("objektadresse_freigeben"), "{message}");
    let sorted = read(&server, &c, json!({"sortby": {"calculatedPrice": "DESC"}})).await?;
    assert_eq!(sorted["status"]["errorcode"], 212, "{sorted}");
    assert!(
        sorted["status"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("kaufpreis"),
        "{sorted}"
    );
    let all = read(&server, &c, json!({"data": ["ort"]})).await?;
    assert_eq!(all["data"]["meta"]["cntabsolute"], 1, "nothing was written");
    Ok(())
}

#[tokio::test]
async fn filterid_zero_means_no_saved_filter() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    create(&server, &c, json!({"vermarktungsart": "kauf"})).await?;
    create(&server, &c, json!({"vermarktungsart": "miete"})).await?;
    for filterid in [json!(0), json!("0")] {
        let result = read(&server, &c, json!({"data": ["Id"], "filterid": filterid})).await?;
        assert_eq!(result["status"]["errorcode"], 0, "{result}");
        assert_eq!(result["data"]["meta"]["cntabsolute"], 2, "{filterid}");
    }
    let saved = server.saved_filter(&c).await?;
    let filtered = read(&server, &c, json!({"data": ["Id"], "filterid": saved})).await?;
    assert_eq!(filtered["data"]["meta"]["cntabsolute"], 1);
    let unknown = read(&server, &c, json!({"data": ["Id"], "filterid": saved + 1})).await?;
    assert_eq!(
        unknown["status"]["errorcode"], 284,
        "an id that names no filter still fails"
    );
    Ok(())
}

#[tokio::test]
async fn a_scalar_in_is_a_list_of_one() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let sale = create(
        &server,
        &c,
        json!({"vermarktungsart": "kauf", "ort": "Aachen"}),
    )
    .await?;
    let letting = create(
        &server,
        &c,
        json!({"vermarktungsart": "miete", "ort": "Köln"}),
    )
    .await?;
    let cases = [
        (
            json!({"vermarktungsart": [{"op": "in", "val": "kauf"}]}),
            vec![sale],
        ),
        (
            json!({"vermarktungsart": [{"op": "IN", "val": ["kauf"]}]}),
            vec![sale],
        ),
        (
            json!({"vermarktungsart": [{"op": "not in", "val": "kauf"}]}),
            vec![letting],
        ),
        (json!({"ort": [{"op": "in", "val": "Köln"}]}), vec![letting]),
        (json!({"Id": [{"op": "in", "val": sale}]}), vec![sale]),
    ];
    for (filter, expected) in cases {
        let result = read(&server, &c, json!({"data": ["Id"], "filter": filter})).await?;
        assert_eq!(result["status"]["errorcode"], 0, "{filter}: {result}");
        let ids: Vec<i64> = elements(&result).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, expected, "{filter}");
    }
    Ok(())
}
