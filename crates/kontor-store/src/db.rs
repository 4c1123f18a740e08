//! The connection to one database, SQLite or PostgreSQL.

use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::ConnectOptions;

use crate::exec::{run_now, Conn, Job};
use crate::sqlite_reader::SqliteReader;
use crate::sqlite_writer::SqliteWriter;
use crate::{DatabaseUrl, SecretCipher, SecretKey, StoreError};

/// The database and its one executor: SQLite's reader connections and writer thread, or
/// PostgreSQL's pool (`exec.rs`).
#[derive(Debug, Clone)]
pub(crate) enum Db {
    Sqlite(Arc<SqliteReader>, Arc<SqliteWriter>),
    Postgres(PgPool),
}

/// The store: the database plus the cipher that seals API secrets and the caches of what
/// was read. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) db: Db,
    pub(crate) cipher: Arc<SecretCipher>,
    pub(crate) counts: Arc<crate::records::CountCache>,
    pub(crate) configs: Arc<crate::fields::ConfigCache>,
    pub(crate) auto_indexes: Arc<crate::records::AutoIndexes>,
    pub(crate) ranges: Arc<crate::records::RangeCache>,
    /// SQLite only: how long each list statement's last page took (`records/read.rs`).
    pub(crate) page_times: Arc<crate::records::PageTimes>,
    /// Set by [`Store::close`]: every later operation fails.
    closed: Arc<AtomicBool>,
    backend: &'static str,
}

/// How a store is opened.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub max_connections: u32,
    /// PostgreSQL only: a schema to create and use (the test suites isolate runs this way).
    pub pg_schema: Option<String>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            max_connections: 8,
            pg_schema: None,
        }
    }
}

impl Store {
    /// Connects, then applies the backend's pending migrations.
    pub async fn open(url: &DatabaseUrl, key: &SecretKey) -> Result<Store, StoreError> {
        Store::open_with(url, key, OpenOptions::default()).await
    }

    pub async fn open_with(
        url: &DatabaseUrl,
        key: &SecretKey,
        options: OpenOptions,
    ) -> Result<Store, StoreError> {
        crate::modules::check_catalogs().map_err(StoreError::Corrupt)?;
        let db = match url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(dir) = std::path::Path::new(path).parent() {
                    if !dir.as_os_str().is_empty() {
                        std::fs::create_dir_all(dir).map_err(|e| {
                            StoreError::Url(format!("cannot create {}: {e}", dir.display()))
                        })?;
                    }
                }
                migrate_sqlite(path).await?;
                let reader = SqliteReader::new(path, options.max_connections as usize);
                let writer = SqliteWriter::start(std::path::Path::new(path))?;
                Db::Sqlite(Arc::new(reader), Arc::new(writer))
            }
            DatabaseUrl::Postgres(text) => {
                let mut connect = PgConnectOptions::from_str(text)?;
                if let Some(schema) = &options.pg_schema {
                    create_schema(&connect, schema).await?;
                    connect = connect.options([("search_path", schema.as_str())]);
                }
                let pool = PgPoolOptions::new()
                    .max_connections(options.max_connections)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(connect)
                    .await?;
                sqlx::migrate!("./migrations/postgres").run(&pool).await?;
                Db::Postgres(pool)
            }
        };
        let store = Store {
            db,
            cipher: Arc::new(SecretCipher::new(key)),
            counts: Arc::default(),
            configs: Arc::default(),
            auto_indexes: Arc::default(),
            ranges: Arc::default(),
            page_times: Arc::default(),
            closed: Arc::default(),
            backend: url.backend(),
        };
        store.load_auto_indexes().await?;
        store.index_unindexed_modules().await?;
        Ok(store)
    }

    /// Runs a job of writes as one transaction: on SQLite on the writer thread (grouped with
    /// others into one commit, `sqlite_writer.rs`), on PostgreSQL in a transaction of the
    /// pool. An error undoes everything the job did.
    pub(crate) async fn write<T, F>(&self, job: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(Conn<'c>) -> Job<'c, T> + Send + 'static,
    {
        self.check_open()?;
        match &self.db {
            Db::Sqlite(_, writer) => writer.write(move |c| run_now(job(Conn::Sqlite(c)))).await,
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let outcome = job(Conn::Postgres(&mut tx)).await?;
                tx.commit().await?;
                Ok(outcome)
            }
        }
    }

    /// Runs a job of reads: on SQLite on a reader connection, on a blocking thread (a list
    /// read's statements take long enough to block a runtime thread otherwise), on
    /// PostgreSQL on a connection of the pool. A SQLite job's statements see one snapshot
    /// when it begins a transaction (`BEGIN`), as the list read does.
    pub(crate) async fn read<T, F>(&self, job: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(Conn<'c>) -> Job<'c, T> + Send + 'static,
    {
        self.check_open()?;
        match &self.db {
            Db::Sqlite(reader, _) => reader.run(move |c| run_now(job(Conn::Sqlite(c)))).await,
            Db::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                job(Conn::Postgres(&mut conn)).await
            }
        }
    }

    /// Runs a short job of reads (a point lookup): on SQLite in place, on the calling
    /// thread, where the hand-off to a blocking thread would cost more than the lookup.
    pub(crate) async fn lookup<T, F>(&self, job: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(Conn<'c>) -> Job<'c, T> + Send + 'static,
    {
        self.check_open()?;
        match &self.db {
            Db::Sqlite(reader, _) => reader.with(move |c| run_now(job(Conn::Sqlite(c)))),
            Db::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                job(Conn::Postgres(&mut conn)).await
            }
        }
    }

    /// Runs statements one after the other as one write.
    pub(crate) async fn write_all(
        &self,
        statements: Vec<crate::records::sql::Sql>,
    ) -> Result<(), StoreError> {
        self.write(move |mut c| {
            Box::pin(async move {
                for statement in &statements {
                    c.execute(statement).await?;
                }
                Ok(())
            })
        })
        .await
    }

    fn check_open(&self) -> Result<(), StoreError> {
        if self.closed.load(Ordering::Relaxed) {
            return Err(StoreError::Invalid("the store is closed".into()));
        }
        Ok(())
    }

    /// SQLite's reader connections, for tests that look at query plans.
    #[cfg(test)]
    pub(crate) fn reader(&self) -> Option<&Arc<SqliteReader>> {
        match &self.db {
            Db::Sqlite(reader, _) => Some(reader),
            Db::Postgres(_) => None,
        }
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// A round trip to the database, for `/readyz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.lookup(|mut c| {
            Box::pin(async move {
                c.int(&crate::records::sql::Sql::new("SELECT 1", Vec::new()))
                    .await
                    .map(|_| ())
            })
        })
        .await
    }

    /// Refreshes the planner's statistics after a bulk load (seeding, import): without them
    /// PostgreSQL plans as if tables were empty and SQLite guesses index selectivity.
    pub async fn optimize(&self) -> Result<(), StoreError> {
        match &self.db {
            Db::Sqlite(reader, _) => {
                // The writer's checkpoints run behind it (sqlite_writer.rs); after a bulk
                // load the log holds hundreds of MB that every read would otherwise look
                // through, and copy in while serving. Copy it now, then start it over; a
                // checkpoint writes no data, and cannot run inside the writer's
                // transactions.
                let path = reader.path().to_path_buf();
                tokio::task::spawn_blocking(move || -> Result<(), StoreError> {
                    let conn = rusqlite::Connection::open(&path)?;
                    conn.busy_timeout(Duration::from_secs(30))?;
                    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
                    Ok(())
                })
                .await
                .map_err(|e| StoreError::Invalid(format!("checkpoint failed: {e}")))??;
                // ANALYZE reads samples of every index; cheap next to the load it follows.
                self.write(|mut c| {
                    Box::pin(async move {
                        c.execute(&crate::records::sql::Sql::new("ANALYZE", Vec::new()))
                            .await
                            .map(|_| ())
                    })
                })
                .await
            }
            // VACUUM also sets the visibility map, which index-only scans (the counts) need;
            // it cannot run inside a transaction.
            Db::Postgres(pool) => {
                sqlx::query("VACUUM ANALYZE estates, addresses, estate_languages, records")
                    .execute(pool)
                    .await?;
                Ok(())
            }
        }
    }

    /// Closes the database; every later operation fails.
    pub async fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        if let Db::Postgres(pool) = &self.db {
            pool.close().await;
        }
    }
}

/// Applies SQLite's pending migrations on a connection of their own: sqlx keeps the record
/// of applied migrations (`_sqlx_migrations`) that databases made by earlier versions have.
/// Every other statement runs on the writer thread and the reader connections.
async fn migrate_sqlite(path: &str) -> Result<(), StoreError> {
    // WAL lets readers run beside the one writer; NORMAL sync is durable in WAL mode except
    // for the last transactions on power loss, the usual trade.
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(30))
        .connect()
        .await?;
    sqlx::migrate!("./migrations/sqlite").run(&mut conn).await?;
    sqlx::Connection::close(conn).await?;
    Ok(())
}

async fn create_schema(connect: &PgConnectOptions, schema: &str) -> Result<(), StoreError> {
    if !schema
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(StoreError::Url(format!(
            "schema name {schema:?} is not a plain identifier"
        )));
    }
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(connect.clone())
        .await?;
    // Identifiers cannot be bound as parameters; the name was checked above.
    sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
        .execute(&pool)
        .await?;
    pool.close().await;
    Ok(())
}

/// Seconds since the Unix epoch, for `created_at` columns.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
