//! Saved filters of a tenant.

use crate::exec::Row;
use crate::records::sql::{Bind, Sql};
use crate::records::Module;
use crate::traits::FilterStore;
use crate::types::TenantId;
use crate::{Store, StoreError};

/// A saved filter: its conditions are kept as the wire's filter object (JSON text).
#[derive(Debug, Clone, PartialEq, Eq)]
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
        let next = Sql::new(
            "INSERT INTO id_counters (tenant_id, name, last_id) VALUES ($1, 'filter', 1)
             ON CONFLICT (tenant_id, name) DO UPDATE SET last_id = id_counters.last_id + 1
             RETURNING last_id",
            vec![Bind::Int(tenant.0)],
        );
        let values = vec![
            Bind::Int(tenant.0),
            Bind::Text(module.name().to_string()),
            Bind::Text(name.to_string()),
            Bind::Text(scope.to_string()),
            Bind::Text(conditions.to_string()),
        ];
        self.write(move |mut c| {
            Box::pin(async move {
                let id = c
                    .int(&next)
                    .await?
                    .ok_or_else(|| StoreError::Invalid("no filter id was handed out".into()))?;
                let mut binds = values;
                binds.insert(1, Bind::Int(id));
                let insert = Sql::new(
                    "INSERT INTO saved_filters (tenant_id, id, module, name, scope, conditions)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                    binds,
                );
                c.execute(&insert).await?;
                Ok(id)
            })
        })
        .await
    }

    async fn list_filters(
        &self,
        tenant: TenantId,
        module: Module,
    ) -> Result<Vec<SavedFilter>, StoreError> {
        let query = Sql::new(
            "SELECT id, name, scope, conditions FROM saved_filters
              WHERE tenant_id = $1 AND module = $2 ORDER BY id",
            vec![Bind::Int(tenant.0), Bind::Text(module.name().to_string())],
        );
        let rows = self
            .read(move |mut c| Box::pin(async move { c.rows(&query).await }))
            .await?;
        rows.iter().map(saved).collect()
    }

    async fn get_filter(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
    ) -> Result<Option<SavedFilter>, StoreError> {
        let query = Sql::new(
            "SELECT id, name, scope, conditions FROM saved_filters
              WHERE tenant_id = $1 AND module = $2 AND id = $3",
            vec![
                Bind::Int(tenant.0),
                Bind::Text(module.name().to_string()),
                Bind::Int(id),
            ],
        );
        let row = self
            .lookup(move |mut c| Box::pin(async move { c.row(&query).await }))
            .await?;
        row.as_ref().map(saved).transpose()
    }
}

fn saved(row: &Row) -> Result<SavedFilter, StoreError> {
    Ok(SavedFilter {
        id: row.int(0)?,
        name: row.text(1)?,
        scope: row.text(2)?,
        conditions: row.text(3)?,
    })
}
