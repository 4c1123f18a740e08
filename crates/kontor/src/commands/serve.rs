//! `kontor serve`.

use std::io::Write;
use std::time::Duration;

use kontor_server::{AppState, ServerConfig};
use kontor_store::{Store, TenantName, TenantStore};
use tokio::net::TcpListener;

use super::{apiuser, CommandError};
use crate::cli::{Global, ServeArgs};
use crate::seed::run::{run as seed, Plan};
use crate::settings::open_store;

const DEMO_TENANT: &str = "demo";
const DEMO_ESTATES: u64 = 250;
const DEMO_ADDRESSES: u64 = 100;

pub async fn run(global: &Global, args: ServeArgs) -> Result<(), CommandError> {
    let (store, url) = open_store(global).await?;
    let listener = TcpListener::bind(&args.listen)
        .await
        .map_err(|e| CommandError::Message(format!("cannot listen on {}: {e}", args.listen)))?;
    let addr = listener.local_addr()?;
    println!(
        "Kontor {} (compatible with the onOffice API)",
        env!("CARGO_PKG_VERSION")
    );
    println!("  database: {url}");
    println!("  endpoint: http://{addr}/api/stable/api.php");
    if !args.no_demo {
        create_demo_tenant(&store).await?;
    }
    println!("Serving; press Ctrl-C to stop.");
    // The credentials must reach a terminal or a pipe before the server blocks.
    std::io::stdout().flush()?;
    tracing::info!(%addr, backend = store.backend(), "serving");
    let config = ServerConfig {
        admin_token: args.admin_token.clone().filter(|t| !t.is_empty()),
        header_read_timeout: Duration::from_secs(args.header_timeout),
        body_read_timeout: Duration::from_secs(args.body_timeout),
        max_connections: args.max_connections,
        metrics_tenants: args.metrics_tenants,
        ..ServerConfig::default()
    };
    kontor_server::serve(listener, AppState::new(store.clone(), config)).await?;
    store.close().await;
    Ok(())
}

/// On an empty database, a newcomer gets a tenant and credentials to try at once.
async fn create_demo_tenant(store: &Store) -> Result<(), CommandError> {
    if !store.list_tenants().await?.is_empty() {
        return Ok(());
    }
    let name = TenantName::parse(DEMO_TENANT).map_err(CommandError::Message)?;
    let tenant = store.create_tenant(&name).await?;
    // A newcomer's first read returns records: a small, deterministic set.
    let plan = Plan {
        estates: DEMO_ESTATES,
        addresses: DEMO_ADDRESSES,
        seed: 42,
        progress: false,
    };
    seed(store, tenant.id, plan).await?;
    crate::seed::settings::apply(store, tenant.id).await?;
    let credentials = apiuser::credentials(None, None)?;
    apiuser::create(store, &name, &credentials).await?;
    println!();
    println!(
        "Created tenant \"{DEMO_TENANT}\" with {DEMO_ESTATES} estates, {DEMO_ADDRESSES} addresses and an API user"
    );
    println!("(the secret is shown only now; `kontor apiuser rotate-secret` makes a new one):");
    apiuser::print_credentials(&credentials);
    Ok(())
}
