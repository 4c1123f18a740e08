//! Auto indexes on both backends: made, used, and never in the way of a valid write.

use super::*;
use crate::records::sql::Bind;
use crate::records::{FieldCondition, FieldSort, RecordStore};
use crate::test_support::{incompressible_text, open_test_store};
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
    store.insert_records(tenant, Module::ESTATE, docs).await?;
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
    let before = store.query_records(tenant, Module::ESTATE, &q).await?;
    let name = "auto_estates_n_baujahr";
    assert!(wait_for_index(store, name).await?, "{name} was not made");
    let Some(reader) = store.reader().cloned() else {
        // PostgreSQL: 60 rows are read by a scan whatever indexes exist; the answers
        // must still be the same, and a number field holding text must not break the
        // index or the queries (it reads as 0, as on SQLite).
        let after = store.query_records(tenant, Module::ESTATE, &q).await?;
        assert_eq!(before, after);
        let mut odd = Map::new();
        odd.insert("baujahr".into(), json!("unbekannt"));
        store
            .insert_records(tenant, Module::ESTATE, vec![odd])
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
        let page = store.query_records(tenant, Module::ESTATE, &zero).await?;
        assert_eq!(page.total, 1, "the text reads as 0");
        return Ok(());
    };
    // The statement the store runs, as it runs it.
    let plan = crate::records::sql::tests::sqlite_plan(&reader, tenant.0, &q)?;
    assert!(plan.iter().any(|p| p.contains(name)), "{plan:?}");
    let after = store.query_records(tenant, Module::ESTATE, &q).await?;
    assert_eq!(before, after);
    assert!(before.total > 10, "{}", before.total);
    Ok(())
}

/// A text field with an auto index still takes values far longer than a B-tree row
/// holds (PostgreSQL indexes a prefix), and its queries, which PostgreSQL can serve from
/// the prefix index, answer what a scan answers.
#[tokio::test]
async fn a_text_index_never_makes_a_long_value_unwritable() -> Result<(), Box<dyn std::error::Error>>
{
    let test = open_test_store().await?;
    let store = &test.store;
    let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
    // Titles that share their first 500 characters, and short ones.
    let shared = incompressible_text(PREFIX_CHARS, 7);
    let mut titles: Vec<String> = (0..6u32)
        .map(|i| format!("{shared}{}", incompressible_text(60_000, i + 1)))
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
        .insert_records(tenant, Module::ESTATE, vec![Map::new()])
        .await?;
    let q = RecordQuery {
        conditions: vec![condition(FilterOp::Eq, Operand::One(text("Haus")))],
        limit: 5,
        ..RecordQuery::default()
    };
    store.query_records(tenant, Module::ESTATE, &q).await?;
    let name = match store.dialect() {
        Dialect::Sqlite => "auto_estates_t_objekttitel",
        Dialect::Postgres => "auto_estates_p_objekttitel",
    };
    assert!(wait_for_index(store, name).await?, "{name} was not made");
    let docs: Vec<Map<String, Value>> = titles
        .iter()
        .map(|t| serde_json::from_value(json!({ "objekttitel": t })))
        .collect::<Result<_, _>>()?;
    let mut ids = store.insert_records(tenant, Module::ESTATE, docs).await?;
    let mut changes = Map::new();
    changes.insert("objekttitel".into(), json!(titles[0]));
    assert!(
        store
            .update_record(tenant, Module::ESTATE, first[0], changes)
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
            let page = store.query_records(tenant, Module::ESTATE, &q).await?;
            let got: Vec<i64> = page.records.iter().map(|r| r.id).collect();
            let mut want: Vec<(i64, &str)> = all.iter().copied().filter(|(_, t)| keep(t)).collect();
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
            &crate::records::sql::where_clause(Dialect::Postgres, Module::ESTATE, tenant.0, &q),
        );
        let mut tx = pool.begin().await?;
        sqlx::query("SET LOCAL enable_seqscan = off")
            .execute(&mut *tx)
            .await?;
        let plan = crate::exec::bind_pg(sqlx::query(&sql.text), &sql.binds)
            .fetch_all(&mut *tx)
            .await?;
        let plan: Vec<String> = plan
            .iter()
            .map(|row| sqlx::Row::try_get::<String, _>(row, 0))
            .collect::<Result<_, _>>()?;
        assert!(plan.iter().any(|line| line.contains(name)), "{plan:?}");
    }
    Ok(())
}

/// Migration 0008 drops PostgreSQL's whole-text auto indexes of before, and only them.
#[tokio::test]
async fn migration_0008_drops_the_whole_text_indexes() -> Result<(), Box<dyn std::error::Error>> {
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
        "../../../migrations/postgres/0008_text_index_prefixes.sql"
    ))
    .execute(pool)
    .await?;
    assert!(!index_exists(store, "auto_estates_t_objekttitel").await?);
    assert!(!index_exists(store, "auto_addresses_t_Name2").await?);
    assert!(index_exists(store, "auto_estates_n_x_t_y").await?);
    Ok(())
}

/// Whether the index made in the background exists, asked until it does (for five seconds
/// at most).
async fn wait_for_index(store: &crate::Store, name: &str) -> Result<bool, StoreError> {
    for _ in 0..100 {
        if index_exists(store, name).await? {
            return Ok(true);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Ok(false)
}

async fn index_exists(store: &crate::Store, name: &str) -> Result<bool, StoreError> {
    let text = match &store.db {
        Db::Sqlite(..) => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = $1",
        Db::Postgres(_) => {
            "SELECT COUNT(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relname = $1 AND x.indisvalid"
        }
    };
    let query = crate::records::sql::Sql::new(text, vec![Bind::Text(name.to_string())]);
    let found = store
        .lookup(move |mut c| Box::pin(async move { c.int(&query).await }))
        .await?;
    Ok(found == Some(1))
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
        document_fields(Module::ESTATE, &q),
        [
            ("baujahr".to_string(), ValueKind::Number),
            ("objekttitel".to_string(), ValueKind::Text)
        ]
    );
}
