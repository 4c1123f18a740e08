//! Writing generated records in large transactions, with progress on stderr.

use indicatif::{ProgressBar, ProgressStyle};
use kontor_store::records::{ContactFamily, ContactSet};
use kontor_store::Module;
use kontor_store::{RecordStore, Store, StoreError, TenantId};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};

use super::{addresses, estates, searchcriteria};

/// Records per transaction: large enough that commits do not dominate, small enough that a
/// failure loses little and memory stays flat.
const CHUNK: u64 = 2_000;

/// How many of what to write.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub estates: u64,
    pub addresses: u64,
    pub seed: u64,
    pub progress: bool,
}

fn bar(total: u64, what: &str, show: bool) -> ProgressBar {
    if !show || total == 0 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template(&format!(
        "{{spinner}} {what:<9} [{{bar:40}}] {{pos}}/{{len}} ({{per_sec}}, {{eta}} left)"
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// Generates and writes the records, then links them (`relations.rs`); answers the number
/// of links. Estates, addresses and search criteria use separate random streams, so that
/// adding addresses never changes the estates of the same seed.
pub async fn run(store: &Store, tenant: TenantId, plan: Plan) -> Result<u64, StoreError> {
    let estate_fields = store.load_field_config(tenant, Module::ESTATE).await?;
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let progress = bar(plan.estates, "estates", plan.progress);
    let mut done = 0;
    let mut estate_ids = Vec::new();
    while done < plan.estates {
        let n = CHUNK.min(plan.estates - done);
        let docs: Vec<Map<String, Value>> = (0..n)
            .map(|_| {
                let mut doc = estates::generate(&mut rng);
                doc.retain(|k, _| estate_fields.get(k).is_some());
                doc
            })
            .collect();
        estate_ids.extend(store.insert_records(tenant, Module::ESTATE, docs).await?);
        done += n;
        progress.inc(n);
    }
    progress.finish();

    let address_fields = store.load_field_config(tenant, Module::ADDRESS).await?;
    let mut rng = StdRng::seed_from_u64(plan.seed ^ 0x5eed_add2);
    let progress = bar(plan.addresses, "addresses", plan.progress);
    let mut done = 0;
    let mut address_ids = Vec::with_capacity(plan.addresses as usize);
    while done < plan.addresses {
        let n = CHUNK.min(plan.addresses - done);
        let generated: Vec<_> = (0..n)
            .map(|i| addresses::generate(&mut rng, done + i))
            .collect();
        let contacts: u32 = generated.iter().map(|(_, c)| c.len() as u32).sum();
        let last_kdnr = store.next_ids(tenant, "address_kdnr", n as u32).await?;
        let last_contact = store
            .next_ids(tenant, "address_contact", contacts.max(1))
            .await?;
        let mut kdnr = last_kdnr - n as i64;
        let mut contact_id = last_contact - i64::from(contacts.max(1));
        let docs = generated
            .into_iter()
            .map(|(mut doc, entries)| {
                doc.retain(|k, _| address_fields.get(k).is_some());
                kdnr += 1;
                doc.insert("KdNr".into(), json!(kdnr));
                // The first entry of each group is its main one, as a create makes it.
                let mut groups: Vec<ContactSet> = Vec::new();
                let list: Vec<Value> = entries
                    .iter()
                    .map(|(kind, value)| {
                        contact_id += 1;
                        let group = ContactFamily::of(kind).default_group();
                        let main = !groups.contains(&group);
                        groups.push(group);
                        json!({"id": contact_id, "type": kind, "value": value, "default": main})
                    })
                    .collect();
                if let Some((_, email)) = entries.iter().find(|(k, _)| *k == "email") {
                    doc.insert("Email".into(), json!(email));
                }
                doc.insert("_contacts".into(), Value::Array(list));
                doc
            })
            .collect();
        address_ids.extend(store.insert_records(tenant, Module::ADDRESS, docs).await?);
        done += n;
        progress.inc(n);
    }
    progress.finish();
    seed_criteria(store, tenant, &plan, &address_ids).await?;
    let links = super::relations::link(store, tenant, &estate_ids, &address_ids).await?;
    store.optimize().await?;
    Ok(links)
}

/// Search criteria for a share of the addresses, each drawn from the seed.
async fn seed_criteria(
    store: &Store,
    tenant: TenantId,
    plan: &Plan,
    addresses: &[i64],
) -> Result<(), StoreError> {
    let fields = store
        .load_field_config(tenant, Module::SEARCHCRITERIA)
        .await?;
    let mut rng = StdRng::seed_from_u64(plan.seed ^ 0x5eed_c417);
    let owners: Vec<i64> = addresses
        .iter()
        .copied()
        .filter(|_| rng.gen_bool(searchcriteria::SHARE))
        .collect();
    let progress = bar(owners.len() as u64, "criteria", plan.progress);
    for chunk in owners.chunks(CHUNK as usize) {
        let docs: Vec<Map<String, Value>> = chunk
            .iter()
            .map(|owner| {
                let mut doc = searchcriteria::generate(&mut rng, *owner);
                doc.retain(|k, _| fields.get(k).is_some());
                doc
            })
            .collect();
        store
            .insert_records(tenant, Module::SEARCHCRITERIA, docs)
            .await?;
        progress.inc(chunk.len() as u64);
    }
    progress.finish();
    Ok(())
}
