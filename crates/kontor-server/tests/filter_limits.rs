//! The bounds of a read's filter, on both backends: the largest filter allowed answers, a
//! larger one is refused, and neither is a store error.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Value};

/// The largest filter the parser takes (10,000 values in all, here over text columns, text
/// and number document fields, sorted by an `in` column) answers without a store error on
/// either backend; one value more is refused with 257: every value is a bound parameter, and
/// 60,000 of them were a store error (SQLite takes 32,766 per statement).
#[tokio::test]
async fn the_largest_filter_allowed_answers_and_a_larger_one_is_refused() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let created = server
        .call(
            &c,
            ActionVerb::Create,
            "estate",
            json!(""),
            json!({"data": {"ort": "Aachen", "objekttitel": "Haus", "kaufpreis": 5}}),
        )
        .await?;
    assert_eq!(created["status"]["errorcode"], 0, "{created}");
    let texts = |n: usize| -> Vec<Value> { (0..n).map(|i| json!(format!("v{i}"))).collect() };
    let numbers: Vec<Value> = (0..2_000).map(|i| json!(i)).collect();
    // Unset reads as 0, which the `not in` leaves out.
    let positive: Vec<Value> = (1..=2_000).map(|i| json!(i)).collect();
    let mut ort = texts(19);
    ort.push(json!("Aachen"));
    let filter = |extra: usize| {
        json!({
            "ort": [{"op": "in", "val": ort}],
            "objekttitel": [{"op": "not in", "val": texts(2_000)}],
            "plz": [{"op": "not in", "val": texts(2_000)}],
            "strasse": [{"op": "not in", "val": texts(1_980 + extra)}],
            "kaufpreis": [{"op": "in", "val": numbers}],
            "anzahl_zimmer": [{"op": "not in", "val": positive}],
        })
    };
    let read = |filter: Value| {
        server.call(
            &c,
            ActionVerb::Read,
            "estate",
            json!(""),
            json!({"data": ["Id"], "filter": filter, "sortby": {"ort": "ASC"}}),
        )
    };
    let largest = read(filter(0)).await?;
    assert_eq!(largest["status"]["errorcode"], 0, "{}", largest["status"]);
    assert_eq!(largest["data"]["meta"]["cntabsolute"], 1);
    let larger = read(filter(1)).await?;
    assert_eq!(larger["status"]["errorcode"], 257, "{}", larger["status"]);
    Ok(())
}
