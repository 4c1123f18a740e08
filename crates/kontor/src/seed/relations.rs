//! Links of the demo data: each estate's contact person (one of the office's brokers, the
//! first addresses) and an owner for the first estates, as the relation calls store them.
//! Deterministic: they follow from the ids alone.

use std::collections::BTreeMap;

use kontor_proto::calls::relation_types::RelationType;
use kontor_store::records::{Linked, NewLinks, RecordRef, RelationKind};
use kontor_store::{Module, RelationStore, Store, StoreError, TenantId};
use serde_json::Map;

/// The first addresses are the brokers whom estates name as their contact person.
const BROKERS: usize = 5;
/// Estates with an owner; two estates each (an owner of a flat and a garage, say).
const WITH_OWNER: usize = 500;
/// Parents per call (one broker is the contact of many estates).
const PARENTS_PER_CALL: usize = 1_000;

fn kind(name: &str) -> Result<(RelationKind, &'static RelationType), StoreError> {
    let ty = RelationType::by_name(name)
        .ok_or_else(|| StoreError::Invalid(format!("no relation type {name}")))?;
    let kind = RelationKind::parse(ty.stored_kind()).map_err(StoreError::Invalid)?;
    Ok((kind, ty))
}

/// Links the seeded estates to the seeded addresses; answers how many links it made.
pub async fn link(
    store: &Store,
    tenant: TenantId,
    estates: &[i64],
    addresses: &[i64],
) -> Result<u64, StoreError> {
    if estates.is_empty() || addresses.is_empty() {
        return Ok(0);
    }
    let brokers = &addresses[..BROKERS.min(addresses.len())];
    // Owners are the addresses after the brokers (or the brokers, when there are no others).
    let others = if addresses.len() > brokers.len() {
        &addresses[brokers.len()..]
    } else {
        brokers
    };
    let mut groups: Vec<(&str, BTreeMap<i64, Vec<i64>>)> = Vec::new();
    let mut contacts: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (i, estate) in estates.iter().enumerate() {
        contacts
            .entry(brokers[i % brokers.len()])
            .or_default()
            .push(*estate);
    }
    groups.push(("estate:address:contactPerson", contacts));
    let mut owners: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (i, estate) in estates.iter().take(WITH_OWNER).enumerate() {
        owners
            .entry(others[(i / 2) % others.len()])
            .or_default()
            .push(*estate);
    }
    groups.push(("estate:address:owner", owners));

    let mut made = 0;
    let none = Map::new();
    for (name, by_address) in groups {
        let (kind, ty) = kind(name)?;
        let module = |wire: &str| {
            Module::by_name(wire).ok_or_else(|| StoreError::Invalid(format!("no module {wire}")))
        };
        let (parent, child) = (module(ty.parent)?, module(ty.child)?);
        for (address, estates) in by_address {
            let children = [RecordRef {
                module: child,
                id: address,
            }];
            for part in estates.chunks(PARENTS_PER_CALL) {
                let parents: Vec<RecordRef> = part
                    .iter()
                    .map(|&id| RecordRef { module: parent, id })
                    .collect();
                let links = NewLinks {
                    kind: &kind,
                    parents: &parents,
                    children: &children,
                    info: &none,
                    one_parent: false,
                };
                match store.link(tenant, links).await? {
                    Linked::Made(n) => made += n,
                    other => return Err(StoreError::Invalid(format!("seed links: {other:?}"))),
                }
            }
        }
    }
    Ok(made)
}
