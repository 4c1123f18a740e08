//! Relations between records of any two modules: one table, one trait.
//!
//! A link is (kind, parent, child) with the modules of both ends, in the order links were
//! made; which kinds exist and which modules they join are the rules of the relation calls
//! (the server's), not the store's. Deleting a record removes its links
//! ([`unlink_record`]).

use std::future::Future;

use serde_json::{Map, Value};

use super::sql::{Bind, Sql};
use super::write::{bump_generation, next_ids};
use super::Module;
use crate::{Store, StoreError, TenantId};

/// The write generation of a tenant's relations (a part of its tenant generation, so that
/// cached answers see every link).
pub(crate) const GENERATION: &str = "relations";

/// A relation kind: `urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:owner` or
/// any other name the relation calls use.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RelationKind(String);

impl RelationKind {
    pub fn parse(text: &str) -> Result<RelationKind, String> {
        if text.trim().is_empty() || text.len() > 255 || text.contains('\0') {
            return Err(format!(
                "relation kind {text:?}: give 1 to 255 characters, no NUL"
            ));
        }
        Ok(RelationKind(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One end of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordRef {
    pub module: Module,
    pub id: i64,
}

/// A link as read: parent id, child id and what was said about it (`relationinfo`).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub parent: i64,
    pub child: i64,
    pub info: Map<String, Value>,
}

pub trait RelationStore {
    /// Links `parent` to each of `children`; a link that exists keeps its place and takes
    /// the new `info`. Answers how many links are new.
    fn link(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parent: RecordRef,
        children: &[RecordRef],
        info: &Map<String, Value>,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Removes one link; `Ok(false)` when there was none.
    fn unlink(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parent: i64,
        child: i64,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// The links of these parents, in the order they were made.
    fn children_of(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parents: &[i64],
    ) -> impl Future<Output = Result<Vec<Link>, StoreError>> + Send;

    /// The links of these children, in the order they were made.
    fn parents_of(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        children: &[i64],
    ) -> impl Future<Output = Result<Vec<Link>, StoreError>> + Send;
}

/// The statement that removes every link of a record, run with its delete.
pub(crate) fn unlink_record(tenant: TenantId, module: Module, id: i64) -> Sql {
    Sql::new(
        "DELETE FROM relations WHERE tenant_id = $1
           AND ((parent_module = $2 AND parent_id = $3) OR (child_module = $2 AND child_id = $3))",
        vec![
            Bind::Int(tenant.0),
            Bind::Text(module.name().to_string()),
            Bind::Int(id),
        ],
    )
}

fn info_text(info: &Map<String, Value>) -> String {
    serde_json::to_string(info).unwrap_or_else(|_| "{}".into())
}

impl Store {
    async fn links(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        column: &str,
        ids: &[i64],
    ) -> Result<Vec<Link>, StoreError> {
        let mut sql = Sql::default();
        sql.push("SELECT parent_id, child_id, info FROM relations WHERE tenant_id = ")
            .bind(Bind::Int(tenant.0))
            .push(" AND kind = ")
            .bind(Bind::Text(kind.as_str().to_string()));
        sql.ids_in(column, ids);
        sql.push(" ORDER BY linked");
        let rows = self
            .read(move |mut c| Box::pin(async move { c.rows(&sql).await }))
            .await?;
        rows.iter()
            .map(|row| {
                let info = serde_json::from_str(&row.text(2)?)
                    .map_err(|e| StoreError::Corrupt(format!("relation info: {e}")))?;
                Ok(Link {
                    parent: row.int(0)?,
                    child: row.int(1)?,
                    info,
                })
            })
            .collect()
    }
}

impl RelationStore for Store {
    async fn link(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parent: RecordRef,
        children: &[RecordRef],
        info: &Map<String, Value>,
    ) -> Result<u64, StoreError> {
        let rows: Vec<Vec<Bind>> = children
            .iter()
            .map(|child| {
                vec![
                    Bind::Int(tenant.0),
                    Bind::Text(kind.as_str().to_string()),
                    Bind::Text(parent.module.name().to_string()),
                    Bind::Int(parent.id),
                    Bind::Text(child.module.name().to_string()),
                    Bind::Int(child.id),
                    Bind::Text(info_text(info)),
                ]
            })
            .collect();
        self.write(move |mut c| {
            Box::pin(async move {
                let mut added = 0;
                for binds in rows {
                    let linked = next_ids(&mut c, tenant, "relation", 1).await?;
                    let mut binds = binds;
                    binds.push(Bind::Int(linked));
                    let insert = Sql::new(
                        "INSERT INTO relations (tenant_id, kind, parent_module, parent_id,
                           child_module, child_id, info, linked)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                         ON CONFLICT (tenant_id, kind, parent_id, child_id) DO NOTHING",
                        binds.clone(),
                    );
                    if c.execute(&insert).await? > 0 {
                        added += 1;
                    } else {
                        let mut keyed = vec![binds[6].clone()];
                        keyed.extend_from_slice(&binds[..6]);
                        let update = Sql::new(
                            "UPDATE relations SET info = $1 WHERE tenant_id = $2 AND kind = $3
                               AND parent_module = $4 AND parent_id = $5 AND child_module = $6
                               AND child_id = $7",
                            keyed,
                        );
                        c.execute(&update).await?;
                    }
                }
                c.execute(&bump_generation(tenant, GENERATION)).await?;
                Ok(added)
            })
        })
        .await
    }

    async fn unlink(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parent: i64,
        child: i64,
    ) -> Result<bool, StoreError> {
        let delete = Sql::new(
            "DELETE FROM relations WHERE tenant_id = $1 AND kind = $2
               AND parent_id = $3 AND child_id = $4",
            vec![
                Bind::Int(tenant.0),
                Bind::Text(kind.as_str().to_string()),
                Bind::Int(parent),
                Bind::Int(child),
            ],
        );
        self.write(move |mut c| {
            Box::pin(async move {
                let found = c.execute(&delete).await? > 0;
                if found {
                    c.execute(&bump_generation(tenant, GENERATION)).await?;
                }
                Ok(found)
            })
        })
        .await
    }

    async fn children_of(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parents: &[i64],
    ) -> Result<Vec<Link>, StoreError> {
        self.links(tenant, kind, "parent_id", parents).await
    }

    async fn parents_of(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        children: &[i64],
    ) -> Result<Vec<Link>, StoreError> {
        self.links(tenant, kind, "child_id", children).await
    }
}
