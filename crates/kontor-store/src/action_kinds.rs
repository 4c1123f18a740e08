//! The kinds and types of action of the agents log, per tenant.

use std::collections::BTreeMap;

use sqlx::FromRow;

use crate::db::on_db;
use crate::types::*;
use crate::{ActionKindStore, Store, StoreError};

#[derive(FromRow)]
struct KindRow {
    kind_key: String,
    labels: String,
    default_type: String,
}

#[derive(FromRow)]
struct TypeRow {
    kind_key: String,
    type_key: String,
    labels: String,
    database_id: Option<i64>,
    automatic: bool,
}

/// Inserts one kind with its types inside an open transaction of either backend. A macro
/// rather than a function because the statements run on two connection types.
macro_rules! insert_action_kind {
    ($conn:expr, $tenant_id:expr, $position:expr, $kind:expr) => {{
        let kind: &$crate::types::ActionKind = $kind;
        sqlx::query(
            "INSERT INTO action_kinds (tenant_id, position, kind_key, labels, default_type)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($tenant_id)
        .bind($position)
        .bind(&kind.key)
        .bind($crate::action_kinds::labels_json(&kind.labels))
        .bind(&kind.default_type)
        .execute($conn)
        .await
        .map_err(|e| $crate::StoreError::unique(e, "action kind", &kind.key))?;
        for (type_position, t) in kind.types.iter().enumerate() {
            sqlx::query(
                "INSERT INTO action_types
                   (tenant_id, kind_key, position, type_key, labels, database_id, automatic)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind($tenant_id)
            .bind(&kind.key)
            .bind(type_position as i64)
            .bind(&t.key)
            .bind($crate::action_kinds::labels_json(&t.labels))
            .bind(t.database_id)
            .bind(t.automatic)
            .execute($conn)
            .await?;
        }
    }};
}
pub(crate) use insert_action_kind;

pub(crate) fn labels_json(labels: &Labels) -> String {
    // A map of strings always serialises.
    serde_json::to_string(&labels.0).unwrap_or_else(|_| "{}".to_string())
}

impl ActionKindStore for Store {
    async fn add_action_kind(&self, tenant: TenantId, kind: &ActionKind) -> Result<(), StoreError> {
        on_db!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let (position,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM action_kinds WHERE tenant_id = $1",
            )
            .bind(tenant.0)
            .fetch_one(&mut *tx)
            .await?;
            insert_action_kind!(&mut *tx, tenant.0, position, kind);
            tx.commit().await?;
        });
        Ok(())
    }

    async fn action_kinds(&self, tenant: TenantId) -> Result<Vec<ActionKind>, StoreError> {
        let (kinds, types): (Vec<KindRow>, Vec<TypeRow>) = on_db!(&self.db, pool => {
            let kinds = sqlx::query_as(
                "SELECT kind_key, labels, default_type FROM action_kinds
                  WHERE tenant_id = $1 ORDER BY position",
            )
            .bind(tenant.0)
            .fetch_all(pool)
            .await?;
            let types = sqlx::query_as(
                "SELECT kind_key, type_key, labels, database_id, automatic FROM action_types
                  WHERE tenant_id = $1 ORDER BY kind_key, position",
            )
            .bind(tenant.0)
            .fetch_all(pool)
            .await?;
            (kinds, types)
        });
        let mut by_kind: BTreeMap<String, Vec<ActionType>> = BTreeMap::new();
        for t in types {
            by_kind.entry(t.kind_key).or_default().push(ActionType {
                key: t.type_key,
                labels: parse_labels(&t.labels)?,
                database_id: t.database_id,
                automatic: t.automatic,
            });
        }
        kinds
            .into_iter()
            .map(|k| {
                Ok(ActionKind {
                    types: by_kind.remove(&k.kind_key).unwrap_or_default(),
                    labels: parse_labels(&k.labels)?,
                    key: k.kind_key,
                    default_type: k.default_type,
                })
            })
            .collect()
    }
}

fn parse_labels(text: &str) -> Result<Labels, StoreError> {
    serde_json::from_str(text)
        .map(Labels)
        .map_err(|e| StoreError::Corrupt(format!("labels {text:?}: {e}")))
}
