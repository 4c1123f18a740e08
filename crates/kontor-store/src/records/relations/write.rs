//! Writing links: every check and every write of one call in one write job, so that a
//! refused call writes nothing and a check cannot be overtaken by another writer.
//!
//! SQLite runs write jobs one after another on its writer thread. PostgreSQL runs them
//! concurrently at `READ COMMITTED`, so there the existence check locks the records it found
//! (`FOR KEY SHARE`: a concurrent delete of one waits for this transaction, then removes the
//! new link with the record), and a one-parent kind takes a transaction-scoped advisory lock
//! per tenant and kind, so that two calls giving one unit two complexes run one at a time.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Map, Value};

use super::super::sql::{Bind, Dialect, Sql};
use super::super::write::{bump_generation, next_ids};
use super::{LinkChange, Linked, NewLinks, RecordRef, RelationKind, GENERATION};
use crate::exec::Conn;
use crate::{Store, StoreError, TenantId};

fn info_text(info: &Map<String, Value>) -> String {
    serde_json::to_string(info).unwrap_or_else(|_| "{}".into())
}

/// The first of `refs` (in their order) that is not a record of the tenant.
async fn first_missing(
    c: &mut Conn<'_>,
    tenant: TenantId,
    refs: &[RecordRef],
) -> Result<Option<RecordRef>, StoreError> {
    let mut by_module: HashMap<&str, (super::Module, BTreeSet<i64>)> = HashMap::new();
    for r in refs {
        by_module
            .entry(r.module.name())
            .or_insert_with(|| (r.module, BTreeSet::new()))
            .1
            .insert(r.id);
    }
    let mut found: HashMap<&str, BTreeSet<i64>> = HashMap::new();
    for (name, (module, ids)) in &by_module {
        let ids: Vec<i64> = ids.iter().copied().collect();
        let mut sql = Sql::default();
        sql.push("SELECT id FROM ")
            .push(module.table())
            .push(" WHERE tenant_id = ")
            .bind(Bind::Int(tenant.0));
        if module.in_documents() {
            sql.push(" AND module = ")
                .bind(Bind::Text(module.name().to_string()));
        }
        sql.ids_in("id", &ids);
        if c.dialect() == Dialect::Postgres {
            sql.push(" FOR KEY SHARE");
        }
        let mut present = BTreeSet::new();
        for row in c.rows(&sql).await? {
            present.insert(row.int(0)?);
        }
        found.insert(name, present);
    }
    Ok(refs
        .iter()
        .find(|r| {
            !found
                .get(r.module.name())
                .is_some_and(|s| s.contains(&r.id))
        })
        .copied())
}

/// In a one-parent kind: a child of `children` that already has a parent other than
/// `parent`, with that parent.
async fn other_parent(
    c: &mut Conn<'_>,
    tenant: TenantId,
    kind: &RelationKind,
    parent: i64,
    children: &[i64],
) -> Result<Option<(i64, i64)>, StoreError> {
    if c.dialect() == Dialect::Postgres {
        let lock = Sql::new(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            vec![Bind::Text(format!(
                "one-parent:{}:{}",
                tenant.0,
                kind.as_str()
            ))],
        );
        c.execute(&lock).await?;
    }
    let mut sql = Sql::default();
    sql.push("SELECT child_id, parent_id FROM relations WHERE tenant_id = ")
        .bind(Bind::Int(tenant.0))
        .push(" AND kind = ")
        .bind(Bind::Text(kind.as_str().to_string()))
        .push(" AND parent_id <> ")
        .bind(Bind::Int(parent));
    sql.ids_in("child_id", children);
    sql.push(" ORDER BY linked LIMIT 1");
    match c.row(&sql).await? {
        Some(row) => Ok(Some((row.int(0)?, row.int(1)?))),
        None => Ok(None),
    }
}

/// The first pair of `parents` × `children` that is not linked in `kind`.
async fn first_unlinked(
    c: &mut Conn<'_>,
    tenant: TenantId,
    kind: &RelationKind,
    parents: &[i64],
    children: &[i64],
) -> Result<Option<(i64, i64)>, StoreError> {
    let mut sql = Sql::default();
    sql.push("SELECT parent_id, child_id FROM relations WHERE tenant_id = ")
        .bind(Bind::Int(tenant.0))
        .push(" AND kind = ")
        .bind(Bind::Text(kind.as_str().to_string()));
    sql.ids_in("parent_id", parents);
    sql.ids_in("child_id", children);
    let mut linked = BTreeSet::new();
    for row in c.rows(&sql).await? {
        linked.insert((row.int(0)?, row.int(1)?));
    }
    Ok(parents
        .iter()
        .flat_map(|p| children.iter().map(move |ch| (*p, *ch)))
        .find(|pair| !linked.contains(pair)))
}

impl Store {
    pub(super) async fn write_links(
        &self,
        tenant: TenantId,
        links: NewLinks<'_>,
    ) -> Result<Linked, StoreError> {
        let kind = links.kind.clone();
        let parents = links.parents.to_vec();
        let children = links.children.to_vec();
        let info = info_text(links.info);
        let one_parent = links.one_parent;
        self.write(move |mut c| {
            Box::pin(async move {
                let ends: Vec<RecordRef> = parents.iter().chain(&children).copied().collect();
                if let Some(missing) = first_missing(&mut c, tenant, &ends).await? {
                    return Ok(Linked::Missing(missing));
                }
                if one_parent {
                    let child_ids: Vec<i64> = children.iter().map(|r| r.id).collect();
                    for parent in &parents {
                        let taken = other_parent(&mut c, tenant, &kind, parent.id, &child_ids);
                        if let Some((child, parent)) = taken.await? {
                            return Ok(Linked::HasParent { child, parent });
                        }
                    }
                }
                let pairs: Vec<(RecordRef, RecordRef)> = parents
                    .iter()
                    .flat_map(|p| children.iter().map(move |ch| (*p, *ch)))
                    .collect();
                let count = i64::try_from(pairs.len()).unwrap_or(i64::MAX);
                if count == 0 {
                    return Ok(Linked::Made(0));
                }
                // One counter step for the lot: the links keep the order they were given in.
                let last = next_ids(&mut c, tenant, "relation", count).await?;
                let mut added = 0;
                for (i, (parent, child)) in pairs.iter().enumerate() {
                    let key = vec![
                        Bind::Int(tenant.0),
                        Bind::Text(kind.as_str().to_string()),
                        Bind::Text(parent.module.name().to_string()),
                        Bind::Int(parent.id),
                        Bind::Text(child.module.name().to_string()),
                        Bind::Int(child.id),
                    ];
                    let mut binds = key.clone();
                    binds.push(Bind::Text(info.clone()));
                    binds.push(Bind::Int(last - count + 1 + i as i64));
                    let insert = Sql::new(
                        "INSERT INTO relations (tenant_id, kind, parent_module, parent_id,
                           child_module, child_id, info, linked)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                         ON CONFLICT (tenant_id, kind, parent_id, child_id) DO NOTHING",
                        binds,
                    );
                    if c.execute(&insert).await? > 0 {
                        added += 1;
                        continue;
                    }
                    let mut binds = vec![Bind::Text(info.clone())];
                    binds.extend(key);
                    let update = Sql::new(
                        "UPDATE relations SET info = $1 WHERE tenant_id = $2 AND kind = $3
                           AND parent_module = $4 AND parent_id = $5 AND child_module = $6
                           AND child_id = $7",
                        binds,
                    );
                    c.execute(&update).await?;
                }
                c.execute(&bump_generation(tenant, GENERATION)).await?;
                Ok(Linked::Made(added))
            })
        })
        .await
    }

    /// Merges `info` into (`Some`) or removes (`None`) the links of every parent with every
    /// child, once all of them are found.
    pub(super) async fn change_links(
        &self,
        tenant: TenantId,
        kind: &RelationKind,
        parents: &[i64],
        children: &[i64],
        info: Option<&Map<String, Value>>,
    ) -> Result<LinkChange, StoreError> {
        let kind = kind.clone();
        let parents = parents.to_vec();
        let children = children.to_vec();
        let info = info.map(info_text);
        self.write(move |mut c| {
            Box::pin(async move {
                let unlinked = first_unlinked(&mut c, tenant, &kind, &parents, &children);
                if let Some((parent, child)) = unlinked.await? {
                    return Ok(LinkChange::NoLink { parent, child });
                }
                let mut sql = Sql::default();
                // The new keys are merged into what the link has, in one statement, so
                // that setting the feedback keeps the confirmation. SQLite keeps the info
                // as JSON text, and so does PostgreSQL (`TEXT`), which merges as `jsonb`.
                match (&info, c.dialect()) {
                    (Some(info), Dialect::Sqlite) => sql
                        .push("UPDATE relations SET info = json_patch(info, ")
                        .bind(Bind::Text(info.clone()))
                        .push(") WHERE tenant_id = "),
                    (Some(info), Dialect::Postgres) => sql
                        .push("UPDATE relations SET info = (info::jsonb || ")
                        .bind(Bind::Text(info.clone()))
                        .push("::jsonb)::text WHERE tenant_id = "),
                    (None, _) => sql.push("DELETE FROM relations WHERE tenant_id = "),
                };
                sql.bind(Bind::Int(tenant.0))
                    .push(" AND kind = ")
                    .bind(Bind::Text(kind.as_str().to_string()));
                sql.ids_in("parent_id", &parents);
                sql.ids_in("child_id", &children);
                let changed = c.execute(&sql).await?;
                c.execute(&bump_generation(tenant, GENERATION)).await?;
                Ok(LinkChange::Done(changed))
            })
        })
        .await
    }
}
