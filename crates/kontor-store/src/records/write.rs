//! Writing records and handing out ids.

use serde_json::{Map, Value};

use super::columns::column_value;
use super::read::{bind_all, RecordRow};
use super::sql::{Bind, Dialect, Sql};
use super::{Module, RecordPage, RecordQuery, RecordStore, StoredRecord};
use crate::db::on_db;
use crate::{Store, StoreError, TenantId};

/// Bumps the module's write generation (invalidating cached counts) inside a transaction.
const BUMP_GENERATION: &str = "INSERT INTO write_generations (tenant_id, module, generation)
     VALUES ($1, $2, 1)
     ON CONFLICT (tenant_id, module) DO UPDATE SET generation = write_generations.generation + 1";

/// [`BUMP_GENERATION`], answering the new generation (the writer thread's form).
const BUMP_GENERATION_RETURNING: &str =
    "INSERT INTO write_generations (tenant_id, module, generation)
     VALUES ($1, $2, 1)
     ON CONFLICT (tenant_id, module) DO UPDATE SET generation = write_generations.generation + 1
     RETURNING generation";

/// Reserves `count` ids of a counter; returns the last one.
const NEXT_IDS: &str = "INSERT INTO id_counters (tenant_id, name, last_id) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, name) DO UPDATE SET last_id = id_counters.last_id + $3
     RETURNING last_id";

fn doc_text(doc: &Map<String, Value>) -> String {
    // A map of JSON values always serialises.
    serde_json::to_string(doc).unwrap_or_else(|_| "{}".into())
}

impl Store {
    fn insert_statement(&self, module: Module) -> Sql {
        let mut sql = Sql::default();
        sql.push("INSERT INTO ")
            .push(module.table())
            .push(" (tenant_id, id, uuid, doc");
        for col in module.hot_columns() {
            sql.push(", ").push(col.column);
        }
        sql.push(") VALUES ($1, $2, $3, ");
        sql.push(match self.dialect() {
            Dialect::Sqlite => "jsonb($4)",
            Dialect::Postgres => "$4::jsonb",
        });
        for (i, _) in module.hot_columns().iter().enumerate() {
            sql.push(&format!(", ${}", i + 5));
        }
        sql.push(")");
        sql
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
        if docs.is_empty() {
            return Ok(Vec::new());
        }
        if module.language_versions() {
            return Err(StoreError::Invalid(
                "language versions are written with write_language_version".into(),
            ));
        }
        let statement = self.insert_statement(module);
        let count = docs.len() as i64;
        if let Some(writer) = &self.writer {
            // Everything but the ids is bound here, off the writer thread, which then only
            // runs statements.
            let rows: Vec<Vec<Bind>> = docs
                .iter()
                .map(|doc| {
                    let mut binds = vec![
                        Bind::Int(tenant.0),
                        Bind::Int(0), // the id, given out on the writer thread
                        Bind::Text(uuid::Uuid::new_v4().to_string()),
                        Bind::Text(doc_text(doc)),
                    ];
                    binds.extend(
                        module
                            .hot_columns()
                            .iter()
                            .map(|c| column_value(c, doc.get(c.field))),
                    );
                    binds
                })
                .collect();
            let (tenant, name) = (tenant.0, module.name());
            return writer
                .write(move |conn| {
                    let last: i64 = conn
                        .prepare_cached(NEXT_IDS)?
                        .query_row((tenant, name, count), |row| row.get(0))?;
                    let first = last - count + 1;
                    let mut insert = conn.prepare_cached(&statement.text)?;
                    let mut ids = Vec::with_capacity(rows.len());
                    for (i, mut binds) in rows.into_iter().enumerate() {
                        let id = first + i as i64;
                        if let Some(slot) = binds.get_mut(1) {
                            *slot = Bind::Int(id);
                        }
                        insert.execute(rusqlite::params_from_iter(binds.iter()))?;
                        ids.push(id);
                    }
                    let generation: i64 = conn
                        .prepare_cached(BUMP_GENERATION_RETURNING)?
                        .query_row((tenant, name), |row| row.get(0))?;
                    Ok((ids, generation))
                })
                .await
                .map(|(ids, generation)| {
                    // Counts cached under the generation before this create stay exact
                    // with the new matches added (`carry.rs`).
                    self.counts.carry(tenant, name, generation - 1, &docs);
                    self.ranges.carry(tenant, name, generation - 1, &docs);
                    ids
                });
        }
        on_db!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let (last,): (i64,) = sqlx::query_as(NEXT_IDS)
                .bind(tenant.0)
                .bind(module.name())
                .bind(count)
                .fetch_one(&mut *tx)
                .await?;
            let first = last - count + 1;
            let mut ids = Vec::with_capacity(docs.len());
            for (i, doc) in docs.iter().enumerate() {
                let id = first + i as i64;
                let mut binds = vec![
                    Bind::Int(tenant.0),
                    Bind::Int(id),
                    Bind::Text(uuid::Uuid::new_v4().to_string()),
                    Bind::Text(doc_text(doc)),
                ];
                binds.extend(module.hot_columns().iter().map(|c| column_value(c, doc.get(c.field))));
                bind_all!(sqlx::query(&statement.text), &binds).execute(&mut *tx).await?;
                ids.push(id);
            }
            sqlx::query(BUMP_GENERATION).bind(tenant.0).bind(module.name()).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(ids)
        })
    }

    async fn update_record(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
        changes: Map<String, Value>,
    ) -> Result<bool, StoreError> {
        // One statement merges the document, so that concurrent writers of other fields of
        // the same record cannot lose each other's changes (and SQLite never has to upgrade a
        // read lock). Both merges replace arrays whole: multiselect writes replace the set.
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
        sql.push(" WHERE tenant_id = ")
            .bind(Bind::Int(tenant.0))
            .push(" AND id = ")
            .bind(Bind::Int(id));
        on_db!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let affected = bind_all!(sqlx::query(&sql.text), &sql.binds)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if affected > 0 {
                sqlx::query(BUMP_GENERATION).bind(tenant.0).bind(module.name()).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(affected > 0)
        })
    }

    async fn delete_record(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
    ) -> Result<bool, StoreError> {
        let mut sql = Sql::default();
        sql.push("DELETE FROM ")
            .push(module.table())
            .push(" WHERE tenant_id = ")
            .bind(Bind::Int(tenant.0))
            .push(" AND id = ")
            .bind(Bind::Int(id));
        if module.in_documents() {
            sql.push(" AND module = ")
                .bind(Bind::Text(module.name().to_string()));
        }
        // The versions go with their record (a foreign key cascades), so their counts too.
        let mut touched = vec![module.name()];
        touched.extend(module.versions().map(Module::name));
        on_db!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let affected = bind_all!(sqlx::query(&sql.text), &sql.binds)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if affected > 0 {
                for name in &touched {
                    sqlx::query(BUMP_GENERATION).bind(tenant.0).bind(*name).execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            Ok(affected > 0)
        })
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
        let text = format!(
            "SELECT {} FROM {} WHERE tenant_id = $1 AND id = $2",
            self.record_columns(module),
            module.table()
        );
        let row: Option<RecordRow> = on_db!(&self.db, pool => sqlx::query_as(&text)
            .bind(tenant.0)
            .bind(id)
            .fetch_optional(pool)
            .await)?;
        row.map(RecordRow::into_record).transpose()
    }

    async fn write_language_version(
        &self,
        tenant: TenantId,
        main_id: i64,
        language: &str,
        changes: Map<String, Value>,
    ) -> Result<Option<i64>, StoreError> {
        let changes_text = doc_text(&changes);
        let (patch, insert_doc) = match self.dialect() {
            Dialect::Sqlite => ("jsonb_patch(doc, $1)", "jsonb($6)"),
            Dialect::Postgres => ("doc || $1::jsonb", "$6::jsonb"),
        };
        let update = format!(
            "UPDATE estate_languages SET doc = {patch}
              WHERE tenant_id = $2 AND main_id = $3 AND language = $4 RETURNING id"
        );
        let insert = format!(
            "INSERT INTO estate_languages (tenant_id, id, main_id, language, uuid, doc)
             VALUES ($1, $2, $3, $4, $5, {insert_doc})"
        );
        let main_select = format!(
            "SELECT {} FROM estates WHERE tenant_id = $1 AND id = $2",
            self.record_columns(Module::ESTATE)
        );
        on_db!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let updated: Option<(i64,)> = sqlx::query_as(&update)
                .bind(&changes_text)
                .bind(tenant.0)
                .bind(main_id)
                .bind(language)
                .fetch_optional(&mut *tx)
                .await?;
            let id = match updated {
                Some((id,)) => id,
                None => {
                    let main: Option<RecordRow> = sqlx::query_as(&main_select)
                        .bind(tenant.0)
                        .bind(main_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let Some(main) = main else { return Ok(None) };
                    // A new language version starts as a copy of the main estate.
                    let mut doc = main.into_record()?.doc.into_map();
                    doc.extend(changes);
                    let (id,): (i64,) = sqlx::query_as(NEXT_IDS)
                        .bind(tenant.0)
                        .bind(Module::ESTATE.name())
                        .bind(1_i64)
                        .fetch_one(&mut *tx)
                        .await?;
                    sqlx::query(&insert)
                        .bind(tenant.0)
                        .bind(id)
                        .bind(main_id)
                        .bind(language)
                        .bind(uuid::Uuid::new_v4().to_string())
                        .bind(doc_text(&doc))
                        .execute(&mut *tx)
                        .await?;
                    id
                }
            };
            sqlx::query(BUMP_GENERATION)
                .bind(tenant.0)
                .bind(Module::ESTATE_LANGUAGE.name())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Some(id))
        })
    }

    async fn next_ids(
        &self,
        tenant: TenantId,
        counter: &str,
        count: u32,
    ) -> Result<i64, StoreError> {
        let (last,): (i64,) = on_db!(&self.db, pool => sqlx::query_as(NEXT_IDS)
            .bind(tenant.0)
            .bind(counter)
            .bind(i64::from(count))
            .fetch_one(pool)
            .await)?;
        Ok(last)
    }
}
