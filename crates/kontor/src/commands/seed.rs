//! `kontor seed`: deterministic demo data for a tenant.

use std::time::Instant;

use super::{find_tenant, CommandError};
use crate::cli::{Global, SeedArgs};
use crate::seed::run::{run as seed, Plan};
use crate::settings::open_store;

pub async fn run(global: &Global, args: SeedArgs) -> Result<(), CommandError> {
    let (store, _) = open_store(global).await?;
    let tenant = find_tenant(&store, &args.tenant).await?;
    let name = tenant.name.clone();
    let started = Instant::now();
    let plan = Plan {
        estates: args.estates,
        addresses: args.addresses,
        seed: args.seed,
        progress: !args.quiet,
    };
    let links = seed(&store, tenant.id, plan).await?;
    eprintln!(
        "seeded tenant {name}: {} estates, {} addresses, {links} relations (seed {}) in {:.1} s",
        args.estates,
        args.addresses,
        args.seed,
        started.elapsed().as_secs_f64()
    );
    store.close().await;
    Ok(())
}
