//! `kontor field add|list`: custom fields of a tenant.

use kontor_proto::Language;
use kontor_store::fields::{FieldType, NewCustomField, SelectOption};
use kontor_store::{FieldStore, Labels};

use super::{find_tenant, parse_module, CommandError};
use crate::cli::{FieldAddArgs, FieldCommand, Global};
use crate::settings::open_store;

pub async fn run(global: &Global, cmd: FieldCommand) -> Result<(), CommandError> {
    let (store, _) = open_store(global).await?;
    let (tenant, module) = match &cmd {
        FieldCommand::Add(args) => (&args.tenant, &args.module),
        FieldCommand::List { tenant, module } => (tenant, module),
    };
    let tenant = find_tenant(&store, tenant).await?;
    let name = tenant.name.clone();
    let module = parse_module(module)?;
    match cmd {
        FieldCommand::Add(args) => {
            let field = new_field(&args)?;
            store.add_custom_field(tenant.id, module, &field).await?;
            println!(
                "added {} field {} to tenant {name}",
                module.name(),
                field.name
            );
        }
        FieldCommand::List { .. } => {
            let config = store.field_config(tenant.id, module).await?;
            println!("name\ttype\tlabel\tcustom");
            for f in config.fields() {
                println!(
                    "{}\t{}\t{}\t{}",
                    f.name,
                    f.ty.wire_name(true),
                    f.label(Language::ENG),
                    f.custom
                );
            }
        }
    }
    store.close().await;
    Ok(())
}

/// Checks the arguments into a field definition; every refusal says what to fix.
pub fn new_field(args: &FieldAddArgs) -> Result<NewCustomField, CommandError> {
    let ty = FieldType::parse(&args.field_type).ok_or_else(|| {
        CommandError::Message(format!(
            "unknown field type {:?}: use varchar, text, integer, float, boolean, date, datetime, singleselect or multiselect",
            args.field_type
        ))
    })?;
    let values = args
        .values
        .iter()
        .map(|v| {
            let mut parts = v.splitn(3, '=');
            let key = parts.next().unwrap_or("").trim();
            let deu = parts.next().unwrap_or(key).trim();
            let eng = parts.next().unwrap_or(deu).trim();
            if key.is_empty() {
                return Err(CommandError::Message(format!(
                    "--value {v:?}: use KEY=GERMAN=ENGLISH"
                )));
            }
            Ok(SelectOption {
                key: key.to_string(),
                labels: Labels::new(deu, eng),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if ty.is_select() && values.is_empty() {
        return Err(CommandError::Message(format!(
            "a {} field needs at least one --value",
            args.field_type
        )));
    }
    if !ty.is_select() && !values.is_empty() {
        return Err(CommandError::Message(format!(
            "a {} field takes no --value",
            args.field_type
        )));
    }
    if let (true, Some(default)) = (ty.is_select(), &args.default) {
        if !values.iter().any(|v| &v.key == default) {
            return Err(CommandError::Message(format!(
                "--default {default:?} is not one of the --value keys"
            )));
        }
    }
    Ok(NewCustomField {
        name: args.name.clone(),
        ty,
        length: args.length,
        labels: Labels::new(
            &args.label_deu,
            args.label_eng.as_deref().unwrap_or(&args.label_deu),
        ),
        values,
        default: args.default.clone(),
    })
}
