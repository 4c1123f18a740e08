//! The cache keeps what the server marks `cacheable`, for reads and gets only.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{actions, envelope, result, StandIn, TestResult};
use kontor_client::{Action, ActionVerb, MemoryCache};
use serde_json::json;

/// Answers every action with one record, `cacheable` as the resourcetype says.
async fn stand_in() -> Result<StandIn, Box<dyn std::error::Error>> {
    StandIn::start(Arc::new(|n, body| {
        let results = actions(body)
            .iter()
            .map(|a| {
                let cacheable = a["resourcetype"] != "uncacheable";
                result(
                    a,
                    cacheable,
                    vec![json!({"id": n, "type": null, "elements": []})],
                    None,
                )
            })
            .collect();
        (200, envelope(results))
    }))
    .await
}

#[tokio::test]
async fn only_cacheable_reads_and_gets_are_kept_and_cached_actions_are_not_sent() -> TestResult {
    let server = stand_in().await?;
    let client = server
        .client()?
        .cache(MemoryCache::new(Duration::from_secs(60)))
        .build()?;

    let get = Action::new(ActionVerb::Get, "fields").param("modules", vec!["estate"]);
    assert!(!client.call(get.clone()).await?.from_cache());
    assert!(client.call(get.clone()).await?.from_cache());
    assert_eq!(server.bodies().len(), 1);

    let uncacheable = Action::new(ActionVerb::Get, "uncacheable");
    client.call(uncacheable.clone()).await?;
    assert!(!client.call(uncacheable).await?.from_cache());
    assert_eq!(server.bodies().len(), 3);

    // The stand-in claims `cacheable: true` for this create; a write is never kept anyway.
    let create = Action::new(ActionVerb::Create, "estate").param("data", json!({"ort": "Aachen"}));
    client.call(create.clone()).await?;
    assert!(!client.call(create).await?.from_cache());
    assert_eq!(server.bodies().len(), 5);

    // In a batch, the cached action stays out of the request and keeps its place.
    let mut batch = client.batch();
    let fresh = batch.push(Action::new(ActionVerb::Read, "estate"));
    let cached = batch.push(get.identifier("again"));
    let responses = batch.send().await?;
    assert_eq!(server.bodies().len(), 6);
    let sent = actions(&server.bodies()[5]);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["resourcetype"], "estate");
    assert!(!responses.get(fresh)?.from_cache());
    let cached = responses.get(cached)?;
    assert!(cached.from_cache());
    assert_eq!(cached.result().identifier, "again");
    Ok(())
}

#[tokio::test]
async fn entries_expire_after_their_time_to_live() -> TestResult {
    let server = stand_in().await?;
    let client = server
        .client()?
        .cache(MemoryCache::new(Duration::from_millis(50)))
        .build()?;
    let get = Action::new(ActionVerb::Get, "fields");
    client.call(get.clone()).await?;
    assert!(client.call(get.clone()).await?.from_cache());
    tokio::time::sleep(Duration::from_millis(80)).await;
    assert!(!client.call(get).await?.from_cache());
    assert_eq!(server.bodies().len(), 2);
    Ok(())
}
