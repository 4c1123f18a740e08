//! Search criteria: what about four in ten addresses look for, around a town they name.

use kontor_store::geo::PLACES;
use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Map, Value};

use super::{datetime_before, pick};

/// The share of addresses with a search criterion.
pub const SHARE: f64 = 0.4;

const KINDS: &[&str] = &["haus", "wohnung", "wohnung", "grundstueck"];

/// One criterion of address `address`, in its stored form (numbers as numbers, selects as
/// keys): the fields a create through the API would have left, stamps included.
pub fn generate(rng: &mut StdRng, address: i64) -> Map<String, Value> {
    let place = pick(rng, PLACES);
    let kind = *pick(rng, KINDS);
    let buy = kind == "grundstueck" || rng.gen_bool(0.6);
    let mut doc = Map::new();
    doc.insert("adresse".into(), json!(address));
    doc.insert(
        "vermarktungsart".into(),
        json!(if buy { "kauf" } else { "miete" }),
    );
    doc.insert("nutzungsart".into(), json!(["wohnen"]));
    doc.insert("objektart".into(), json!([kind]));
    let (field, step, steps) = if buy {
        ("kaufpreis", 25_000.0, 4..40)
    } else {
        ("kaltmiete", 50.0, 6..40)
    };
    let low = f64::from(rng.gen_range(steps.clone())) * step;
    let high = low + f64::from(rng.gen_range(2..12)) * step;
    doc.insert(format!("{field}__von"), json!(low));
    doc.insert(format!("{field}__bis"), json!(high));
    if kind != "grundstueck" {
        let area = f64::from(rng.gen_range(4..30)) * 5.0;
        doc.insert("wohnflaeche__von".into(), json!(area));
        doc.insert("wohnflaeche__bis".into(), json!(0));
        doc.insert("anzahl_zimmer__von".into(), json!(rng.gen_range(1..6)));
        doc.insert("anzahl_zimmer__bis".into(), json!(0));
    }
    doc.insert("range_plz".into(), json!(place.zip));
    doc.insert("range_ort".into(), json!(place.city));
    doc.insert("range_land".into(), json!("DEU"));
    doc.insert("range".into(), json!(rng.gen_range(1..11) * 5));
    doc.insert("range_breitengrad".into(), json!(place.lat));
    doc.insert("range_laengengrad".into(), json!(place.lon));
    doc.insert(
        "status".into(),
        json!(if rng.gen_bool(0.9) { "1" } else { "0" }),
    );
    doc.insert("advisor".into(), json!(1));
    doc.insert("creator".into(), json!(1));
    doc.insert("characteristic".into(), json!(["manual_saved"]));
    let created = datetime_before(rng, 700);
    doc.insert(
        "editdate".into(),
        json!(datetime_before(rng, 100).max(created.clone())),
    );
    doc.insert("creationdate".into(), json!(created));
    doc
}
