//! Property test: for random records, filters, sorts, radius searches, id lists and pages, the
//! SQL result equals a plain in-memory evaluation of the same query, for every module layout:
//! estates (typed columns), their language versions (documents of their own table),
//! addresses (other columns) and a module in the shared documents table. Runs on SQLite, and
//! on PostgreSQL when `KONTOR_TEST_DATABASE_URL` is set.

use std::cmp::Ordering;

use kontor_proto::calls::read::{FilterOp, Operand, Scalar};
use kontor_store::records::{FieldCondition, FieldSort, GeoCircle, Module, RecordQuery, ValueKind};
use std::sync::LazyLock;

use kontor_store::fields::catalog::{self, Catalog};
use kontor_store::modules::{ModuleDef, Storage};
use kontor_store::test_support::open_test_store;
use kontor_store::{RecordStore, TenantName, TenantStore};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// The fields under test, by the estates' names: typed columns and document fields of each
/// kind. Other modules put the same values in fields of their own ([`names`]).
const FIELDS: &[(&str, ValueKind)] = &[
    ("kaufpreis", ValueKind::Number),
    ("status", ValueKind::Number),
    ("anzahl_zimmer", ValueKind::Number),
    ("ort", ValueKind::Text),
    ("objekttitel", ValueKind::Text),
    ("heizungsart", ValueKind::Multi),
];

/// Addresses' fields in the place of [`FIELDS`]: a number in the document, the integer
/// column `Status`, a number in the document, the text column `Ort`, a text and a
/// multi-select in the document.
const ADDRESS_FIELDS: [&str; 6] = [
    "salary",
    "Status",
    "Tipp_ID",
    "Ort",
    "Zusatz1",
    "HerkunftKontakt",
];

static DOCUMENT_CATALOG: LazyLock<Result<Catalog, String>> =
    LazyLock::new(|| catalog::parse("t.toml", "section = []"));

/// A module that keeps every value in the shared documents table.
static DOCUMENTS: ModuleDef = ModuleDef {
    name: "propdocs",
    storage: Storage::Documents,
    catalog: &DOCUMENT_CATALOG,
    versions: None,
    search: None,
    ..*Module::ESTATE.def()
};

/// The modules under test.
#[derive(Debug, Clone, Copy)]
enum Layout {
    Estates,
    Versions,
    Addresses,
    Documents,
}

impl Layout {
    fn module(self) -> Module {
        match self {
            Layout::Estates => Module::ESTATE,
            Layout::Versions => Module::ESTATE_LANGUAGE,
            Layout::Addresses => Module::ADDRESS,
            Layout::Documents => Module::new(&DOCUMENTS),
        }
    }

    /// The module's name of an estate field of [`FIELDS`].
    fn name(self, estate: &str) -> String {
        match self {
            Layout::Addresses => FIELDS
                .iter()
                .position(|(f, _)| *f == estate)
                .map(|i| ADDRESS_FIELDS[i].to_string())
                .unwrap_or_else(|| estate.to_string()),
            _ => estate.to_string(),
        }
    }
}

fn layout() -> impl Strategy<Value = Layout> {
    prop::sample::select(
        &[
            Layout::Estates,
            Layout::Versions,
            Layout::Addresses,
            Layout::Documents,
        ][..],
    )
}

const WORDS: &[&str] = &[
    "Aachen", "aachen", "Bonn", "Berlin", "Koeln", "Dueren", "b", "", "Zeitz",
];
const KEYS: &[&str] = &["etage", "fern", "ofen", "zentral"];
/// Coordinates of records, and centres and radii of searches: points 0, 5, 20 and 60 km
/// north of the centre, radii well between them.
const CENTRE: (f64, f64) = (50.775, 6.115);
const KM_PER_DEGREE: f64 = 111.195;
const NORTH_KM: &[f64] = &[0.0, 5.0, 20.0, 60.0];
const RADII_KM: &[f64] = &[2.0, 10.0, 40.0];

#[derive(Debug, Clone)]
struct Row {
    doc: Map<String, Value>,
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::option::of(prop_oneof![
            (0..5i64).prop_map(|i| i as f64 * 50_000.0),
            Just(125_000.5)
        ]),
        prop::option::of(0..3i64),
        prop::option::of(0..6i64),
        prop::option::of(prop::sample::select(WORDS)),
        prop::option::of(prop::sample::select(WORDS)),
        prop::option::of(prop::sample::subsequence(KEYS, 0..3)),
        prop::option::of(prop::sample::select(NORTH_KM)),
    )
        .prop_map(|(price, status, rooms, ort, title, heating, north)| {
            let mut doc = Map::new();
            if let Some(km) = north {
                doc.insert("breitengrad".into(), json!(CENTRE.0 + km / KM_PER_DEGREE));
                doc.insert("laengengrad".into(), json!(CENTRE.1));
            }
            if let Some(p) = price {
                doc.insert("kaufpreis".into(), json!(p));
            }
            if let Some(s) = status {
                doc.insert("status".into(), json!(s));
            }
            if let Some(r) = rooms {
                doc.insert("anzahl_zimmer".into(), json!(r));
            }
            if let Some(o) = ort {
                doc.insert("ort".into(), json!(o));
            }
            if let Some(t) = title {
                doc.insert("objekttitel".into(), json!(t));
            }
            if let Some(h) = heating {
                doc.insert("heizungsart".into(), json!(h));
            }
            Row { doc }
        })
}

fn scalar(kind: ValueKind) -> BoxedStrategy<Scalar> {
    match kind {
        ValueKind::Number => prop_oneof![
            (0..5i64).prop_map(|i| Scalar::Int(i * 50_000)),
            (0..6i64).prop_map(Scalar::Int),
            Just(Scalar::Float(125_000.5))
        ]
        .boxed(),
        ValueKind::Text => prop::sample::select(WORDS)
            .prop_map(|w| Scalar::Text(w.to_string()))
            .boxed(),
        ValueKind::Multi => prop::sample::select(KEYS)
            .prop_map(|w| Scalar::Text(w.to_string()))
            .boxed(),
    }
}

fn pattern() -> impl Strategy<Value = Scalar> {
    prop::sample::select(&["a%", "%n", "%e%", "B%", "_onn", "%", "aachen", "%ue%"][..])
        .prop_map(|p| Scalar::Text(p.to_string()))
}

fn condition() -> impl Strategy<Value = FieldCondition> {
    prop::sample::select(FIELDS).prop_flat_map(|(field, kind)| {
        let ops: Vec<FilterOp> = match kind {
            ValueKind::Number => vec![
                FilterOp::Eq,
                FilterOp::Ne,
                FilterOp::Lt,
                FilterOp::Gt,
                FilterOp::Le,
                FilterOp::Ge,
                FilterOp::In,
                FilterOp::NotIn,
                FilterOp::Between,
            ],
            ValueKind::Text => vec![
                FilterOp::Eq,
                FilterOp::Ne,
                FilterOp::Lt,
                FilterOp::Gt,
                FilterOp::Le,
                FilterOp::Ge,
                FilterOp::In,
                FilterOp::NotIn,
                FilterOp::Between,
                FilterOp::Like,
                FilterOp::NotLike,
            ],
            ValueKind::Multi => vec![
                FilterOp::Eq,
                FilterOp::Ne,
                FilterOp::In,
                FilterOp::NotIn,
                FilterOp::Like,
                FilterOp::NotLike,
            ],
        };
        prop::sample::select(ops).prop_flat_map(move |op| {
            let operand: BoxedStrategy<Operand> = match op {
                FilterOp::In | FilterOp::NotIn => prop::collection::vec(scalar(kind), 1..4)
                    .prop_map(Operand::Many)
                    .boxed(),
                FilterOp::Between => (scalar(kind), scalar(kind))
                    .prop_map(|(a, b)| Operand::Range(a, b))
                    .boxed(),
                FilterOp::Like | FilterOp::NotLike => pattern().prop_map(Operand::One).boxed(),
                _ => scalar(kind).prop_map(Operand::One).boxed(),
            };
            operand.prop_map(move |operand| FieldCondition {
                field: field.to_string(),
                kind,
                op,
                operand,
            })
        })
    })
}

fn sort() -> impl Strategy<Value = FieldSort> {
    (prop::sample::select(&FIELDS[..5]), any::<bool>()).prop_map(|((field, kind), descending)| {
        FieldSort {
            field: field.to_string(),
            kind,
            descending,
        }
    })
}

// ---- the in-memory evaluation -------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum V {
    N(f64),
    T(String),
    M(Vec<String>),
}

fn value(doc: &Map<String, Value>, field: &str, kind: ValueKind) -> V {
    let raw = doc.get(field);
    match kind {
        ValueKind::Number => V::N(raw.and_then(Value::as_f64).unwrap_or(0.0)),
        ValueKind::Text => V::T(raw.and_then(Value::as_str).unwrap_or("").to_string()),
        ValueKind::Multi => V::M(
            raw.and_then(Value::as_array)
                .map(|l| {
                    l.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
        ),
    }
}

fn num(s: &Scalar) -> f64 {
    s.as_f64().unwrap_or(0.0)
}

/// SQL LIKE as SQLite runs it: `%` any run, `_` one character, ASCII case folded.
fn like(text: &str, pattern: &str) -> bool {
    fn go(t: &[char], p: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('%', rest)) => (0..=t.len()).any(|i| go(&t[i..], rest)),
            Some(('_', rest)) => !t.is_empty() && go(&t[1..], rest),
            Some((c, rest)) => {
                t.first().is_some_and(|x| x.eq_ignore_ascii_case(c)) && go(&t[1..], rest)
            }
        }
    }
    go(
        &text.chars().collect::<Vec<_>>(),
        &pattern.chars().collect::<Vec<_>>(),
    )
}

fn cmp(a: &V, b: &Scalar) -> Ordering {
    match a {
        V::N(x) => x.partial_cmp(&num(b)).unwrap_or(Ordering::Equal),
        V::T(x) => x.as_bytes().cmp(b.as_text().as_bytes()),
        V::M(_) => Ordering::Equal,
    }
}

fn matches(doc: &Map<String, Value>, c: &FieldCondition) -> bool {
    let v = value(doc, &c.field, c.kind);
    if let V::M(keys) = &v {
        let values: Vec<String> = match &c.operand {
            Operand::One(s) => vec![s.as_text()],
            Operand::Many(l) => l.iter().map(Scalar::as_text).collect(),
            Operand::Range(a, b) => vec![a.as_text(), b.as_text()],
        };
        let any = |f: &dyn Fn(&String) -> bool| keys.iter().any(f);
        return match c.op {
            FilterOp::Eq | FilterOp::In => any(&|k| values.contains(k)),
            FilterOp::Ne | FilterOp::NotIn => !any(&|k| values.contains(k)),
            FilterOp::Like => any(&|k| like(k, &values[0])),
            FilterOp::NotLike => !any(&|k| like(k, &values[0])),
            _ => false,
        };
    }
    match (&c.op, &c.operand) {
        (FilterOp::Eq, Operand::One(s)) => cmp(&v, s) == Ordering::Equal,
        (FilterOp::Ne, Operand::One(s)) => cmp(&v, s) != Ordering::Equal,
        (FilterOp::Lt, Operand::One(s)) => cmp(&v, s) == Ordering::Less,
        (FilterOp::Gt, Operand::One(s)) => cmp(&v, s) == Ordering::Greater,
        (FilterOp::Le, Operand::One(s)) => cmp(&v, s) != Ordering::Greater,
        (FilterOp::Ge, Operand::One(s)) => cmp(&v, s) != Ordering::Less,
        (FilterOp::Like, Operand::One(s)) => matches!(&v, V::T(t) if like(t, &s.as_text())),
        (FilterOp::NotLike, Operand::One(s)) => matches!(&v, V::T(t) if !like(t, &s.as_text())),
        (FilterOp::In, Operand::Many(l)) => l.iter().any(|s| cmp(&v, s) == Ordering::Equal),
        (FilterOp::NotIn, Operand::Many(l)) => l.iter().all(|s| cmp(&v, s) != Ordering::Equal),
        (FilterOp::Between, Operand::Range(a, b)) => {
            cmp(&v, a) != Ordering::Less && cmp(&v, b) != Ordering::Greater
        }
        _ => false,
    }
}

/// The equirectangular radius test, as `records/sql.rs` writes it.
fn within(doc: &Map<String, Value>, geo: &GeoCircle) -> bool {
    let number = |f: &str| doc.get(f).and_then(Value::as_f64).unwrap_or(0.0);
    let (lat, lon) = (number("breitengrad"), number("laengengrad"));
    let dlat = geo.radius_km / KM_PER_DEGREE;
    let cos = geo.lat.to_radians().cos().max(0.01);
    (lat - geo.lat).powi(2) + (lon - geo.lon).powi(2) * cos * cos <= dlat * dlat
}

/// A stored record: the id a query answers, the id `ids` and the tie-break refer to (the
/// main estate's, for a language version), and its row.
type Stored = (i64, i64, Row);

fn evaluate(rows: &[Stored], q: &RecordQuery) -> (u64, Vec<i64>) {
    let mut hits: Vec<&Stored> = rows
        .iter()
        .filter(|(_, main, _)| q.ids.as_ref().is_none_or(|ids| ids.contains(main)))
        .filter(|(_, _, r)| q.conditions.iter().all(|c| matches(&r.doc, c)))
        .filter(|(_, _, r)| q.geo.as_ref().is_none_or(|g| within(&r.doc, g)))
        .collect();
    hits.sort_by(|(ia, ma, a), (ib, mb, b)| {
        for s in &q.sort {
            let (va, vb) = (
                value(&a.doc, &s.field, s.kind),
                value(&b.doc, &s.field, s.kind),
            );
            let o = match (&va, &vb) {
                (V::N(x), V::N(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
                (V::T(x), V::T(y)) => x.as_bytes().cmp(y.as_bytes()),
                _ => Ordering::Equal,
            };
            let o = if s.descending { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        // Ties: by id (the main id first), in the direction of the last sort key.
        let ties = ma.cmp(mb).then(ia.cmp(ib));
        if q.sort.last().is_some_and(|s| s.descending) {
            ties.reverse()
        } else {
            ties
        }
    });
    let total = hits.len() as u64;
    let page = hits
        .into_iter()
        .skip(q.offset as usize)
        .take(q.limit as usize)
        .map(|(id, _, _)| *id)
        .collect();
    (total, page)
}

fn geo() -> impl Strategy<Value = Option<GeoCircle>> {
    prop::option::of(
        (
            prop::sample::select(NORTH_KM),
            prop::sample::select(RADII_KM),
        )
            .prop_map(|(north, radius_km)| GeoCircle {
                lat: CENTRE.0 + north / KM_PER_DEGREE,
                lon: CENTRE.1,
                radius_km,
            }),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every layout gives the answer of the plain evaluation.
    #[test]
    fn sql_equals_in_memory_evaluation(
        rows in prop::collection::vec(row(), 0..40),
        conditions in prop::collection::vec(condition(), 0..3),
        sort in prop::collection::vec(sort(), 0..3),
        geo in geo(),
        ids in prop::option::weighted(0.2, prop::collection::vec(0usize..45, 0..6)),
        layout in layout(),
        limit in 0u32..15,
        offset in 0u64..20,
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let outcome: Result<(), String> = runtime.block_on(async {
            let t = open_test_store().await.map_err(|e| e.to_string())?;
            let tenant = t.store.create_tenant(&TenantName::parse("p").map_err(|e| e.to_string())?).await.map_err(|e| e.to_string())?;
            let versions = matches!(layout, Layout::Versions);
            let renamed = |doc: &Map<String, Value>| -> Map<String, Value> {
                doc.iter().map(|(k, v)| (layout.name(k), v.clone())).collect()
            };
            let rows: Vec<Row> = rows.iter().map(|r| Row { doc: renamed(&r.doc) }).collect();
            let conditions: Vec<FieldCondition> = conditions.iter().map(|c| FieldCondition { field: layout.name(&c.field), ..c.clone() }).collect();
            let sort: Vec<FieldSort> = sort.iter().map(|s| FieldSort { field: layout.name(&s.field), ..s.clone() }).collect();
            let docs: Vec<Map<String, Value>> = rows.iter().map(|r| r.doc.clone()).collect();
            let into = if versions { Module::ESTATE } else { layout.module() };
            let mains = t.store.insert_records(tenant.id, into, docs).await.map_err(|e| e.to_string())?;
            let mut stored: Vec<Stored> = Vec::with_capacity(rows.len());
            for (main, row) in mains.iter().copied().zip(rows.iter().cloned()) {
                let id = if versions {
                    // A new version is a copy of its main estate: no changes of its own.
                    t.store.write_language_version(tenant.id, main, "ENG", Map::new()).await.map_err(|e| e.to_string())?.ok_or("no main estate")?
                } else {
                    main
                };
                stored.push((id, main, row));
            }
            let module = layout.module();
            let language = versions.then(|| "ENG".to_string());
            // One past the last main id is an id no estate has.
            let ids = ids.map(|list| list.into_iter().map(|i| i as i64 + mains.first().copied().unwrap_or(1)).collect());
            let query = RecordQuery { conditions: conditions.clone(), sort: sort.clone(), ids, geo, limit, offset, language, fields: None };
            let page = t.store.query_records(tenant.id, module, &query).await.map_err(|e| e.to_string())?;
            let got: Vec<i64> = page.records.iter().map(|r| r.id).collect();
            let (total, expected) = evaluate(&stored, &query);
            if page.total != total || got != expected {
                return Err(format!("{module:?} query {query:?}\n sql: {} {got:?}\n mem: {total} {expected:?}", page.total));
            }
            t.store.close().await;
            Ok(())
        });
        prop_assert!(outcome.is_ok(), "{}", outcome.err().unwrap_or_default());
    }
}
