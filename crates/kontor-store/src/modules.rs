//! The record modules: one definition each, which every layer reads.
//!
//! A module is what the API calls a resource type of records (`estate`, `address`, …). Its
//! [`ModuleDef`] says everything that differs between modules and is data: its name, its id
//! field, where its records are stored and which fields have typed columns there, its
//! standard-field catalog, how its answers are shaped, the fields the system stamps on
//! writes and the error codes of its refusals. What is truly a module's own behaviour (the
//! language versions of estates, the contact entries of addresses) are hooks in the server;
//! everything else (create, read, modify, delete, filters, sorts, paging, counts,
//! rendering, relations) is shared code that reads this definition.
//!
//! Adding a module is one `ModuleDef` (here, or in a test), its catalog file and, where it
//! needs them, its hooks: no migration, no enum variant, no `match`.

use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use kontor_proto::ErrorCode;

use crate::fields::catalog::{self, Catalog};
use crate::records::columns::{int, num, text, HotColumn};
use crate::search::SearchDef;

/// Where a module's records are stored.
#[derive(Debug, Clone, Copy)]
pub enum Storage {
    /// A table of its own with typed, indexed copies of the fields clients filter and sort
    /// on most (`docs/storage.md`): the high-volume modules, whose layout was measured.
    Table(&'static TableDef),
    /// The shared `records` table, told apart by module name, every field in the document
    /// and indexed on demand (`auto_index`): every module that needs no layout of its own.
    Documents,
}

/// A table of one module's own.
#[derive(Debug)]
pub struct TableDef {
    pub table: &'static str,
    /// Fields kept in typed columns beside the document.
    pub hot: &'static [HotColumn],
    /// The column the id field and id lists refer to: `id`, or for language versions their
    /// main estate's (`main_id`), as the docs say sub-ids cannot be addressed directly.
    pub id_column: &'static str,
    /// Rows are language versions of another module's records, told apart by `language`.
    pub language_versions: bool,
}

/// A field the system sets on every create, or on every create and modify.
#[derive(Debug, Clone, Copy)]
pub struct SystemField {
    pub name: &'static str,
    pub value: Stamp,
    /// Also set on modify (a last-change time), not only on create (a creation date).
    pub on_modify: bool,
}

/// What a system field is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    /// Today, `YYYY-MM-DD`.
    Date,
    /// Now, `YYYY-MM-DD HH:MM:SS`.
    DateTime,
}

/// One record module.
#[derive(Debug)]
pub struct ModuleDef {
    /// Its name on the wire (the resource type and the records' `type`) and in storage:
    /// the key of its custom fields, saved filters, counters and write generations.
    pub name: &'static str,
    /// How `get fields` names the module (German, English).
    pub labels: (&'static str, &'static str),
    /// The field holding the record id in `data`, filters and sorts (`Id`, `id`).
    pub id_field: &'static str,
    /// The elements of every record carry the id as a number (`"id": 12`), as addresses do.
    pub id_in_elements: bool,
    /// Integer fields are JSON numbers in raw mode (addresses' `KdNr`), not strings.
    pub integers_as_numbers: bool,
    pub storage: Storage,
    /// The standard fields every tenant has.
    pub catalog: &'static LazyLock<Result<Catalog, String>>,
    /// The module whose field configuration its records are read with, when it is not its
    /// own (language versions are estates).
    pub fields_of: Option<&'static ModuleDef>,
    /// The module holding its records' language versions (`estatelanguage`), if they have
    /// any.
    pub versions: Option<&'static ModuleDef>,
    /// The single-select of countries that `countryIsoCodeType` shapes (addresses' `Land`).
    pub country_field: Option<&'static str>,
    /// Fields the system sets on writes; clients cannot write them.
    pub system_fields: &'static [SystemField],
    /// `georangesearch` is documented for it (its records have coordinates).
    pub radius_search: bool,
    /// Its records carry contact entries (`_contacts`) that pseudo-fields filter on.
    pub contact_entries: bool,
    /// What the quick search (`get search`) finds of its records; `None`: not searched.
    pub search: Option<&'static SearchDef>,
    /// A write names a field the module does not have.
    pub unknown_field: ErrorCode,
    /// A modify or delete names a record that does not exist.
    pub unknown_record: ErrorCode,
    /// The `type` of the record a create answers, where it is not the name: the API
    /// answers `create searchcriteria` with `"type":"searchCriteria"`.
    pub created_type: Option<&'static str>,
}

/// A module: a handle on its definition, compared and hashed by name (names are unique).
#[derive(Clone, Copy)]
pub struct Module(&'static ModuleDef);

impl Module {
    pub const ESTATE: Module = Module(&ESTATE);
    pub const ADDRESS: Module = Module(&ADDRESS);
    /// Language versions of estates (`estatelanguage` other than the main language).
    pub const ESTATE_LANGUAGE: Module = Module(&ESTATE_LANGUAGE);
    pub const SEARCHCRITERIA: Module = Module(&SEARCHCRITERIA);

    /// A module from a definition of one's own (a test's).
    pub const fn new(def: &'static ModuleDef) -> Module {
        Module(def)
    }

    /// The standard module of this name.
    pub fn by_name(name: &str) -> Option<Module> {
        STANDARD.iter().copied().find(|m| m.name == name)
    }

    pub const fn def(self) -> &'static ModuleDef {
        self.0
    }

    pub const fn name(self) -> &'static str {
        self.0.name
    }

    /// The standard fields.
    pub fn catalog(self) -> &'static Catalog {
        match &**self.0.catalog {
            Ok(catalog) => catalog,
            // `check_catalogs` refuses to open a store before this could be reached.
            Err(_) => &catalog::EMPTY,
        }
    }

    /// The module whose field configuration applies: itself, or the estates for their
    /// language versions.
    pub fn fields_module(self) -> Module {
        match self.0.fields_of {
            Some(def) => Module(def),
            None => self,
        }
    }

    /// The table the records are in.
    pub fn table(self) -> &'static str {
        match self.0.storage {
            Storage::Table(t) => t.table,
            Storage::Documents => DOCUMENTS_TABLE,
        }
    }

    /// The typed columns beside the document.
    pub fn hot_columns(self) -> &'static [HotColumn] {
        match self.0.storage {
            Storage::Table(t) => t.hot,
            Storage::Documents => &[],
        }
    }

    pub fn hot_column(self, field: &str) -> Option<&'static HotColumn> {
        self.hot_columns().iter().find(|c| c.field == field)
    }

    /// The column the id field refers to.
    pub fn id_column(self) -> &'static str {
        match self.0.storage {
            Storage::Table(t) => t.id_column,
            Storage::Documents => "id",
        }
    }

    /// The module of the records' language versions.
    pub fn versions(self) -> Option<Module> {
        self.0.versions.map(Module)
    }

    /// Rows are language versions, selected by `language`.
    pub fn language_versions(self) -> bool {
        matches!(self.0.storage, Storage::Table(t) if t.language_versions)
    }

    /// Rows share the documents table with other modules', selected by `module`.
    pub fn in_documents(self) -> bool {
        matches!(self.0.storage, Storage::Documents)
    }
}

impl std::ops::Deref for Module {
    type Target = ModuleDef;

    fn deref(&self) -> &ModuleDef {
        self.0
    }
}

impl PartialEq for Module {
    fn eq(&self, other: &Module) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Module {}

impl Hash for Module {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.name.hash(state);
    }
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name)
    }
}

impl std::fmt::Display for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name)
    }
}

/// The table of [`Storage::Documents`] modules.
pub(crate) const DOCUMENTS_TABLE: &str = "records";

/// The modules clients reach on the wire, in the order `get fields` lists them.
pub static STANDARD: &[Module] = &[Module::ESTATE, Module::ADDRESS, Module::SEARCHCRITERIA];

/// Every standard catalog parses; a store does not open otherwise, so that a broken catalog
/// file is an error at start, naming the file and line, not an empty configuration.
pub fn check_catalogs() -> Result<(), String> {
    for module in STANDARD {
        if let Err(e) = &**module.0.catalog {
            return Err(e.clone());
        }
    }
    crate::regions::check()
}

static ESTATE_CATALOG: LazyLock<Result<Catalog, String>> =
    LazyLock::new(|| catalog::parse("estate.toml", include_str!("../catalogs/estate.toml")));

static ADDRESS_CATALOG: LazyLock<Result<Catalog, String>> =
    LazyLock::new(|| catalog::parse("address.toml", include_str!("../catalogs/address.toml")));

/// Estates: the fields listings filter and sort on are typed columns, chosen by measurement
/// (docs/benchmarks.md).
static ESTATE_TABLE: TableDef = TableDef {
    table: "estates",
    hot: &[
        int("status", "status"),
        int("veroeffentlichen", "veroeffentlichen"),
        text("objektart", "objektart"),
        text("vermarktungsart", "vermarktungsart"),
        text("nutzungsart", "nutzungsart"),
        num("kaufpreis", "kaufpreis"),
        num("kaltmiete", "kaltmiete"),
        num("wohnflaeche", "wohnflaeche"),
        text("ort", "ort"),
        text("plz", "plz"),
        text("geaendert_am", "geaendert_am"),
        num("breitengrad", "breitengrad"),
        num("laengengrad", "laengengrad"),
    ],
    id_column: "id",
    language_versions: false,
};

static ESTATE: ModuleDef = ModuleDef {
    name: "estate",
    labels: ("Immobilien", "Properties"),
    id_field: "Id",
    id_in_elements: false,
    integers_as_numbers: false,
    storage: Storage::Table(&ESTATE_TABLE),
    catalog: &ESTATE_CATALOG,
    fields_of: None,
    versions: Some(&ESTATE_LANGUAGE),
    country_field: None,
    system_fields: &[
        SystemField {
            name: "erstellt_am",
            value: Stamp::Date,
            on_modify: false,
        },
        SystemField {
            name: "geaendert_am",
            value: Stamp::DateTime,
            on_modify: true,
        },
    ],
    radius_search: true,
    contact_entries: false,
    search: Some(&ESTATE_SEARCH),
    unknown_field: ErrorCode::UnknownEstateField,
    unknown_record: ErrorCode::UnknownEstateRecord,
    created_type: None,
};

/// Language versions keep every value in the document: a version is read by its main
/// estate's id and its language.
static ESTATE_LANGUAGE_TABLE: TableDef = TableDef {
    table: "estate_languages",
    hot: &[],
    id_column: "main_id",
    language_versions: true,
};

static ESTATE_LANGUAGE: ModuleDef = ModuleDef {
    name: "estate_language",
    storage: Storage::Table(&ESTATE_LANGUAGE_TABLE),
    fields_of: Some(&ESTATE),
    versions: None,
    // Language versions are found through their main estate.
    search: None,
    ..ESTATE
};

static ADDRESS_TABLE: TableDef = TableDef {
    table: "addresses",
    hot: &[
        int("KdNr", "kdnr"),
        int("Status", "status"),
        text("Name", "name"),
        text("Vorname", "vorname"),
        text("Ort", "ort"),
        text("Plz", "plz"),
        text("Email", "email"),
        text("Aenderung", "aenderung"),
    ],
    id_column: "id",
    language_versions: false,
};

static ADDRESS: ModuleDef = ModuleDef {
    name: "address",
    labels: ("Adressen", "Addresses"),
    id_field: "id",
    id_in_elements: true,
    integers_as_numbers: true,
    storage: Storage::Table(&ADDRESS_TABLE),
    catalog: &ADDRESS_CATALOG,
    fields_of: None,
    versions: None,
    country_field: Some("Land"),
    system_fields: &[
        SystemField {
            name: "Eintragsdatum",
            value: Stamp::Date,
            on_modify: false,
        },
        SystemField {
            name: "Aenderung",
            value: Stamp::DateTime,
            on_modify: true,
        },
    ],
    // The docs describe the radius search for estates only.
    radius_search: false,
    contact_entries: true,
    search: Some(&ADDRESS_SEARCH),
    unknown_field: ErrorCode::UnknownFieldQuoted,
    unknown_record: ErrorCode::UnknownAddressRecord,
    created_type: None,
};

static SEARCHCRITERIA_CATALOG: LazyLock<Result<Catalog, String>> = LazyLock::new(|| {
    catalog::parse(
        "searchcriteria.toml",
        include_str!("../catalogs/searchcriteria.toml"),
    )
});

/// Search criteria: an address's search for an estate. Documents: their volume is that of
/// addresses at most, and matching them against an estate (a later task) may give them
/// typed columns by this entry.
static SEARCHCRITERIA: ModuleDef = ModuleDef {
    name: "searchcriteria",
    labels: ("Suchkriterien", "Search criteria"),
    id_field: "Id",
    id_in_elements: false,
    integers_as_numbers: false,
    storage: Storage::Documents,
    catalog: &SEARCHCRITERIA_CATALOG,
    fields_of: None,
    versions: None,
    country_field: None,
    system_fields: &[
        SystemField {
            name: "creationdate",
            value: Stamp::DateTime,
            on_modify: false,
        },
        SystemField {
            name: "editdate",
            value: Stamp::DateTime,
            on_modify: true,
        },
    ],
    radius_search: false,
    contact_entries: false,
    unknown_field: ErrorCode::UnknownFieldQuoted,
    unknown_record: ErrorCode::UnknownSearchCriteria,
    // COMPAT: the LV stub of `create searchcriteria` (client-behaviour.md) has it so.
    search: None,
    created_type: Some("searchCriteria"),
};

/// The estate quick search: external number, address and title (the docs name
/// `objektnr_extern`, `ort`, `strasse`; the house number and postcode narrow a street, and
/// the title is what an agent remembers of a listing).
static ESTATE_SEARCH: SearchDef = SearchDef {
    numbers: &["objektnr_extern"],
    fields: &[
        "objektnr_extern",
        "objekttitel",
        "strasse",
        "hausnummer",
        "plz",
        "ort",
    ],
};

/// The address search of the docs: customer number, first name, surname, company and the
/// main e-mail address; `includecontactdata` adds every contact entry.
static ADDRESS_SEARCH: SearchDef = SearchDef {
    numbers: &["KdNr"],
    fields: &["KdNr", "Vorname", "Name", "Zusatz1", "Email"],
};
