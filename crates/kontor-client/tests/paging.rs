//! Paging over a list of 1,234 records served by a stand-in that honours `listlimit`,
//! `listoffset` and reports `cntabsolute`. (The same walk against Kontor's own `read estate`
//! is in `paging_kontor.rs` once estates exist.)

mod common;

use std::sync::Arc;

use common::{actions, envelope, result, StandIn, TestResult};
use futures_util::TryStreamExt;
use kontor_client::{Action, ActionVerb, RecordId};
use serde_json::json;

const TOTAL: u64 = 1234;

async fn estates() -> Result<StandIn, Box<dyn std::error::Error>> {
    StandIn::start(Arc::new(|_, body| {
        let action = &actions(body)[0];
        let limit = action["parameters"]["listlimit"]
            .as_u64()
            .unwrap_or(20)
            .min(500);
        let offset = action["parameters"]["listoffset"].as_u64().unwrap_or(0);
        let records = (offset..(offset + limit).min(TOTAL))
            .map(
                |i| json!({"id": i + 1, "type": "estate", "elements": {"Id": (i + 1).to_string()}}),
            )
            .collect();
        (
            200,
            envelope(vec![result(action, true, records, Some(TOTAL))]),
        )
    }))
    .await
}

#[tokio::test]
async fn the_stream_walks_every_record_in_pages_of_at_most_500() -> TestResult {
    let server = estates().await?;
    let client = server.client()?.build()?;
    let read = Action::new(ActionVerb::Read, "estate").param("data", vec!["Id"]);
    let records: Vec<_> = client.pager(read).into_stream().try_collect().await?;
    assert_eq!(records.len() as u64, TOTAL);
    let ids: Vec<_> = records.iter().map(|r| r.id.clone()).collect();
    let expected: Vec<_> = (1..=TOTAL as i64).map(RecordId::Int).collect();
    assert_eq!(ids, expected, "no record lost or repeated");
    let pages: Vec<(u64, u64)> = server
        .bodies()
        .iter()
        .map(|b| {
            let p = &actions(b)[0]["parameters"];
            (
                p["listlimit"].as_u64().unwrap_or(0),
                p["listoffset"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(pages, [(500, 0), (500, 500), (500, 1000)]);
    Ok(())
}

#[tokio::test]
async fn the_cap_and_the_page_size_are_honoured() -> TestResult {
    let server = estates().await?;
    let client = server.client()?.build()?;
    let read = Action::new(ActionVerb::Read, "estate").param("listoffset", 100);
    let mut pager = client.pager(read).page_size(300).cap(650);
    let mut sizes = Vec::new();
    while let Some(page) = pager.next_page().await? {
        sizes.push(page.len());
    }
    assert_eq!(sizes, [300, 300, 50]);
    assert_eq!(pager.total(), Some(TOTAL));
    assert_eq!(pager.fetched(), 650);
    let first = &actions(&server.bodies()[0])[0]["parameters"];
    assert_eq!(first["listoffset"], 100, "the caller's offset is the start");

    let huge = client
        .pager(Action::new(ActionVerb::Read, "estate"))
        .page_size(10_000)
        .cap(3);
    let records: Vec<_> = huge.into_stream().try_collect().await?;
    assert_eq!(records.len(), 3);
    let last = server.bodies().pop().ok_or("no request")?;
    assert_eq!(actions(&last)[0]["parameters"]["listlimit"], 3);
    Ok(())
}
