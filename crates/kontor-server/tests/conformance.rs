//! One conformance suite that every record module runs on the wire: create (in one batch),
//! read, filter, sort, page, modify, delete and relations, on the backend the environment
//! selects. The modules are estates, addresses, search criteria (read by `get
//! searchcriterias`, their own call) and a demonstration module that exists only here,
//! defined by nothing but its registry entry and its catalog: no table, no migration, no
//! handler, no hooks of its own.

mod common;
mod conformance_modules;

use common::*;
use conformance_modules::{Reads, Spec, DEMO, SPECS};
use kontor_proto::ActionVerb;
use kontor_server::{Modules, ServerConfig};
use kontor_store::records::{Linked, NewLinks, RecordRef, RelationKind};
use kontor_store::RelationStore;
use serde_json::{json, Map, Value};

const TOWNS: [&str; 4] = ["Aachen", "Bonn", "Köln", "Düren"];
const RECORDS: i64 = 25;

/// A record as the suite made it.
#[derive(Debug, Clone)]
struct Made {
    id: i64,
    number: f64,
    text: String,
}

/// Reads record `id` alone.
async fn read_one(
    server: &TestServer,
    c: &Credentials,
    spec: &Spec,
    id: i64,
    data: &Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    let (verb, resource, resourceid) = spec.reader(Some(id));
    let params = match spec.reads {
        Reads::Read => json!({ "data": data }),
        Reads::SearchCriterias => json!({"mode": "searchcriteria", "ids": [id]}),
    };
    server.call(c, verb, resource, resourceid, params).await
}

fn code(result: &Value) -> i64 {
    result["status"]["errorcode"].as_i64().unwrap_or(-1)
}

/// A value as rendered (a string in raw mode, or a number), as a number.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

fn ids(result: &Value) -> Vec<i64> {
    result["data"]["records"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["id"].as_i64()).collect())
        .unwrap_or_default()
}

/// Creates the records in one request (one transaction) and checks every answer.
async fn create_all(
    server: &TestServer,
    c: &Credentials,
    spec: &Spec,
    owner: i64,
) -> Result<Vec<Made>, Box<dyn std::error::Error>> {
    let mut made = Vec::new();
    let mut actions = Vec::new();
    for i in 0..RECORDS {
        let number = ((i * 37) % 11 * 10) as f64 + 0.5;
        let text = TOWNS[(i % 4) as usize].to_string();
        let mut fields = Map::new();
        fields.insert(spec.number.into(), json!(number));
        fields.insert(spec.text.into(), json!(text));
        actions.push(action_v2(
            c,
            ActionVerb::Create,
            spec.resource,
            spec.create(Value::Object(fields), owner),
        ));
        made.push(Made {
            id: 0,
            number,
            text,
        });
    }
    let answer = server.post(&envelope(c, actions)).await?;
    let results = answer["response"]["results"]
        .as_array()
        .ok_or("no results")?;
    assert_eq!(results.len(), made.len());
    for (result, m) in results.iter().zip(made.iter_mut()) {
        assert_eq!(code(result), 0, "{}: {result}", spec.resource);
        m.id = result["data"]["records"][0]["id"].as_i64().ok_or("no id")?;
    }
    let mut seen: Vec<i64> = made.iter().map(|m| m.id).collect();
    seen.dedup();
    assert_eq!(
        seen.len(),
        made.len(),
        "{}: ids are distinct",
        spec.resource
    );
    Ok(made)
}

async fn read(
    server: &TestServer,
    c: &Credentials,
    spec: &Spec,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    let (verb, resource, _) = spec.reader(None);
    let result = server
        .call(c, verb, resource, json!(""), spec.read_params(params))
        .await?;
    assert_eq!(code(&result), 0, "{}: {result}", spec.resource);
    Ok(result)
}

async fn conformance(server: &TestServer, spec: &Spec) -> TestResult {
    let c = server.tenant(spec.resource, 'c').await?;
    // The address search criteria belong to (made only for them: it would count among the
    // addresses).
    let owner = match spec.reads {
        Reads::Read => 0,
        Reads::SearchCriterias => {
            let made = server
                .call(
                    &c,
                    ActionVerb::Create,
                    "address",
                    json!(""),
                    json!({"Name": "Eigentümer"}),
                )
                .await?;
            made["data"]["records"][0]["id"]
                .as_i64()
                .ok_or("no owner")?
        }
    };
    let mut made = create_all(server, &c, spec, owner).await?;
    let data = json!([spec.number, spec.text]);

    // Every record reads back as written.
    let all = read(server, &c, spec, json!({"data": data, "listlimit": 500})).await?;
    assert_eq!(
        all["data"]["meta"]["cntabsolute"], RECORDS,
        "{}",
        spec.resource
    );
    for record in all["data"]["records"].as_array().ok_or("no records")? {
        let id = record["id"].as_i64().ok_or("no id")?;
        let m = made.iter().find(|m| m.id == id).ok_or("an id not made")?;
        assert_eq!(
            number(spec.element(record, spec.number)),
            Some(m.number),
            "{record}"
        );
        assert_eq!(spec.element(record, spec.text), &json!(m.text), "{record}");
    }

    // A filter on both fields, sorted by the number, paged: the pages together are the
    // in-memory answer, ties broken by the id in the sort's direction.
    let filter = json!({
        spec.number: [{"op": ">=", "val": 30}],
        spec.text: [{"op": "in", "val": ["Aachen", "Köln"]}],
    });
    let mut want: Vec<&Made> = made
        .iter()
        .filter(|m| m.number >= 30.0 && (m.text == "Aachen" || m.text == "Köln"))
        .collect();
    want.sort_by(|a, b| b.number.total_cmp(&a.number).then(b.id.cmp(&a.id)));
    let want: Vec<i64> = want.iter().map(|m| m.id).collect();
    let mut got = Vec::new();
    for offset in [0, 4, 8, 12] {
        let page = read(
            server,
            &c,
            spec,
            json!({"data": data, "filter": filter, "sortby": {spec.number: "DESC"},
                   "listlimit": 4, "listoffset": offset}),
        )
        .await?;
        assert_eq!(
            page["data"]["meta"]["cntabsolute"],
            want.len(),
            "{}",
            spec.resource
        );
        got.extend(ids(&page));
    }
    assert_eq!(got, want, "{}: filter, sort and pages", spec.resource);

    // Sorted by the text, ascending: ties by id ascending.
    let by_text = read(
        server,
        &c,
        spec,
        json!({"data": data, "sortby": {spec.text: "ASC"}, "listlimit": 500}),
    )
    .await?;
    let mut want = made.clone();
    want.sort_by(|a, b| {
        a.text
            .as_bytes()
            .cmp(b.text.as_bytes())
            .then(a.id.cmp(&b.id))
    });
    assert_eq!(
        ids(&by_text),
        want.iter().map(|m| m.id).collect::<Vec<_>>(),
        "{}: text order",
        spec.resource
    );

    // Sorted by the record id, descending.
    let by_id = read(
        server,
        &c,
        spec,
        json!({"data": data, "sortby": {spec.id_field: "DESC"}, "listlimit": 500}),
    )
    .await?;
    let mut want: Vec<i64> = made.iter().map(|m| m.id).collect();
    want.sort_by(|a, b| b.cmp(a));
    assert_eq!(ids(&by_id), want, "{}: id order", spec.resource);

    // A modify changes what it names and nothing else; an unknown record is refused.
    let target = made[3].id;
    let changed = server
        .call(
            &c,
            ActionVerb::Modify,
            spec.resource,
            json!(target),
            spec.write(json!({ spec.number: 999 })),
        )
        .await?;
    assert_eq!(code(&changed), 0, "{changed}");
    made[3].number = 999.0;
    let one = read_one(server, &c, spec, target, &data).await?;
    let record = &one["data"]["records"][0];
    assert_eq!(
        number(spec.element(record, spec.number)),
        Some(999.0),
        "{one}"
    );
    assert_eq!(
        spec.element(record, spec.text),
        &json!(made[3].text),
        "{one}"
    );
    let missing = server
        .call(
            &c,
            ActionVerb::Modify,
            spec.resource,
            json!(987_654),
            spec.write(json!({ spec.number: 1 })),
        )
        .await?;
    assert_eq!(
        code(&missing),
        i64::from(spec.module.unknown_record.code()),
        "{missing}"
    );

    // Bad input gets its error, never errorcode 1, and changes nothing.
    let unknown = server
        .call(
            &c,
            ActionVerb::Create,
            spec.resource,
            json!(""),
            spec.create(json!({"nope": 1}), owner),
        )
        .await?;
    assert_eq!(
        code(&unknown),
        i64::from(spec.module.unknown_field.code()),
        "{unknown}"
    );
    let (verb, resource, _) = spec.reader(None);
    let bad_filter = server
        .call(
            &c,
            verb,
            resource,
            json!(""),
            spec.read_params(json!({"filter": {spec.number: [{"op": "like", "val": "%1"}]}})),
        )
        .await?;
    assert_ne!(code(&bad_filter), 0, "{bad_filter}");

    // Relations: links in the order made; a deleted record takes its links with it.
    let store = &server.store.store;
    let kind = RelationKind::parse(&format!("{0}:{0}:test", spec.resource))?;
    let at = |i: usize| RecordRef {
        module: spec.module,
        id: made[i].id,
    };
    let linked = store
        .link(
            c.tenant,
            NewLinks {
                kind: &kind,
                parents: &[at(0)],
                children: &[at(2), at(1)],
                info: &Map::new(),
                one_parent: false,
            },
        )
        .await?;
    assert_eq!(linked, Linked::Made(2));
    let links = store.children_of(c.tenant, &kind, &[made[0].id]).await?;
    assert_eq!(
        links.iter().map(|l| l.child).collect::<Vec<_>>(),
        [made[2].id, made[1].id]
    );

    // Delete, where the module offers it; elsewhere the API's own refusal.
    let deleted = server
        .call(
            &c,
            ActionVerb::Delete,
            spec.resource,
            json!(made[2].id),
            json!({}),
        )
        .await?;
    if spec.delete {
        assert_eq!(code(&deleted), 0, "{deleted}");
        let after = read(server, &c, spec, json!({"data": data})).await?;
        assert_eq!(after["data"]["meta"]["cntabsolute"], RECORDS - 1);
        let gone = read_one(server, &c, spec, made[2].id, &data).await?;
        assert_eq!(ids(&gone), Vec::<i64>::new(), "{gone}");
        let links = store.children_of(c.tenant, &kind, &[made[0].id]).await?;
        assert_eq!(
            links.iter().map(|l| l.child).collect::<Vec<_>>(),
            [made[1].id]
        );
        let again = server
            .call(
                &c,
                ActionVerb::Delete,
                spec.resource,
                json!(made[2].id),
                json!({}),
            )
            .await?;
        assert_eq!(code(&again), i64::from(spec.module.unknown_record.code()));
    } else {
        assert_eq!(code(&deleted), 23, "{deleted}");
    }
    Ok(())
}

async fn server() -> Result<TestServer, Box<dyn std::error::Error>> {
    TestServer::start_serving(ServerConfig::default(), Modules::standard().with(&DEMO)).await
}

#[tokio::test]
async fn estates_conform() -> TestResult {
    conformance(&server().await?, &SPECS[0]).await
}

#[tokio::test]
async fn addresses_conform() -> TestResult {
    conformance(&server().await?, &SPECS[1]).await
}

#[tokio::test]
async fn search_criteria_conform() -> TestResult {
    conformance(&server().await?, &SPECS[3]).await
}

/// The demonstration module: its registry entry and catalog are all there is of it.
#[tokio::test]
async fn a_module_of_nothing_but_its_definition_conforms() -> TestResult {
    let server = server().await?;
    conformance(&server, &SPECS[2]).await?;
    // Its system fields are stamped and cannot be written.
    let c = server.tenant("stamps", 's').await?;
    let made = server
        .call(
            &c,
            ActionVerb::Create,
            "demo",
            json!(""),
            json!({"data": {"titel": "x", "art": "b"}}),
        )
        .await?;
    let id = made["data"]["records"][0]["id"].clone();
    let one = server
        .call(
            &c,
            ActionVerb::Read,
            "demo",
            id,
            json!({"data": ["erstellt", "geaendert", "art"]}),
        )
        .await?;
    let elements = &one["data"]["records"][0]["elements"];
    assert_eq!(
        elements["erstellt"].as_str().map(str::len),
        Some(10),
        "{one}"
    );
    assert_eq!(
        elements["geaendert"].as_str().map(str::len),
        Some(19),
        "{one}"
    );
    assert_eq!(elements["art"], "b");
    let refused = server
        .call(
            &c,
            ActionVerb::Create,
            "demo",
            json!(""),
            json!({"data": {"erstellt": "2020-01-01"}}),
        )
        .await?;
    assert_eq!(code(&refused), 144, "{refused}");
    // Not served by a standard server.
    let standard = TestServer::start().await?;
    let c = standard.tenant("plain", 'p').await?;
    let unknown = standard
        .call(&c, ActionVerb::Read, "demo", json!(""), json!({}))
        .await?;
    assert_eq!(code(&unknown), 25, "{unknown}");
    Ok(())
}
