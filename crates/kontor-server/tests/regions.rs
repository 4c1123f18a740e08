//! `get regions` and `get regionsLiveSearch`: the built-in region tree on the wire.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

async fn get(
    server: &TestServer,
    c: &Credentials,
    resource: &str,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    server
        .call(c, ActionVerb::Get, resource, json!(""), params)
        .await
}

fn records(result: &Value) -> Vec<Value> {
    result["data"]["records"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn state<'a>(records: &'a [Value], name: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["elements"]["name"] == name)
        .unwrap_or(&Value::Null)
}

#[tokio::test]
async fn regions_nest_cities_and_districts_under_the_states() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let deu = get(&server, &c, "regions", json!({"language": "DEU"})).await?;
    assert_eq!(deu["status"]["errorcode"], 0);
    assert_eq!(deu["cacheable"], true);
    let states = records(&deu);
    assert_eq!(states.len(), 16, "one record per state");
    let total = deu["data"]["meta"]["cntabsolute"].as_u64().unwrap_or(0);
    assert!(total >= 72, "cntabsolute counts every region: {total}");
    for s in &states {
        assert_eq!(s["id"], s["elements"]["id"]);
        assert_eq!(s["type"], "");
        assert!(s["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("openGeoDb_Region_")));
        assert_eq!(s["elements"]["country"], "Deutschland");
    }
    let nrw = state(&states, "Nordrhein-Westfalen");
    let koeln = &nrw["elements"]["children"]["openGeoDb_Region_1161"];
    assert_eq!(koeln["name"], "Köln");
    assert_eq!(koeln["state"], "Nordrhein-Westfalen");
    assert_eq!(koeln["postalcodes"], json!([["50667", "51149"]]));
    let nippes = &koeln["children"]["openGeoDb_Region_1204"];
    assert_eq!(nippes["name"], "Nippes");
    assert_eq!(nippes["children"], json!([]), "a leaf has PHP's []");
    assert_eq!(nippes["description"], Value::Null);

    let default = get(&server, &c, "regions", json!({})).await?;
    assert_eq!(default["data"], deu["data"], "German without a language");

    let eng = get(&server, &c, "regions", json!({"language": "ENG"})).await?;
    let eng_states = records(&eng);
    let nrw = state(&eng_states, "North Rhine-Westphalia");
    let cologne = &nrw["elements"]["children"]["openGeoDb_Region_1161"];
    assert_eq!(cologne["name"], "Cologne");
    assert_eq!(cologne["state"], "North Rhine-Westphalia");
    assert_eq!(cologne["country"], "Germany");
    assert_eq!(state(&eng_states, "Bavaria")["id"], "openGeoDb_Region_102");
    assert_eq!(
        state(&eng_states, "Saarland")["elements"]["name"],
        "Saarland",
        "German name where English has no other"
    );
    insta::assert_json_snapshot!("get_regions_bremen_eng", state(&eng_states, "Bremen"));

    let bad = get(&server, &c, "regions", json!({"language": "XXX"})).await?;
    assert_eq!(bad["status"]["errorcode"], 160);
    assert_eq!(bad["data"], json!([]));
    Ok(())
}

fn fields(result: &Value) -> Vec<String> {
    result["data"]["records"][0]["elements"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .filter_map(|h| h["field"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn live_search_finds_regions_by_name_prefix_ignoring_case_and_umlauts() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let aachen = get(
        &server,
        &c,
        "regionsLiveSearch",
        json!({"searchstring": "Aach"}),
    )
    .await?;
    assert_eq!(aachen["status"]["errorcode"], 0);
    assert_eq!(aachen["data"]["meta"]["cntabsolute"], Value::Null);
    insta::assert_json_snapshot!("get_regionslivesearch_aach", aachen["data"]);

    for query in ["köln", "KÖLN", "koeln", "Koln", "cologne"] {
        let found = get(
            &server,
            &c,
            "regionsLiveSearch",
            json!({"searchstring": query}),
        )
        .await?;
        assert_eq!(
            fields(&found),
            vec!["openGeoDb_Region_1161"],
            "{query} finds Köln"
        );
    }
    let muenchen = get(
        &server,
        &c,
        "regionsLiveSearch",
        json!({"searchstring": "münch", "language": "ENG"}),
    )
    .await?;
    assert_eq!(
        muenchen["data"]["records"][0]["elements"],
        json!([{"key": "2_1020", "title": "Bavaria - Munich", "field": "openGeoDb_Region_1020"}])
    );
    let districts = get(
        &server,
        &c,
        "regionsLiveSearch",
        json!({"searchstring": "nipp"}),
    )
    .await?;
    assert_eq!(
        districts["data"]["records"][0]["elements"][0]["title"],
        "Nordrhein-Westfalen - Köln - Nippes"
    );
    let none = get(
        &server,
        &c,
        "regionsLiveSearch",
        json!({"searchstring": "Xyz"}),
    )
    .await?;
    assert_eq!(none["data"]["records"][0]["elements"], json!([]));
    Ok(())
}

#[tokio::test]
async fn live_search_refuses_empty_and_oversized_search_strings() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    for params in [
        json!({}),
        json!({"searchstring": ""}),
        json!({"searchstring": "  "}),
    ] {
        let r = get(&server, &c, "regionsLiveSearch", params.clone()).await?;
        assert_eq!(r["status"]["errorcode"], 151, "{params}");
        assert_eq!(r["data"], json!([]));
        assert!(r["status"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("searchstring")));
    }
    let long = "a".repeat(101);
    let r = get(
        &server,
        &c,
        "regionsLiveSearch",
        json!({"searchstring": long}),
    )
    .await?;
    assert_eq!(r["status"]["errorcode"], 20);
    assert!(r["status"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("100 characters")));
    let r = get(&server, &c, "regionsLiveSearch", json!({"searchstring": 5})).await?;
    assert_eq!(
        r["status"]["errorcode"], 20,
        "a number is not a search string"
    );
    Ok(())
}
