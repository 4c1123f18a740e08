//! Running record queries.

use std::sync::Arc;

use futures_util::TryStreamExt;
use sqlx::FromRow;

use super::columns::ColumnKind;
use super::range_cache::Lookup;
use super::range_count::{RangePlan, Sorted, TextLoader};
use super::read_sqlite::SqliteListRead;
use super::sql::{where_clause, Bind, Dialect, Sql};
use super::{Module, RecordPage, RecordQuery, StoredRecord};
use crate::db::on_db;
use crate::{Store, StoreError, TenantId};

/// Binds every value of a statement, whichever driver's query it is.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                Bind::Int(i) => query.bind(*i),
                Bind::Real(f) => query.bind(*f),
                Bind::Text(t) => query.bind(t.clone()),
            };
        }
        query
    }};
}
pub(crate) use bind_all;

#[derive(FromRow)]
pub(crate) struct RecordRow {
    pub id: i64,
    pub uuid: String,
    pub doc: String,
    pub main_id: Option<i64>,
}

impl RecordRow {
    pub(crate) fn into_record(self) -> Result<StoredRecord, StoreError> {
        self.into_record_with(None)
    }

    /// The record with only `only` of its document fields (all with `None`).
    pub(crate) fn into_record_with(
        self,
        only: Option<&[String]>,
    ) -> Result<StoredRecord, StoreError> {
        let doc = super::doc::parse(&self.doc, only)
            .map_err(|e| StoreError::Corrupt(format!("record {}: {e}", self.id)))?;
        Ok(StoredRecord {
            id: self.id,
            uuid: self.uuid,
            doc: doc.into(),
            main_id: self.main_id,
        })
    }
}

impl Store {
    pub(crate) fn dialect(&self) -> Dialect {
        match self.db {
            crate::db::Db::Sqlite(_) => Dialect::Sqlite,
            crate::db::Db::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The columns every record read selects; both backends keep documents in binary JSON
    /// and hand them back as text, and only language versions have a main id (typed NULL
    /// elsewhere, so both drivers decode it).
    pub(crate) fn record_columns(&self, module: Module) -> &'static str {
        match (self.dialect(), module.language_versions()) {
            (Dialect::Sqlite, true) => "id, uuid, json(doc) AS doc, main_id",
            (Dialect::Sqlite, false) => {
                "id, uuid, json(doc) AS doc, CAST(NULL AS BIGINT) AS main_id"
            }
            (Dialect::Postgres, true) => "id, uuid, doc::text AS doc, main_id",
            (Dialect::Postgres, false) => {
                "id, uuid, doc::text AS doc, CAST(NULL AS BIGINT) AS main_id"
            }
        }
    }

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
        // A point lookup: run in place on SQLite, where a hand-off would cost more than it.
        if let Some(reader) = &self.reader {
            return reader.with(|conn| super::read_sqlite::generation(conn, tenant.0, key));
        }
        let row: Option<(i64,)> = on_db!(&self.db, pool => sqlx::query_as(
            super::read_sqlite::GENERATION,
        )
        .bind(tenant.0)
        .bind(key)
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(|r| r.0).unwrap_or(0))
    }

    /// Every generation of a tenant summed: each only grows, so the sum grows with any.
    pub(crate) async fn sum_of_generations(&self, tenant: TenantId) -> Result<i64, StoreError> {
        if let Some(reader) = &self.reader {
            return reader.with(|conn| super::read_sqlite::sum_of_generations(conn, tenant.0));
        }
        let (sum,): (i64,) = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(generation), 0) AS BIGINT) FROM write_generations
              WHERE tenant_id = $1",
        )
        .bind(tenant.0)
        .fetch_one(pool)
        .await)?;
        Ok(sum)
    }

    /// A range counted by binary search over the loaded values of the rest of the query, as
    /// the SQLite read does in its transaction (`read_sqlite.rs`); `None` when SQL has to
    /// count. The generation was read before, in its own statement: values loaded after a
    /// write from elsewhere are kept under the older generation, which no reader that has
    /// seen the write asks for, just as a count run after it is.
    async fn pooled_range_count(
        &self,
        tenant: TenantId,
        module: Module,
        plan: &RangePlan,
        generation: i64,
    ) -> Result<Option<u64>, StoreError> {
        let key = (tenant.0, module.name(), plan.key.clone());
        let sorted = match self.ranges.lookup(&key, generation) {
            Lookup::Ready(sorted) => sorted,
            Lookup::Unknown => return Ok(None),
            Lookup::SeenOnce => {
                let sorted = match plan.kind {
                    ColumnKind::Text => {
                        let mut loader = TextLoader::default();
                        on_db!(&self.db, pool => {
                            let mut rows = bind_all!(
                                sqlx::query_scalar::<_, String>(&plan.values.text),
                                &plan.values.binds
                            )
                            .fetch(pool);
                            while let Some(text) = rows.try_next().await? {
                                loader.push(&text);
                            }
                        });
                        match loader.finish() {
                            Some(sorted) => sorted,
                            None => return Ok(None),
                        }
                    }
                    _ => {
                        let values: Vec<f64> = on_db!(&self.db, pool => bind_all!(
                            sqlx::query_scalar::<_, f64>(&plan.values.text),
                            &plan.values.binds
                        )
                        .fetch_all(pool)
                        .await)?;
                        Sorted::from_reals(values)
                    }
                };
                let sorted = Arc::new(sorted);
                // Creates here do not carry value sets (only the SQLite writer does).
                self.ranges.put(key, generation, sorted.clone(), None);
                sorted
            }
        };
        Ok(sorted.count(&plan.low, &plan.high))
    }

    pub(crate) async fn run_query(
        &self,
        tenant: TenantId,
        module: Module,
        q: &RecordQuery,
    ) -> Result<RecordPage, StoreError> {
        let dialect = self.dialect();
        let filter = where_clause(dialect, module, tenant.0, q);
        let key = (
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
        // The SQLite list read decodes the stored JSONB itself (`jsonb.rs`).
        let columns = match (&self.reader, module.language_versions()) {
            (Some(_), true) => "id, uuid, doc, main_id",
            (Some(_), false) => "id, uuid, doc, NULL AS main_id",
            (None, _) => self.record_columns(module),
        };
        let page = super::sql::page(dialect, module, tenant.0, q, columns);
        self.schedule_auto_indexes(module, q);
        if let Some(reader) = &self.reader {
            let read = SqliteListRead {
                tenant: tenant.0,
                module: module.name(),
                count_key: key,
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
            };
            // A read whose count is known and whose statement answered quickly last time
            // runs here, on the runtime thread: the hand-off to a blocking thread and back
            // cost more than the read itself (docs/benchmarks.md). A deep offset may be
            // slow whatever the statement did before.
            if q.offset <= 1_000 && self.page_times.is_quick(&read.page.text) {
                if let Some(page) = reader.with(|conn| read.run_if_counted(conn))? {
                    return Ok(page);
                }
            }
            return reader.run(move |conn| read.run(conn)).await;
        }
        let generation = self.generation(tenant, module).await?;
        let total = match self.counts.get(&key, generation) {
            Some(total) => total,
            None => {
                let range = super::range_count::plan(dialect, module, tenant.0, q);
                let by_range = match &range {
                    Some(plan) => {
                        self.pooled_range_count(tenant, module, plan, generation)
                            .await?
                    }
                    None => None,
                };
                let total = match by_range {
                    Some(total) => total,
                    None => {
                        let (total,): (i64,) = on_db!(&self.db, pool => bind_all!(
                            sqlx::query_as(&count.text), &count.binds
                        )
                        .fetch_one(pool)
                        .await)?;
                        total.max(0) as u64
                    }
                };
                self.counts.put(key, generation, total, None);
                total
            }
        };
        if q.limit == 0 || q.offset >= total {
            return Ok(RecordPage {
                total,
                records: Vec::new(),
            });
        }
        let rows: Vec<RecordRow> = on_db!(&self.db, pool => bind_all!(
            sqlx::query_as(&page.text), &page.binds
        )
        .fetch_all(pool)
        .await)?;
        let records = rows
            .into_iter()
            .map(|row| row.into_record_with(q.fields.as_deref()))
            .collect::<Result<_, _>>()?;
        Ok(RecordPage { total, records })
    }
}
