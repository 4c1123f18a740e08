//! Tenants: onOffice customers, each with its own users, configuration and records.

use sqlx::FromRow;

use crate::action_kinds::insert_action_kind;
use crate::db::{now, on_db};
use crate::types::*;
use crate::{seed, Store, StoreError, TenantStore};

#[derive(FromRow)]
struct TenantRow {
    id: i64,
    name: String,
    uuid: String,
    created_at: i64,
}

impl TenantRow {
    fn into_tenant(self) -> Result<Tenant, StoreError> {
        Ok(Tenant {
            id: TenantId(self.id),
            name: TenantName::parse(&self.name).map_err(StoreError::Corrupt)?,
            uuid: self.uuid,
            created_at: self.created_at,
        })
    }
}

impl TenantStore for Store {
    async fn create_tenant(&self, name: &TenantName) -> Result<Tenant, StoreError> {
        let uuid = uuid::Uuid::new_v4().to_string();
        let created_at = now();
        on_db!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let row: TenantRow = sqlx::query_as(
                "INSERT INTO tenants (name, uuid, active, created_at) VALUES ($1, $2, TRUE, $3)
                 RETURNING id, name, uuid, created_at",
            )
            .bind(name.as_str())
            .bind(&uuid)
            .bind(created_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| StoreError::unique(e, "tenant", name.as_str()))?;
            for (position, kind) in seed::standard_action_kinds().iter().enumerate() {
                insert_action_kind!(&mut *tx, row.id, position as i64, kind);
            }
            tx.commit().await?;
            row.into_tenant()
        })
    }

    async fn tenant_by_name(&self, name: &TenantName) -> Result<Option<Tenant>, StoreError> {
        let row: Option<TenantRow> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT id, name, uuid, created_at FROM tenants WHERE name = $1",
        )
        .bind(name.as_str())
        .fetch_optional(pool)
        .await)?;
        row.map(TenantRow::into_tenant).transpose()
    }

    async fn list_tenants(&self) -> Result<Vec<Tenant>, StoreError> {
        let rows: Vec<TenantRow> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT id, name, uuid, created_at FROM tenants ORDER BY name",
        )
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(TenantRow::into_tenant).collect()
    }
}
