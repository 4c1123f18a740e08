//! The relation calls on the wire: links made, read both ways, changed and removed; the
//! answers' shapes (snapshots); deletes of records taking their links along; 500 parents in
//! one read. Refusals are `relation_refusals.rs`. Both backends.

mod common;

use common::relations::*;
use common::*;
use kontor_proto::ActionVerb;
use kontor_store::records::RelationKind;
use kontor_store::{Module, RecordStore, RelationStore};
use serde_json::{json, Value};

#[tokio::test]
async fn owners_are_linked_read_both_ways_and_unlinked() -> TestResult {
    let Fixture { server, c, e, a } = fixture(3, 3).await?;

    // One parent, several children; numbers may come as strings, a list as one id.
    let made = link(
        &server,
        &c,
        "estate:address:owner",
        json!(e[0]),
        json!([a[1], a[0].to_string()]),
    )
    .await?;
    assert_eq!(code(&made), 0, "{made}");
    assert_eq!(made["cacheable"], false);
    insta::assert_json_snapshot!("create_relation", made);
    // Several parents, one child: 1:n the other way.
    let reverse = link(
        &server,
        &c,
        "estate:address:owner",
        json!([e[1], e[2]]),
        json!(a[0]),
    )
    .await?;
    assert_eq!(code(&reverse), 0, "{reverse}");

    // Children of each parent in the order linked, as strings; a parent without any is [].
    let read = related(
        &server,
        &c,
        "estate:address:owner",
        "parentids",
        json!([e[0], e[1], 999]),
    )
    .await?;
    assert_eq!(read["cacheable"], true);
    assert_eq!(read["data"]["meta"]["cntabsolute"], Value::Null);
    assert_eq!(
        elements(&read),
        &json!({e[0].to_string(): [a[1].to_string(), a[0].to_string()],
                e[1].to_string(): [a[0].to_string()], "999": []})
    );
    insta::assert_json_snapshot!("get_idsfromrelation", read);
    // Parents of children.
    let parents = related(
        &server,
        &c,
        "estate:address:owner",
        "childIds",
        json!([a[0].to_string()]),
    )
    .await?;
    assert_eq!(
        elements(&parents),
        &json!({a[0].to_string(): [e[0].to_string(), e[1].to_string(), e[2].to_string()]})
    );
    // No ids at all: one record with no elements. The Laravel adapter's empty childids
    // beside its parentids ask for the parents' children.
    let none = related(&server, &c, "estate:address:owner", "parentids", json!([])).await?;
    assert_eq!(code(&none), 0, "{none}");
    insta::assert_json_snapshot!("get_idsfromrelation_no_ids", none);
    let laravel = call(
        &server,
        &c,
        ActionVerb::Get,
        "idsfromrelation",
        json!({
            "relationtype": format!("{PREFIX}estate:address:owner"),
            "parentids": [e[2]], "childids": [], "listlimit": 500, "listoffset": 0
        }),
    )
    .await?;
    assert_eq!(
        elements(&laravel),
        &json!({e[2].to_string(): [a[0].to_string()]})
    );
    // Another type of the same modules is another set of links.
    assert_eq!(
        children(&server, &c, "estate:address:buyer", &[e[0]]).await?,
        json!({e[0].to_string(): []})
    );

    // Creating a link again is no error and no second link.
    let again = link(
        &server,
        &c,
        "estate:address:owner",
        json!(e[0]),
        json!(a[1]),
    )
    .await?;
    assert_eq!(code(&again), 0, "{again}");
    let delete = ActionVerb::Delete;
    let gone = write(
        &server,
        &c,
        delete,
        "estate:address:owner",
        json!(e[0]),
        json!(a[1]),
        json!({}),
    )
    .await?;
    assert_eq!(code(&gone), 0, "{gone}");
    insta::assert_json_snapshot!("delete_relation", gone);
    assert_eq!(
        children(&server, &c, "estate:address:owner", &[e[0]]).await?,
        json!({e[0].to_string(): [a[0].to_string()]})
    );
    Ok(())
}

/// The WordPress plugin reads the brokers of its listing's estates; all contact persons
/// include them.
#[tokio::test]
async fn contact_persons_all_include_the_brokers() -> TestResult {
    let Fixture { server, c, e, a } = fixture(1, 2).await?;
    link(
        &server,
        &c,
        "estate:address:contactPerson",
        json!([e[0]]),
        json!([a[0]]),
    )
    .await?;
    link(
        &server,
        &c,
        "estate:address:contactPersonAll",
        json!([e[0]]),
        json!([a[1], a[0]]),
    )
    .await?;
    assert_eq!(
        children(&server, &c, "estate:address:contactPerson", &e).await?,
        json!({e[0].to_string(): [a[0].to_string()]})
    );
    assert_eq!(
        children(&server, &c, "estate:address:contactPersonAll", &e).await?,
        json!({e[0].to_string(): [a[0].to_string(), a[1].to_string()]}),
        "each once, in the order linked"
    );
    Ok(())
}

/// Units of a complex (§6.10): the two names of the type share their links.
#[tokio::test]
async fn units_of_a_complex_under_either_name() -> TestResult {
    let Fixture { server, c, e, .. } = fixture(4, 0).await?;
    let made = link(
        &server,
        &c,
        "complex:estate:units",
        json!(e[0]),
        json!([e[1], e[2]]),
    )
    .await?;
    assert_eq!(code(&made), 0, "{made}");
    assert_eq!(
        children(&server, &c, "estate:estateUnit", &[e[0]]).await?,
        json!({e[0].to_string(): [e[1].to_string(), e[2].to_string()]})
    );
    let complex = related(
        &server,
        &c,
        "complex:estate:units",
        "childids",
        json!([e[2], e[3]]),
    )
    .await?;
    assert_eq!(
        elements(&complex),
        &json!({e[2].to_string(): [e[0].to_string()], e[3].to_string(): []})
    );
    let moved = write(
        &server,
        &c,
        ActionVerb::Delete,
        "estate:estateUnit",
        json!(e[0]),
        json!(e[2]),
        json!({}),
    )
    .await?;
    assert_eq!(code(&moved), 0, "{moved}");
    let relinked = link(&server, &c, "estate:estateUnit", json!(e[3]), json!(e[2])).await?;
    assert_eq!(
        code(&relinked),
        0,
        "delete and create again moves a unit: {relinked}"
    );
    Ok(())
}

/// A relation type starts working when its module is served: `calendar` here is a module
/// of the test's own registry, and `calendar:address` carries the appointment's status.
#[tokio::test]
async fn appointment_status_is_set_and_modified() -> TestResult {
    let server = server().await?;
    let c = server.tenant("demo", 'a').await?;
    let dates = records(&server, &c, CALENDAR.module, 1).await?;
    let a = records(&server, &c, Module::ADDRESS, 2).await?;
    let info = json!({"relationinfo": {"statusTerminbestaetigung": "gesendet"}});
    let made = write(
        &server,
        &c,
        ActionVerb::Create,
        "calendar:address",
        json!([dates[0]]),
        json!([a[0], a[1]]),
        info,
    )
    .await?;
    assert_eq!(code(&made), 0, "{made}");
    let modify = json!({"relationinfo": {"statusTerminrueckmeldung": "inaktiv"}});
    let changed = write(
        &server,
        &c,
        ActionVerb::Modify,
        "calendar:address",
        json!([dates[0]]),
        json!([a[1]]),
        modify,
    )
    .await?;
    assert_eq!(code(&changed), 0, "{changed}");
    insta::assert_json_snapshot!("modify_relation", changed);
    let kind = RelationKind::parse("calendar:address")?;
    let links = server
        .store
        .store
        .children_of(c.tenant, &kind, &dates)
        .await?;
    let infos: Vec<Value> = links
        .iter()
        .map(|l| Value::Object(l.info.clone()))
        .collect();
    assert_eq!(
        infos,
        [
            json!({"statusTerminbestaetigung": "gesendet"}),
            json!({"statusTerminbestaetigung": "gesendet", "statusTerminrueckmeldung": "inaktiv"}),
        ],
        "modify sets its keys and keeps the others"
    );
    assert_eq!(
        children(&server, &c, "calendar:address", &dates).await?,
        json!({dates[0].to_string(): [a[0].to_string(), a[1].to_string()]})
    );
    Ok(())
}

/// Deleting a record deletes its links, whichever end it is. Estates and addresses cannot
/// be deleted through the API, so they are deleted in the store, as an administrator's
/// tool does; the appointment is deleted on the wire.
#[tokio::test]
async fn deleting_a_record_takes_its_links() -> TestResult {
    let Fixture { server, c, e, a } = fixture(2, 2).await?;
    let dates = records(&server, &c, CALENDAR.module, 1).await?;
    link(
        &server,
        &c,
        "estate:address:owner",
        json!(e[0]),
        json!([a[0], a[1]]),
    )
    .await?;
    link(
        &server,
        &c,
        "estate:address:owner",
        json!(e[1]),
        json!([a[0]]),
    )
    .await?;
    link(&server, &c, "estate:estateUnit", json!(e[0]), json!([e[1]])).await?;
    link(
        &server,
        &c,
        "calendar:address",
        json!(dates[0]),
        json!([a[1]]),
    )
    .await?;
    link(
        &server,
        &c,
        "calendar:estate",
        json!(dates[0]),
        json!([e[1]]),
    )
    .await?;

    let store = &server.store.store;
    assert!(store.delete_record(c.tenant, Module::ESTATE, e[1]).await?);
    let owned = related(
        &server,
        &c,
        "estate:address:owner",
        "childids",
        json!([a[0]]),
    )
    .await?;
    assert_eq!(
        elements(&owned),
        &json!({a[0].to_string(): [e[0].to_string()]})
    );
    assert_eq!(
        children(&server, &c, "estate:estateUnit", &[e[0]]).await?,
        json!({e[0].to_string(): []})
    );
    assert_eq!(
        children(&server, &c, "calendar:estate", &dates).await?,
        json!({dates[0].to_string(): []})
    );

    assert!(store.delete_record(c.tenant, Module::ADDRESS, a[0]).await?);
    assert_eq!(
        children(&server, &c, "estate:address:owner", &[e[0]]).await?,
        json!({e[0].to_string(): [a[1].to_string()]})
    );

    let mut action = action_v2(&c, ActionVerb::Delete, "calendar", json!({}));
    action["resourceid"] = json!(dates[0]);
    let deleted = server.post(&envelope(&c, vec![action])).await?;
    assert_eq!(codes(&deleted), [0], "{deleted}");
    let appointments = related(&server, &c, "calendar:address", "childids", json!([a[1]])).await?;
    assert_eq!(elements(&appointments), &json!({a[1].to_string(): []}));
    // The links of the other ends' records stay.
    assert_eq!(
        children(&server, &c, "estate:address:owner", &[e[0]]).await?,
        json!({e[0].to_string(): [a[1].to_string()]})
    );
    Ok(())
}

/// The WordPress plugin asks for the contact persons of a whole page of estates at once.
#[tokio::test]
async fn five_hundred_parents_in_one_read() -> TestResult {
    let Fixture { server, c, e, a } = fixture(500, 3).await?;
    // Every third estate has a contact person; one address is the contact of many.
    let with: Vec<i64> = e.iter().copied().step_by(3).collect();
    let made = link(
        &server,
        &c,
        "estate:address:contactPerson",
        json!(with),
        json!(a[0]),
    )
    .await?;
    assert_eq!(code(&made), 0, "{made}");
    link(
        &server,
        &c,
        "estate:address:contactPerson",
        json!(e[499]),
        json!([a[1], a[2]]),
    )
    .await?;
    let answer = children(&server, &c, "estate:address:contactPerson", &e).await?;
    let map = answer.as_object().ok_or("elements must be an object")?;
    assert_eq!(map.len(), 500);
    let keys: Vec<String> = map.keys().cloned().collect();
    assert_eq!(
        keys,
        e.iter().map(i64::to_string).collect::<Vec<_>>(),
        "in the order asked"
    );
    for (i, id) in e.iter().enumerate() {
        let mut want: Vec<String> = Vec::new();
        if i % 3 == 0 {
            want.push(a[0].to_string());
        }
        if i == 499 {
            want.extend([a[1].to_string(), a[2].to_string()]);
        }
        assert_eq!(map[&id.to_string()], json!(want), "estate {id}");
    }
    Ok(())
}

/// Every relation call in one request with other calls: each result in its place.
#[tokio::test]
async fn relation_calls_batch_with_others() -> TestResult {
    let Fixture { server, c, e, a } = fixture(1, 1).await?;
    let owner = format!("{PREFIX}estate:address:owner");
    let actions = vec![
        action_v2(
            &c,
            ActionVerb::Create,
            "relation",
            json!({"relationtype": owner, "parentid": [e[0]], "childid": [a[0]]}),
        ),
        action_v2(
            &c,
            ActionVerb::Get,
            "idsfromrelation",
            json!({"relationtype": owner, "parentids": [e[0]]}),
        ),
        action_v2(
            &c,
            ActionVerb::Get,
            "idsfromrelation",
            json!({"relationtype": "urn:nothing", "parentids": [e[0]]}),
        ),
        action_v2(&c, ActionVerb::Read, "estate", json!({"data": ["Id"]})),
    ];
    let answer = server.post(&envelope(&c, actions)).await?;
    assert_eq!(codes(&answer), [0, 0, 132, 0], "{answer}");
    let results = &answer["response"]["results"];
    assert_eq!(
        elements(&results[1]),
        &json!({e[0].to_string(): [a[0].to_string()]})
    );
    Ok(())
}
