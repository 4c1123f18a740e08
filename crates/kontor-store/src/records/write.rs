//! Writing records and handing out ids: each write one job (`exec.rs`), so one copy of each
//! for both backends.

use serde_json::{Map, Value};

use super::columns::column_value;
use super::insert::{doc_text, doc_value, Inserted, NewRecord};
use super::read::{fetch_records, record_columns};
use super::sql::{Bind, Dialect, Sql};
use super::{Module, RecordPage, RecordQuery, RecordStore, StoredRecord};
use crate::exec::Conn;
use crate::{Store, StoreError, TenantId};

/// Bumps a write generation (invalidating what was cached under it); answers the new one.
const BUMP_GENERATION: &str = "INSERT INTO write_generations (tenant_id, module, generation)
     VALUES ($1, $2, 1)
     ON CONFLICT (tenant_id, module) DO UPDATE SET generation = write_generations.generation + 1
     RETURNING generation";

/// Reserves `count` ids of a counter; returns the last one.
const NEXT_IDS: &str = "INSERT INTO id_counters (tenant_id, name, last_id) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, name) DO UPDATE SET last_id = id_counters.last_id + $3
     RETURNING last_id";

/// The statement that bumps the generation under `key` (a module name, `fields:<module>`).
pub(crate) fn bump_generation(tenant: TenantId, key: &str) -> Sql {
    Sql::new(
        BUMP_GENERATION,
        vec![Bind::Int(tenant.0), Bind::Text(key.to_string())],
    )
}

/// Hands out `count` ids of a counter within a write job; returns the last one.
pub(crate) async fn next_ids(
    c: &mut Conn<'_>,
    tenant: TenantId,
    counter: &str,
    count: i64,
) -> Result<i64, StoreError> {
    let sql = Sql::new(
        NEXT_IDS,
        vec![
            Bind::Int(tenant.0),
            Bind::Text(counter.to_string()),
            Bind::Int(count),
        ],
    );
    c.int(&sql)
        .await?
        .ok_or_else(|| StoreError::Invalid(format!("counter {counter} handed out nothing")))
}

/// `key = $n` of the record `id`, with the documents table's module.
fn record_key(sql: &mut Sql, tenant: TenantId, module: Module, id: i64) {
    sql.push(" WHERE tenant_id = ")
        .bind(Bind::Int(tenant.0))
        .push(" AND id = ")
        .bind(Bind::Int(id));
    if module.in_documents() {
        sql.push(" AND module = ")
            .bind(Bind::Text(module.name().to_string()));
    }
}

impl RecordStore for Store {
    async fn query_records(
        &self,
        tenant: TenantId,
        module: Module,
        query: &RecordQuery,
    ) -> Result<RecordPage, StoreError> {
        self.run_query(tenant, module, query).await
    }

    async fn insert_records(
        &self,
        tenant: TenantId,
        module: Module,
        docs: Vec<Map<String, Value>>,
    ) -> Result<Vec<i64>, StoreError> {
        let records = docs.into_iter().map(NewRecord::new).collect();
        let inserted = self.insert(tenant, module, records).await?;
        Ok(inserted.into_iter().map(Inserted::id).collect())
    }

    async fn insert_new_records(
        &self,
        tenant: TenantId,
        module: Module,
        records: Vec<NewRecord>,
    ) -> Result<Vec<Inserted>, StoreError> {
        self.insert(tenant, module, records).await
    }

    async fn update_record(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
        changes: Map<String, Value>,
    ) -> Result<bool, StoreError> {
        // One statement merges the document, so that concurrent writers of other fields of
        // the same record cannot lose each other's changes. Both merges replace arrays
        // whole: multiselect writes replace the set.
        let mut sql = Sql::default();
        sql.push("UPDATE ").push(module.table()).push(" SET doc = ");
        match self.dialect() {
            Dialect::Sqlite => sql
                .push("jsonb_patch(doc, ")
                .bind(Bind::Text(doc_text(&changes)))
                .push(")"),
            Dialect::Postgres => sql
                .push("doc || ")
                .bind(Bind::Text(doc_text(&changes)))
                .push("::jsonb"),
        };
        for col in module.hot_columns() {
            if changes.contains_key(col.field) {
                sql.push(", ")
                    .push(col.column)
                    .push(" = ")
                    .bind(column_value(col, changes.get(col.field)));
            }
        }
        record_key(&mut sql, tenant, module, id);
        // A searched module's index row is made anew from the merged document, which the
        // update answers, in the same job.
        let searched = module.search.is_some();
        if searched {
            sql.push(match self.dialect() {
                Dialect::Sqlite => " RETURNING json(doc)",
                Dialect::Postgres => " RETURNING doc::text",
            });
        }
        let bump = bump_generation(tenant, module.name());
        self.write(move |mut c| {
            Box::pin(async move {
                let found = match searched {
                    false => c.execute(&sql).await? > 0,
                    true => match c.row(&sql).await? {
                        None => false,
                        Some(row) => {
                            let doc: Map<String, Value> = serde_json::from_str(&row.text(0)?)
                                .map_err(|e| StoreError::Corrupt(format!("record {id}: {e}")))?;
                            if let Some(entry) = crate::search::entry(module, &doc) {
                                crate::search::write_entries(
                                    &mut c,
                                    tenant,
                                    module,
                                    vec![(id, entry)],
                                )
                                .await?;
                            }
                            true
                        }
                    },
                };
                if found {
                    c.execute(&bump).await?;
                }
                Ok(found)
            })
        })
        .await
    }

    async fn delete_record(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
    ) -> Result<bool, StoreError> {
        let mut delete = Sql::default();
        delete.push("DELETE FROM ").push(module.table());
        record_key(&mut delete, tenant, module, id);
        let links = super::relations::unlink_record(tenant, module, id);
        let unindex = module
            .search
            .is_some()
            .then(|| crate::search::delete_entry(tenant, module, id));
        // The versions go with their record (a foreign key cascades), so their counts too.
        let mut bumps = vec![
            bump_generation(tenant, module.name()),
            bump_generation(tenant, super::relations::GENERATION),
        ];
        bumps.extend(module.versions().map(|v| bump_generation(tenant, v.name())));
        self.write(move |mut c| {
            Box::pin(async move {
                let found = c.execute(&delete).await? > 0;
                if found {
                    c.execute(&links).await?;
                    if let Some(unindex) = &unindex {
                        c.execute(unindex).await?;
                    }
                    for bump in &bumps {
                        c.execute(bump).await?;
                    }
                }
                Ok(found)
            })
        })
        .await
    }

    async fn tenant_generation(&self, tenant: TenantId) -> Result<i64, StoreError> {
        self.sum_of_generations(tenant).await
    }

    async fn get_record(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
    ) -> Result<Option<StoredRecord>, StoreError> {
        self.record(tenant, module, id).await
    }

    async fn write_language_version(
        &self,
        tenant: TenantId,
        main_id: i64,
        language: &str,
        changes: Map<String, Value>,
    ) -> Result<Option<i64>, StoreError> {
        let dialect = self.dialect();
        let (main, versions) = match Module::ESTATE.versions() {
            Some(versions) => (Module::ESTATE, versions),
            None => return Ok(None),
        };
        let changes_text = doc_text(&changes);
        let patch = match dialect {
            Dialect::Sqlite => "jsonb_patch(doc, $1)",
            Dialect::Postgres => "doc || $1::jsonb",
        };
        let update = Sql::new(
            &format!(
                "UPDATE {} SET doc = {patch}
                  WHERE tenant_id = $2 AND main_id = $3 AND language = $4 RETURNING id",
                versions.table()
            ),
            vec![
                Bind::Text(changes_text),
                Bind::Int(tenant.0),
                Bind::Int(main_id),
                Bind::Text(language.to_string()),
            ],
        );
        let main_select = Sql::new(
            &format!(
                "SELECT {} FROM {} WHERE tenant_id = $1 AND id = $2",
                record_columns(dialect, main),
                main.table()
            ),
            vec![Bind::Int(tenant.0), Bind::Int(main_id)],
        );
        let insert = format!(
            "INSERT INTO {} (tenant_id, id, main_id, language, uuid, doc)
             VALUES ($1, $2, $3, $4, $5, {})",
            versions.table(),
            doc_value(dialect, 6)
        );
        let language = language.to_string();
        self.write(move |mut c| {
            Box::pin(async move {
                let id = match c.int(&update).await? {
                    Some(id) => id,
                    None => {
                        let Some(found) = fetch_records(&mut c, &main_select, None)
                            .await?
                            .into_iter()
                            .next()
                        else {
                            return Ok(None);
                        };
                        // A new language version starts as a copy of the main record;
                        // version ids come from the main module's counter, as the
                        // vendor's sub-ids are estate ids.
                        let mut doc = found.doc.into_map();
                        doc.extend(changes);
                        let id = next_ids(&mut c, tenant, main.name(), 1).await?;
                        let sql = Sql::new(
                            &insert,
                            vec![
                                Bind::Int(tenant.0),
                                Bind::Int(id),
                                Bind::Int(main_id),
                                Bind::Text(language),
                                Bind::Text(uuid::Uuid::new_v4().to_string()),
                                Bind::Text(doc_text(&doc)),
                            ],
                        );
                        c.execute(&sql).await?;
                        id
                    }
                };
                c.execute(&bump_generation(tenant, versions.name())).await?;
                Ok(Some(id))
            })
        })
        .await
    }

    async fn next_ids(
        &self,
        tenant: TenantId,
        counter: &str,
        count: u32,
    ) -> Result<i64, StoreError> {
        let counter = counter.to_string();
        self.write(move |mut c| {
            Box::pin(async move { next_ids(&mut c, tenant, &counter, i64::from(count)).await })
        })
        .await
    }
}
