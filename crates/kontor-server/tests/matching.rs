//! Matching on the wire, against an evaluation of its own: random search criteria and random
//! estates, every answer of `get search` (resource id `searchcriteria`) and
//! `get qualifiedsuitors` compared with what this file computes from the rules of
//! docs/matching.md, on the backend the environment selects.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::answers::{code, ids, make};
use common::*;
use kontor_proto::ActionVerb;
use serde_json::{json, Map, Value};

/// Postcodes of the test and their centres (the postcode table's values, written out here so
/// that the expected distances do not come from the code under test).
const PLACES: &[(&str, f64, f64)] = &[
    ("52062", 50.7760, 6.0840),
    ("50667", 50.9390, 6.9560),
    ("52349", 50.8030, 6.4820),
    ("53111", 50.7370, 7.0990),
    ("40210", 51.2220, 6.7900),
    ("10115", 52.5323, 13.3846),
    ("80331", 48.1370, 11.5750),
];

fn coords(zip: &str) -> (f64, f64) {
    PLACES
        .iter()
        .find(|p| p.0 == zip)
        .map_or((0.0, 0.0), |p| (p.1, p.2))
}

/// Haversine distance in km, on a sphere of 6,371 km.
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let dp = (b.0 - a.0).to_radians();
    let dl = (b.1 - a.1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// A small deterministic generator (xorshift64*), so that a failure repeats.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A criterion as the test made it.
#[derive(Debug, Clone)]
struct Crit {
    id: i64,
    address: i64,
    active: bool,
    marketing: Option<&'static str>,
    kinds: Vec<&'static str>,
    price: (f64, f64),
    rooms: (f64, f64),
    balcony: bool,
    /// Postcode of the centre and radius in km.
    circle: Option<(&'static str, f64)>,
}

/// What is matched: `searchdata`, or an estate.
#[derive(Debug, Clone, Default)]
struct Probe {
    marketing: Option<&'static str>,
    kinds: Vec<&'static str>,
    price: Option<f64>,
    rooms: Option<f64>,
    balcony: Option<bool>,
    zip: Option<&'static str>,
    radius: f64,
}

fn range(rng: &mut Rng, ends: &[f64]) -> (f64, f64) {
    let (a, b) = (rng.pick(ends), rng.pick(ends));
    match (a, b) {
        (0.0, _) | (_, 0.0) => (a, b),
        _ => (a.min(b), a.max(b)),
    }
}

const PRICES: &[f64] = &[0.0, 100_000.0, 200_000.0, 300_000.0];
const ROOMS: &[f64] = &[0.0, 2.0, 3.0, 4.0, 5.0];
const KINDS: &[&str] = &["haus", "wohnung", "grundstueck"];
const MARKETING: &[&str] = &["kauf", "miete"];
const RADII: &[f64] = &[10.0, 50.0, 100.0, 300.0];

impl Crit {
    fn random(rng: &mut Rng, address: i64) -> Crit {
        let mut kinds: Vec<&str> = KINDS.iter().copied().filter(|_| rng.chance(35)).collect();
        kinds.dedup();
        Crit {
            id: 0,
            address,
            active: rng.chance(80),
            marketing: rng.chance(50).then(|| rng.pick(MARKETING)),
            kinds,
            price: range(rng, PRICES),
            rooms: range(rng, ROOMS),
            balcony: rng.chance(25),
            circle: rng
                .chance(50)
                .then(|| (rng.pick(PLACES).0, rng.pick(RADII))),
        }
    }

    fn data(&self) -> Value {
        let mut data = Map::new();
        data.insert(
            "sys_status".into(),
            json!(if self.active { "1" } else { "0" }),
        );
        if let Some(m) = self.marketing {
            data.insert("vermarktungsart".into(), json!(m));
        }
        if !self.kinds.is_empty() {
            data.insert("objektart".into(), json!(self.kinds));
        }
        for (name, (lo, hi)) in [("kaufpreis", self.price), ("anzahl_zimmer", self.rooms)] {
            data.insert(format!("{name}__von"), json!(lo.to_string()));
            data.insert(format!("{name}__bis"), json!(hi.to_string()));
        }
        if self.balcony {
            data.insert("balkon".into(), json!(1));
        }
        if let Some((zip, radius)) = self.circle {
            data.insert("range_plz".into(), json!(zip));
            data.insert("range".into(), json!(radius.to_string()));
        }
        json!({"addressid": self.address, "data": data})
    }

    /// The rules of docs/matching.md, written out again: `None` when it does not suit,
    /// else (fields confirmed, fields the probe has no value for).
    fn suits(&self, p: &Probe) -> Option<(usize, usize)> {
        if !self.active {
            return None;
        }
        let (mut yes, mut unknown) = (0, 0);
        let mut field = |set: bool, given: bool, ok: bool| -> bool {
            match (set, given) {
                (false, _) => true,
                (true, false) => {
                    unknown += 1;
                    true
                }
                (true, true) => {
                    yes += usize::from(ok);
                    ok
                }
            }
        };
        let within =
            |(lo, hi): (f64, f64), v: f64| (lo == 0.0 || v >= lo) && (hi == 0.0 || v <= hi);
        let checks = [
            field(
                self.marketing.is_some(),
                p.marketing.is_some(),
                self.marketing == p.marketing,
            ),
            field(
                !self.kinds.is_empty(),
                !p.kinds.is_empty(),
                p.kinds.iter().any(|k| self.kinds.contains(k)),
            ),
            field(
                self.price != (0.0, 0.0),
                p.price.is_some(),
                p.price.is_some_and(|v| within(self.price, v)),
            ),
            field(
                self.rooms != (0.0, 0.0),
                p.rooms.is_some(),
                p.rooms.is_some_and(|v| within(self.rooms, v)),
            ),
            field(self.balcony, p.balcony.is_some(), p.balcony == Some(true)),
            field(
                self.circle.is_some(),
                p.zip.is_some(),
                match (self.circle, p.zip) {
                    (Some((centre, r)), Some(zip)) => {
                        km(coords(centre), coords(zip)) <= r + p.radius
                    }
                    _ => false,
                },
            ),
        ];
        checks.iter().all(|ok| *ok).then_some((yes, unknown))
    }
}

impl Probe {
    fn random(rng: &mut Rng) -> Probe {
        Probe {
            marketing: rng.chance(50).then(|| rng.pick(MARKETING)),
            kinds: match rng.below(4) {
                0 => vec![rng.pick(KINDS)],
                1 => vec![rng.pick(KINDS), rng.pick(KINDS)],
                _ => Vec::new(),
            },
            price: rng
                .chance(50)
                .then(|| rng.pick(&[50_000.0, 150_000.0, 200_000.0, 250_000.0, 400_000.0])),
            rooms: rng.chance(50).then(|| rng.pick(&[1.0, 2.0, 3.5, 4.0, 6.0])),
            balcony: rng.chance(40).then(|| rng.chance(50)),
            zip: rng.chance(60).then(|| rng.pick(PLACES).0),
            radius: 0.0,
        }
    }

    fn searchdata(&self) -> Value {
        let mut data = Map::new();
        if let Some(m) = self.marketing {
            data.insert("vermarktungsart".into(), json!(m));
        }
        if !self.kinds.is_empty() {
            // Comma-separated values are alternatives.
            data.insert("objektart".into(), json!(self.kinds.join(",")));
        }
        if let Some(v) = self.price {
            data.insert("kaufpreis".into(), json!(v.to_string()));
        }
        if let Some(v) = self.rooms {
            data.insert("anzahl_zimmer".into(), json!(v));
        }
        if let Some(b) = self.balcony {
            data.insert("balkon".into(), json!(if b { "1" } else { "0" }));
        }
        if let Some(zip) = self.zip {
            data.insert("range_plz".into(), json!(zip));
            if self.radius > 0.0 {
                data.insert("range".into(), json!(self.radius.to_string()));
            }
        }
        Value::Object(data)
    }

    /// The same values as a stored estate (one kind, the estate's postcode).
    fn estate(&self) -> Value {
        let mut data = Map::new();
        if let Some(m) = self.marketing {
            data.insert("vermarktungsart".into(), json!(m));
        }
        if let Some(k) = self.kinds.first() {
            data.insert("objektart".into(), json!(k));
        }
        if let Some(v) = self.price {
            data.insert("kaufpreis".into(), json!(v));
        }
        if let Some(v) = self.rooms {
            data.insert("anzahl_zimmer".into(), json!(v));
        }
        if let Some(b) = self.balcony {
            data.insert("balkon".into(), json!(b));
        }
        if let Some(zip) = self.zip {
            data.insert("plz".into(), json!(zip));
        }
        json!({ "data": data })
    }
}

#[tokio::test]
async fn random_criteria_are_found_as_the_rules_say() -> TestResult {
    let server = TestServer::start().await?;
    let c = server.tenant("matching", 'a').await?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut addresses = Vec::new();
    for n in 0..6 {
        addresses.push(
            make(
                &server,
                &c,
                "address",
                json!({"Name": format!("Suchend {n}")}),
            )
            .await?,
        );
    }
    let mut criteria = Vec::new();
    for _ in 0..60 {
        let address = rng.pick(&addresses);
        let mut crit = Crit::random(&mut rng, address);
        crit.id = make(&server, &c, "searchcriteria", crit.data()).await?;
        criteria.push(crit);
    }
    // Both outcomes must occur, or the comparison proves little.
    let (mut suited, mut refused) = (0, 0);
    for round in 0..40 {
        let mut probe = Probe::random(&mut rng);
        if probe.zip.is_some() && round % 3 == 0 {
            probe.radius = rng.pick(&[0.0, 20.0, 200.0]);
        }
        let expected: Vec<&Crit> = criteria
            .iter()
            .filter(|k| k.suits(&probe).is_some())
            .collect();
        let params = json!({"searchdata": probe.searchdata(), "groupbyaddress": false,
                            "limit": 500, "outputfields": ["Id", "adresse"]});
        let all = server
            .call(
                &c,
                ActionVerb::Get,
                "search",
                json!("searchcriteria"),
                params,
            )
            .await?;
        assert_eq!(code(&all), 0, "{all}");
        let want: Vec<i64> = expected.iter().map(|k| k.id).collect();
        suited += want.len();
        refused += criteria.len() - want.len();
        assert_eq!(ids(&all), want, "{probe:?}");
        assert_eq!(
            all["data"]["meta"]["cntabsolute"],
            json!(want.len()),
            "{probe:?}"
        );
        for (record, crit) in all["data"]["records"]
            .as_array()
            .into_iter()
            .flatten()
            .zip(&expected)
        {
            assert_eq!(
                record["elements"]["adresse"],
                json!(crit.address.to_string())
            );
        }
        // Grouped (the default): the first criterion of each address, in id order.
        let grouped = server
            .call(
                &c,
                ActionVerb::Get,
                "search",
                json!("searchcriteria"),
                json!({"searchdata": probe.searchdata(), "limit": 500}),
            )
            .await?;
        let mut seen = BTreeSet::new();
        let first: Vec<i64> = expected
            .iter()
            .filter(|k| seen.insert(k.address))
            .map(|k| k.id)
            .collect();
        assert_eq!(ids(&grouped), first, "{probe:?}");
    }
    assert!(
        suited > 100 && refused > 100,
        "suited {suited}, refused {refused}"
    );
    // Estates: the addresses whose best criterion suits, best first.
    for _ in 0..12 {
        let mut probe = Probe::random(&mut rng);
        probe.kinds.truncate(1);
        let estate = make(&server, &c, "estate", probe.estate()).await?;
        let mut best: BTreeMap<i64, (u32, i64)> = BTreeMap::new();
        for crit in &criteria {
            let Some((yes, unknown)) = crit.suits(&probe) else {
                continue;
            };
            let percent = match yes + unknown {
                0 => 100,
                all => ((yes * 100) as f64 / all as f64).round() as u32,
            };
            let entry = best.entry(crit.address).or_insert((percent, crit.id));
            if percent > entry.0 {
                *entry = (percent, crit.id);
            }
        }
        let mut want: Vec<(i64, u32, i64)> = best.iter().map(|(a, (p, k))| (*a, *p, *k)).collect();
        want.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        let got = server
            .call(
                &c,
                ActionVerb::Get,
                "qualifiedsuitors",
                json!(""),
                json!({"estateid": estate}),
            )
            .await?;
        assert_eq!(code(&got), 0, "{got}");
        let answered: Vec<(i64, u32, i64)> = got["data"]["records"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                let e = &r["elements"];
                (
                    r["id"].as_i64().unwrap_or(-1),
                    e["percentage"].as_u64().unwrap_or(999) as u32,
                    e["searchcriteria"].as_i64().unwrap_or(-1),
                )
            })
            .collect();
        assert_eq!(answered, want, "{probe:?}");
        assert_eq!(got["data"]["meta"]["cntabsolute"], json!(want.len()));
    }
    Ok(())
}
