//! Inserting records: each batch one write job, ids handed out in it, and creates that are
//! only made when no record matches a guard (a duplicate check) decided in the same
//! transaction as the insert.
//!
//! SQLite runs every write job on its one writer thread, so a guard's query and the insert
//! after it cannot interleave with another writer's. PostgreSQL runs jobs concurrently, in
//! transactions at `READ COMMITTED`: there a guarded batch first takes a transaction-scoped
//! advisory lock per tenant and module, so the second of two concurrent guarded creates
//! waits for the first to commit and then sees its record.

use serde_json::{Map, Value};

use super::columns::column_value;
use super::sql::{where_clause, Bind, Dialect, Sql};
use super::write::{bump_generation, next_ids};
use super::{Module, RecordQuery};
use crate::{Store, StoreError, TenantId};

/// A record to insert, unless a record matches `unless`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewRecord {
    pub doc: Map<String, Value>,
    /// A duplicate check: when a record of the module matches it (its `limit`, `sort` and
    /// `fields` are ignored), the lowest such id is answered and nothing is inserted.
    pub unless: Option<RecordQuery>,
}

impl NewRecord {
    pub fn new(doc: Map<String, Value>) -> NewRecord {
        NewRecord { doc, unless: None }
    }
}

/// What became of a [`NewRecord`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// Inserted with this id.
    New(i64),
    /// Not inserted: this record matched its guard.
    Found(i64),
}

impl Inserted {
    pub fn id(self) -> i64 {
        match self {
            Inserted::New(id) | Inserted::Found(id) => id,
        }
    }
}

pub(crate) fn doc_text(doc: &Map<String, Value>) -> String {
    // A map of JSON values always serialises.
    serde_json::to_string(doc).unwrap_or_else(|_| "{}".into())
}

/// The document as a statement's value: SQLite keeps binary JSON, PostgreSQL `JSONB`.
pub(crate) fn doc_value(dialect: Dialect, n: usize) -> String {
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

/// `SELECT id … WHERE <guard> ORDER BY id LIMIT 1`: the record a guarded insert yields to.
fn guard_statement(dialect: Dialect, module: Module, tenant: TenantId, q: &RecordQuery) -> Sql {
    let mut sql = Sql::default();
    sql.push("SELECT ")
        .push(module.id_column())
        .push(" FROM ")
        .push(module.table())
        .push(" WHERE ");
    sql.append(&where_clause(dialect, module, tenant.0, q));
    sql.push(" ORDER BY ")
        .push(module.id_column())
        .push(" LIMIT 1");
    sql
}

/// One row to write: its values, and the guard it yields to.
struct Row {
    binds: Vec<Bind>,
    guard: Option<Sql>,
}

impl Store {
    /// Inserts `records` in one transaction, in order; a guarded record is checked after
    /// the records before it are written, so two of one batch guard against each other too.
    pub(crate) async fn insert(
        &self,
        tenant: TenantId,
        module: Module,
        records: Vec<NewRecord>,
    ) -> Result<Vec<Inserted>, StoreError> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        if module.language_versions() {
            return Err(StoreError::Invalid(
                "language versions are written with write_language_version".into(),
            ));
        }
        let dialect = self.dialect();
        let statement = insert_statement(dialect, module);
        // Everything but the ids is bound here, off the SQLite writer thread, which then
        // only runs statements.
        let rows: Vec<Row> = records
            .iter()
            .map(|r| Row {
                binds: insert_binds(tenant, module, &r.doc),
                guard: r
                    .unless
                    .as_ref()
                    .map(|q| guard_statement(dialect, module, tenant, q)),
            })
            .collect();
        // The search index rows, folded here too; written in the insert's own job, so that
        // the index commits with the records.
        let mut entries: Vec<Option<crate::search::Entry>> = records
            .iter()
            .map(|r| crate::search::entry(module, &r.doc))
            .collect();
        let guarded = rows.iter().any(|r| r.guard.is_some());
        let lock = (guarded && dialect == Dialect::Postgres).then(|| {
            Sql::new(
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                vec![Bind::Text(format!(
                    "insert-guard:{}:{}",
                    tenant.0,
                    module.name()
                ))],
            )
        });
        let (outcomes, generation) = self
            .write(move |mut c| {
                Box::pin(async move {
                    if let Some(lock) = &lock {
                        c.execute(lock).await?;
                    }
                    // Unguarded batches take their ids in one step; guarded ones one at a
                    // time, so that a create that yields consumes no id.
                    let count = rows.len() as i64;
                    let mut next = match guarded {
                        false => next_ids(&mut c, tenant, module.name(), count).await? - count + 1,
                        true => 0,
                    };
                    let mut outcomes = Vec::with_capacity(rows.len());
                    let mut indexed = Vec::with_capacity(rows.len());
                    for (row, entry) in rows.into_iter().zip(entries.iter_mut()) {
                        if let Some(guard) = &row.guard {
                            if let Some(found) = c.int(guard).await? {
                                outcomes.push(Inserted::Found(found));
                                continue;
                            }
                        }
                        let id = match guarded {
                            true => next_ids(&mut c, tenant, module.name(), 1).await?,
                            false => {
                                let id = next;
                                next += 1;
                                id
                            }
                        };
                        let mut sql = Sql::new(&statement, row.binds);
                        if let Some(slot) = sql.binds.get_mut(1) {
                            *slot = Bind::Int(id);
                        }
                        c.execute(&sql).await?;
                        outcomes.push(Inserted::New(id));
                        if let Some(entry) = entry.take() {
                            indexed.push((id, entry));
                        }
                    }
                    if !indexed.is_empty() {
                        crate::search::write_entries(&mut c, tenant, module, indexed).await?;
                    }
                    let generation = match outcomes.iter().any(|o| matches!(o, Inserted::New(_))) {
                        true => c
                            .int(&bump_generation(tenant, module.name()))
                            .await?
                            .unwrap_or(0),
                        false => 0,
                    };
                    Ok((outcomes, generation))
                })
            })
            .await?;
        if generation > 0 {
            // Counts and value sets cached under the generation before this create stay
            // exact with the new matches added (`carry.rs`).
            let docs: Vec<Map<String, Value>> = records
                .into_iter()
                .zip(&outcomes)
                .filter(|(_, o)| matches!(o, Inserted::New(_)))
                .map(|(r, _)| r.doc)
                .collect();
            self.counts
                .carry(tenant.0, module.name(), generation - 1, &docs);
            self.ranges
                .carry(tenant.0, module.name(), generation - 1, &docs);
        }
        Ok(outcomes)
    }
}
