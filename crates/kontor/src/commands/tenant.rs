//! `kontor tenant create|list|settings`.

use base64::Engine;
use kontor_store::{Setting, SettingsStore, TenantName, TenantStore};

use super::{find_tenant, CommandError};
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
        TenantCommand::Settings { name, set, logo } => {
            let tenant = find_tenant(&store, &name).await?;
            let mut changes = set
                .iter()
                .map(|pair| {
                    let (name, value) = pair.split_once('=').ok_or_else(|| {
                        CommandError::Message(format!(
                            "--set {pair:?}: use NAME=VALUE, e.g. ci.color=2b5797"
                        ))
                    })?;
                    let setting = Setting::parse(name.trim()).map_err(CommandError::Message)?;
                    Ok((setting, value.to_string()))
                })
                .collect::<Result<Vec<_>, CommandError>>()?;
            if let Some(path) = logo {
                let bytes = std::fs::read(&path).map_err(|e| {
                    CommandError::Message(format!("cannot read {}: {e}", path.display()))
                })?;
                let logo = Setting::parse("ci.logo").map_err(CommandError::Message)?;
                changes.push((
                    logo,
                    base64::engine::general_purpose::STANDARD.encode(bytes),
                ));
            }
            if !changes.is_empty() {
                store.set_tenant_settings(tenant.id, &changes).await?;
            }
            for (setting, value) in store.tenant_settings(tenant.id).await?.all() {
                // A logo is long: its size says enough.
                if setting.name() == "ci.logo" && !value.is_empty() {
                    println!("{}=<{} bytes of base64>", setting.name(), value.len());
                } else {
                    println!("{}={value}", setting.name());
                }
            }
        }
    }
    store.close().await;
    Ok(())
}
