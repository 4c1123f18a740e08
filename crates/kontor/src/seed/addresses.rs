//! Addresses: people and a few companies, with a phone number and an e-mail address.

use kontor_store::geo::{FIRST_NAMES, LAST_NAMES, PLACES, STREET_NAMES};
use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Map, Value};

use super::{datetime_before, pick};

/// One address's field values and its contact entries `(type, value)`; the entry ids, `KdNr`
/// and the main e-mail are filled in by the caller.
pub fn generate(rng: &mut StdRng, n: u64) -> (Map<String, Value>, Vec<(&'static str, String)>) {
    let first = *pick(rng, FIRST_NAMES);
    let last = *pick(rng, LAST_NAMES);
    let place = pick(rng, PLACES);
    let mut doc = Map::new();
    doc.insert(
        "Anrede".into(),
        json!(if rng.gen_bool(0.5) { "Herr" } else { "Frau" }),
    );
    doc.insert("Vorname".into(), json!(first));
    doc.insert("Name".into(), json!(last));
    doc.insert(
        "Strasse".into(),
        json!(format!(
            "{} {}",
            pick(rng, STREET_NAMES),
            rng.gen_range(1..120)
        )),
    );
    doc.insert("Plz".into(), json!(place.zip));
    doc.insert("Ort".into(), json!(place.city));
    doc.insert("Land".into(), json!("DEU"));
    doc.insert(
        "Status".into(),
        json!(if rng.gen_bool(0.92) { "1" } else { "0" }),
    );
    let created = datetime_before(rng, 1000);
    doc.insert("Eintragsdatum".into(), json!(created[..10]));
    doc.insert(
        "Aenderung".into(),
        json!(datetime_before(rng, 200).max(created)),
    );
    let email = format!(
        "{}.{}{}@example.{}",
        ascii(first),
        ascii(last),
        n,
        if rng.gen_bool(0.7) { "de" } else { "com" }
    );
    let phone = format!(
        "0{} {}",
        rng.gen_range(201..9999),
        rng.gen_range(100_000..9_999_999)
    );
    let mut contacts = vec![("email", email), ("phone_private", phone)];
    if rng.gen_bool(0.4) {
        contacts.push((
            "mobile",
            format!("0171 {}", rng.gen_range(1_000_000..9_999_999)),
        ));
    }
    (doc, contacts)
}

/// E-mail local parts in plain ASCII (`Jürgen` → `juergen`).
fn ascii(name: &str) -> String {
    name.to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}
