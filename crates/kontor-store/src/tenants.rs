//! Tenants: onOffice customers, each with its own users, configuration and records.

use crate::action_kinds::insert_action_kind;
use crate::db::now;
use crate::exec::Row;
use crate::records::sql::{Bind, Sql};
use crate::types::*;
use crate::{seed, Store, StoreError, TenantStore};

const COLUMNS: &str = "id, name, uuid, created_at";

fn tenant(row: &Row) -> Result<Tenant, StoreError> {
    Ok(Tenant {
        id: TenantId(row.int(0)?),
        name: TenantName::parse(&row.text(1)?).map_err(StoreError::Corrupt)?,
        uuid: row.text(2)?,
        created_at: row.int(3)?,
    })
}

impl TenantStore for Store {
    async fn create_tenant(&self, name: &TenantName) -> Result<Tenant, StoreError> {
        let insert = Sql::new(
            &format!(
                "INSERT INTO tenants (name, uuid, active, created_at) VALUES ($1, $2, $3, $4)
                 RETURNING {COLUMNS}"
            ),
            vec![
                Bind::Text(name.as_str().to_string()),
                Bind::Text(uuid::Uuid::new_v4().to_string()),
                Bind::Bool(true),
                Bind::Int(now()),
            ],
        );
        let name = name.clone();
        self.write(move |mut c| {
            Box::pin(async move {
                let row = c
                    .row(&insert)
                    .await
                    .map_err(|e| e.unique("tenant", name.as_str()))?
                    .ok_or_else(|| StoreError::Invalid("the tenant was not created".into()))?;
                let created = tenant(&row)?;
                for (position, kind) in seed::standard_action_kinds().iter().enumerate() {
                    insert_action_kind(&mut c, created.id, position as i64, kind).await?;
                }
                Ok(created)
            })
        })
        .await
    }

    async fn tenant_by_name(&self, name: &TenantName) -> Result<Option<Tenant>, StoreError> {
        let query = Sql::new(
            &format!("SELECT {COLUMNS} FROM tenants WHERE name = $1"),
            vec![Bind::Text(name.as_str().to_string())],
        );
        self.lookup(move |mut c| {
            Box::pin(async move { c.row(&query).await?.as_ref().map(tenant).transpose() })
        })
        .await
    }

    async fn list_tenants(&self) -> Result<Vec<Tenant>, StoreError> {
        let query = Sql::new(
            &format!("SELECT {COLUMNS} FROM tenants ORDER BY name"),
            Vec::new(),
        );
        self.read(move |mut c| {
            Box::pin(async move { c.rows(&query).await?.iter().map(tenant).collect() })
        })
        .await
    }
}
