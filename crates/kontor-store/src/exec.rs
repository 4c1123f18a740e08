//! One way to run statements on either backend, so that every store operation is written
//! once.
//!
//! Each backend has one executor: SQLite runs every write as a job on the one writer thread
//! (`sqlite_writer.rs`) and every read on a connection of the reader pool
//! (`sqlite_reader.rs`); PostgreSQL runs both on sqlx's pool, each write in a transaction.
//! An operation is a *job*: an async block that speaks to a [`Conn`], which is either
//! backend's connection. On SQLite the job runs on the thread that holds the connection and
//! never waits (every statement completes when called), so it is polled once
//! ([`run_now`]); on PostgreSQL it is awaited like any future. The statements, the caches
//! around them and the algorithms (counts, range counts, inserts) thus exist once; a
//! dialect difference is one `match` on [`Conn::dialect`] with a comment saying why.

use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

use rusqlite::types::ValueRef;
use sqlx::{Column, Row as _, TypeInfo};

use crate::records::sql::{Bind, Dialect, Sql};
use crate::StoreError;

/// A connection of either backend. Holding `&mut` (not `&`) of SQLite's keeps a job's
/// future `Send`, which the PostgreSQL side needs.
pub(crate) enum Conn<'c> {
    Sqlite(&'c mut rusqlite::Connection),
    Postgres(&'c mut sqlx::PgConnection),
}

/// A job's work.
pub(crate) type Job<'c, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'c>>;

/// A column value as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

/// A row of cells, read by position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row(Vec<Cell>);

impl Row {
    fn cell(&self, i: usize) -> Result<&Cell, StoreError> {
        self.0
            .get(i)
            .ok_or_else(|| StoreError::Corrupt(format!("a row has no column {i}")))
    }

    fn wrong(&self, i: usize, what: &str) -> StoreError {
        StoreError::Corrupt(format!("column {i} is not {what}: {:?}", self.0.get(i)))
    }

    pub(crate) fn int(&self, i: usize) -> Result<i64, StoreError> {
        match self.cell(i)? {
            Cell::Int(n) => Ok(*n),
            _ => Err(self.wrong(i, "an integer")),
        }
    }

    pub(crate) fn opt_int(&self, i: usize) -> Result<Option<i64>, StoreError> {
        match self.cell(i)? {
            Cell::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }

    /// A boolean column: SQLite keeps 0 or 1, PostgreSQL a `BOOLEAN` (read as 0 or 1).
    pub(crate) fn flag(&self, i: usize) -> Result<bool, StoreError> {
        Ok(self.int(i)? != 0)
    }

    pub(crate) fn text(&self, i: usize) -> Result<String, StoreError> {
        match self.cell(i)? {
            Cell::Text(t) => Ok(t.clone()),
            _ => Err(self.wrong(i, "text")),
        }
    }

    pub(crate) fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError> {
        match self.cell(i)? {
            Cell::Null => Ok(None),
            _ => self.text(i).map(Some),
        }
    }

    pub(crate) fn bytes(&self, i: usize) -> Result<Vec<u8>, StoreError> {
        match self.cell(i)? {
            Cell::Bytes(b) => Ok(b.clone()),
            _ => Err(self.wrong(i, "bytes")),
        }
    }
}

impl Conn<'_> {
    pub(crate) fn dialect(&self) -> Dialect {
        match self {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Runs a statement; answers the rows it changed.
    pub(crate) async fn execute(&mut self, sql: &Sql) -> Result<u64, StoreError> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(&sql.text)?;
                let params = rusqlite::params_from_iter(sql.binds.iter());
                if stmt.column_count() == 0 {
                    return Ok(stmt.execute(params)? as u64);
                }
                // A statement with RETURNING: rusqlite's execute refuses rows, so they are
                // read and dropped, and the change count taken from the connection.
                let mut rows = stmt.query(params)?;
                while rows.next()?.is_some() {}
                drop(rows);
                drop(stmt);
                Ok(c.changes())
            }
            Conn::Postgres(c) => Ok(bind_pg(sqlx::query(&sql.text), &sql.binds)
                .execute(&mut **c)
                .await?
                .rows_affected()),
        }
    }

    /// Runs a query; answers all its rows.
    pub(crate) async fn rows(&mut self, sql: &Sql) -> Result<Vec<Row>, StoreError> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(&sql.text)?;
                let width = stmt.column_count();
                let mut rows = stmt.query(rusqlite::params_from_iter(sql.binds.iter()))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    let mut cells = Vec::with_capacity(width);
                    for i in 0..width {
                        cells.push(sqlite_cell(row.get_ref(i)?));
                    }
                    out.push(Row(cells));
                }
                Ok(out)
            }
            Conn::Postgres(c) => {
                let rows = bind_pg(sqlx::query(&sql.text), &sql.binds)
                    .fetch_all(&mut **c)
                    .await?;
                rows.iter().map(pg_row).collect()
            }
        }
    }

    /// The first row of a query, if any.
    pub(crate) async fn row(&mut self, sql: &Sql) -> Result<Option<Row>, StoreError> {
        Ok(self.rows(sql).await?.into_iter().next())
    }

    /// The first column of the first row as an integer (a count, an id, a generation).
    pub(crate) async fn int(&mut self, sql: &Sql) -> Result<Option<i64>, StoreError> {
        self.int_of(&sql.text, &sql.binds).await
    }

    /// [`Self::int`] of a statement's text and values as they stand: the lookups every
    /// request makes (generations) build no row of cells and copy no text.
    pub(crate) async fn int_of(
        &mut self,
        text: &str,
        binds: &[Bind],
    ) -> Result<Option<i64>, StoreError> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(text)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(binds.iter()))?;
                match rows.next()? {
                    Some(row) => Ok(row.get::<_, Option<i64>>(0)?),
                    None => Ok(None),
                }
            }
            Conn::Postgres(_) => match self.row(&Sql::new(text, binds.to_vec())).await? {
                Some(row) => row.opt_int(0),
                None => Ok(None),
            },
        }
    }
}

fn sqlite_cell(value: ValueRef<'_>) -> Cell {
    match value {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(n) => Cell::Int(n),
        ValueRef::Real(f) => Cell::Real(f),
        ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Cell::Bytes(b.to_vec()),
    }
}

/// A PostgreSQL row by the types its columns have (every query of the store selects only
/// these: integers, floats, booleans, text, bytes).
fn pg_row(row: &sqlx::postgres::PgRow) -> Result<Row, StoreError> {
    let mut cells = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let cell = match column.type_info().name() {
            // sqlx decodes each integer width into its own Rust type only.
            "INT8" => row.try_get::<Option<i64>, _>(i).map(|v| v.map(Cell::Int)),
            "INT4" => row
                .try_get::<Option<i32>, _>(i)
                .map(|v| v.map(|n| Cell::Int(i64::from(n)))),
            "INT2" => row
                .try_get::<Option<i16>, _>(i)
                .map(|v| v.map(|n| Cell::Int(i64::from(n)))),
            "FLOAT8" => row.try_get::<Option<f64>, _>(i).map(|v| v.map(Cell::Real)),
            "FLOAT4" => row
                .try_get::<Option<f32>, _>(i)
                .map(|v| v.map(|f| Cell::Real(f64::from(f)))),
            "BOOL" => row
                .try_get::<Option<bool>, _>(i)
                .map(|v| v.map(|b| Cell::Int(i64::from(b)))),
            "BYTEA" => row
                .try_get::<Option<Vec<u8>>, _>(i)
                .map(|v| v.map(Cell::Bytes)),
            _ => row
                .try_get::<Option<String>, _>(i)
                .map(|v| v.map(Cell::Text)),
        }?;
        cells.push(cell.unwrap_or(Cell::Null));
    }
    Ok(Row(cells))
}

/// Binds every value of a statement to a PostgreSQL query.
pub(crate) fn bind_pg<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>,
    binds: &[Bind],
) -> sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments> {
    for bind in binds {
        query = match bind {
            Bind::Int(i) => query.bind(*i),
            Bind::Real(f) => query.bind(*f),
            Bind::Text(t) => query.bind(t.clone()),
            Bind::Bool(b) => query.bind(*b),
            Bind::Bytes(b) => query.bind(b.clone()),
            Bind::NullInt => query.bind(None::<i64>),
            Bind::NullText => query.bind(None::<String>),
        };
    }
    query
}

/// Runs a job whose connection never makes it wait (SQLite's, on the thread that holds
/// it): one poll finishes it.
pub(crate) fn run_now<T>(
    job: impl Future<Output = Result<T, StoreError>>,
) -> Result<T, StoreError> {
    let mut cx = Context::from_waker(Waker::noop());
    match pin!(job).poll(&mut cx) {
        Poll::Ready(outcome) => outcome,
        Poll::Pending => Err(StoreError::Invalid(
            "a SQLite job waited for something other than its connection".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn sum(c: &mut Conn<'_>) -> Result<i64, StoreError> {
        let mut two = Sql::default();
        two.push("SELECT ").bind(Bind::Int(1)).push(" + 1");
        let a = c.int(&two).await?.unwrap_or(0);
        let mut twice = Sql::default();
        twice.push("SELECT ").bind(Bind::Int(a)).push(" * 2");
        Ok(c.int(&twice).await?.unwrap_or(0))
    }

    #[test]
    fn a_sqlite_job_finishes_in_one_poll() -> Result<(), StoreError> {
        let mut conn = rusqlite::Connection::open_in_memory()?;
        assert_eq!(
            run_now(async { sum(&mut Conn::Sqlite(&mut conn)).await })?,
            4
        );
        Ok(())
    }

    #[test]
    fn a_job_that_waits_is_an_error_not_a_hang() {
        let waits = async {
            std::future::pending::<()>().await;
            Ok(())
        };
        assert!(run_now(waits).is_err());
    }
}
