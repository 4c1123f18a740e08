//! `read`, `create` and `modify estate` on the wire.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

async fn call(
    server: &TestServer,
    c: &Credentials,
    verb: ActionVerb,
    resource: &str,
    resourceid: Value,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    let mut action = action_v2(c, verb, resource, params);
    action["resourceid"] = resourceid;
    let json = server.post(&envelope(c, vec![action])).await?;
    Ok(json["response"]["results"][0].clone())
}

async fn create(
    server: &TestServer,
    c: &Credentials,
    data: Value,
) -> Result<i64, Box<dyn std::error::Error>> {
    let result = call(
        server,
        c,
        ActionVerb::Create,
        "estate",
        json!(""),
        json!({"data": data}),
    )
    .await?;
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    result["data"]["records"][0]["id"]
        .as_i64()
        .ok_or_else(|| format!("no id: {result}").into())
}

async fn read(
    server: &TestServer,
    c: &Credentials,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    call(server, c, ActionVerb::Read, "estate", json!(""), params).await
}

fn ids(result: &Value) -> Vec<i64> {
    result["data"]["records"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["id"].as_i64()).collect())
        .unwrap_or_default()
}

async fn sample(
    server: &TestServer,
    c: &Credentials,
) -> Result<Vec<i64>, Box<dyn std::error::Error>> {
    let rows = [
        json!({"objektart": "haus", "vermarktungsart": "kauf", "kaufpreis": 350000, "ort": "Aachen", "plz": "52062", "status": "1", "wohnflaeche": "140.5", "heizungsart": ["zentral", "fussboden"], "veroeffentlichen": true}),
        json!({"objektart": "wohnung", "vermarktungsart": "kauf", "kaufpreis": "199000.50", "ort": "Köln", "plz": "50667", "status": "1", "wohnflaeche": 72, "heizungsart": ["fern"]}),
        json!({"objektart": "wohnung", "vermarktungsart": "miete", "kaltmiete": 850, "ort": "Aachen", "plz": "52064", "status": "2", "wohnflaeche": 65}),
        json!({"objektart": "grundstueck", "vermarktungsart": "kauf", "kaufpreis": 120000, "ort": "Düren", "plz": "52349", "status": "0"}),
    ];
    let mut out = Vec::new();
    for row in rows {
        out.push(create(server, c, row).await?);
    }
    Ok(out)
}

#[tokio::test]
async fn create_then_read_returns_raw_values_as_strings() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let created = sample(&server, &c).await?;
    assert_eq!(created, [1, 2, 3, 4]);
    let result = read(&server, &c, json!({
        "data": ["Id", "kaufpreis", "objektart", "heizungsart", "veroeffentlichen", "wohnflaeche", "objekttyp", "strasse", "uuid", "erstellt_am"],
        "sortby": {"Id": "ASC"}, "listlimit": 2,
    })).await?;
    assert_eq!(result["cacheable"], true);
    assert_eq!(result["data"]["meta"]["cntabsolute"], 4);
    let first = &result["data"]["records"][0];
    assert_eq!(first["id"], 1);
    assert_eq!(first["type"], "estate");
    let e = &first["elements"];
    assert_eq!(e["Id"], "1");
    assert_eq!(e["kaufpreis"], "350000.00");
    assert_eq!(e["objektart"], "haus");
    assert_eq!(e["heizungsart"], "|zentral||fussboden|");
    assert_eq!(e["veroeffentlichen"], "1");
    assert_eq!(e["wohnflaeche"], "140.50");
    assert_eq!(e["objekttyp"], Value::Null, "an unset select reads as null");
    assert_eq!(e["strasse"], "", "unset text reads as \"\"");
    assert_eq!(e["uuid"].as_str().map(str::len), Some(36));
    assert_eq!(
        e["erstellt_am"].as_str().map(str::len),
        Some(10),
        "a date, as recorded"
    );
    let keys: Vec<&str> = e
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(keys[0], "Id", "elements come in the order of data");
    assert!(
        !keys.contains(&"id"),
        "estate elements carry no implicit id"
    );
    assert_eq!(
        result["data"]["records"][1]["elements"]["kaufpreis"],
        "199000.50"
    );
    Ok(())
}

/// The answer's bytes as the real API writes them (PHP escapes, elements in the order of
/// `data`, a field named twice written once), the same when the read is answered again from
/// the read cache, and `[]` for a record without elements.
#[tokio::test]
async fn list_answers_are_written_as_php_writes_them() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let id = create(
        &server,
        &c,
        json!({"ort": "Köln/Süd", "objekttitel": "Villa \"Am Dom\" 😀", "kaufpreis": 1.5}),
    )
    .await?;
    let params = json!({"data": ["ort", "Id", "kaufpreis", "ort", "objekttitel"]});
    let body = envelope(&c, vec![action_v2(&c, ActionVerb::Read, "estate", params)]);
    let first = String::from_utf8(server.post_bytes(&body).await?)?;
    let elements = format!(
        r#"{{"id":{id},"type":"estate","elements":{{"ort":"K\u00f6ln\/S\u00fcd","Id":"{id}","kaufpreis":"1.50","objekttitel":"Villa \"Am Dom\" \ud83d\ude00"}}}}"#
    );
    let data = format!(r#""data":{{"meta":{{"cntabsolute":1}},"records":[{elements}]}}"#);
    assert!(first.contains(&data), "{first}");
    for _ in 0..2 {
        // The second ask is kept, the third comes from the cache: the same bytes each time.
        let again = String::from_utf8(server.post_bytes(&body).await?)?;
        assert!(again.contains(&data), "{again}");
    }
    let body = envelope(
        &c,
        vec![action_v2(
            &c,
            ActionVerb::Read,
            "estate",
            json!({"data": []}),
        )],
    );
    let empty = String::from_utf8(server.post_bytes(&body).await?)?;
    assert!(
        empty.contains(&format!(r#"{{"id":{id},"type":"estate","elements":[]}}"#)),
        "{empty}"
    );
    Ok(())
}

#[tokio::test]
async fn filters_sorts_and_pages() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    sample(&server, &c).await?;
    let cases = [
        (json!({"status": [{"op": "=", "val": 1}]}), vec![1, 2]),
        (
            json!({"status": [{"op": "=", "val": "1"}], "kaufpreis": [{"op": ">", "val": 200000}]}),
            vec![1],
        ),
        (
            json!({"kaufpreis": [{"op": "between", "val": [100000, 200000]}]}),
            vec![2, 4],
        ),
        (
            json!({"kaufpreis": [{"op": "BETWEEN", "val": ["100000", "200000"]}]}),
            vec![2, 4],
        ),
        (json!({"ort": [{"op": "like", "val": "Aa%"}]}), vec![1, 3]),
        (
            json!({"ort": [{"op": "not like", "val": "Aa%"}]}),
            vec![2, 4],
        ),
        (
            json!({"objektart": [{"op": "in", "val": ["haus", "grundstueck"]}]}),
            vec![1, 4],
        ),
        (
            json!({"objektart": [{"op": "not in", "val": ["haus"]}]}),
            vec![2, 3, 4],
        ),
        (
            json!({"objektart": [{"op": "!=", "val": "wohnung"}]}),
            vec![1, 4],
        ),
        (
            json!({"objektart": [{"op": "<>", "val": "wohnung"}]}),
            vec![1, 4],
        ),
        (
            json!({"objektart": [{"op": "is", "val": "wohnung"}]}),
            vec![2, 3],
        ),
        (
            json!({"heizungsart": [{"op": "=", "val": "fern"}]}),
            vec![2],
        ),
        (
            json!({"heizungsart": [{"op": "in", "val": ["zentral", "fern"]}]}),
            vec![1, 2],
        ),
        (
            json!({"heizungsart": [{"op": "not in", "val": ["zentral"]}]}),
            vec![2, 3, 4],
        ),
        (
            json!({"wohnflaeche": [{"op": ">=", "val": 72}, {"op": "<", "val": 141}]}),
            vec![1, 2],
        ),
        (
            json!({"wohnflaeche": [{"op": "<=", "val": ["65"]}]}),
            vec![3, 4],
        ),
        (json!({"Id": [{"op": ">", "val": 2}]}), vec![3, 4]),
        (json!({"plz": [{"op": "=", "val": 52062}]}), vec![1]),
    ];
    for (filter, expected) in cases {
        let result = read(&server, &c, json!({"filter": filter, "data": ["Id"]})).await?;
        assert_eq!(result["status"]["errorcode"], 0, "{filter}: {result}");
        assert_eq!(ids(&result), expected, "{filter}");
        assert_eq!(
            result["data"]["meta"]["cntabsolute"],
            expected.len(),
            "{filter}"
        );
    }
    let sorted = read(
        &server,
        &c,
        json!({"sortby": {"kaufpreis": "DESC"}, "data": ["kaufpreis"]}),
    )
    .await?;
    assert_eq!(ids(&sorted), [1, 2, 4, 3]);
    let sorted = read(
        &server,
        &c,
        json!({"sortby": "ort", "sortorder": "DESC", "data": ["ort"]}),
    )
    .await?;
    assert_eq!(
        ids(&sorted),
        [2, 4, 3, 1],
        "Köln > Düren > Aachen, ties by id in the sort's direction"
    );
    let page = read(
        &server,
        &c,
        json!({"sortby": {"Id": "ASC"}, "listlimit": 2, "listoffset": 2}),
    )
    .await?;
    assert_eq!(ids(&page), [3, 4]);
    assert_eq!(page["data"]["meta"]["cntabsolute"], 4);
    let past_end = read(&server, &c, json!({"listoffset": 10})).await?;
    assert_eq!(past_end["data"]["records"], json!([]));
    assert_eq!(past_end["data"]["meta"]["cntabsolute"], 4);
    let count_only = read(&server, &c, json!({"listlimit": 0})).await?;
    assert_eq!(count_only["data"]["records"], json!([]));
    assert_eq!(count_only["data"]["meta"]["cntabsolute"], 4);
    Ok(())
}

#[tokio::test]
async fn one_record_by_resourceid_ignores_the_filter() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    sample(&server, &c).await?;
    for id in [json!(3), json!("3")] {
        let result = call(
            &server,
            &c,
            ActionVerb::Read,
            "estate",
            id.clone(),
            json!({
                "data": ["ort"], "filter": {"status": [{"op": "=", "val": 1}]},
            }),
        )
        .await?;
        assert_eq!(ids(&result), [3], "{id}");
        assert_eq!(result["data"]["meta"]["cntabsolute"], 1);
        assert_eq!(result["resourceid"], "3");
    }
    let missing = call(
        &server,
        &c,
        ActionVerb::Read,
        "estate",
        json!(99),
        json!({"data": ["ort"]}),
    )
    .await?;
    assert_eq!(missing["data"]["records"], json!([]));
    assert_eq!(missing["data"]["meta"]["cntabsolute"], 0);
    Ok(())
}

#[tokio::test]
async fn modify_changes_only_what_it_names() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let id = create(&server, &c, json!({"objektart": "haus", "kaufpreis": 300000, "heizungsart": ["zentral", "fern"], "ort": "Aachen"})).await?;
    let before = call(
        &server,
        &c,
        ActionVerb::Read,
        "estate",
        json!(id),
        json!({"data": ["geaendert_am"]}),
    )
    .await?;
    let result = call(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(id.to_string()),
        json!({"data": {"kaufpreis": "289000", "heizungsart": ["fern"]}}),
    )
    .await?;
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    assert_eq!(result["cacheable"], false);
    assert_eq!(
        result["data"],
        json!({"meta": {"cntabsolute": null}, "records": [{"id": 0, "type": "estate", "elements": {"success": "success"}}]})
    );
    let after = call(
        &server,
        &c,
        ActionVerb::Read,
        "estate",
        json!(id),
        json!({"data": ["kaufpreis", "heizungsart", "ort", "geaendert_am"]}),
    )
    .await?;
    let e = &after["data"]["records"][0]["elements"];
    assert_eq!(e["kaufpreis"], "289000.00");
    assert_eq!(
        e["heizungsart"], "|fern|",
        "multiselect writes replace the set"
    );
    assert_eq!(e["ort"], "Aachen");
    assert!(
        e["geaendert_am"].as_str()
            >= before["data"]["records"][0]["elements"]["geaendert_am"].as_str()
    );
    // The new price is what filters see, too (the typed column follows the document).
    let found = read(
        &server,
        &c,
        json!({"filter": {"kaufpreis": [{"op": "=", "val": 289000}]}}),
    )
    .await?;
    assert_eq!(ids(&found), [id]);
    Ok(())
}

#[tokio::test]
async fn formatted_output_uses_labels_and_the_german_number_format() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let id = create(&server, &c, json!({"objektart": "haus", "vermarktungsart": "miete", "kaufpreis": 1234567.5, "wohnflaeche": 99.5, "veroeffentlichen": 1, "heizungsart": ["zentral", "fern"], "breitengrad": "50.7858"})).await?;
    let data = json!([
        "Id",
        "objektart",
        "vermarktungsart",
        "kaufpreis",
        "wohnflaeche",
        "veroeffentlichen",
        "heizungsart",
        "breitengrad"
    ]);
    let eng = call(
        &server,
        &c,
        ActionVerb::Read,
        "estate",
        json!(id),
        json!({"data": data, "formatoutput": true, "outputlanguage": "ENG"}),
    )
    .await?;
    let e = &eng["data"]["records"][0]["elements"];
    assert_eq!(e["objektart"], "House");
    assert_eq!(e["vermarktungsart"], "Rent");
    assert_eq!(e["kaufpreis"], "1.234.567,50 €");
    assert_eq!(e["wohnflaeche"], "99,50 m²");
    assert_eq!(e["veroeffentlichen"], "Yes");
    assert_eq!(e["heizungsart"], "Central heating, District heating");
    assert_eq!(e["breitengrad"], "50.78580", "coordinates stay as they are");
    let deu = call(
        &server,
        &c,
        ActionVerb::Read,
        "estate",
        json!(id),
        json!({"data": data, "formatoutput": true}),
    )
    .await?;
    assert_eq!(deu["data"]["records"][0]["elements"]["objektart"], "Haus");
    assert_eq!(
        deu["data"]["records"][0]["elements"]["veroeffentlichen"],
        "Ja"
    );
    Ok(())
}

#[tokio::test]
async fn bad_reads_name_the_field_or_operator_and_run_nothing() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    sample(&server, &c).await?;
    let many: serde_json::Map<String, Value> = (0..10_000)
        .map(|i| (format!("f{i}"), json!([{"op": "=", "val": 1}])))
        .collect();
    let cases = [
        (
            json!({"data": ["kaufpreis", "nope"]}),
            141,
            "Unknown field: nope",
        ),
        (
            json!({"filter": {"nope": [{"op": "=", "val": 1}]}}),
            141,
            "Unknown field: nope",
        ),
        // Address contact entries are not estate fields, read or filtered.
        (
            json!({"data": ["kaufpreis", "phone"]}),
            141,
            "Unknown field: phone",
        ),
        (
            json!({"data": ["defaultemail"]}),
            141,
            "Unknown field: defaultemail",
        ),
        (
            json!({"filter": {"email": [{"op": "=", "val": "a@example.org"}]}}),
            141,
            "Unknown field: email",
        ),
        (
            json!({"filter": {"kaufpreis": [{"op": "~", "val": 1}]}}),
            142,
            "Unknown operator: ~",
        ),
        (
            json!({"filter": {"kaufpreis": [{"op": "between", "val": [1]}]}}),
            257,
            "between",
        ),
        (
            json!({"filter": {"kaufpreis": [{"op": "in", "val": {"a": 5}}]}}),
            257,
            "values must be numbers or strings",
        ),
        (
            json!({"filter": {"kaufpreis": [{"op": ">", "val": "cheap"}]}}),
            257,
            "cheap is not a number",
        ),
        (
            json!({"filter": {"heizungsart": [{"op": ">", "val": "fern"}]}}),
            232,
            "heizungsart",
        ),
        (
            json!({"filter": {"kaufpreis": [{"op": "like", "val": "1%"}]}}),
            257,
            "like works on text",
        ),
        (
            json!({"filter": {"ort'; DROP TABLE estates; --": [{"op": "=", "val": 1}]}}),
            141,
            "DROP TABLE",
        ),
        (
            json!({"filter": {"ort": [{"op": "=", "val": "x' OR '1'='1"}]}}),
            0,
            "",
        ),
        (
            json!({"filter": "status=1"}),
            257,
            "filter must be an object",
        ),
        (
            json!({"filter": Value::Object(many)}),
            257,
            "at most 100 conditions",
        ),
        (
            json!({"sortby": {"nope": "ASC"}}),
            212,
            "nope is not a field",
        ),
        (json!({"sortby": {"kaufpreis": "UP"}}), 255, "ASC or DESC"),
        (json!({"listlimit": -1}), 255, "listlimit"),
        (json!({"listlimit": "many"}), 255, "listlimit"),
        (json!({"listoffset": -5}), 255, "listoffset"),
        (json!({"listoffset": 1e12}), 255, "listoffset"),
        (json!({"data": "kaufpreis"}), 74, "data must be a list"),
        (json!({"data": [1]}), 291, "Fieldname is not a string"),
    ];
    for (params, code, text) in cases {
        let result = read(&server, &c, params.clone()).await?;
        let label = params.to_string().chars().take(80).collect::<String>();
        assert_eq!(result["status"]["errorcode"], code, "{label}: {result}");
        let message = result["status"]["message"].as_str().unwrap_or("");
        assert!(message.contains(text), "{label}: {message}");
    }
    let all = read(&server, &c, json!({"data": ["Id"]})).await?;
    assert_eq!(
        all["data"]["meta"]["cntabsolute"], 4,
        "nothing was dropped or written"
    );
    Ok(())
}

#[tokio::test]
async fn listlimit_above_500_is_cut_to_500() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let actions: Vec<Value> = (0..120)
        .map(|i| {
            action_v2(
                &c,
                ActionVerb::Create,
                "estate",
                json!({"data": {"kaufpreis": i}}),
            )
        })
        .collect();
    for chunk in actions.chunks(60) {
        let json = server.post(&envelope(&c, chunk.to_vec())).await?;
        assert!(codes(&json).iter().all(|c| *c == 0));
    }
    for _ in 0..4 {
        let actions: Vec<Value> = (0..120)
            .map(|i| {
                action_v2(
                    &c,
                    ActionVerb::Create,
                    "estate",
                    json!({"data": {"kaufpreis": i}}),
                )
            })
            .collect();
        server.post(&envelope(&c, actions)).await?;
    }
    let result = read(&server, &c, json!({"listlimit": 1000, "data": ["Id"]})).await?;
    assert_eq!(result["data"]["meta"]["cntabsolute"], 600);
    assert_eq!(
        result["data"]["records"].as_array().map(Vec::len),
        Some(500)
    );
    Ok(())
}

#[tokio::test]
async fn bad_writes_are_refused_and_change_nothing() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let id = create(
        &server,
        &c,
        json!({"kaufpreis": 100000, "objektart": "haus"}),
    )
    .await?;
    let cases = [
        (
            json!({"data": {"nope": 1}}),
            143,
            "Unknown field in estate data: nope",
        ),
        (json!({"data": {"kaufpreis": "viel"}}), 229, "kaufpreis"),
        (
            json!({"data": {"objektart": "schloss"}}),
            77,
            "Invalid singleselect key: schloss",
        ),
        (
            json!({"data": {"heizungsart": ["fern", "kamin"]}}),
            76,
            "Invalid multiselect key: kamin",
        ),
        (
            json!({"data": {"Id": 5}}),
            144,
            "Invalid field in input data: \"Id\"",
        ),
        (
            json!({"data": {"erstellt_am": "2020-01-01 00:00:00"}}),
            144,
            "erstellt_am",
        ),
        (json!({"data": {"kaufpreis": 1, "nope": 2}}), 143, "nope"),
        // A date that is not in the calendar.
        (
            json!({"data": {"verkauft_am": "2024-02-31"}}),
            122,
            "verkauft_am",
        ),
        (json!({"data": "kaufpreis=1"}), 255, "data"),
        (json!({}), 167, "Missing parameter \"data\""),
    ];
    for (params, code, text) in &cases {
        for (verb, resourceid) in [
            (ActionVerb::Create, json!("")),
            (ActionVerb::Modify, json!(id)),
        ] {
            let result = call(&server, &c, verb, "estate", resourceid, params.clone()).await?;
            assert_eq!(
                result["status"]["errorcode"], *code,
                "{verb} {params}: {result}"
            );
            let message = result["status"]["message"].as_str().unwrap_or("");
            assert!(message.contains(text), "{verb} {params}: {message}");
            assert_eq!(result["data"], json!([]));
        }
    }
    let unknown = call(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(999),
        json!({"data": {"kaufpreis": 1}}),
    )
    .await?;
    assert_eq!(unknown["status"]["errorcode"], 293);
    let no_id = call(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(""),
        json!({"data": {"kaufpreis": 1}}),
    )
    .await?;
    assert_eq!(no_id["status"]["errorcode"], 79);
    let all = read(&server, &c, json!({"data": ["kaufpreis", "objektart"]})).await?;
    assert_eq!(
        all["data"]["meta"]["cntabsolute"], 1,
        "no estate was created"
    );
    assert_eq!(
        all["data"]["records"][0]["elements"],
        json!({"kaufpreis": "100000.00", "objektart": "haus"})
    );
    Ok(())
}

#[tokio::test]
async fn tenants_never_see_each_others_estates() -> TestResult {
    let server = TestServer::start().await?;
    let a = server.tenant("alpha", 'a').await?;
    let b = server.tenant("beta", 'b').await?;
    create(&server, &a, json!({"ort": "Aachen"})).await?;
    let b_id = create(&server, &b, json!({"ort": "Berlin"})).await?;
    assert_eq!(b_id, 1, "ids count per tenant");
    let seen_by_a = read(&server, &a, json!({"data": ["ort"]})).await?;
    assert_eq!(seen_by_a["data"]["meta"]["cntabsolute"], 1);
    assert_eq!(seen_by_a["data"]["records"][0]["elements"]["ort"], "Aachen");
    let modify = call(
        &server,
        &a,
        ActionVerb::Modify,
        "estate",
        json!(1),
        json!({"data": {"ort": "Hacked"}}),
    )
    .await?;
    assert_eq!(
        modify["status"]["errorcode"], 0,
        "A modifies its own estate 1"
    );
    let seen_by_b = read(&server, &b, json!({"data": ["ort"]})).await?;
    assert_eq!(seen_by_b["data"]["records"][0]["elements"]["ort"], "Berlin");
    Ok(())
}

#[tokio::test]
async fn georangesearch_finds_estates_within_the_radius() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    // Aachen centre, Köln (about 64 km away) and Düren (about 30 km away).
    let aachen = create(
        &server,
        &c,
        json!({"breitengrad": "50.7753", "laengengrad": "6.0839"}),
    )
    .await?;
    let koeln = create(
        &server,
        &c,
        json!({"breitengrad": "50.9375", "laengengrad": "6.9603"}),
    )
    .await?;
    let dueren = create(
        &server,
        &c,
        json!({"breitengrad": "50.8006", "laengengrad": "6.4823"}),
    )
    .await?;
    let near = |radius: &str| json!({"georangesearch": {"latitude": "50.7753", "longitude": "6.0839", "radius": radius}, "data": ["Id"]});
    assert_eq!(ids(&read(&server, &c, near("10")).await?), [aachen]);
    assert_eq!(ids(&read(&server, &c, near("40")).await?), [aachen, dueren]);
    assert_eq!(
        ids(&read(&server, &c, near("70")).await?),
        [aachen, koeln, dueren]
    );
    let by_zip = read(
        &server,
        &c,
        json!({"georangesearch": {"country": "DEU", "zip": "52062", "radius": "5"}}),
    )
    .await?;
    assert_eq!(ids(&by_zip), [aachen]);
    let bad = read(
        &server,
        &c,
        json!({"georangesearch": {"country": "DEU", "radius": "5"}}),
    )
    .await?;
    assert_eq!(bad["status"]["errorcode"], 164);
    let unknown = read(
        &server,
        &c,
        json!({"georangesearch": {"country": "DEU", "zip": "00000", "radius": "5"}}),
    )
    .await?;
    assert_eq!(unknown["status"]["errorcode"], 164);
    Ok(())
}

#[tokio::test]
async fn language_versions_are_written_and_read_with_estatelanguage() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let main = create(
        &server,
        &c,
        json!({"ort": "Aachen", "objekttitel": "Schönes Haus", "kaufpreis": 300000}),
    )
    .await?;
    let other = create(
        &server,
        &c,
        json!({"ort": "Bonn", "objekttitel": "Wohnung"}),
    )
    .await?;
    let result = read(&server, &c, json!({"data": ["ort"], "addMainLangId": true, "addestatelanguage": true, "estatelanguage": "DEU", "sortby": {"Id": "ASC"}})).await?;
    assert_eq!(
        result["data"]["records"][0]["elements"],
        json!({"language": "", "mainLangId": null, "ort": "Aachen"})
    );

    let none = read(
        &server,
        &c,
        json!({"data": ["objekttitel"], "estatelanguage": "ENG"}),
    )
    .await?;
    assert_eq!(
        none["data"]["meta"]["cntabsolute"], 0,
        "no English version yet"
    );

    let english = call(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(main),
        json!({"estatelanguage": "ENG", "data": {"objekttitel": "Beautiful house"}}),
    )
    .await?;
    assert_eq!(english["status"]["errorcode"], 0, "{english}");
    let again = call(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(main),
        json!({"estatelanguage": "ENG", "data": {"kaufpreis": 310000}}),
    )
    .await?;
    assert_eq!(again["status"]["errorcode"], 0, "{again}");

    let read_eng = call(&server, &c, ActionVerb::Read, "estate", json!(main), json!({
        "data": ["Id", "objekttitel", "ort", "kaufpreis"], "estatelanguage": "ENG", "addMainLangId": true, "addestatelanguage": true,
    })).await?;
    assert_eq!(read_eng["data"]["meta"]["cntabsolute"], 1, "{read_eng}");
    let record = &read_eng["data"]["records"][0];
    let sub = record["id"].as_i64().ok_or("no id")?;
    assert!(
        sub != main && sub != other,
        "the version has an id of its own"
    );
    assert_eq!(
        record["elements"],
        json!({
            "language": "ENG", "mainLangId": main.to_string(), "Id": sub.to_string(),
            "objekttitel": "Beautiful house", "ort": "Aachen", "kaufpreis": "310000.00",
        })
    );
    let main_read = call(
        &server,
        &c,
        ActionVerb::Read,
        "estate",
        json!(main),
        json!({"data": ["objekttitel", "kaufpreis"]}),
    )
    .await?;
    assert_eq!(
        main_read["data"]["records"][0]["elements"],
        json!({"objekttitel": "Schönes Haus", "kaufpreis": "300000.00"}),
        "the main estate is unchanged"
    );
    let listed = read(&server, &c, json!({"data": ["objekttitel"], "estatelanguage": "ENG", "filter": {"ort": [{"op": "=", "val": "Aachen"}]}})).await?;
    assert_eq!(ids(&listed), [sub]);
    let by_sub_id = call(
        &server,
        &c,
        ActionVerb::Read,
        "estate",
        json!(sub),
        json!({"data": ["objekttitel"], "estatelanguage": "ENG"}),
    )
    .await?;
    assert_eq!(
        by_sub_id["data"]["meta"]["cntabsolute"], 0,
        "sub-ids cannot be addressed directly"
    );
    let all_main = read(&server, &c, json!({"data": ["Id"]})).await?;
    assert_eq!(
        all_main["data"]["meta"]["cntabsolute"], 2,
        "versions are not main-language estates"
    );
    let unknown = call(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(999),
        json!({"estatelanguage": "ENG", "data": {"objekttitel": "x"}}),
    )
    .await?;
    assert_eq!(unknown["status"]["errorcode"], 293);
    let saved = read(&server, &c, json!({"filterid": 12})).await?;
    assert_eq!(saved["status"]["errorcode"], 284);
    assert_eq!(
        saved["status"]["message"],
        "The requested filterid 12 is unknown"
    );
    Ok(())
}

#[tokio::test]
async fn saved_filters_are_listed_and_applied_with_filterid() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    sample(&server, &c).await?;
    let id = server.saved_filter(&c).await?;
    let listed = call(
        &server,
        &c,
        ActionVerb::Get,
        "filters",
        json!(""),
        json!({"module": "estate"}),
    )
    .await?;
    assert_eq!(
        listed["data"],
        json!({"meta": {"cntabsolute": 1}, "records": [
        {"id": id, "type": "filter", "elements": {"scope": "office", "name": "Zum Kauf", "userId": null, "groupId": null}}]})
    );
    let none = call(
        &server,
        &c,
        ActionVerb::Get,
        "filters",
        json!(""),
        json!({"module": "address"}),
    )
    .await?;
    assert_eq!(none["data"]["meta"]["cntabsolute"], 0);
    let applied = read(&server, &c, json!({"filterid": id, "data": ["Id"]})).await?;
    assert_eq!(ids(&applied), [1, 2, 4]);
    let combined = read(
        &server,
        &c,
        json!({"filterid": id, "filter": {"ort": [{"op": "=", "val": "Aachen"}]}}),
    )
    .await?;
    assert_eq!(ids(&combined), [1], "the saved and the sent conditions AND");
    let other_tenant = server.tenant("other", 'o').await?;
    let foreign = read(&server, &other_tenant, json!({"filterid": id})).await?;
    assert_eq!(
        foreign["status"]["errorcode"], 284,
        "a filter belongs to its tenant"
    );
    Ok(())
}

#[tokio::test]
async fn a_batch_of_creates_answers_each_action_in_order() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let create = |data: Value| action_v2(&c, ActionVerb::Create, "estate", json!({"data": data}));
    let mut bad_hmac = create(json!({"kaufpreis": 3}));
    bad_hmac["hmac"] = json!("nope");
    let actions = vec![
        create(json!({"kaufpreis": 1})),
        create(json!({"nope": 1})),
        bad_hmac,
        create(json!({"kaufpreis": 2})),
        action_v2(
            &c,
            ActionVerb::Read,
            "estate",
            json!({"data": ["kaufpreis"], "sortby": {"Id": "ASC"}}),
        ),
        create(json!({"kaufpreis": 4})),
    ];
    let json = server.post(&envelope(&c, actions)).await?;
    assert_eq!(codes(&json), [0, 143, 137, 0, 0, 0]);
    let results = json["response"]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let id = |i: usize| results[i]["data"]["records"][0]["id"].clone();
    assert_eq!(
        (id(0), id(3), id(5)),
        (json!(1), json!(2), json!(3)),
        "refused creates use no id"
    );
    assert_eq!(
        results[4]["data"]["meta"]["cntabsolute"], 2,
        "the read sees the creates before it"
    );
    assert_eq!(results[0]["cacheable"], false);
    assert_eq!(results[1]["data"], json!([]));
    Ok(())
}

/// Reads are answered from the read cache while nothing was written; any write, also one
/// that bypasses this server (another Kontor process on the same database), is seen at once.
#[tokio::test]
async fn repeated_reads_see_every_write() -> TestResult {
    use kontor_store::RecordStore;
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let id = create(&server, &c, json!({"ort": "Aachen", "kaufpreis": 100000})).await?;
    let list = json!({"data": ["ort", "kaufpreis"], "sortby": {"kaufpreis": "ASC"}});
    let first = read(&server, &c, list.clone()).await?;
    let again = read(&server, &c, list.clone()).await?;
    assert_eq!(first["data"], again["data"]);
    assert_eq!(again["data"]["meta"]["cntabsolute"], 1);

    // Written straight into the store, as another process would.
    let mut doc = serde_json::Map::new();
    doc.insert("ort".into(), json!("Bonn"));
    doc.insert("kaufpreis".into(), json!(50000));
    server
        .store
        .store
        .insert_records(c.tenant, kontor_store::Module::ESTATE, vec![doc])
        .await?;
    let after_insert = read(&server, &c, list.clone()).await?;
    assert_eq!(after_insert["data"]["meta"]["cntabsolute"], 2);
    assert_eq!(
        after_insert["data"]["records"][0]["elements"]["ort"],
        "Bonn"
    );

    let modify = call(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(id),
        json!({"data": {"kaufpreis": 10000}}),
    )
    .await?;
    assert_eq!(modify["status"]["errorcode"], 0, "{modify}");
    let after_modify = read(&server, &c, list.clone()).await?;
    assert_eq!(
        after_modify["data"]["records"][0]["elements"]["ort"], "Aachen",
        "cheapest first after the modify"
    );
    assert_eq!(
        after_modify["data"]["records"][0]["elements"]["kaufpreis"],
        "10000.00"
    );
    // The same parameters from another tenant are another read.
    let other = server.tenant("other", 'b').await?;
    let theirs = read(&server, &other, list).await?;
    assert_eq!(theirs["data"]["meta"]["cntabsolute"], 0);
    Ok(())
}
