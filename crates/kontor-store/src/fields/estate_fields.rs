//! The standard fields of the `estate` module: one row per field, in display order, grouped
//! by the table (`showTable`) they live in.
//!
//! Where the facts come from:
//! * Names, types, lengths, select keys and defaults follow a real `get fields` recording
//!   (no labels) and a recorded response with English labels, `showTable` and `showContent`.
//!   Where the two disagree, the plain recording wins: it is the newer one.
//! * Fields the recordings do not list but the API docs name (`status`, `uuid`, the homepage
//!   booleans, `geaendert_am`, the commission sums, `breitengrad`/`laengengrad`,
//!   `stellplatzart`, …) are added with the types the docs give.
//! * English labels follow the recorded ones where they exist; German labels are ours.
//! * Sections: `showContent` answers in the user's language; we keep the English names.
//!
//! Decisions worth knowing:
//! * `status` is a single-select with the keys `"1"` (Active), `"2"` (Pending), `"0"`
//!   (Archived). The docs call it TINYINT(1) and real `get fields` does not list it at all
//!   (it lists `status2`), so there is no real type to copy; a select validates writes against
//!   exactly the three documented values and gives `formatoutput` its labels. Filters compare
//!   it with numbers (`{"op":"=","val":1}`), so the filter code must compare select keys with
//!   scalars by their text.
//! * `status2` (`status2obj_aktiv`/`…_inaktiv`/`…_archiviert`) is listed by every recording
//!   and is the same state as `status` under other keys (1 ↔ aktiv, 2 ↔ inaktiv,
//!   0 ↔ archiviert). Whoever stores records must keep the two in step.
//! * `erstellt_am` is a `date`, `verfuegbar_ab` a `varchar(20)` (free text such as
//!   "sofort"), `kaution` a `varchar(80)`, the courtage fields `text`, and the room counts
//!   `float`: all as recorded.
//! * `bundesland` keys are the German state names: a raw (`formatoutput` false) read in a
//!   recording returns `"bundesland":"Bayern"`.
//! * Select keys keep the vendor's spelling, typos included (`freizeitimmbilien_gewerblich`,
//!   `verkaufssflaeche`): clients send exactly these keys.

use super::catalog::{FieldType, SelectValue, StandardField};
use super::computed::Computed;

/// Builds one permitted value.
const fn v(key: &'static str, deu: &'static str, eng: &'static str) -> SelectValue {
    SelectValue { key, deu, eng }
}

// `fieldMeasureFormat` values used below.
const MONETARY: Option<&str> = Some("DATA_TYPE_MONETARY");
const MONETARY_OR_TEXT: Option<&str> = Some("DATA_TYPE_MONETARY_OR_TEXT");
const AREA: Option<&str> = Some("DATA_TYPE_AREA");
const NUMERIC: Option<&str> = Some("DATA_TYPE_NUMERIC");
const DISTANCE: Option<&str> = Some("DATA_TYPE_DISTANCE");
const ENERGY: Option<&str> = Some("DATA_TYPE_ENERGY_REQUIRED");
const YEAR: Option<&str> = Some("DATA_TYPE_YEAR");
const DATE: Option<&str> = Some("DATA_TYPE_DATE");
const DATETIME: Option<&str> = Some("DATA_TYPE_DATETIME");
const BOOLEAN: Option<&str> = Some("DATA_TYPE_BOOLEAN");
const USER: Option<&str> = Some("DATA_TYPE_USER");
const PERCENTAGE: Option<&str> = Some("DATA_TYPE_PERCENTAGE");

/// The defaults every row starts from; each section below sets its table and content.
const BLANK: StandardField = StandardField {
    name: "",
    ty: FieldType::Varchar,
    length: None,
    values: &[],
    default: None,
    deu: "",
    eng: "",
    table: "",
    content: "",
    measure: None,
    read_only: false,
    computed: None,
};

const TECH: StandardField = StandardField {
    table: "ObjTech",
    content: "Technical-data",
    ..BLANK
};
const CATEGORY: StandardField = StandardField {
    table: "ObjKategorie",
    content: "Category",
    ..BLANK
};
const GEO: StandardField = StandardField {
    table: "ObjGeo",
    content: "Geographic-situation",
    ..BLANK
};
const PRICES: StandardField = StandardField {
    table: "ObjPreise",
    content: "Prices",
    ..BLANK
};
const AREAS: StandardField = StandardField {
    table: "ObjFlaeche",
    content: "Areas",
    ..BLANK
};
const EQUIPMENT: StandardField = StandardField {
    table: "ObjAusstattung",
    content: "Equipment",
    ..BLANK
};
/// Condition, development and the energy certificate (the vendor keeps them in one table).
const CONDITION: StandardField = StandardField {
    table: "ObjZustand",
    content: "Condition",
    ..BLANK
};
const INFRA: StandardField = StandardField {
    table: "ObjInfra",
    content: "Infrastructure",
    ..BLANK
};
const ADMIN: StandardField = StandardField {
    table: "ObjVerwaltung",
    content: "Administrative",
    ..BLANK
};
const TEXTS: StandardField = StandardField {
    table: "ObjFreitexte",
    content: "Free-texts",
    ..BLANK
};
/// The "own homepage" marketing flags.
const MARKETING: StandardField = StandardField {
    table: "ObjHomepage",
    content: "Marketing",
    ..BLANK
};

const YES_NO: &[SelectValue] = &[v("1", "Ja", "Yes"), v("0", "Nein", "No")];

const STATUS: &[SelectValue] = &[
    v("1", "Aktiv", "Active"),
    v("2", "Inaktiv", "Pending"),
    v("0", "Archiviert", "Archived"),
];

const STATUS2: &[SelectValue] = &[
    v("status2obj_inaktiv", "Inaktiv", "Inactive"),
    v("status2obj_aktiv", "Aktiv", "Active"),
    v("status2obj_archiviert", "Archiviert", "Archived"),
];

const AUFTRAGSART: &[SelectValue] = &[
    v("exklusiv", "Exklusiv", "Exclusive"),
    v("normal", "Normal", "Standard"),
];

pub const OBJEKTART: &[SelectValue] = &[
    v("zimmer", "Zimmer", "Room"),
    v("haus", "Haus", "House"),
    v("wohnung", "Wohnung", "Apartment"),
    v("grundstueck", "Grundstück", "Site"),
    v("buero_praxen", "Büro/Praxen", "Offices"),
    v("einzelhandel", "Einzelhandel", "Retail"),
    v("gastgewerbe", "Gastgewerbe", "Hospitality industry"),
    v(
        "hallen_lager_prod",
        "Hallen/Lager/Produktion",
        "Halls/warehouse/production",
    ),
    v(
        "land_und_forstwirtschaft",
        "Land- und Forstwirtschaft",
        "Agriculture and forestry",
    ),
    v(
        "freizeitimmbilien_gewerblich",
        "Freizeitimmobilie (gewerblich)",
        "Leisure property (commercial)",
    ),
    v(
        "zinshaus_renditeobjekt",
        "Zinshaus/Renditeobjekt",
        "Investment property",
    ),
    v("parken", "Parken", "Parking"),
    v("sonstige", "Sonstige", "Miscellaneous"),
    v("hausbau", "Hausbau", "House construction"),
];

/// Grouped by the `objektart` each type belongs to (`showfielddependencies`).
pub const OBJEKTTYP: &[SelectValue] = &[
    // zimmer
    v("zimmer", "Zimmer", "Room"),
    // haus
    v("einfamilienhaus", "Einfamilienhaus", "Single-family house"),
    v(
        "einfamilienhausMitEinliegerwohnung",
        "Einfamilienhaus mit Einliegerwohnung",
        "Single-family house with granny flat",
    ),
    v("zweifamilienhaus", "Zweifamilienhaus", "Two-family house"),
    v("mehrfamilienhaus", "Mehrfamilienhaus", "Apartment building"),
    v(
        "doppelhaushaelfte",
        "Doppelhaushälfte",
        "Semi-detached house",
    ),
    v("doppelhaus", "Doppelhaus", "Double house"),
    v("reihenhaus", "Reihenhaus", "Terraced house"),
    v("reihenend", "Reihenendhaus", "End-of-terrace house"),
    v("reihenmittel", "Reihenmittelhaus", "Mid-terrace house"),
    v("reiheneck", "Reiheneckhaus", "Corner terraced house"),
    v("stadthaus", "Stadthaus", "Townhouse"),
    v("villa", "Villa", "Villa"),
    v("bungalow", "Bungalow", "Bungalow"),
    v("landhaus", "Landhaus", "Country house"),
    v("bauernhaus", "Bauernhaus", "Farmhouse"),
    v("resthof", "Resthof", "Farmstead"),
    v("schloss", "Schloss", "Castle"),
    v("ferienhaus", "Ferienhaus", "Holiday home"),
    v("berghuette", "Berghütte", "Mountain hut"),
    v("chalet", "Chalet", "Chalet"),
    v("strandhaus", "Strandhaus", "Beach house"),
    v("blockhaus", "Blockhaus", "Log house"),
    v("holzhaus", "Holzhaus", "Wooden house"),
    v("fachwerkhaus", "Fachwerkhaus", "Half-timbered house"),
    v("wohnanlage", "Wohnanlage", "Residential complex"),
    v(
        "besondereImmobilie",
        "Besondere Immobilie",
        "Special property",
    ),
    // wohnung
    v("etage", "Etagenwohnung", "Apartment"),
    v(
        "erdgeschoss",
        "Erdgeschosswohnung",
        "Ground-floor apartment",
    ),
    v("hochparterre", "Hochparterre", "Raised ground floor"),
    v("souterrain", "Souterrainwohnung", "Basement apartment"),
    v("dachgeschoss", "Dachgeschosswohnung", "Attic apartment"),
    v("maisonette", "Maisonette", "Maisonette"),
    v("penthouse", "Penthouse", "Penthouse"),
    v("terrassen", "Terrassenwohnung", "Terrace apartment"),
    v(
        "loft-studio-atelier",
        "Loft/Studio/Atelier",
        "Loft/studio/atelier",
    ),
    v("apartment", "Apartment", "Studio apartment"),
    v("eigentumswohnung", "Eigentumswohnung", "Condominium"),
    v("rohdachboden", "Rohdachboden", "Undeveloped attic"),
    // grundstueck
    v("wohnen", "Wohngrundstück", "Residential"),
    v("gewerbe", "Gewerbegrundstück", "Commercial"),
    v("industrie", "Industriegrundstück", "Industry"),
    v(
        "land_forstwirtschaft",
        "Land-/Forstwirtschaft",
        "Agriculture and forestry",
    ),
    v("freizeit", "Freizeitgrundstück", "Leisure"),
    v("gemischt", "Gemischt", "Mixed"),
    v("sondernutzung", "Sondernutzung", "Special use"),
    v("seeliegenschaft", "Seeliegenschaft", "Lakefront property"),
    // buero_praxen
    v("bueroflaeche", "Bürofläche", "Office space"),
    v("buerohaus", "Bürohaus", "Office building"),
    v("bueroetage", "Büroetage", "Office floor"),
    v("buerozentrum", "Bürozentrum", "Office centre"),
    v(
        "buero_und_lager",
        "Büro- und Lagergebäude",
        "Office and storage building",
    ),
    v("praxis", "Praxis", "Practice"),
    v("praxisflaeche", "Praxisfläche", "Practice space"),
    v("praxisetage", "Praxisetage", "Practice floor"),
    v("praxishaus", "Praxishaus", "Medical centre"),
    v("gewerbezentrum", "Gewerbezentrum", "Business centre"),
    v("loft", "Loft", "Loft"),
    v("atelier", "Atelier", "Atelier"),
    // einzelhandel
    v("ladenlokal", "Ladenlokal", "Shop"),
    v("einzelhandelsladen", "Einzelhandelsladen", "Retail store"),
    v("verbrauchermarkt", "Verbrauchermarkt", "Consumer market"),
    v("einkaufszentrum", "Einkaufszentrum", "Shopping centre"),
    v("kaufhaus", "Kaufhaus", "Department store"),
    v("factory_outlet", "Factory-Outlet", "Factory outlet"),
    v("kiosk", "Kiosk", "Kiosk"),
    v("sb_markt", "SB-Markt", "Self-service market"),
    v("verkaufssflaeche", "Verkaufsfläche", "Sales area"),
    v("verkaufshalle", "Verkaufshalle", "Sales hall"),
    v(
        "ausstellungsflaeche",
        "Ausstellungsfläche",
        "Exhibition space",
    ),
    // gastgewerbe
    v("gastronomie", "Gastronomie", "Gastronomy"),
    v(
        "gastronomie_und_wohnung",
        "Gastronomie mit Wohnung",
        "Gastronomy and living",
    ),
    v("restaurant", "Restaurant", "Restaurant"),
    v("gaststaette", "Gaststätte", "Inn"),
    v("cafe", "Café", "Café"),
    v("barbetrieb", "Barbetrieb", "Bar"),
    v("einraumlokal", "Einraumlokal", "Single-room bar"),
    v("raucherlokal", "Raucherlokal", "Bar for smokers"),
    v("diskothek", "Diskothek", "Discotheque"),
    v("hotels", "Hotel", "Hotel"),
    v("hotelanwesen", "Hotelanwesen", "Hotel property"),
    v("hotel_garni", "Hotel garni", "Hotel garni"),
    v("pensionen", "Pension", "Guesthouse"),
    v("gaestehaus", "Gästehaus", "Guest house"),
    v(
        "weitere_beherbergungsbetriebe",
        "Weitere Beherbergungsbetriebe",
        "Other accommodation",
    ),
    // hallen_lager_prod
    v("halle", "Halle", "Hall"),
    v("industriehalle", "Industriehalle", "Industrial hall"),
    v(
        "industriehalle_und_freiflaeche",
        "Industriehalle mit Freifläche",
        "Industrial hall and open area",
    ),
    v("lager", "Lager", "Warehouse"),
    v("lagerhalle", "Lagerhalle", "Warehouse hall"),
    v("lagerflaeche", "Lagerfläche", "Storage space"),
    v(
        "lager_mit_freiflaeche",
        "Lager mit Freifläche",
        "Warehouse with open area",
    ),
    v("hochregallager", "Hochregallager", "High-bay warehouse"),
    v("speditionslager", "Speditionslager", "Forwarding warehouse"),
    v("kuehlhaus", "Kühlhaus", "Cold store"),
    v(
        "kuehlregallager",
        "Kühlregallager",
        "Refrigerated rack warehouse",
    ),
    v("produktion", "Produktion", "Production"),
    v("werkstatt", "Werkstatt", "Workshop"),
    v("service", "Service", "Service"),
    v("freiflaechen", "Freiflächen", "Open areas"),
    v("gewerbepark", "Gewerbepark", "Business park"),
    // land_und_forstwirtschaft
    v(
        "landwirtschaftliche_betriebe",
        "Landwirtschaftlicher Betrieb",
        "Agricultural business",
    ),
    v("bauernhof", "Bauernhof", "Farm"),
    v("aussiedlerhof", "Aussiedlerhof", "Outlying farm"),
    v("viehwirtschaft", "Viehwirtschaft", "Livestock farm"),
    v(
        "jagd_und_forstwirtschaft",
        "Jagd- und Forstwirtschaft",
        "Hunting and forestry",
    ),
    v("jagdrevier", "Jagdrevier", "Hunting ground"),
    v(
        "teich_und_fischwirtschaft",
        "Teich- und Fischwirtschaft",
        "Pond and fish farming",
    ),
    v("scheunen", "Scheune", "Barn"),
    v("reiterhoefe", "Reiterhof", "Equestrian farm"),
    v("anwesen", "Anwesen", "Estate"),
    v(
        "sonstige_landwirtschaftsimmobilien",
        "Sonstige Landwirtschaftsimmobilie",
        "Other agricultural property",
    ),
    // freizeitimmbilien_gewerblich
    v("freizeitanlage", "Freizeitanlage", "Leisure facility"),
    v("sportanlage", "Sportanlage", "Sports facility"),
    v(
        "vergnuegungsparks_und_center",
        "Vergnügungsparks und -center",
        "Amusement parks and centres",
    ),
    // zinshaus_renditeobjekt
    v(
        "wohn_und_geschaeftshaus",
        "Wohn- und Geschäftshaus",
        "Residential and commercial building",
    ),
    v("geschaeftshaus", "Geschäftshaus", "Commercial building"),
    v("buerogebaeude", "Bürogebäude", "Office building"),
    v("wohnanlagen", "Wohnanlagen", "Residential complexes"),
    v("einkaufscentren", "Einkaufscentren", "Shopping centres"),
    v(
        "verbrauchermaerkte",
        "Verbrauchermärkte",
        "Consumer markets",
    ),
    v("sb_maerkte", "SB-Märkte", "Self-service markets"),
    v(
        "industrieanlagen",
        "Industrieanlagen",
        "Industrial facilities",
    ),
    // parken
    v("stellplatz", "Stellplatz", "Parking space"),
    v("carport", "Carport", "Carport"),
    v("einzelgarage", "Einzelgarage", "Single garage"),
    v("doppelgarage", "Doppelgarage", "Double garage"),
    v("duplex", "Duplex-Stellplatz", "Duplex parking space"),
    v("tiefgarage", "Tiefgarage", "Underground garage"),
    v(
        "tiefgaragenstellplatz",
        "Tiefgaragenstellplatz",
        "Underground parking space",
    ),
    v("parkhaus", "Parkhaus", "Multi-storey car park"),
    v(
        "parken_parkhaus",
        "Parkhausstellplatz",
        "Space in a multi-storey car park",
    ),
    v(
        "parkplatz_strom",
        "Stellplatz mit Stromanschluss",
        "Parking space with power supply",
    ),
    v("bootsliegeplatz", "Bootsliegeplatz", "Mooring"),
    // sonstige
    v("gewerbeeinheit", "Gewerbeeinheit", "Commercial unit"),
    v("gewerbeanwesen", "Gewerbeanwesen", "Commercial property"),
    v("tankstelle", "Tankstelle", "Petrol station"),
    v("sonstige", "Sonstige", "Miscellaneous"),
    // hausbau
    v(
        "hausbau_einfamilienhaus",
        "Einfamilienhaus (Hausbau)",
        "Single-family house (new build)",
    ),
    v(
        "hausbau_zweifamilienhaus",
        "Zweifamilienhaus (Hausbau)",
        "Two-family house (new build)",
    ),
    v(
        "hausbau_mehrfamilienhaus",
        "Mehrfamilienhaus (Hausbau)",
        "Apartment building (new build)",
    ),
    v(
        "hausbau_reihenhaus",
        "Reihenhaus (Hausbau)",
        "Terraced house (new build)",
    ),
    v(
        "hausbau_bungalow",
        "Bungalow (Hausbau)",
        "Bungalow (new build)",
    ),
    v("hausbau_villa", "Villa (Hausbau)", "Villa (new build)"),
    v(
        "hausbau_landhaus",
        "Landhaus (Hausbau)",
        "Country house (new build)",
    ),
];

/// Which `objektart` each `objekttyp` belongs to, in the order of `OBJEKTTYP`
/// (for `get estateCategories` and the seed generator).
pub const OBJEKTTYP_PARENTS: &[(&str, &str)] = &[
    ("zimmer", "zimmer"),
    ("einfamilienhaus", "haus"),
    ("einfamilienhausMitEinliegerwohnung", "haus"),
    ("zweifamilienhaus", "haus"),
    ("mehrfamilienhaus", "haus"),
    ("doppelhaushaelfte", "haus"),
    ("doppelhaus", "haus"),
    ("reihenhaus", "haus"),
    ("reihenend", "haus"),
    ("reihenmittel", "haus"),
    ("reiheneck", "haus"),
    ("stadthaus", "haus"),
    ("villa", "haus"),
    ("bungalow", "haus"),
    ("landhaus", "haus"),
    ("bauernhaus", "haus"),
    ("resthof", "haus"),
    ("schloss", "haus"),
    ("ferienhaus", "haus"),
    ("berghuette", "haus"),
    ("chalet", "haus"),
    ("strandhaus", "haus"),
    ("blockhaus", "haus"),
    ("holzhaus", "haus"),
    ("fachwerkhaus", "haus"),
    ("wohnanlage", "haus"),
    ("besondereImmobilie", "haus"),
    ("etage", "wohnung"),
    ("erdgeschoss", "wohnung"),
    ("hochparterre", "wohnung"),
    ("souterrain", "wohnung"),
    ("dachgeschoss", "wohnung"),
    ("maisonette", "wohnung"),
    ("penthouse", "wohnung"),
    ("terrassen", "wohnung"),
    ("loft-studio-atelier", "wohnung"),
    ("apartment", "wohnung"),
    ("eigentumswohnung", "wohnung"),
    ("rohdachboden", "wohnung"),
    ("wohnen", "grundstueck"),
    ("gewerbe", "grundstueck"),
    ("industrie", "grundstueck"),
    ("land_forstwirtschaft", "grundstueck"),
    ("freizeit", "grundstueck"),
    ("gemischt", "grundstueck"),
    ("sondernutzung", "grundstueck"),
    ("seeliegenschaft", "grundstueck"),
    ("bueroflaeche", "buero_praxen"),
    ("buerohaus", "buero_praxen"),
    ("bueroetage", "buero_praxen"),
    ("buerozentrum", "buero_praxen"),
    ("buero_und_lager", "buero_praxen"),
    ("praxis", "buero_praxen"),
    ("praxisflaeche", "buero_praxen"),
    ("praxisetage", "buero_praxen"),
    ("praxishaus", "buero_praxen"),
    ("gewerbezentrum", "buero_praxen"),
    ("loft", "buero_praxen"),
    ("atelier", "buero_praxen"),
    ("ladenlokal", "einzelhandel"),
    ("einzelhandelsladen", "einzelhandel"),
    ("verbrauchermarkt", "einzelhandel"),
    ("einkaufszentrum", "einzelhandel"),
    ("kaufhaus", "einzelhandel"),
    ("factory_outlet", "einzelhandel"),
    ("kiosk", "einzelhandel"),
    ("sb_markt", "einzelhandel"),
    ("verkaufssflaeche", "einzelhandel"),
    ("verkaufshalle", "einzelhandel"),
    ("ausstellungsflaeche", "einzelhandel"),
    ("gastronomie", "gastgewerbe"),
    ("gastronomie_und_wohnung", "gastgewerbe"),
    ("restaurant", "gastgewerbe"),
    ("gaststaette", "gastgewerbe"),
    ("cafe", "gastgewerbe"),
    ("barbetrieb", "gastgewerbe"),
    ("einraumlokal", "gastgewerbe"),
    ("raucherlokal", "gastgewerbe"),
    ("diskothek", "gastgewerbe"),
    ("hotels", "gastgewerbe"),
    ("hotelanwesen", "gastgewerbe"),
    ("hotel_garni", "gastgewerbe"),
    ("pensionen", "gastgewerbe"),
    ("gaestehaus", "gastgewerbe"),
    ("weitere_beherbergungsbetriebe", "gastgewerbe"),
    ("halle", "hallen_lager_prod"),
    ("industriehalle", "hallen_lager_prod"),
    ("industriehalle_und_freiflaeche", "hallen_lager_prod"),
    ("lager", "hallen_lager_prod"),
    ("lagerhalle", "hallen_lager_prod"),
    ("lagerflaeche", "hallen_lager_prod"),
    ("lager_mit_freiflaeche", "hallen_lager_prod"),
    ("hochregallager", "hallen_lager_prod"),
    ("speditionslager", "hallen_lager_prod"),
    ("kuehlhaus", "hallen_lager_prod"),
    ("kuehlregallager", "hallen_lager_prod"),
    ("produktion", "hallen_lager_prod"),
    ("werkstatt", "hallen_lager_prod"),
    ("service", "hallen_lager_prod"),
    ("freiflaechen", "hallen_lager_prod"),
    ("gewerbepark", "hallen_lager_prod"),
    ("landwirtschaftliche_betriebe", "land_und_forstwirtschaft"),
    ("bauernhof", "land_und_forstwirtschaft"),
    ("aussiedlerhof", "land_und_forstwirtschaft"),
    ("viehwirtschaft", "land_und_forstwirtschaft"),
    ("jagd_und_forstwirtschaft", "land_und_forstwirtschaft"),
    ("jagdrevier", "land_und_forstwirtschaft"),
    ("teich_und_fischwirtschaft", "land_und_forstwirtschaft"),
    ("scheunen", "land_und_forstwirtschaft"),
    ("reiterhoefe", "land_und_forstwirtschaft"),
    ("anwesen", "land_und_forstwirtschaft"),
    (
        "sonstige_landwirtschaftsimmobilien",
        "land_und_forstwirtschaft",
    ),
    ("freizeitanlage", "freizeitimmbilien_gewerblich"),
    ("sportanlage", "freizeitimmbilien_gewerblich"),
    (
        "vergnuegungsparks_und_center",
        "freizeitimmbilien_gewerblich",
    ),
    ("wohn_und_geschaeftshaus", "zinshaus_renditeobjekt"),
    ("geschaeftshaus", "zinshaus_renditeobjekt"),
    ("buerogebaeude", "zinshaus_renditeobjekt"),
    ("wohnanlagen", "zinshaus_renditeobjekt"),
    ("einkaufscentren", "zinshaus_renditeobjekt"),
    ("verbrauchermaerkte", "zinshaus_renditeobjekt"),
    ("sb_maerkte", "zinshaus_renditeobjekt"),
    ("industrieanlagen", "zinshaus_renditeobjekt"),
    ("stellplatz", "parken"),
    ("carport", "parken"),
    ("einzelgarage", "parken"),
    ("doppelgarage", "parken"),
    ("duplex", "parken"),
    ("tiefgarage", "parken"),
    ("tiefgaragenstellplatz", "parken"),
    ("parkhaus", "parken"),
    ("parken_parkhaus", "parken"),
    ("parkplatz_strom", "parken"),
    ("bootsliegeplatz", "parken"),
    ("gewerbeeinheit", "sonstige"),
    ("gewerbeanwesen", "sonstige"),
    ("tankstelle", "sonstige"),
    ("sonstige", "sonstige"),
    ("hausbau_einfamilienhaus", "hausbau"),
    ("hausbau_zweifamilienhaus", "hausbau"),
    ("hausbau_mehrfamilienhaus", "hausbau"),
    ("hausbau_reihenhaus", "hausbau"),
    ("hausbau_bungalow", "hausbau"),
    ("hausbau_villa", "hausbau"),
    ("hausbau_landhaus", "hausbau"),
];

const NUTZUNGSART: &[SelectValue] = &[
    v("wohnen", "Wohnen", "Residential"),
    v("gewerbe", "Gewerbe", "Commercial"),
    v("anlage", "Anlage", "Investment"),
    v("waz", "Wohnen auf Zeit", "Temporary housing"),
];

const VERMARKTUNGSART: &[SelectValue] = &[
    v("kauf", "Kauf", "Purchase"),
    v("miete", "Miete", "Rent"),
    v("pacht", "Pacht", "Lease"),
    v("erbpacht", "Erbpacht", "Long lease"),
    v("leasing", "Leasing", "Leasing"),
];

/// Keys are the German names: raw reads return them (`"bundesland":"Bayern"`).
const BUNDESLAND: &[SelectValue] = &[
    v(
        "Baden-Württemberg",
        "Baden-Württemberg",
        "Baden-Württemberg",
    ),
    v("Bayern", "Bayern", "Bavaria"),
    v("Berlin", "Berlin", "Berlin"),
    v("Brandenburg", "Brandenburg", "Brandenburg"),
    v("Bremen", "Bremen", "Bremen"),
    v("Hamburg", "Hamburg", "Hamburg"),
    v("Hessen", "Hessen", "Hesse"),
    v(
        "Mecklenburg-Vorpommern",
        "Mecklenburg-Vorpommern",
        "Mecklenburg-Western Pomerania",
    ),
    v("Niedersachsen", "Niedersachsen", "Lower Saxony"),
    v(
        "Nordrhein-Westfalen",
        "Nordrhein-Westfalen",
        "North Rhine-Westphalia",
    ),
    v("Rheinland-Pfalz", "Rheinland-Pfalz", "Rhineland-Palatinate"),
    v("Saarland", "Saarland", "Saarland"),
    v("Sachsen", "Sachsen", "Saxony"),
    v("Sachsen-Anhalt", "Sachsen-Anhalt", "Saxony-Anhalt"),
    v(
        "Schleswig-Holstein",
        "Schleswig-Holstein",
        "Schleswig-Holstein",
    ),
    v("Thüringen", "Thüringen", "Thuringia"),
];

/// ISO 3166-1 alpha-3 keys. Shared with the address field `Land`.
pub(super) const COUNTRIES: &[SelectValue] = &[
    v("DEU", "Deutschland", "Germany"),
    v("AUT", "Österreich", "Austria"),
    v("CHE", "Schweiz", "Switzerland"),
    v("LIE", "Liechtenstein", "Liechtenstein"),
    v("FRA", "Frankreich", "France"),
    v("NLD", "Niederlande", "Netherlands"),
    v("BEL", "Belgien", "Belgium"),
    v("LUX", "Luxemburg", "Luxembourg"),
    v("DNK", "Dänemark", "Denmark"),
    v("POL", "Polen", "Poland"),
    v("CZE", "Tschechien", "Czech Republic"),
    v("SVK", "Slowakei", "Slovakia"),
    v("HUN", "Ungarn", "Hungary"),
    v("SVN", "Slowenien", "Slovenia"),
    v("HRV", "Kroatien", "Croatia"),
    v("ITA", "Italien", "Italy"),
    v("ESP", "Spanien", "Spain"),
    v("PRT", "Portugal", "Portugal"),
    v("GRC", "Griechenland", "Greece"),
    v("MLT", "Malta", "Malta"),
    v("CYP", "Zypern", "Cyprus"),
    v("BGR", "Bulgarien", "Bulgaria"),
    v("ROU", "Rumänien", "Romania"),
    v("GBR", "Großbritannien", "United Kingdom"),
    v("IRL", "Irland", "Ireland"),
    v("SWE", "Schweden", "Sweden"),
    v("NOR", "Norwegen", "Norway"),
    v("FIN", "Finnland", "Finland"),
    v("TUR", "Türkei", "Turkey"),
    v(
        "ARE",
        "Vereinigte Arabische Emirate",
        "United Arab Emirates",
    ),
    v(
        "USA",
        "Vereinigte Staaten von Amerika",
        "United States of America",
    ),
    v("CAN", "Kanada", "Canada"),
];

/// ISO 3166-1 alpha-2 of every country in [`COUNTRIES`] (keys are alpha-3), for
/// `countryIsoCodeType`.
const ALPHA2: &[(&str, &str)] = &[
    ("DEU", "DE"),
    ("AUT", "AT"),
    ("CHE", "CH"),
    ("LIE", "LI"),
    ("FRA", "FR"),
    ("NLD", "NL"),
    ("BEL", "BE"),
    ("LUX", "LU"),
    ("DNK", "DK"),
    ("POL", "PL"),
    ("CZE", "CZ"),
    ("SVK", "SK"),
    ("HUN", "HU"),
    ("SVN", "SI"),
    ("HRV", "HR"),
    ("ITA", "IT"),
    ("ESP", "ES"),
    ("PRT", "PT"),
    ("GRC", "GR"),
    ("MLT", "MT"),
    ("CYP", "CY"),
    ("BGR", "BG"),
    ("ROU", "RO"),
    ("GBR", "GB"),
    ("IRL", "IE"),
    ("SWE", "SE"),
    ("NOR", "NO"),
    ("FIN", "FI"),
    ("TUR", "TR"),
    ("ARE", "AE"),
    ("USA", "US"),
    ("CAN", "CA"),
];

/// The two-letter code of a country key (`DEU` → `DE`).
pub fn country_alpha2(alpha3: &str) -> Option<&'static str> {
    ALPHA2
        .iter()
        .find(|(three, _)| *three == alpha3)
        .map(|(_, two)| *two)
}

/// Labels are currency symbols, as recorded (`"EUR":"€"`).
const WAEHRUNG: &[SelectValue] = &[
    v("EUR", "€", "€"),
    v("CHF", "CHF", "CHF"),
    v("USD", "$", "$"),
    v("GBP", "£", "£"),
    v("PLN", "zł", "zł"),
    v("CZK", "Kč", "Kč"),
    v("TRY", "₺", "₺"),
];

const HEIZKOSTEN_IN_NEBENKOSTEN: &[SelectValue] = &[v("J", "Ja", "Yes"), v("N", "Nein", "No")];

const MIETE_PAUSCHAL_PRO: &[SelectValue] = &[
    v("T", "Tag", "Day"),
    v("W", "Woche", "Week"),
    v("M", "Monat", "Month"),
];

/// MLS share of the buyer's commission, 5–100 %.
const PROVISIONS_ABGABE: &[SelectValue] = &[
    v("5", "5 %", "5%"),
    v("10", "10 %", "10%"),
    v("15", "15 %", "15%"),
    v("20", "20 %", "20%"),
    v("25", "25 %", "25%"),
    v("30", "30 %", "30%"),
    v("35", "35 %", "35%"),
    v("40", "40 %", "40%"),
    v("45", "45 %", "45%"),
    v("50", "50 %", "50%"),
    v("55", "55 %", "55%"),
    v("60", "60 %", "60%"),
    v("65", "65 %", "65%"),
    v("70", "70 %", "70%"),
    v("75", "75 %", "75%"),
    v("80", "80 %", "80%"),
    v("85", "85 %", "85%"),
    v("90", "90 %", "90%"),
    v("95", "95 %", "95%"),
    v("100", "100 %", "100%"),
];

/// MLS share of the seller's commission, 0–100 % (this one starts at 0).
const PROVISIONS_ABGABE_INNEN: &[SelectValue] = &[
    v("0", "0 %", "0%"),
    v("5", "5 %", "5%"),
    v("10", "10 %", "10%"),
    v("15", "15 %", "15%"),
    v("20", "20 %", "20%"),
    v("25", "25 %", "25%"),
    v("30", "30 %", "30%"),
    v("35", "35 %", "35%"),
    v("40", "40 %", "40%"),
    v("45", "45 %", "45%"),
    v("50", "50 %", "50%"),
    v("55", "55 %", "55%"),
    v("60", "60 %", "60%"),
    v("65", "65 %", "65%"),
    v("70", "70 %", "70%"),
    v("75", "75 %", "75%"),
    v("80", "80 %", "80%"),
    v("85", "85 %", "85%"),
    v("90", "90 %", "90%"),
    v("95", "95 %", "95%"),
    v("100", "100 %", "100%"),
];

const HEIZUNGSART: &[SelectValue] = &[
    v("etage", "Etagenheizung", "Floor heating"),
    v("ofen", "Ofenheizung", "Stove heating"),
    v("zentral", "Zentralheizung", "Central heating"),
    v("fussboden", "Fußbodenheizung", "Underfloor heating"),
    v("fern", "Fernwärme", "District heating"),
];

const BEFEUERUNG: &[SelectValue] = &[
    v("alternativ", "Alternativ", "Alternative"),
    v("elektro", "Elektro", "Electric"),
    v("erdwaerme", "Erdwärme", "Geothermal"),
    v("gas", "Gas", "Gas"),
    v("luftwp", "Luft-/Wasser-Wärmepumpe", "Air/water heat pump"),
    v("oel", "Öl", "Oil"),
    v("pellet", "Pellet", "Pellet"),
    v("solar", "Solar", "Solar"),
];

const STELLPLATZART: &[SelectValue] = &[
    v("freiplatz", "Freiplatz", "Outdoor parking space"),
    v("carport", "Carport", "Carport"),
    v("garage", "Garage", "Garage"),
    v("tiefgarage", "Tiefgarage", "Underground garage"),
    v("duplex", "Duplex", "Duplex"),
    v("parkhaus", "Parkhaus", "Multi-storey car park"),
];

const FAHRSTUHL: &[SelectValue] = &[
    v("personen", "Personenaufzug", "Elevator"),
    v("lasten", "Lastenaufzug", "Freight elevator"),
    v("kein_fahrstuhl", "Kein Aufzug", "No elevator"),
];

const BODEN: &[SelectValue] = &[
    v("beton", "Beton", "Concrete"),
    v("dielen", "Dielen", "Floorboards"),
    v("doppelboden", "Doppelboden", "Raised floor"),
    v("epoxidharzboden", "Epoxidharzboden", "Epoxy resin floor"),
    v("estrich", "Estrich", "Screed"),
    v("fertigparkett", "Fertigparkett", "Prefinished parquet"),
    v("fliesen", "Fliesen", "Tiles"),
    v("laminat", "Laminat", "Laminate"),
    v("marmor", "Marmor", "Marble"),
    v(
        "nach_mieterwunsch",
        "Nach Mieterwunsch",
        "According to tenant",
    ),
    v("parkett", "Parkett", "Parquet"),
    v("pvc", "PVC", "PVC"),
    v("stein", "Stein", "Stone"),
    v("teppichboden", "Teppichboden", "Carpet"),
    v("terrakotta", "Terrakotta", "Terracotta"),
];

const UNTERKELLERT: &[SelectValue] = &[
    v("JA", "Ja", "Yes"),
    v("NEIN", "Nein", "No"),
    v("TEIL", "Teilweise", "Partly"),
];

const ANGESCHL_GASTRONOMIE: &[SelectValue] = &[
    v("hotelrestaurant", "Hotelrestaurant", "Hotel restaurant"),
    v("bar", "Bar", "Bar"),
];

const ZUSTAND: &[SelectValue] = &[
    v("erstbezug", "Erstbezug", "First occupancy"),
    v(
        "erstbezug_nach_sanierung",
        "Erstbezug nach Sanierung",
        "First occupancy after refurbishment",
    ),
    v("neuwertig", "Neuwertig", "Like new"),
    v("saniert", "Saniert", "Refurbished"),
    v(
        "vollstaendig_renoviert",
        "Vollständig renoviert",
        "Completely renovated",
    ),
    v("modernisiert", "Modernisiert", "Modernised"),
    v("gepflegt", "Gepflegt", "Well maintained"),
    v(
        "renovierungsbeduerftig",
        "Renovierungsbedürftig",
        "Needs renovation",
    ),
    v("nach_vereinbarung", "Nach Vereinbarung", "By arrangement"),
    v("projektiert", "Projektiert", "Planned"),
    v("rohbau", "Rohbau", "Shell construction"),
    v("entkernt", "Entkernt", "Gutted"),
    v("baufaellig", "Baufällig", "Dilapidated"),
    v("abrissobjekt", "Abrissobjekt", "Demolition property"),
];

const ERSCHLIESSUNG: &[SelectValue] = &[
    v("erschlossen", "Erschlossen", "Developed"),
    v("teilerschlossen", "Teilerschlossen", "Partly developed"),
    v("unerschlossen", "Unerschlossen", "Undeveloped"),
];

const BEBAUBAR_NACH: &[SelectValue] = &[
    v(
        "aussengebiet",
        "Außengebiet (§ 35 BauGB)",
        "Outer area (§ 35 BauGB)",
    ),
    v("b_plan", "B-Plan", "Development plan"),
    v(
        "bauerwartungsland",
        "Bauerwartungsland",
        "Prospective building land",
    ),
    v(
        "bauland_ohne_b_plan",
        "Bauland ohne B-Plan",
        "Building land without development plan",
    ),
    v(
        "bebauungsplan",
        "Bebauungsplan (§ 30 BauGB)",
        "Development plan (§ 30 BauGB)",
    ),
    v("kein_bauland", "Kein Bauland", "No building land"),
    v("laenderspezifisch", "Länderspezifisch", "Country-specific"),
    v(
        "nachbarbebauung",
        "Nachbarbebauung (§ 34 BauGB)",
        "Neighbouring development (§ 34 BauGB)",
    ),
];

const BEBAUBAR_MIT: &[SelectValue] = &[
    v("ackerland", "Ackerland", "Farmland"),
    v(
        "bauerwartungsland",
        "Bauerwartungsland",
        "Prospective building land",
    ),
    v("bootsstaende", "Bootsstände", "Boat stands"),
    v("buero", "Büro", "Office"),
    v("camping", "Camping", "Camping"),
    v("doppelhaus", "Doppelhaus", "Double house"),
    v("einfamilienhaus", "Einfamilienhaus", "Single-family house"),
    v("einzelhandelgross", "Einzelhandel groß", "Retail (large)"),
    v("einzelhandelklein", "Einzelhandel klein", "Retail (small)"),
    v("garagen", "Garagen", "Garages"),
    v("garten", "Garten", "Garden"),
    v("gastronomie", "Gastronomie", "Gastronomy"),
    v("gewerbe", "Gewerbe", "Commercial"),
    v("hotel", "Hotel", "Hotel"),
    v("industrie", "Industrie", "Industry"),
    v("keinebebauung", "Keine Bebauung", "No development"),
    v("kleingewerbe", "Kleingewerbe", "Small business"),
    v("lager", "Lager", "Warehouse"),
    v("mehrfamilienhaus", "Mehrfamilienhaus", "Apartment building"),
    v("obstpflanzung", "Obstpflanzung", "Fruit plantation"),
    v("parkhaus", "Parkhaus", "Multi-storey car park"),
    v("produktion", "Produktion", "Production"),
    v("reihenhaus", "Reihenhaus", "Terraced house"),
    v("stellplaetze", "Stellplätze", "Parking spaces"),
    v("villa", "Villa", "Villa"),
    v("wald", "Wald", "Forest"),
];

/// The keys are the vendor's, spaces and exclamation mark included.
const ENERGIEAUSWEISTYP: &[SelectValue] = &[
    v(
        "Endenergiebedarf",
        "Bedarfsausweis",
        "Energy demand certificate",
    ),
    v(
        "Energieverbrauchskennwert",
        "Verbrauchsausweis",
        "Energy consumption certificate",
    ),
    v(
        "Bedarfsausweis Gewerbe",
        "Bedarfsausweis Gewerbe",
        "Demand certificate (commercial)",
    ),
    v(
        "Verbrauchsausweis Gewerbe",
        "Verbrauchsausweis Gewerbe",
        "Consumption certificate (commercial)",
    ),
    v(
        "es besteht keine Pflicht!",
        "Es besteht keine Pflicht!",
        "Not required",
    ),
    v(
        "ohne Energieausweis",
        "Ohne Energieausweis",
        "Without energy certificate",
    ),
];

const ENERGY_CLASS: &[SelectValue] = &[
    v("A+", "A+", "A+"),
    v("A", "A", "A"),
    v("B", "B", "B"),
    v("C", "C", "C"),
    v("D", "D", "D"),
    v("E", "E", "E"),
    v("F", "F", "F"),
    v("G", "G", "G"),
    v("H", "H", "H"),
];

const ENERGIETRAEGER: &[SelectValue] = &[
    v("gas", "Gas", "Gas"),
    v("oel", "Öl", "Oil"),
    v("fernwaerme", "Fernwärme", "District heating"),
    v("elektro", "Strom", "Electricity"),
    v("luftwp", "Luft-/Wasser-Wärmepumpe", "Air/water heat pump"),
    v("erdwaerme", "Erdwärme", "Geothermal"),
    v("solar", "Solar", "Solar"),
    v("pellet", "Pellet", "Pellet"),
    v("pelletheizung", "Pelletheizung", "Pellet heating"),
    v("holz", "Holz", "Wood"),
    v("kohle", "Kohle", "Coal"),
    v("fluessiggas", "Flüssiggas", "Liquefied gas"),
    v(
        "block",
        "Blockheizkraftwerk",
        "Block-type thermal power station",
    ),
    v("alternativ", "Alternativ", "Alternative"),
    v(
        "wasser-elektro",
        "Ergänzend dezentrale Warmwasserbereitung",
        "Complementary decentralised hot water",
    ),
    v("acidGas", "Erdgas leicht", "Natural gas (light)"),
    v("sourGas", "Erdgas schwer", "Natural gas (heavy)"),
    v(
        "steamDistrictHeating",
        "Fernwärme (Dampf)",
        "Steam district heating",
    ),
    v("localHeating", "Nahwärme", "Local heating"),
    v("heatSupply", "Wärmelieferung", "Heat supply"),
    v("bioEnergy", "Bioenergie", "Bioenergy"),
    v("windEnergy", "Windenergie", "Wind energy"),
    v("waterEnergy", "Wasserenergie", "Hydropower"),
    v(
        "environmentalThermalEnergy",
        "Umweltwärme",
        "Environmental thermal energy",
    ),
    v(
        "combinedHeatAndPowerFossilFuels",
        "KWK fossil",
        "Combined heat and power (fossil fuels)",
    ),
    v(
        "combinedHeatAndPowerRenewableEnergy",
        "KWK erneuerbar",
        "Combined heat and power (renewable energy)",
    ),
    v(
        "combinedHeatAndPowerRegenerativeEnergy",
        "KWK regenerativ",
        "Combined heat and power (regenerative energy)",
    ),
    v(
        "combinedHeatAndPowerBioEnergy",
        "KWK Bioenergie",
        "Combined heat and power (bioenergy)",
    ),
];

const HAUSTIERE: &[SelectValue] = &[
    v("1", "Ja", "Yes"),
    v("0", "Nein", "No"),
    v("2", "Nach Vereinbarung", "By arrangement"),
];

pub const ESTATE_FIELDS: &[StandardField] = &[
    // ---- ObjTech: identity, status, management --------------------------------------------
    StandardField {
        name: "Id",
        ty: FieldType::Integer,
        deu: "Datensatznr.",
        eng: "Data record no.",
        read_only: true,
        ..TECH
    },
    StandardField {
        name: "uuid",
        ty: FieldType::Varchar,
        length: Some(36),
        deu: "UUID",
        eng: "UUID",
        read_only: true,
        ..TECH
    },
    StandardField {
        name: "objektnr_extern",
        ty: FieldType::Varchar,
        length: Some(20),
        deu: "Externe Objektnr.",
        eng: "External property number",
        ..TECH
    },
    StandardField {
        name: "objektnr_intern",
        ty: FieldType::Integer,
        deu: "Interne Objektnr.",
        eng: "Internal property no.",
        ..TECH
    },
    StandardField {
        name: "status",
        ty: FieldType::SingleSelect,
        values: STATUS,
        default: Some("1"),
        deu: "Status",
        eng: "Status",
        ..TECH
    },
    StandardField {
        name: "status2",
        ty: FieldType::SingleSelect,
        values: STATUS2,
        default: Some("status2obj_aktiv"),
        deu: "Status 2",
        eng: "Status 2",
        ..TECH
    },
    StandardField {
        name: "verkauft",
        ty: FieldType::Boolean,
        deu: "Verkauft/Vermietet",
        eng: "Sold/Rented",
        measure: BOOLEAN,
        ..TECH
    },
    StandardField {
        name: "reserviert",
        ty: FieldType::Boolean,
        deu: "Reserviert",
        eng: "Reserved",
        measure: BOOLEAN,
        ..TECH
    },
    StandardField {
        name: "verkauft_am",
        ty: FieldType::Date,
        deu: "Verkauft am",
        eng: "Sold on",
        measure: DATE,
        ..TECH
    },
    StandardField {
        name: "stammobjekt",
        ty: FieldType::Boolean,
        deu: "Stammobjekt",
        eng: "Master property",
        measure: BOOLEAN,
        ..TECH
    },
    StandardField {
        name: "benutzer",
        ty: FieldType::User,
        deu: "Betreuer",
        eng: "Supervisor",
        measure: USER,
        ..TECH
    },
    StandardField {
        name: "auftragsart",
        ty: FieldType::SingleSelect,
        values: AUFTRAGSART,
        deu: "Auftragsart",
        eng: "Contract type",
        ..TECH
    },
    StandardField {
        name: "auftragbis",
        ty: FieldType::Date,
        deu: "Auftrag bis",
        eng: "Order until",
        measure: DATE,
        ..TECH
    },
    StandardField {
        name: "auftragvon",
        ty: FieldType::Date,
        deu: "Auftrag von",
        eng: "Order from",
        measure: DATE,
        ..TECH
    },
    StandardField {
        name: "autoExpose",
        ty: FieldType::Boolean,
        deu: "Autom. Exposéversand",
        eng: "Automatic brochure dispatch",
        measure: BOOLEAN,
        ..TECH
    },
    StandardField {
        name: "projectStatus",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Projektstatus",
        eng: "Project status",
        ..TECH
    },
    StandardField {
        name: "letzte_aktion",
        ty: FieldType::Date,
        deu: "Letzte Aktion",
        eng: "Last action",
        measure: DATE,
        read_only: true,
        ..TECH
    },
    StandardField {
        name: "erstellt_am",
        ty: FieldType::Date,
        deu: "Erstellt am",
        eng: "Created on",
        measure: DATE,
        read_only: true,
        ..TECH
    },
    StandardField {
        name: "erstellt_von",
        ty: FieldType::User,
        deu: "Erstellt von",
        eng: "Created by",
        measure: USER,
        read_only: true,
        ..TECH
    },
    StandardField {
        name: "geaendert_am",
        ty: FieldType::DateTime,
        deu: "Geändert am",
        eng: "Modified on",
        measure: DATETIME,
        read_only: true,
        ..TECH
    },
    // ---- ObjKategorie ---------------------------------------------------------------------
    StandardField {
        name: "objektart",
        ty: FieldType::SingleSelect,
        values: OBJEKTART,
        deu: "Objektart",
        eng: "Property class",
        ..CATEGORY
    },
    StandardField {
        name: "objekttyp",
        ty: FieldType::SingleSelect,
        values: OBJEKTTYP,
        deu: "Objekttyp",
        eng: "Property type",
        ..CATEGORY
    },
    StandardField {
        name: "nutzungsart",
        ty: FieldType::SingleSelect,
        values: NUTZUNGSART,
        deu: "Nutzungsart",
        eng: "Type of usage",
        ..CATEGORY
    },
    StandardField {
        name: "vermarktungsart",
        ty: FieldType::SingleSelect,
        values: VERMARKTUNGSART,
        deu: "Vermarktungsart",
        eng: "Type of transaction",
        ..CATEGORY
    },
    // ---- ObjGeo ---------------------------------------------------------------------------
    StandardField {
        name: "strasse",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Straße",
        eng: "Street",
        ..GEO
    },
    StandardField {
        name: "hausnummer",
        ty: FieldType::Varchar,
        length: Some(20),
        deu: "Hausnummer",
        eng: "House number",
        ..GEO
    },
    StandardField {
        name: "plz",
        ty: FieldType::Varchar,
        length: Some(20),
        deu: "PLZ",
        eng: "Postal code",
        ..GEO
    },
    StandardField {
        name: "ort",
        ty: FieldType::Varchar,
        length: Some(50),
        deu: "Ort",
        eng: "Town",
        ..GEO
    },
    StandardField {
        name: "ortsteil",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Ortsteil",
        eng: "District",
        ..GEO
    },
    StandardField {
        name: "bundesland",
        ty: FieldType::SingleSelect,
        values: BUNDESLAND,
        deu: "Bundesland",
        eng: "Federal state",
        ..GEO
    },
    StandardField {
        name: "land",
        ty: FieldType::SingleSelect,
        values: COUNTRIES,
        deu: "Land",
        eng: "Country",
        ..GEO
    },
    StandardField {
        name: "breitengrad",
        ty: FieldType::Float,
        deu: "Breitengrad",
        eng: "Latitude",
        ..GEO
    },
    StandardField {
        name: "laengengrad",
        ty: FieldType::Float,
        deu: "Längengrad",
        eng: "Longitude",
        ..GEO
    },
    StandardField {
        name: "etage",
        ty: FieldType::Integer,
        deu: "Etage",
        eng: "Floor",
        ..GEO
    },
    StandardField {
        name: "wohnungsnr",
        ty: FieldType::Varchar,
        length: Some(20),
        deu: "Wohnungsnr.",
        eng: "Apartment no.",
        ..GEO
    },
    StandardField {
        name: "objektadresse_freigeben",
        ty: FieldType::Boolean,
        deu: "Objektadresse freigeben",
        eng: "Publish property address",
        measure: BOOLEAN,
        ..GEO
    },
    StandardField {
        name: "objektadresse_freigeben_api",
        ty: FieldType::Boolean,
        deu: "Objektadresse freigeben (API)",
        eng: "Publish property address (API)",
        measure: BOOLEAN,
        ..GEO
    },
    // Computed from the estate and its publication flags (`computed.rs`); not stored.
    StandardField {
        name: "virtualAddress",
        ty: FieldType::Boolean,
        deu: "Virtuelle Adresse",
        eng: "Virtual address",
        measure: BOOLEAN,
        computed: Some(Computed::VirtualAddress),
        ..GEO
    },
    StandardField {
        name: "virtualStreet",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Virtuelle Straße",
        eng: "Virtual street",
        computed: Some(Computed::VirtualStreet),
        ..GEO
    },
    StandardField {
        name: "virtualHouseNumber",
        ty: FieldType::Varchar,
        length: Some(20),
        deu: "Virtuelle Hausnummer",
        eng: "Virtual house number",
        computed: Some(Computed::VirtualHouseNumber),
        ..GEO
    },
    StandardField {
        name: "virtualLatitude",
        ty: FieldType::Float,
        deu: "Virtueller Breitengrad",
        eng: "Virtual latitude",
        computed: Some(Computed::VirtualLatitude),
        ..GEO
    },
    StandardField {
        name: "virtualLongitude",
        ty: FieldType::Float,
        deu: "Virtueller Längengrad",
        eng: "Virtual longitude",
        computed: Some(Computed::VirtualLongitude),
        ..GEO
    },
    StandardField {
        name: "gemarkung",
        ty: FieldType::Varchar,
        length: Some(30),
        deu: "Gemarkung",
        eng: "Cadastral district",
        ..GEO
    },
    StandardField {
        name: "flur",
        ty: FieldType::Varchar,
        length: Some(30),
        deu: "Flur",
        eng: "Cadastral section",
        ..GEO
    },
    StandardField {
        name: "flurstueck",
        ty: FieldType::Varchar,
        length: Some(250),
        deu: "Flurstück",
        eng: "Parcel",
        ..GEO
    },
    StandardField {
        name: "scout_region",
        ty: FieldType::Varchar,
        length: Some(100),
        deu: "Scout-Region",
        eng: "Scout region",
        ..GEO
    },
    StandardField {
        name: "regionaler_zusatz",
        ty: FieldType::MultiSelect,
        values: &[],
        deu: "Regionaler Zusatz",
        eng: "Regional addition",
        ..GEO
    },
    // ---- ObjPreise ------------------------------------------------------------------------
    StandardField {
        name: "kaufpreis",
        ty: FieldType::Float,
        deu: "Kaufpreis",
        eng: "Purchase price",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "kaufpreis_pro_qm",
        ty: FieldType::Float,
        deu: "Kaufpreis pro m²",
        eng: "Purchase price per sqm",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "preisAufAnfrage",
        ty: FieldType::Boolean,
        deu: "Preis auf Anfrage",
        eng: "Price on request",
        measure: BOOLEAN,
        ..PRICES
    },
    StandardField {
        name: "kaltmiete",
        ty: FieldType::Float,
        deu: "Kaltmiete",
        eng: "Rent",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "nettokaltmiete",
        ty: FieldType::Float,
        deu: "Nettokaltmiete",
        eng: "Net rent",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "warmmiete",
        ty: FieldType::Float,
        deu: "Warmmiete",
        eng: "Rent including heating",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "mietpreis_pro_qm",
        ty: FieldType::Float,
        deu: "Mietpreis pro m²",
        eng: "Rent per square metre",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "nebenkosten",
        ty: FieldType::Float,
        deu: "Nebenkosten",
        eng: "Utilities",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "heizkosten",
        ty: FieldType::Float,
        deu: "Heizkosten",
        eng: "Heating costs",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "heizkosten_in_nebenkosten",
        ty: FieldType::SingleSelect,
        values: HEIZKOSTEN_IN_NEBENKOSTEN,
        deu: "Heizkosten in Nebenkosten enthalten",
        eng: "Heating costs included in utilities",
        ..PRICES
    },
    StandardField {
        name: "miete_pauschal",
        ty: FieldType::Float,
        deu: "Pauschalmiete",
        eng: "Inclusive rent",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "miete_pauschal_pro",
        ty: FieldType::SingleSelect,
        values: MIETE_PAUSCHAL_PRO,
        deu: "Pauschalmiete pro",
        eng: "Inclusive rent per",
        ..PRICES
    },
    StandardField {
        name: "kaution",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Kaution",
        eng: "Deposit",
        measure: MONETARY_OR_TEXT,
        ..PRICES
    },
    StandardField {
        name: "hausgeld",
        ty: FieldType::Float,
        deu: "Hausgeld",
        eng: "HOA fee",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "pacht",
        ty: FieldType::Float,
        deu: "Pacht",
        eng: "Lease",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "erbpacht",
        ty: FieldType::Float,
        deu: "Erbpacht",
        eng: "Long lease",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "erschliessungskosten",
        ty: FieldType::Float,
        deu: "Erschließungskosten",
        eng: "Development costs",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "waehrung",
        ty: FieldType::SingleSelect,
        values: WAEHRUNG,
        deu: "Währung",
        eng: "Currency",
        ..PRICES
    },
    StandardField {
        name: "aussen_courtage",
        ty: FieldType::Text,
        deu: "Außen-Courtage",
        eng: "Buyer's commission",
        ..PRICES
    },
    StandardField {
        name: "innen_courtage",
        ty: FieldType::Text,
        deu: "Innen-Courtage",
        eng: "Seller's commission",
        ..PRICES
    },
    StandardField {
        name: "zzgl_mehrwertsteuer",
        ty: FieldType::SingleSelect,
        values: YES_NO,
        deu: "Provision zzgl. MwSt.",
        eng: "Commission plus VAT",
        ..PRICES
    },
    StandardField {
        name: "provisionsAbgabe",
        ty: FieldType::SingleSelect,
        values: PROVISIONS_ABGABE,
        default: Some("50"),
        deu: "MLS-Abgabe Außenprovision",
        eng: "MLS share of buyer's commission",
        ..PRICES
    },
    StandardField {
        name: "provisionsAbgabe_innen",
        ty: FieldType::SingleSelect,
        values: PROVISIONS_ABGABE_INNEN,
        default: Some("50"),
        deu: "MLS-Abgabe Innenprovision",
        eng: "MLS share of seller's commission",
        ..PRICES
    },
    StandardField {
        name: "mls_provisionsAbgabe_beschreibung",
        ty: FieldType::Text,
        deu: "MLS-Abgabe Beschreibung",
        eng: "MLS share description",
        ..PRICES
    },
    StandardField {
        name: "provisionsbetrag",
        ty: FieldType::Float,
        deu: "Provisionsbetrag (intern)",
        eng: "Commission (internal)",
        measure: MONETARY,
        read_only: true,
        ..PRICES
    },
    StandardField {
        name: "summe_innenprovision",
        ty: FieldType::Float,
        deu: "Summe Innenprovision (intern)",
        eng: "Total seller's commission (internal)",
        measure: MONETARY,
        read_only: true,
        ..PRICES
    },
    StandardField {
        name: "summe_aussenprovision",
        ty: FieldType::Float,
        deu: "Summe Außenprovision (intern)",
        eng: "Total buyer's commission (internal)",
        measure: MONETARY,
        read_only: true,
        ..PRICES
    },
    StandardField {
        name: "mieteinnahmen_ist",
        ty: FieldType::Float,
        deu: "Mieteinnahmen (Ist)",
        eng: "Rental income (actual)",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "mieteinnahmen_soll",
        ty: FieldType::Float,
        deu: "Mieteinnahmen (Soll)",
        eng: "Rental income (target)",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "mieteinnahmen_pro_monat",
        ty: FieldType::Float,
        deu: "Mieteinnahmen pro Monat",
        eng: "Rental income per month",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "mieteinnahmen_pro_jahr_ist",
        ty: FieldType::Float,
        deu: "Jährl. Mieteinnahmen (Ist)",
        eng: "Annual rental income (actual)",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "mieteinnahmen_pro_jahr_soll",
        ty: FieldType::Float,
        deu: "Jährl. Mieteinnahmen (Soll)",
        eng: "Annual rental income (target)",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "x_fache",
        ty: FieldType::Float,
        deu: "x-fache (Ist)",
        eng: "Multiplier (actual)",
        measure: NUMERIC,
        ..PRICES
    },
    StandardField {
        name: "x_fache_soll",
        ty: FieldType::Float,
        deu: "x-fache (Soll)",
        eng: "Multiplier (target)",
        measure: NUMERIC,
        ..PRICES
    },
    StandardField {
        name: "provisionsfrei",
        ty: FieldType::Boolean,
        deu: "Provisionsfrei für Käufer/Mieter",
        eng: "No commission for the buyer or tenant",
        measure: BOOLEAN,
        ..PRICES
    },
    StandardField {
        name: "saisonmiete",
        ty: FieldType::Float,
        deu: "Saisonmiete",
        eng: "Seasonal rent",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "wochmietbto",
        ty: FieldType::Float,
        deu: "Wochenmiete brutto",
        eng: "Weekly rent (gross)",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "betriebskosten",
        ty: FieldType::Float,
        deu: "Betriebskosten",
        eng: "Running costs",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "stellplatzmiete",
        ty: FieldType::Float,
        deu: "Stellplatzmiete",
        eng: "Parking space rent",
        measure: MONETARY,
        ..PRICES
    },
    StandardField {
        name: "mwst_satz",
        ty: FieldType::Float,
        deu: "MwSt.-Satz",
        eng: "VAT rate",
        measure: PERCENTAGE,
        ..PRICES
    },
    StandardField {
        name: "ust_satz_bk",
        ty: FieldType::Float,
        deu: "USt.-Satz Betriebskosten",
        eng: "VAT rate of the running costs",
        measure: PERCENTAGE,
        ..PRICES
    },
    StandardField {
        name: "prozent_aussenprovision",
        ty: FieldType::Float,
        deu: "Prozent Außenprovision (intern)",
        eng: "External commission in percent (internal)",
        measure: PERCENTAGE,
        ..PRICES
    },
    StandardField {
        name: "nettorendite",
        ty: FieldType::Float,
        deu: "Nettorendite (Soll)",
        eng: "Net yield (target)",
        measure: PERCENTAGE,
        ..PRICES
    },
    StandardField {
        name: "nettorendite_ist",
        ty: FieldType::Float,
        deu: "Nettorendite (Ist)",
        eng: "Net yield (actual)",
        measure: PERCENTAGE,
        ..PRICES
    },
    // Computed from the kind of marketing and its price (`computed.rs`); not stored.
    StandardField {
        name: "calculatedPrice",
        ty: FieldType::Float,
        deu: "Berechneter Preis",
        eng: "Calculated price",
        measure: MONETARY,
        computed: Some(Computed::CalculatedPrice),
        ..PRICES
    },
    // ---- ObjFlaeche -----------------------------------------------------------------------
    StandardField {
        name: "wohnflaeche",
        ty: FieldType::Float,
        deu: "Wohnfläche",
        eng: "Living area",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "nutzflaeche",
        ty: FieldType::Float,
        deu: "Nutzfläche",
        eng: "Usable area",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "grundstuecksflaeche",
        ty: FieldType::Float,
        deu: "Grundstücksfläche",
        eng: "Size of site",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "gesamtflaeche",
        ty: FieldType::Float,
        deu: "Gesamtfläche",
        eng: "Total area",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "vermietbare_flaeche",
        ty: FieldType::Float,
        deu: "Vermietbare Fläche",
        eng: "Rentable area",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "bueroflaeche",
        ty: FieldType::Float,
        deu: "Bürofläche",
        eng: "Office space",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "ladenflaeche",
        ty: FieldType::Float,
        deu: "Ladenfläche",
        eng: "Shop space",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "verkaufsflaeche",
        ty: FieldType::Float,
        deu: "Verkaufsfläche",
        eng: "Sales area",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "lagerflaeche",
        ty: FieldType::Float,
        deu: "Lagerfläche",
        eng: "Storage space",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "gewerbeflaeche",
        ty: FieldType::Float,
        deu: "Gewerbefläche",
        eng: "Commercial area",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "gastroflaeche",
        ty: FieldType::Float,
        deu: "Gastrofläche",
        eng: "Restaurant area",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "nebenflaeche",
        ty: FieldType::Float,
        deu: "Nebenfläche",
        eng: "Adjacent area",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "teilbar_ab",
        ty: FieldType::Float,
        deu: "Teilbar ab",
        eng: "Divisible from",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "grundflaeche",
        ty: FieldType::Float,
        deu: "Grundfläche",
        eng: "Floor area",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "balkon_terrasse_flaeche",
        ty: FieldType::Float,
        deu: "Balkon-/Terrassenfläche",
        eng: "Balcony/patio area",
        measure: AREA,
        ..AREAS
    },
    StandardField {
        name: "anzahl_zimmer",
        ty: FieldType::Float,
        deu: "Anzahl Zimmer",
        eng: "Number of rooms",
        measure: NUMERIC,
        ..AREAS
    },
    StandardField {
        name: "anzahl_schlafzimmer",
        ty: FieldType::Float,
        deu: "Anzahl Schlafzimmer",
        eng: "Number of bedrooms",
        measure: NUMERIC,
        ..AREAS
    },
    StandardField {
        name: "anzahl_badezimmer",
        ty: FieldType::Float,
        deu: "Anzahl Badezimmer",
        eng: "Number of bathrooms",
        measure: NUMERIC,
        ..AREAS
    },
    StandardField {
        name: "anzahl_sep_wc",
        ty: FieldType::Float,
        deu: "Anzahl separate WC",
        eng: "Number of separate toilets",
        measure: NUMERIC,
        ..AREAS
    },
    StandardField {
        name: "anzahl_balkone",
        ty: FieldType::Float,
        deu: "Anzahl Balkone",
        eng: "Number of balconies",
        measure: NUMERIC,
        ..AREAS
    },
    StandardField {
        name: "anzahl_terrassen",
        ty: FieldType::Float,
        deu: "Anzahl Terrassen",
        eng: "Number of terraces",
        measure: NUMERIC,
        ..AREAS
    },
    StandardField {
        name: "anzahl_wohneinheiten",
        ty: FieldType::Float,
        deu: "Anzahl Wohneinheiten",
        eng: "Number of housing units",
        measure: NUMERIC,
        ..AREAS
    },
    StandardField {
        name: "anzahl_betten",
        ty: FieldType::Float,
        deu: "Anzahl Betten",
        eng: "Number of beds",
        measure: NUMERIC,
        ..AREAS
    },
    StandardField {
        name: "anzahl_tagungsraeume",
        ty: FieldType::Float,
        deu: "Anzahl Tagungsräume",
        eng: "Number of conference rooms",
        measure: NUMERIC,
        ..AREAS
    },
    StandardField {
        name: "einliegerwohnung",
        ty: FieldType::Boolean,
        deu: "Einliegerwohnung",
        eng: "Granny flat",
        measure: BOOLEAN,
        ..AREAS
    },
    StandardField {
        name: "grz",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "GRZ",
        eng: "Site occupancy index",
        ..AREAS
    },
    StandardField {
        name: "gfz",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "GFZ",
        eng: "Floor area ratio",
        ..AREAS
    },
    // ---- ObjAusstattung -------------------------------------------------------------------
    StandardField {
        name: "etagen_zahl",
        ty: FieldType::Float,
        deu: "Anzahl Etagen",
        eng: "Number of floors",
        measure: NUMERIC,
        ..EQUIPMENT
    },
    StandardField {
        name: "heizungsart",
        ty: FieldType::MultiSelect,
        values: HEIZUNGSART,
        deu: "Heizungsart",
        eng: "Heating",
        ..EQUIPMENT
    },
    StandardField {
        name: "befeuerung",
        ty: FieldType::MultiSelect,
        values: BEFEUERUNG,
        deu: "Befeuerung",
        eng: "Firing",
        ..EQUIPMENT
    },
    StandardField {
        name: "stellplatzart",
        ty: FieldType::MultiSelect,
        values: STELLPLATZART,
        deu: "Stellplatzart",
        eng: "Type of parking space",
        ..EQUIPMENT
    },
    // COMPAT: reads return `multiParkingLot` as an array (docs, estate read); recorded as text.
    StandardField {
        name: "multiParkingLot",
        ty: FieldType::Text,
        deu: "Stellplätze Multiparking",
        eng: "Parking (multiple)",
        ..EQUIPMENT
    },
    StandardField {
        name: "fahrstuhl",
        ty: FieldType::MultiSelect,
        values: FAHRSTUHL,
        deu: "Fahrstuhl",
        eng: "Elevator",
        ..EQUIPMENT
    },
    StandardField {
        name: "boden",
        ty: FieldType::MultiSelect,
        values: BODEN,
        deu: "Boden",
        eng: "Flooring",
        ..EQUIPMENT
    },
    StandardField {
        name: "unterkellert",
        ty: FieldType::SingleSelect,
        values: UNTERKELLERT,
        deu: "Unterkellert",
        eng: "Basement",
        ..EQUIPMENT
    },
    StandardField {
        name: "balkon",
        ty: FieldType::Boolean,
        deu: "Balkon",
        eng: "Balcony",
        measure: BOOLEAN,
        ..EQUIPMENT
    },
    StandardField {
        name: "terrasse",
        ty: FieldType::Boolean,
        deu: "Terrasse",
        eng: "Terrace",
        measure: BOOLEAN,
        ..EQUIPMENT
    },
    StandardField {
        name: "gartennutzung",
        ty: FieldType::Boolean,
        deu: "Gartennutzung",
        eng: "Use of garden",
        measure: BOOLEAN,
        ..EQUIPMENT
    },
    StandardField {
        name: "wintergarten",
        ty: FieldType::Boolean,
        deu: "Wintergarten",
        eng: "Conservatory",
        measure: BOOLEAN,
        ..EQUIPMENT
    },
    StandardField {
        name: "kamin",
        ty: FieldType::Boolean,
        deu: "Kamin",
        eng: "Fireplace",
        measure: BOOLEAN,
        ..EQUIPMENT
    },
    StandardField {
        name: "sauna",
        ty: FieldType::Boolean,
        deu: "Sauna",
        eng: "Sauna",
        measure: BOOLEAN,
        ..EQUIPMENT
    },
    StandardField {
        name: "gaesteWc",
        ty: FieldType::Boolean,
        deu: "Gäste-WC",
        eng: "Guest toilet",
        measure: BOOLEAN,
        ..EQUIPMENT
    },
    StandardField {
        name: "kabel_sat_tv",
        ty: FieldType::Boolean,
        deu: "Kabel/Sat-TV",
        eng: "Cable/satellite TV",
        measure: BOOLEAN,
        ..EQUIPMENT
    },
    StandardField {
        name: "fahrradraum",
        ty: FieldType::Boolean,
        deu: "Fahrradraum",
        eng: "Bicycle room",
        measure: BOOLEAN,
        ..EQUIPMENT
    },
    StandardField {
        name: "balkon_terrasse",
        ty: FieldType::Boolean,
        deu: "Balkon/Terrasse",
        eng: "Balcony/terrace",
        measure: BOOLEAN,
        ..EQUIPMENT
    },
    StandardField {
        name: "angeschl_gastronomie",
        ty: FieldType::MultiSelect,
        values: ANGESCHL_GASTRONOMIE,
        deu: "Angeschlossene Gastronomie",
        eng: "Attached gastronomy",
        ..EQUIPMENT
    },
    // ---- ObjZustand: condition, development, energy certificate ---------------------------
    StandardField {
        name: "baujahr",
        ty: FieldType::Integer,
        deu: "Baujahr",
        eng: "Construction year",
        measure: YEAR,
        ..CONDITION
    },
    StandardField {
        name: "zustand",
        ty: FieldType::SingleSelect,
        values: ZUSTAND,
        deu: "Zustand",
        eng: "Condition",
        ..CONDITION
    },
    StandardField {
        name: "erschliessung",
        ty: FieldType::SingleSelect,
        values: ERSCHLIESSUNG,
        deu: "Erschließung",
        eng: "Development",
        ..CONDITION
    },
    StandardField {
        name: "bebaubar_nach",
        ty: FieldType::SingleSelect,
        values: BEBAUBAR_NACH,
        deu: "Bebaubar nach",
        eng: "Developable according to",
        ..CONDITION
    },
    StandardField {
        name: "bebaubar_mit",
        ty: FieldType::MultiSelect,
        values: BEBAUBAR_MIT,
        deu: "Bebaubar mit",
        eng: "Constructible with",
        ..CONDITION
    },
    StandardField {
        name: "energieausweistyp",
        ty: FieldType::SingleSelect,
        values: ENERGIEAUSWEISTYP,
        deu: "Energieausweistyp",
        eng: "Energy certificate type",
        ..CONDITION
    },
    StandardField {
        name: "energieausweis_gueltig_bis",
        ty: FieldType::Date,
        deu: "Energieausweis gültig bis",
        eng: "Energy certificate valid until",
        measure: DATE,
        ..CONDITION
    },
    StandardField {
        name: "energieausweisBaujahr",
        ty: FieldType::Integer,
        deu: "Baujahr lt. Energieausweis",
        eng: "Construction year per energy certificate",
        measure: YEAR,
        ..CONDITION
    },
    StandardField {
        name: "endenergiebedarf",
        ty: FieldType::Float,
        deu: "Endenergiebedarf",
        eng: "Final energy demand",
        measure: ENERGY,
        ..CONDITION
    },
    StandardField {
        name: "energieverbrauchskennwert",
        ty: FieldType::Float,
        deu: "Energieverbrauchskennwert",
        eng: "Energy consumption value",
        measure: ENERGY,
        ..CONDITION
    },
    StandardField {
        name: "endenergiebedarfWaerme",
        ty: FieldType::Float,
        deu: "Endenergiebedarf (Wärme)",
        eng: "Final energy demand (heat)",
        measure: ENERGY,
        ..CONDITION
    },
    StandardField {
        name: "endenergiebedarfStrom",
        ty: FieldType::Float,
        deu: "Endenergiebedarf (Strom)",
        eng: "Final energy demand (electricity)",
        measure: ENERGY,
        ..CONDITION
    },
    StandardField {
        name: "endenergieverbrauchWaerme",
        ty: FieldType::Float,
        deu: "Endenergieverbrauch (Wärme)",
        eng: "Final energy consumption (heat)",
        measure: ENERGY,
        ..CONDITION
    },
    StandardField {
        name: "endenergieverbrauchStrom",
        ty: FieldType::Float,
        deu: "Endenergieverbrauch (Strom)",
        eng: "Final energy consumption (electricity)",
        measure: ENERGY,
        ..CONDITION
    },
    StandardField {
        name: "energyClass",
        ty: FieldType::SingleSelect,
        values: ENERGY_CLASS,
        deu: "Energieeffizienzklasse",
        eng: "Energy efficiency class",
        ..CONDITION
    },
    StandardField {
        name: "energietraeger",
        ty: FieldType::SingleSelect,
        values: ENERGIETRAEGER,
        deu: "Wesentlicher Energieträger",
        eng: "Main energy source",
        ..CONDITION
    },
    StandardField {
        name: "warmwasserEnthalten",
        ty: FieldType::Boolean,
        deu: "Warmwasser enthalten",
        eng: "Hot water included",
        measure: BOOLEAN,
        ..CONDITION
    },
    // A layout placeholder of the energy certificate section: it holds no value.
    StandardField {
        name: "placeholderEnergy",
        ty: FieldType::Text,
        deu: "Platzhalter Energieausweis",
        eng: "Energy certificate placeholder",
        read_only: true,
        ..CONDITION
    },
    // ---- ObjInfra -------------------------------------------------------------------------
    StandardField {
        name: "distanz_zentrum",
        ty: FieldType::Float,
        deu: "Entfernung Zentrum (km)",
        eng: "Distance to centre (km)",
        measure: DISTANCE,
        ..INFRA
    },
    StandardField {
        name: "distanz_autobahn",
        ty: FieldType::Float,
        deu: "Entfernung Autobahn (km)",
        eng: "Distance to motorway (km)",
        measure: DISTANCE,
        ..INFRA
    },
    StandardField {
        name: "distanz_kindergarten",
        ty: FieldType::Float,
        deu: "Entfernung Kindergarten (km)",
        eng: "Distance to nursery school (km)",
        measure: DISTANCE,
        ..INFRA
    },
    StandardField {
        name: "distanz_grundschule",
        ty: FieldType::Float,
        deu: "Entfernung Grundschule (km)",
        eng: "Distance to primary school (km)",
        measure: DISTANCE,
        ..INFRA
    },
    StandardField {
        name: "distanz_realschule",
        ty: FieldType::Float,
        deu: "Entfernung Realschule (km)",
        eng: "Distance to secondary school (km)",
        measure: DISTANCE,
        ..INFRA
    },
    StandardField {
        name: "distanz_gymnasium",
        ty: FieldType::Float,
        deu: "Entfernung Gymnasium (km)",
        eng: "Distance to grammar school (km)",
        measure: DISTANCE,
        ..INFRA
    },
    // ---- ObjVerwaltung --------------------------------------------------------------------
    StandardField {
        name: "verfuegbar_ab",
        ty: FieldType::Varchar,
        length: Some(20),
        deu: "Verfügbar ab (Text)",
        eng: "Available from (text)",
        ..ADMIN
    },
    StandardField {
        name: "abdatum",
        ty: FieldType::Date,
        deu: "Verfügbar ab (Datum)",
        eng: "Available from (date)",
        measure: DATE,
        ..ADMIN
    },
    StandardField {
        name: "vermietet",
        ty: FieldType::Boolean,
        deu: "Vermietet",
        eng: "Rented",
        measure: BOOLEAN,
        ..ADMIN
    },
    StandardField {
        name: "haustiere",
        ty: FieldType::SingleSelect,
        values: HAUSTIERE,
        deu: "Haustiere",
        eng: "Pets",
        ..ADMIN
    },
    StandardField {
        name: "gewerbliche_nutzung",
        ty: FieldType::Boolean,
        deu: "Gewerbliche Nutzung",
        eng: "Commercial use",
        measure: BOOLEAN,
        ..ADMIN
    },
    StandardField {
        name: "denkmalgeschuetzt",
        ty: FieldType::Boolean,
        deu: "Denkmalgeschützt",
        eng: "Listed building",
        measure: BOOLEAN,
        ..ADMIN
    },
    StandardField {
        name: "Tipp_ID",
        ty: FieldType::Integer,
        deu: "Tippgeber",
        eng: "Tipster",
        ..ADMIN
    },
    StandardField {
        name: "InterneBemerkung",
        ty: FieldType::Text,
        deu: "Interne Bemerkung",
        eng: "Internal remarks",
        ..ADMIN
    },
    // ---- ObjFreitexte ---------------------------------------------------------------------
    StandardField {
        name: "objekttitel",
        ty: FieldType::Text,
        deu: "Objekttitel",
        eng: "Property title",
        ..TEXTS
    },
    StandardField {
        name: "dreizeiler",
        ty: FieldType::Text,
        deu: "Dreizeiler",
        eng: "Short description",
        ..TEXTS
    },
    StandardField {
        name: "objektbeschreibung",
        ty: FieldType::Text,
        deu: "Objektbeschreibung",
        eng: "Description",
        ..TEXTS
    },
    StandardField {
        name: "lage",
        ty: FieldType::Text,
        deu: "Lage",
        eng: "Location",
        ..TEXTS
    },
    StandardField {
        name: "ausstatt_beschr",
        ty: FieldType::Text,
        deu: "Ausstattungsbeschreibung",
        eng: "Description of amenities",
        ..TEXTS
    },
    StandardField {
        name: "sonstige_angaben",
        ty: FieldType::Text,
        deu: "Sonstige Angaben",
        eng: "Other information",
        ..TEXTS
    },
    // ---- ObjHomepage ----------------------------------------------------------------------
    StandardField {
        name: "veroeffentlichen",
        ty: FieldType::Boolean,
        deu: "Veröffentlichen",
        eng: "Publish",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "exclusive",
        ty: FieldType::Boolean,
        deu: "Exklusiv",
        eng: "Exclusive",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "top_angebot",
        ty: FieldType::Boolean,
        deu: "Top-Angebot",
        eng: "Top offer",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "preisreduktion",
        ty: FieldType::Boolean,
        deu: "Preisreduktion",
        eng: "Price reduction",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "courtage_frei",
        ty: FieldType::Boolean,
        deu: "Provisionsfrei",
        eng: "Brokerage free",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "showGoogleMap",
        ty: FieldType::Boolean,
        deu: "Auf Karte anzeigen",
        eng: "Show on map",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "referenz",
        ty: FieldType::Boolean,
        deu: "Referenz",
        eng: "Reference",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "objekt_des_tages",
        ty: FieldType::Boolean,
        deu: "Objekt des Tages",
        eng: "Property of the day",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "neu",
        ty: FieldType::Boolean,
        deu: "Neu",
        eng: "New",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "schaufensterTv_veroeffentlichen",
        ty: FieldType::Boolean,
        deu: "Im Schaufenster-TV veröffentlichen",
        eng: "Publish on shop-window TV",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "objekt_der_woche",
        ty: FieldType::Boolean,
        deu: "Objekt der Woche",
        eng: "Property of the week",
        measure: BOOLEAN,
        ..MARKETING
    },
    StandardField {
        name: "secret_sale",
        ty: FieldType::Boolean,
        deu: "Secret Sale",
        eng: "Secret sale",
        measure: BOOLEAN,
        ..MARKETING
    },
];

/// Checks every catalog must pass; the address catalog runs them too.
#[cfg(test)]
pub(super) mod checks {
    use super::super::catalog::{FieldType, StandardField};
    use std::collections::HashSet;

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

    pub(in crate::fields) fn check_catalog(fields: &[StandardField]) {
        let mut names = HashSet::new();
        for f in fields {
            // A computed field reads fields of its own catalog, and is never stored.
            if let Some(computed) = f.computed {
                for input in computed.inputs() {
                    assert!(
                        fields
                            .iter()
                            .any(|g| g.name == *input && g.computed.is_none()),
                        "{}: computed from {input}, which is no stored field",
                        f.name
                    );
                }
                assert!(f.default.is_none(), "{}: a computed default", f.name);
            }
            assert!(!f.name.is_empty(), "a field without a name");
            assert!(names.insert(f.name), "{}: name appears twice", f.name);
            // `label` is where get-fields puts the module label; a field must not take it.
            assert_ne!(f.name, "label");
            assert!(!f.deu.trim().is_empty(), "{}: no German label", f.name);
            assert!(!f.eng.trim().is_empty(), "{}: no English label", f.name);
            assert!(!f.table.is_empty(), "{}: no table", f.name);
            assert!(!f.content.is_empty(), "{}: no content group", f.name);
            if let Some(m) = f.measure {
                assert!(MEASURES.contains(&m), "{}: unknown measure {m}", f.name);
            }
            match f.ty {
                FieldType::Varchar => {
                    assert!(
                        f.length.is_some_and(|n| n > 0),
                        "{}: varchar without length",
                        f.name
                    )
                }
                _ => assert!(f.length.is_none(), "{}: length on a non-varchar", f.name),
            }
            // Values a tenant sets up itself (newsletter tags, regions) start out empty.
            const TENANT_VALUES: &[&str] = &["NewsletterTag", "regionaler_zusatz"];
            if f.ty.is_select() {
                assert!(
                    !f.values.is_empty() || TENANT_VALUES.contains(&f.name),
                    "{}: select without values",
                    f.name
                );
                let mut keys = HashSet::new();
                for value in f.values {
                    assert!(!value.key.is_empty(), "{}: empty key", f.name);
                    assert!(
                        keys.insert(value.key),
                        "{}: key {} twice",
                        f.name,
                        value.key
                    );
                    assert!(
                        !value.deu.trim().is_empty(),
                        "{}.{}: no German",
                        f.name,
                        value.key
                    );
                    assert!(
                        !value.eng.trim().is_empty(),
                        "{}.{}: no English",
                        f.name,
                        value.key
                    );
                }
                if let Some(default) = f.default {
                    assert!(
                        keys.contains(default),
                        "{}: default {default} is no key",
                        f.name
                    );
                }
            } else {
                assert!(f.values.is_empty(), "{}: values on a non-select", f.name);
                assert!(f.default.is_none(), "{}: default on a non-select", f.name);
            }
        }
    }

    pub(in crate::fields) fn field<'a>(
        fields: &'a [StandardField],
        name: &str,
    ) -> &'a StandardField {
        match fields.iter().find(|f| f.name == name) {
            Some(f) => f,
            None => panic!("field {name} is missing"),
        }
    }

    pub(in crate::fields) fn keys(field: &StandardField) -> Vec<&'static str> {
        field.values.iter().map(|v| v.key).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::checks::{check_catalog, field, keys};
    use super::*;

    #[test]
    fn catalog_is_consistent() {
        check_catalog(ESTATE_FIELDS);
    }

    #[test]
    fn every_country_has_a_two_letter_code() {
        for country in COUNTRIES {
            let two = country_alpha2(country.key);
            assert!(
                two.is_some_and(|t| t.len() == 2 && country.key.starts_with(&t[..1])),
                "{}",
                country.key
            );
        }
        assert_eq!(ALPHA2.len(), COUNTRIES.len());
        assert_eq!(country_alpha2("XXX"), None);
    }

    #[test]
    fn required_fields_have_their_types() {
        use FieldType::*;
        let expected = [
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
        for (name, ty) in expected {
            assert_eq!(field(ESTATE_FIELDS, name).ty, ty, "{name}");
        }
    }

    #[test]
    fn system_fields_are_read_only() {
        for name in [
            "Id",
            "uuid",
            "erstellt_am",
            "erstellt_von",
            "geaendert_am",
            "provisionsbetrag",
            "summe_innenprovision",
            "summe_aussenprovision",
        ] {
            assert!(field(ESTATE_FIELDS, name).read_only, "{name}");
        }
        for name in ["kaufpreis", "objekttitel", "status", "benutzer", "verkauft"] {
            assert!(!field(ESTATE_FIELDS, name).read_only, "{name}");
        }
    }

    #[test]
    fn documented_select_keys() {
        assert_eq!(keys(field(ESTATE_FIELDS, "status")), ["1", "2", "0"]);
        assert_eq!(
            keys(field(ESTATE_FIELDS, "nutzungsart")),
            ["wohnen", "gewerbe", "anlage", "waz"]
        );
        assert_eq!(
            keys(field(ESTATE_FIELDS, "vermarktungsart")),
            ["kauf", "miete", "pacht", "erbpacht", "leasing"]
        );
        assert_eq!(field(ESTATE_FIELDS, "bundesland").values.len(), 16);
        let art = keys(field(ESTATE_FIELDS, "objektart"));
        for key in [
            "haus",
            "wohnung",
            "grundstueck",
            "buero_praxen",
            "freizeitimmbilien_gewerblich",
        ] {
            assert!(art.contains(&key), "objektart {key}");
        }
        let typ = keys(field(ESTATE_FIELDS, "objekttyp"));
        for key in [
            "einfamilienhaus",
            "doppelhaushaelfte",
            "etage",
            "penthouse",
            "stellplatz",
        ] {
            assert!(typ.contains(&key), "objekttyp {key}");
        }
        let land = keys(field(ESTATE_FIELDS, "land"));
        for key in [
            "DEU", "AUT", "CHE", "FRA", "NLD", "BEL", "LUX", "DNK", "POL", "CZE", "ITA", "ESP",
        ] {
            assert!(land.contains(&key), "land {key}");
        }
        assert_eq!(
            keys(field(ESTATE_FIELDS, "heizungsart")),
            ["etage", "ofen", "zentral", "fussboden", "fern"]
        );
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
            assert_eq!(field(ESTATE_FIELDS, name).measure, MONETARY, "{name}");
        }
        for name in [
            "wohnflaeche",
            "nutzflaeche",
            "grundstuecksflaeche",
            "gesamtflaeche",
        ] {
            assert_eq!(field(ESTATE_FIELDS, name).measure, AREA, "{name}");
        }
    }
}
