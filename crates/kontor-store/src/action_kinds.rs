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

impl ActionKindStore for Store {
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
