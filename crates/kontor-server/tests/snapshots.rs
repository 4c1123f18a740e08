//! Whole answers on the wire, kept as reviewed snapshots (`tests/snapshots/`): one per
//! parameter of the estate and address calls and the field-configuration gets, and one per
//! kind of bad input. They pin what unit assertions leave open: every key and its place,
//! every value's JSON type (strings for numbers, `null` for unset selects), `elements` as an
//! object or `[]`, `cntabsolute`, and the status and message of each error.
//!
//! The same snapshots hold on SQLite and PostgreSQL. Values that change from run to run
//! (uuids, creation and change dates) are replaced by `[uuid]` and `[date]`.
//!
//! After a deliberate change: `INSTA_UPDATE=always cargo test -p kontor-server --test
//! snapshots`, then review the diff of the `.snap` files like code.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The first result of a one-action request, redacted.
async fn result(
    server: &TestServer,
    c: &Credentials,
    verb: ActionVerb,
    resource: &str,
    resourceid: Value,
    params: Value,
) -> Result<Value> {
    let mut action = action_v2(c, verb, resource, params);
    action["resourceid"] = resourceid;
    let json = server.post(&envelope(c, vec![action])).await?;
    let mut result = json["response"]["results"][0].clone();
    redact(&mut result);
    Ok(result)
}

async fn read(
    server: &TestServer,
    c: &Credentials,
    resource: &str,
    params: Value,
) -> Result<Value> {
    result(server, c, ActionVerb::Read, resource, json!(""), params).await
}

async fn get(server: &TestServer, c: &Credentials, resource: &str, params: Value) -> Result<Value> {
    result(server, c, ActionVerb::Get, resource, json!(""), params).await
}

async fn create(
    server: &TestServer,
    c: &Credentials,
    resource: &str,
    params: Value,
) -> Result<Value> {
    result(server, c, ActionVerb::Create, resource, json!(""), params).await
}

/// Three estates of different kinds, as a website's office would enter them.
async fn estates(server: &TestServer, c: &Credentials) -> Result<()> {
    let rows = [
        json!({"objektart": "haus", "objekttyp": "einfamilienhaus", "vermarktungsart": "kauf", "nutzungsart": "wohnen",
               "kaufpreis": 350000, "ort": "Aachen", "plz": "52062", "strasse": "Markt", "hausnummer": "1",
               "status": "1", "wohnflaeche": "140.5", "anzahl_zimmer": 5, "heizungsart": ["zentral", "fussboden"],
               "veroeffentlichen": true, "breitengrad": 50.7753, "laengengrad": 6.0839,
               "objekttitel": "Stadthaus \"Am Markt\" / Altbau"}),
        json!({"objektart": "wohnung", "vermarktungsart": "kauf", "kaufpreis": "199000.50", "ort": "Köln",
               "plz": "50667", "status": "1", "wohnflaeche": 72, "heizungsart": ["fern"],
               "breitengrad": 50.9384, "laengengrad": 6.9599, "objekttitel": "Wohnung mit Domblick"}),
        json!({"objektart": "wohnung", "vermarktungsart": "miete", "kaltmiete": 850, "ort": "Aachen", "plz": "52064",
               "status": "2", "wohnflaeche": 65, "breitengrad": 50.7705, "laengengrad": 6.0734}),
    ];
    for row in rows {
        let created = create(server, c, "estate", json!({"data": row})).await?;
        assert_eq!(created["status"]["errorcode"], 0, "{created}");
    }
    Ok(())
}

#[tokio::test]
async fn estate_reads() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    estates(&server, &c).await?;
    let raw = read(&server, &c, "estate", json!({
        "data": ["Id", "kaufpreis", "kaltmiete", "objektart", "objekttyp", "heizungsart", "veroeffentlichen",
                 "wohnflaeche", "anzahl_zimmer", "strasse", "breitengrad", "uuid", "erstellt_am", "geaendert_am"],
        "sortby": {"Id": "ASC"}, "listlimit": 2,
    })).await?;
    insta::assert_json_snapshot!("read_estate_raw", raw);
    let data = json!([
        "Id",
        "kaufpreis",
        "objektart",
        "heizungsart",
        "veroeffentlichen",
        "wohnflaeche",
        "erstellt_am"
    ]);
    let deu = read(
        &server,
        &c,
        "estate",
        json!({"data": data, "formatoutput": true, "sortby": {"Id": "ASC"}, "listlimit": 1}),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_formatted_deu", deu);
    let eng = read(&server, &c, "estate", json!({"data": data, "formatoutput": true, "outputlanguage": "ENG", "sortby": {"Id": "ASC"}, "listlimit": 1})).await?;
    insta::assert_json_snapshot!("read_estate_formatted_eng", eng);
    let operators = read(
        &server,
        &c,
        "estate",
        json!({
            "data": ["Id", "ort", "kaufpreis"],
            "filter": {
                "kaufpreis": [{"op": "between", "val": [100000, 400000]}],
                "ort": [{"op": "like", "val": "%ö%"}],
                "objektart": [{"op": "IN", "val": ["haus", "wohnung"]}],
                "status": [{"op": "<>", "val": 0}],
                "plz": [{"op": "not like", "val": "52%"}],
            },
        }),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_filter_operators", operators);
    let string_sort = read(
        &server,
        &c,
        "estate",
        json!({"data": ["Id", "kaufpreis"], "sortby": "kaufpreis", "sortorder": "DESC"}),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_sortby_string", string_sort);
    let page = read(&server, &c, "estate", json!({"data": ["Id", "ort"], "sortby": {"ort": "ASC", "Id": "DESC"}, "listlimit": 1, "listoffset": 1})).await?;
    insta::assert_json_snapshot!("read_estate_page", page);
    let none = read(
        &server,
        &c,
        "estate",
        json!({"data": ["Id"], "filter": {"ort": [{"op": "=", "val": "Berlin"}]}}),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_no_match", none);
    let no_data = read(&server, &c, "estate", json!({"listlimit": 1})).await?;
    insta::assert_json_snapshot!("read_estate_no_data", no_data);
    let one = result(
        &server,
        &c,
        ActionVerb::Read,
        "estate",
        json!(2),
        json!({"data": ["Id", "ort", "objekttitel"]}),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_resourceid", one);
    Ok(())
}

#[tokio::test]
async fn estate_languages_geo_and_saved_filters() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    estates(&server, &c).await?;
    let english = result(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(1),
        json!({"estatelanguage": "ENG", "data": {"objekttitel": "Town house \"On the market\""}}),
    )
    .await?;
    insta::assert_json_snapshot!("modify_estate_language_version", english);
    let main = read(
        &server,
        &c,
        "estate",
        json!({"data": ["Id", "objekttitel"], "estatelanguage": "DEU",
        "addestatelanguage": true, "addMainLangId": true, "listlimit": 1}),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_main_language", main);
    let version = read(
        &server,
        &c,
        "estate",
        json!({"data": ["Id", "objekttitel", "ort"], "estatelanguage": "ENG",
        "addestatelanguage": true, "addMainLangId": true}),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_language_version", version);
    let by_zip = read(
        &server,
        &c,
        "estate",
        json!({"data": ["Id", "ort"],
        "georangesearch": {"country": "DEU", "zip": "52062", "radius": "5"}}),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_georange_zip", by_zip);
    let by_point = read(
        &server,
        &c,
        "estate",
        json!({"data": ["Id", "ort"],
        "georangesearch": {"latitude": "50.9384", "longitude": "6.9599", "radius": "2"}}),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_georange_point", by_point);
    let id = server.saved_filter(&c).await?;
    let filters = get(&server, &c, "filters", json!({"module": "estate"})).await?;
    insta::assert_json_snapshot!("get_filters", filters);
    let saved = read(
        &server,
        &c,
        "estate",
        json!({"data": ["Id", "vermarktungsart"], "filterid": id}),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_filterid", saved);
    Ok(())
}

#[tokio::test]
async fn estate_writes() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let created = create(
        &server,
        &c,
        "estate",
        json!({"data": {"objektart": "haus", "kaufpreis": 250000, "ort": "Bonn"}}),
    )
    .await?;
    insta::assert_json_snapshot!("create_estate", created);
    let modified = result(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(1),
        json!({"data": {"kaufpreis": 240000, "heizungsart": ["fern", "ofen"]}}),
    )
    .await?;
    insta::assert_json_snapshot!("modify_estate", modified);
    let not_permitted = result(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(1),
        json!({"data": {"heizungsart": ["gas"]}}),
    )
    .await?;
    insta::assert_json_snapshot!("modify_estate_value_not_permitted", not_permitted);
    let after = read(
        &server,
        &c,
        "estate",
        json!({"data": ["Id", "kaufpreis", "heizungsart", "ort"]}),
    )
    .await?;
    insta::assert_json_snapshot!("read_estate_after_modify", after);
    let unknown = create(
        &server,
        &c,
        "estate",
        json!({"data": {"kaufpreis": 1, "no_such_field": 2}}),
    )
    .await?;
    insta::assert_json_snapshot!("create_estate_unknown_field", unknown);
    let not_permitted = create(
        &server,
        &c,
        "estate",
        json!({"data": {"objektart": "schloss"}}),
    )
    .await?;
    insta::assert_json_snapshot!("create_estate_value_not_permitted", not_permitted);
    let wrong_type = create(
        &server,
        &c,
        "estate",
        json!({"data": {"kaufpreis": "teuer"}}),
    )
    .await?;
    insta::assert_json_snapshot!("create_estate_wrong_type", wrong_type);
    let read_only = result(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(1),
        json!({"data": {"Id": 7}}),
    )
    .await?;
    insta::assert_json_snapshot!("modify_estate_read_only_field", read_only);
    let missing = result(
        &server,
        &c,
        ActionVerb::Modify,
        "estate",
        json!(99),
        json!({"data": {"kaufpreis": 1}}),
    )
    .await?;
    insta::assert_json_snapshot!("modify_estate_unknown_record", missing);
    Ok(())
}

#[tokio::test]
async fn estate_bad_reads() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let many: serde_json::Map<String, Value> = (0..10_000)
        .map(|i| (format!("f{i}"), json!([{"op": "=", "val": 1}])))
        .collect();
    let cases = [
        (
            "ten_thousand_conditions",
            json!({"filter": Value::Object(many)}),
        ),
        ("unknown_data_field", json!({"data": ["Id", "nope"]})),
        (
            "unknown_filter_field",
            json!({"filter": {"nope": [{"op": "=", "val": 1}]}}),
        ),
        ("unknown_sort_field", json!({"sortby": {"nope": "ASC"}})),
        (
            "unknown_operator",
            json!({"filter": {"kaufpreis": [{"op": "~=", "val": 1}]}}),
        ),
        (
            "between_one_value",
            json!({"filter": {"kaufpreis": [{"op": "between", "val": [1]}]}}),
        ),
        (
            "in_object",
            json!({"filter": {"ort": [{"op": "in", "val": {"city": "Aachen"}}]}}),
        ),
        ("negative_listlimit", json!({"listlimit": -1})),
        ("absurd_listoffset", json!({"listoffset": "1e400"})),
        (
            "sql_in_field_name",
            json!({"data": ["Id", "kaufpreis) OR 1=1 --"]}),
        ),
        (
            "json_path_in_field_name",
            json!({"filter": {"$.kaufpreis": [{"op": "=", "val": 1}]}}),
        ),
    ];
    for (name, params) in cases {
        let answer = read(&server, &c, "estate", params).await?;
        insta::assert_json_snapshot!(format!("read_estate_bad_{name}"), answer);
    }
    Ok(())
}

#[tokio::test]
async fn address_calls() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let created = create(&server, &c, "address", json!({
        "Vorname": "Erika", "Name": "Muster", "Anrede": "Frau", "Land": "DEU", "Ort": "Aachen",
        "email": "erika@example.org", "phone": "0241 123456", "mobile": "0171 555", "AGB_akzeptiert": true,
    })).await?;
    insta::assert_json_snapshot!("create_address", created);
    create(&server, &c, "address", json!({"Vorname": "Max", "Name": "Keller", "Land": "CHE", "email": ["max@example.ch", "m@k.ch"]})).await?;
    let params = json!({"data": ["Vorname", "Name", "Anrede", "Land", "email", "phone", "mobile", "defaultemail", "imageUrl", "AGB_akzeptiert"],
        "recordids": [1, 2]});
    let both = read(&server, &c, "address", params.clone()).await?;
    insta::assert_json_snapshot!("read_address_recordids_contacts", both);
    let mut coded = params;
    coded["countryIsoCodeType"] = json!("ISO-3166-2");
    let codes = read(&server, &c, "address", coded).await?;
    insta::assert_json_snapshot!("read_address_country_iso_code", codes);
    let formatted = result(&server, &c, ActionVerb::Read, "address", json!(1),
        json!({"data": ["Anrede", "Land", "AGB_akzeptiert"], "formatoutput": true, "outputlanguage": "ENG"})).await?;
    insta::assert_json_snapshot!("read_address_formatted", formatted);
    let modified = result(&server, &c, ActionVerb::Modify, "address", json!(1), json!({
        "Name": "Musterfrau",
        "email": {"action": "modify", "oldvalue": "erika@example.org", "newvalue": "erika@muster.de", "default": true},
    })).await?;
    insta::assert_json_snapshot!("modify_address", modified);
    let after = result(
        &server,
        &c,
        ActionVerb::Read,
        "address",
        json!(1),
        json!({"data": ["Name", "email", "defaultemail"]}),
    )
    .await?;
    insta::assert_json_snapshot!("read_address_after_modify", after);
    let duplicate = create(&server, &c, "address", json!({"Vorname": "Erika", "Name": "Muster", "email": "erika@muster.de", "checkDuplicate": true})).await?;
    insta::assert_json_snapshot!("create_address_duplicate", duplicate);
    let unknown = create(
        &server,
        &c,
        "address",
        json!({"Name": "X", "Schuhgroesse": 44}),
    )
    .await?;
    insta::assert_json_snapshot!("create_address_unknown_field", unknown);
    Ok(())
}

#[tokio::test]
async fn field_configuration_gets() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let cases = [
        (
            "get_fields_labels_eng",
            "fields",
            json!({"labels": true, "language": "ENG", "modules": ["estate"],
            "fieldList": ["Id", "objektart", "heizungsart", "kaufpreis", "erstellt_am"]}),
        ),
        (
            "get_fields_plain",
            "fields",
            json!({"modules": ["estate", "address"], "fieldList": ["kaufpreis", "Anrede"]}),
        ),
        (
            "get_fields_extras",
            "fields",
            json!({"modules": ["estate"], "fieldList": ["kaufpreis", "wohnflaeche"],
            "showTable": true, "showContent": true, "showFieldMeasureFormat": true, "realDataTypes": true}),
        ),
        (
            "get_fields_filters_dependencies",
            "fields",
            json!({"modules": ["estate"], "fieldList": ["kaufpreis", "objekttyp"],
            "showfieldfilters": true, "showfielddependencies": true}),
        ),
        (
            "get_fields_only_inactive",
            "fields",
            json!({"modules": ["estate"], "showOnlyInactive": true}),
        ),
        (
            "get_fields_unknown_module",
            "fields",
            json!({"modules": ["estates"]}),
        ),
        (
            "get_estate_categories",
            "estateCategories",
            json!({"language": "ENG"}),
        ),
        (
            "get_multiselectconfiguration",
            "multiselectconfiguration",
            json!({"module": "estate", "fields": ["heizungsart"], "language": "ENG"}),
        ),
        ("get_filters_empty", "filters", json!({"module": "address"})),
    ];
    for (name, resource, params) in cases {
        let answer = get(&server, &c, resource, params).await?;
        insta::assert_json_snapshot!(name, answer);
    }
    let values = result(
        &server,
        &c,
        ActionVerb::Get,
        "confignewaddressfields",
        json!("fieldvalues"),
        json!({"fieldname": "Anrede"}),
    )
    .await?;
    insta::assert_json_snapshot!("get_confignewaddressfields", values);
    let no_resource = get(
        &server,
        &c,
        "confignewaddressfields",
        json!({"fieldname": "Anrede"}),
    )
    .await?;
    insta::assert_json_snapshot!("get_confignewaddressfields_without_resourceid", no_resource);
    Ok(())
}
