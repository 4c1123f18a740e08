//! Read-only SQLite connections: every read of the store on SQLite runs here (`exec.rs`),
//! as every write runs on the writer thread (`sqlite_writer.rs`).
//!
//! sqlx drives each SQLite connection from a worker thread and hands every statement and
//! every row across a channel; a list read (generation, count, page) costs dozens of thread
//! wake-ups that way, and profiling the read benchmark put a quarter of all CPU time into
//! them (docs/benchmarks.md). Here a whole read runs in one closure on one blocking thread:
//! one hand-off per request.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};

use rusqlite::config::DbConfig;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OpenFlags, ToSql};

use crate::records::Bind;
use crate::StoreError;

/// Prepared statements kept per connection; a website sends a handful of list shapes.
const STATEMENT_CACHE: usize = 64;

/// Two sets of connections: a bounded pool for reads that may scan (they wait for a free
/// connection on their blocking thread), and connections for point lookups that run in
/// place on a runtime thread and so must never wait: when none is idle, one more is opened.
/// Point lookups hold theirs for microseconds, so that set stays as small as the number of
/// threads doing them at once.
#[derive(Debug)]
pub(crate) struct SqliteReader {
    path: PathBuf,
    max: usize,
    pool: Mutex<Pool>,
    freed: Condvar,
    points: Mutex<Vec<Connection>>,
    /// Reads waiting for a connection wait here, on the runtime, rather than each on a
    /// blocking thread of its own: every such thread grows its own malloc arena, which
    /// tripled the server's memory under 16 clients.
    permits: tokio::sync::Semaphore,
    /// Reads that found every permit taken and waited, since start (for `/metrics`).
    waits: AtomicU64,
}

#[derive(Debug, Default)]
struct Pool {
    idle: Vec<Connection>,
    open: usize,
}

impl SqliteReader {
    pub(crate) fn new(path: impl Into<PathBuf>, max: usize) -> SqliteReader {
        SqliteReader {
            path: path.into(),
            max: max.max(1),
            pool: Mutex::default(),
            freed: Condvar::new(),
            points: Mutex::default(),
            permits: tokio::sync::Semaphore::new(max.max(1)),
            waits: AtomicU64::new(0),
        }
    }

    /// The database file.
    pub(crate) fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Runs `f` in place with a point-lookup connection; never waits for one. For statements
    /// that take microseconds (a generation lookup); anything that scans goes through
    /// [`Self::run`].
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let idle = relock(&self.points).pop();
        let mut conn = match idle {
            Some(conn) => conn,
            None => self.connect()?,
        };
        let result = f(&mut conn);
        relock(&self.points).push(conn);
        result
    }

    /// Runs `f` with a pooled connection on the current thread, waiting for one if all are
    /// busy; only for blocking threads.
    fn with_pooled<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.checkout()?;
        let result = f(&mut conn);
        self.checkin(conn);
        result
    }

    /// Runs `f` on a blocking thread, so that a slow query never holds up the runtime.
    pub(crate) async fn run<T: Send + 'static>(
        self: &std::sync::Arc<Self>,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let _permit = match self.permits.try_acquire() {
            Ok(permit) => permit,
            Err(_) => {
                self.waits.fetch_add(1, Ordering::Relaxed);
                self.permits
                    .acquire()
                    .await
                    .map_err(|e| StoreError::Invalid(format!("reader closed: {e}")))?
            }
        };
        let reader = self.clone();
        tokio::task::spawn_blocking(move || reader.with_pooled(f))
            .await
            .map_err(|e| StoreError::Invalid(format!("read task failed: {e}")))?
    }

    /// The bounded pool's figures; the point-lookup connections are not counted, as they
    /// are never waited for.
    pub(crate) fn stats(&self) -> crate::PoolStats {
        let (open, idle) = self
            .pool
            .lock()
            .map(|p| (p.open, p.idle.len()))
            .unwrap_or_default();
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        crate::PoolStats {
            pool: "sqlite_read",
            in_use: count(open.saturating_sub(idle)),
            idle: count(idle),
            max: count(self.max),
            waits: Some(self.waits.load(Ordering::Relaxed)),
        }
    }

    fn checkout(&self) -> Result<Connection, StoreError> {
        let mut pool = relock(&self.pool);
        loop {
            if let Some(conn) = pool.idle.pop() {
                return Ok(conn);
            }
            if pool.open < self.max {
                pool.open += 1;
                drop(pool);
                return self.connect().inspect_err(|_| {
                    relock(&self.pool).open -= 1;
                });
            }
            pool = self
                .freed
                .wait(pool)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    fn checkin(&self, conn: Connection) {
        relock(&self.pool).idle.push(conn);
        self.freed.notify_one();
    }

    fn connect(&self) -> Result<Connection, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&self.path, flags)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // SQLite is built with STAT4: a cached statement whose bound values changed is
        // planned again on every run, so a listing with a moving price band re-parsed its
        // SQL on every request (11% of the read benchmark's CPU in a profile). Plans from
        // the statistics alone are what the indexes are laid out for.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        Ok(conn)
    }
}

/// Locks a pool list. A panic while one was held cannot leave it half-changed (each change
/// is one push, pop or counter step), so a poisoned lock is taken over rather than turning
/// every later read into an error.
fn relock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl ToSql for Bind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Bind::Int(i) => ToSqlOutput::from(*i),
            Bind::Real(f) => ToSqlOutput::from(*f),
            Bind::Text(t) => ToSqlOutput::from(t.as_str()),
            Bind::Bool(b) => ToSqlOutput::from(i64::from(*b)),
            Bind::Bytes(b) => ToSqlOutput::from(b.as_slice()),
            Bind::NullInt | Bind::NullText => ToSqlOutput::from(rusqlite::types::Null),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;

    /// SQLite is built without its process-wide mutexes for memory statistics and for one
    /// shared page-cache group (`.cargo/config.toml`): reads on several threads queued on
    /// both.
    #[test]
    fn sqlite_is_built_without_its_global_mutexes() -> Result<(), Box<dyn std::error::Error>> {
        let conn = Connection::open_in_memory()?;
        let mut stmt = conn.prepare("PRAGMA compile_options")?;
        let options: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert!(
            options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
            "{options:?}"
        );
        assert!(
            !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
            "{options:?}"
        );
        Ok(())
    }

    /// With every pooled connection held by slow reads, a point lookup still answers at once
    /// instead of blocking the runtime thread it runs on.
    #[test]
    fn point_lookups_never_wait_for_the_pool() -> Result<(), Box<dyn std::error::Error>> {
        let dir = std::env::temp_dir().join(format!("kontor-reader-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("r.db");
        Connection::open(&path)?
            .execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7);")?;
        let reader = Arc::new(SqliteReader::new(&path, 1));
        let held = reader.checkout()?;
        let (tx, rx) = std::sync::mpsc::channel();
        let point = reader.clone();
        std::thread::spawn(move || {
            let got =
                point.with(|c| Ok(c.query_row("SELECT x FROM t", [], |r| r.get::<_, i64>(0))?));
            let _ = tx.send(got.ok());
        });
        let answer = rx.recv_timeout(Duration::from_secs(5));
        reader.checkin(held);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(answer?, Some(7));
        Ok(())
    }
}
