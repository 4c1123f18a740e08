//! The request bodies the bench sends: signed like the real clients sign them, with filter
//! values that change from request to request where the scenario says so.

use std::sync::OnceLock;

use kontor_proto::hmac::sign_v2;
use kontor_proto::ActionVerb;
use kontor_store::fields::{FieldConfig, FieldDef};
use kontor_store::geo::PLACES;
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde_json::{json, Map, Value};

use crate::seed::estates;

/// The fields a website's list view asks for (title, price, area, rooms, place).
pub const LIST_FIELDS: &[&str] = &[
    "Id",
    "objekttitel",
    "objektart",
    "vermarktungsart",
    "kaufpreis",
    "kaltmiete",
    "wohnflaeche",
    "anzahl_zimmer",
    "plz",
    "ort",
];

/// Thirty fields, nearly everything the seed writes: an export or a detail-heavy list.
pub const WIDE_FIELDS: &[&str] = &[
    "Id",
    "objektart",
    "objekttyp",
    "vermarktungsart",
    "nutzungsart",
    "kaufpreis",
    "kaltmiete",
    "nebenkosten",
    "warmmiete",
    "kaution",
    "wohnflaeche",
    "grundstuecksflaeche",
    "anzahl_zimmer",
    "baujahr",
    "heizungsart",
    "balkon",
    "strasse",
    "hausnummer",
    "plz",
    "ort",
    "ortsteil",
    "bundesland",
    "land",
    "breitengrad",
    "laengengrad",
    "status",
    "veroeffentlichen",
    "verkauft",
    "reserviert",
    "objekttitel",
];

/// Signs actions with HMAC v2 at the current time, as the PHP SDK does.
#[derive(Debug, Clone)]
pub struct Signer {
    pub token: String,
    pub secret: String,
}

impl Signer {
    pub fn action(&self, verb: ActionVerb, resourcetype: &str, parameters: Value) -> Value {
        let timestamp = kontor_proto::time::unix_now();
        let actionid = verb.urn();
        let hmac = sign_v2(
            &self.secret,
            &timestamp.to_string(),
            &self.token,
            resourcetype,
            &actionid,
        );
        json!({
            "actionid": actionid,
            "identifier": "",
            "parameters": parameters,
            "resourceid": "",
            "resourcetype": resourcetype,
            "timestamp": timestamp,
            "hmac_version": 2,
            "hmac": hmac,
        })
    }

    pub fn envelope(&self, actions: Vec<Value>) -> Vec<u8> {
        let body = json!({"token": self.token, "request": {"actions": actions}});
        // A `Value` with string keys always serialises; an empty body would show up as an
        // error response in the results rather than vanish.
        serde_json::to_vec(&body).unwrap_or_default()
    }

    pub fn read_estate(&self, parameters: Value) -> Vec<u8> {
        self.envelope(vec![self.action(ActionVerb::Read, "estate", parameters)])
    }
}

/// Scenario (a)/(c): active estates in a price band, cheapest first. With `vary`, the band
/// moves by ten cents per request (two million bands between 100,000 and 300,000), so that
/// no two requests share a cached count; without it, every request is the same query, as a
/// website's listing page repeats it.
pub fn listing(i: u64, vary: bool, limit: u32, fields: &[&str]) -> Value {
    let band = if vary {
        let low = 100_000.0 + (i % 2_000_000) as f64 / 10.0;
        json!([low, low + 300_000.0])
    } else {
        json!([100_000, 400_000])
    };
    json!({
        "data": fields,
        "filter": {
            "status": [{"op": "=", "val": 1}],
            "kaufpreis": [{"op": "between", "val": band}],
        },
        "sortby": {"kaufpreis": "ASC"},
        "listlimit": limit,
    })
}

/// How a field-sweep query picks its filter value.
#[derive(Debug, Clone, Copy)]
pub struct FieldCase {
    pub field: &'static str,
    /// A typed, indexed column (columns.rs of kontor-store) rather than a JSON path.
    pub indexed: bool,
    /// How many different filters the generator produces: below the number of requests,
    /// the count cache answers after the first round.
    pub distinct: &'static str,
    build: fn(u64, u64) -> (Value, Value),
}

impl FieldCase {
    /// The parameters of request `i` against a tenant of `size` estates.
    pub fn parameters(&self, i: u64, size: u64) -> Value {
        let (filter, sortby) = (self.build)(i, size);
        json!({
            "data": LIST_FIELDS,
            "filter": {self.field: [filter]},
            "sortby": {self.field: sortby},
            "listlimit": 20,
        })
    }
}

const OBJEKTARTEN: &[&str] = &[
    "haus",
    "wohnung",
    "grundstueck",
    "buero_praxen",
    "einzelhandel",
];

/// The seeded cities, without repeats, in the order of the place table. Computed once: the
/// generators run on every request, inside the timed loop.
fn cities() -> &'static [&'static str] {
    static CITIES: OnceLock<Vec<&'static str>> = OnceLock::new();
    CITIES.get_or_init(|| {
        let mut seen = Vec::new();
        for place in PLACES {
            if !seen.contains(&place.city) {
                seen.push(place.city);
            }
        }
        seen
    })
}

/// The seeded postcodes, sorted (plz compares as text).
fn zips() -> &'static [&'static str] {
    static ZIPS: OnceLock<Vec<&'static str>> = OnceLock::new();
    ZIPS.get_or_init(|| {
        let mut zips: Vec<&str> = PLACES.iter().map(|p| p.zip).collect();
        zips.sort_unstable();
        zips.dedup();
        zips
    })
}

/// `geaendert_am` of the seed lies in the 180 days before 2026-11-01; this is 2026-08-01.
const AUGUST_2026: i64 = 1_785_542_400;

/// Scenario (b): one filter and one sort on each field real clients use, plus two fields
/// that live only in the JSON document.
pub const FIELD_CASES: &[FieldCase] = &[
    FieldCase {
        field: "Id",
        indexed: true,
        distinct: "one per request",
        build: |i, size| {
            // The same window at every size (the same read), placed anywhere in the id
            // range; a prime step spreads consecutive requests over it.
            let from = (i.wrapping_mul(7_919)) % size.max(1);
            (
                json!({"op": "between", "val": [from, from + 500]}),
                json!("DESC"),
            )
        },
    },
    FieldCase {
        field: "status",
        indexed: true,
        distinct: "3 (cached)",
        build: |i, _| {
            let status = [1, 2, 0][(i % 3) as usize];
            (json!({"op": "=", "val": status}), json!("ASC"))
        },
    },
    FieldCase {
        field: "veroeffentlichen",
        indexed: true,
        distinct: "2 (cached)",
        build: |i, _| (json!({"op": "=", "val": i % 2}), json!("DESC")),
    },
    FieldCase {
        field: "objektart",
        indexed: true,
        distinct: "5 (cached)",
        build: |i, _| {
            let art = OBJEKTARTEN[(i % OBJEKTARTEN.len() as u64) as usize];
            (json!({"op": "=", "val": art}), json!("ASC"))
        },
    },
    FieldCase {
        field: "vermarktungsart",
        indexed: true,
        distinct: "2 (cached)",
        build: |i, _| {
            let art = ["kauf", "miete"][(i % 2) as usize];
            (json!({"op": "=", "val": art}), json!("ASC"))
        },
    },
    FieldCase {
        field: "nutzungsart",
        indexed: true,
        distinct: "2 (cached)",
        build: |i, _| {
            let art = ["wohnen", "gewerbe"][(i % 2) as usize];
            (json!({"op": "=", "val": art}), json!("ASC"))
        },
    },
    FieldCase {
        field: "kaufpreis",
        indexed: true,
        distinct: "one per request",
        build: |i, _| {
            let low = 50_000 + i % 500_000;
            (
                json!({"op": "between", "val": [low, low + 200_000]}),
                json!("DESC"),
            )
        },
    },
    FieldCase {
        field: "kaltmiete",
        indexed: true,
        distinct: "one per request",
        build: |i, _| {
            let low = 300.0 + (i % 100_000) as f64 / 100.0;
            (
                json!({"op": "between", "val": [low, low + 700.0]}),
                json!("ASC"),
            )
        },
    },
    FieldCase {
        field: "wohnflaeche",
        indexed: true,
        distinct: "one per request",
        build: |i, _| {
            let low = 30.0 + (i % 200_000) as f64 / 1_000.0;
            (
                json!({"op": "between", "val": [low, low + 30.0]}),
                json!("ASC"),
            )
        },
    },
    FieldCase {
        field: "ort",
        indexed: true,
        distinct: "~22,000 city pairs",
        build: |i, _| {
            let cities = cities();
            let n = cities.len().max(2) as u64;
            let a = i % n;
            let b = (a + 1 + (i / n) % (n - 1)) % n;
            let pair = [cities[a as usize], cities[b as usize]];
            (json!({"op": "in", "val": pair}), json!("ASC"))
        },
    },
    FieldCase {
        field: "plz",
        indexed: true,
        distinct: "~12,000 ranges",
        build: |i, _| {
            let zips = zips();
            let n = zips.len().max(1) as u64;
            let a = i % n;
            let b = (a + 1 + (i / n) % 40).min(n - 1);
            let range = [zips[a as usize], zips[b as usize]];
            (json!({"op": "between", "val": range}), json!("ASC"))
        },
    },
    FieldCase {
        field: "geaendert_am",
        indexed: true,
        distinct: "one per request",
        build: |i, _| {
            let since = kontor_proto::time::datetime(AUGUST_2026 + (i % 5_000_000) as i64);
            (json!({"op": ">=", "val": since}), json!("DESC"))
        },
    },
    FieldCase {
        field: "baujahr",
        indexed: false,
        distinct: "~2,400 ranges",
        build: |i, _| {
            let from = 1900 + i % 120;
            let to = from + 5 + (i / 120) % 20;
            (json!({"op": "between", "val": [from, to]}), json!("ASC"))
        },
    },
    FieldCase {
        field: "anzahl_zimmer",
        indexed: false,
        distinct: "one per request",
        build: |i, _| {
            // Room counts are whole numbers; the fraction only makes each filter distinct.
            let rooms = 1.0 + (i % 6) as f64 + ((i / 6) % 1_000) as f64 / 1_000.0;
            (json!({"op": ">=", "val": rooms}), json!("DESC"))
        },
    },
];

/// Estates to create: seed documents restricted to the fields a client may write, kept as
/// JSON text so that building a request of a hundred actions costs the clients (which share
/// the cores with the server) next to nothing.
#[derive(Debug)]
pub struct CreatePool {
    docs: Vec<String>,
}

impl CreatePool {
    /// Documents from a seed of their own, so that they do not repeat the seeded estates.
    pub fn new(config: &FieldConfig, count: usize) -> CreatePool {
        let mut rng = StdRng::seed_from_u64(0xbe_4c);
        let docs = (0..count.max(1))
            .map(|_| {
                let doc: Map<String, Value> = estates::generate(&mut rng)
                    .into_iter()
                    .filter(|(name, value)| {
                        config
                            .get(name)
                            .is_some_and(|f| !f.read_only && known_keys(f, value))
                    })
                    .collect();
                Value::Object(doc).to_string()
            })
            .collect();
        CreatePool { docs }
    }

    /// One request of `batch` create actions, starting at document `i * batch`. The v2
    /// signature covers neither the parameters nor anything else that differs between the
    /// actions, so one signature serves them all.
    pub fn request(&self, signer: &Signer, i: u64, batch: usize) -> Vec<u8> {
        let timestamp = kontor_proto::time::unix_now();
        let actionid = ActionVerb::Create.urn();
        let hmac = sign_v2(
            &signer.secret,
            &timestamp.to_string(),
            &signer.token,
            "estate",
            &actionid,
        );
        // Token and signature are alphanumeric and base64: nothing in them needs escaping.
        let mut body = format!(r#"{{"token":"{}","request":{{"actions":["#, signer.token);
        for k in 0..batch {
            let at = (i as usize)
                .wrapping_mul(batch)
                .wrapping_add(k)
                .checked_rem(self.docs.len())
                .unwrap_or(0);
            let doc = self.docs.get(at).map(String::as_str).unwrap_or("{}");
            if k > 0 {
                body.push(',');
            }
            body.push_str(&format!(
                r#"{{"actionid":"{actionid}","identifier":"","parameters":{{"data":{doc}}},"resourceid":"","resourcetype":"estate","timestamp":{timestamp},"hmac_version":2,"hmac":"{hmac}"}}"#
            ));
        }
        body.push_str("]}}");
        body.into_bytes()
    }
}

/// Whether a select value uses keys of the field. The seed writes around validation, and
/// writes one key the catalog does not have (`objekttyp` `verkaufsflaeche`, where the vendor
/// spells `verkaufssflaeche`); a create would refuse it, which is not what is measured.
fn known_keys(field: &FieldDef, value: &Value) -> bool {
    if field.values.is_empty() {
        return true;
    }
    match value {
        Value::String(key) => field.option(key).is_some(),
        Value::Array(keys) => keys
            .iter()
            .all(|k| k.as_str().is_some_and(|k| field.option(k).is_some())),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varied_listings_differ_and_repeated_ones_do_not() {
        assert_ne!(
            listing(1, true, 20, LIST_FIELDS),
            listing(2, true, 20, LIST_FIELDS)
        );
        assert_eq!(
            listing(1, false, 20, LIST_FIELDS),
            listing(2, false, 20, LIST_FIELDS)
        );
    }

    #[test]
    fn every_field_case_builds_a_filter_for_small_and_large_indices() {
        for case in FIELD_CASES {
            for i in [0, 1, 7, 1_000_003] {
                let p = case.parameters(i, 10_000);
                assert!(
                    p["filter"][case.field][0]["op"].is_string(),
                    "{}",
                    case.field
                );
                assert!(p["sortby"][case.field].is_string(), "{}", case.field);
            }
        }
    }

    #[test]
    fn create_requests_are_json_with_one_action_per_document() {
        let config = FieldConfig::new(kontor_store::Module::ESTATE, Vec::new());
        let pool = CreatePool::new(&config, 3);
        let signer = Signer {
            token: "t".repeat(32),
            secret: "s".repeat(64),
        };
        let body: Value = serde_json::from_slice(&pool.request(&signer, 5, 4)).unwrap_or_default();
        let actions = body["request"]["actions"].as_array().map(Vec::len);
        assert_eq!(actions, Some(4));
        assert!(body["request"]["actions"][3]["parameters"]["data"]["objektart"].is_string());
        assert!(body["request"]["actions"][0]["parameters"]["data"]
            .get("geaendert_am")
            .is_none());
    }

    #[test]
    fn wide_fields_are_thirty() {
        assert_eq!(WIDE_FIELDS.len(), 30);
    }
}
