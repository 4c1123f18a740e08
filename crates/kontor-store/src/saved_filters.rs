//! Saved filters of a tenant.

use sqlx::FromRow;

use crate::db::on_db;
use crate::records::Module;
use crate::traits::FilterStore;
use crate::types::TenantId;
use crate::{Store, StoreError};

/// A saved filter: its conditions are kept as the wire's filter object (JSON text).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SavedFilter {
    pub id: i64,
    pub name: String,
    pub scope: String,
    pub conditions: String,
}

/// The scopes the API reports.
pub const SCOPES: &[&str] = &["public", "office", "private"];

impl FilterStore for Store {
    async fn add_filter(
        &self,
        tenant: TenantId,
        module: Module,
        name: &str,
        scope: &str,
        conditions: &str,
    ) -> Result<i64, StoreError> {
        if !SCOPES.contains(&scope) {
            return Err(StoreError::Invalid(format!(
                "scope {scope:?}: use public, office or private"
            )));
        }
        // The API refuses NUL in every request (`kontor_proto::request::find_nul`); a saved
        // filter is applied as if sent, so it may hold none either.
        let parsed: serde_json::Value = serde_json::from_str(conditions)
            .map_err(|e| StoreError::Invalid(format!("filter conditions are not JSON: {e}")))?;
        if let Some(path) = kontor_proto::request::find_nul(&parsed) {
            return Err(StoreError::Invalid(format!(
                "filter conditions: {path} holds U+0000 (NUL)"
            )));
        }
        if name.contains('\0') {
            return Err(StoreError::Invalid(
                "the filter name holds U+0000 (NUL)".into(),
            ));
        }
        on_db!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO id_counters (tenant_id, name, last_id) VALUES ($1, 'filter', 1)
                 ON CONFLICT (tenant_id, name) DO UPDATE SET last_id = id_counters.last_id + 1
                 RETURNING last_id",
            )
            .bind(tenant.0)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO saved_filters (tenant_id, id, module, name, scope, conditions)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(tenant.0)
            .bind(id)
            .bind(module.name())
            .bind(name)
            .bind(scope)
            .bind(conditions)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    async fn list_filters(
        &self,
        tenant: TenantId,
        module: Module,
    ) -> Result<Vec<SavedFilter>, StoreError> {
        let rows = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT id, name, scope, conditions FROM saved_filters
              WHERE tenant_id = $1 AND module = $2 ORDER BY id",
        )
        .bind(tenant.0)
        .bind(module.name())
        .fetch_all(pool)
        .await)?;
        Ok(rows)
    }

    async fn get_filter(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
    ) -> Result<Option<SavedFilter>, StoreError> {
        let row = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT id, name, scope, conditions FROM saved_filters
              WHERE tenant_id = $1 AND module = $2 AND id = $3",
        )
        .bind(tenant.0)
        .bind(module.name())
        .bind(id)
        .fetch_optional(pool)
        .await)?;
        Ok(row)
    }
}
