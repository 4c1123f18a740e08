//! How busy the store's connection pools are, for the server's `/metrics`.

use crate::db::Db;
use crate::Store;

/// One pool's figures at the moment they were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    /// `postgres` (sqlx's pool), `sqlite_read` (SQLite's reader connections,
    /// `sqlite_reader.rs`).
    pub pool: &'static str,
    /// Connections lent out right now.
    pub in_use: u32,
    /// Connections open and waiting to be lent.
    pub idle: u32,
    /// The most the pool opens.
    pub max: u32,
    /// Times since start that a caller had to wait for a connection, where the pool counts
    /// them; sqlx's pools do not say, so for them a pool whose `in_use` stays at `max` is
    /// the sign of waiting.
    pub waits: Option<u64>,
}

impl Store {
    /// The figures of every pool the store uses: SQLite's reader connections (its writes
    /// have one thread, not a pool), or PostgreSQL's pool.
    pub fn pool_stats(&self) -> Vec<PoolStats> {
        match &self.db {
            Db::Sqlite(reader, _) => vec![reader.stats()],
            Db::Postgres(p) => {
                let idle = u32::try_from(p.num_idle()).unwrap_or(u32::MAX);
                vec![PoolStats {
                    pool: "postgres",
                    in_use: p.size().saturating_sub(idle),
                    idle,
                    max: p.options().get_max_connections(),
                    waits: None,
                }]
            }
        }
    }
}
