//! `kontor tenant create|list`.

use kontor_store::{TenantName, TenantStore};

use super::CommandError;
use crate::cli::{Global, TenantCommand};
use crate::settings::open_store;

pub async fn run(global: &Global, cmd: TenantCommand) -> Result<(), CommandError> {
    let (store, _) = open_store(global).await?;
    match cmd {
        TenantCommand::Create { name } => {
            let name = TenantName::parse(&name).map_err(CommandError::Message)?;
            let tenant = store.create_tenant(&name).await?;
            println!("created tenant {} (uuid {})", tenant.name, tenant.uuid);
        }
        TenantCommand::List => {
            for tenant in store.list_tenants().await? {
                println!("{}\t{}", tenant.name, tenant.uuid);
            }
        }
    }
    store.close().await;
    Ok(())
}
