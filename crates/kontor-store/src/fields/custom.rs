//! Custom fields (`ind_*`) that a tenant adds to a module.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::catalog::FieldType;
use super::config::{FieldConfig, FieldDef, SelectOption};
use crate::exec::Row;
use crate::modules::Module;
use crate::records::sql::{Bind, Sql};
use crate::types::{Labels, TenantId};
use crate::{Store, StoreError};

/// A custom field to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustomField {
    pub name: String,
    pub ty: FieldType,
    pub length: Option<u32>,
    pub labels: Labels,
    pub values: Vec<SelectOption>,
    pub default: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredOption {
    key: String,
    labels: std::collections::BTreeMap<String, String>,
}

/// Name rules of custom fields, so that they never collide with standard ones and are safe
/// everywhere a field name goes: `ind_` then letters, digits and `_`, at most 64 characters.
pub fn check_custom_name(name: &str) -> Result<(), String> {
    let ok = name.starts_with("ind_")
        && name.len() > 4
        && name.len() <= 64
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "custom field name {name:?} is not valid: use ind_ followed by letters, digits and '_' (at most 64 characters), e.g. ind_1234_Feld_ObjTech7"
        ))
    }
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("custom field: {e}"))
}

impl Store {
    /// Adds a custom field to a module of a tenant.
    pub async fn add_custom_field(
        &self,
        tenant: TenantId,
        module: Module,
        field: &NewCustomField,
    ) -> Result<(), StoreError> {
        check_custom_name(&field.name).map_err(StoreError::Invalid)?;
        // No request may hold NUL (`kontor_proto::request::find_nul`), so a select key, label
        // or default holding one could never be written or shown; PostgreSQL cannot store it.
        let texts = field
            .labels
            .0
            .values()
            .chain(
                field
                    .values
                    .iter()
                    .flat_map(|o| std::iter::once(&o.key).chain(o.labels.0.values())),
            )
            .chain(field.default.iter());
        if texts.into_iter().any(|t| t.contains('\0')) {
            return Err(StoreError::Invalid(format!(
                "custom field {}: a label, value or default holds U+0000 (NUL)",
                field.name
            )));
        }
        if module.catalog().fields.iter().any(|f| f.name == field.name) {
            return Err(StoreError::Duplicate {
                what: "field",
                name: field.name.clone(),
            });
        }
        let options: Vec<StoredOption> = field
            .values
            .iter()
            .map(|o| StoredOption {
                key: o.key.clone(),
                labels: o.labels.0.clone(),
            })
            .collect();
        let values = serde_json::to_string(&options).map_err(corrupt)?;
        let labels = serde_json::to_string(&field.labels.0).map_err(corrupt)?;
        let next = Sql::new(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM custom_fields
              WHERE tenant_id = $1 AND module = $2",
            vec![Bind::Int(tenant.0), Bind::Text(module.name().to_string())],
        );
        let values = vec![
            Bind::Int(tenant.0),
            Bind::Text(module.name().to_string()),
            Bind::Text(field.name.clone()),
            Bind::Text(field.ty.wire_name(true).to_string()),
            Bind::opt_int(field.length.map(i64::from)),
            Bind::Text(labels),
            Bind::Text(values),
            Bind::opt_text(field.default.as_deref()),
        ];
        let bump = crate::records::bump_generation(tenant, &fields_generation_key(module));
        let name = field.name.clone();
        self.write(move |mut c| {
            Box::pin(async move {
                let position = c.int(&next).await?.unwrap_or(0);
                let mut binds = values;
                binds.push(Bind::Int(position));
                let insert = Sql::new(
                    "INSERT INTO custom_fields (tenant_id, module, name, field_type, length,
                       labels, select_values, default_value, position)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    binds,
                );
                c.execute(&insert)
                    .await
                    .map_err(|e| e.unique("field", &name))?;
                c.execute(&bump).await?;
                Ok(())
            })
        })
        .await
    }

    /// The tenant's configuration of a module, cached until a custom field is added.
    pub async fn load_field_config(
        &self,
        tenant: TenantId,
        module: Module,
    ) -> Result<Arc<FieldConfig>, StoreError> {
        let module = module.fields_module();
        let generation = self
            .generation_of(tenant, &fields_generation_key(module))
            .await?;
        if let Some(config) = self.configs.get(tenant, module, generation) {
            return Ok(config);
        }
        let query = Sql::new(
            "SELECT name, field_type, length, labels, select_values, default_value
               FROM custom_fields WHERE tenant_id = $1 AND module = $2 ORDER BY position",
            vec![Bind::Int(tenant.0), Bind::Text(module.name().to_string())],
        );
        let rows = self
            .read(move |mut c| Box::pin(async move { c.rows(&query).await }))
            .await?;
        let custom = rows.iter().map(custom_def).collect::<Result<Vec<_>, _>>()?;
        let config = Arc::new(FieldConfig::new(module, custom));
        self.configs.put(tenant, module, generation, config.clone());
        Ok(config)
    }
}

/// The write generation of a module's field configuration.
fn fields_generation_key(module: Module) -> String {
    format!("fields:{}", module.fields_module().name())
}

fn custom_def(row: &Row) -> Result<FieldDef, StoreError> {
    let field_type = row.text(1)?;
    let ty = FieldType::parse(&field_type).ok_or_else(|| corrupt(&field_type))?;
    let labels: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&row.text(3)?).map_err(corrupt)?;
    let options: Vec<StoredOption> = serde_json::from_str(&row.text(4)?).map_err(corrupt)?;
    Ok(FieldDef {
        name: row.text(0)?,
        ty,
        length: row.opt_int(2)?.and_then(|l| u32::try_from(l).ok()),
        values: options
            .into_iter()
            .map(|o| SelectOption {
                key: o.key,
                labels: Labels(o.labels),
            })
            .collect(),
        default: row.opt_text(5)?,
        labels: Labels(labels),
        table: "ObjIndividuell".to_string(),
        content: "Individual".to_string(),
        measure: None,
        read_only: false,
        filters: Vec::new(),
        requires: Vec::new(),
        computed: None,
        custom: true,
        range: None,
        bounds: None,
        section_labels: Labels::new("Individuell", "Individual"),
    })
}

impl crate::traits::FieldStore for Store {
    async fn field_config(
        &self,
        tenant: TenantId,
        module: Module,
    ) -> Result<Arc<FieldConfig>, StoreError> {
        self.load_field_config(tenant, module).await
    }

    async fn add_field(
        &self,
        tenant: TenantId,
        module: Module,
        field: &NewCustomField,
    ) -> Result<(), StoreError> {
        self.add_custom_field(tenant, module, field).await
    }
}
