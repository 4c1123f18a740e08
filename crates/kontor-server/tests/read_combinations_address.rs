//! Property test on the wire, for `read address`: any combination of its documented
//! parameters (`filterid`, `formatoutput`, `outputlanguage`, `countryIsoCodeType`,
//! `recordids`, `resourceid`, contact pseudo-fields in `data`, filters, sorts and paging)
//! answers without a store error and with the records a plain evaluation gives.
//! Runs on SQLite, and on PostgreSQL when `KONTOR_TEST_DATABASE_URL` is set.

mod common;
mod read_model;

use common::*;
use kontor_proto::ActionVerb;
use kontor_store::FilterStore;
use kontor_store::Module;
use proptest::prelude::*;
use read_model::{
    check_page, condition_of, like, matches, page_of, put_query, run_reads, Condition, Rec,
};
use serde_json::{json, Map, Value};

const NAMES: &[&str] = &["Muster", "Meier", "", "Müller", "meier"];
const FIRST: &[&str] = &["Max", "Erika", ""];
const ORTE: &[&str] = &["Aachen", "Bonn", "Köln", ""];
const PLZ: &[&str] = &["52062", "53111", "50667", ""];
const LAND: &[&str] = &["DEU", "AUT", "CHE"];
const DATA: &[&str] = &[
    "Name",
    "Vorname",
    "Ort",
    "Plz",
    "Land",
    "Status",
    "KdNr",
    "Email",
    "phone",
    "email",
    "defaultemail",
    "imageUrl",
];

async fn call(
    server: &TestServer,
    c: &Credentials,
    verb: ActionVerb,
    resourceid: Value,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    server.call(c, verb, "address", resourceid, params).await
}

struct Addresses {
    records: Vec<Rec>,
    saved_filter: i64,
}

async fn build(
    server: &TestServer,
    c: &Credentials,
) -> Result<Addresses, Box<dyn std::error::Error>> {
    let mut records = Vec::new();
    for i in 0..16usize {
        let mut params = Map::new();
        params.insert("Name".into(), json!(NAMES[i % NAMES.len()]));
        params.insert("Vorname".into(), json!(FIRST[i % FIRST.len()]));
        params.insert("Ort".into(), json!(ORTE[i * 3 % ORTE.len()]));
        params.insert("Plz".into(), json!(PLZ[i % PLZ.len()]));
        params.insert("Land".into(), json!(LAND[i % LAND.len()]));
        params.insert("Status".into(), json!(["1", "0"][i % 3 % 2]));
        if i % 3 != 2 {
            params.insert("email".into(), json!(format!("p{i}@example.org")));
        }
        if i % 4 == 0 {
            params.insert("phone".into(), json!(format!("0241 {i}")));
        }
        let created = call(
            server,
            c,
            ActionVerb::Create,
            json!(""),
            Value::Object(params.clone()),
        )
        .await?;
        let id = created["data"]["records"][0]["id"]
            .as_i64()
            .ok_or_else(|| format!("create failed: {created}"))?;
        let read = call(
            server,
            c,
            ActionVerb::Read,
            json!(id),
            json!({"data": ["KdNr", "Email"]}),
        )
        .await?;
        let elements = &read["data"]["records"][0]["elements"];
        let mut values = params;
        values.insert("KdNr".into(), elements["KdNr"].clone());
        values.insert("Email".into(), elements["Email"].clone());
        records.push(Rec {
            id,
            main: id,
            version: None,
            values,
        });
    }
    let conditions = json!({"Ort": [{"op": "=", "val": "Aachen"}]}).to_string();
    let saved_filter = server
        .store
        .store
        .add_filter(c.tenant, Module::ADDRESS, "Aachener", "office", &conditions)
        .await?;
    Ok(Addresses {
        records,
        saved_filter,
    })
}

#[derive(Debug, Clone)]
struct Read {
    formatoutput: bool,
    outputlanguage: Option<&'static str>,
    country: Option<&'static str>,
    /// `Some(true)`: the saved filter; `Some(false)`: an unknown id.
    filterid: Option<bool>,
    filter: Vec<Condition>,
    sort: Vec<(&'static str, bool)>,
    limit: Option<u32>,
    offset: Option<u64>,
    recordids: Option<Vec<usize>>,
    resourceid: Option<usize>,
}

fn scalar(field: &'static str) -> BoxedStrategy<Value> {
    match field {
        "Name" => prop::sample::select(NAMES).prop_map(|v| json!(v)).boxed(),
        "Vorname" => prop::sample::select(FIRST).prop_map(|v| json!(v)).boxed(),
        "Ort" => prop::sample::select(ORTE).prop_map(|v| json!(v)).boxed(),
        "Plz" => prop::sample::select(PLZ).prop_map(|v| json!(v)).boxed(),
        "Land" => prop::sample::select(LAND).prop_map(|v| json!(v)).boxed(),
        "Status" => prop::sample::select(&[0, 1][..])
            .prop_map(|v| json!(v))
            .boxed(),
        "Email" => (0usize..18)
            .prop_map(|i| json!(format!("p{i}@example.org")))
            .boxed(),
        // Ids and customer numbers of the first records.
        _ => (0i64..20).prop_map(|v| json!(v)).boxed(),
    }
}

fn condition() -> impl Strategy<Value = Condition> {
    let fields = &[
        "Name", "Vorname", "Ort", "Plz", "Land", "Status", "Email", "KdNr", "id",
    ];
    let ops = |field: &'static str| -> &'static [&'static str] {
        match field {
            // A number column whose configured type is a select: (in)equality only.
            "Status" => &["=", "!=", "in"],
            "KdNr" | "id" => &["=", "!=", "<", ">=", "in", "not in", "between"],
            _ => &["=", "!=", "<", ">", "in", "not in", "between", "like"],
        }
    };
    condition_of(
        fields,
        ops,
        scalar,
        &["m%", "%er", "%a%", "_onn", "%", "p1%"],
    )
}

fn read() -> impl Strategy<Value = Read> {
    let sort_field = prop::sample::select(&["Name", "Ort", "Plz", "KdNr", "id", "Vorname"][..]);
    (
        (
            any::<bool>(),
            prop::option::of(prop::sample::select(&["DEU", "ENG"][..])),
            prop::option::of(prop::sample::select(
                &["ISO-3166-2", "ISO-3166-3", "bogus"][..],
            )),
            prop::option::weighted(0.3, any::<bool>()),
        ),
        (
            prop::collection::vec(condition(), 0..3),
            prop::collection::vec((sort_field, any::<bool>()), 0..3),
            prop::option::of(0u32..8),
            prop::option::of(0u64..10),
            prop::option::weighted(0.2, prop::collection::vec(0usize..17, 0..5)),
            prop::option::weighted(0.15, 0usize..17),
        ),
    )
        .prop_map(
            |(
                (formatoutput, outputlanguage, country, filterid),
                (filter, sort, limit, offset, recordids, resourceid),
            )| Read {
                formatoutput,
                outputlanguage,
                country,
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

/// The id an index names; one past the end is an id no address has.
fn id_of(a: &Addresses, index: usize) -> i64 {
    a.records.get(index).map_or(999_999, |r| r.id)
}

fn parameters(a: &Addresses, r: &Read) -> Value {
    let mut p = Map::new();
    p.insert("data".into(), json!(DATA));
    p.insert("formatoutput".into(), json!(r.formatoutput));
    if let Some(l) = r.outputlanguage {
        p.insert("outputlanguage".into(), json!(l));
    }
    if let Some(code) = r.country {
        p.insert("countryIsoCodeType".into(), json!(code));
    }
    match r.filterid {
        Some(true) => p.insert("filterid".into(), json!(a.saved_filter)),
        Some(false) => p.insert("filterid".into(), json!(a.saved_filter + 1000)),
        None => None,
    };
    if let Some(ids) = &r.recordids {
        p.insert(
            "recordids".into(),
            ids.iter().map(|i| json!(id_of(a, *i))).collect(),
        );
    }
    put_query(&mut p, &r.filter, &r.sort, r.limit, r.offset);
    Value::Object(p)
}

fn expected(a: &Addresses, r: &Read) -> (u64, Vec<i64>) {
    let mut conditions = r.filter.clone();
    if r.filterid == Some(true) {
        conditions.push(Condition {
            field: "Ort",
            op: "=",
            val: json!("Aachen"),
        });
    }
    let ids: Option<Vec<i64>> = match (r.resourceid, &r.recordids) {
        (Some(i), _) => Some(vec![id_of(a, i)]),
        (None, Some(list)) if !list.is_empty() => Some(list.iter().map(|i| id_of(a, *i)).collect()),
        _ => None,
    };
    if r.resourceid.is_some() && r.recordids.as_ref().is_none_or(Vec::is_empty) {
        conditions.clear();
    }
    let hits: Vec<&Rec> = a
        .records
        .iter()
        .filter(|rec| ids.as_ref().is_none_or(|ids| ids.contains(&rec.id)))
        .filter(|rec| conditions.iter().all(|c| matches(rec, c)))
        .collect();
    page_of(hits, &r.sort, r.limit, r.offset)
}

fn check(a: &Addresses, r: &Read, result: &Value) -> Result<(), String> {
    let Some(records) = check_page(result, r.filterid == Some(false), expected(a, r))? else {
        return Ok(());
    };
    for record in &records {
        let rec = a
            .records
            .iter()
            .find(|x| Some(x.id) == record["id"].as_i64())
            .ok_or_else(|| format!("no such record: {record}"))?;
        let elements = &record["elements"];
        if elements["id"] != json!(rec.id) {
            return Err(format!("addresses start with their id: {record}"));
        }
        if !r.formatoutput && elements["Name"] != json!(rec.text("Name")) {
            return Err(format!("Name of {}: {record}", rec.id));
        }
        // The main e-mail address is a contact entry, also under `email__<entry id>`.
        let email = rec.text("Email");
        let listed = elements.as_object().is_some_and(|m| {
            m.iter()
                .any(|(k, v)| like(k, "email__%") && *v == json!(email))
        });
        if !email.is_empty() && !listed {
            return Err(format!("email of {}: {record}", rec.id));
        }
    }
    Ok(())
}

#[test]
fn every_combination_of_address_read_parameters_answers_what_a_plain_evaluation_gives() -> TestResult
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let (server, c, addresses) = runtime.block_on(async {
        let server = TestServer::start().await?;
        let c = server.tenant("demo", 'a').await?;
        let addresses = build(&server, &c).await?;
        Ok::<_, Box<dyn std::error::Error>>((server, c, addresses))
    })?;
    run_reads(300, read(), |r| {
        let params = parameters(&addresses, &r);
        let resourceid = match r.resourceid {
            Some(i) => json!(id_of(&addresses, i)),
            None => json!(""),
        };
        let result = runtime
            .block_on(call(
                &server,
                &c,
                ActionVerb::Read,
                resourceid,
                params.clone(),
            ))
            .map_err(|e| e.to_string())?;
        check(&addresses, &r, &result).map_err(|e| format!("{e}\nrequest: {params}"))
    })?;
    Ok(())
}
