//! The reads the property tests make: their parameters, drawn at random, as a client
//! sends them.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};

use super::*;

#[derive(Debug, Clone)]
pub(crate) struct Condition {
    pub field: &'static str,
    pub op: &'static str,
    pub val: Value,
}

#[derive(Debug, Clone)]
pub(crate) enum Geo {
    Zip(f64),
    City(f64),
    Point(f64),
}

#[derive(Debug, Clone)]
pub(crate) enum FilterId {
    Saved,
    Unknown,
}

#[derive(Debug, Clone)]
pub(crate) struct Read {
    pub estatelanguage: Option<&'static str>,
    pub outputlanguage: Option<&'static str>,
    pub formatoutput: bool,
    pub add_main_lang_id: bool,
    pub addestatelanguage: bool,
    pub geo: Option<Geo>,
    pub filterid: Option<FilterId>,
    pub filter: Vec<Condition>,
    pub sort: Vec<(&'static str, bool)>,
    pub limit: Option<u32>,
    pub offset: Option<u64>,
    /// Indexes into the main ids; one past the end names an id that does not exist.
    pub recordids: Option<Vec<usize>>,
    pub resourceid: Option<usize>,
}

pub(crate) fn scalar(field: &'static str) -> BoxedStrategy<Value> {
    match field {
        "kaufpreis" => prop::sample::select(PRICES).prop_map(|p| json!(p)).boxed(),
        "anzahl_zimmer" => prop_oneof![
            prop::sample::select(ROOMS).prop_map(|r| json!(r)),
            Just(json!(0))
        ]
        .boxed(),
        "ort" => prop::sample::select(ORTE).prop_map(|o| json!(o)).boxed(),
        "objekttitel" => prop::sample::select(TITLES).prop_map(|t| json!(t)).boxed(),
        "vermarktungsart" => prop::sample::select(&["kauf", "miete"][..])
            .prop_map(|v| json!(v))
            .boxed(),
        "status" => prop::sample::select(&[0, 1, 2][..])
            .prop_map(|s| json!(s))
            .boxed(),
        // Ids of the first records (the test's tenant numbers its estates from 1).
        _ => (1i64..30).prop_map(|id| json!(id)).boxed(),
    }
}

pub(crate) fn condition() -> impl Strategy<Value = Condition> {
    let fields = &[
        "kaufpreis",
        "anzahl_zimmer",
        "ort",
        "objekttitel",
        "vermarktungsart",
        "status",
        "Id",
    ];
    let ops = |field: &'static str| -> &'static [&'static str] {
        match field {
            // Estate `status` is a number column, a version's a select key: only (in)equality
            // means the same for both.
            "status" | "vermarktungsart" => &["=", "!=", "in"],
            "ort" | "objekttitel" => &["=", "!=", "<", ">=", "in", "not in", "between", "like"],
            _ => &["=", "!=", "<", ">", "<=", ">=", "in", "not in", "between"],
        }
    };
    condition_of(
        fields,
        ops,
        scalar,
        &["a%", "%n", "%aus%", "H%", "_onn", "%"],
    )
}

/// A condition on one of `fields`, with an operator `ops` allows for it, values `scalar`
/// draws and, for `like`, one of `patterns`.
pub(crate) fn condition_of(
    fields: &'static [&'static str],
    ops: fn(&'static str) -> &'static [&'static str],
    scalar: fn(&'static str) -> BoxedStrategy<Value>,
    patterns: &'static [&'static str],
) -> impl Strategy<Value = Condition> {
    prop::sample::select(fields).prop_flat_map(move |field| {
        (prop::sample::select(ops(field)), Just(field)).prop_flat_map(move |(op, field)| {
            let val: BoxedStrategy<Value> = match op {
                "in" | "not in" => prop::collection::vec(scalar(field), 1..4)
                    .prop_map(Value::Array)
                    .boxed(),
                "between" => (scalar(field), scalar(field))
                    .prop_map(|(a, b)| json!([a, b]))
                    .boxed(),
                "like" => prop::sample::select(patterns)
                    .prop_map(|p| json!(p))
                    .boxed(),
                _ => scalar(field),
            };
            val.prop_map(move |val| Condition { field, op, val })
        })
    })
}

pub(crate) fn read() -> impl Strategy<Value = Read> {
    let language = prop::option::of(prop::sample::select(&["DEU", "ENG", "FRA", "ITA"][..]));
    let output = prop::option::of(prop::sample::select(&["DEU", "ENG"][..]));
    let geo = prop::option::of(prop_oneof![
        prop::sample::select(RADII_KM).prop_map(Geo::Zip),
        prop::sample::select(RADII_KM).prop_map(Geo::City),
        prop::sample::select(RADII_KM).prop_map(Geo::Point),
    ]);
    let filterid = prop::option::weighted(
        0.3,
        prop_oneof![4 => Just(FilterId::Saved), 1 => Just(FilterId::Unknown)],
    );
    let sort_field =
        prop::sample::select(&["kaufpreis", "ort", "anzahl_zimmer", "objekttitel", "Id"][..]);
    (
        (language, output, any::<(bool, bool, bool)>(), geo, filterid),
        (
            prop::collection::vec(condition(), 0..3),
            prop::collection::vec((sort_field, any::<bool>()), 0..3),
            prop::option::of(0u32..8),
            prop::option::of(0u64..12),
            prop::option::weighted(0.2, prop::collection::vec(0usize..25, 0..5)),
            prop::option::weighted(0.15, 0usize..25),
        ),
    )
        .prop_map(
            |(
                (estatelanguage, outputlanguage, (formatoutput, main_id, language), geo, filterid),
                (filter, sort, limit, offset, recordids, resourceid),
            )| Read {
                estatelanguage,
                outputlanguage,
                formatoutput,
                add_main_lang_id: main_id,
                addestatelanguage: language,
                geo,
                filterid,
                filter,
                sort,
                limit,
                offset,
                recordids,
                resourceid,
            },
        )
}

/// The main id an index names; one past the end is an id no estate has.
pub(crate) fn main_id(world: &World, index: usize) -> i64 {
    world.mains.get(index).copied().unwrap_or(999_999)
}

pub(crate) fn parameters(world: &World, r: &Read) -> Value {
    let mut p = Map::new();
    p.insert("data".into(), json!(DATA));
    let mut put = |key: &str, value: Value| {
        p.insert(key.into(), value);
    };
    if let Some(l) = r.estatelanguage {
        put("estatelanguage", json!(l));
    }
    if let Some(l) = r.outputlanguage {
        put("outputlanguage", json!(l));
    }
    put("formatoutput", json!(r.formatoutput));
    put("addMainLangId", json!(r.add_main_lang_id));
    put("addestatelanguage", json!(r.addestatelanguage));
    match r.geo {
        Some(Geo::Zip(km)) => put(
            "georangesearch",
            json!({"country": "DEU", "zip": "52068", "radius": km}),
        ),
        Some(Geo::City(km)) => put(
            "georangesearch",
            // Aachen's first postcode in the table is not 52068: its own centre.
            json!({"country": "DEU", "city": "Aachen", "radius": km.to_string()}),
        ),
        Some(Geo::Point(km)) => put(
            "georangesearch",
            json!({"latitude": CENTRE.0.to_string(), "longitude": CENTRE.1.to_string(), "radius": km.to_string()}),
        ),
        None => {}
    }
    match r.filterid {
        Some(FilterId::Saved) => put("filterid", json!(world.saved_filter)),
        Some(FilterId::Unknown) => put("filterid", json!(world.saved_filter + 1000)),
        None => {}
    }
    if let Some(ids) = &r.recordids {
        put(
            "recordids",
            ids.iter().map(|i| json!(main_id(world, *i))).collect(),
        );
    }
    put_query(&mut p, &r.filter, &r.sort, r.limit, r.offset);
    Value::Object(p)
}

/// `filter`, `sortby`, `listlimit` and `listoffset` as a client sends them.
pub(crate) fn put_query(
    p: &mut Map<String, Value>,
    conditions: &[Condition],
    sort: &[(&'static str, bool)],
    limit: Option<u32>,
    offset: Option<u64>,
) {
    if !conditions.is_empty() {
        let mut filter = Map::new();
        for c in conditions {
            if let Value::Array(list) = filter
                .entry(c.field)
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                list.push(json!({"op": c.op, "val": c.val}));
            }
        }
        p.insert("filter".into(), Value::Object(filter));
    }
    if !sort.is_empty() {
        let sort: Map<String, Value> = sort
            .iter()
            .map(|(f, desc)| (f.to_string(), json!(if *desc { "DESC" } else { "ASC" })))
            .collect();
        p.insert("sortby".into(), Value::Object(sort));
    }
    if let Some(limit) = limit {
        p.insert("listlimit".into(), json!(limit));
    }
    if let Some(offset) = offset {
        p.insert("listoffset".into(), json!(offset));
    }
}

/// Runs `cases` reads drawn from `strategy` through `case`, each against a server already
/// running on `runtime`; a failing case is printed whole.
pub(crate) fn run_reads<S: Strategy>(
    cases: u32,
    strategy: S,
    case: impl Fn(S::Value) -> Result<(), String>,
) -> Result<(), String> {
    let mut runner = TestRunner::new(Config {
        cases,
        // There is no source file to keep a failing case in from a runner made by hand.
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |r| case(r).map_err(TestCaseError::fail))
        .map_err(|e| e.to_string())
}
