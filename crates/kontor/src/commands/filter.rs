//! `kontor filter add|list`: saved filters (`get filters`, `filterid`).

use kontor_proto::calls::read::parse_filter;
use kontor_store::{FieldStore, FilterStore};
use serde_json::Value;

use super::{find_tenant, parse_module, CommandError};
use crate::cli::{FilterCommand, Global};
use crate::settings::open_store;

pub async fn run(global: &Global, cmd: FilterCommand) -> Result<(), CommandError> {
    let (store, _) = open_store(global).await?;
    let (tenant, module) = match &cmd {
        FilterCommand::Add { tenant, module, .. } | FilterCommand::List { tenant, module } => {
            (tenant, module)
        }
    };
    let tenant = find_tenant(&store, tenant).await?;
    let name = tenant.name.clone();
    let module = parse_module(module)?;
    match cmd {
        FilterCommand::Add {
            name: filter_name,
            scope,
            filter,
            ..
        } => {
            let value: Value = serde_json::from_str(&filter)
                .map_err(|e| CommandError::Message(format!("--filter is not JSON: {e}")))?;
            let conditions = parse_filter(Some(&value))
                .map_err(|e| CommandError::Message(format!("--filter: {}", e.message())))?;
            let config = store.field_config(tenant.id, module).await?;
            let id_field = module.id_field;
            if let Some(bad) = conditions
                .iter()
                .find(|c| c.field != id_field && config.get(&c.field).is_none())
            {
                return Err(CommandError::Message(format!(
                    "--filter: unknown field {:?}",
                    bad.field
                )));
            }
            let id = store
                .add_filter(tenant.id, module, &filter_name, &scope, &value.to_string())
                .await?;
            println!(
                "saved {} filter {id} {filter_name:?} for tenant {name}",
                module.name()
            );
        }
        FilterCommand::List { .. } => {
            println!("id\tname\tscope\tfilter");
            for f in store.list_filters(tenant.id, module).await? {
                println!("{}\t{}\t{}\t{}", f.id, f.name, f.scope, f.conditions);
            }
        }
    }
    store.close().await;
    Ok(())
}
