//! Property test on the wire: any combination of the documented parameters of `read estate`
//! (language versions, `georangesearch`, `filterid`, `formatoutput`, `outputlanguage`,
//! `addMainLangId`, `addestatelanguage`, `recordids`, `resourceid`, filters, sorts and paging)
//! answers without a store error, and with the records a plain evaluation of the same request
//! over the data the test wrote gives, in the same order and with the same count.
//!
//! The WordPress plugin sends `estatelanguage` + `outputlanguage` + `addMainLangId` +
//! `georangesearch` on its estate lists; that combination was a store error (issue 14).
//! Runs on SQLite, and on PostgreSQL when `KONTOR_TEST_DATABASE_URL` is set.

mod common;
mod read_model;

use common::*;
use kontor_proto::ActionVerb;
use read_model::*;
use serde_json::json;

#[test]
fn every_combination_of_read_parameters_answers_what_a_plain_evaluation_gives() -> TestResult {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let (server, c, world) = runtime.block_on(async {
        let server = TestServer::start().await?;
        let c = server.tenant("demo", 'a').await?;
        let world = build(&server, &c).await?;
        Ok::<_, Box<dyn std::error::Error>>((server, c, world))
    })?;
    assert!(!world.eng.is_empty() && !world.fra.is_empty());
    run_reads(400, read(), |r| {
        let params = parameters(&world, &r);
        let resourceid = match r.resourceid {
            Some(i) => json!(main_id(&world, i).to_string()),
            None => json!(""),
        };
        let result = runtime
            .block_on(call(
                &server,
                &c,
                ActionVerb::Read,
                resourceid,
                params.clone(),
            ))
            .map_err(|e| e.to_string())?;
        check(&world, &r, &result).map_err(|e| format!("{e}\nrequest: {params}"))
    })?;
    Ok(())
}

/// The WordPress plugin's estate list in English, exactly as issue 14 reported it: it was
/// errorcode 1 ("no such column: breitengrad").
#[tokio::test]
async fn the_wordpress_english_list_with_a_radius_search_answers() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let (lat, lon) = point(3.0);
    let created = call(
        &server,
        &c,
        ActionVerb::Create,
        json!(""),
        json!({"data": {"breitengrad": lat, "laengengrad": lon, "objekttitel": "Haus"}}),
    )
    .await?;
    let main = created["data"]["records"][0]["id"]
        .as_i64()
        .ok_or("no id")?;
    let far = call(
        &server,
        &c,
        ActionVerb::Create,
        json!(""),
        json!({"data": {"breitengrad": 52.52, "laengengrad": 13.405}}),
    )
    .await?;
    for id in [json!(main), far["data"]["records"][0]["id"].clone()] {
        let english = call(
            &server,
            &c,
            ActionVerb::Modify,
            id,
            json!({"estatelanguage": "ENG", "data": {"objekttitel": "House"}}),
        )
        .await?;
        assert_eq!(english["status"]["errorcode"], 0, "{english}");
    }
    let listed = call(
        &server,
        &c,
        ActionVerb::Read,
        json!(""),
        json!({"data": ["Id", "objekttitel"], "estatelanguage": "ENG", "outputlanguage": "ENG",
               "addMainLangId": true,
               "georangesearch": {"radius": 500, "country": "DEU", "zip": "52068"}}),
    )
    .await?;
    assert_eq!(listed["status"]["errorcode"], 0, "{listed}");
    let records = listed["data"]["records"].as_array().ok_or("no records")?;
    assert_eq!(records.len(), 1, "Berlin is 500 km away: {listed}");
    assert_eq!(
        records[0]["elements"]["mainLangId"],
        json!(main.to_string())
    );
    assert_eq!(records[0]["elements"]["objekttitel"], "House");
    Ok(())
}

/// A price band moving over one rest of a query (a listing's slider), over language versions
/// and main estates, in a radius: the counts come from SQL, then from the values loaded for
/// the rest (`range_count.rs`), then from the cache, and stay what a plain evaluation gives.
#[test]
fn moving_price_bands_count_exactly_in_every_language() -> TestResult {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let server = TestServer::start().await?;
        let c = server.tenant("demo", 'a').await?;
        let world = build(&server, &c).await?;
        let bands = [
            (0.0, 260_000.0),
            (100_000.0, 400_000.0),
            (250_000.0, 250_000.5),
        ];
        for estatelanguage in [None, Some("ENG"), Some("FRA")] {
            for round in 0..3 {
                for (low, high) in bands {
                    let r = Read {
                        estatelanguage,
                        outputlanguage: None,
                        formatoutput: false,
                        add_main_lang_id: round == 1,
                        addestatelanguage: false,
                        geo: Some(Geo::Point(80.0)),
                        filterid: None,
                        filter: vec![Condition {
                            field: "kaufpreis",
                            op: "between",
                            val: json!([low, high]),
                        }],
                        sort: vec![("kaufpreis", true)],
                        limit: Some(3),
                        offset: None,
                        recordids: None,
                        resourceid: None,
                    };
                    let result = call(
                        &server,
                        &c,
                        ActionVerb::Read,
                        json!(""),
                        parameters(&world, &r),
                    )
                    .await?;
                    check(&world, &r, &result)
                        .map_err(|e| format!("{estatelanguage:?} round {round}: {e}"))?;
                }
            }
        }
        Ok(())
    })
}
