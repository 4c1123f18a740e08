//! Fields that are not stored but computed from a record whenever they are read.
//!
//! The real API answers some fields from other fields of the record: the address a website
//! may show of an estate whose exact address must not be published (`virtualAddress`, …),
//! the price that goes with its kind of marketing (`calculatedPrice`), address compounds
//! such as `Plz-Ort`. Kontor keeps no copy of them, so they can never disagree with the
//! fields they come from; writes of them are refused like those of system fields, and
//! filters and sorts on them are refused with the fields to use instead.
//!
//! The exact address (street, house number, coordinates) of an estate may be published
//! through the API when `objektadresse_freigeben` (released, for portals and websites) or
//! `objektadresse_freigeben_api` (released for the API only) is set. Otherwise
//! `virtualAddress` is 1 and the "virtual" address is what may be shown instead: the area
//! only, so no street and no house number (postcode and town stay in their own fields),
//! and the coordinates rounded to two decimals (about 1 km), so that a map shows the
//! neighbourhood, not the house. When the address may be published, `virtualAddress` is 0
//! and the virtual fields are empty, as the recorded answers show them.

use serde_json::Value;

use crate::records::{DocValue, StoredRecord};

/// How a computed field is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Computed {
    /// Estates: 1 when the exact address may not be published through the API.
    VirtualAddress,
    /// Estates: the street to show instead of the exact one; the area only, so empty.
    VirtualStreet,
    /// Estates: the house number to show instead; empty, as the street.
    VirtualHouseNumber,
    /// Estates: the latitude to show: rounded to two decimals when the address is not
    /// published, 0 when it is (the exact one is then in `breitengrad`).
    VirtualLatitude,
    /// Estates: the longitude to show, as the latitude.
    VirtualLongitude,
    /// Estates: the price of the estate's kind of marketing: `kaufpreis` for sales, the
    /// cold rent (else the warm or the inclusive rent) for lettings, `pacht` and `erbpacht`
    /// for leases; 0 without a kind of marketing.
    CalculatedPrice,
    /// Addresses: the record number (`ID`), the id the API addresses records by.
    RecordId,
    /// Addresses: `Plz-Ort`, postcode and town.
    PostcodeTown,
    /// Addresses: `LKZ-Plz-Ort`, the country code, postcode and town (`D-52062 Aachen`).
    CountryPostcodeTown,
}

const PUBLISHED: &str = "objektadresse_freigeben";
const PUBLISHED_API: &str = "objektadresse_freigeben_api";

const RENTS: &[&str] = &["kaltmiete", "warmmiete", "miete_pauschal"];

impl Computed {
    /// The computation a catalog file names (`computed = "VirtualAddress"`).
    pub fn parse(name: &str) -> Option<Computed> {
        use Computed::*;
        [
            VirtualAddress,
            VirtualStreet,
            VirtualHouseNumber,
            VirtualLatitude,
            VirtualLongitude,
            CalculatedPrice,
            RecordId,
            PostcodeTown,
            CountryPostcodeTown,
        ]
        .into_iter()
        .find(|c| format!("{c:?}") == name)
    }

    /// The stored fields the value is computed from: a read that projects documents loads
    /// these too.
    pub const fn inputs(self) -> &'static [&'static str] {
        match self {
            Computed::VirtualAddress => &[PUBLISHED, PUBLISHED_API],
            Computed::VirtualLatitude => &[PUBLISHED, PUBLISHED_API, "breitengrad"],
            Computed::VirtualLongitude => &[PUBLISHED, PUBLISHED_API, "laengengrad"],
            Computed::VirtualStreet | Computed::VirtualHouseNumber | Computed::RecordId => &[],
            Computed::CalculatedPrice => &[
                "vermarktungsart",
                "kaufpreis",
                "kaltmiete",
                "warmmiete",
                "miete_pauschal",
                "pacht",
                "erbpacht",
            ],
            Computed::PostcodeTown => &["Plz", "Ort"],
            Computed::CountryPostcodeTown => &["LKZ", "Plz", "Ort"],
        }
    }

    /// The fields to filter and sort on instead (a computed field has no stored value to
    /// compare).
    pub const fn compared_as(self) -> &'static [&'static str] {
        match self {
            Computed::RecordId => &["id"],
            Computed::VirtualStreet | Computed::VirtualHouseNumber => &["strasse", "hausnummer"],
            _ => self.inputs(),
        }
    }

    /// The fields a compound is made of, as `get fields` lists them in `compoundFields`.
    pub const fn compound_of(self) -> &'static [&'static str] {
        match self {
            Computed::PostcodeTown | Computed::CountryPostcodeTown => self.inputs(),
            _ => &[],
        }
    }

    /// The value, in the form a stored value of the field's type has (numbers for numeric
    /// fields, text otherwise), so that it is rendered like one.
    pub fn value(self, record: &StoredRecord) -> Value {
        let doc = Fields(record);
        match self {
            Computed::VirtualAddress => Value::from(i64::from(!doc.published())),
            Computed::VirtualStreet | Computed::VirtualHouseNumber => Value::String(String::new()),
            Computed::VirtualLatitude => Value::from(doc.virtual_coordinate("breitengrad")),
            Computed::VirtualLongitude => Value::from(doc.virtual_coordinate("laengengrad")),
            Computed::CalculatedPrice => Value::from(doc.price()),
            Computed::RecordId => Value::from(record.id),
            Computed::PostcodeTown => Value::String(doc.town(false)),
            Computed::CountryPostcodeTown => Value::String(doc.town(true)),
        }
    }
}

/// The stored fields of a record, read as the computations need them.
struct Fields<'r>(&'r StoredRecord);

impl Fields<'_> {
    fn number(&self, name: &str) -> f64 {
        match self.0.doc.get(name) {
            Some(DocValue::Number(n)) => n.as_f64().unwrap_or(0.0),
            Some(DocValue::Text(s)) => s.trim().parse().unwrap_or(0.0),
            Some(DocValue::Bool(b)) => f64::from(u8::from(b)),
            _ => 0.0,
        }
    }

    fn text(&self, name: &str) -> String {
        match self.0.doc.get(name) {
            Some(DocValue::Text(s)) => s.trim().to_string(),
            Some(DocValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    }

    fn published(&self) -> bool {
        self.number(PUBLISHED) != 0.0 || self.number(PUBLISHED_API) != 0.0
    }

    fn virtual_coordinate(&self, name: &str) -> f64 {
        if self.published() {
            return 0.0;
        }
        (self.number(name) * 100.0).round() / 100.0
    }

    fn price(&self) -> f64 {
        let first_set = |names: &[&str]| {
            names
                .iter()
                .map(|n| self.number(n))
                .find(|p| *p != 0.0)
                .unwrap_or(0.0)
        };
        match self.text("vermarktungsart").as_str() {
            "kauf" => self.number("kaufpreis"),
            "miete" => first_set(RENTS),
            "pacht" => self.number("pacht"),
            "erbpacht" => self.number("erbpacht"),
            _ => 0.0,
        }
    }

    /// `52062 Aachen`, or `D-52062 Aachen` with the country code; parts that are empty are
    /// left out.
    fn town(&self, with_country: bool) -> String {
        let (lkz, plz, ort) = (self.text("LKZ"), self.text("Plz"), self.text("Ort"));
        let code = match (with_country, lkz.is_empty(), plz.is_empty()) {
            (true, false, false) => format!("{lkz}-{plz}"),
            (true, false, true) => lkz,
            _ => plz,
        };
        [code, ort]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::Doc;
    use serde_json::json;

    fn record(doc: Value) -> StoredRecord {
        let map = match doc {
            Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        StoredRecord {
            id: 7,
            uuid: String::new(),
            doc: Doc::from(map),
            main_id: None,
        }
    }

    #[test]
    fn a_hidden_address_shows_the_area_only() {
        let hidden = record(json!({"breitengrad": 50.78584, "laengengrad": 6.13455}));
        assert_eq!(Computed::VirtualAddress.value(&hidden), json!(1));
        assert_eq!(Computed::VirtualLatitude.value(&hidden), json!(50.79));
        assert_eq!(Computed::VirtualLongitude.value(&hidden), json!(6.13));
        assert_eq!(Computed::VirtualStreet.value(&hidden), json!(""));
        for flag in ["objektadresse_freigeben", "objektadresse_freigeben_api"] {
            let shown = record(json!({"breitengrad": 50.78584, flag: 1}));
            assert_eq!(Computed::VirtualAddress.value(&shown), json!(0), "{flag}");
            assert_eq!(
                Computed::VirtualLatitude.value(&shown),
                json!(0.0),
                "{flag}"
            );
        }
    }

    #[test]
    fn the_price_follows_the_kind_of_marketing() {
        let price = |doc: Value| Computed::CalculatedPrice.value(&record(doc));
        assert_eq!(
            price(json!({"vermarktungsart": "kauf", "kaufpreis": 349000.0, "kaltmiete": 900.0})),
            json!(349000.0)
        );
        assert_eq!(
            price(json!({"vermarktungsart": "miete", "kaufpreis": 1.0, "warmmiete": 1100.0})),
            json!(1100.0)
        );
        assert_eq!(
            price(json!({"vermarktungsart": "miete", "kaltmiete": "850", "warmmiete": 1100.0})),
            json!(850.0)
        );
        assert_eq!(
            price(json!({"vermarktungsart": "pacht", "pacht": 300.0})),
            json!(300.0)
        );
        assert_eq!(price(json!({"kaufpreis": 5.0})), json!(0.0));
    }

    #[test]
    fn compounds_leave_out_empty_parts() {
        let town = |doc: Value, c: Computed| c.value(&record(doc));
        let full = json!({"LKZ": "D", "Plz": "52062", "Ort": "Aachen"});
        assert_eq!(
            town(full.clone(), Computed::PostcodeTown),
            json!("52062 Aachen")
        );
        assert_eq!(
            town(full, Computed::CountryPostcodeTown),
            json!("D-52062 Aachen")
        );
        assert_eq!(
            town(json!({"Ort": "Aachen"}), Computed::CountryPostcodeTown),
            json!("Aachen")
        );
        assert_eq!(Computed::RecordId.value(&record(json!({}))), json!(7));
    }
}
