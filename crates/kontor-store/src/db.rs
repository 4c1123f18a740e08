//! The connection to one database, SQLite or PostgreSQL.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::{DatabaseUrl, SecretCipher, SecretKey, StoreError};

/// Runs the same statement text on whichever pool is open. The body is compiled once per
/// backend, so a type that one driver cannot bind fails at compile time, not in production.
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_db;

#[derive(Debug, Clone)]
pub(crate) enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The store: a pool plus the cipher that seals API secrets. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) db: Db,
    pub(crate) cipher: Arc<SecretCipher>,
    pub(crate) counts: Arc<crate::records::CountCache>,
    pub(crate) configs: Arc<crate::fields::ConfigCache>,
    /// SQLite only: the connections list reads run on (see `sqlite_reader.rs`).
    pub(crate) reader: Option<Arc<crate::sqlite_reader::SqliteReader>>,
    /// SQLite only: the thread record inserts are queued to (see `sqlite_writer.rs`).
    pub(crate) writer: Option<Arc<crate::sqlite_writer::SqliteWriter>>,
    pub(crate) auto_indexes: Arc<crate::records::AutoIndexes>,
    pub(crate) ranges: Arc<crate::records::RangeCache>,
    /// SQLite only: how long each list statement's last page took (`read_sqlite.rs`).
    pub(crate) page_times: Arc<crate::records::PageTimes>,
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
        let mut reader = None;
        let mut writer = None;
        let db = match url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(dir) = std::path::Path::new(path).parent() {
                    if !dir.as_os_str().is_empty() {
                        std::fs::create_dir_all(dir).map_err(|e| {
                            StoreError::Url(format!("cannot create {}: {e}", dir.display()))
                        })?;
                    }
                }
                // WAL lets readers run beside the one writer; NORMAL sync is durable in WAL
                // mode except for the last transactions on power loss, the usual trade.
                let connect = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    // Long enough to wait out an index being made on a big table
                    // (records/auto_index.rs) instead of failing the write.
                    .busy_timeout(Duration::from_secs(30));
                let pool = SqlitePoolOptions::new()
                    .max_connections(options.max_connections)
                    .connect_with(connect)
                    .await?;
                sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
                reader = Some(Arc::new(crate::sqlite_reader::SqliteReader::new(
                    path,
                    options.max_connections as usize,
                )));
                writer = Some(Arc::new(crate::sqlite_writer::SqliteWriter::start(
                    std::path::Path::new(path),
                )?));
                Db::Sqlite(pool)
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
            reader,
            writer,
            auto_indexes: Arc::default(),
            ranges: Arc::default(),
            page_times: Arc::default(),
            backend: url.backend(),
        };
        store.load_auto_indexes().await?;
        Ok(store)
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// A round trip to the database, for `/readyz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_db!(&self.db, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Refreshes the planner's statistics after a bulk load (seeding, import): without them
    /// PostgreSQL plans as if tables were empty and SQLite guesses index selectivity.
    pub async fn optimize(&self) -> Result<(), StoreError> {
        match &self.db {
            // ANALYZE reads samples of every index; cheap next to the load it follows.
            Db::Sqlite(pool) => {
                // The writer's checkpoints run behind it (sqlite_writer.rs); after a bulk
                // load the log holds hundreds of MB that every read would otherwise look
                // through, and copy in while serving. Copy it now, then start it over.
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(pool)
                    .await?;
                sqlx::query("ANALYZE").execute(pool).await?;
            }
            // VACUUM also sets the visibility map, which index-only scans (the counts) need.
            Db::Postgres(pool) => {
                sqlx::query("VACUUM ANALYZE estates, addresses, estate_languages")
                    .execute(pool)
                    .await?;
            }
        }
        Ok(())
    }

    pub async fn close(&self) {
        on_db!(&self.db, pool => pool.close().await)
    }
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
