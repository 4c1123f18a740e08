//! Custom fields (`ind_*`) that a tenant adds to a module.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::catalog::FieldType;
use super::config::{FieldConfig, FieldDef, SelectOption};
use crate::db::on_db;
use crate::modules::Module;
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

#[derive(FromRow)]
struct CustomRow {
    name: String,
    field_type: String,
    length: Option<i64>,
    labels: String,
    select_values: String,
    default_value: Option<String>,
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
        on_db!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let (position,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM custom_fields WHERE tenant_id = $1 AND module = $2",
            )
            .bind(tenant.0)
            .bind(module.name())
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO custom_fields
                   (tenant_id, module, name, field_type, length, labels, select_values, default_value, position)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(tenant.0)
            .bind(module.name())
            .bind(&field.name)
            .bind(field.ty.wire_name(true))
            .bind(field.length.map(i64::from))
            .bind(&labels)
            .bind(&values)
            .bind(&field.default)
            .bind(position)
            .execute(&mut *tx)
            .await
            .map_err(|e| StoreError::unique(e, "field", &field.name))?;
            sqlx::query(
                "INSERT INTO write_generations (tenant_id, module, generation) VALUES ($1, $2, 1)
                 ON CONFLICT (tenant_id, module) DO UPDATE SET generation = write_generations.generation + 1",
            )
            .bind(tenant.0)
            .bind(fields_generation_key(module).as_str())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The tenant's configuration of a module, cached until a custom field is added.
    pub async fn load_field_config(
        &self,
        tenant: TenantId,
        module: Module,
    ) -> Result<Arc<FieldConfig>, StoreError> {
        let generation = self
            .generation_of(tenant, &fields_generation_key(module))
            .await?;
        if let Some(config) = self.configs.get(tenant, module, generation) {
            return Ok(config);
        }
        let rows: Vec<CustomRow> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT name, field_type, length, labels, select_values, default_value
               FROM custom_fields WHERE tenant_id = $1 AND module = $2 ORDER BY position",
        )
        .bind(tenant.0)
        .bind(module.name())
        .fetch_all(pool)
        .await)?;
        let custom = rows
            .into_iter()
            .map(custom_def)
            .collect::<Result<Vec<_>, _>>()?;
        let config = Arc::new(FieldConfig::new(module, custom));
        self.configs.put(tenant, module, generation, config.clone());
        Ok(config)
    }
}

/// The write generation of a module's field configuration.
fn fields_generation_key(module: Module) -> String {
    format!("fields:{}", module.fields_module().name())
}

fn custom_def(row: CustomRow) -> Result<FieldDef, StoreError> {
    let ty = FieldType::parse(&row.field_type).ok_or_else(|| corrupt(&row.field_type))?;
    let labels: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&row.labels).map_err(corrupt)?;
    let options: Vec<StoredOption> = serde_json::from_str(&row.select_values).map_err(corrupt)?;
    Ok(FieldDef {
        name: row.name,
        ty,
        length: row.length.and_then(|l| u32::try_from(l).ok()),
        values: options
            .into_iter()
            .map(|o| SelectOption {
                key: o.key,
                labels: Labels(o.labels),
            })
            .collect(),
        default: row.default_value,
        labels: Labels(labels),
        table: "ObjIndividuell".to_string(),
        content: "Individual".to_string(),
        measure: None,
        read_only: false,
        filters: Vec::new(),
        requires: Vec::new(),
        computed: None,
        custom: true,
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
