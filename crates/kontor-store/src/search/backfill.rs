//! Indexing the records that were written before their module was searched: at open, once
//! per module (the migration that made the index could not fold text as Rust does, nor read
//! contact entries). `search_indexed` lists the modules done; a module that joins the search
//! later (a registry entry given a `SearchDef`) is indexed the first time a store opens
//! with it.

use serde_json::{Map, Value};

use super::{entry, write_entries};
use crate::records::sql::{Bind, Dialect, Sql};
use crate::records::Module;
use crate::{Store, StoreError, TenantId};

/// Records read and indexed per write job.
const CHUNK: i64 = 1_000;

impl Store {
    /// Indexes every standard searched module not yet listed in `search_indexed`.
    pub(crate) async fn index_unindexed_modules(&self) -> Result<(), StoreError> {
        for module in crate::modules::STANDARD {
            if module.search.is_some() {
                self.backfill(*module).await?;
            }
        }
        Ok(())
    }

    async fn backfill(&self, module: Module) -> Result<(), StoreError> {
        let name = module.name().to_string();
        let done = Sql::new(
            "SELECT COUNT(*) FROM search_indexed WHERE module = $1",
            vec![Bind::Text(name.clone())],
        );
        let listed = self
            .read(move |mut c| Box::pin(async move { c.int(&done).await }))
            .await?;
        if listed.unwrap_or(0) > 0 {
            return Ok(());
        }
        let doc = match self.dialect() {
            Dialect::Sqlite => "json(t.doc)",
            Dialect::Postgres => "t.doc::text",
        };
        let module_filter = match module.in_documents() {
            true => " AND t.module = $4",
            false => "",
        };
        let select = format!(
            "SELECT t.tenant_id, t.id, {doc} FROM {table} t
              WHERE (t.tenant_id > $1 OR (t.tenant_id = $1 AND t.id > $2))
                AND NOT EXISTS (SELECT 1 FROM search_entries s WHERE s.tenant_id = t.tenant_id
                                AND s.module = $3 AND s.record_id = t.id){module_filter}
              ORDER BY t.tenant_id, t.id LIMIT {CHUNK}",
            table = module.table(),
        );
        let mut after = (i64::MIN, i64::MIN);
        loop {
            let mut binds = vec![
                Bind::Int(after.0),
                Bind::Int(after.1),
                Bind::Text(name.clone()),
            ];
            if module.in_documents() {
                binds.push(Bind::Text(name.clone()));
            }
            let sql = Sql::new(&select, binds);
            let rows = self
                .read(move |mut c| Box::pin(async move { c.rows(&sql).await }))
                .await?;
            let Some(last) = rows.last() else { break };
            after = (last.int(0)?, last.int(1)?);
            let mut records: Vec<(TenantId, i64, Map<String, Value>)> =
                Vec::with_capacity(rows.len());
            for row in &rows {
                let id = row.int(1)?;
                let doc: Map<String, Value> = serde_json::from_str(&row.text(2)?)
                    .map_err(|e| StoreError::Corrupt(format!("record {id}: {e}")))?;
                records.push((TenantId(row.int(0)?), id, doc));
            }
            self.write(move |mut c| {
                Box::pin(async move {
                    // The rows come by tenant: one vocabulary write per tenant's run.
                    let mut run: Vec<(i64, super::Entry)> = Vec::new();
                    let mut run_tenant = None;
                    for (tenant, id, doc) in records {
                        if run_tenant != Some(tenant) {
                            if let Some(t) = run_tenant {
                                write_entries(&mut c, t, module, std::mem::take(&mut run)).await?;
                            }
                            run_tenant = Some(tenant);
                        }
                        if let Some(e) = entry(module, &doc) {
                            run.push((id, e));
                        }
                    }
                    if let Some(t) = run_tenant {
                        write_entries(&mut c, t, module, run).await?;
                    }
                    Ok(())
                })
            })
            .await?;
        }
        let mark = Sql::new(
            "INSERT INTO search_indexed (module) VALUES ($1) ON CONFLICT DO NOTHING",
            vec![Bind::Text(name)],
        );
        self.write(move |mut c| Box::pin(async move { c.execute(&mark).await.map(|_| ()) }))
            .await
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::records::RecordStore;
    use crate::search::{parse_terms, SearchQuery};
    use crate::test_support::open_test_store;
    use crate::{TenantName, TenantStore};

    /// Records written before the index existed (here: its rows removed behind the store's
    /// back, as a database migrated from before it has none) are indexed at open.
    #[tokio::test]
    async fn records_without_index_rows_are_indexed_at_open(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let test = open_test_store().await?;
        let store = &test.store;
        let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
        let Value::Object(doc) = json!({"Vorname": "Max", "Name": "Mustermann"}) else {
            return Ok(());
        };
        let ids = store
            .insert_records(tenant, Module::ADDRESS, vec![doc])
            .await?;
        store
            .write_all(vec![
                Sql::new("DELETE FROM search_entries", Vec::new()),
                Sql::new("DELETE FROM search_indexed", Vec::new()),
            ])
            .await?;
        let query = || -> Result<SearchQuery, Box<dyn std::error::Error>> {
            Ok(SearchQuery {
                terms: parse_terms("muster").map_err(|e| format!("{e:?}"))?,
                limit: 10,
                ..SearchQuery::default()
            })
        };
        let before = store.search(tenant, Module::ADDRESS, query()?).await?;
        assert_eq!(before.total, 0);
        store.index_unindexed_modules().await?;
        let after = store.search(tenant, Module::ADDRESS, query()?).await?;
        assert_eq!(after.total, 1);
        assert_eq!(after.hits[0].record.id, ids[0]);
        Ok(())
    }
}
