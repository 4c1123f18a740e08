//! Carrying cached counts through creates.
//!
//! A cached `cntabsolute` used to be dropped by every write to its module, so the first
//! listing after a create counted again: for `status = 1` at a million estates that is a
//! walk over 300,000 index entries (6.5 ms; 22 ms for `vermarktungsart`), and it grows with
//! the tenant (docs/benchmarks.md). A create only adds records, so a count stays exact if
//! the new records that match are added to it. That needs the query to be evaluated on the
//! new documents exactly as SQL evaluates it, so only conditions whose SQL meaning is plain
//! are carried: comparisons, `between` and `in` on typed columns, read through the same
//! [`column_value`] that stores them. Anything else (document fields, `like`, ids, radius
//! searches, language versions) is dropped by the write as before.

use std::cmp::Ordering;

use kontor_proto::calls::read::{FilterOp, Operand, Scalar};
use serde_json::{Map, Value};

use super::columns::{column_value, ColumnKind, HotColumn};
use super::sql::Bind;
use super::{Module, RecordQuery, ValueKind};

/// A query reduced to tests on typed columns; every test must pass.
#[derive(Debug, Clone)]
pub(crate) struct CarrySpec {
    tests: Vec<Test>,
}

#[derive(Debug, Clone)]
struct Test {
    column: &'static HotColumn,
    op: FilterOp,
    values: Vec<Key>,
}

/// A value as the column compares it: numbers as floats (integer columns compare as floats
/// too, `sql.rs` rounds their bounds to keep that meaning), texts by bytes.
#[derive(Debug, Clone, PartialEq)]
enum Key {
    Number(f64),
    Text(String),
}

impl Key {
    fn of_column(bind: &Bind) -> Key {
        match bind {
            Bind::Int(i) => Key::Number(*i as f64),
            Bind::Real(f) => Key::Number(*f),
            Bind::Text(t) => Key::Text(t.clone()),
            // Typed columns hold numbers and texts only (`column_value`).
            Bind::Bool(b) => Key::Number(f64::from(u8::from(*b))),
            Bind::Bytes(_) | Bind::NullInt | Bind::NullText => Key::Text(String::new()),
        }
    }

    fn compare(&self, other: &Key) -> Option<Ordering> {
        match (self, other) {
            (Key::Number(a), Key::Number(b)) => a.partial_cmp(b),
            (Key::Text(a), Key::Text(b)) => Some(a.as_bytes().cmp(b.as_bytes())),
            _ => None,
        }
    }
}

/// The spec of `q`, if every part of it can be evaluated in memory exactly as SQL does.
pub(crate) fn spec(module: Module, q: &RecordQuery) -> Option<CarrySpec> {
    if module.language_versions() || q.ids.is_some() || q.geo.is_some() {
        return None;
    }
    let tests = q
        .conditions
        .iter()
        .map(|c| {
            if c.field == module.id_field {
                return None;
            }
            let column = module.hot_column(&c.field)?;
            let number = match (column.kind, c.kind) {
                (ColumnKind::Int | ColumnKind::Real, ValueKind::Number) => true,
                (ColumnKind::Text, ValueKind::Text) => false,
                _ => return None,
            };
            let key = |s: &Scalar| {
                if number {
                    Key::Number(s.as_f64().unwrap_or(0.0))
                } else {
                    Key::Text(s.as_text())
                }
            };
            let values = match (&c.op, &c.operand) {
                (
                    FilterOp::Eq
                    | FilterOp::Ne
                    | FilterOp::Lt
                    | FilterOp::Le
                    | FilterOp::Gt
                    | FilterOp::Ge,
                    Operand::One(v),
                ) => vec![key(v)],
                (FilterOp::Between, Operand::Range(a, b)) => vec![key(a), key(b)],
                (FilterOp::In | FilterOp::NotIn, Operand::Many(list)) => {
                    list.iter().map(key).collect()
                }
                _ => return None,
            };
            Some(Test {
                column,
                op: c.op,
                values,
            })
        })
        .collect::<Option<Vec<Test>>>()?;
    Some(CarrySpec { tests })
}

impl CarrySpec {
    /// Whether a new record with this document is among the query's matches.
    pub(crate) fn matches(&self, doc: &Map<String, Value>) -> bool {
        self.tests.iter().all(|t| t.passes(doc))
    }
}

impl Test {
    fn passes(&self, doc: &Map<String, Value>) -> bool {
        let value = Key::of_column(&column_value(self.column, doc.get(self.column.field)));
        let cmp = |i: usize| self.values.get(i).and_then(|v| value.compare(v));
        use Ordering::*;
        match self.op {
            FilterOp::Eq => cmp(0) == Some(Equal),
            FilterOp::Ne => matches!(cmp(0), Some(Less | Greater)),
            FilterOp::Lt => cmp(0) == Some(Less),
            FilterOp::Le => matches!(cmp(0), Some(Less | Equal)),
            FilterOp::Gt => cmp(0) == Some(Greater),
            FilterOp::Ge => matches!(cmp(0), Some(Greater | Equal)),
            FilterOp::Between => {
                matches!(cmp(0), Some(Greater | Equal)) && matches!(cmp(1), Some(Less | Equal))
            }
            FilterOp::In => (0..self.values.len()).any(|i| cmp(i) == Some(Equal)),
            FilterOp::NotIn => {
                (0..self.values.len()).all(|i| matches!(cmp(i), Some(Less | Greater)))
            }
            // Never built (see `spec`).
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use kontor_proto::calls::read::{FilterOp, Operand, Scalar};
    use serde_json::{json, Map, Value};

    use crate::records::{FieldCondition, Module, RecordQuery, RecordStore};
    use crate::test_support::open_test_store;
    use crate::{DatabaseUrl, SecretKey, Store, TenantName, TenantStore};

    fn cond(field: &str, kind: super::ValueKind, op: FilterOp, operand: Operand) -> FieldCondition {
        FieldCondition {
            field: field.into(),
            kind,
            op,
            operand,
        }
    }

    /// Documents with every kind of value a typed column meets: numbers as numbers and as
    /// text, fractions in an integer column, missing fields, texts that differ only in case.
    fn doc(i: i64) -> Map<String, Value> {
        let mut d = Map::new();
        d.insert(
            "status".into(),
            match i % 4 {
                0 => json!(1),
                1 => json!("2"),
                2 => json!(1.6),
                _ => json!(0),
            },
        );
        if i % 5 != 0 {
            d.insert("kaufpreis".into(), json!((i * 7919) % 400 * 1000));
        }
        d.insert(
            "ort".into(),
            json!(["Bonn", "bonn", "Aachen", "", "Köln"][(i % 5) as usize]),
        );
        d.insert(
            "objektart".into(),
            json!(["haus", "wohnung"][(i % 2) as usize]),
        );
        d.insert("baujahr".into(), json!(1950 + i % 60));
        d
    }

    /// After a create, every count (carried or dropped) equals the count of a store that never
    /// saw the query before, and the carried ones were in fact carried.
    #[tokio::test]
    async fn carried_counts_equal_fresh_counts() -> Result<(), Box<dyn std::error::Error>> {
        use super::ValueKind::{Number, Text};
        use FilterOp::*;
        let test = open_test_store().await?;
        let Some(path) = test.sqlite_path() else {
            return Ok(()); // carried only by the SQLite writer
        };
        let store = &test.store;
        let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
        store
            .insert_records(tenant, Module::ESTATE, (0..120).map(doc).collect())
            .await?;
        let n = |x: i64| Scalar::Int(x);
        let t = |x: &str| Scalar::Text(x.into());
        let queries: Vec<Vec<FieldCondition>> = vec![
            vec![],
            vec![cond("status", Number, Eq, Operand::One(n(1)))],
            vec![cond("status", Number, Ne, Operand::One(Scalar::Float(1.5)))],
            vec![cond(
                "status",
                Number,
                Between,
                Operand::Range(Scalar::Float(0.5), n(2)),
            )],
            vec![cond(
                "status",
                Number,
                In,
                Operand::Many(vec![n(0), n(2), Scalar::Float(1.6)]),
            )],
            vec![cond("status", Number, NotIn, Operand::Many(vec![n(1)]))],
            vec![
                cond("kaufpreis", Number, Ge, Operand::One(n(100_000))),
                cond("kaufpreis", Number, Lt, Operand::One(n(300_000))),
            ],
            vec![cond("kaufpreis", Number, Le, Operand::One(n(0)))],
            vec![cond("ort", Text, Eq, Operand::One(t("Bonn")))],
            vec![cond("ort", Text, Gt, Operand::One(t("B")))],
            vec![cond("ort", Text, In, Operand::Many(vec![t(""), t("Köln")]))],
            vec![
                cond("objektart", Text, Eq, Operand::One(t("haus"))),
                cond("status", Number, Eq, Operand::One(n(2))),
            ],
            // Not carried: a like, a document field.
            vec![cond("ort", Text, Like, Operand::One(t("b%")))],
            vec![cond("baujahr", Number, Gt, Operand::One(n(1980)))],
        ];
        let query = |conditions: &Vec<FieldCondition>| RecordQuery {
            conditions: conditions.clone(),
            limit: 3,
            ..RecordQuery::default()
        };
        for q in &queries {
            store
                .query_records(tenant, Module::ESTATE, &query(q))
                .await?;
        }
        for round in 0..2 {
            let more: Vec<Map<String, Value>> =
                (0..37).map(|i| doc(1000 + round * 100 + i)).collect();
            store.insert_records(tenant, Module::ESTATE, more).await?;
            let generation = store.generation(tenant, Module::ESTATE).await?;
            let carried = store.counts.held_under(generation);
            assert_eq!(
                carried, 12,
                "round {round}: the twelve plain queries were carried"
            );
            let fresh = Store::open(
                &DatabaseUrl::Sqlite(path.display().to_string()),
                &SecretKey::generate(),
            )
            .await?;
            for q in &queries {
                let kept = store
                    .query_records(tenant, Module::ESTATE, &query(q))
                    .await?;
                let counted = fresh
                    .query_records(tenant, Module::ESTATE, &query(q))
                    .await?;
                assert_eq!(kept.total, counted.total, "round {round}: {q:?}");
            }
        }
        Ok(())
    }

    /// Value sets for range counts are carried too: after creates, a new band over the same
    /// rest is counted from the loaded values plus the added ones, and equals a fresh count.
    #[tokio::test]
    async fn carried_value_sets_count_as_fresh() -> Result<(), Box<dyn std::error::Error>> {
        use super::ValueKind::{Number, Text};
        use FilterOp::*;
        let test = open_test_store().await?;
        let Some(path) = test.sqlite_path() else {
            return Ok(());
        };
        let store = &test.store;
        let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
        store
            .insert_records(tenant, Module::ESTATE, (0..120).map(doc).collect())
            .await?;
        let price = |lo: i64, hi: i64| {
            vec![
                cond("status", Number, Eq, Operand::One(Scalar::Int(1))),
                cond(
                    "kaufpreis",
                    Number,
                    Between,
                    Operand::Range(Scalar::Int(lo), Scalar::Int(hi)),
                ),
            ]
        };
        let place = |from: &str| {
            vec![
                cond("ort", Text, Ge, Operand::One(Scalar::Text(from.into()))),
                cond("status", Number, Ne, Operand::One(Scalar::Int(0))),
            ]
        };
        let query = |conditions: Vec<FieldCondition>| RecordQuery {
            conditions,
            limit: 2,
            ..RecordQuery::default()
        };
        // Twice each: the second ask loads the values.
        for q in [
            price(0, 100_000),
            price(50_000, 250_000),
            place("A"),
            place("C"),
        ] {
            store
                .query_records(tenant, Module::ESTATE, &query(q))
                .await?;
        }
        for round in 0..2 {
            let more: Vec<Map<String, Value>> =
                (0..41).map(|i| doc(2000 + round * 100 + i)).collect();
            store.insert_records(tenant, Module::ESTATE, more).await?;
            let layered = store.ranges.layered_sets();
            assert_eq!(layered, 2, "round {round}: both value sets were carried");
            let fresh = Store::open(
                &DatabaseUrl::Sqlite(path.display().to_string()),
                &SecretKey::generate(),
            )
            .await?;
            for q in [
                price(10_000 * round, 300_000),
                price(0, 0),
                place("B"),
                place(""),
                place("bonn"),
            ] {
                let kept = store
                    .query_records(tenant, Module::ESTATE, &query(q.clone()))
                    .await?;
                let counted = fresh
                    .query_records(tenant, Module::ESTATE, &query(q.clone()))
                    .await?;
                assert_eq!(kept.total, counted.total, "round {round}: {q:?}");
            }
        }
        Ok(())
    }
}
