//! The standard fields of the `address` module: one row per field, in display order, grouped
//! by table (`showTable`).
//!
//! The sources are those of the estate catalog (see `estate_fields.rs`): a real `get fields`
//! recording for names, types, lengths, keys and defaults, a recording with English labels,
//! tables and sections, and the API docs. Address field names are mostly capitalised, and
//! case matters (`KdNr`, `Vorname`, `Plz`).
//!
//! Decisions worth knowing:
//! * `Status` is a single-select `"1"` Active / `"0"` Archived with default `"1"`, as recorded
//!   with labels. `Status2Adr` (`status2adr_active`/`status2adr_archive`) is the same state
//!   under other keys; whoever stores records must keep the two in step.
//! * `Land` is a single-select with ISO 3166-1 alpha-3 keys (default `DEU`), as recorded with
//!   labels; one recording without labels says `varchar(80)`. Create also accepts a country
//!   name, and raw reads return the German name unless `countryIsoCodeType` asks for a code:
//!   both are conversions at the edge, not part of the catalog.
//! * The language field is `SpracheKontakt` (there is no `Sprache`), the creation date
//!   `Eintragsdatum` (a date, set by the system), the last change `Aenderung`.
//! * The contact pseudo-fields of reads and writes (`phone`, `email`, `mobile`, `fax`,
//!   `default*`, `imageUrl`) are not catalog fields, and neither is the record `id`.
//! * Select keys keep the vendor's spelling, umlauts and slashes included (`Eigentümer`,
//!   `Artikel/Pressearbeit`).

use super::catalog::{FieldType, SelectValue, StandardField};
use super::computed::Computed;
use super::estate_fields::COUNTRIES;

/// Builds one permitted value.
const fn v(key: &'static str, deu: &'static str, eng: &'static str) -> SelectValue {
    SelectValue { key, deu, eng }
}

const DATE: Option<&str> = Some("DATA_TYPE_DATE");
const DATETIME: Option<&str> = Some("DATA_TYPE_DATETIME");
const BOOLEAN: Option<&str> = Some("DATA_TYPE_BOOLEAN");
const USER: Option<&str> = Some("DATA_TYPE_USER");
const MONETARY: Option<&str> = Some("DATA_TYPE_MONETARY");

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

const PERSONAL: StandardField = StandardField {
    table: "Stammdaten",
    content: "Personal details",
    ..BLANK
};
const CONTACT: StandardField = StandardField {
    table: "Kontakt",
    content: "Contact",
    ..BLANK
};
const MANAGEMENT: StandardField = StandardField {
    table: "Verwaltung",
    content: "Management",
    ..BLANK
};
/// Recorded with `content: null`; the catalog has no null section, so it gets a name.
const CONTACT_PERSONS: StandardField = StandardField {
    table: "AdrAnsprechpartner",
    content: "Contact persons",
    ..BLANK
};
const INVOICING: StandardField = StandardField {
    table: "addressFaktura",
    content: "Invoicing",
    ..BLANK
};
const MONEY_LAUNDERING: StandardField = StandardField {
    table: "Geldwäsche-Gesetz",
    content: "Money Laundering Act",
    ..BLANK
};

/// `Divers` is not in the recordings (they show five salutations); current installations
/// offer it.
const ANREDE: &[SelectValue] = &[
    v("Herr", "Herr", "Mr."),
    v("Frau", "Frau", "Mrs."),
    v("Firma", "Firma", "Company"),
    v("Familie", "Familie", "Family"),
    v("Eheleute", "Eheleute", "Spouses"),
    v("Divers", "Divers", "Diverse"),
];

const STATUS: &[SelectValue] = &[v("1", "Aktiv", "Active"), v("0", "Archiviert", "Archive")];

const STATUS2: &[SelectValue] = &[
    v("status2adr_active", "Aktiv", "Active"),
    v("status2adr_archive", "Archiviert", "Archived"),
];

const ART_DATEN: &[SelectValue] = &[
    v("Interessent", "Interessent", "Interested party"),
    v("Interessent Kauf", "Interessent Kauf", "Prospect purchase"),
    v("Interessent Miete", "Interessent Miete", "Prospect rent"),
    v("Eigentümer", "Eigentümer", "Owner"),
    v("Kunde", "Kunde", "Customer"),
    v("Premiumkunde", "Premiumkunde", "Premium customer"),
    v("Mieter", "Mieter", "Tenant"),
    v("Vermieter", "Vermieter", "Landlord"),
    v("Investor", "Investor", "Investor"),
    v("Tippgeber", "Tippgeber", "Tipster"),
    v("Makler", "Makler", "Broker"),
    v("Kooperationspartner", "Kooperationspartner", "Partner"),
    v("Notar", "Notar", "Notary"),
    v(
        "Exposé-Sammler",
        "Exposé-Sammler",
        "Property brochure collector",
    ),
    v(
        "Newsletter-Empfänger",
        "Newsletter-Empfänger",
        "Newsletter receiver",
    ),
    v("Privatkontakt", "Privatkontakt", "Private contact"),
    v("Systembenutzer", "Systembenutzer", "System user"),
];

const HERKUNFT_KONTAKT: &[SelectValue] = &[
    v("Immobilienportal", "Immobilienportal", "Real estate portal"),
    v(
        "immobilienscout24_system",
        "ImmobilienScout24",
        "ImmobilienScout24",
    ),
    v("immonet_system", "Immonet", "Immonet"),
    v("immohunters_system", "Immohunters", "Immohunters"),
    v("portal_system", "Portal", "Portal"),
    v("webseite_system", "Eigene Webseite", "Own website"),
    v("eigene-Homepage", "Eigene Homepage", "Own homepage"),
    v("Suchmaschine", "Suchmaschine", "Search engine"),
    v(
        "Internetrecherche",
        "Internetrecherche",
        "Internet research",
    ),
    v("Newsletter", "Newsletter", "Newsletter"),
    v("eMail-Aktion", "E-Mail-Aktion", "E-mail action"),
    v("Empfehlung", "Empfehlung", "Recommendation"),
    v("Tippgeber", "Tippgeber", "Tipster"),
    v(
        "Freund/Privatkontakt",
        "Freund/Privatkontakt",
        "Friend/private contact",
    ),
    v(
        "onOffice-Makler-Kollege",
        "onOffice-Makler-Kollege",
        "onOffice broker colleague",
    ),
    v("Zeitungsanzeige", "Zeitungsanzeige", "Newspaper ad"),
    v(
        "Artikel/Pressearbeit",
        "Artikel/Pressearbeit",
        "Article/press relations",
    ),
    v("Werbung", "Werbung", "Advertising"),
    v("Flyer", "Flyer", "Flyer"),
    v("Brief-Mailing", "Brief-Mailing", "Mailings"),
    v("Bauschild", "Bauschild", "Construction sign"),
    v("Ladenlokal", "Ladenlokal", "Shop"),
    v(
        "Aushang-im-Ladenlokal",
        "Aushang im Ladenlokal",
        "Posting in the shop",
    ),
    v(
        "Kunde-hat-angerufen",
        "Kunde hat angerufen",
        "Customer called",
    ),
    v("Telefonbuch", "Telefonbuch", "Phone book"),
    v(
        "Veranstaltung/Seminar",
        "Veranstaltung/Seminar",
        "Event/seminar",
    ),
    v("Sonstiges", "Sonstiges", "Miscellaneous"),
];

/// Keys as in the real recording (another tenant had custom `indMulti…` keys here).
const BEZIEHUNG: &[SelectValue] = &[
    v("Kunde", "Kunde", "Customer"),
    v("Verwandter", "Verwandter", "Relative"),
    v("Arbeitgeber", "Arbeitgeber", "Employer"),
    v("Tippgeber", "Tippgeber", "Tipster"),
];

/// The recording also lists a key `5` whose meaning no source gives; it is left out.
const NEWSLETTER_AKTIV: &[SelectValue] = &[
    v("1", "Ja", "Yes"),
    v("0", "Nein", "No"),
    v("2", "Abbestellt", "Cancellation"),
    v("3", "Double-Opt-In ausstehend", "Double opt-in pending"),
    v("4", "Keine Angabe", "Not specified"),
];

const KONTAKTFORM: &[SelectValue] = &[
    v("Brief", "Brief", "Letter"),
    v("Email", "E-Mail", "E-mail"),
    v("Telefax", "Telefax", "Fax"),
    v("Telefon", "Telefon", "Phone"),
];

const SPRACHE: &[SelectValue] = &[
    v("DEU", "Deutsch", "German"),
    v("ENG", "Englisch", "English"),
    v("USA", "Englisch (US)", "English (US)"),
    v("BGR", "Bulgarisch", "Bulgarian"),
    v("CHN", "Chinesisch", "Chinese"),
    v("DNK", "Dänisch", "Danish"),
    v("FIN", "Finnisch", "Finnish"),
    v("BEL", "Flämisch", "Flemish"),
    v("FRA", "Französisch", "French"),
    v("GRC", "Griechisch", "Greek"),
    v("ITA", "Italienisch", "Italian"),
    v("JPN", "Japanisch", "Japanese"),
    v("CAT", "Katalanisch", "Catalan"),
    v("KOR", "Koreanisch", "Korean"),
    v("HRV", "Kroatisch", "Croatian"),
    v("LTU", "Litauisch", "Lithuanian"),
    v("NLD", "Niederländisch", "Dutch"),
    v("NOR", "Norwegisch", "Norwegian"),
    v("POL", "Polnisch", "Polish"),
    v("PRT", "Portugiesisch", "Portuguese"),
    v("ROU", "Rumänisch", "Romanian"),
    v("RUS", "Russisch", "Russian"),
    v("SWE", "Schwedisch", "Swedish"),
    v("CHE", "Schweizerdeutsch", "Swiss German"),
    v("ESP", "Spanisch", "Spanish"),
    v("CZE", "Tschechisch", "Czech"),
    v("TUR", "Türkisch", "Turkish"),
];

const DSGVO_STATUS: &[SelectValue] = &[
    v("ignorieren", "Ignorieren", "Ignore"),
    v(
        "speicherungwiderrufen",
        "Speicherung widerrufen",
        "Storage revoked",
    ),
    v(
        "speicherungzugestimmt",
        "Speicherung zugestimmt",
        "Storage consented",
    ),
];

const DSGVO_SAVE_UNTIL_REASON: &[SelectValue] = &[
    v(
        "aufbewahrungsfrist",
        "Aufbewahrungsfrist",
        "Retention period",
    ),
    v(
        "nachweispflicht",
        "Nachweispflicht",
        "Obligation to provide evidence",
    ),
    v("vertrag", "Vertrag", "Contract"),
    v(
        "vorvertraglanbahnungsver",
        "Vorvertragliches Anbahnungsverhältnis",
        "Pre-contractual relationship",
    ),
];

const GWG_AUSWEISART: &[SelectValue] = &[
    v("Personalausweis", "Personalausweis", "Identity card"),
    v("Reisepass", "Reisepass", "Passport"),
    v("Sonstige", "Sonstige", "Other"),
];

const WORK_CONTRACT: &[SelectValue] = &[
    v("permanent", "Unbefristet", "Permanent"),
    v("temporary", "Befristet", "Temporary"),
];

/// Recorded as 1 "male", 2 "weiblich", 3 "neutrum" (a tenant's half-translated labels).
const GESCHLECHT: &[SelectValue] = &[
    v("1", "männlich", "male"),
    v("2", "weiblich", "female"),
    v("3", "divers", "diverse"),
];

const TAX_LIABILITY: &[SelectValue] = &[
    v("inland", "Inland", "Domestic"),
    v("inlandTaxFree", "Inland steuerfrei", "Domestic, tax-free"),
    v("europe", "EU-Ausland", "Other EU country"),
    v("other", "Drittland", "Non-EU country"),
    v(
        "ustg",
        "Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG)",
        "Reverse charge (§ 13b UStG)",
    ),
];

const TYPE_OF_PAYMENT: &[SelectValue] = &[
    v("bankTransfer", "Überweisung", "Bank transfer"),
    v("sepaDirectDebit", "SEPA-Lastschrift", "SEPA direct debit"),
    v("creditCard", "Kreditkarte", "Credit card"),
    v(
        "otherPaymentType",
        "Sonstige Zahlungsart",
        "Other type of payment",
    ),
];

/// The recording has the keys 3 and 1 without labels; these say what they are.
const TERM_OF_PAYMENT: &[SelectValue] = &[
    v("3", "Zahlungsziel 3", "Term of payment 3"),
    v("1", "Zahlungsziel 1", "Term of payment 1"),
];

const PAYMENT_INTERVAL: &[SelectValue] = &[
    v("monthly", "monatlich", "monthly"),
    v("quarterly", "vierteljährlich", "quarterly"),
    v("semiAnnual", "halbjährlich", "semi-annual"),
    v("annual", "jährlich", "annual"),
];

const GWG_VERTRAGSPARTNER: &[SelectValue] = &[
    v("gwgVertragspartner", "Natürliche Person", "Natural person"),
    v("gwgVertragspartnerUnternehmen", "Unternehmen", "Company"),
];

pub const ADDRESS_FIELDS: &[StandardField] = &[
    // ---- Stammdaten -----------------------------------------------------------------------
    StandardField {
        name: "KdNr",
        ty: FieldType::Integer,
        deu: "Kundennr.",
        eng: "Customer no.",
        read_only: true,
        ..PERSONAL
    },
    StandardField {
        name: "ID",
        ty: FieldType::Integer,
        deu: "Datensatznummer",
        eng: "Record no.",
        computed: Some(Computed::RecordId),
        ..PERSONAL
    },
    StandardField {
        name: "uuid",
        ty: FieldType::Varchar,
        length: Some(36),
        deu: "UUID",
        eng: "UUID",
        read_only: true,
        ..PERSONAL
    },
    // Recorded in table `adressen` with no section; kept with the other personal details.
    StandardField {
        name: "Anrede",
        ty: FieldType::SingleSelect,
        values: ANREDE,
        deu: "Anrede",
        eng: "Salutation",
        ..PERSONAL
    },
    StandardField {
        name: "Anrede-Titel",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Anrede-Titel",
        eng: "Salutation and title",
        ..PERSONAL
    },
    StandardField {
        name: "Anrede-Titel2",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Anrede-Titel 2",
        eng: "Salutation and title 2",
        ..PERSONAL
    },
    StandardField {
        name: "Titel",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Titel",
        eng: "Title",
        ..PERSONAL
    },
    StandardField {
        name: "Vorname",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Vorname",
        eng: "First name",
        ..PERSONAL
    },
    StandardField {
        name: "Name",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Name",
        eng: "Name",
        ..PERSONAL
    },
    StandardField {
        name: "Zusatz1",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Firma",
        eng: "Company",
        ..PERSONAL
    },
    StandardField {
        name: "Zusatz2",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Firma (Zusatz)",
        eng: "Company (additional)",
        ..PERSONAL
    },
    // The house number is part of `Strasse`; addresses have no separate field for it.
    StandardField {
        name: "Strasse",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Straße",
        eng: "Street",
        ..PERSONAL
    },
    StandardField {
        name: "Plz",
        ty: FieldType::Varchar,
        length: Some(20),
        deu: "PLZ",
        eng: "ZIP code",
        ..PERSONAL
    },
    StandardField {
        name: "Ort",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Ort",
        eng: "Town",
        ..PERSONAL
    },
    StandardField {
        name: "LKZ",
        ty: FieldType::Varchar,
        length: Some(3),
        deu: "Länderkennzeichen",
        eng: "Country code",
        ..PERSONAL
    },
    // Compounds of the fields before them (`computed.rs`); not stored.
    StandardField {
        name: "Plz-Ort",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "PLZ, Ort",
        eng: "ZIP, city",
        computed: Some(Computed::PostcodeTown),
        ..PERSONAL
    },
    StandardField {
        name: "LKZ-Plz-Ort",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "LKZ, PLZ, Ort",
        eng: "Country code, ZIP code, city",
        computed: Some(Computed::CountryPostcodeTown),
        ..PERSONAL
    },
    StandardField {
        name: "Postfach",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Postfach",
        eng: "P. O. box",
        ..PERSONAL
    },
    StandardField {
        name: "Plz-Postfach",
        ty: FieldType::Varchar,
        length: Some(10),
        deu: "PLZ Postfach",
        eng: "Post code, P. O. box",
        ..PERSONAL
    },
    StandardField {
        name: "Plz_postfach",
        ty: FieldType::Varchar,
        length: Some(10),
        deu: "PLZ-Postf.",
        eng: "P. O. box post code",
        ..PERSONAL
    },
    StandardField {
        name: "Land",
        ty: FieldType::SingleSelect,
        values: COUNTRIES,
        default: Some("DEU"),
        deu: "Land",
        eng: "Country",
        ..PERSONAL
    },
    StandardField {
        name: "breitengrad",
        ty: FieldType::Float,
        deu: "Breitengrad",
        eng: "Latitude",
        ..PERSONAL
    },
    StandardField {
        name: "laengengrad",
        ty: FieldType::Float,
        deu: "Längengrad",
        eng: "Longitude",
        ..PERSONAL
    },
    StandardField {
        name: "Geburtsdatum",
        ty: FieldType::Date,
        deu: "Geburtsdatum",
        eng: "Birthdate",
        measure: DATE,
        ..PERSONAL
    },
    StandardField {
        name: "Geschlecht",
        ty: FieldType::SingleSelect,
        values: GESCHLECHT,
        deu: "Geschlecht",
        eng: "Gender",
        ..PERSONAL
    },
    StandardField {
        name: "Telefon1",
        ty: FieldType::Varchar,
        length: Some(40),
        deu: "Telefon",
        eng: "Phone numbers",
        ..PERSONAL
    },
    StandardField {
        name: "Telefon2",
        ty: FieldType::Varchar,
        length: Some(40),
        deu: "Telefon 2",
        eng: "Phone 2",
        ..PERSONAL
    },
    StandardField {
        name: "Telefax1",
        ty: FieldType::Varchar,
        length: Some(40),
        deu: "Telefax",
        eng: "Fax numbers",
        ..PERSONAL
    },
    StandardField {
        name: "Anrede2",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Anrede 2",
        eng: "Salutation 2",
        ..PERSONAL
    },
    StandardField {
        name: "Titel2",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Titel 2",
        eng: "Title 2",
        ..PERSONAL
    },
    StandardField {
        name: "Vorname2",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Vorname 2",
        eng: "First name 2",
        ..PERSONAL
    },
    StandardField {
        name: "Name2",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Name 2",
        eng: "Last name 2",
        ..PERSONAL
    },
    StandardField {
        name: "Geburtsdatum2",
        ty: FieldType::Date,
        deu: "Geburtsdatum 2",
        eng: "Birthdate 2",
        measure: DATE,
        ..PERSONAL
    },
    StandardField {
        name: "employer",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Arbeitgeber",
        eng: "Employer",
        ..PERSONAL
    },
    StandardField {
        name: "jobTitle",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Berufsbezeichnung",
        eng: "Job title",
        ..PERSONAL
    },
    StandardField {
        name: "jobPosition",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Position",
        eng: "Position",
        ..PERSONAL
    },
    StandardField {
        name: "workContract",
        ty: FieldType::SingleSelect,
        values: WORK_CONTRACT,
        deu: "Arbeitsverhältnis",
        eng: "Employment",
        ..PERSONAL
    },
    StandardField {
        name: "salary",
        ty: FieldType::Float,
        deu: "Einkommen",
        eng: "Income",
        measure: MONETARY,
        ..PERSONAL
    },
    // ---- Kontakt --------------------------------------------------------------------------
    StandardField {
        name: "Email",
        ty: FieldType::Varchar,
        length: Some(100),
        deu: "E-Mail",
        eng: "E-mail",
        ..CONTACT
    },
    StandardField {
        name: "Homepage",
        ty: FieldType::Text,
        deu: "Homepage",
        eng: "Homepage",
        ..CONTACT
    },
    StandardField {
        name: "Briefanrede",
        ty: FieldType::Text,
        deu: "Briefanrede",
        eng: "Salutation in letters",
        ..CONTACT
    },
    StandardField {
        name: "KontaktformBevorzugt",
        ty: FieldType::SingleSelect,
        values: KONTAKTFORM,
        deu: "Bevorzugte Kontaktform",
        eng: "Preferred form of contact",
        ..CONTACT
    },
    StandardField {
        name: "SpracheKontakt",
        ty: FieldType::SingleSelect,
        values: SPRACHE,
        default: Some("DEU"),
        deu: "Sprache",
        eng: "Language",
        ..CONTACT
    },
    StandardField {
        name: "Kundenlogo",
        ty: FieldType::Blob,
        deu: "Kundenlogo",
        eng: "Customer logo",
        ..CONTACT
    },
    StandardField {
        name: "Eintragsdatum",
        ty: FieldType::Date,
        deu: "Eintragsdatum",
        eng: "Entry date",
        measure: DATE,
        read_only: true,
        ..CONTACT
    },
    StandardField {
        name: "letzter_Kontakt",
        ty: FieldType::DateTime,
        deu: "Letzter Kontakt",
        eng: "Last contact",
        measure: DATETIME,
        read_only: true,
        ..CONTACT
    },
    StandardField {
        name: "letztesTelefonat",
        ty: FieldType::Date,
        deu: "Letztes Telefonat",
        eng: "Last phone call",
        measure: DATE,
        read_only: true,
        ..CONTACT
    },
    // ---- Verwaltung -----------------------------------------------------------------------
    StandardField {
        name: "Benutzer",
        ty: FieldType::User,
        deu: "Betreuer",
        eng: "Advisor",
        measure: USER,
        ..MANAGEMENT
    },
    StandardField {
        name: "betreuer2",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Betreuer 2",
        eng: "Advisor 2",
        ..MANAGEMENT
    },
    StandardField {
        name: "Status",
        ty: FieldType::SingleSelect,
        values: STATUS,
        default: Some("1"),
        deu: "Status",
        eng: "Status",
        ..MANAGEMENT
    },
    StandardField {
        name: "Status2Adr",
        ty: FieldType::SingleSelect,
        values: STATUS2,
        default: Some("status2adr_active"),
        deu: "Status 2",
        eng: "Status 2",
        ..MANAGEMENT
    },
    StandardField {
        name: "ArtDaten",
        ty: FieldType::MultiSelect,
        values: ART_DATEN,
        deu: "Kontaktart",
        eng: "Type of contact",
        ..MANAGEMENT
    },
    StandardField {
        name: "HerkunftKontakt",
        ty: FieldType::MultiSelect,
        values: HERKUNFT_KONTAKT,
        deu: "Herkunft Kontakt",
        eng: "Contact source",
        ..MANAGEMENT
    },
    StandardField {
        name: "contactCategory",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Kontaktkategorie",
        eng: "Contact category",
        ..MANAGEMENT
    },
    StandardField {
        name: "newsletter_aktiv",
        ty: FieldType::SingleSelect,
        values: NEWSLETTER_AKTIV,
        default: Some("4"),
        deu: "Newsletter",
        eng: "Newsletter",
        ..MANAGEMENT
    },
    StandardField {
        name: "NewsletterTag",
        ty: FieldType::MultiSelect,
        values: &[],
        deu: "Newsletter-Tags",
        eng: "Newsletter tags",
        ..MANAGEMENT
    },
    StandardField {
        name: "AGB_akzeptiert",
        ty: FieldType::Boolean,
        deu: "AGB akzeptiert",
        eng: "Terms accepted",
        measure: BOOLEAN,
        ..MANAGEMENT
    },
    StandardField {
        name: "Rueckruf_akzeptiert",
        ty: FieldType::Boolean,
        deu: "Rückruf akzeptiert",
        eng: "Callback accepted",
        measure: BOOLEAN,
        ..MANAGEMENT
    },
    StandardField {
        name: "Vip",
        ty: FieldType::Boolean,
        deu: "VIP",
        eng: "VIP",
        measure: BOOLEAN,
        ..MANAGEMENT
    },
    StandardField {
        name: "homepage_veroeffentlichen",
        ty: FieldType::Boolean,
        deu: "Auf Homepage veröffentlichen",
        eng: "Publish",
        measure: BOOLEAN,
        ..MANAGEMENT
    },
    StandardField {
        name: "Privat",
        ty: FieldType::Boolean,
        deu: "Privat",
        eng: "Private",
        measure: BOOLEAN,
        ..MANAGEMENT
    },
    StandardField {
        name: "autoExposeVersand",
        ty: FieldType::Boolean,
        deu: "Automatischer Exposéversand",
        eng: "Automatic brochure dispatch",
        measure: BOOLEAN,
        ..MANAGEMENT
    },
    StandardField {
        name: "kunde_seit",
        ty: FieldType::Date,
        deu: "Kunde seit",
        eng: "Customer since",
        measure: DATE,
        ..MANAGEMENT
    },
    StandardField {
        name: "Tipp_ID",
        ty: FieldType::Integer,
        deu: "Tippgeber",
        eng: "Tipster",
        ..MANAGEMENT
    },
    StandardField {
        name: "additionalHeader",
        ty: FieldType::Varchar,
        length: Some(255),
        deu: "Warnhinweis",
        eng: "Warning notice",
        ..MANAGEMENT
    },
    StandardField {
        name: "Bemerkung",
        ty: FieldType::Text,
        deu: "Bemerkung",
        eng: "Remarks",
        ..MANAGEMENT
    },
    StandardField {
        name: "DSGVOStatus",
        ty: FieldType::SingleSelect,
        values: DSGVO_STATUS,
        deu: "DSGVO-Status",
        eng: "GDPR status",
        ..MANAGEMENT
    },
    StandardField {
        name: "DSGVOSaveUntil",
        ty: FieldType::Date,
        deu: "Speichern bis",
        eng: "Store until",
        measure: DATE,
        ..MANAGEMENT
    },
    StandardField {
        name: "DSGVOSaveUntilReason",
        ty: FieldType::SingleSelect,
        values: DSGVO_SAVE_UNTIL_REASON,
        deu: "Speichern bis (Grund)",
        eng: "Store until (reason)",
        ..MANAGEMENT
    },
    StandardField {
        name: "Letzte_Aktion",
        ty: FieldType::Date,
        deu: "Letzte Aktion",
        eng: "Last action",
        measure: DATE,
        read_only: true,
        ..MANAGEMENT
    },
    StandardField {
        name: "letztesTelefonatBetreuer",
        ty: FieldType::Date,
        deu: "Letztes Telefonat des Betreuers",
        eng: "Last phone call of the advisor",
        measure: DATE,
        read_only: true,
        ..MANAGEMENT
    },
    StandardField {
        name: "Aenderung",
        ty: FieldType::DateTime,
        deu: "Letzte Änderung",
        eng: "Last modified",
        measure: DATETIME,
        read_only: true,
        ..MANAGEMENT
    },
    // ---- AdrAnsprechpartner ---------------------------------------------------------------
    StandardField {
        name: "Beziehung",
        ty: FieldType::MultiSelect,
        values: BEZIEHUNG,
        deu: "Beziehung",
        eng: "Relation",
        ..CONTACT_PERSONS
    },
    // ---- addressFaktura -------------------------------------------------------------------
    StandardField {
        name: "ustIdNr",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "USt-IdNr.",
        eng: "VAT ID",
        ..INVOICING
    },
    StandardField {
        name: "taxLiability",
        ty: FieldType::SingleSelect,
        values: TAX_LIABILITY,
        deu: "Steuerpflicht",
        eng: "Tax liability",
        ..INVOICING
    },
    StandardField {
        name: "typeOfPayment",
        ty: FieldType::SingleSelect,
        values: TYPE_OF_PAYMENT,
        deu: "Zahlungsart",
        eng: "Type of payment",
        ..INVOICING
    },
    StandardField {
        name: "termOfPayment",
        ty: FieldType::SingleSelect,
        values: TERM_OF_PAYMENT,
        deu: "Zahlungsziel",
        eng: "Term of payment",
        ..INVOICING
    },
    StandardField {
        name: "paymentInterval",
        ty: FieldType::SingleSelect,
        values: PAYMENT_INTERVAL,
        default: Some("monthly"),
        deu: "Zahlungsintervall",
        eng: "Payment interval",
        ..INVOICING
    },
    StandardField {
        name: "sepaMandateReference",
        ty: FieldType::Varchar,
        length: Some(64),
        deu: "SEPA-Mandatsreferenz",
        eng: "SEPA mandate reference",
        ..INVOICING
    },
    // Dividing lines of the invoicing section: they hold no value.
    StandardField {
        name: "addressFakturaSeparator1",
        ty: FieldType::Text,
        deu: "Trennlinie 1",
        eng: "Separator 1",
        read_only: true,
        ..INVOICING
    },
    StandardField {
        name: "addressFakturaSeparator2",
        ty: FieldType::Text,
        deu: "Trennlinie 2",
        eng: "Separator 2",
        read_only: true,
        ..INVOICING
    },
    // ---- Geldwäsche-Gesetz ----------------------------------------------------------------
    StandardField {
        name: "gwgAusweisart",
        ty: FieldType::SingleSelect,
        values: GWG_AUSWEISART,
        deu: "Ausweisart",
        eng: "Type of ID",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgAusweisnummer",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Ausweisnummer",
        eng: "ID number",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgStaatsangehoerigkeit",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Staatsangehörigkeit",
        eng: "Nationality",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgAusstellendeBehoerde",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Ausstellende Behörde",
        eng: "Issuing authority",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgGeburtsdatum",
        ty: FieldType::Date,
        deu: "Geburtsdatum",
        eng: "Date of birth",
        measure: DATE,
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgGeburtsname",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Geburtsname",
        eng: "Birth name",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgGeburtsort",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Geburtsort",
        eng: "Place of birth",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgVertragspartner",
        ty: FieldType::SingleSelect,
        values: GWG_VERTRAGSPARTNER,
        deu: "Vertragspartner",
        eng: "Contracting party",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgRechtsform",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Rechtsform",
        eng: "Legal form",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgRegisternummer",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Registernummer",
        eng: "Register number",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgMitgliederVerwaltungsorgan",
        ty: FieldType::Text,
        deu: "Mitglieder des Verwaltungsorgans",
        eng: "Members of the administrative body",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgBerechtigter",
        ty: FieldType::Boolean,
        deu: "Wirtschaftlich Berechtigter",
        eng: "Beneficial owner",
        measure: BOOLEAN,
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgWbVorname",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Vorname (wirtschaftlich Berechtigter)",
        eng: "First name (beneficial owner)",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgWbName",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Name (wirtschaftlich Berechtigter)",
        eng: "Name (beneficial owner)",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgWbStrasse",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Straße (wirtschaftlich Berechtigter)",
        eng: "Street (beneficial owner)",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgWbPlz",
        ty: FieldType::Varchar,
        length: Some(20),
        deu: "PLZ (wirtschaftlich Berechtigter)",
        eng: "ZIP code (beneficial owner)",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgWbOrt",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Ort (wirtschaftlich Berechtigter)",
        eng: "Town (beneficial owner)",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgWbStaatsangehoerigkeit",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Staatsangehörigkeit (wirtschaftlich Berechtigter)",
        eng: "Nationality (beneficial owner)",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgWbGeburtsort",
        ty: FieldType::Varchar,
        length: Some(80),
        deu: "Geburtsort (wirtschaftlich Berechtigter)",
        eng: "Place of birth (beneficial owner)",
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgWbGeburtsdatum",
        ty: FieldType::Date,
        deu: "Geburtsdatum (wirtschaftlich Berechtigter)",
        eng: "Date of birth (beneficial owner)",
        measure: DATE,
        ..MONEY_LAUNDERING
    },
    StandardField {
        name: "gwgAuffaelligkeiten",
        ty: FieldType::Text,
        deu: "Auffälligkeiten",
        eng: "Irregularities",
        ..MONEY_LAUNDERING
    },
];

#[cfg(test)]
mod tests {
    use super::super::estate_fields::checks::{check_catalog, field, keys};
    use super::*;

    #[test]
    fn catalog_is_consistent() {
        check_catalog(ADDRESS_FIELDS);
    }

    #[test]
    fn required_fields_have_their_types() {
        use FieldType::*;
        let expected = [
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
        for (name, ty) in expected {
            assert_eq!(field(ADDRESS_FIELDS, name).ty, ty, "{name}");
        }
    }

    #[test]
    fn system_fields_are_read_only() {
        for name in ["KdNr", "uuid", "Aenderung", "Eintragsdatum"] {
            assert!(field(ADDRESS_FIELDS, name).read_only, "{name}");
        }
        for name in ["Vorname", "Name", "Email", "Status", "Benutzer"] {
            assert!(!field(ADDRESS_FIELDS, name).read_only, "{name}");
        }
    }

    #[test]
    fn documented_select_keys() {
        assert_eq!(keys(field(ADDRESS_FIELDS, "Status")), ["1", "0"]);
        assert_eq!(field(ADDRESS_FIELDS, "Status").default, Some("1"));
        assert_eq!(
            keys(field(ADDRESS_FIELDS, "newsletter_aktiv")),
            ["1", "0", "2", "3", "4"]
        );
        assert_eq!(
            keys(field(ADDRESS_FIELDS, "Beziehung")),
            ["Kunde", "Verwandter", "Arbeitgeber", "Tippgeber"]
        );
        let anrede = keys(field(ADDRESS_FIELDS, "Anrede"));
        for key in ["Herr", "Frau", "Firma", "Familie", "Eheleute"] {
            assert!(anrede.contains(&key), "Anrede {key}");
        }
        let herkunft = keys(field(ADDRESS_FIELDS, "HerkunftKontakt"));
        for key in [
            "Suchmaschine",
            "Newsletter",
            "Empfehlung",
            "Zeitungsanzeige",
            "Immobilienportal",
        ] {
            assert!(herkunft.contains(&key), "HerkunftKontakt {key}");
        }
        assert_eq!(field(ADDRESS_FIELDS, "Land").default, Some("DEU"));
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
            assert!(ADDRESS_FIELDS.iter().all(|f| f.name != name), "{name}");
        }
    }
}
