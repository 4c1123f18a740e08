//! `get search` on the wire: addresses and estates found by names, numbers, e-mail
//! addresses, phone fragments and typos, ranked; the index current after every write; other
//! tenants' records never found; bad input refused without writing anything.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use kontor_store::records::Module;
use kontor_store::RecordStore;
use serde_json::{json, Value};

async fn search(
    server: &TestServer,
    c: &Credentials,
    resourceid: &str,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    server
        .call(c, ActionVerb::Get, "search", json!(resourceid), params)
        .await
}

/// The ids found, in the order answered.
fn ids(result: &Value) -> Vec<i64> {
    result["data"]["records"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["id"].as_i64()).collect())
        .unwrap_or_default()
}

fn code(result: &Value) -> i64 {
    result["status"]["errorcode"].as_i64().unwrap_or(-1)
}

async fn create(
    server: &TestServer,
    c: &Credentials,
    resource: &str,
    params: Value,
) -> Result<i64, Box<dyn std::error::Error>> {
    let result = server
        .call(c, ActionVerb::Create, resource, json!(""), params)
        .await?;
    assert_eq!(code(&result), 0, "{result}");
    result["data"]["records"][0]["id"]
        .as_i64()
        .ok_or_else(|| format!("no id: {result}").into())
}

async fn address(
    server: &TestServer,
    c: &Credentials,
    params: Value,
) -> Result<i64, Box<dyn std::error::Error>> {
    create(server, c, "address", params).await
}

/// Four people and a company of one tenant.
struct People {
    max: i64,
    erika: i64,
    hans: i64,
    firma: i64,
}

async fn people(
    server: &TestServer,
    c: &Credentials,
) -> Result<People, Box<dyn std::error::Error>> {
    Ok(People {
        max: address(server, c, json!({"Vorname": "Max", "Name": "Mustermann",
            "email": "max.mustermann@example.org", "phone_business": "0241 4711-0"})).await?,
        erika: address(server, c, json!({"Vorname": "Erika", "Name": "Musterfrau",
            "email": "erika@example.org", "email_private": "eri@privat.de", "mobile": "0171 5550123"})).await?,
        hans: address(server, c, json!({"Vorname": "Hans", "Name": "Meier", "email": "hans@meier.de"})).await?,
        firma: address(server, c, json!({"Zusatz1": "Musterbau GmbH", "email": "info@musterbau.de"})).await?,
    })
}

#[tokio::test]
async fn a_surname_prefix_finds_the_people_and_the_company() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let p = people(&server, &c).await?;
    let found = search(&server, &c, "address", json!({"input": "Muster"})).await?;
    assert_eq!(code(&found), 0, "{found}");
    assert_eq!(found["data"]["meta"]["cntabsolute"], 3, "{found}");
    let mut got = ids(&found);
    got.sort();
    assert_eq!(got, vec![p.max, p.erika, p.firma]);
    // Terms combine with AND, in any field.
    let max = search(&server, &c, "address", json!({"input": "max muster"})).await?;
    assert_eq!(ids(&max), vec![p.max]);
    // Letter case does not matter.
    let meier = search(&server, &c, "address", json!({"input": "MEI"})).await?;
    assert_eq!(ids(&meier), vec![p.hans]);
    Ok(())
}

#[tokio::test]
async fn phone_fragments_and_all_emails_need_includecontactdata() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let p = people(&server, &c).await?;
    let without = search(&server, &c, "address", json!({"input": "4711"})).await?;
    assert_eq!(ids(&without), Vec::<i64>::new(), "{without}");
    assert_eq!(without["data"]["meta"]["cntabsolute"], 0);
    let with = search(
        &server,
        &c,
        "address",
        json!({"input": "4711", "includecontactdata": true}),
    )
    .await?;
    assert_eq!(ids(&with), vec![p.max], "{with}");
    // Written with other separators, a number is searched by its digits.
    let digits = search(
        &server,
        &c,
        "address",
        json!({"input": "0241/4711", "includecontactdata": "1"}),
    )
    .await?;
    assert_eq!(ids(&digits), vec![p.max], "{digits}");
    let mobile = search(
        &server,
        &c,
        "address",
        json!({"input": "5550123", "includecontactdata": true}),
    )
    .await?;
    assert_eq!(ids(&mobile), vec![p.erika]);
    // The main e-mail address is searched by default, the others only with contact data.
    let main = search(
        &server,
        &c,
        "address",
        json!({"input": "erika@example.org"}),
    )
    .await?;
    assert_eq!(ids(&main), vec![p.erika]);
    let private = search(&server, &c, "address", json!({"input": "eri@privat"})).await?;
    assert_eq!(ids(&private), Vec::<i64>::new());
    let private = search(
        &server,
        &c,
        "address",
        json!({"input": "eri@privat", "includecontactdata": true}),
    )
    .await?;
    assert_eq!(ids(&private), vec![p.erika]);
    Ok(())
}

#[tokio::test]
async fn a_typo_still_finds_the_name() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let p = people(&server, &c).await?;
    for typo in ["Mustermnn", "Mustremann", "Musterrmann", "Maier"] {
        let found = search(&server, &c, "address", json!({"input": typo})).await?;
        let expected = if typo == "Maier" { p.hans } else { p.max };
        assert_eq!(ids(&found), vec![expected], "{typo}: {found}");
    }
    // Two edits in a short word are no typo.
    let far = search(&server, &c, "address", json!({"input": "Moyer"})).await?;
    assert_eq!(ids(&far), Vec::<i64>::new(), "{far}");
    Ok(())
}

#[tokio::test]
async fn hits_are_ranked_number_value_prefix_word_fragment_typo() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let typo = address(&server, &c, json!({"Name": "Maier"})).await?;
    let fragment = address(&server, &c, json!({"Name": "Obermeier"})).await?;
    let word = address(&server, &c, json!({"Name": "Hans-Meier"})).await?;
    let prefix = address(&server, &c, json!({"Name": "Meierhof"})).await?;
    let value = address(&server, &c, json!({"Name": "Meier"})).await?;
    let found = search(&server, &c, "address", json!({"input": "meier"})).await?;
    assert_eq!(
        ids(&found),
        vec![value, prefix, word, fragment, typo],
        "{found}"
    );
    assert_eq!(found["data"]["meta"]["cntabsolute"], 5);
    // Pages of the ranked list.
    let page = search(
        &server,
        &c,
        "address",
        json!({"input": "meier", "listlimit": 2, "listoffset": "2"}),
    )
    .await?;
    assert_eq!(ids(&page), vec![word, fragment]);
    assert_eq!(page["data"]["meta"]["cntabsolute"], 5);
    let past = search(
        &server,
        &c,
        "address",
        json!({"input": "meier", "listoffset": 10}),
    )
    .await?;
    assert_eq!(ids(&past), Vec::<i64>::new());
    assert_eq!(past["data"]["meta"]["cntabsolute"], 5, "{past}");
    // sortby orders by the field first.
    let sorted = search(
        &server,
        &c,
        "address",
        json!({"input": "meier", "sortby": "Name", "sortorder": "DESC"}),
    )
    .await?;
    assert_eq!(
        ids(&sorted),
        vec![fragment, prefix, value, typo, word],
        "{sorted}"
    );
    Ok(())
}

#[tokio::test]
async fn estates_are_found_by_external_number_street_and_city() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let pc910 = create(
        &server,
        &c,
        "estate",
        json!({"data": {"objektnr_extern": "PC910", "objektart": "haus",
        "strasse": "Musterstrasse", "hausnummer": "12", "plz": "52064", "ort": "Aachen",
        "vermarktungsart": "kauf"}}),
    )
    .await?;
    let koeln = create(&server, &c, "estate", json!({"data": {"objektnr_extern": "K-1", "objektart": "wohnung",
        "strasse": "Domstraße", "hausnummer": "3", "plz": "50667", "ort": "Köln", "vermarktungsart": "miete",
        "objekttitel": "Wohnung mit Domblick"}})).await?;
    let aachen = create(&server, &c, "estate", json!({"data": {"objektnr_extern": "PC911", "objektart": "wohnung",
        "strasse": "Musterstrasse", "hausnummer": "14", "plz": "52064", "ort": "Aachen", "vermarktungsart": "miete"}})).await?;
    let successor = create(
        &server,
        &c,
        "estate",
        json!({"data": {"objektnr_extern": "X1",
        "objekttitel": "PC9100 Nachfolger", "ort": "Stolberg"}}),
    )
    .await?;
    let owner = address(&server, &c, json!({"Vorname": "Max", "Name": "Mustermann"})).await?;
    let linked = server
        .call(
            &c,
            ActionVerb::Create,
            "relation",
            json!(""),
            json!({
                "relationtype": "urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:owner",
                "parentid": [pc910], "childid": [owner],
            }),
        )
        .await?;
    assert_eq!(linked["status"]["errorcode"], 0, "{linked}");

    // The external number equal to the term comes before a title starting with it.
    let by_number = search(&server, &c, "estate", json!({"input": "pc910"})).await?;
    assert_eq!(ids(&by_number), vec![pc910, successor], "{by_number}");
    insta::assert_json_snapshot!("search_estate", by_number);
    let by_city = search(&server, &c, "estate", json!({"input": "Aachen"})).await?;
    assert_eq!(ids(&by_city), vec![pc910, aachen]);
    let umlaut = search(&server, &c, "estate", json!({"input": "köln"})).await?;
    assert_eq!(ids(&umlaut), vec![koeln]);
    // Street and house number narrow each other.
    let street = search(&server, &c, "estate", json!({"input": "Musterstrasse 14"})).await?;
    assert_eq!(ids(&street), vec![aachen], "{street}");
    let title = search(&server, &c, "estate", json!({"input": "domblick"})).await?;
    assert_eq!(ids(&title), vec![koeln]);
    // filter and filterId narrow the search as they narrow a read.
    let filtered = search(
        &server,
        &c,
        "estate",
        json!({"input": "Aachen",
        "filter": {"vermarktungsart": [{"op": "=", "val": "miete"}]}}),
    )
    .await?;
    assert_eq!(ids(&filtered), vec![aachen], "{filtered}");
    let filter_id = server.saved_filter(&c).await?;
    let saved = search(
        &server,
        &c,
        "estate",
        json!({"input": "Aachen", "filterId": filter_id}),
    )
    .await?;
    assert_eq!(ids(&saved), vec![pc910], "{saved}");
    let sorted = search(
        &server,
        &c,
        "estate",
        json!({"input": "Musterstrasse", "sortby": "hausnummer", "sortorder": "DESC"}),
    )
    .await?;
    assert_eq!(ids(&sorted), vec![aachen, pc910]);
    Ok(())
}

#[tokio::test]
async fn the_address_answer_has_the_documented_shape() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    people(&server, &c).await?;
    let found = search(&server, &c, "address", json!({"input": "Erika Musterfrau"})).await?;
    insta::assert_json_snapshot!("search_address", found);
    let company = search(&server, &c, "address", json!({"input": "Musterbau"})).await?;
    insta::assert_json_snapshot!("search_address_company", company);
    Ok(())
}

#[tokio::test]
async fn another_tenants_records_are_never_found() -> TestResult {
    let server = TestServer::start().await?;
    let a = server.tenant("a", 'a').await?;
    let b = server.tenant("b", 'b').await?;
    let mine = address(&server, &a, json!({"Vorname": "Max", "Name": "Mustermann"})).await?;
    address(
        &server,
        &b,
        json!({"Vorname": "Max", "Name": "Mustermann", "email": "max@b.de"}),
    )
    .await?;
    address(
        &server,
        &b,
        json!({"Vorname": "Moritz", "Name": "Mustermann"}),
    )
    .await?;
    let found = search(&server, &a, "address", json!({"input": "Mustermann"})).await?;
    assert_eq!(ids(&found), vec![mine]);
    assert_eq!(found["data"]["meta"]["cntabsolute"], 1);
    // Nor through the typo vocabulary: "Moritz" is only b's word.
    let typo = search(&server, &a, "address", json!({"input": "Morits"})).await?;
    assert_eq!(ids(&typo), Vec::<i64>::new(), "{typo}");
    let other = search(&server, &a, "address", json!({"input": "max@b.de"})).await?;
    assert_eq!(ids(&other), Vec::<i64>::new());
    Ok(())
}

#[tokio::test]
async fn the_index_follows_modify_and_delete() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let p = people(&server, &c).await?;
    let modified = server.call(&c, ActionVerb::Modify, "address", json!(p.hans),
        json!({"Name": "Schmitz", "email": {"action": "add", "newvalue": "hs@neu.de", "default": true}})).await?;
    assert_eq!(code(&modified), 0, "{modified}");
    let old = search(&server, &c, "address", json!({"input": "Meier"})).await?;
    assert_eq!(ids(&old), Vec::<i64>::new(), "{old}");
    let new = search(&server, &c, "address", json!({"input": "schmitz"})).await?;
    assert_eq!(ids(&new), vec![p.hans]);
    let email = search(&server, &c, "address", json!({"input": "hs@neu"})).await?;
    assert_eq!(
        ids(&email),
        vec![p.hans],
        "the new main e-mail address: {email}"
    );
    // The first name was not changed and is still found.
    let first = search(&server, &c, "address", json!({"input": "Hans Schmitz"})).await?;
    assert_eq!(ids(&first), vec![p.hans]);
    // Estates too.
    let estate = create(&server, &c, "estate", json!({"data": {"ort": "Aachen"}})).await?;
    server
        .call(
            &c,
            ActionVerb::Modify,
            "estate",
            json!(estate),
            json!({"data": {"ort": "Düren"}}),
        )
        .await?;
    let moved = search(&server, &c, "estate", json!({"input": "düren"})).await?;
    assert_eq!(ids(&moved), vec![estate], "{moved}");
    let gone = search(&server, &c, "estate", json!({"input": "aachen"})).await?;
    assert_eq!(ids(&gone), Vec::<i64>::new());
    // The API deletes neither; the store's delete takes the index row with the record.
    assert!(
        server
            .store
            .store
            .delete_record(c.tenant, Module::ADDRESS, p.max)
            .await?
    );
    let deleted = search(&server, &c, "address", json!({"input": "Mustermann"})).await?;
    assert_eq!(ids(&deleted), Vec::<i64>::new(), "{deleted}");
    assert!(
        server
            .store
            .store
            .delete_record(c.tenant, Module::ESTATE, estate)
            .await?
    );
    let deleted = search(&server, &c, "estate", json!({"input": "düren"})).await?;
    assert_eq!(ids(&deleted), Vec::<i64>::new());
    Ok(())
}

#[tokio::test]
async fn search_syntax_in_the_input_is_searched_as_written() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let quoted = address(&server, &c, json!({"Name": "O\"Neil (NEAR) -xy*"})).await?;
    let plain = address(&server, &c, json!({"Name": "Neil Near"})).await?;
    for input in [
        "\"",
        "\"neil",
        "NEAR",
        "(near)",
        "-xy",
        "o\"neil*",
        "near OR neil",
        "neil:near",
        "NEAR(neil near)",
        "%near%",
        "_ear",
        "\\near",
        "{body}: neil",
        "'; DROP TABLE addresses; --",
    ] {
        let found = search(&server, &c, "address", json!({"input": input})).await?;
        let expected = match input {
            "\"" => code(&found), // too short, answered below
            _ => 0,
        };
        assert_eq!(code(&found), expected, "{input}: {found}");
        let got = ids(&found);
        match input {
            "\"neil" | "(near)" | "-xy" | "o\"neil*" => {
                assert_eq!(got, vec![quoted], "{input}: {found}")
            }
            "NEAR" => assert_eq!(got, vec![plain, quoted], "{input}: {found}"),
            "near OR neil" | "near neil" => assert_eq!(got, Vec::<i64>::new(), "{input}: {found}"),
            _ => {}
        }
    }
    // "%" and "*" stand for anything: they do not make a term match everything.
    let wild = search(&server, &c, "address", json!({"input": "%ea*"})).await?;
    assert_eq!(code(&wild), 151, "{wild}");
    Ok(())
}

#[tokio::test]
async fn bad_input_is_refused_and_writes_nothing() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    people(&server, &c).await?;
    let before = server.store.store.tenant_generation(c.tenant).await?;
    let long = "a".repeat(10_000);
    let cases = [
        (
            "address",
            json!({"input": long}),
            255,
            "at most 200 characters",
        ),
        (
            "address",
            json!({"input": ""}),
            69,
            "Search cannot be empty",
        ),
        (
            "address",
            json!({"input": "   "}),
            69,
            "Search cannot be empty",
        ),
        (
            "address",
            json!({"input": "*** %%"}),
            69,
            "Search cannot be empty",
        ),
        ("address", json!({}), 167, "input"),
        ("address", json!({"input": ["Max"]}), 20, "search string"),
        (
            "address",
            json!({"input": "ab c"}),
            151,
            "at least one word of 3 characters",
        ),
        (
            "address",
            json!({"input": "a b c d e f g h i"}),
            255,
            "at most 8 words",
        ),
        (
            "address",
            json!({"input": "Max", "sortby": "Ort"}),
            212,
            "sort by one of KdNr",
        ),
        (
            "address",
            json!({"input": "Max", "sortorder": "UP"}),
            255,
            "ASC or DESC",
        ),
        (
            "address",
            json!({"input": "Max", "listlimit": -1}),
            20,
            "a count from 0",
        ),
        (
            "address",
            json!({"input": "Max", "casesensitive": true}),
            199,
            "casesensitive",
        ),
        (
            "estate",
            json!({"input": "Aachen", "filter": {"nope": [{"op": "=", "val": 1}]}}),
            141,
            "nope",
        ),
        (
            "estate",
            json!({"input": "Aachen", "filterId": 999}),
            284,
            "999",
        ),
        (
            "task",
            json!({"input": "Max"}),
            24,
            "address, estate or searchcriteria",
        ),
        (
            "",
            json!({"input": "Max"}),
            24,
            "address, estate or searchcriteria",
        ),
        (
            "searchcriteria",
            json!({"searchdata": {"Zimmer": "4"}}),
            141,
            "Zimmer",
        ),
    ];
    for (resourceid, params, expected, message) in cases {
        let result = search(&server, &c, resourceid, params.clone()).await?;
        assert_eq!(code(&result), expected, "{resourceid} {params}: {result}");
        let text = result["status"]["message"].as_str().unwrap_or("");
        assert!(text.contains(message), "{resourceid} {params}: {text}");
        assert_eq!(result["data"], json!([]), "{result}");
    }
    assert_eq!(
        server.store.store.tenant_generation(c.tenant).await?,
        before
    );
    // A short number alone is an exact customer number.
    let number = search(&server, &c, "address", json!({"input": 1})).await?;
    assert_eq!(code(&number), 0, "{number}");
    assert_eq!(number["data"]["records"][0]["elements"]["customerno"], 1);
    Ok(())
}
