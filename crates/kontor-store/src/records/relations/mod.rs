//! Relations between records of any two modules: one table, one trait.
//!
//! A link is (kind, parent, child) with the modules of both ends, in the order links were
//! made; which kinds exist and which modules they join are the rules of the relation calls
//! (the server's), not the store's. What the store does guarantee, in the transaction that
//! writes: both ends of every new link exist in the tenant, a kind whose children have one
//! parent keeps it that way, and a write that fails a check writes nothing. Deleting a
//! record removes its links ([`unlink_record`]).

use std::future::Future;

use serde_json::{Map, Value};

use super::sql::{Bind, Sql};
use super::Module;
use crate::{Store, StoreError, TenantId};

mod write;

/// The write generation of a tenant's relations (a part of its tenant generation, so that
/// cached answers see every link).
pub(crate) const GENERATION: &str = "relations";

/// At most this many ids go into one statement's `IN` list; longer lists are read in
/// parts (SQLite allows 32,766 bound values per statement, PostgreSQL 65,535).
const IDS_PER_STATEMENT: usize = 1000;

/// A relation kind: `estate:address:owner` or any other name the relation calls use.
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

/// Links to make: every parent with every child.
#[derive(Debug, Clone, Copy)]
pub struct NewLinks<'a> {
    pub kind: &'a RelationKind,
    pub parents: &'a [RecordRef],
    pub children: &'a [RecordRef],
    pub info: &'a Map<String, Value>,
    /// Each child has at most one parent in this kind (the units of a complex).
    pub one_parent: bool,
}

/// What became of [`RelationStore::link`]. Anything but `Made` wrote nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    /// The links exist now; this many of them are new.
    Made(u64),
    /// This record does not exist in the tenant (the first one found, parents first).
    Missing(RecordRef),
    /// In a one-parent kind, `child` already has `parent`, another than the one given.
    HasParent { child: i64, parent: i64 },
}

/// What became of a change to existing links ([`RelationStore::unlink`],
/// [`RelationStore::merge_link_info`]). `NoLink` wrote nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkChange {
    /// This many links were changed.
    Done(u64),
    /// There is no link between these two (the first one found).
    NoLink { parent: i64, child: i64 },
}

/// Which end of the links the given ids are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Parent,
    Child,
}

pub trait RelationStore {
    /// Links every parent to every child. A link that exists keeps its place and takes the
    /// new `info`. Checked in the same transaction: see [`Linked`].
    fn link(
        &self,
        tenant: TenantId,
        links: NewLinks<'_>,
    ) -> impl Future<Output = Result<Linked, StoreError>> + Send;

    /// Merges `info` into the info of the links of every parent with every child (its keys
    /// replace those the links have, the others stay); all must exist.
    fn merge_link_info(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parents: &[i64],
        children: &[i64],
        info: &Map<String, Value>,
    ) -> impl Future<Output = Result<LinkChange, StoreError>> + Send;

    /// Removes the links of every parent with every child; all must exist.
    fn unlink(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parents: &[i64],
        children: &[i64],
    ) -> impl Future<Output = Result<LinkChange, StoreError>> + Send;

    /// The links of any of `kinds` whose `end` is one of `ids`, in the order they were
    /// made: one indexed statement for up to 1,000 ids.
    fn links_of(
        &self,
        tenant: TenantId,
        kinds: &[RelationKind],
        end: End,
        ids: &[i64],
    ) -> impl Future<Output = Result<Vec<Link>, StoreError>> + Send;

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

/// ` AND kind IN (…)`.
fn kinds_in(sql: &mut Sql, kinds: &[RelationKind]) {
    sql.push(" AND kind IN (");
    for (i, kind) in kinds.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.bind(Bind::Text(kind.as_str().to_string()));
    }
    if kinds.is_empty() {
        sql.push("NULL");
    }
    sql.push(")");
}

fn read_link(row: &crate::exec::Row) -> Result<(i64, Link), StoreError> {
    let info = serde_json::from_str(&row.text(2)?)
        .map_err(|e| StoreError::Corrupt(format!("relation info: {e}")))?;
    Ok((
        row.int(3)?,
        Link {
            parent: row.int(0)?,
            child: row.int(1)?,
            info,
        },
    ))
}

impl Store {
    async fn read_links(
        &self,
        tenant: TenantId,
        kinds: &[RelationKind],
        end: End,
        ids: &[i64],
    ) -> Result<Vec<Link>, StoreError> {
        let column = match end {
            End::Parent => "parent_id",
            End::Child => "child_id",
        };
        let statements: Vec<Sql> = ids
            .chunks(IDS_PER_STATEMENT)
            .map(|part| {
                let mut sql = Sql::default();
                sql.push(
                    "SELECT parent_id, child_id, info, linked FROM relations WHERE tenant_id = ",
                )
                .bind(Bind::Int(tenant.0));
                kinds_in(&mut sql, kinds);
                sql.ids_in(column, part);
                sql.push(" ORDER BY linked");
                sql
            })
            .collect();
        let parts = statements.len();
        let rows = self
            .read(move |mut c| {
                Box::pin(async move {
                    let mut rows = Vec::new();
                    for sql in &statements {
                        rows.extend(c.rows(sql).await?);
                    }
                    Ok(rows)
                })
            })
            .await?;
        let mut links = rows.iter().map(read_link).collect::<Result<Vec<_>, _>>()?;
        if parts > 1 {
            // Each part is in order; together they are put in order again.
            links.sort_by_key(|(linked, _)| *linked);
        }
        Ok(links.into_iter().map(|(_, link)| link).collect())
    }
}

impl RelationStore for Store {
    async fn link(&self, tenant: TenantId, links: NewLinks<'_>) -> Result<Linked, StoreError> {
        self.write_links(tenant, links).await
    }

    async fn merge_link_info(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parents: &[i64],
        children: &[i64],
        info: &Map<String, Value>,
    ) -> Result<LinkChange, StoreError> {
        self.change_links(tenant, kind, parents, children, Some(info))
            .await
    }

    async fn unlink(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parents: &[i64],
        children: &[i64],
    ) -> Result<LinkChange, StoreError> {
        self.change_links(tenant, kind, parents, children, None)
            .await
    }

    async fn links_of(
        &self,
        tenant: TenantId,
        kinds: &[RelationKind],
        end: End,
        ids: &[i64],
    ) -> Result<Vec<Link>, StoreError> {
        self.read_links(tenant, kinds, end, ids).await
    }

    async fn children_of(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parents: &[i64],
    ) -> Result<Vec<Link>, StoreError> {
        self.read_links(tenant, std::slice::from_ref(kind), End::Parent, parents)
            .await
    }

    async fn parents_of(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        children: &[i64],
    ) -> Result<Vec<Link>, StoreError> {
        self.read_links(tenant, std::slice::from_ref(kind), End::Child, children)
            .await
    }
}
