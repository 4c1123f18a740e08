//! The estates, language versions and saved filter the read property test writes, the
//! requests it makes of them, and a plain evaluation of each request (`read_combinations.rs`).

#![allow(dead_code)]

mod evaluation;
mod requests;

pub(crate) use evaluation::*;
pub(crate) use requests::*;

use crate::common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Map, Value};

/// The centre of the radius searches: the postcode 52068 of Kontor's table.
pub(crate) const CENTRE: (f64, f64) = (50.7750, 6.1150);
pub(crate) const KM_PER_DEGREE: f64 = 111.195;

pub(crate) const ORTE: &[&str] = &["Aachen", "Bonn", "Köln", "", "Zeitz", "aachen"];
pub(crate) const TITLES: &[&str] = &["Haus am See", "Wohnung", "haus", "", "Bonner Villa"];
pub(crate) const PRICES: &[f64] = &[100_000.0, 250_000.0, 250_000.5, 400_000.0];
pub(crate) const ROOMS: &[f64] = &[1.0, 2.5, 4.0];
/// Distances from the centre, far from every radius asked for, so that rounding never
/// decides a case.
pub(crate) const DISTANCES_KM: &[f64] = &[0.5, 3.0, 12.0, 40.0, 150.0];
pub(crate) const RADII_KM: &[f64] = &[2.0, 8.0, 25.0, 80.0];
/// The fields every read asks for.
pub(crate) const DATA: &[&str] = &[
    "Id",
    "kaufpreis",
    "ort",
    "objekttitel",
    "anzahl_zimmer",
    "status",
    "vermarktungsart",
    "breitengrad",
    "laengengrad",
];

/// How a field compares: as a number or as text (byte order), as docs/compat.md says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Number,
    Text,
}

pub(crate) fn kind(field: &str) -> Kind {
    match field {
        "kaufpreis" | "anzahl_zimmer" | "breitengrad" | "laengengrad" | "Id" => Kind::Number,
        // Addresses: the record id and the integer columns.
        "id" | "KdNr" | "Status" => Kind::Number,
        _ => Kind::Text,
    }
}

/// A record as a read of its language finds it.
#[derive(Debug, Clone)]
pub(crate) struct Rec {
    /// The record id of the answer (a version's own id).
    pub id: i64,
    /// The main estate's id: what `Id` filters, sorts and `resourceid` refer to.
    pub main: i64,
    /// `None` for a main-language estate (and an address).
    pub version: Option<&'static str>,
    pub values: Map<String, Value>,
}

impl Rec {
    fn number(&self, field: &str) -> f64 {
        if field == "Id" || field == "id" {
            return self.main as f64;
        }
        match self.values.get(field) {
            Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
            Some(Value::String(s)) => s.parse().unwrap_or(0.0),
            _ => 0.0,
        }
    }

    pub(crate) fn text(&self, field: &str) -> String {
        match self.values.get(field) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    }
}

/// The data the test wrote: every record per language the reads see.
pub(crate) struct World {
    pub deu: Vec<Rec>,
    pub eng: Vec<Rec>,
    pub fra: Vec<Rec>,
    pub mains: Vec<i64>,
    pub saved_filter: i64,
}

impl World {
    fn records(&self, language: Option<&str>) -> &[Rec] {
        match language {
            None | Some("DEU") => &self.deu,
            Some("ENG") => &self.eng,
            Some("FRA") => &self.fra,
            Some(_) => &[],
        }
    }
}

/// A point `km` east-north-east of the centre, with five decimals as the API keeps them.
pub(crate) fn point(km: f64) -> (f64, f64) {
    let round = |x: f64| (x * 100_000.0).round() / 100_000.0;
    let dlat = km * 0.6 / KM_PER_DEGREE;
    let dlon = km * 0.8 / (KM_PER_DEGREE * CENTRE.0.to_radians().cos());
    (round(CENTRE.0 + dlat), round(CENTRE.1 + dlon))
}

pub(crate) async fn call(
    server: &TestServer,
    c: &Credentials,
    verb: ActionVerb,
    resourceid: Value,
    params: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    server.call(c, verb, "estate", resourceid, params).await
}

/// Writes 24 estates, English versions of every third (some with a price or a place of their
/// own) and French ones of every fifth, and learns the versions' ids.
pub(crate) async fn build(
    server: &TestServer,
    c: &Credentials,
) -> Result<World, Box<dyn std::error::Error>> {
    let mut deu = Vec::new();
    let mut versions: Vec<(&'static str, i64, Map<String, Value>)> = Vec::new();
    for i in 0..24usize {
        let mut data = Map::new();
        data.insert("ort".into(), json!(ORTE[i % ORTE.len()]));
        data.insert("vermarktungsart".into(), json!(["kauf", "miete"][i % 2]));
        data.insert("status".into(), json!(["1", "0", "2"][(i / 2) % 3]));
        if i % 7 != 3 {
            data.insert("kaufpreis".into(), json!(PRICES[i * 5 % PRICES.len()]));
        }
        if i % 4 != 1 {
            data.insert("anzahl_zimmer".into(), json!(ROOMS[i % ROOMS.len()]));
        }
        if i % 6 != 5 {
            data.insert("objekttitel".into(), json!(TITLES[i * 3 % TITLES.len()]));
        }
        if i % 9 != 8 {
            let (lat, lon) = point(DISTANCES_KM[i * 7 % DISTANCES_KM.len()]);
            data.insert("breitengrad".into(), json!(lat));
            data.insert("laengengrad".into(), json!(lon));
        }
        let created = call(
            server,
            c,
            ActionVerb::Create,
            json!(""),
            json!({ "data": data }),
        )
        .await?;
        let id = created["data"]["records"][0]["id"]
            .as_i64()
            .ok_or_else(|| format!("create failed: {created}"))?;
        // Create applies the configured default `status` when none is sent.
        let mut values = data.clone();
        values.entry("status").or_insert(json!("1"));
        if i % 3 == 0 {
            let mut own = Map::new();
            own.insert("objekttitel".into(), json!(format!("House {i}")));
            if i % 2 == 0 {
                own.insert("kaufpreis".into(), json!(PRICES[(i + 1) % PRICES.len()]));
            }
            if i % 4 == 0 {
                let (lat, lon) = point(DISTANCES_KM[(i + 2) % DISTANCES_KM.len()]);
                own.insert("breitengrad".into(), json!(lat));
                own.insert("laengengrad".into(), json!(lon));
                own.insert("ort".into(), json!("Aix-la-Chapelle"));
            }
            versions.push(("ENG", id, own));
        }
        if i % 5 == 0 {
            let mut own = Map::new();
            own.insert("objekttitel".into(), json!(format!("Maison {i}")));
            versions.push(("FRA", id, own));
        }
        deu.push(Rec {
            id,
            main: id,
            version: None,
            values,
        });
    }
    let mut eng = Vec::new();
    let mut fra = Vec::new();
    for (language, main, own) in versions {
        let written = call(
            server,
            c,
            ActionVerb::Modify,
            json!(main),
            json!({"estatelanguage": language, "data": own}),
        )
        .await?;
        if written["status"]["errorcode"] != 0 {
            return Err(format!("modify {language} {main}: {written}").into());
        }
        let read = call(
            server,
            c,
            ActionVerb::Read,
            json!(main),
            json!({"estatelanguage": language, "data": ["Id"]}),
        )
        .await?;
        let id = read["data"]["records"][0]["id"]
            .as_i64()
            .ok_or_else(|| format!("no {language} version of {main}: {read}"))?;
        // A new version starts as a copy of its main estate.
        let base = deu
            .iter()
            .find(|r| r.id == main)
            .ok_or("unknown main estate")?;
        let mut values = base.values.clone();
        values.extend(own);
        let rec = Rec {
            id,
            main,
            version: Some(language),
            values,
        };
        match language {
            "ENG" => eng.push(rec),
            _ => fra.push(rec),
        }
    }
    let saved_filter = server.saved_filter(c).await?;
    let mains = deu.iter().map(|r| r.id).collect();
    Ok(World {
        deu,
        eng,
        fra,
        mains,
        saved_filter,
    })
}
