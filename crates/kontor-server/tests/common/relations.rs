//! What the relation tests share: a server that also serves a module named `calendar`
//! (defined here by its registry entry and a catalog only, as a module added later would
//! be), records made through the store, and the relation calls on the wire.

use std::sync::LazyLock;

use kontor_proto::{ActionVerb, ErrorCode};
use kontor_server::{Modules, NoHooks, ServedModule, ServerConfig};
use kontor_store::fields::catalog::{self, Catalog};
use kontor_store::modules::{ModuleDef, Storage};
use kontor_store::{Module, RecordStore};
use serde_json::{json, Map, Value};

use super::{action_v2, envelope, Credentials, TestServer};

pub type Error = Box<dyn std::error::Error>;

pub const PREFIX: &str = "urn:onoffice-de-ns:smart:2.5:relationTypes:";

static CALENDAR_FIELDS: LazyLock<Result<Catalog, String>> = LazyLock::new(|| {
    catalog::parse(
        "calendar.toml",
        r#"
[[section]]
table = "Termine"
content = "Termine"

[[section.field]]
name = "betreff"
type = "varchar"
length = 80
label = ["Betreff", "Subject"]
"#,
    )
});

static CALENDAR_DEF: ModuleDef = ModuleDef {
    name: "calendar",
    labels: ("Termine", "Appointments"),
    id_field: "Id",
    id_in_elements: false,
    integers_as_numbers: false,
    storage: Storage::Documents,
    catalog: &CALENDAR_FIELDS,
    fields_of: None,
    versions: None,
    country_field: None,
    system_fields: &[],
    radius_search: false,
    contact_entries: false,
    search: None,
    unknown_field: ErrorCode::UnknownFieldQuoted,
    unknown_record: ErrorCode::AppointmentNotFound,
    created_type: None,
};

pub static CALENDAR: ServedModule = ServedModule {
    module: Module::new(&CALENDAR_DEF),
    verbs: &[
        ActionVerb::Read,
        ActionVerb::Create,
        ActionVerb::Modify,
        ActionVerb::Delete,
    ],
    hooks: &NoHooks,
};

/// A server of the standard modules plus the test's `calendar`.
pub async fn server() -> Result<TestServer, Error> {
    TestServer::start_serving(ServerConfig::default(), Modules::standard().with(&CALENDAR)).await
}

/// `n` empty records of `module` in the tenant; their ids.
pub async fn records(
    server: &TestServer,
    c: &Credentials,
    module: Module,
    n: usize,
) -> Result<Vec<i64>, Error> {
    let docs = (0..n).map(|_| Map::new()).collect();
    Ok(server
        .store
        .store
        .insert_records(c.tenant, module, docs)
        .await?)
}

/// One signed action; its result.
pub async fn call(
    server: &TestServer,
    c: &Credentials,
    verb: ActionVerb,
    resource: &str,
    params: Value,
) -> Result<Value, Error> {
    let json = server
        .post(&envelope(c, vec![action_v2(c, verb, resource, params)]))
        .await?;
    Ok(json["response"]["results"][0].clone())
}

/// `create`, `modify` or `delete relation` of the type `short` (`estate:address:owner`).
pub async fn write(
    server: &TestServer,
    c: &Credentials,
    verb: ActionVerb,
    short: &str,
    parentid: Value,
    childid: Value,
    extra: Value,
) -> Result<Value, Error> {
    let mut params = json!({
        "relationtype": format!("{PREFIX}{short}"),
        "parentid": parentid,
        "childid": childid,
    });
    if let (Some(p), Value::Object(extra)) = (params.as_object_mut(), extra) {
        p.extend(extra);
    }
    call(server, c, verb, "relation", params).await
}

pub async fn link(
    server: &TestServer,
    c: &Credentials,
    short: &str,
    parentid: Value,
    childid: Value,
) -> Result<Value, Error> {
    let extra = json!({});
    write(
        server,
        c,
        ActionVerb::Create,
        short,
        parentid,
        childid,
        extra,
    )
    .await
}

/// `get idsfromrelation` with `ids` as `parentids` or `childids` (`side`).
pub async fn related(
    server: &TestServer,
    c: &Credentials,
    short: &str,
    side: &str,
    ids: Value,
) -> Result<Value, Error> {
    let params = json!({"relationtype": format!("{PREFIX}{short}"), side: ids});
    call(server, c, ActionVerb::Get, "idsfromrelation", params).await
}

/// The `elements` of an idsfromrelation answer.
pub fn elements(result: &Value) -> &Value {
    &result["data"]["records"][0]["elements"]
}

/// The children of `parents` as the wire answers them.
pub async fn children(
    server: &TestServer,
    c: &Credentials,
    short: &str,
    parents: &[i64],
) -> Result<Value, Error> {
    let answer = related(server, c, short, "parentids", json!(parents)).await?;
    assert_eq!(code(&answer), 0, "{answer}");
    Ok(elements(&answer).clone())
}

pub fn code(result: &Value) -> i64 {
    result["status"]["errorcode"].as_i64().unwrap_or(-1)
}

pub fn message(result: &Value) -> String {
    result["status"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A [`server`] with tenant `demo` and its first estates and addresses.
pub struct Fixture {
    pub server: TestServer,
    pub c: Credentials,
    pub e: Vec<i64>,
    pub a: Vec<i64>,
}

pub async fn fixture(estates: usize, addresses: usize) -> Result<Fixture, Error> {
    let server = server().await?;
    let c = server.tenant("demo", 'a').await?;
    let e = records(&server, &c, Module::ESTATE, estates).await?;
    let a = records(&server, &c, Module::ADDRESS, addresses).await?;
    Ok(Fixture { server, c, e, a })
}
