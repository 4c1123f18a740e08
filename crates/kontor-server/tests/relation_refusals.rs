//! What the relation calls refuse, with which code and message, and that a refused call
//! writes nothing (every refusal is read back on the wire). Both backends.

mod common;

use common::relations::*;
use common::*;
use kontor_proto::ActionVerb;
use kontor_store::{Module, RelationStore};
use serde_json::{json, Value};

/// Nothing links from these parents in `short`: every parent maps to `[]`.
async fn nothing_linked(
    server: &TestServer,
    c: &Credentials,
    short: &str,
    parents: &[i64],
) -> TestResult {
    let got = children(server, c, short, parents).await?;
    let want: serde_json::Map<String, Value> =
        parents.iter().map(|p| (p.to_string(), json!([]))).collect();
    assert_eq!(got, Value::Object(want), "nothing may have been written");
    Ok(())
}

#[tokio::test]
async fn unknown_types_are_132() -> TestResult {
    let Fixture { server, c, e, .. } = fixture(1, 0).await?;
    let unknown = related(
        &server,
        &c,
        "estate:address:landlord",
        "parentids",
        json!(e),
    )
    .await?;
    assert_eq!(code(&unknown), 132, "{unknown}");
    assert_eq!(unknown["data"], json!([]));
    assert_eq!(unknown["cacheable"], false);
    insta::assert_json_snapshot!("get_idsfromrelation_unknown_type", unknown);
    // The docs' own typos are not taken, but the answer names the right URN.
    let typo = call(
        &server,
        &c,
        ActionVerb::Get,
        "idsfromrelation",
        json!({
            "relationtype": "urn:onoffice-en-ns:smart:2.5:relationTypes:estate:address:renter",
            "parentids": e,
        }),
    )
    .await?;
    assert_eq!(code(&typo), 132);
    assert!(
        message(&typo).contains(&format!("did you mean {PREFIX}estate:address:renter")),
        "{typo}"
    );
    for verb in [ActionVerb::Create, ActionVerb::Modify, ActionVerb::Delete] {
        let info = json!({"relationinfo": {"statusTerminbestaetigung": "gesendet"}});
        let bad = write(
            &server,
            &c,
            verb,
            "nothing:at:all",
            json!(1),
            json!(2),
            info,
        )
        .await?;
        assert_eq!(code(&bad), 132, "{verb:?}: {bad}");
    }
    let missing = call(
        &server,
        &c,
        ActionVerb::Create,
        "relation",
        json!({"parentid": 1, "childid": 2}),
    )
    .await?;
    assert_eq!(code(&missing), 132, "{missing}");
    assert!(message(&missing).contains("give relationtype"), "{missing}");
    Ok(())
}

#[tokio::test]
async fn records_that_are_not_the_tenants_are_refused_naming_the_id() -> TestResult {
    let server = server().await?;
    let c = server.tenant("demo", 'a').await?;
    let other = server.tenant("other", 'b').await?;
    let e = records(&server, &c, Module::ESTATE, 1).await?;
    let a = records(&server, &c, Module::ADDRESS, 1).await?;
    // The other tenant's ids count from 1 too; its fifth address is no address of ours.
    let theirs = records(&server, &other, Module::ADDRESS, 5).await?;
    let foreign = theirs[4];
    let refused = link(
        &server,
        &c,
        "estate:address:owner",
        json!(e[0]),
        json!([a[0], foreign]),
    )
    .await?;
    assert_eq!(code(&refused), 292, "{refused}");
    assert!(
        message(&refused).contains(&format!("childid {foreign}: there is no address {foreign}")),
        "{refused}"
    );
    insta::assert_json_snapshot!("create_relation_unknown_record", refused);
    nothing_linked(&server, &c, "estate:address:owner", &e).await?;
    let no_estate = link(
        &server,
        &c,
        "estate:address:owner",
        json!(77),
        json!([a[0]]),
    )
    .await?;
    assert_eq!(code(&no_estate), 293, "{no_estate}");
    assert!(message(&no_estate).contains("parentid 77"), "{no_estate}");
    // The other tenant's links are not ours to read or remove.
    let theirs_linked = link(
        &server,
        &other,
        "estate:address:owner",
        json!(records(&server, &other, Module::ESTATE, 1).await?),
        json!([theirs[0]]),
    )
    .await?;
    assert_eq!(code(&theirs_linked), 0, "{theirs_linked}");
    nothing_linked(&server, &c, "estate:address:owner", &[1]).await?;
    let not_ours = write(
        &server,
        &c,
        ActionVerb::Delete,
        "estate:address:owner",
        json!(1),
        json!(theirs[0]),
        json!({}),
    )
    .await?;
    assert_eq!(code(&not_ours), 168, "{not_ours}");
    assert_eq!(
        children(&server, &other, "estate:address:owner", &[1]).await?,
        json!({"1": [theirs[0].to_string()]})
    );
    Ok(())
}

#[tokio::test]
async fn n_to_n_and_a_record_with_itself_are_refused() -> TestResult {
    let Fixture { server, c, e, a } = fixture(3, 2).await?;
    let n_n = link(
        &server,
        &c,
        "estate:address:buyer",
        json!([e[0], e[1]]),
        json!([a[0], a[1]]),
    )
    .await?;
    assert_eq!(code(&n_n), 219, "{n_n}");
    insta::assert_json_snapshot!("create_relation_n_to_n", n_n);
    nothing_linked(&server, &c, "estate:address:buyer", &e[..2]).await?;
    // Repeats are one id: this is 1:n.
    let repeated = link(
        &server,
        &c,
        "estate:address:buyer",
        json!([e[0], e[0]]),
        json!([a[0], a[1]]),
    )
    .await?;
    assert_eq!(code(&repeated), 0, "{repeated}");

    // An estate is no unit of its own complex (§6.10), under either name.
    for short in ["estate:estateUnit", "complex:estate:units"] {
        let own = link(&server, &c, short, json!(e[2]), json!([e[1], e[2]])).await?;
        assert_eq!(code(&own), 255, "{own}");
        assert!(
            message(&own).contains(&format!("estate {} cannot be related to itself", e[2])),
            "{own}"
        );
        nothing_linked(&server, &c, "estate:estateUnit", &[e[2]]).await?;
    }
    // A unit belongs to one complex: a second one is refused until the first is removed.
    assert_eq!(
        code(&link(&server, &c, "estate:estateUnit", json!(e[0]), json!(e[1])).await?),
        0
    );
    let second = link(&server, &c, "estate:estateUnit", json!(e[2]), json!(e[1])).await?;
    assert_eq!(code(&second), 255, "{second}");
    assert!(
        message(&second).contains(&format!("estate {} has the parent {}", e[1], e[0])),
        "{second}"
    );
    nothing_linked(&server, &c, "estate:estateUnit", &[e[2]]).await?;
    let two_complexes = link(
        &server,
        &c,
        "estate:estateUnit",
        json!([e[0], e[2]]),
        json!(e[1]),
    )
    .await?;
    assert_eq!(code(&two_complexes), 255, "{two_complexes}");
    Ok(())
}

#[tokio::test]
async fn relationinfo_only_where_it_belongs_and_only_its_values() -> TestResult {
    let Fixture { server, c, e, a } = fixture(1, 1).await?;
    let dates = records(&server, &c, CALENDAR.module, 1).await?;
    let create = ActionVerb::Create;
    let gesendet = json!({"relationinfo": {"statusTerminbestaetigung": "gesendet"}});
    let owner_info = write(
        &server,
        &c,
        create,
        "estate:address:owner",
        json!(e[0]),
        json!(a[0]),
        gesendet.clone(),
    )
    .await?;
    assert_eq!(code(&owner_info), 179, "{owner_info}");
    assert!(
        message(&owner_info).contains("only calendar:address"),
        "{owner_info}"
    );
    nothing_linked(&server, &c, "estate:address:owner", &e).await?;
    for bad in [
        json!({"statusTerminbestaetigung": "vielleicht"}),
        json!({"statusTerminrueckmeldung": true}),
        json!({"farbe": "rot"}),
    ] {
        let info = json!({"relationinfo": bad});
        let refused = write(
            &server,
            &c,
            create,
            "calendar:address",
            json!(dates[0]),
            json!(a[0]),
            info,
        )
        .await?;
        assert_eq!(code(&refused), 179, "{refused}");
        nothing_linked(&server, &c, "calendar:address", &dates).await?;
    }
    let wrong_type = write(
        &server,
        &c,
        create,
        "calendar:address",
        json!(dates[0]),
        json!(a[0]),
        json!({"relationinfo": 5}),
    )
    .await?;
    assert_eq!(code(&wrong_type), 20, "{wrong_type}");

    // Modify: the link must exist, relationinfo is mandatory and checked, and only
    // calendar:address has anything to modify.
    let modify = ActionVerb::Modify;
    let absent = write(
        &server,
        &c,
        modify,
        "calendar:address",
        json!(dates[0]),
        json!(a[0]),
        gesendet.clone(),
    )
    .await?;
    assert_eq!(code(&absent), 180, "{absent}");
    insta::assert_json_snapshot!("modify_relation_that_does_not_exist", absent);
    nothing_linked(&server, &c, "calendar:address", &dates).await?;
    assert_eq!(
        code(
            &write(
                &server,
                &c,
                create,
                "calendar:address",
                json!(dates[0]),
                json!(a[0]),
                gesendet
            )
            .await?
        ),
        0
    );
    let no_info = write(
        &server,
        &c,
        modify,
        "calendar:address",
        json!(dates[0]),
        json!(a[0]),
        json!({}),
    )
    .await?;
    assert_eq!(
        (code(&no_info), message(&no_info)),
        (167, "Missing parameter \"relationinfo\"".into())
    );
    let bad = json!({"relationinfo": {"statusTerminrueckmeldung": "vielleicht"}});
    let bad_info = write(
        &server,
        &c,
        modify,
        "calendar:address",
        json!(dates[0]),
        json!(a[0]),
        bad,
    )
    .await?;
    assert_eq!(code(&bad_info), 181, "{bad_info}");
    assert!(message(&bad_info).contains("aktiv, inaktiv"), "{bad_info}");
    let link_info = server
        .store
        .store
        .children_of(
            c.tenant,
            &kontor_store::records::RelationKind::parse("calendar:address")?,
            &dates,
        )
        .await?;
    assert_eq!(
        Value::Object(link_info[0].info.clone()),
        json!({"statusTerminbestaetigung": "gesendet"})
    );
    let owner = write(
        &server,
        &c,
        modify,
        "estate:address:owner",
        json!(e[0]),
        json!(a[0]),
        json!({"relationinfo": {"statusTerminrueckmeldung": "aktiv"}}),
    )
    .await?;
    assert_eq!(code(&owner), 182, "{owner}");
    Ok(())
}

#[tokio::test]
async fn bad_reads_and_writes_name_their_parameter() -> TestResult {
    let Fixture { server, c, e, .. } = fixture(1, 0).await?;
    let owner = format!("{PREFIX}estate:address:owner");
    let get = |params: Value| call(&server, &c, ActionVerb::Get, "idsfromrelation", params);
    let both = get(json!({"relationtype": owner, "parentids": [1], "childids": [2]})).await?;
    assert_eq!(code(&both), 255, "{both}");
    assert!(message(&both).contains("not both"), "{both}");
    insta::assert_json_snapshot!("get_idsfromrelation_parents_and_children", both);
    let neither = get(json!({"relationtype": owner})).await?;
    assert_eq!(code(&neither), 167, "{neither}");
    let words = get(json!({"relationtype": owner, "parentids": ["zwölf"]})).await?;
    assert_eq!(code(&words), 20, "{words}");
    assert!(message(&words).contains("zwölf"), "{words}");

    let create = |params: Value| call(&server, &c, ActionVerb::Create, "relation", params);
    let no_child = create(json!({"relationtype": owner, "parentid": e})).await?;
    assert_eq!(
        (code(&no_child), message(&no_child)),
        (167, "Missing parameter \"childid\"".into())
    );
    let empty = create(json!({"relationtype": owner, "parentid": [], "childid": [1]})).await?;
    assert_eq!(code(&empty), 167, "{empty}");
    Ok(())
}

#[tokio::test]
async fn types_allow_only_their_calls_and_need_their_modules() -> TestResult {
    let Fixture { server, c, e, a } = fixture(1, 1).await?;
    // Matching is computed, not linked: readable, not writable.
    let matching = link(
        &server,
        &c,
        "estate:address:matching",
        json!(e[0]),
        json!(a[0]),
    )
    .await?;
    assert_eq!(code(&matching), 132, "{matching}");
    assert!(
        message(&matching).contains("can be read but not created"),
        "{matching}"
    );
    let delete = ActionVerb::Delete;
    let undeletable = write(
        &server,
        &c,
        delete,
        "estate:address:matching",
        json!(e[0]),
        json!(a[0]),
        json!({}),
    )
    .await?;
    assert_eq!(code(&undeletable), 168, "{undeletable}");
    nothing_linked(&server, &c, "estate:address:matching", &e).await?;
    let units = write(
        &server,
        &c,
        ActionVerb::Modify,
        "estate:estateUnit",
        json!(e[0]),
        json!(a[0]),
        json!({"relationinfo": {"statusTerminrueckmeldung": "aktiv"}}),
    )
    .await?;
    assert_eq!(code(&units), 182, "{units}");
    assert!(
        message(&units).contains("delete it and create it again"),
        "{units}"
    );

    // A type whose module Kontor does not serve is 199 naming the module.
    let billing = related(&server, &c, "billing:estate", "childids", json!(e)).await?;
    assert_eq!(code(&billing), 199, "{billing}");
    assert!(
        message(&billing).contains("does not serve the module billing"),
        "{billing}"
    );
    insta::assert_json_snapshot!("get_idsfromrelation_module_not_served", billing);
    // Without the test's calendar module, appointments are not served either (as long as
    // the standard registry has none).
    if kontor_server::Modules::standard().get("calendar").is_none() {
        let plain = TestServer::start().await?;
        let p = plain.tenant("demo", 'a').await?;
        let pe = records(&plain, &p, Module::ESTATE, 1).await?;
        let refused = link(&plain, &p, "calendar:estate", json!(1), json!(pe)).await?;
        assert_eq!(code(&refused), 199, "{refused}");
        assert!(message(&refused).contains("module calendar"), "{refused}");
    }
    Ok(())
}
