//! Paging across 1,234 estates of a real Kontor: created through the SDK in batches of 200
//! `create estate` actions, then read back 500 at a time with the `Stream`.

mod common;

use common::{Kontor, TestResult};
use futures_util::TryStreamExt;
use kontor_client::calls::{estate, Scalar};
use kontor_proto::calls::read::FilterOp;
use serde_json::json;

const ESTATES: i64 = 1234;

#[tokio::test]
async fn the_stream_reads_every_estate_once() -> TestResult {
    let kontor = Kontor::start().await?;
    let client = kontor.client()?.build()?;
    for chunk in (0..ESTATES).collect::<Vec<_>>().chunks(200) {
        let mut batch = client.batch();
        let handles: Vec<_> = chunk
            .iter()
            .map(|i| batch.push(estate::create(json!({"kaufpreis": 100_000 + i})).into()))
            .collect();
        let responses = batch.send().await?;
        for handle in handles {
            responses.get(handle)?;
        }
    }

    let read = estate::read().data(["Id", "kaufpreis"]).sort("kaufpreis");
    let mut pager = client.pager(read.clone().into());
    let mut pages = Vec::new();
    let mut prices = Vec::new();
    while let Some(page) = pager.next_page().await? {
        pages.push(page.len());
        for record in page {
            let price = &record.elements["kaufpreis"];
            let price = price
                .as_f64()
                .or_else(|| price.as_str().and_then(|s| s.parse().ok()))
                .ok_or_else(|| format!("no price in {record:?}"))?;
            prices.push(price as i64);
        }
    }
    assert_eq!(pages, [500, 500, 234]);
    assert_eq!(pager.total(), Some(ESTATES as u64));
    let expected: Vec<i64> = (0..ESTATES).map(|i| 100_000 + i).collect();
    assert_eq!(prices, expected, "every estate once, in order");

    // A cap and a filter, through the Stream.
    let cheap = estate::read()
        .data(["Id"])
        .filter("kaufpreis", FilterOp::Lt, Scalar::Int(100_700));
    let records: Vec<_> = client
        .pager(cheap.into())
        .page_size(250)
        .cap(600)
        .into_stream()
        .try_collect()
        .await?;
    assert_eq!(records.len(), 600);
    Ok(())
}
