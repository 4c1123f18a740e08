//! The kinds and types of action of the agents log, per tenant.

use std::collections::BTreeMap;

use crate::exec::Conn;
use crate::records::sql::{Bind, Sql};
use crate::types::*;
use crate::{ActionKindStore, Store, StoreError};

/// Inserts one kind with its types inside an open write job.
pub(crate) async fn insert_action_kind(
    c: &mut Conn<'_>,
    tenant: TenantId,
    position: i64,
    kind: &ActionKind,
) -> Result<(), StoreError> {
    let insert = Sql::new(
        "INSERT INTO action_kinds (tenant_id, position, kind_key, labels, default_type)
         VALUES ($1, $2, $3, $4, $5)",
        vec![
            Bind::Int(tenant.0),
            Bind::Int(position),
            Bind::Text(kind.key.clone()),
            Bind::Text(labels_json(&kind.labels)),
            Bind::Text(kind.default_type.clone()),
        ],
    );
    c.execute(&insert)
        .await
        .map_err(|e| e.unique("action kind", &kind.key))?;
    for (type_position, t) in kind.types.iter().enumerate() {
        let insert = Sql::new(
            "INSERT INTO action_types
               (tenant_id, kind_key, position, type_key, labels, database_id, automatic)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            vec![
                Bind::Int(tenant.0),
                Bind::Text(kind.key.clone()),
                Bind::Int(type_position as i64),
                Bind::Text(t.key.clone()),
                Bind::Text(labels_json(&t.labels)),
                Bind::opt_int(t.database_id),
                Bind::Bool(t.automatic),
            ],
        );
        c.execute(&insert).await?;
    }
    Ok(())
}

pub(crate) fn labels_json(labels: &Labels) -> String {
    // A map of strings always serialises.
    serde_json::to_string(&labels.0).unwrap_or_else(|_| "{}".to_string())
}

impl ActionKindStore for Store {
    async fn add_action_kind(&self, tenant: TenantId, kind: &ActionKind) -> Result<(), StoreError> {
        let next = Sql::new(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM action_kinds WHERE tenant_id = $1",
            vec![Bind::Int(tenant.0)],
        );
        let kind = kind.clone();
        self.write(move |mut c| {
            Box::pin(async move {
                let position = c.int(&next).await?.unwrap_or(0);
                insert_action_kind(&mut c, tenant, position, &kind).await
            })
        })
        .await
    }

    async fn action_kinds(&self, tenant: TenantId) -> Result<Vec<ActionKind>, StoreError> {
        let kinds = Sql::new(
            "SELECT kind_key, labels, default_type FROM action_kinds
              WHERE tenant_id = $1 ORDER BY position",
            vec![Bind::Int(tenant.0)],
        );
        let types = Sql::new(
            "SELECT kind_key, type_key, labels, database_id, automatic FROM action_types
              WHERE tenant_id = $1 ORDER BY kind_key, position",
            vec![Bind::Int(tenant.0)],
        );
        let (kinds, types) = self
            .read(move |mut c| {
                Box::pin(async move { Ok((c.rows(&kinds).await?, c.rows(&types).await?)) })
            })
            .await?;
        let mut by_kind: BTreeMap<String, Vec<ActionType>> = BTreeMap::new();
        for t in &types {
            by_kind.entry(t.text(0)?).or_default().push(ActionType {
                key: t.text(1)?,
                labels: parse_labels(&t.text(2)?)?,
                database_id: t.opt_int(3)?,
                automatic: t.flag(4)?,
            });
        }
        kinds
            .iter()
            .map(|k| {
                let key = k.text(0)?;
                Ok(ActionKind {
                    types: by_kind.remove(&key).unwrap_or_default(),
                    labels: parse_labels(&k.text(1)?)?,
                    key,
                    default_type: k.text(2)?,
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
