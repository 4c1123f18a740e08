//! `get fields`, and custom fields flowing through reads and writes.

mod common;

use common::*;
use kontor_proto::ActionVerb;
use kontor_store::fields::{FieldType, NewCustomField, SelectOption};
use kontor_store::{Labels, Module};
use serde_json::{json, Value};

async fn fields(
    server: &TestServer,
    c: &Credentials,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    let json = server
        .post(&envelope(
            c,
            vec![action_v2(c, ActionVerb::Get, "fields", params)],
        ))
        .await?;
    Ok(json["response"]["results"][0].clone())
}

#[tokio::test]
async fn fields_come_in_the_real_shape() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let result = fields(&server, &c, json!({"labels": true, "language": "ENG", "modules": ["estate"], "fieldList": ["vermarktungsart", "kaufpreis"]})).await?;
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    assert_eq!(result["data"]["meta"]["cntabsolute"], Value::Null);
    let record = &result["data"]["records"][0];
    assert_eq!(record["id"], "estate");
    assert_eq!(record["type"], "");
    let e = &record["elements"];
    assert_eq!(e["label"], "Properties");
    let keys: Vec<&str> = e["vermarktungsart"]
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "type",
            "length",
            "permittedvalues",
            "default",
            "filters",
            "dependencies",
            "compoundFields",
            "label"
        ]
    );
    assert_eq!(e["vermarktungsart"]["type"], "singleselect");
    assert_eq!(e["vermarktungsart"]["permittedvalues"]["kauf"], "Purchase");
    assert_eq!(e["vermarktungsart"]["filters"], json!([]));
    assert_eq!(e["kaufpreis"]["permittedvalues"], Value::Null);
    assert_eq!(e["kaufpreis"]["type"], "float");
    assert_eq!(e["kaufpreis"]["label"], "Purchase price");
    assert_eq!(
        e.as_object().map(|o| o.len()),
        Some(3),
        "label plus the two fields asked for"
    );

    let plain = fields(
        &server,
        &c,
        json!({"modules": ["address", "task"], "fieldList": ["Anrede"]}),
    )
    .await?;
    let address = &plain["data"]["records"][0];
    assert_eq!(address["id"], "address");
    assert!(
        address["elements"].get("label").is_none(),
        "no labels unless asked"
    );
    assert!(
        address["elements"]["Anrede"]["permittedvalues"].is_array(),
        "keys only without labels"
    );
    assert!(address["elements"]["Anrede"].get("label").is_none());
    assert_eq!(
        plain["data"]["records"][1],
        json!({"id": "task", "type": "", "elements": []})
    );

    let all = fields(&server, &c, json!({})).await?;
    let modules: Vec<&str> = all["data"]["records"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["id"].as_str()).collect())
        .unwrap_or_default();
    assert!(modules.starts_with(&["address", "estate"]), "{modules:?}");
    let extras = fields(&server, &c, json!({"modules": ["estate"], "fieldList": ["kaufpreis"], "showTable": true, "showContent": true, "showFieldMeasureFormat": true})).await?;
    let k = &extras["data"]["records"][0]["elements"]["kaufpreis"];
    assert!(
        k["tablename"].is_string() && k["content"].is_string(),
        "{k}"
    );
    assert_eq!(k["fieldMeasureFormat"], "DATA_TYPE_MONETARY");
    let bad = fields(&server, &c, json!({"modules": ["estates"]})).await?;
    assert_eq!(bad["status"]["errorcode"], 163);
    Ok(())
}

#[tokio::test]
async fn field_filters_and_dependencies_are_shown_on_request() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let list = json!(["kaufpreis", "objekttyp", "objektart", "anzahl_zimmer"]);
    let plain = fields(
        &server,
        &c,
        json!({"modules": ["estate"], "fieldList": list}),
    )
    .await?;
    let e = &plain["data"]["records"][0]["elements"];
    for name in ["kaufpreis", "objekttyp", "anzahl_zimmer"] {
        assert_eq!(e[name]["filters"], json!([]), "{name} without the flag");
        assert_eq!(
            e[name]["dependencies"],
            json!([]),
            "{name} without the flag"
        );
    }

    let shown = fields(&server, &c, json!({"modules": ["estate"], "fieldList": list, "showfieldfilters": true, "showfielddependencies": true})).await?;
    assert_eq!(shown["status"]["errorcode"], 0, "{shown}");
    let e = &shown["data"]["records"][0]["elements"];
    assert_eq!(
        e["kaufpreis"]["filters"],
        json!({"kaufpreis": {"vermarktungsarten": ["kauf"]}})
    );
    assert_eq!(
        e["anzahl_zimmer"]["filters"]["anzahl_zimmer"]["nutzungsarten"],
        json!(["wohnen", "gewerbe"])
    );
    assert_eq!(e["objektart"]["filters"], json!([]), "no filter: still []");
    assert_eq!(e["objektart"]["dependencies"], json!([]));
    let deps = &e["objekttyp"]["dependencies"];
    assert_eq!(deps["etage"], "wohnung", "{deps}");
    assert_eq!(deps["villa"], "haus");
    // One entry per permitted value, each naming a permitted objektart.
    let permitted = e["objekttyp"]["permittedvalues"]
        .as_array()
        .map(Vec::len)
        .unwrap_or(0);
    let kinds: Vec<Value> = e["objektart"]["permittedvalues"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let deps = deps.as_object().cloned().unwrap_or_default();
    assert_eq!(deps.len(), permitted);
    assert!(deps.values().all(|kind| kinds.contains(kind)), "{deps:?}");

    // The WordPress plugin forces showfielddependencies onto every fields request; address
    // fields have none and keep [].
    let address = fields(&server, &c, json!({"modules": ["address"], "fieldList": ["Land"], "showfielddependencies": true, "showfieldfilters": true})).await?;
    let land = &address["data"]["records"][0]["elements"]["Land"];
    assert_eq!(land["dependencies"], json!([]));
    assert_eq!(land["filters"], json!([]));
    let bad = fields(&server, &c, json!({"showfieldfilters": [1]})).await?;
    assert_eq!(bad["status"]["errorcode"], 255, "{bad}");
    Ok(())
}

#[tokio::test]
async fn custom_fields_are_listed_validated_stored_and_filtered() -> TestResult {
    let server = TestServer::start().await?;
    let a = server.tenant("alpha", 'a').await?;
    let b = server.tenant("beta", 'b').await?;
    let field = NewCustomField {
        name: "ind_1_Feld_ObjTech1".into(),
        ty: FieldType::SingleSelect,
        length: None,
        labels: Labels::new("Lage", "Location"),
        values: vec![
            SelectOption {
                key: "ruhig".into(),
                labels: Labels::new("ruhig", "quiet"),
            },
            SelectOption {
                key: "zentral".into(),
                labels: Labels::new("zentral", "central"),
            },
        ],
        default: None,
    };
    server
        .store
        .store
        .add_custom_field(a.tenant, Module::ESTATE, &field)
        .await?;
    let again = server
        .store
        .store
        .add_custom_field(a.tenant, Module::ESTATE, &field)
        .await;
    assert!(again.is_err(), "a field is added once");

    let listed = fields(&server, &a, json!({"labels": true, "language": "ENG", "modules": ["estate"], "fieldList": ["ind_1_Feld_ObjTech1"]})).await?;
    let f = &listed["data"]["records"][0]["elements"]["ind_1_Feld_ObjTech1"];
    assert_eq!(f["label"], "Location");
    assert_eq!(
        f["permittedvalues"],
        json!({"ruhig": "quiet", "zentral": "central"})
    );
    let other = fields(
        &server,
        &b,
        json!({"modules": ["estate"], "fieldList": ["ind_1_Feld_ObjTech1"]}),
    )
    .await?;
    assert!(
        other["data"]["records"][0]["elements"]
            .get("ind_1_Feld_ObjTech1")
            .is_none(),
        "B does not see A's field"
    );

    let create = |c: &Credentials, v: &str| {
        action_v2(
            c,
            ActionVerb::Create,
            "estate",
            json!({"data": {"ind_1_Feld_ObjTech1": v}}),
        )
    };
    let json = server
        .post(&envelope(
            &a,
            vec![
                create(&a, "ruhig"),
                create(&a, "zentral"),
                create(&a, "laut"),
            ],
        ))
        .await?;
    assert_eq!(codes(&json), [0, 0, 77]);
    let json = server
        .post(&envelope(&b, vec![create(&b, "ruhig")]))
        .await?;
    assert_eq!(codes(&json), [143], "unknown to B");

    let read = action_v2(
        &a,
        ActionVerb::Read,
        "estate",
        json!({"data": ["ind_1_Feld_ObjTech1"], "filter": {"ind_1_Feld_ObjTech1": [{"op": "=", "val": "zentral"}]}}),
    );
    let json = server.post(&envelope(&a, vec![read])).await?;
    let result = &json["response"]["results"][0];
    assert_eq!(result["data"]["meta"]["cntabsolute"], 1, "{result}");
    assert_eq!(
        result["data"]["records"][0]["elements"]["ind_1_Feld_ObjTech1"],
        "zentral"
    );
    Ok(())
}

#[tokio::test]
async fn the_admin_endpoint_adds_fields_behind_its_token() -> TestResult {
    let config = kontor_server::ServerConfig {
        admin_token: Some("s3cret-admin".into()),
        ..Default::default()
    };
    let server = TestServer::start_with(config).await?;
    let c = server.tenant("demo", 'a').await?;
    let url = format!("http://{}/admin/tenants/demo/fields/address", server.addr);
    let body = json!({"name": "ind_2_Feld_Adr1", "type": "multiselect", "labels": {"DEU": "Hobbys", "ENG": "Hobbies"},
                      "values": [{"key": "golf", "labels": {"DEU": "Golf", "ENG": "Golf"}}, {"key": "segeln", "labels": {"DEU": "Segeln", "ENG": "Sailing"}}]});
    let post = |token: &'static str| server.http.post(&url).bearer_auth(token).json(&body).send();
    assert_eq!(post("wrong").await?.status().as_u16(), 401);
    assert_eq!(post("s3cret-admin").await?.status().as_u16(), 201);
    assert_eq!(
        post("s3cret-admin").await?.status().as_u16(),
        409,
        "added once"
    );
    let bad = server
        .http
        .post(&url)
        .bearer_auth("s3cret-admin")
        .json(&json!({"name": "Name", "type": "varchar", "labels": {"DEU": "x"}}))
        .send()
        .await?;
    assert_eq!(bad.status().as_u16(), 400, "custom names start with ind_");
    let missing = server
        .http
        .post(format!(
            "http://{}/admin/tenants/nobody/fields/address",
            server.addr
        ))
        .bearer_auth("s3cret-admin")
        .json(&body)
        .send()
        .await?;
    assert_eq!(missing.status().as_u16(), 404);
    let listed: Value = server
        .http
        .get(&url)
        .bearer_auth("s3cret-admin")
        .send()
        .await?
        .json()
        .await?;
    assert!(listed.as_array().is_some_and(|l| l
        .iter()
        .any(|f| f["name"] == "ind_2_Feld_Adr1" && f["custom"] == true)));

    let create = action_v2(
        &c,
        ActionVerb::Create,
        "address",
        json!({"Name": "Golfer", "ind_2_Feld_Adr1": ["golf", "segeln"]}),
    );
    let json = server.post(&envelope(&c, vec![create])).await?;
    assert_eq!(codes(&json), [0], "{json}");
    let read = action_v2(
        &c,
        ActionVerb::Read,
        "address",
        json!({"data": ["ind_2_Feld_Adr1"], "filter": {"ind_2_Feld_Adr1": [{"op": "=", "val": "segeln"}]}}),
    );
    let json = server.post(&envelope(&c, vec![read])).await?;
    assert_eq!(
        json["response"]["results"][0]["data"]["records"][0]["elements"]["ind_2_Feld_Adr1"],
        "|golf||segeln|"
    );

    let closed = TestServer::start().await?;
    let response = closed
        .http
        .get(format!(
            "http://{}/admin/tenants/demo/fields/address",
            closed.addr
        ))
        .bearer_auth("x")
        .send()
        .await?;
    assert_eq!(
        response.status().as_u16(),
        404,
        "no admin token configured: no admin endpoints"
    );
    Ok(())
}

async fn get(
    server: &TestServer,
    c: &Credentials,
    resource: &str,
    resourceid: &str,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    let mut action = action_v2(c, ActionVerb::Get, resource, params);
    action["resourceid"] = json!(resourceid);
    let json = server.post(&envelope(c, vec![action])).await?;
    Ok(json["response"]["results"][0].clone())
}

#[tokio::test]
async fn estate_categories_group_types_under_kinds() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let result = get(&server, &c, "estateCategories", "", json!([])).await?;
    assert_eq!(result["status"]["errorcode"], 0, "{result}");
    let records = &result["data"]["records"];
    assert_eq!(records[0]["id"], "objektart");
    assert!(records[0]["elements"]
        .as_array()
        .is_some_and(|l| l.contains(&json!({"id": "haus", "name": "Haus"}))));
    assert_eq!(records[1]["id"], "objekttyp");
    assert!(records[1]["elements"]["haus"]
        .as_array()
        .is_some_and(|l| l.contains(&json!({"id": "villa", "name": "Villa"}))));
    assert!(records[1]["elements"]["wohnung"]
        .as_array()
        .is_some_and(|l| l.iter().any(|t| t["id"] == "penthouse")));
    let eng = get(
        &server,
        &c,
        "estateCategories",
        "",
        json!({"language": "ENG"}),
    )
    .await?;
    assert!(eng["data"]["records"][0]["elements"]
        .as_array()
        .is_some_and(|l| l.contains(&json!({"id": "haus", "name": "House"}))));
    Ok(())
}

#[tokio::test]
async fn select_values_are_listed_by_the_small_gets() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("demo", 'a').await?;
    let multi = get(
        &server,
        &c,
        "multiselectconfiguration",
        "",
        json!({"module": "estate", "fields": ["heizungsart"], "language": "ENG"}),
    )
    .await?;
    let first = &multi["data"]["records"][0];
    assert_eq!(first["id"], 1);
    assert_eq!(first["elements"]["field"], "heizungsart");
    assert_eq!(first["elements"]["multiselectfield"], "etage");
    assert_eq!(first["elements"]["fieldcontent"], "Floor heating");
    assert_eq!(first["elements"]["position"], 1);
    let not_multi = get(
        &server,
        &c,
        "multiselectconfiguration",
        "",
        json!({"module": "estate", "fields": ["kaufpreis"]}),
    )
    .await?;
    assert_eq!(not_multi["status"]["errorcode"], 171);
    let missing = get(
        &server,
        &c,
        "multiselectconfiguration",
        "",
        json!({"module": "estate"}),
    )
    .await?;
    assert_eq!(missing["status"]["errorcode"], 167);

    let values = get(
        &server,
        &c,
        "confignewaddressfields",
        "fieldvalues",
        json!({"fieldname": "Anrede"}),
    )
    .await?;
    assert!(
        values["data"]["records"].as_array().is_some_and(
            |l| l.contains(&json!({"id": "Herr", "type": "", "elements": {"title": "Herr"}}))
        ),
        "{values}"
    );
    let wrong_id = get(
        &server,
        &c,
        "confignewaddressfields",
        "values",
        json!({"fieldname": "Anrede"}),
    )
    .await?;
    assert_eq!(wrong_id["status"]["errorcode"], 24);

    let filters = get(&server, &c, "filters", "", json!({"module": "estate"})).await?;
    assert_eq!(
        filters["data"],
        json!({"meta": {"cntabsolute": 0}, "records": []})
    );
    let bad = get(&server, &c, "filters", "", json!({"module": "estates"})).await?;
    assert_eq!(bad["status"]["errorcode"], 163);
    Ok(())
}
