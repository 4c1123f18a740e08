//! The modules the conformance suite runs, and what it needs to know of each.

use std::sync::LazyLock;

use kontor_proto::{ActionVerb, ErrorCode};
use kontor_server::{NoHooks, ServedModule};
use kontor_store::fields::catalog::{self, Catalog};
use kontor_store::modules::{ModuleDef, Stamp, Storage, SystemField};
use kontor_store::Module;
use serde_json::{json, Value};

/// The demonstration module's standard fields.
const DEMO_CATALOG: &str = r#"
[[section]]
table = "Demo"
content = "Demo"

[[section.field]]
name = "titel"
type = "varchar"
length = 80
label = ["Titel", "Title"]

[[section.field]]
name = "preis"
type = "float"
label = ["Preis", "Price"]
measure = "DATA_TYPE_MONETARY"

[[section.field]]
name = "art"
type = "singleselect"
label = ["Art", "Kind"]
values = [["a", "A", "A"], ["b", "B", "B"]]

[[section.field]]
name = "erstellt"
type = "date"
label = ["Erstellt", "Created"]
read_only = true

[[section.field]]
name = "geaendert"
type = "datetime"
label = ["Geändert", "Changed"]
read_only = true
"#;

static DEMO_FIELDS: LazyLock<Result<Catalog, String>> =
    LazyLock::new(|| catalog::parse("demo.toml", DEMO_CATALOG));

pub static DEMO_DEF: ModuleDef = ModuleDef {
    name: "demo",
    labels: ("Demo", "Demo"),
    id_field: "Id",
    id_in_elements: false,
    integers_as_numbers: false,
    storage: Storage::Documents,
    catalog: &DEMO_FIELDS,
    fields_of: None,
    versions: None,
    country_field: None,
    system_fields: &[
        SystemField {
            name: "erstellt",
            value: Stamp::Date,
            on_modify: false,
        },
        SystemField {
            name: "geaendert",
            value: Stamp::DateTime,
            on_modify: true,
        },
    ],
    radius_search: false,
    contact_entries: false,
    search: None,
    unknown_field: ErrorCode::UnknownFieldQuoted,
    unknown_record: ErrorCode::UnknownRecordId,
    created_type: None,
};

pub static DEMO: ServedModule = ServedModule {
    module: Module::new(&DEMO_DEF),
    verbs: &[
        ActionVerb::Read,
        ActionVerb::Create,
        ActionVerb::Modify,
        ActionVerb::Delete,
    ],
    hooks: &NoHooks,
};

/// What the suite needs to know of a module: how its writes carry fields, how its records
/// are read, and a number and a text field to filter and sort on.
pub struct Spec {
    pub resource: &'static str,
    pub module: Module,
    pub id_field: &'static str,
    pub number: &'static str,
    pub text: &'static str,
    /// Fields flat in the parameters (addresses) rather than in `data`.
    pub flat: bool,
    pub delete: bool,
    pub reads: Reads,
}

/// How a module's records are read.
#[derive(Clone, Copy, PartialEq)]
pub enum Reads {
    /// `read <module>`, one record by `resourceid`.
    Read,
    /// `get searchcriterias`: by filter (with `sortby` and `sortorder` as strings), one
    /// record by mode `searchcriteria`; every create names its address (`addressid`),
    /// and range ends read as the pair `range_<field>`.
    SearchCriterias,
}

pub const SPECS: &[Spec] = &[
    Spec {
        resource: "estate",
        module: Module::ESTATE,
        id_field: "Id",
        number: "kaufpreis",
        text: "ort",
        flat: false,
        delete: false,
        reads: Reads::Read,
    },
    Spec {
        resource: "address",
        module: Module::ADDRESS,
        id_field: "id",
        number: "salary",
        text: "Ort",
        flat: true,
        delete: false,
        reads: Reads::Read,
    },
    Spec {
        resource: "demo",
        module: Module::new(&DEMO_DEF),
        id_field: "Id",
        number: "preis",
        text: "titel",
        flat: false,
        delete: true,
        reads: Reads::Read,
    },
    Spec {
        resource: "searchcriteria",
        module: Module::SEARCHCRITERIA,
        id_field: "Id",
        number: "kaufpreis__von",
        text: "ort",
        flat: false,
        delete: true,
        reads: Reads::SearchCriterias,
    },
];

impl Spec {
    pub fn write(&self, fields: Value) -> Value {
        if self.flat {
            fields
        } else {
            json!({ "data": fields })
        }
    }

    /// A create's parameters: the fields, and the address a criterion belongs to.
    pub fn create(&self, fields: Value, owner: i64) -> Value {
        let mut params = self.write(fields);
        if self.reads == Reads::SearchCriterias {
            params["addressid"] = json!(owner);
        }
        params
    }

    /// A read's parameters as the module's read takes them.
    pub fn read_params(&self, params: Value) -> Value {
        if self.reads == Reads::Read {
            return params;
        }
        let (sortby, sortorder) = match params["sortby"].as_object().and_then(|s| s.iter().next()) {
            Some((field, order)) => (json!(field), order.clone()),
            None => (json!(self.id_field), json!("ASC")),
        };
        let mut out = json!({"mode": "filter", "filter": params.get("filter").cloned().unwrap_or(json!({})),
                             "sortby": sortby, "sortorder": sortorder});
        for page in ["listlimit", "listoffset"] {
            if let Some(v) = params.get(page) {
                out[page] = v.clone();
            }
        }
        out
    }

    /// The action reading records, or record `id`.
    pub fn reader(&self, id: Option<i64>) -> (ActionVerb, &'static str, Value) {
        match (self.reads, id) {
            (Reads::Read, id) => (ActionVerb::Read, self.resource, json!(id.unwrap_or(0))),
            (Reads::SearchCriterias, _) => (ActionVerb::Get, "searchcriterias", json!("")),
        }
    }

    /// The value of field `name` in a record's elements.
    pub fn element<'v>(&self, record: &'v Value, name: &str) -> &'v Value {
        let elements = &record["elements"];
        let range = |suffix: &str, at: usize| {
            name.strip_suffix(suffix)
                .map(|base| &elements[format!("range_{base}")][at])
        };
        match self.reads {
            Reads::Read => &elements[name],
            Reads::SearchCriterias => range("__von", 0)
                .or_else(|| range("__bis", 1))
                .unwrap_or(&elements[name]),
        }
    }
}
