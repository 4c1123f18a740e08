//! Writing records and handing out ids: each write one job (`exec.rs`), so one copy of each
//! for both backends.

use serde_json::{Map, Value};

use super::columns::column_value;
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

fn doc_text(doc: &Map<String, Value>) -> String {
    // A map of JSON values always serialises.
    serde_json::to_string(doc).unwrap_or_else(|_| "{}".into())
}

/// The document as a statement's value: SQLite keeps binary JSON, PostgreSQL `JSONB`.
fn doc_value(dialect: Dialect, n: usize) -> String {
    match dialect {
        Dialect::Sqlite => format!("jsonb(${n})"),
        Dialect::Postgres => format!("${n}::jsonb"),
    }
}

/// `INSERT INTO <table> (tenant_id, id, uuid, doc, <typed columns>[, module]) VALUES …`.
fn insert_statement(dialect: Dialect, module: Module) -> String {
    let mut columns = vec!["tenant_id", "id", "uuid", "doc"];
    columns.extend(module.hot_columns().iter().map(|c| c.column));
    if module.in_documents() {
        columns.push("module");
    }
    let values: Vec<String> = (1..=columns.len())
        .map(|n| match n {
            4 => doc_value(dialect, 4),
            n => format!("${n}"),
        })
        .collect();
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        module.table(),
        columns.join(", "),
        values.join(", ")
    )
}

/// A new record's values but its id, bound off the thread that writes it.
fn insert_binds(tenant: TenantId, module: Module, doc: &Map<String, Value>) -> Vec<Bind> {
    let mut binds = vec![
        Bind::Int(tenant.0),
        Bind::Int(0), // the id, handed out in the write
        Bind::Text(uuid::Uuid::new_v4().to_string()),
        Bind::Text(doc_text(doc)),
    ];
    binds.extend(
        module
            .hot_columns()
            .iter()
            .map(|c| column_value(c, doc.get(c.field))),
    );
    if module.in_documents() {
        binds.push(Bind::Text(module.name().to_string()));
    }
    binds
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
        if docs.is_empty() {
            return Ok(Vec::new());
        }
        if module.language_versions() {
            return Err(StoreError::Invalid(
                "language versions are written with write_language_version".into(),
            ));
        }
        let statement = insert_statement(self.dialect(), module);
        // Everything but the ids is bound here, off the SQLite writer thread, which then
        // only runs statements.
        let rows: Vec<Vec<Bind>> = docs
            .iter()
            .map(|doc| insert_binds(tenant, module, doc))
            .collect();
        let (ids, generation) = self
            .write(move |mut c| {
                Box::pin(async move {
                    let count = rows.len() as i64;
                    let last = next_ids(&mut c, tenant, module.name(), count).await?;
                    let first = last - count + 1;
                    let mut ids = Vec::with_capacity(rows.len());
                    for (i, binds) in rows.into_iter().enumerate() {
                        let id = first + i as i64;
                        let mut sql = Sql::new(&statement, binds);
                        if let Some(slot) = sql.binds.get_mut(1) {
                            *slot = Bind::Int(id);
                        }
                        c.execute(&sql).await?;
                        ids.push(id);
                    }
                    let generation = c
                        .int(&bump_generation(tenant, module.name()))
                        .await?
                        .unwrap_or(0);
                    Ok((ids, generation))
                })
            })
            .await?;
        // Counts and value sets cached under the generation before this create stay exact
        // with the new matches added (`carry.rs`).
        self.counts
            .carry(tenant.0, module.name(), generation - 1, &docs);
        self.ranges
            .carry(tenant.0, module.name(), generation - 1, &docs);
        Ok(ids)
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
        let bump = bump_generation(tenant, module.name());
        self.write(move |mut c| {
            Box::pin(async move {
                let found = c.execute(&sql).await? > 0;
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
