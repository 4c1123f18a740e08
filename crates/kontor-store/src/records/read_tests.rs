//! The list read and single reads on both backends: documents round trip, in-place reads.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{json, Map, Value};

use crate::records::{Module, RecordQuery, RecordStore};
use crate::test_support::open_test_store;
use crate::{StoreError, TenantName, TenantStore};

async fn first_five(
    store: &crate::Store,
    tenant: crate::TenantId,
) -> Result<crate::records::RecordPage, StoreError> {
    let q = RecordQuery {
        limit: 5,
        ..RecordQuery::default()
    };
    store.query_records(tenant, Module::ESTATE, &q).await
}

/// Documents are kept as JSONB on SQLite and come back exactly as written, through the
/// list read, the single read and a modify's merge.
#[tokio::test]
async fn documents_round_trip_through_binary_json() -> Result<(), Box<dyn std::error::Error>> {
    let test = open_test_store().await?;
    let store = &test.store;
    let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
    let doc: Map<String, Value> = serde_json::from_value(json!({
        "objekttitel": "Altbau \"Am Dom\" — 3 Zi. \\ Köln ✓ \u{1F3E0}",
        "kaufpreis": 349000.5,
        "breitengrad": 50.941278,
        "big": 12345678901234_i64,
        "tiny": 1e-7,
        "ausstattung": ["balkon", "aufzug"],
        "nested": {"a": [1, {"b": null}]},
        "leer": "",
    }))?;
    let ids = store
        .insert_records(tenant, Module::ESTATE, vec![doc.clone()])
        .await?;
    let one = store
        .get_record(tenant, Module::ESTATE, ids[0])
        .await?
        .ok_or("missing")?;
    assert_eq!(one.doc, doc);
    let page = first_five(store, tenant).await?;
    assert_eq!(page.records[0].doc, doc);
    let mut changes = Map::new();
    changes.insert("ausstattung".into(), json!(["garten"]));
    store
        .update_record(tenant, Module::ESTATE, ids[0], changes)
        .await?;
    let after = store
        .get_record(tenant, Module::ESTATE, ids[0])
        .await?
        .ok_or("missing")?;
    let after = after.doc.into_map();
    assert_eq!(after["ausstattung"], json!(["garten"]));
    assert_eq!(after["objekttitel"], doc["objekttitel"]);
    assert_eq!(after.len(), doc.len());
    if let Some(reader) = store.reader() {
        let kinds: Vec<String> = reader.with(|conn| {
            let mut stmt = conn.prepare("SELECT DISTINCT typeof(doc) FROM estates")?;
            let rows = stmt.query_map([], |row| row.get(0))?;
            rows.collect::<Result<_, _>>().map_err(StoreError::from)
        })?;
        assert_eq!(kinds, ["blob"], "JSONB, not text");
    }
    Ok(())
}

/// A document in a form the JSONB reader leaves to SQLite (JSON5, written by hand or by
/// another tool) and one kept as text still read correctly through the list read.
#[tokio::test]
async fn unusual_documents_fall_back_to_sqlite() -> Result<(), Box<dyn std::error::Error>> {
    let test = open_test_store().await?;
    let store = &test.store;
    let Some(path) = test.sqlite_path() else {
        return Ok(()); // PostgreSQL stores JSON its own way
    };
    let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
    let docs: Vec<Map<String, Value>> = (0..2)
        .map(|i| serde_json::from_value(json!({"i": i})))
        .collect::<Result<_, _>>()?;
    let ids = store.insert_records(tenant, Module::ESTATE, docs).await?;
    let conn = rusqlite::Connection::open(path)?;
    conn.execute(
        "UPDATE estates SET doc = jsonb('{\"i\":0x1F,\"s\":''\\x41''}') WHERE id = ?1",
        [ids[0]],
    )?;
    conn.execute(
        "UPDATE estates SET doc = '{\"i\":2,\"t\":\"text\"}' WHERE id = ?1",
        [ids[1]],
    )?;
    let page = first_five(store, tenant).await?;
    let got: Vec<Value> = page
        .records
        .iter()
        .map(|r| Value::Object(r.doc.to_map()))
        .collect();
    assert_eq!(
        got,
        [json!({"i": 31, "s": "A"}), json!({"i": 2, "t": "text"})]
    );
    Ok(())
}

/// The second read of a quick statement runs in place (its count cached); it answers as
/// the first did, and a write in between is seen, not an old count.
#[tokio::test]
async fn quick_reads_in_place_see_every_write() -> Result<(), Box<dyn std::error::Error>> {
    let test = open_test_store().await?;
    let store = &test.store;
    let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
    let doc = |i: i64| -> Result<Map<String, Value>, serde_json::Error> {
        serde_json::from_value(json!({"kaufpreis": i * 1000, "status": 1}))
    };
    let docs = (0..30).map(doc).collect::<Result<Vec<_>, _>>()?;
    store.insert_records(tenant, Module::ESTATE, docs).await?;
    let query = RecordQuery {
        limit: 5,
        offset: 2,
        ..RecordQuery::default()
    };
    let first = store.query_records(tenant, Module::ESTATE, &query).await?;
    let ids = |p: &crate::records::RecordPage| p.records.iter().map(|r| r.id).collect::<Vec<_>>();
    let sqlite = store.reader().is_some();
    if sqlite {
        let last = &store.page_times.last;
        assert_eq!(last.len(), 1, "the page was timed");
        // However long a debug build took: the statement counts as quick.
        for (statement, _) in last.iter() {
            last.insert(statement, Duration::ZERO);
        }
    }
    let in_place = || store.page_times.in_place.load(Ordering::Relaxed);
    let second = store.query_records(tenant, Module::ESTATE, &query).await?;
    assert_eq!((second.total, ids(&second)), (first.total, ids(&first)));
    if sqlite {
        assert_eq!(in_place(), 1, "the second read ran in place");
    }
    assert_eq!(first.total, 30);
    store
        .insert_records(tenant, Module::ESTATE, vec![doc(99)?])
        .await?;
    let third = store.query_records(tenant, Module::ESTATE, &query).await?;
    assert_eq!(third.total, 31, "the write is counted");
    Ok(())
}
