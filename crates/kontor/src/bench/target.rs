//! What the bench drives: a fresh database per size with one seeded tenant, and the servers
//! (Kontor and the baseline) on their own runtime.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Instant;

use kontor_proto::credentials::{SECRET_LEN, TOKEN_LEN};
use kontor_proto::{ApiSecret, ApiToken};
use kontor_store::crypto::random_alphanumeric;
use kontor_store::{
    ApiUserStore, DatabaseUrl, OpenOptions, SecretKey, Store, TenantId, TenantName, TenantStore,
};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

use super::requests::Signer;
use crate::commands::CommandError;
use crate::seed::run::{run as seed, Plan};

/// Where the fresh databases go.
#[derive(Debug, Clone)]
pub enum Backend {
    /// One SQLite file per size in this directory.
    Sqlite { dir: PathBuf },
    /// One schema per size in this database.
    Postgres { url: String },
}

impl Backend {
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite { .. } => "sqlite",
            Backend::Postgres { .. } => "postgres",
        }
    }
}

/// The runtime the servers run on, apart from the clients' runtime.
///
/// Its own threads let the bench silence the per-request log line there and nowhere else:
/// at thousands of requests a second the line costs whatever its destination costs (a
/// terminal, a file, journald), which is not what the bench measures. `--request-log`
/// keeps it.
#[derive(Debug)]
pub struct ServerRuntime {
    runtime: Option<Runtime>,
}

impl ServerRuntime {
    pub fn new(request_log: bool) -> io::Result<ServerRuntime> {
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        builder.enable_all().thread_name("bench-server");
        if !request_log {
            let quiet = tracing::Dispatch::new(
                tracing_subscriber::fmt()
                    .with_writer(io::stderr)
                    .with_env_filter(tracing_subscriber::EnvFilter::new("warn"))
                    .finish(),
            );
            builder.on_thread_start(move || {
                // The guard would restore the global subscriber when dropped; these threads
                // keep the warn-only one for as long as they live.
                std::mem::forget(tracing::dispatcher::set_default(&quiet));
            });
        }
        Ok(ServerRuntime {
            runtime: Some(builder.build()?),
        })
    }

    /// Binds 127.0.0.1:0 and runs `serve` on the listener.
    pub fn spawn<F, S>(&self, serve: S) -> io::Result<Running>
    where
        S: FnOnce(TcpListener) -> F + Send + 'static,
        F: Future<Output = io::Result<()>> + Send + 'static,
    {
        let runtime = self
            .runtime
            .as_ref()
            .ok_or_else(|| io::Error::other("the server runtime is shut down"))?;
        // Bound here, so that the address is known before the server runs.
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let task = runtime.spawn(async move {
            let result = match TcpListener::from_std(listener) {
                Ok(listener) => serve(listener).await,
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                eprintln!("bench: server on {addr} stopped: {e}");
            }
        });
        Ok(Running { addr, task })
    }
}

impl Drop for ServerRuntime {
    fn drop(&mut self) {
        // Dropping a runtime inside the clients' runtime would panic; this one does not wait.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// A server on a port of its own; stopped when dropped.
#[derive(Debug)]
pub struct Running {
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}/api/stable/api.php", self.addr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// One size: a fresh database holding one tenant with an API user.
#[derive(Debug)]
pub struct Target {
    pub store: Store,
    pub key: SecretKey,
    pub tenant: TenantId,
    pub signer: Signer,
    /// What `kontor serve` is given to open the same data (the RSS scenario).
    pub child_url: String,
    /// Where the data is, for the report.
    pub location: String,
    file: Option<PathBuf>,
}

impl Target {
    /// Opens (and migrates) a fresh database, then creates the tenant and its API user.
    pub async fn open(backend: &Backend, run_id: &str, size: u64) -> Result<Target, CommandError> {
        let key = SecretKey::generate();
        let (store, child_url, location, file) = match backend {
            Backend::Sqlite { dir } => {
                let file = dir.join(format!("bench-{run_id}-{size}.db"));
                let url = DatabaseUrl::Sqlite(file.display().to_string());
                let store = Store::open(&url, &key).await?;
                (store, url.to_string(), url.to_string(), Some(file))
            }
            Backend::Postgres { url } => {
                let schema = format!("bench_{run_id}_{size}");
                let options = OpenOptions {
                    pg_schema: Some(schema.clone()),
                    ..OpenOptions::default()
                };
                let store = Store::open_with(&DatabaseUrl::parse(url)?, &key, options).await?;
                // sqlx reads `options[search_path]` from the URL: `kontor serve` then sees the
                // same schema without an option of its own.
                let separator = if url.contains('?') { '&' } else { '?' };
                let child_url = format!("{url}{separator}options[search_path]={schema}");
                let location = format!("schema {schema} of {}", DatabaseUrl::parse(url)?);
                (store, child_url, location, None)
            }
        };
        let name = TenantName::parse("bench").map_err(CommandError::Message)?;
        let tenant = store.create_tenant(&name).await?;
        let signer = Signer {
            token: random_alphanumeric(TOKEN_LEN),
            secret: random_alphanumeric(SECRET_LEN),
        };
        store
            .create_api_user(
                tenant.id,
                &ApiToken::parse(&signer.token)?,
                &ApiSecret::parse(&signer.secret)?,
            )
            .await?;
        Ok(Target {
            store,
            key,
            tenant: tenant.id,
            signer,
            child_url,
            location,
            file,
        })
    }

    /// Writes `estates` seeded estates (no addresses: no scenario reads them); returns the
    /// seconds it took.
    pub async fn seed(&self, estates: u64) -> Result<f64, CommandError> {
        let started = Instant::now();
        let plan = Plan {
            estates,
            addresses: 0,
            seed: 42,
            progress: true,
        };
        seed(&self.store, self.tenant, plan).await?;
        Ok(started.elapsed().as_secs_f64())
    }

    /// Closes the pool; deletes the SQLite file unless the data is to be kept. PostgreSQL
    /// schemas stay (the store has no way to drop one): they are named in the report.
    pub async fn close(self, keep: bool) {
        self.store.close().await;
        if let (Some(file), false) = (&self.file, keep) {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }
}
