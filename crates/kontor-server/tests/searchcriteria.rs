//! Search criteria on the wire: create, modify and delete through the shared record calls,
//! `get searchcriterias` in its four modes, `get searchCriteriaFields`, and every refusal
//! (which writes nothing), on the backend the environment selects.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn code(result: &Value) -> i64 {
    result["status"]["errorcode"].as_i64().unwrap_or(-1)
}

fn first_id(result: &Value) -> Result<i64> {
    Ok(result["data"]["records"][0]["id"].as_i64().ok_or("no id")?)
}

fn ids(result: &Value) -> Vec<i64> {
    result["data"]["records"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["id"].as_i64()).collect())
        .unwrap_or_default()
}

/// An address of the tenant; its id.
async fn address(server: &TestServer, c: &Credentials, name: &str) -> Result<i64> {
    let made = server
        .call(
            c,
            ActionVerb::Create,
            "address",
            json!(""),
            json!({"Vorname": "Erika", "Name": name}),
        )
        .await?;
    assert_eq!(code(&made), 0, "{made}");
    first_id(&made)
}

async fn create(server: &TestServer, c: &Credentials, params: Value) -> Result<Value> {
    server
        .call(c, ActionVerb::Create, "searchcriteria", json!(""), params)
        .await
}

async fn get(server: &TestServer, c: &Credentials, params: Value) -> Result<Value> {
    server
        .call(c, ActionVerb::Get, "searchcriterias", json!(""), params)
        .await
}

async fn modify(server: &TestServer, c: &Credentials, id: i64, data: Value) -> Result<Value> {
    server
        .call(
            c,
            ActionVerb::Modify,
            "searchcriteria",
            json!(id),
            json!({ "data": data }),
        )
        .await
}

async fn delete(server: &TestServer, c: &Credentials, id: i64) -> Result<Value> {
    server
        .call(
            c,
            ActionVerb::Delete,
            "searchcriteria",
            json!(id),
            json!({}),
        )
        .await
}

/// The criterion of the create docs' example, for `address`.
fn documented(address: i64) -> Value {
    json!({
        "addressid": address.to_string(),
        "data": {
            "advisor": 21,
            "objektart": "haus",
            "vermarktungsart": "kauf",
            "range_plz": "52068",
            "range_ort": "Aachen",
            "range_strasse": "Charlottenburger Allee",
            "range_hausnummer": "5",
            "range": "100",
            "kaufpreis__von": "50000",
            "kaufpreis__bis": "100000",
            "krit_bemerkung_oeffentlich": "Haus mit Garten"
        }
    })
}

/// All criteria of the tenant, by filter.
async fn count(server: &TestServer, c: &Credentials) -> Result<i64> {
    let all = get(
        server,
        c,
        json!({"mode": "filter", "filter": {}, "sortby": "creationdate", "sortorder": "ASC"}),
    )
    .await?;
    assert_eq!(code(&all), 0, "{all}");
    Ok(all["data"]["meta"]["cntabsolute"]
        .as_i64()
        .ok_or("no count")?)
}

#[tokio::test]
async fn a_criterion_is_created_read_in_every_mode_modified_and_deleted() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("criteria", 'a').await?;
    let owner = address(&server, &c, "Muster").await?;
    let other = address(&server, &c, "Beispiel").await?;

    let made = create(&server, &c, documented(owner)).await?;
    assert_eq!(code(&made), 0, "{made}");
    let mut made = made;
    redact(&mut made);
    insta::assert_json_snapshot!("create_searchcriteria", made);
    let id = first_id(&made)?;
    let second = create(
        &server,
        &c,
        json!({"addressid": other, "data": {"vermarktungsart": "miete", "kaltmiete": [500, 900],
               "anzahl_zimmer__von": 2, "nutzungsart": ["wohnen"]}}),
    )
    .await?;
    assert_eq!(code(&second), 0, "{second}");
    let second = first_id(&second)?;

    // By address: the criteria of the owner, in the documented shape.
    let mut by_address = get(&server, &c, json!({"mode": "internal", "ids": [owner]})).await?;
    redact(&mut by_address);
    insta::assert_json_snapshot!("get_searchcriterias_internal", by_address);
    let elements = &by_address["data"]["records"][0]["elements"];
    assert_eq!(elements["objektart"], json!(["haus"]));
    assert_eq!(
        elements["range_kaufpreis"],
        json!(["50000.00", "100000.00"])
    );
    assert_eq!(elements["Range"]["range"], "100");
    // The radius centre got the coordinates of its postcode.
    assert_ne!(elements["Range"]["range_breitengrad"], "0.00000");
    assert_eq!(elements["_meta"]["internaladdressid"], owner.to_string());
    assert_eq!(elements["_meta"]["advisor"], "21");

    // By criterion id, by customer number (an address's KdNr), by filter.
    let by_id = get(
        &server,
        &c,
        json!({"mode": "searchcriteria", "ids": [second, 999]}),
    )
    .await?;
    assert_eq!(ids(&by_id), [second]);
    let kdnr = &by_address["data"]["records"][0]["elements"]["_meta"]["externaladdressid"];
    let by_number = get(&server, &c, json!({"mode": "external", "ids": [kdnr]})).await?;
    assert_eq!(ids(&by_number), [id], "{by_number}");
    let by_filter = get(
        &server,
        &c,
        json!({"mode": "filter",
               "filter": {"internaladdressid": [{"op": ">", "val": ["0"]}], "status": [{"op": "=", "val": "1"}]},
               "sortby": "internaladdressid", "sortorder": "DESC"}),
    )
    .await?;
    assert_eq!(ids(&by_filter), [second, id], "{by_filter}");
    assert_eq!(by_filter["data"]["meta"]["cntabsolute"], 2);
    // Pages.
    let page = get(
        &server,
        &c,
        json!({"mode": "filter", "filter": {}, "sortby": "creationdate", "sortorder": "ASC",
               "listlimit": 1, "listoffset": 1}),
    )
    .await?;
    assert_eq!(ids(&page), [second]);
    assert_eq!(page["data"]["meta"]["cntabsolute"], 2);

    // Modify: a range as one pair, the status as sys_status, knockout fields, notes.
    let changed = modify(
        &server,
        &c,
        id,
        json!({"kaufpreis": ["250000", "500000"], "sys_status": "0",
               "sys_ko": ["kaufpreis", "objektart"], "krit_bemerkung": "ruft abends an",
               "range": "50", "range_plz": "52074"}),
    )
    .await?;
    assert_eq!(code(&changed), 0, "{changed}");
    let mut after = get(&server, &c, json!({"mode": "searchcriteria", "ids": [id]})).await?;
    redact(&mut after);
    insta::assert_json_snapshot!("get_searchcriterias_after_modify", after);
    let elements = &after["data"]["records"][0]["elements"];
    assert_eq!(
        elements["range_kaufpreis"],
        json!(["250000.00", "500000.00"])
    );
    assert_eq!(elements["_meta"]["status"], "0");
    assert_eq!(
        elements["_meta"]["kocriterias"],
        json!(["kaufpreis", "objektart"])
    );
    let active = get(
        &server,
        &c,
        json!({"mode": "filter", "filter": {"status": [{"op": "=", "val": 1}]},
               "sortby": "internaladdressid", "sortorder": "ASC"}),
    )
    .await?;
    assert_eq!(ids(&active), [second]);

    // Delete; a second time it is unknown.
    let deleted = delete(&server, &c, id).await?;
    assert_eq!(code(&deleted), 0, "{deleted}");
    let gone = get(&server, &c, json!({"mode": "internal", "ids": [owner]})).await?;
    assert_eq!(gone["data"]["meta"]["cntabsolute"], 0);
    assert_eq!(gone["data"]["records"], json!([]));
    let again = delete(&server, &c, id).await?;
    assert_eq!(code(&again), 95, "{again}");
    Ok(())
}

#[tokio::test]
async fn bad_writes_are_refused_and_write_nothing() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("refusals", 'b').await?;
    let stranger = server.tenant("stranger", 'z').await?;
    let owner = address(&server, &c, "Muster").await?;
    // Record ids count per tenant: the stranger's third address has an id this tenant
    // does not have.
    for name in ["Erste", "Zweite"] {
        address(&server, &stranger, name).await?;
    }
    let foreign = address(&server, &stranger, "Fremd").await?;
    assert!(foreign > owner);
    let with = |data: Value| json!({"addressid": owner, "data": data});
    let cases = [
        // An inverted range, both as ends and as a pair, names its lower end.
        (
            with(json!({"kaufpreis__von": "500000", "kaufpreis__bis": "100000"})),
            255,
            Some("kaufpreis__von"),
        ),
        (
            with(json!({"wohnflaeche": [120, 80]})),
            255,
            Some("wohnflaeche__von"),
        ),
        (
            with(json!({"wohnflaeche": [120]})),
            255,
            Some("wohnflaeche"),
        ),
        (with(json!({"nope": 1})), 75, Some("nope")),
        (
            with(json!({"kaufpreis__von": "viel"})),
            229,
            Some("kaufpreis__von"),
        ),
        (with(json!({"objektart": "schloss_im_mond"})), 76, None),
        // A radius below 0 or beyond 1,000 km.
        (with(json!({"range": "-1"})), 255, Some("range")),
        (with(json!({"range": 100_000})), 255, Some("range")),
        (with(json!({"adresse": 5})), 144, None),
        (json!({"data": {"objektart": "haus"}}), 96, None),
        (json!({"addressid": "abc", "data": {}}), 64, None),
        (json!({"addressid": 987_654, "data": {}}), 292, None),
        (json!({"addressid": foreign, "data": {}}), 292, None),
        (json!({"addressid": owner}), 167, Some("data")),
    ];
    for (params, want, names) in cases {
        let refused = create(&server, &c, params.clone()).await?;
        assert_eq!(code(&refused), want, "{params}: {refused}");
        assert_eq!(refused["data"], json!([]), "{refused}");
        if let Some(name) = names {
            let message = refused["status"]["message"].as_str().unwrap_or_default();
            assert!(message.contains(name), "{params}: {message}");
        }
    }
    assert_eq!(count(&server, &c).await?, 0);
    assert_eq!(count(&server, &stranger).await?, 0);

    // Modify: one end against the other one stored; nothing changes on refusal.
    let made = create(
        &server,
        &c,
        with(json!({"kaufpreis__von": 100_000, "kaufpreis__bis": 200_000})),
    )
    .await?;
    let id = first_id(&made)?;
    for (data, want) in [
        (json!({"kaufpreis__von": 300_000}), 255),
        (json!({"kaufpreis__bis": 50_000}), 255),
        (json!({"range": -1}), 255),
        (json!({"nope": 1}), 75),
    ] {
        let refused = modify(&server, &c, id, data.clone()).await?;
        assert_eq!(code(&refused), want, "{data}: {refused}");
    }
    let open = modify(&server, &c, id, json!({"kaufpreis__bis": ""})).await?;
    assert_eq!(code(&open), 0, "an open upper end: {open}");
    let unknown = modify(&server, &c, 987_654, json!({"range": 5})).await?;
    assert_eq!(code(&unknown), 95, "{unknown}");
    // Another tenant's criterion is unknown to this one.
    let theirs = modify(&server, &stranger, id, json!({"range": 5})).await?;
    assert_eq!(code(&theirs), 95, "{theirs}");
    let read = get(&server, &c, json!({"mode": "searchcriteria", "ids": [id]})).await?;
    let elements = &read["data"]["records"][0]["elements"];
    assert_eq!(elements["range_kaufpreis"], json!(["100000.00", "0.00"]));
    assert!(elements.get("Range").is_none(), "{read}");
    Ok(())
}

#[tokio::test]
async fn bad_reads_get_their_codes() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("reads", 'r').await?;
    let cases = [
        (json!({"mode": "everything", "ids": [1]}), 204),
        (json!({"ids": [1]}), 20),
        (json!({"mode": "internal"}), 167),
        (json!({"mode": "internal", "ids": ["x"]}), 185),
        (
            json!({"mode": "internal", "ids": (1..=501).collect::<Vec<i64>>()}),
            302,
        ),
        (
            json!({"mode": "filter", "filter": {}, "sortby": "status"}),
            167,
        ),
        (
            json!({"mode": "filter", "sortby": "status", "sortorder": "ASC"}),
            167,
        ),
        (
            json!({"mode": "filter", "filter": {}, "sortby": "status", "sortorder": "UP"}),
            255,
        ),
        (
            json!({"mode": "filter", "filter": {"nope": [{"op": "=", "val": 1}]},
                   "sortby": "status", "sortorder": "ASC"}),
            141,
        ),
        (
            json!({"mode": "filter", "filter": {"externaladdressid": [{"op": "=", "val": 1}]},
                   "sortby": "status", "sortorder": "ASC"}),
            257,
        ),
        (
            json!({"mode": "filter", "filter": {}, "sortby": "nope", "sortorder": "ASC"}),
            212,
        ),
        (
            json!({"mode": "internal", "ids": [1], "listoffset": -1}),
            20,
        ),
    ];
    for (params, want) in cases {
        let refused = get(&server, &c, params.clone()).await?;
        assert_eq!(code(&refused), want, "{params}: {refused}");
    }
    // Search criteria have no `read`: the API reads them with `get searchcriterias`.
    let read = server
        .call(&c, ActionVerb::Read, "searchcriteria", json!(""), json!({}))
        .await?;
    assert_eq!(code(&read), 23, "{read}");
    Ok(())
}

#[tokio::test]
async fn the_fields_of_search_criteria_by_category() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("fields", 'f').await?;
    let eng = server
        .call(
            &c,
            ActionVerb::Get,
            "searchCriteriaFields",
            json!(""),
            json!({"language": "ENG", "additionalTranslations": true}),
        )
        .await?;
    assert_eq!(code(&eng), 0, "{eng}");
    insta::assert_json_snapshot!("get_searchcriteriafields_eng", eng);
    // The docs' request sends `[]`: German labels, no translations.
    let plain = server
        .call(
            &c,
            ActionVerb::Get,
            "searchCriteriaFields",
            json!(""),
            json!([]),
        )
        .await?;
    let records = plain["data"]["records"].as_array().ok_or("no records")?;
    let areas = records
        .iter()
        .find(|r| r["elements"]["name"] == "Flächen")
        .ok_or("no Flächen")?;
    let living = &areas["elements"]["fields"][0];
    assert_eq!(living["id"], "wohnflaeche");
    assert_eq!(living["rangefield"], "true");
    assert_eq!(
        living["type"],
        "urn:onoffice-de-ns:smart:2.5:dbAccess:dataType:float"
    );
    assert!(living.get("additionalTranslations").is_none(), "{living}");
    let bad = server
        .call(
            &c,
            ActionVerb::Get,
            "searchCriteriaFields",
            json!(""),
            json!({"language": "XYZ"}),
        )
        .await?;
    assert_eq!(code(&bad), 160, "{bad}");
    Ok(())
}

#[tokio::test]
async fn idsfromrelation_reads_the_criteria_of_addresses_and_back() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let other = server.tenant("other", 'b').await?;
    let (erika, max) = (
        address(&server, &c, "Muster").await?,
        address(&server, &c, "Max").await?,
    );
    let mut made = Vec::new();
    for owner in [erika, max, erika] {
        let result = create(&server, &c, documented(owner)).await?;
        assert_eq!(code(&result), 0, "{result}");
        made.push(first_id(&result)?);
    }
    // Another tenant's criterion for its own address of the same id never shows.
    let foreign = address(&server, &other, "Fremd").await?;
    assert_eq!(
        code(&create(&server, &other, documented(foreign)).await?),
        0
    );
    let urn = "urn:onoffice-de-ns:smart:2.5:relationTypes:address:searchcriteria";
    let read = |params: Value| {
        let mut params = params;
        params["relationtype"] = json!(urn);
        server.call(&c, ActionVerb::Get, "idsfromrelation", json!(""), params)
    };
    let by_address = read(json!({"parentids": [erika, max, 9999]})).await?;
    assert_eq!(code(&by_address), 0, "{by_address}");
    let s = |id: i64| id.to_string();
    assert_eq!(
        by_address["data"]["records"][0]["elements"],
        json!({ s(erika): [s(made[0]), s(made[2])], s(max): [s(made[1])], "9999": [] }),
    );
    let by_criterion = read(json!({"childids": [made[1], made[2]]})).await?;
    assert_eq!(
        by_criterion["data"]["records"][0]["elements"],
        json!({ s(made[1]): [s(max)], s(made[2]): [s(erika)] }),
    );
    // The link is the criterion's address: made by creating it, gone with it.
    let linked = server
        .call(
            &c,
            ActionVerb::Create,
            "relation",
            json!(""),
            json!({
                "relationtype": urn, "parentid": [max], "childid": [made[0]],
            }),
        )
        .await?;
    assert_eq!(code(&linked), 132, "{linked}");
    assert_eq!(code(&delete(&server, &c, made[1]).await?), 0);
    let after = read(json!({"parentids": [max]})).await?;
    assert_eq!(
        after["data"]["records"][0]["elements"],
        json!({ s(max): [] })
    );
    Ok(())
}
