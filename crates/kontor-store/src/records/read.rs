//! Running record queries: one list read for both backends.
//!
//! A list read is the generation, the count (unless cached) and the page. On SQLite the
//! three run in one read transaction on one connection, so that the count and the page see
//! the same data; on PostgreSQL they are separate statements, the generation read first:
//! a count made after a write from elsewhere is kept under the older generation, which no
//! reader that has seen the write asks for.

use std::sync::Arc;

use futures_util::TryStreamExt;
use rusqlite::types::ValueRef;

use super::carry::CarrySpec;
use super::columns::ColumnKind;
use super::count_cache::{CountCache, Key};
use super::range_cache::{Lookup, RangeCache};
use super::range_count::{RangePlan, Sorted, TextLoader};
use super::sql::{where_clause, Bind, Dialect, Sql};
use super::{jsonb, Doc, Module, RecordPage, RecordQuery, StoredRecord};
use crate::db::Db;
use crate::exec::{bind_pg, Conn};
use crate::{Store, StoreError, TenantId};

pub(crate) use super::page_times::PageTimes;

/// The write generation under a key (a module name, or `fields:<module>`).
pub(crate) const GENERATION: &str =
    "SELECT generation FROM write_generations WHERE tenant_id = $1 AND module = $2";

/// The columns every record read selects: SQLite's documents as stored (binary JSON, which
/// [`fetch_records`] decodes itself), PostgreSQL's as text; only language versions have a
/// main id (a typed NULL elsewhere, so both drivers decode it).
pub(crate) fn record_columns(dialect: Dialect, module: Module) -> &'static str {
    match (dialect, module.language_versions()) {
        (Dialect::Sqlite, true) => "id, uuid, doc, main_id",
        (Dialect::Sqlite, false) => "id, uuid, doc, NULL AS main_id",
        (Dialect::Postgres, true) => "id, uuid, doc::text AS doc, main_id",
        (Dialect::Postgres, false) => "id, uuid, doc::text AS doc, CAST(NULL AS BIGINT) AS main_id",
    }
}

fn corrupt(id: i64, e: &dyn std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("record {id}: {e}"))
}

/// The records a statement selecting [`record_columns`] finds, with only `only` of their
/// document fields (all with `None`). The decoding is each backend's own: SQLite's binary
/// JSON is read in place, one wanted field at a time (`jsonb.rs`), PostgreSQL's text parsed.
pub(crate) async fn fetch_records(
    c: &mut Conn<'_>,
    sql: &Sql,
    only: Option<&[String]>,
) -> Result<Vec<StoredRecord>, StoreError> {
    let names: Option<Arc<[String]>> = only.map(Arc::from);
    match c {
        Conn::Sqlite(conn) => {
            let mut stmt = conn.prepare_cached(&sql.text)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(sql.binds.iter()))?;
            let mut records = Vec::new();
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
                            // Forms the decoder does not read (JSON5 numbers, escapes):
                            // SQLite turns them into text.
                            Err(jsonb::Unsupported) => {
                                let text: String = conn
                                    .prepare_cached("SELECT json(?1)")?
                                    .query_row([bytes], |r| r.get(0))?;
                                Doc::from(
                                    super::doc::parse(&text, only).map_err(|e| corrupt(id, &e))?,
                                )
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
            Ok(records)
        }
        Conn::Postgres(conn) => {
            let rows = bind_pg(sqlx::query(&sql.text), &sql.binds)
                .fetch_all(&mut **conn)
                .await?;
            rows.iter()
                .map(|row| {
                    use sqlx::Row;
                    let id: i64 = row.try_get(0)?;
                    let text: String = row.try_get(2)?;
                    Ok(StoredRecord {
                        id,
                        uuid: row.try_get(1)?,
                        doc: super::doc::parse(&text, only)
                            .map_err(|e| corrupt(id, &e))?
                            .into(),
                        main_id: row.try_get(3)?,
                    })
                })
                .collect()
        }
    }
}

/// The sorted values of a range plan's column over its rest, for counting by binary search;
/// `None` when there are too many texts to keep. Each backend streams its rows its own way.
async fn load_sorted(c: &mut Conn<'_>, plan: &RangePlan) -> Result<Option<Sorted>, StoreError> {
    let values = &plan.values;
    match (c, plan.kind) {
        (Conn::Sqlite(conn), ColumnKind::Text) => {
            let mut stmt = conn.prepare_cached(&values.text)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(values.binds.iter()))?;
            let mut loader = TextLoader::default();
            while let Some(row) = rows.next()? {
                let text = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
                loader.push(text);
            }
            Ok(loader.finish())
        }
        (Conn::Sqlite(conn), _) => {
            let mut stmt = conn.prepare_cached(&values.text)?;
            let reals = stmt
                .query_map(rusqlite::params_from_iter(values.binds.iter()), |row| {
                    row.get::<_, f64>(0)
                })?
                .collect::<Result<_, _>>()?;
            Ok(Some(Sorted::from_reals(reals)))
        }
        (Conn::Postgres(conn), ColumnKind::Text) => {
            let query = sqlx::query_scalar::<_, String>(&values.text);
            let mut query = query;
            for bind in &values.binds {
                query = match bind {
                    Bind::Int(i) => query.bind(*i),
                    Bind::Real(f) => query.bind(*f),
                    other => query.bind(bind_text(other)),
                };
            }
            let mut rows = query.fetch(&mut **conn);
            let mut loader = TextLoader::default();
            while let Some(text) = rows.try_next().await? {
                loader.push(&text);
            }
            Ok(loader.finish())
        }
        (Conn::Postgres(conn), _) => {
            let mut query = sqlx::query_scalar::<_, f64>(&values.text);
            for bind in &values.binds {
                query = match bind {
                    Bind::Int(i) => query.bind(*i),
                    Bind::Real(f) => query.bind(*f),
                    other => query.bind(bind_text(other)),
                };
            }
            Ok(Some(Sorted::from_reals(
                query.fetch_all(&mut **conn).await?,
            )))
        }
    }
}

/// Range plans bind numbers and texts only.
fn bind_text(bind: &Bind) -> String {
    match bind {
        Bind::Text(t) => t.clone(),
        _ => String::new(),
    }
}

/// Everything a list read needs, owned, so that it can move to the thread that runs it.
pub(crate) struct ListRead {
    pub tenant: i64,
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
    /// How to keep the count through creates (`carry.rs`).
    pub carry: Option<Arc<CarrySpec>>,
}

impl ListRead {
    /// [`Self::run`] in one read transaction on SQLite, so that all its statements see the
    /// same data; PostgreSQL's statements run as they come (see the module docs).
    pub(crate) async fn run_in_snapshot(
        &self,
        c: &mut Conn<'_>,
        counted_only: bool,
    ) -> Result<Option<RecordPage>, StoreError> {
        if c.dialect() != Dialect::Sqlite {
            return self.run(c, counted_only).await;
        }
        c.execute(&Sql::new("BEGIN", Vec::new())).await?;
        let outcome = self.run(c, counted_only).await;
        // Nothing was written: ending the transaction either way is the same.
        c.execute(&Sql::new("COMMIT", Vec::new())).await?;
        outcome
    }

    /// The page and its total. With `counted_only`, a read whose count is neither cached nor
    /// known from a loaded value set answers `None` instead of counting (the caller then
    /// runs it where a scan may take its time).
    pub(crate) async fn run(
        &self,
        c: &mut Conn<'_>,
        counted_only: bool,
    ) -> Result<Option<RecordPage>, StoreError> {
        let generation = c
            .int_of(
                GENERATION,
                &[Bind::Int(self.tenant), Bind::Text(self.module.to_string())],
            )
            .await?
            .unwrap_or(0);
        let total = match self.counts.get(&self.count_key, generation) {
            Some(total) => total,
            None => {
                let total = match self.range_count(c, generation, counted_only).await? {
                    Some(total) => total,
                    None if counted_only => return Ok(None),
                    None => c.int(&self.count).await?.unwrap_or(0).max(0) as u64,
                };
                self.counts.put(
                    self.count_key.clone(),
                    generation,
                    total,
                    self.carry.clone(),
                );
                total
            }
        };
        if self.limit == 0 || self.offset >= total {
            return Ok(Some(RecordPage {
                total,
                records: Vec::new(),
            }));
        }
        let started = std::time::Instant::now();
        let records = fetch_records(c, &self.page, self.fields.as_deref()).await?;
        self.times.record(&self.page.text, started.elapsed());
        Ok(Some(RecordPage { total, records }))
    }

    /// A range counted by binary search over the loaded values of the rest of the query;
    /// `None` when SQL has to count. The values are loaded the second time a rest is asked
    /// for in a generation, and never when `peek_only`.
    async fn range_count(
        &self,
        c: &mut Conn<'_>,
        generation: i64,
        peek_only: bool,
    ) -> Result<Option<u64>, StoreError> {
        let Some(plan) = &self.range else {
            return Ok(None);
        };
        let key = (self.tenant, self.module, plan.key.clone());
        let sorted = if peek_only {
            match self.ranges.peek(&key, generation) {
                Some(sorted) => sorted,
                None => return Ok(None),
            }
        } else {
            match self.ranges.lookup(&key, generation) {
                Lookup::Ready(sorted) => sorted,
                Lookup::Unknown => return Ok(None),
                Lookup::SeenOnce => {
                    let Some(sorted) = load_sorted(c, plan).await? else {
                        return Ok(None);
                    };
                    let sorted = Arc::new(sorted);
                    self.ranges
                        .put(key, generation, sorted.clone(), plan.carry.clone());
                    sorted
                }
            }
        };
        Ok(sorted.count(&plan.low, &plan.high))
    }
}

impl Store {
    pub(crate) fn dialect(&self) -> Dialect {
        match self.db {
            Db::Sqlite(..) => Dialect::Sqlite,
            Db::Postgres(_) => Dialect::Postgres,
        }
    }

    #[cfg(test)]
    pub(crate) async fn generation(
        &self,
        tenant: TenantId,
        module: Module,
    ) -> Result<i64, StoreError> {
        self.generation_of(tenant, module.name()).await
    }

    /// The write generation under a key (a module name, or `fields:<module>`).
    pub(crate) async fn generation_of(
        &self,
        tenant: TenantId,
        key: &str,
    ) -> Result<i64, StoreError> {
        let binds = [Bind::Int(tenant.0), Bind::Text(key.to_string())];
        let found = self
            .lookup(move |mut c| Box::pin(async move { c.int_of(GENERATION, &binds).await }))
            .await?;
        Ok(found.unwrap_or(0))
    }

    /// Every generation of a tenant summed: each only grows, so the sum grows with any.
    pub(crate) async fn sum_of_generations(&self, tenant: TenantId) -> Result<i64, StoreError> {
        const SUM: &str = "SELECT CAST(COALESCE(SUM(generation), 0) AS BIGINT)
             FROM write_generations WHERE tenant_id = $1";
        let sum = self
            .lookup(move |mut c| {
                Box::pin(async move { c.int_of(SUM, &[Bind::Int(tenant.0)]).await })
            })
            .await?;
        Ok(sum.unwrap_or(0))
    }

    /// One record by id.
    pub(crate) async fn record(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
    ) -> Result<Option<StoredRecord>, StoreError> {
        let mut query = Sql::default();
        query
            .push("SELECT ")
            .push(record_columns(self.dialect(), module))
            .push(" FROM ")
            .push(module.table())
            .push(" WHERE tenant_id = ")
            .bind(Bind::Int(tenant.0))
            .push(" AND id = ")
            .bind(Bind::Int(id));
        if module.in_documents() {
            query
                .push(" AND module = ")
                .bind(Bind::Text(module.name().to_string()));
        }
        let found = self
            .lookup(move |mut c| Box::pin(async move { fetch_records(&mut c, &query, None).await }))
            .await?;
        Ok(found.into_iter().next())
    }

    pub(crate) async fn run_query(
        &self,
        tenant: TenantId,
        module: Module,
        q: &RecordQuery,
    ) -> Result<RecordPage, StoreError> {
        let dialect = self.dialect();
        let filter = where_clause(dialect, module, tenant.0, q);
        let count_key = (
            tenant.0,
            module.name(),
            format!("{}|{:?}", filter.text, filter.binds),
        );
        let mut count = Sql::default();
        count
            .push("SELECT COUNT(*) FROM ")
            .push(module.table())
            .push(" WHERE ");
        count.append(&filter);
        let page = super::sql::page(
            dialect,
            module,
            tenant.0,
            q,
            record_columns(dialect, module),
        );
        self.schedule_auto_indexes(module, q);
        let read = Arc::new(ListRead {
            tenant: tenant.0,
            module: module.name(),
            count_key,
            count,
            page,
            limit: q.limit,
            offset: q.offset,
            counts: self.counts.clone(),
            fields: q.fields.clone(),
            range: super::range_count::plan(dialect, module, tenant.0, q),
            ranges: self.ranges.clone(),
            times: self.page_times.clone(),
            carry: super::carry::spec(module, q).map(Arc::new),
        });
        // On SQLite, a read whose count is known and whose statement answered quickly last
        // time runs here, on the runtime thread: the hand-off to a blocking thread and back
        // cost more than the read itself (docs/benchmarks.md). A deep offset may be slow
        // whatever the statement did before.
        let sqlite = dialect == Dialect::Sqlite;
        if sqlite && q.offset <= 1_000 && self.page_times.is_quick(&read.page.text) {
            let quick = read.clone();
            let done = self
                .lookup(move |mut c| {
                    Box::pin(async move { quick.run_in_snapshot(&mut c, true).await })
                })
                .await?;
            if let Some(page) = done {
                self.page_times.count_in_place();
                return Ok(page);
            }
        }
        let page = self
            .read(move |mut c| Box::pin(async move { read.run_in_snapshot(&mut c, false).await }))
            .await?;
        page.ok_or_else(|| StoreError::Invalid("a list read did not count".into()))
    }
}
