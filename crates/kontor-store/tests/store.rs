//! The store suite. Runs on SQLite, and on PostgreSQL when `KONTOR_TEST_DATABASE_URL` is set.

use kontor_proto::{ApiSecret, ApiToken, Language};
use kontor_store::test_support::open_test_store;
use kontor_store::{ActionKindStore, ApiUserStore, StoreError, TenantName, TenantStore};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn name(text: &str) -> TenantName {
    TenantName::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn token(fill: char) -> ApiToken {
    ApiToken::parse(&fill.to_string().repeat(32)).unwrap_or_else(|e| panic!("{e}"))
}

fn secret(fill: char) -> ApiSecret {
    ApiSecret::parse(&fill.to_string().repeat(64)).unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn tenants_are_created_once_and_listed() -> TestResult {
    let t = open_test_store().await?;
    let store = &t.store;
    let demo = store.create_tenant(&name("demo")).await?;
    assert_eq!(demo.name.as_str(), "demo");
    assert_eq!(demo.uuid.len(), 36);
    let again = store.create_tenant(&name("demo")).await;
    assert!(
        matches!(again, Err(StoreError::Duplicate { what: "tenant", .. })),
        "{again:?}"
    );
    store.create_tenant(&name("acme")).await?;
    let names: Vec<String> = store
        .list_tenants()
        .await?
        .into_iter()
        .map(|t| t.name.to_string())
        .collect();
    assert_eq!(names, ["acme", "demo"]);
    assert_eq!(
        store.tenant_by_name(&name("demo")).await?.map(|t| t.id),
        Some(demo.id)
    );
    assert_eq!(store.tenant_by_name(&name("nobody")).await?, None);
    Ok(())
}

#[tokio::test]
async fn api_users_authenticate_with_their_secret_and_rotate() -> TestResult {
    let t = open_test_store().await?;
    let store = &t.store;
    let demo = store.create_tenant(&name("demo")).await?;
    store
        .create_api_user(demo.id, &token('a'), &secret('s'))
        .await?;

    let user = store
        .authenticate(&"a".repeat(32))
        .await?
        .ok_or("no user")?;
    assert_eq!(user.tenant, demo.id);
    assert_eq!(user.tenant_name, "demo");
    assert_eq!(user.secret, "s".repeat(64));
    assert!(store.authenticate(&"b".repeat(32)).await?.is_none());

    let dup = store
        .create_api_user(demo.id, &token('a'), &secret('x'))
        .await;
    assert!(matches!(dup, Err(StoreError::Duplicate { .. })), "{dup:?}");

    store.rotate_secret(&token('a'), &secret('r')).await?;
    let user = store
        .authenticate(&"a".repeat(32))
        .await?
        .ok_or("no user")?;
    assert_eq!(user.secret, "r".repeat(64));
    let missing = store.rotate_secret(&token('z'), &secret('r')).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );

    let listed = store.list_api_users(None).await?;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].token, "a".repeat(32));
    assert!(listed[0].rotated_at.is_some());
    assert!(store.list_api_users(Some(&name("other"))).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn every_tenant_gets_its_own_standard_action_kinds() -> TestResult {
    let t = open_test_store().await?;
    let store = &t.store;
    let a = store.create_tenant(&name("a")).await?;
    let b = store.create_tenant(&name("b")).await?;
    let kinds_a = store.action_kinds(a.id).await?;
    let kinds_b = store.action_kinds(b.id).await?;
    assert!(kinds_a.len() >= 10);
    assert_eq!(kinds_a, kinds_b);
    let newsletter = kinds_a
        .iter()
        .find(|k| k.key == "Newsletter")
        .ok_or("no Newsletter")?;
    let types: Vec<_> = newsletter
        .types
        .iter()
        .map(|t| t.labels.get(Language::ENG))
        .collect();
    assert_eq!(types, ["ordered", "not ordered"]);
    assert_eq!(kinds_a[0].key, "Email");
    let task = kinds_a
        .iter()
        .find(|k| k.key == "Aufgabe")
        .ok_or("no Aufgabe")?;
    assert_eq!(task.types[0].database_id, Some(1));
    assert!(store
        .action_kinds(kontor_store::TenantId(9999))
        .await?
        .is_empty());
    Ok(())
}

#[tokio::test]
async fn ping_answers() -> TestResult {
    let t = open_test_store().await?;
    t.store.ping().await?;
    Ok(())
}

#[tokio::test]
async fn a_tenant_can_add_its_own_action_kind_once() -> TestResult {
    use kontor_store::{ActionKind, Labels};
    let t = open_test_store().await?;
    let store = &t.store;
    let a = store.create_tenant(&name("a")).await?;
    let b = store.create_tenant(&name("b")).await?;
    let kind = ActionKind {
        key: "Objektbesuch".into(),
        labels: Labels::new("Objektbesuch", "Property visit"),
        default_type: String::new(),
        types: Vec::new(),
    };
    store.add_action_kind(b.id, &kind).await?;
    let keys_b: Vec<_> = store
        .action_kinds(b.id)
        .await?
        .into_iter()
        .map(|k| k.key)
        .collect();
    assert_eq!(keys_b.last().map(String::as_str), Some("Objektbesuch"));
    assert!(!store
        .action_kinds(a.id)
        .await?
        .iter()
        .any(|k| k.key == "Objektbesuch"));
    let again = store.add_action_kind(b.id, &kind).await;
    assert!(
        matches!(again, Err(StoreError::Duplicate { .. })),
        "{again:?}"
    );
    assert_eq!(store.action_kinds(b.id).await?.len(), keys_b.len());
    Ok(())
}

/// The API refuses NUL in every request; the admin writes that bypass it (saved filters,
/// custom fields, from the command line or the admin endpoint) refuse it too, on both
/// backends alike, instead of failing on PostgreSQL only.
#[tokio::test]
async fn admin_writes_refuse_nul_on_both_backends() -> TestResult {
    use kontor_store::fields::{FieldType, NewCustomField, SelectOption};
    use kontor_store::Module;
    use kontor_store::{FieldStore, FilterStore, Labels};
    let t = open_test_store().await?;
    let store = &t.store;
    let tenant = store.create_tenant(&name("demo")).await?.id;
    let filter = r#"{"ort":[{"op":"=","val":"a\u0000b"}]}"#;
    let refused = store
        .add_filter(
            tenant,
            kontor_store::Module::ESTATE,
            "Orte",
            "office",
            filter,
        )
        .await;
    assert!(
        matches!(&refused, Err(StoreError::Invalid(m)) if m.contains("ort[0].val")),
        "{refused:?}"
    );
    assert!(store
        .list_filters(tenant, kontor_store::Module::ESTATE)
        .await?
        .is_empty());
    let field = |labels: Labels, key: &str, default: Option<&str>| NewCustomField {
        name: "ind_1_Feld".into(),
        ty: FieldType::SingleSelect,
        length: None,
        labels,
        values: vec![SelectOption {
            key: key.into(),
            labels: Labels::new("Ja", "Yes"),
        }],
        default: default.map(str::to_string),
    };
    for bad in [
        field(Labels::new("a\u{0}", "b"), "ja", None),
        field(Labels::new("a", "b"), "j\u{0}a", None),
        field(Labels::new("a", "b"), "ja", Some("\u{0}")),
    ] {
        let refused = store
            .add_custom_field(tenant, kontor_store::Module::ESTATE, &bad)
            .await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(_))),
            "{refused:?}"
        );
    }
    store
        .add_custom_field(
            tenant,
            kontor_store::Module::ESTATE,
            &field(Labels::new("a", "b"), "ja", Some("ja")),
        )
        .await?;
    let config = store.field_config(tenant, Module::ESTATE).await?;
    assert!(config.get("ind_1_Feld").is_some());
    Ok(())
}

/// Links are kept in the order they were made, per kind and tenant; linking again updates
/// the info and keeps the place; deleting a record removes exactly its links.
#[tokio::test]
async fn relations_link_in_order_and_go_with_their_records() -> TestResult {
    use kontor_store::records::{End, LinkChange, Linked, NewLinks, RecordRef, RelationKind};
    use kontor_store::{Module, RecordStore, RelationStore};
    use serde_json::{json, Map, Value};
    let test = open_test_store().await?;
    let store = &test.store;
    let tenant = store.create_tenant(&name("demo")).await?.id;
    let other = store.create_tenant(&name("other")).await?.id;
    let doc = |v: Value| -> Map<String, Value> { v.as_object().cloned().unwrap_or_default() };
    let estates = store
        .insert_records(tenant, Module::ESTATE, vec![doc(json!({})), doc(json!({}))])
        .await?;
    let addresses = store
        .insert_records(
            tenant,
            Module::ADDRESS,
            vec![doc(json!({})), doc(json!({})), doc(json!({}))],
        )
        .await?;
    let owner = RelationKind::parse("estate:address:owner")?;
    let buyer = RelationKind::parse("estate:address:buyer")?;
    let estate = |id| RecordRef {
        module: Module::ESTATE,
        id,
    };
    let address = |id| RecordRef {
        module: Module::ADDRESS,
        id,
    };
    let children: Vec<RecordRef> = [addresses[2], addresses[0]].map(address).to_vec();
    let none = Map::new();
    fn links<'a>(
        kind: &'a RelationKind,
        parents: &'a [RecordRef],
        children: &'a [RecordRef],
        info: &'a Map<String, Value>,
    ) -> NewLinks<'a> {
        NewLinks {
            kind,
            parents,
            children,
            info,
            one_parent: false,
        }
    }
    let added = store
        .link(
            tenant,
            links(&owner, &[estate(estates[0])], &children, &none),
        )
        .await?;
    assert_eq!(added, Linked::Made(2));
    let buyers = [address(addresses[1])];
    store
        .link(tenant, links(&buyer, &[estate(estates[0])], &buyers, &none))
        .await?;
    let info = doc(json!({"note": "again"}));
    let again = store
        .link(
            tenant,
            links(
                &owner,
                &[estate(estates[0])],
                &[address(addresses[2])],
                &info,
            ),
        )
        .await?;
    assert_eq!(again, Linked::Made(0), "a link made twice is one link");
    let links_now = store.children_of(tenant, &owner, &[estates[0]]).await?;
    let got: Vec<i64> = links_now.iter().map(|l| l.child).collect();
    assert_eq!(got, [addresses[2], addresses[0]], "in the order made");
    assert_eq!(links_now[0].info, info);
    let parents = store.parents_of(tenant, &owner, &[addresses[0]]).await?;
    assert_eq!(
        parents.iter().map(|l| l.parent).collect::<Vec<_>>(),
        [estates[0]]
    );
    assert!(store
        .children_of(other, &owner, &[estates[0]])
        .await?
        .is_empty());

    // A link to a record that is not the tenant's is refused and writes nothing, not even
    // the links of the same call whose records exist.
    let foreign = store
        .insert_records(other, Module::ADDRESS, vec![doc(json!({}))])
        .await?;
    let refused = store
        .link(
            tenant,
            links(
                &buyer,
                &[estate(estates[1])],
                &[address(addresses[0]), address(foreign[0] + 100)],
                &none,
            ),
        )
        .await?;
    assert_eq!(refused, Linked::Missing(address(foreign[0] + 100)));
    assert!(store
        .children_of(tenant, &buyer, &[estates[1]])
        .await?
        .is_empty());

    // One parent per child, where the kind says so.
    let unit = RelationKind::parse("estate:estateUnit")?;
    fn one<'a>(
        unit: &'a RelationKind,
        parents: &'a [RecordRef],
        children: &'a [RecordRef],
    ) -> NewLinks<'a> {
        static NONE: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);
        NewLinks {
            one_parent: true,
            ..links(unit, parents, children, &NONE)
        }
    }
    let units = [estate(estates[1])];
    assert_eq!(
        store
            .link(tenant, one(&unit, &[estate(estates[0])], &units))
            .await?,
        Linked::Made(1)
    );
    assert_eq!(
        store
            .link(tenant, one(&unit, &[estate(estates[0])], &units))
            .await?,
        Linked::Made(0),
        "the same parent again is no second parent"
    );
    let back = [estate(estates[0])];
    assert_eq!(
        store.link(tenant, one(&unit, &units, &back)).await?,
        Linked::Made(1),
        "one parent per child, not per parent"
    );
    let third = store
        .insert_records(tenant, Module::ESTATE, vec![doc(json!({}))])
        .await?;
    assert_eq!(
        store
            .link(tenant, one(&unit, &[estate(third[0])], &units))
            .await?,
        Linked::HasParent {
            child: estates[1],
            parent: estates[0]
        }
    );

    // Info of existing links only; all or nothing.
    let note = doc(json!({"note": "changed"}));
    assert_eq!(
        store
            .merge_link_info(
                tenant,
                &owner,
                &[estates[0]],
                &[addresses[0], addresses[1]],
                &note
            )
            .await?,
        LinkChange::NoLink {
            parent: estates[0],
            child: addresses[1]
        }
    );
    assert_eq!(
        store.children_of(tenant, &owner, &[estates[0]]).await?[1].info,
        none
    );
    assert_eq!(
        store
            .merge_link_info(tenant, &owner, &[estates[0]], &[addresses[0]], &note)
            .await?,
        LinkChange::Done(1)
    );
    assert_eq!(
        store.children_of(tenant, &owner, &[estates[0]]).await?[1].info,
        note
    );

    assert_eq!(
        store
            .unlink(tenant, &owner, &[estates[0]], &[addresses[0]])
            .await?,
        LinkChange::Done(1)
    );
    assert_eq!(
        store
            .unlink(tenant, &owner, &[estates[0]], &[addresses[0]])
            .await?,
        LinkChange::NoLink {
            parent: estates[0],
            child: addresses[0]
        }
    );
    // Several kinds and many ids in one read; more than one statement's worth of ids.
    let mut many: Vec<i64> = (100_000..101_500).collect();
    many.push(estates[0]);
    let both = store
        .links_of(tenant, &[owner.clone(), buyer.clone()], End::Parent, &many)
        .await?;
    assert_eq!(
        both.iter().map(|l| l.child).collect::<Vec<_>>(),
        [addresses[2], addresses[1]]
    );
    // Deleting the address removes its links of every kind, and no others.
    assert!(
        store
            .delete_record(tenant, Module::ADDRESS, addresses[2])
            .await?
    );
    assert!(store
        .children_of(tenant, &owner, &[estates[0]])
        .await?
        .is_empty());
    let kept = store.children_of(tenant, &buyer, &[estates[0]]).await?;
    assert_eq!(
        kept.iter().map(|l| l.child).collect::<Vec<_>>(),
        [addresses[1]]
    );
    assert!(RelationKind::parse("").is_err());
    assert!(RelationKind::parse("a\u{0}b").is_err());
    Ok(())
}
