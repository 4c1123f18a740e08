//! How busy the store's connection pools are, for the server's `/metrics`.

use crate::db::Db;
use crate::Store;

/// One pool's figures at the moment they were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    /// `sqlite` or `postgres` (sqlx's pool: writes and lookups), `sqlite_read` (the list
    /// reads' own connections, `sqlite_reader.rs`).
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
    /// The figures of every pool the store uses.
    pub fn pool_stats(&self) -> Vec<PoolStats> {
        let sqlx = |pool: &'static str, size: u32, idle: usize, max: u32| {
            let idle = u32::try_from(idle).unwrap_or(u32::MAX);
            PoolStats {
                pool,
                in_use: size.saturating_sub(idle),
                idle,
                max,
                waits: None,
            }
        };
        let mut stats = vec![match &self.db {
            Db::Sqlite(p) => sqlx(
                "sqlite",
                p.size(),
                p.num_idle(),
                p.options().get_max_connections(),
            ),
            Db::Postgres(p) => sqlx(
                "postgres",
                p.size(),
                p.num_idle(),
                p.options().get_max_connections(),
            ),
        }];
        if let Some(reader) = &self.reader {
            stats.push(reader.stats());
        }
        stats
    }
}
