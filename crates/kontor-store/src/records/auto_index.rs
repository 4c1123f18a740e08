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

use super::columns::{hot_column, id_field};
use super::sql::Dialect;
use super::{RecordModule, RecordQuery, ValueKind};
use crate::db::Db;
use crate::Store;

/// Auto indexes per table; beyond that, queries on further fields scan.
pub(crate) const MAX_PER_TABLE: usize = 8;

/// Names of the auto indexes that exist or are being made.
#[derive(Debug, Default)]
pub struct AutoIndexes {
    names: Mutex<HashSet<String>>,
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
fn index_name(dialect: Dialect, module: RecordModule, field: &str, kind: ValueKind) -> String {
    let kind = match (dialect, kind) {
        (_, ValueKind::Number) => "n",
        (Dialect::Postgres, _) => "p",
        (Dialect::Sqlite, _) => "t",
    };
    format!("auto_{}_{kind}_{field}", module.table())
}

/// Whether a module's queries can be served by auto indexes.
pub(crate) fn is_indexed(module: RecordModule) -> bool {
    matches!(module, RecordModule::Estate | RecordModule::Address)
}

/// The prefix a query on a text document field adds for its PostgreSQL index, if it has one.
pub(crate) fn query_prefix(
    dialect: Dialect,
    module: RecordModule,
    field: &str,
    kind: ValueKind,
) -> Option<String> {
    let document = field != id_field(module) && hot_column(module, field).is_none();
    if dialect != Dialect::Postgres || kind != ValueKind::Text || !document || !is_indexed(module) {
        return None;
    }
    postgres_prefix(field)
}

/// The document fields a query filters or sorts on that an index could serve.
fn document_fields(module: RecordModule, q: &RecordQuery) -> Vec<(String, ValueKind)> {
    let conditions = q.conditions.iter().map(|c| (&c.field, c.kind));
    let sorts = q.sort.iter().map(|s| (&s.field, s.kind));
    let mut out: Vec<(String, ValueKind)> = Vec::new();
    for (field, kind) in conditions.chain(sorts) {
        let document = field != id_field(module) && hot_column(module, field).is_none();
        let entry = (field.clone(), kind);
        if document && sqlite_expr(field, kind).is_some() && !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}

impl Store {
    /// Learns the auto indexes a database already has.
    pub(crate) async fn load_auto_indexes(&self) -> Result<(), crate::StoreError> {
        let rows: Vec<(String,)> = match &self.db {
            Db::Sqlite(pool) => sqlx::query_as(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'auto\\_%' ESCAPE '\\'",
            )
            .fetch_all(pool)
            .await?,
            Db::Postgres(pool) => sqlx::query_as(
                "SELECT indexname::text FROM pg_indexes
                 WHERE schemaname = current_schema() AND indexname LIKE 'auto\\_%'",
            )
            .fetch_all(pool)
            .await?,
        };
        if let Ok(mut names) = self.auto_indexes.names.lock() {
            names.extend(rows.into_iter().map(|(name,)| name));
        }
        Ok(())
    }

    /// Schedules an index for each document field of `q` that has none yet.
    pub(crate) fn schedule_auto_indexes(&self, module: RecordModule, q: &RecordQuery) {
        if !is_indexed(module) {
            return;
        }
        let dialect = self.dialect();
        for (field, kind) in document_fields(module, q) {
            let name = index_name(dialect, module, &field, kind);
            {
                let Ok(mut names) = self.auto_indexes.names.lock() else {
                    return;
                };
                let prefix = format!("auto_{}_", module.table());
                let on_table = names.iter().filter(|n| n.starts_with(&prefix)).count();
                if names.contains(&name) || on_table >= MAX_PER_TABLE {
                    continue;
                }
                names.insert(name.clone());
            }
            let Some(expr) = index_expr(dialect, &field, kind) else {
                continue;
            };
            let table = module.table();
            let db = self.db.clone();
            tokio::spawn(async move {
                let started = std::time::Instant::now();
                match build(&db, &name, table, &expr).await {
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
}

/// Builds one index, then the statistics the planner needs to weigh it.
async fn build(db: &Db, name: &str, table: &str, expr: &str) -> Result<(), sqlx::Error> {
    match db {
        Db::Sqlite(pool) => {
            sqlx::query(&format!(
                "CREATE INDEX IF NOT EXISTS \"{name}\" ON {table} (tenant_id, {expr}, id)"
            ))
            .execute(pool)
            .await?;
            sqlx::query(&format!("ANALYZE \"{name}\""))
                .execute(pool)
                .await?;
        }
        Db::Postgres(pool) => {
            let made = sqlx::query(&format!(
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"{name}\" ON {table} (tenant_id, ({expr}), id)"
            ))
            .execute(pool)
            .await;
            if let Err(e) = made {
                // A failed concurrent build leaves an invalid index behind, which IF NOT
                // EXISTS would then take for a finished one.
                let _ = sqlx::query(&format!("DROP INDEX IF EXISTS \"{name}\""))
                    .execute(pool)
                    .await;
                return Err(e);
            }
            // Expression indexes get statistics of their own from ANALYZE of the table.
            sqlx::query(&format!("ANALYZE {table}"))
                .execute(pool)
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::sql::Bind;
    use crate::records::{FieldCondition, FieldSort, RecordStore};
    use crate::test_support::open_test_store;
    use crate::{StoreError, TenantName, TenantStore};
    use kontor_proto::calls::read::{FilterOp, Operand, Scalar};
    use serde_json::{json, Map, Value};

    /// The first query on a document field makes its index; the same query then runs on it
    /// and answers the same.
    #[tokio::test]
    async fn a_document_field_gets_its_index_and_queries_use_it(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let test = open_test_store().await?;
        let store = &test.store;
        let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
        let docs: Vec<Map<String, Value>> = (0..60)
            .map(|i| {
                let mut doc = Map::new();
                doc.insert("baujahr".into(), json!(1900 + (i * 37) % 120));
                doc
            })
            .collect();
        store
            .insert_records(tenant, RecordModule::Estate, docs)
            .await?;
        let q = RecordQuery {
            conditions: vec![FieldCondition {
                field: "baujahr".into(),
                kind: ValueKind::Number,
                op: FilterOp::Between,
                operand: Operand::Range(Scalar::Int(1950), Scalar::Int(1990)),
            }],
            sort: vec![FieldSort {
                field: "baujahr".into(),
                kind: ValueKind::Number,
                descending: true,
            }],
            limit: 10,
            ..RecordQuery::default()
        };
        let before = store
            .query_records(tenant, RecordModule::Estate, &q)
            .await?;
        let name = "auto_estates_n_baujahr";
        let mut made = false;
        for _ in 0..100 {
            if index_exists(store, name).await? {
                made = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(made, "{name} was not made");
        let Some(reader) = store.reader.clone() else {
            // PostgreSQL: 60 rows are read by a scan whatever indexes exist; the answers
            // must still be the same, and a number field holding text must not break the
            // index or the queries (it reads as 0, as on SQLite).
            let after = store
                .query_records(tenant, RecordModule::Estate, &q)
                .await?;
            assert_eq!(before, after);
            let mut odd = Map::new();
            odd.insert("baujahr".into(), json!("unbekannt"));
            store
                .insert_records(tenant, RecordModule::Estate, vec![odd])
                .await?;
            let zero = RecordQuery {
                conditions: vec![FieldCondition {
                    field: "baujahr".into(),
                    kind: ValueKind::Number,
                    op: FilterOp::Eq,
                    operand: Operand::One(Scalar::Int(0)),
                }],
                limit: 10,
                ..RecordQuery::default()
            };
            let page = store
                .query_records(tenant, RecordModule::Estate, &zero)
                .await?;
            assert_eq!(page.total, 1, "the text reads as 0");
            return Ok(());
        };
        // The statement the store runs, as it runs it.
        let plan = crate::records::sql::tests::sqlite_plan(&reader, tenant.0, &q)?;
        assert!(plan.iter().any(|p| p.contains(name)), "{plan:?}");
        let after = store
            .query_records(tenant, RecordModule::Estate, &q)
            .await?;
        assert_eq!(before, after);
        assert!(before.total > 10, "{}", before.total);
        Ok(())
    }

    /// Text that does not compress (an index row holds compressed values).
    fn prose(len: usize, seed: u32) -> String {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                char::from(b'a' + (x % 26) as u8)
            })
            .collect()
    }

    /// A text field with an auto index still takes values far longer than a B-tree row
    /// holds (PostgreSQL indexes a prefix), and its queries, which PostgreSQL can serve from
    /// the prefix index, answer what a scan answers.
    #[tokio::test]
    async fn a_text_index_never_makes_a_long_value_unwritable(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let test = open_test_store().await?;
        let store = &test.store;
        let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
        // Titles that share their first 500 characters, and short ones.
        let shared = prose(PREFIX_CHARS, 7);
        let mut titles: Vec<String> = (0..6u32)
            .map(|i| format!("{shared}{}", prose(60_000, i + 1)))
            .collect();
        titles.extend(["Haus", "Wohnung", "", "Villa"].map(String::from));
        let condition = |op, operand| FieldCondition {
            field: "objekttitel".into(),
            kind: ValueKind::Text,
            op,
            operand,
        };
        let text = |s: &str| Scalar::Text(s.to_string());
        let first = store
            .insert_records(tenant, RecordModule::Estate, vec![Map::new()])
            .await?;
        let q = RecordQuery {
            conditions: vec![condition(FilterOp::Eq, Operand::One(text("Haus")))],
            limit: 5,
            ..RecordQuery::default()
        };
        store
            .query_records(tenant, RecordModule::Estate, &q)
            .await?;
        let name = match store.dialect() {
            Dialect::Sqlite => "auto_estates_t_objekttitel",
            Dialect::Postgres => "auto_estates_p_objekttitel",
        };
        let mut made = false;
        for _ in 0..100 {
            if index_exists(store, name).await? {
                made = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(made, "{name} was not made");
        let docs: Vec<Map<String, Value>> = titles
            .iter()
            .map(|t| serde_json::from_value(json!({ "objekttitel": t })))
            .collect::<Result<_, _>>()?;
        let mut ids = store
            .insert_records(tenant, RecordModule::Estate, docs)
            .await?;
        let mut changes = Map::new();
        changes.insert("objekttitel".into(), json!(titles[0]));
        assert!(
            store
                .update_record(tenant, RecordModule::Estate, first[0], changes)
                .await?
        );
        ids.push(first[0]);
        let mut all: Vec<(i64, &str)> = ids[..titles.len()]
            .iter()
            .copied()
            .zip(titles.iter().map(String::as_str))
            .collect();
        all.push((first[0], titles[0].as_str()));
        let long = titles[2].as_str();
        type Keep<'a> = Box<dyn Fn(&str) -> bool + 'a>;
        let queries: Vec<(FieldCondition, Keep)> = vec![
            (
                condition(FilterOp::Eq, Operand::One(text(long))),
                Box::new(move |t: &str| t == long),
            ),
            (
                condition(FilterOp::Lt, Operand::One(text(long))),
                Box::new(move |t: &str| t < long),
            ),
            (
                condition(FilterOp::Ge, Operand::One(text(long))),
                Box::new(move |t: &str| t >= long),
            ),
            (
                condition(FilterOp::Between, Operand::Range(text("H"), text(long))),
                Box::new(move |t: &str| ("H"..=long).contains(&t)),
            ),
            (
                condition(FilterOp::In, Operand::Many(vec![text(long), text("Villa")])),
                Box::new(move |t: &str| t == long || t == "Villa"),
            ),
        ];
        for descending in [false, true] {
            for (c, keep) in &queries {
                let q = RecordQuery {
                    conditions: vec![c.clone()],
                    sort: vec![FieldSort {
                        field: "objekttitel".into(),
                        kind: ValueKind::Text,
                        descending,
                    }],
                    limit: 50,
                    ..RecordQuery::default()
                };
                let page = store
                    .query_records(tenant, RecordModule::Estate, &q)
                    .await?;
                let got: Vec<i64> = page.records.iter().map(|r| r.id).collect();
                let mut want: Vec<(i64, &str)> =
                    all.iter().copied().filter(|(_, t)| keep(t)).collect();
                want.sort_by(|a, b| {
                    let o = a.1.cmp(b.1).then(a.0.cmp(&b.0));
                    if descending {
                        o.reverse()
                    } else {
                        o
                    }
                });
                let want: Vec<i64> = want.into_iter().map(|(id, _)| id).collect();
                assert_eq!(got, want, "{:?} desc {descending}", c.op);
            }
        }
        // PostgreSQL can answer an equality from the prefix index (it would scan a table
        // this small, so the plan is asked for with scans priced out).
        if let Db::Postgres(pool) = &store.db {
            let mut sql = crate::records::sql::Sql::default();
            sql.push("EXPLAIN SELECT id FROM estates WHERE ").append(
                &crate::records::sql::where_clause(
                    Dialect::Postgres,
                    RecordModule::Estate,
                    tenant.0,
                    &q,
                ),
            );
            let mut tx = pool.begin().await?;
            sqlx::query("SET LOCAL enable_seqscan = off")
                .execute(&mut *tx)
                .await?;
            let mut query = sqlx::query_scalar::<_, String>(&sql.text);
            for bind in &sql.binds {
                query = match bind {
                    Bind::Int(i) => query.bind(*i),
                    Bind::Real(f) => query.bind(*f),
                    Bind::Text(t) => query.bind(t.clone()),
                };
            }
            let plan = query.fetch_all(&mut *tx).await?;
            assert!(plan.iter().any(|line| line.contains(name)), "{plan:?}");
        }
        Ok(())
    }

    /// Migration 0008 drops PostgreSQL's whole-text auto indexes of before, and only them.
    #[tokio::test]
    async fn migration_0008_drops_the_whole_text_indexes() -> Result<(), Box<dyn std::error::Error>>
    {
        let test = open_test_store().await?;
        let store = &test.store;
        let Db::Postgres(pool) = &store.db else {
            return Ok(()); // SQLite keeps its whole-text indexes
        };
        for (name, expr) in [
            (
                "auto_estates_t_objekttitel",
                postgres_expr("objekttitel", ValueKind::Text),
            ),
            (
                "auto_addresses_t_Name2",
                postgres_expr("Name2", ValueKind::Text),
            ),
            (
                "auto_estates_n_x_t_y",
                postgres_expr("x_t_y", ValueKind::Number),
            ),
        ] {
            let table = if name.contains("addresses") {
                "addresses"
            } else {
                "estates"
            };
            let expr = expr.ok_or("no expression")?;
            sqlx::query(&format!(
                "CREATE INDEX \"{name}\" ON {table} (tenant_id, ({expr}), id)"
            ))
            .execute(pool)
            .await?;
        }
        sqlx::raw_sql(include_str!(
            "../../migrations/postgres/0008_text_index_prefixes.sql"
        ))
        .execute(pool)
        .await?;
        assert!(!index_exists(store, "auto_estates_t_objekttitel").await?);
        assert!(!index_exists(store, "auto_addresses_t_Name2").await?);
        assert!(index_exists(store, "auto_estates_n_x_t_y").await?);
        Ok(())
    }

    async fn index_exists(store: &crate::Store, name: &str) -> Result<bool, StoreError> {
        let (found,): (i64,) = match &store.db {
            Db::Sqlite(pool) => {
                sqlx::query_as(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = $1",
                )
                .bind(name)
                .fetch_one(pool)
                .await?
            }
            Db::Postgres(pool) => {
                sqlx::query_as(
                    "SELECT COUNT(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = current_schema() AND c.relname = $1 AND x.indisvalid",
                )
                .bind(name)
                .fetch_one(pool)
                .await?
            }
        };
        Ok(found == 1)
    }

    #[test]
    fn only_plain_names_are_written_into_sql() {
        assert!(is_plain("baujahr"));
        assert!(is_plain("ind_2_Feld_ObjTech3"));
        for bad in [
            "",
            "a'b",
            "a\"b",
            "a b",
            "a;DROP",
            "$.x",
            "ä",
            &"x".repeat(65),
        ] {
            assert!(!is_plain(bad), "{bad}");
            assert_eq!(sqlite_expr(bad, ValueKind::Number), None, "{bad}");
        }
        assert_eq!(
            sqlite_expr("baujahr", ValueKind::Number).as_deref(),
            Some("COALESCE(CAST(json_extract(doc, '$.\"baujahr\"') AS REAL), 0)")
        );
        assert_eq!(sqlite_expr("ausstattung", ValueKind::Multi), None);
    }

    #[test]
    fn columns_and_ids_need_no_auto_index() {
        let cond = |field: &str, kind| FieldCondition {
            field: field.into(),
            kind,
            op: FilterOp::Eq,
            operand: Operand::One(Scalar::Int(1)),
        };
        let q = RecordQuery {
            conditions: vec![
                cond("kaufpreis", ValueKind::Number),
                cond("Id", ValueKind::Number),
                cond("baujahr", ValueKind::Number),
                cond("ausstattung", ValueKind::Multi),
                cond("baujahr", ValueKind::Number),
            ],
            sort: vec![FieldSort {
                field: "objekttitel".into(),
                kind: ValueKind::Text,
                descending: false,
            }],
            ..RecordQuery::default()
        };
        assert_eq!(
            document_fields(RecordModule::Estate, &q),
            [
                ("baujahr".to_string(), ValueKind::Number),
                ("objekttitel".to_string(), ValueKind::Text)
            ]
        );
    }
}
