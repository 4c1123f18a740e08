//! Indexes on document fields, made the first time a field is filtered or sorted on.
//!
//! Fields without a typed column live only in the JSON document, and a filter or sort on one
//! scans every document of the tenant, twice (count and page): about 2 s at a million
//! estates. An expression index over the same expression the query uses turns that into an
//! index range (measured at 1M: count 4 ms instead of 3.7 s). Which fields a tenant's
//! clients filter on is only known when they do, so the first such query schedules the
//! index in the background and is answered by the scan; the next ones use the index.
//! PostgreSQL builds it `CONCURRENTLY`, so writes go on meanwhile; SQLite holds its write
//! lock while it builds (2 s at a million estates).
//!
//! The expression carries the JSON path as a literal, because SQLite matches an index to a
//! query by its expression, and a bound path would never match. Only plain field names
//! (ASCII letters, digits, `_`) are written into SQL; any other name stays a bound parameter
//! and is never indexed. Indexes cost every insert a little: at most
//! [`MAX_PER_TABLE`] are made per table.

use std::collections::HashSet;
use std::sync::Mutex;

use super::sql::{Dialect, Sql};
use super::{Module, RecordQuery, ValueKind};
use crate::db::Db;
use crate::Store;

/// Auto indexes per table; beyond that, queries on further fields scan.
pub(crate) const MAX_PER_TABLE: usize = 8;

/// Names of the auto indexes that exist or are being made.
#[derive(Debug, Default)]
pub struct AutoIndexes {
    names: Mutex<HashSet<String>>,
}

impl AutoIndexes {
    /// The names. Each change is one insert into a set, which a panic cannot leave
    /// half-done, so a poisoned lock is taken over instead of stopping every later index.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.names
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A field name that can be written into SQL as it is.
pub(crate) fn is_plain(field: &str) -> bool {
    !field.is_empty()
        && field.len() <= 64
        && field
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The SQLite expression a document field reads as, with its path as a literal; `None` for
/// names that are not plain (they are bound instead) and for multi-selects.
pub(crate) fn sqlite_expr(field: &str, kind: ValueKind) -> Option<String> {
    if !is_plain(field) {
        return None;
    }
    match kind {
        ValueKind::Number => Some(format!(
            "COALESCE(CAST(json_extract(doc, '$.\"{field}\"') AS REAL), 0)"
        )),
        ValueKind::Text => Some(format!("COALESCE(json_extract(doc, '$.\"{field}\"'), '')")),
        ValueKind::Multi => None,
    }
}

/// The PostgreSQL expression of a document field, its name as a literal (see
/// [`sqlite_expr`]); texts compare in byte order, as SQLite's do.
pub(crate) fn postgres_expr(field: &str, kind: ValueKind) -> Option<String> {
    if !is_plain(field) {
        return None;
    }
    match kind {
        ValueKind::Number => Some(format!("COALESCE(kontor_number(doc->>'{field}'), 0)")),
        ValueKind::Text => Some(format!("(COALESCE(doc->>'{field}', '') COLLATE \"C\")")),
        ValueKind::Multi => None,
    }
}

/// The expression of a document field on `dialect`, if it can be written literally.
pub(crate) fn expr(dialect: Dialect, field: &str, kind: ValueKind) -> Option<String> {
    match dialect {
        Dialect::Sqlite => sqlite_expr(field, kind),
        Dialect::Postgres => postgres_expr(field, kind),
    }
}

/// Characters of a text document field a PostgreSQL index holds (see [`postgres_prefix`]).
pub(crate) const PREFIX_CHARS: usize = 500;

/// What a PostgreSQL index on a text document field holds: its first [`PREFIX_CHARS`]
/// characters, in byte order. A B-tree row holds at most 2,704 bytes, so an index on the
/// whole text made every longer value of the field unwritable for every tenant ("index row
/// requires 80168 bytes", issue 14), while a text field takes 64 KiB; 500 characters are at
/// most 2,000 bytes. Queries add a condition on the prefix in front of the one on the whole
/// value (`sql.rs`), which the index serves: a prefix keeps the order of the text, so
/// `x < v` implies `prefix(x) <= prefix(v)`. SQLite has no such limit and indexes the whole
/// text ([`sqlite_expr`]).
pub(crate) fn postgres_prefix(field: &str) -> Option<String> {
    is_plain(field)
        .then(|| format!("(left(COALESCE(doc->>'{field}', ''), {PREFIX_CHARS}) COLLATE \"C\")"))
}

/// The expression an auto index on `dialect` is made over.
fn index_expr(dialect: Dialect, field: &str, kind: ValueKind) -> Option<String> {
    match (dialect, kind) {
        (Dialect::Postgres, ValueKind::Text) => postgres_prefix(field),
        _ => expr(dialect, field, kind),
    }
}

/// `auto_<table>_<n|t|p>_<field>`: numbers, whole texts (SQLite) and text prefixes
/// (PostgreSQL, whose whole-text indexes of before migration 0008 are dropped by it).
fn index_name(dialect: Dialect, module: Module, field: &str, kind: ValueKind) -> String {
    let kind = match (dialect, kind) {
        (_, ValueKind::Number) => "n",
        (Dialect::Postgres, _) => "p",
        (Dialect::Sqlite, _) => "t",
    };
    format!("{}{kind}_{field}", name_prefix(module))
}

/// Whether a module's queries can be served by auto indexes: not those of language
/// versions, which are read by their main estate's id.
pub(crate) fn is_indexed(module: Module) -> bool {
    !module.language_versions()
}

/// The prefix a query on a text document field adds for its PostgreSQL index, if it has one.
pub(crate) fn query_prefix(
    dialect: Dialect,
    module: Module,
    field: &str,
    kind: ValueKind,
) -> Option<String> {
    let document = field != module.id_field && module.hot_column(field).is_none();
    if dialect != Dialect::Postgres || kind != ValueKind::Text || !document || !is_indexed(module) {
        return None;
    }
    postgres_prefix(field)
}

/// The document fields a query filters or sorts on that an index could serve.
fn document_fields(module: Module, q: &RecordQuery) -> Vec<(String, ValueKind)> {
    let conditions = q.conditions.iter().map(|c| (&c.field, c.kind));
    let sorts = q.sort.iter().map(|s| (&s.field, s.kind));
    let mut out: Vec<(String, ValueKind)> = Vec::new();
    for (field, kind) in conditions.chain(sorts) {
        let document = field != module.id_field
            && module.hot_column(field).is_none()
            && super::contacts::contact_field(module, field).is_none();
        let entry = (field.clone(), kind);
        if document && sqlite_expr(field, kind).is_some() && !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}

/// What an index name of a module starts with: its table's, and in the documents table its
/// module's, whose indexes are counted against [`MAX_PER_TABLE`] on their own.
fn name_prefix(module: Module) -> String {
    if module.in_documents() {
        format!("auto_{}_{}_", module.table(), module.name())
    } else {
        format!("auto_{}_", module.table())
    }
}

impl Store {
    /// Learns the auto indexes a database already has.
    pub(crate) async fn load_auto_indexes(&self) -> Result<(), crate::StoreError> {
        let query = match self.dialect() {
            Dialect::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'auto\\_%' ESCAPE '\\'"
            }
            Dialect::Postgres => {
                "SELECT indexname::text FROM pg_indexes
                 WHERE schemaname = current_schema() AND indexname LIKE 'auto\\_%'"
            }
        };
        let query = Sql::new(query, Vec::new());
        let rows = self
            .read(move |mut c| Box::pin(async move { c.rows(&query).await }))
            .await?;
        let names = rows
            .iter()
            .map(|row| row.text(0))
            .collect::<Result<Vec<_>, _>>()?;
        self.auto_indexes.lock().extend(names);
        Ok(())
    }

    /// Schedules an index for each document field of `q` that has none yet.
    pub(crate) fn schedule_auto_indexes(&self, module: Module, q: &RecordQuery) {
        if !is_indexed(module) {
            return;
        }
        let dialect = self.dialect();
        for (field, kind) in document_fields(module, q) {
            let name = index_name(dialect, module, &field, kind);
            {
                let mut names = self.auto_indexes.lock();
                let prefix = name_prefix(module);
                let on_table = names.iter().filter(|n| n.starts_with(&prefix)).count();
                if names.contains(&name) || on_table >= MAX_PER_TABLE {
                    continue;
                }
                names.insert(name.clone());
            }
            let Some(expr) = index_expr(dialect, &field, kind) else {
                continue;
            };
            // The documents table's indexes lead with the module, as its queries do.
            let keys = if module.in_documents() {
                format!("tenant_id, module, ({expr}), id")
            } else {
                format!("tenant_id, ({expr}), id")
            };
            let store = self.clone();
            let table = module.table();
            tokio::spawn(async move {
                let started = std::time::Instant::now();
                match store.build_index(&name, table, &keys).await {
                    Ok(()) => tracing::info!(
                        index = %name,
                        secs = started.elapsed().as_secs_f64(),
                        "made an index for a document field"
                    ),
                    Err(e) => tracing::warn!(index = %name, error = %e, "auto index failed"),
                }
            });
        }
    }

    /// Builds one index, then the statistics the planner needs to weigh it. On SQLite it is
    /// a write like any other (the writer thread's; SQLite builds an index under its write
    /// lock either way); PostgreSQL builds it `CONCURRENTLY`, which cannot run in a
    /// transaction, so writes go on meanwhile.
    async fn build_index(
        &self,
        name: &str,
        table: &str,
        keys: &str,
    ) -> Result<(), crate::StoreError> {
        let create = format!("CREATE INDEX IF NOT EXISTS \"{name}\" ON {table} ({keys})");
        match &self.db {
            Db::Sqlite(..) => {
                self.write_all(vec![
                    Sql::new(&create, Vec::new()),
                    Sql::new(&format!("ANALYZE \"{name}\""), Vec::new()),
                ])
                .await
            }
            Db::Postgres(pool) => {
                let concurrently = create.replacen("CREATE INDEX", "CREATE INDEX CONCURRENTLY", 1);
                if let Err(e) = sqlx::query(&concurrently).execute(pool).await {
                    // A failed concurrent build leaves an invalid index behind, which IF
                    // NOT EXISTS would then take for a finished one.
                    let _ = sqlx::query(&format!("DROP INDEX IF EXISTS \"{name}\""))
                        .execute(pool)
                        .await;
                    return Err(e.into());
                }
                // Expression indexes get statistics of their own from ANALYZE of the table.
                sqlx::query(&format!("ANALYZE {table}"))
                    .execute(pool)
                    .await?;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests;
