//! One SQLite connection, on a thread of its own, that makes every write of the process:
//! records, tenants, API users, configuration, relations and auto indexes (`exec.rs`). Only
//! the migrations at start run elsewhere, before this thread exists.
//!
//! SQLite has one writer at a time. With writes spread over sqlx's pool, sixteen clients
//! creating estates took turns at the lock by sleeping in the busy handler (up to 100 ms a
//! sleep), every statement was a hand-off to a connection thread, and each request's commit
//! wrote and checkpointed the same index pages again. A profile of the create benchmark put
//! two thirds of its time in page writes, checkpoints and reads of evicted pages
//! (docs/benchmarks.md). Here writes queue in memory instead: the thread takes every job
//! waiting, runs each in a savepoint of one transaction, and commits once for all of them
//! (group commit), so that an index page touched by sixteen requests is written once.
//!
//! A job that fails is rolled back to its savepoint and fails alone; the others commit. No
//! job sees its result before the commit it belongs to has succeeded.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::mpsc;

use rusqlite::{Connection, OpenFlags};

use crate::StoreError;

/// Jobs committed together at most; bounds the time a caller waits behind others.
const MAX_GROUP: usize = 64;
/// Prepared statements kept: one insert per record table, a few counters.
const STATEMENT_CACHE: usize = 32;
/// The writer's page cache (KiB, SQLite's negative form): the index pages of 100,000
/// estates stay in memory instead of being read back for every insert.
const CACHE_KIB: i64 = 32 * 1024;

/// What a job leaves for after the commit: telling its caller the outcome.
type Deliver = Box<dyn FnOnce(Result<(), String>) + Send>;

/// A write waiting in the queue.
trait Job: Send {
    /// Does the work inside the open transaction.
    fn run(self: Box<Self>, conn: &mut Connection) -> Deliver;
    /// Tells the caller the work could not run at all.
    fn abort(self: Box<Self>, error: String);
}

struct Work<F, T> {
    f: F,
    reply: tokio::sync::oneshot::Sender<Result<T, StoreError>>,
}

impl<F, T> Job for Work<F, T>
where
    F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    T: Send + 'static,
{
    fn run(self: Box<Self>, conn: &mut Connection) -> Deliver {
        let Work { f, reply } = *self;
        let outcome = in_savepoint(conn, f);
        Box::new(move |commit: Result<(), String>| {
            let result = match (commit, outcome) {
                (Ok(()), outcome) => outcome,
                // Rolled back with the rest of the group: nothing of it was kept.
                (Err(e), Ok(_)) => Err(StoreError::Invalid(format!("commit failed: {e}"))),
                (Err(_), Err(e)) => Err(e),
            };
            // The caller may have gone away (a dropped request): nothing to tell.
            let _ = reply.send(result);
        })
    }

    fn abort(self: Box<Self>, error: String) {
        let _ = self.reply.send(Err(StoreError::Invalid(format!(
            "cannot begin a write transaction: {error}"
        ))));
    }
}

/// The queue to the writer thread. Dropping the last handle ends the thread.
pub(crate) struct SqliteWriter {
    queue: mpsc::Sender<Box<dyn Job>>,
}

impl std::fmt::Debug for SqliteWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SqliteWriter")
    }
}

impl SqliteWriter {
    /// Opens the connection and starts the thread.
    pub(crate) fn start(path: &Path) -> Result<SqliteWriter, StoreError> {
        let conn = open(path)?;
        // The writer leaves checkpoints to a thread of their own: copying the WAL into the
        // database and its fsync were a fifth of the create benchmark's time, spent at each
        // commit while the next batches waited (docs/benchmarks.md).
        conn.query_row("PRAGMA wal_autocheckpoint = 0", [], |r| r.get::<_, i64>(0))?;
        // A log that grew during a long burst of writes (seeding) is cut back when it starts
        // over, instead of keeping its largest size on disk.
        conn.query_row("PRAGMA journal_size_limit = 67108864", [], |r| {
            r.get::<_, i64>(0)
        })?;
        let checkpointer = open(path)?;
        let (kick, kicks) = mpsc::sync_channel::<()>(1);
        std::thread::Builder::new()
            .name("kontor-checkpoint".into())
            .spawn(move || checkpoint(&checkpointer, &kicks))
            .map_err(|e| {
                StoreError::Invalid(format!("cannot start the SQLite checkpointer: {e}"))
            })?;
        let (queue, jobs) = mpsc::channel::<Box<dyn Job>>();
        std::thread::Builder::new()
            .name("kontor-writer".into())
            .spawn(move || serve(conn, &jobs, &kick))
            .map_err(|e| StoreError::Invalid(format!("cannot start the SQLite writer: {e}")))?;
        Ok(SqliteWriter { queue })
    }

    /// Runs `f` inside the writer's next transaction and answers once that has committed.
    /// An error from `f` undoes only what `f` did.
    pub(crate) async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (reply, answer) = tokio::sync::oneshot::channel::<Result<T, StoreError>>();
        self.queue
            .send(Box::new(Work { f, reply }))
            .map_err(|_| StoreError::Invalid("the SQLite writer has stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError::Invalid("the SQLite writer dropped a write".into()))?
    }
}

fn open(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // As the sqlx pool: other processes and the pool's own writes may hold the lock, and an
    // auto index being built on a big table holds it for seconds (records/auto_index.rs).
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{CACHE_KIB};"
    ))?;
    Ok(conn)
}

/// The thread: waits for a job, takes every other one waiting, commits them together.
fn serve(mut conn: Connection, jobs: &mpsc::Receiver<Box<dyn Job>>, kick: &mpsc::SyncSender<()>) {
    let conn = &mut conn;
    while let Ok(first) = jobs.recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        // IMMEDIATE takes the write lock now, so that no job runs into SQLITE_BUSY halfway.
        if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
            for job in group {
                job.abort(e.to_string());
            }
            continue;
        }
        let delivers: Vec<Deliver> = group.into_iter().map(|job| job.run(&mut *conn)).collect();
        let commit = conn.execute_batch("COMMIT").map_err(|e| {
            let text = e.to_string();
            // The transaction may still be open after a failed COMMIT (SQLITE_BUSY).
            let _ = conn.execute_batch("ROLLBACK");
            text
        });
        if commit.is_ok() {
            // Full: a checkpoint is already due, which covers this commit too.
            let _ = kick.try_send(());
        }
        for deliver in delivers {
            deliver(commit.clone());
        }
    }
}

/// WAL frames (4 KiB pages) beyond which the checkpointer makes writers wait until the log
/// starts over; below it, checkpoints never block anyone.
const WAL_LIMIT_FRAMES: i64 = 64 * 1024;

/// The checkpointer: after each commit of the writer, copies the log into the database
/// without blocking readers or the writer (PASSIVE). While the writer keeps appending, the
/// log cannot start over; past [`WAL_LIMIT_FRAMES`] a RESTART checkpoint waits for the
/// writer to pause, so the log stays bounded.
fn checkpoint(conn: &Connection, kicks: &mpsc::Receiver<()>) {
    while kicks.recv().is_ok() {
        let passive = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(1));
        match passive {
            Ok(frames) if frames > WAL_LIMIT_FRAMES => {
                let restart =
                    conn.query_row("PRAGMA wal_checkpoint(RESTART)", [], |r| r.get::<_, i64>(0));
                if let Err(e) = restart {
                    tracing::warn!(error = %e, "SQLite checkpoint (restart) failed");
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "SQLite checkpoint failed"),
        }
    }
}

/// Runs `f` in a savepoint: kept on success, undone on error or panic.
fn in_savepoint<T>(
    conn: &mut Connection,
    f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    conn.execute_batch("SAVEPOINT job")?;
    let outcome = match catch_unwind(AssertUnwindSafe(|| f(&mut *conn))) {
        Ok(outcome) => outcome,
        Err(_) => Err(StoreError::Invalid(
            "a write panicked; it was undone".into(),
        )),
    };
    if outcome.is_err() {
        conn.execute_batch("ROLLBACK TO job")?;
    }
    conn.execute_batch("RELEASE job")?;
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database in a directory of its own, removed when the test ends.
    struct TempDb(std::path::PathBuf);

    impl Drop for TempDb {
        fn drop(&mut self) {
            if let Some(dir) = self.0.parent() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }

    impl std::ops::Deref for TempDb {
        type Target = std::path::Path;
        fn deref(&self) -> &std::path::Path {
            &self.0
        }
    }

    fn temp_db(name: &str) -> Result<TempDb, Box<dyn std::error::Error>> {
        let dir = std::env::temp_dir().join(format!(
            "kontor-writer-{}-{name}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("w.db");
        let _ = std::fs::remove_file(&path);
        Connection::open(&path)?
            .execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER UNIQUE);")?;
        Ok(TempDb(path))
    }

    fn count(path: &Path) -> Result<i64, Box<dyn std::error::Error>> {
        Ok(Connection::open(path)?.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))?)
    }

    /// Many writers at once: each that succeeds is kept, each that fails leaves nothing, and
    /// a panicking one is undone without stopping the thread.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_jobs_commit_or_fail_alone() -> Result<(), Box<dyn std::error::Error>> {
        let path = temp_db("alone")?;
        let writer = std::sync::Arc::new(SqliteWriter::start(&path)?);
        let mut tasks = Vec::new();
        for i in 0..200i64 {
            let writer = writer.clone();
            tasks.push(tokio::spawn(async move {
                writer
                    .write(move |c| {
                        c.execute("INSERT INTO t (x) VALUES (?1)", [i * 2])?;
                        match i % 10 {
                            // Writes a row, then fails: the row must go with it.
                            3 => {
                                c.execute("INSERT INTO t (x) VALUES (?1)", [i * 2 + 1])?;
                                Err(StoreError::Invalid("refused".into()))
                            }
                            // The same value again: a unique violation from SQLite itself.
                            5 => Ok(c
                                .execute("INSERT INTO t (x) VALUES (?1)", [i * 2])
                                .map(|_| ())?),
                            7 => panic!("a bug in a write"),
                            _ => Ok(()),
                        }
                    })
                    .await
            }));
        }
        let mut ok = 0;
        for task in tasks {
            if task.await?.is_ok() {
                ok += 1;
            }
        }
        // i % 10 in {3, 5, 7} fails, whatever order the jobs run in.
        assert_eq!(ok, 140);
        assert_eq!(
            count(&path)?,
            140,
            "only the successful jobs' rows are kept"
        );
        let odd: i64 = Connection::open(&*path)?.query_row(
            "SELECT COUNT(*) FROM t WHERE x % 2 = 1",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(odd, 0, "a failed job's earlier insert was undone");
        writer
            .write(|c| Ok(c.execute("INSERT INTO t (x) VALUES (-1)", [])?))
            .await?;
        assert_eq!(count(&path)?, 141, "the thread survived the panics");
        Ok(())
    }

    /// The writer does not checkpoint itself; its thread does, so committed pages reach the
    /// database file without anyone else writing.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn commits_are_checkpointed_in_the_background() -> Result<(), Box<dyn std::error::Error>>
    {
        let path = temp_db("checkpoint")?;
        let before = std::fs::metadata(&*path)?.len();
        let writer = SqliteWriter::start(&path)?;
        for i in 0..20i64 {
            writer
                .write(move |c| {
                    for j in 0..50 {
                        c.execute("INSERT INTO t (x) VALUES (?1)", [i * 1000 + j])?;
                    }
                    Ok(())
                })
                .await?;
        }
        let mut grown = false;
        for _ in 0..100 {
            if std::fs::metadata(&*path)?.len() > before {
                grown = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert!(
            grown,
            "the database file never received the committed pages"
        );
        assert_eq!(count(&path)?, 1000);
        Ok(())
    }
}
