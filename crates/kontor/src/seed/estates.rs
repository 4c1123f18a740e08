//! Estates: a plausible object type, a price that fits the type and area, a real German
//! place with coordinates near its centre.

use kontor_store::geo::{Place, PLACES, STREET_NAMES};
use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Map, Value};

use super::{datetime_before, pick};

/// An object type with what makes its figures plausible.
struct Kind {
    art: &'static str,
    subtypes: &'static [&'static str],
    /// Living area range in m² (none for plots).
    area: (f64, f64),
    /// Purchase price and monthly cold rent per m², before the location factor.
    buy_sqm: f64,
    rent_sqm: f64,
}

const KINDS: &[Kind] = &[
    Kind {
        art: "haus",
        subtypes: &[
            "einfamilienhaus",
            "doppelhaushaelfte",
            "reihenhaus",
            "villa",
            "bungalow",
            "mehrfamilienhaus",
        ],
        area: (90.0, 260.0),
        buy_sqm: 3200.0,
        rent_sqm: 11.5,
    },
    Kind {
        art: "wohnung",
        subtypes: &[
            "etage",
            "dachgeschoss",
            "penthouse",
            "maisonette",
            "erdgeschoss",
            "apartment",
        ],
        area: (28.0, 160.0),
        buy_sqm: 3900.0,
        rent_sqm: 13.0,
    },
    Kind {
        art: "grundstueck",
        subtypes: &["wohnen", "gewerbe"],
        area: (0.0, 0.0),
        buy_sqm: 0.0,
        rent_sqm: 0.0,
    },
    Kind {
        art: "buero_praxen",
        subtypes: &["bueroflaeche", "praxisflaeche"],
        area: (60.0, 600.0),
        buy_sqm: 2600.0,
        rent_sqm: 14.0,
    },
    Kind {
        art: "einzelhandel",
        subtypes: &["ladenlokal", "verkaufssflaeche"],
        area: (40.0, 400.0),
        buy_sqm: 2400.0,
        rent_sqm: 18.0,
    },
];

const HEATING: &[&str] = &["etage", "ofen", "zentral", "fussboden", "fern"];
const TITLES: &[&str] = &[
    "Charmantes",
    "Modernes",
    "Helles",
    "Gepflegtes",
    "Großzügiges",
    "Ruhig gelegenes",
    "Saniertes",
    "Neuwertiges",
];

/// One estate's field values. Fields unknown to the catalog are dropped by the caller.
pub fn generate(rng: &mut StdRng) -> Map<String, Value> {
    let chosen: &Kind = pick(rng, KINDS);
    let (kind, subtypes, area_range) = (chosen.art, chosen.subtypes, chosen.area);
    let (buy_sqm, rent_sqm) = (chosen.buy_sqm, chosen.rent_sqm);
    let place: &Place = pick(rng, PLACES);
    let rent = kind != "grundstueck" && rng.gen_bool(0.35);
    // Cities cost more than towns; a factor per place keeps it plausible and stable.
    let location_factor = 0.6 + (place.zip.bytes().map(u32::from).sum::<u32>() % 90) as f64 / 100.0;
    let mut doc = Map::new();
    doc.insert("objektart".into(), json!(kind));
    doc.insert("objekttyp".into(), json!(pick(rng, subtypes)));
    doc.insert(
        "vermarktungsart".into(),
        json!(if rent { "miete" } else { "kauf" }),
    );
    doc.insert(
        "nutzungsart".into(),
        json!(if matches!(kind, "buero_praxen" | "einzelhandel") {
            "gewerbe"
        } else {
            "wohnen"
        }),
    );
    if kind == "grundstueck" {
        let plot = rng.gen_range(300.0..2500.0_f64).round();
        doc.insert("grundstuecksflaeche".into(), json!(plot));
        doc.insert(
            "kaufpreis".into(),
            json!((plot * rng.gen_range(120.0..650.0) * location_factor / 100.0).round() * 100.0),
        );
    } else {
        let area = (rng.gen_range(area_range.0..area_range.1) * 2.0_f64).round() / 2.0;
        doc.insert("wohnflaeche".into(), json!(area));
        doc.insert(
            "anzahl_zimmer".into(),
            json!(((area / 28.0).round()).clamp(1.0, 12.0)),
        );
        if rent {
            let cold = (area * rent_sqm * location_factor * rng.gen_range(0.85..1.15)).round();
            doc.insert("kaltmiete".into(), json!(cold));
            doc.insert("nebenkosten".into(), json!((area * 2.6).round()));
            doc.insert("warmmiete".into(), json!(cold + (area * 2.6).round()));
            doc.insert("kaution".into(), json!(cold * 3.0));
        } else {
            let price = (area * buy_sqm * location_factor * rng.gen_range(0.8..1.2) / 1000.0)
                .round()
                * 1000.0;
            doc.insert("kaufpreis".into(), json!(price));
        }
        doc.insert("baujahr".into(), json!(rng.gen_range(1900..2025)));
        let n = rng.gen_range(1..=2);
        let heating: Vec<&str> = (0..n)
            .map(|_| *pick(rng, HEATING))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        doc.insert("heizungsart".into(), json!(heating));
        doc.insert("balkon".into(), json!(u8::from(rng.gen_bool(0.5))));
    }
    doc.insert("strasse".into(), json!(pick(rng, STREET_NAMES)));
    doc.insert(
        "hausnummer".into(),
        json!(rng.gen_range(1..180).to_string()),
    );
    doc.insert("plz".into(), json!(place.zip));
    doc.insert("ort".into(), json!(place.city));
    doc.insert("ortsteil".into(), json!(place.district));
    doc.insert("bundesland".into(), json!(place.state));
    doc.insert("land".into(), json!("DEU"));
    doc.insert(
        "breitengrad".into(),
        json!(((place.lat + rng.gen_range(-0.02..0.02)) * 1e5).round() / 1e5),
    );
    doc.insert(
        "laengengrad".into(),
        json!(((place.lon + rng.gen_range(-0.03..0.03)) * 1e5).round() / 1e5),
    );
    let status = if rng.gen_bool(0.8) {
        1
    } else if rng.gen_bool(0.5) {
        2
    } else {
        0
    };
    doc.insert("status".into(), json!(status.to_string()));
    doc.insert(
        "veroeffentlichen".into(),
        json!(u8::from(status == 1 && rng.gen_bool(0.75))),
    );
    doc.insert("verkauft".into(), json!(u8::from(rng.gen_bool(0.1))));
    doc.insert("reserviert".into(), json!(u8::from(rng.gen_bool(0.1))));
    doc.insert(
        "objekttitel".into(),
        json!(format!("{} Objekt in {}", pick(rng, TITLES), place.city)),
    );
    let created = datetime_before(rng, 730);
    doc.insert("erstellt_am".into(), json!(created[..10]));
    doc.insert(
        "geaendert_am".into(),
        json!(datetime_before(rng, 180).max(created)),
    );
    doc
}

#[cfg(test)]
mod tests {
    use kontor_store::fields::{FieldConfig, FieldType};
    use kontor_store::Module;
    use rand::SeedableRng;
    use serde_json::Value;

    /// Every generated select value is one the catalog permits, so that a generated estate
    /// could also have been created through the API.
    #[test]
    fn generated_estates_use_only_permitted_select_values() {
        let config = FieldConfig::new(Module::ESTATE, Vec::new());
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..2_000 {
            for (name, value) in super::generate(&mut rng) {
                let Some(field) = config.get(&name) else {
                    continue;
                };
                let keys: Vec<&str> = match (&field.ty, &value) {
                    (FieldType::SingleSelect, Value::String(k)) => vec![k.as_str()],
                    (FieldType::MultiSelect, Value::Array(l)) => {
                        l.iter().filter_map(Value::as_str).collect()
                    }
                    _ => continue,
                };
                for key in keys {
                    assert!(
                        field.option(key).is_some(),
                        "{name}: {key:?} is not permitted"
                    );
                }
            }
        }
    }
}
