//! A list read on SQLite: generation, count (unless cached) and page in one read
//! transaction on one connection, so that the count and the page see the same data.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::types::ValueRef;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::columns::ColumnKind;
use super::count_cache::{CountCache, Key};
use super::jsonb;
use super::range_cache::{Lookup, RangeCache};
use super::range_count::{RangePlan, Sorted, TextLoader};
use super::sql::Sql;
use super::{Doc, RecordPage, StoredRecord};
use crate::StoreError;

/// Everything a read needs, owned, so that it can move to a blocking thread.
pub(crate) struct SqliteListRead {
    pub tenant: i64,
    /// The generation key (the module name).
    pub module: &'static str,
    pub count_key: Key,
    pub count: Sql,
    pub page: Sql,
    pub limit: u32,
    pub offset: u64,
    pub counts: Arc<CountCache>,
    /// See [`super::RecordQuery::fields`].
    pub fields: Option<Vec<String>>,
    /// How to count by binary search, when the query allows it (`range_count.rs`).
    pub range: Option<RangePlan>,
    pub ranges: Arc<RangeCache>,
    pub times: Arc<PageTimes>,
    /// How the count is kept through creates (`carry.rs`).
    pub carry: Option<Arc<super::carry::CarrySpec>>,
}

/// The write generation of one key; the same text for sqlx and rusqlite.
pub(crate) const GENERATION: &str =
    "SELECT generation FROM write_generations WHERE tenant_id = $1 AND module = $2";

pub(crate) fn generation(conn: &Connection, tenant: i64, key: &str) -> Result<i64, StoreError> {
    let mut stmt = conn.prepare_cached(GENERATION)?;
    let found: Option<i64> = stmt.query_row((tenant, key), |row| row.get(0)).optional()?;
    Ok(found.unwrap_or(0))
}

pub(crate) fn sum_of_generations(conn: &Connection, tenant: i64) -> Result<i64, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT COALESCE(SUM(generation), 0) FROM write_generations WHERE tenant_id = $1",
    )?;
    Ok(stmt.query_row([tenant], |row| row.get(0))?)
}

impl SqliteListRead {
    /// The count by binary search over the sorted values of the rest of the query, loading
    /// them when the same rest is asked for the second time in this generation; `None` when
    /// SQL has to count.
    fn range_count(&self, conn: &Connection, generation: i64) -> Result<Option<u64>, StoreError> {
        let Some(plan) = &self.range else {
            return Ok(None);
        };
        let key = (self.tenant, self.module, plan.key.clone());
        let sorted = match self.ranges.lookup(&key, generation) {
            Lookup::Ready(sorted) => sorted,
            Lookup::Unknown => return Ok(None),
            Lookup::SeenOnce => {
                let mut stmt = conn.prepare_cached(&plan.values.text)?;
                let binds = params_from_iter(plan.values.binds.iter());
                let sorted = match plan.kind {
                    ColumnKind::Text => {
                        let mut loader = TextLoader::default();
                        let mut rows = stmt.query(binds)?;
                        while let Some(row) = rows.next()? {
                            let text = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
                            loader.push(text);
                        }
                        match loader.finish() {
                            Some(sorted) => sorted,
                            None => return Ok(None),
                        }
                    }
                    _ => Sorted::from_reals(
                        stmt.query_map(binds, |row| row.get::<_, f64>(0))?
                            .collect::<Result<_, _>>()?,
                    ),
                };
                let sorted = Arc::new(sorted);
                self.ranges
                    .put(key, generation, sorted.clone(), plan.carry.clone());
                sorted
            }
        };
        Ok(sorted.count(&plan.low, &plan.high))
    }

    pub(crate) fn run(&self, conn: &Connection) -> Result<RecordPage, StoreError> {
        // Dropped without commit at the end: a read transaction has nothing to keep.
        let tx = conn.unchecked_transaction()?;
        let generation = generation(&tx, self.tenant, self.module)?;
        let total = match self.counts.get(&self.count_key, generation) {
            Some(total) => total,
            None => {
                let total = match self.range_count(&tx, generation)? {
                    Some(total) => total,
                    None => {
                        let mut stmt = tx.prepare_cached(&self.count.text)?;
                        let total: i64 = stmt
                            .query_row(params_from_iter(self.count.binds.iter()), |row| {
                                row.get(0)
                            })?;
                        total.max(0) as u64
                    }
                };
                self.remember(generation, total);
                total
            }
        };
        self.page(&tx, total)
    }

    /// The read, if its count is known without a query (cached, or by binary search over
    /// loaded values); `None`, having done nothing, when counting would need SQL. For
    /// running in place on a runtime thread, where nothing may take long.
    pub(crate) fn run_if_counted(
        &self,
        conn: &Connection,
    ) -> Result<Option<RecordPage>, StoreError> {
        let tx = conn.unchecked_transaction()?;
        let generation = generation(&tx, self.tenant, self.module)?;
        let total = match self.counts.get(&self.count_key, generation) {
            Some(total) => total,
            None => {
                let Some(plan) = &self.range else {
                    return Ok(None);
                };
                let key = (self.tenant, self.module, plan.key.clone());
                let Some(sorted) = self.ranges.peek(&key, generation) else {
                    return Ok(None);
                };
                let Some(total) = sorted.count(&plan.low, &plan.high) else {
                    return Ok(None);
                };
                self.remember(generation, total);
                total
            }
        };
        let page = self.page(&tx, total)?;
        self.times
            .in_place
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Some(page))
    }

    /// Keeps the total for later reads of the same query in this generation (and, where
    /// the query allows it, through creates).
    fn remember(&self, generation: i64, total: u64) {
        self.counts.put(
            self.count_key.clone(),
            generation,
            total,
            self.carry.clone(),
        );
    }

    /// The page of a read whose total is known, timed into [`PageTimes`].
    fn page(&self, tx: &Connection, total: u64) -> Result<RecordPage, StoreError> {
        if self.limit == 0 || self.offset >= total {
            return Ok(RecordPage {
                total,
                records: Vec::new(),
            });
        }
        let started = Instant::now();
        let mut stmt = tx.prepare_cached(&self.page.text)?;
        let mut rows = stmt.query(params_from_iter(self.page.binds.iter()))?;
        let mut records = Vec::with_capacity(self.limit.min(500) as usize);
        let only = self.fields.as_deref();
        // Shared by every projected document of the page.
        let names: Option<Arc<[String]>> = self.fields.as_deref().map(Arc::from);
        let corrupt =
            |id: i64, e: &dyn std::fmt::Display| StoreError::Corrupt(format!("record {id}: {e}"));
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let doc = match row.get_ref(2)? {
                ValueRef::Blob(bytes) => {
                    let decoded = match &names {
                        Some(names) => jsonb::project(bytes, names).map(Doc::projected),
                        None => jsonb::parse(bytes, None).map(Doc::from),
                    };
                    match decoded {
                        Ok(doc) => doc,
                        // A form this reader leaves to SQLite: converted to text there.
                        Err(jsonb::Unsupported) => {
                            let text: String = tx
                                .prepare_cached("SELECT json(?1)")?
                                .query_row([bytes], |r| r.get(0))?;
                            Doc::from(super::doc::parse(&text, only).map_err(|e| corrupt(id, &e))?)
                        }
                    }
                }
                ValueRef::Text(text) => {
                    let text = std::str::from_utf8(text).map_err(|e| corrupt(id, &e))?;
                    Doc::from(super::doc::parse(text, only).map_err(|e| corrupt(id, &e))?)
                }
                _ => return Err(StoreError::Corrupt(format!("record {id}: no document"))),
            };
            records.push(StoredRecord {
                id,
                uuid: row.get(1)?,
                doc,
                main_id: row.get(3)?,
            });
        }
        self.times.record(&self.page.text, started.elapsed());
        Ok(RecordPage { total, records })
    }
}

/// How long the last page of each statement took, to decide whether the next may run in
/// place on a runtime thread (`read.rs`) or needs a blocking one.
pub struct PageTimes {
    /// Statements timed, bounded: a statement evicted is simply timed again.
    last: quick_cache::sync::Cache<String, Duration>,
    /// Reads that ran in place.
    in_place: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for PageTimes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageTimes")
            .field("statements", &self.last.len())
            .finish_non_exhaustive()
    }
}

impl Default for PageTimes {
    fn default() -> Self {
        PageTimes {
            last: quick_cache::sync::Cache::new(10_000),
            in_place: Default::default(),
        }
    }
}

impl PageTimes {
    /// Quicker than this, a page costs less than the hand-off to a blocking thread.
    const QUICK: Duration = Duration::from_micros(500);

    fn record(&self, statement: &str, took: Duration) {
        self.last.insert(statement.to_string(), took);
    }

    pub(crate) fn is_quick(&self, statement: &str) -> bool {
        self.last.get(statement).is_some_and(|t| t < Self::QUICK)
    }
}

#[cfg(test)]
mod tests {
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
        if let Some(reader) = &store.reader {
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
        let ids =
            |p: &crate::records::RecordPage| p.records.iter().map(|r| r.id).collect::<Vec<_>>();
        let sqlite = store.reader.is_some();
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
}
