//! A list read on SQLite: generation, count (unless cached) and page in one read
//! transaction on one connection, so that the count and the page see the same data.

use std::sync::Arc;

use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::count_cache::{CountCache, Key};
use super::read::RecordRow;
use super::sql::Sql;
use super::RecordPage;
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
}

pub(crate) fn generation(conn: &Connection, tenant: i64, key: &str) -> Result<i64, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT generation FROM write_generations WHERE tenant_id = $1 AND module = $2",
    )?;
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
    pub(crate) fn run(self, conn: &Connection) -> Result<RecordPage, StoreError> {
        // Dropped without commit at the end: a read transaction has nothing to keep.
        let tx = conn.unchecked_transaction()?;
        let generation = generation(&tx, self.tenant, self.module)?;
        let total = match self.counts.get(&self.count_key, generation) {
            Some(total) => total,
            None => {
                let mut stmt = tx.prepare_cached(&self.count.text)?;
                let total: i64 =
                    stmt.query_row(params_from_iter(self.count.binds.iter()), |row| row.get(0))?;
                let total = total.max(0) as u64;
                self.counts.put(self.count_key, generation, total);
                total
            }
        };
        if self.limit == 0 || self.offset >= total {
            return Ok(RecordPage {
                total,
                records: Vec::new(),
            });
        }
        let mut stmt = tx.prepare_cached(&self.page.text)?;
        let rows = stmt.query_map(params_from_iter(self.page.binds.iter()), |row| {
            Ok(RecordRow {
                id: row.get(0)?,
                uuid: row.get(1)?,
                doc: row.get(2)?,
                main_id: row.get(3)?,
            })
        })?;
        let mut records = Vec::with_capacity(self.limit.min(500) as usize);
        for row in rows {
            records.push(row?.into_record_with(self.fields.as_deref())?);
        }
        Ok(RecordPage { total, records })
    }
}
