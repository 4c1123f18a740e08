//! The standard catalogs as data: each parses, is consistent, and has the fields, types and
//! keys the docs and recordings fix.

use std::collections::HashSet;

use super::catalog::{countries, country_alpha2, FieldType, FILTER_KEYS};
use super::config::FieldDef;
use crate::modules::{Module, STANDARD};

const MEASURES: &[&str] = &[
    "DATA_TYPE_DATE",
    "DATA_TYPE_DATETIME",
    "DATA_TYPE_TIME",
    "DATA_TYPE_AREA",
    "DATA_TYPE_DISTANCE",
    "DATA_TYPE_LENGTH",
    "DATA_TYPE_DECIMAL_LENGTH",
    "DATA_TYPE_VOLUME",
    "DATA_TYPE_MONETARY",
    "DATA_TYPE_MONETARY_WITHOUT_CURRENCY",
    "DATA_TYPE_PERCENTAGE",
    "DATA_TYPE_YEAR",
    "DATA_TYPE_NUMERIC",
    "DATA_TYPE_BYTESIZE",
    "DATA_TYPE_MONETARY_OR_TEXT",
    "DATA_TYPE_ENERGY_REQUIRED",
    "DATA_TYPE_DURATION",
    "DATA_TYPE_USER",
    "DATA_TYPE_BOOLEAN",
    "DATA_TYPE_NONE",
    "DATA_TYPE_ALL",
];

/// Values a tenant sets up itself (newsletter tags, regions) start out empty.
const TENANT_VALUES: &[&str] = &["NewsletterTag", "regionaler_zusatz"];

fn check(module: Module) {
    let fields = &module.catalog().fields;
    // Estates and addresses have hundreds; search criteria the few dozen the docs name.
    let least = if module == Module::SEARCHCRITERIA {
        40
    } else {
        50
    };
    assert!(fields.len() > least, "{module}: {} fields", fields.len());
    let stored = |name: &str| {
        fields
            .iter()
            .any(|g| g.name == name && g.computed.is_none())
    };
    for f in fields {
        let at = format!("{module}.{}", f.name);
        // A computed field reads fields of its own catalog, and is never stored.
        if let Some(computed) = f.computed {
            for input in computed.inputs() {
                assert!(
                    stored(input),
                    "{at}: computed from {input}, no stored field"
                );
            }
            assert!(f.default.is_none(), "{at}: a computed default");
            assert!(f.read_only, "{at}: computed fields are read-only");
        }
        assert!(!f.name.is_empty(), "a field without a name");
        // `label` is where get-fields puts the module label; a field must not take it.
        assert_ne!(f.name, "label");
        assert!(
            !f.label(kontor_proto::Language::DEU).trim().is_empty(),
            "{at}: German"
        );
        assert!(
            !f.label(kontor_proto::Language::ENG).trim().is_empty(),
            "{at}: English"
        );
        assert!(
            !f.table.is_empty() && !f.content.is_empty(),
            "{at}: no section"
        );
        if let Some(m) = &f.measure {
            assert!(MEASURES.contains(&m.as_str()), "{at}: unknown measure {m}");
        }
        match f.ty {
            FieldType::Varchar => assert!(f.length.is_some_and(|n| n > 0), "{at}: no length"),
            _ => assert!(f.length.is_none(), "{at}: length on a non-varchar"),
        }
        if f.ty.is_select() {
            assert!(
                !f.values.is_empty() || TENANT_VALUES.contains(&f.name.as_str()),
                "{at}: select without values"
            );
            let mut keys = HashSet::new();
            for value in &f.values {
                assert!(!value.key.is_empty(), "{at}: empty key");
                assert!(keys.insert(&value.key), "{at}: key {} twice", value.key);
            }
            if let Some(default) = &f.default {
                assert!(keys.contains(default), "{at}: default {default} is no key");
            }
        } else {
            assert!(f.values.is_empty(), "{at}: values on a non-select");
            assert!(f.default.is_none(), "{at}: default on a non-select");
        }
        check_filters(module, f);
    }
}

/// Every filter names only documented keys, and every value it lists is a permitted value
/// of the field the key stands for, so that a client that cross-checks finds nothing
/// dangling; every dependency names a value of the field and an `objektart`.
fn check_filters(module: Module, f: &FieldDef) {
    let fields = &module.catalog().fields;
    let permitted = |name: &str| -> Vec<&str> {
        fields
            .iter()
            .find(|g| g.name == name)
            .map(|g| g.values.iter().map(|v| v.key.as_str()).collect())
            .unwrap_or_default()
    };
    for filter in &f.filters {
        assert!(
            filter.key == f.name || f.option(&filter.key).is_some(),
            "{}: filter key {}",
            f.name,
            filter.key
        );
        for (key, values) in &filter.when {
            assert!(FILTER_KEYS.contains(&key.as_str()), "{}: {key}", f.name);
            let field = match key.as_str() {
                "nutzungsarten" => "nutzungsart",
                "vermarktungsarten" => "vermarktungsart",
                "immobilienart" => "objektart",
                other => other,
            };
            for v in values {
                assert!(
                    permitted(field).contains(&v.as_str()),
                    "{}: {key} {v}",
                    f.name
                );
            }
        }
    }
    for (value, parent) in &f.requires {
        assert!(f.option(value).is_some(), "{}: requires of {value}", f.name);
        assert!(
            permitted("objektart").contains(&parent.as_str()),
            "{value}: {parent}"
        );
    }
}

fn field(module: Module, name: &str) -> &'static FieldDef {
    match module.catalog().fields.iter().find(|f| f.name == name) {
        Some(f) => f,
        None => panic!("{module}: field {name} is missing"),
    }
}

fn keys(f: &FieldDef) -> Vec<&str> {
    f.values.iter().map(|v| v.key.as_str()).collect()
}

#[test]
fn every_catalog_parses_and_is_consistent() {
    assert_eq!(crate::modules::check_catalogs(), Ok(()));
    for module in STANDARD {
        check(*module);
    }
    let estate = Module::ESTATE;
    assert!(field(estate, "kaufpreis").filters.len() == 1);
    assert!(field(estate, "objekttyp").requires.len() > 100);
    assert!(field(Module::ADDRESS, "Vorname").filters.is_empty());
}

#[test]
fn a_range_is_stored_as_its_two_ends() {
    let criteria = Module::SEARCHCRITERIA;
    let from = field(criteria, "kaufpreis__von");
    let to = field(criteria, "kaufpreis__bis");
    assert_eq!((from.ty, to.ty), (FieldType::Float, FieldType::Float));
    let ends = [from.range.as_ref(), to.range.as_ref()];
    assert_eq!(
        ends.map(|r| r.map(|r| (r.base.as_str(), r.upper))),
        [Some(("kaufpreis", false)), Some(("kaufpreis", true))]
    );
    assert_eq!(from.label(kontor_proto::Language::DEU), "Kaufpreis von");
    assert_eq!(to.label(kontor_proto::Language::ENG), "Purchase price to");
    // The filters follow the ends, so that each is shown where the range is.
    assert_eq!(from.filters[0].key, "kaufpreis__von");
    assert!(criteria
        .catalog()
        .fields
        .iter()
        .all(|f| f.name != "kaufpreis"));
    assert_eq!(field(criteria, "range").bounds, Some((0, 1000)));
    // Select keys come from the estates' catalog.
    assert_eq!(
        keys(field(criteria, "objektart")),
        keys(field(Module::ESTATE, "objektart"))
    );
    for name in [
        "range_plz",
        "range_ort",
        "range_strasse",
        "range_hausnummer",
        "range_land",
        "range_breitengrad",
        "range_laengengrad",
        "krit_bemerkung",
        "krit_bemerkung_oeffentlich",
        "advisor",
        "regionaler_zusatz",
    ] {
        field(criteria, name);
    }
    let bad = "[[section]]\ntable = \"T\"\ncontent = \"C\"\n\
               [[section.field]]\nname = \"a\"\ntype = \"text\"\nrange = true\n\
               label = [\"A\", \"A\"]\n";
    let e = super::catalog::parse("x.toml", bad).err();
    assert_eq!(
        e.as_deref(),
        Some("x.toml, field a: a range is a stored number field")
    );
}

#[test]
fn a_broken_catalog_names_its_file_and_field() {
    let e = super::catalog::parse("x.toml", "[[section]]\ntable = 1").err();
    assert!(e.is_some_and(|e| e.starts_with("x.toml")));
    let twice = "[[section]]\ntable = \"T\"\ncontent = \"C\"\n\
                 [[section.field]]\nname = \"a\"\ntype = \"text\"\nlabel = [\"A\", \"A\"]\n\
                 [[section.field]]\nname = \"a\"\ntype = \"text\"\nlabel = [\"A\", \"A\"]\n";
    let e = super::catalog::parse("x.toml", twice).err();
    assert_eq!(e.as_deref(), Some("x.toml, field a: named twice"));
}

#[test]
fn filter_keys_keep_their_written_order() {
    let rooms = &field(Module::ESTATE, "anzahl_zimmer").filters[0];
    let order: Vec<&str> = rooms.when.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(order, ["nutzungsarten", "immobilienart"]);
}

#[test]
fn every_country_has_a_two_letter_code() {
    for country in countries() {
        let two = country_alpha2(&country.alpha3);
        assert!(
            two.is_some_and(|t| t.len() == 2 && country.alpha3.starts_with(&t[..1])),
            "{}",
            country.alpha3
        );
    }
    assert!(countries().len() >= 30);
    assert_eq!(country_alpha2("XXX"), None);
    assert_eq!(keys(field(Module::ESTATE, "land")).len(), countries().len());
    assert_eq!(
        field(Module::ADDRESS, "Land").default.as_deref(),
        Some("DEU")
    );
}

#[test]
fn required_fields_have_their_types() {
    use FieldType::*;
    let estate = [
        ("Id", Integer),
        ("uuid", Varchar),
        ("objektnr_extern", Varchar),
        ("objekttitel", Text),
        ("status", SingleSelect),
        ("veroeffentlichen", Boolean),
        ("verkauft", Boolean),
        ("reserviert", Boolean),
        ("exclusive", Boolean),
        ("top_angebot", Boolean),
        ("preisreduktion", Boolean),
        ("courtage_frei", Boolean),
        ("showGoogleMap", Boolean),
        ("referenz", Boolean),
        ("objekt_des_tages", Boolean),
        ("neu", Boolean),
        ("stammobjekt", Boolean),
        ("vermarktungsart", SingleSelect),
        ("nutzungsart", SingleSelect),
        ("objektart", SingleSelect),
        ("objekttyp", SingleSelect),
        ("kaufpreis", Float),
        ("kaltmiete", Float),
        ("warmmiete", Float),
        ("nebenkosten", Float),
        ("heizkosten", Float),
        ("kaution", Varchar),
        ("hausgeld", Float),
        ("pacht", Float),
        ("aussen_courtage", Text),
        ("innen_courtage", Text),
        ("provisionsbetrag", Float),
        ("waehrung", SingleSelect),
        ("preisAufAnfrage", Boolean),
        ("wohnflaeche", Float),
        ("nutzflaeche", Float),
        ("grundstuecksflaeche", Float),
        ("gesamtflaeche", Float),
        ("anzahl_zimmer", Float),
        ("anzahl_schlafzimmer", Float),
        ("anzahl_badezimmer", Float),
        ("etage", Integer),
        ("etagen_zahl", Float),
        ("baujahr", Integer),
        ("zustand", SingleSelect),
        ("heizungsart", MultiSelect),
        ("befeuerung", MultiSelect),
        ("stellplatzart", MultiSelect),
        ("fahrstuhl", MultiSelect),
        ("balkon", Boolean),
        ("terrasse", Boolean),
        ("strasse", Varchar),
        ("hausnummer", Varchar),
        ("plz", Varchar),
        ("ort", Varchar),
        ("bundesland", SingleSelect),
        ("land", SingleSelect),
        ("breitengrad", Float),
        ("laengengrad", Float),
        ("lage", Text),
        ("objektbeschreibung", Text),
        ("ausstatt_beschr", Text),
        ("sonstige_angaben", Text),
        ("energieausweistyp", SingleSelect),
        ("energieausweis_gueltig_bis", Date),
        ("endenergiebedarf", Float),
        ("energieverbrauchskennwert", Float),
        ("energyClass", SingleSelect),
        ("energietraeger", SingleSelect),
        ("verfuegbar_ab", Varchar),
        ("benutzer", User),
        ("erstellt_am", Date),
        ("erstellt_von", User),
        ("geaendert_am", DateTime),
        ("multiParkingLot", Text),
        ("summe_innenprovision", Float),
        ("summe_aussenprovision", Float),
    ];
    for (name, ty) in estate {
        assert_eq!(field(Module::ESTATE, name).ty, ty, "estate {name}");
    }
    let address = [
        ("KdNr", Integer),
        ("uuid", Varchar),
        ("Anrede", SingleSelect),
        ("Titel", Varchar),
        ("Vorname", Varchar),
        ("Name", Varchar),
        ("Zusatz1", Varchar),
        ("Briefanrede", Text),
        ("Strasse", Varchar),
        ("Plz", Varchar),
        ("Ort", Varchar),
        ("Land", SingleSelect),
        ("Email", Varchar),
        ("Telefon1", Varchar),
        ("Telefax1", Varchar),
        ("Geburtsdatum", Date),
        ("Status", SingleSelect),
        ("Benutzer", User),
        ("HerkunftKontakt", MultiSelect),
        ("Beziehung", MultiSelect),
        ("ArtDaten", MultiSelect),
        ("newsletter_aktiv", SingleSelect),
        ("AGB_akzeptiert", Boolean),
        ("Aenderung", DateTime),
        ("Eintragsdatum", Date),
        ("SpracheKontakt", SingleSelect),
        ("Homepage", Text),
        ("contactCategory", Varchar),
    ];
    for (name, ty) in address {
        assert_eq!(field(Module::ADDRESS, name).ty, ty, "address {name}");
    }
}

#[test]
fn system_fields_are_read_only() {
    for (module, names) in [
        (
            Module::ESTATE,
            &[
                "Id",
                "uuid",
                "erstellt_am",
                "erstellt_von",
                "geaendert_am",
                "provisionsbetrag",
                "summe_innenprovision",
                "summe_aussenprovision",
            ][..],
        ),
        (
            Module::ADDRESS,
            &["KdNr", "uuid", "Aenderung", "Eintragsdatum"][..],
        ),
    ] {
        for name in names {
            assert!(field(module, name).read_only, "{module}.{name}");
        }
        // What the system stamps on writes is read-only in the catalog too.
        for stamp in module.system_fields {
            assert!(
                field(module, stamp.name).read_only,
                "{module}.{}",
                stamp.name
            );
        }
    }
    for name in ["kaufpreis", "objekttitel", "status", "benutzer", "verkauft"] {
        assert!(!field(Module::ESTATE, name).read_only, "{name}");
    }
    for name in ["Vorname", "Name", "Email", "Status", "Benutzer"] {
        assert!(!field(Module::ADDRESS, name).read_only, "{name}");
    }
}

#[test]
fn documented_select_keys() {
    let estate = |name| keys(field(Module::ESTATE, name));
    assert_eq!(estate("status"), ["1", "2", "0"]);
    assert_eq!(
        estate("nutzungsart"),
        ["wohnen", "gewerbe", "anlage", "waz"]
    );
    assert_eq!(
        estate("vermarktungsart"),
        ["kauf", "miete", "pacht", "erbpacht", "leasing"]
    );
    assert_eq!(estate("bundesland").len(), 16);
    for key in [
        "haus",
        "wohnung",
        "grundstueck",
        "buero_praxen",
        "freizeitimmbilien_gewerblich",
    ] {
        assert!(estate("objektart").contains(&key), "objektart {key}");
    }
    for key in [
        "einfamilienhaus",
        "doppelhaushaelfte",
        "etage",
        "penthouse",
        "stellplatz",
    ] {
        assert!(estate("objekttyp").contains(&key), "objekttyp {key}");
    }
    for key in [
        "DEU", "AUT", "CHE", "FRA", "NLD", "BEL", "LUX", "DNK", "POL", "CZE", "ITA", "ESP",
    ] {
        assert!(estate("land").contains(&key), "land {key}");
    }
    assert_eq!(
        estate("heizungsart"),
        ["etage", "ofen", "zentral", "fussboden", "fern"]
    );
    let address = |name| keys(field(Module::ADDRESS, name));
    assert_eq!(address("Status"), ["1", "0"]);
    assert_eq!(
        field(Module::ADDRESS, "Status").default.as_deref(),
        Some("1")
    );
    assert_eq!(address("newsletter_aktiv"), ["1", "0", "2", "3", "4"]);
    assert_eq!(
        address("Beziehung"),
        ["Kunde", "Verwandter", "Arbeitgeber", "Tippgeber"]
    );
    for key in ["Herr", "Frau", "Firma", "Familie", "Eheleute"] {
        assert!(address("Anrede").contains(&key), "Anrede {key}");
    }
    for key in [
        "Suchmaschine",
        "Newsletter",
        "Empfehlung",
        "Zeitungsanzeige",
        "Immobilienportal",
    ] {
        assert!(address("HerkunftKontakt").contains(&key), "{key}");
    }
}

#[test]
fn prices_and_areas_carry_their_measure() {
    for name in [
        "kaufpreis",
        "kaltmiete",
        "warmmiete",
        "nebenkosten",
        "hausgeld",
        "pacht",
    ] {
        let measure = field(Module::ESTATE, name).measure.as_deref();
        assert_eq!(measure, Some("DATA_TYPE_MONETARY"), "{name}");
    }
    for name in [
        "wohnflaeche",
        "nutzflaeche",
        "grundstuecksflaeche",
        "gesamtflaeche",
    ] {
        let measure = field(Module::ESTATE, name).measure.as_deref();
        assert_eq!(measure, Some("DATA_TYPE_AREA"), "{name}");
    }
}

#[test]
fn pseudo_fields_are_not_catalog_fields() {
    for name in [
        "id",
        "phone",
        "email",
        "mobile",
        "fax",
        "defaultphone",
        "defaultemail",
        "imageUrl",
    ] {
        let fields = &Module::ADDRESS.catalog().fields;
        assert!(fields.iter().all(|f| f.name != name), "{name}");
    }
}
