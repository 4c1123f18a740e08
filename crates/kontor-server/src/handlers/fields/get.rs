//! `get fields`: the field configuration of modules.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get","resourceid":"",
//!  "resourcetype":"fields","parameters":{"labels":true,"language":"ENG",
//!  "modules":["estate"],"fieldList":["vermarktungsart"]}}
//! ```
//! → `{"id":"estate","type":"","elements":{"label":"Properties","vermarktungsart":{
//!    "type":"singleselect","length":null,"permittedvalues":{"kauf":"Purchase",…},
//!    "default":null,"filters":[],"dependencies":[],"compoundFields":[],"label":"Type of marketing"}}}`
//!
//! One record per module, in request order; modules Kontor has no fields for yet answer
//! `"elements":[]`, as empty modules do on the real API.

use kontor_proto::calls::actionkindtypes::LabelMap;
use kontor_proto::calls::params::Params;
use kontor_proto::{ApiError, Data, ErrorCode, Language, Record, RecordId};
use kontor_store::fields::FieldDef;
use kontor_store::FieldStore;
use kontor_store::Module;
use kontor_store::Store;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

/// Every module name `get fields` knows, in the order it lists them without `modules`.
const MODULES: &[&str] = &[
    "address",
    "estate",
    "agentsLog",
    "calendar",
    "email",
    "file",
    "news",
    "intranet",
    "project",
    "task",
    "user",
];

struct Options {
    labels: bool,
    lang: Language,
    field_list: Vec<String>,
    real_types: bool,
    measure: bool,
    content: bool,
    table: bool,
    only_inactive: bool,
    show_filters: bool,
    show_dependencies: bool,
}

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let flag = |name: &str| -> Result<bool, ApiError> {
            match params.0.get(name) {
                None | Some(Value::Null) => Ok(false),
                Some(Value::Bool(b)) => Ok(*b),
                Some(Value::Number(n)) => Ok(n.as_i64() == Some(1)),
                Some(Value::String(s)) => Ok(s == "1" || s == "true"),
                Some(_) => Err(
                    ApiError::with_detail(ErrorCode::InvalidValueForParameter, name)
                        .hint("use true or false"),
                ),
            }
        };
        let options = Options {
            labels: flag("labels")?,
            lang: params.opt_language("language")?.unwrap_or(Language::DEU),
            field_list: params
                .str_list("fieldList")?
                .into_iter()
                .map(str::to_string)
                .collect(),
            real_types: flag("realDataTypes")?,
            measure: flag("showFieldMeasureFormat")?,
            content: flag("showContent")?,
            table: flag("showTable")?,
            only_inactive: flag("showOnlyInactive")?,
            show_filters: flag("showfieldfilters")?,
            show_dependencies: flag("showfielddependencies")?,
        };
        let requested = params.str_list("modules")?;
        let modules: Vec<&str> = if requested.is_empty() {
            MODULES.to_vec()
        } else {
            requested
        };
        if let Some(bad) = modules.iter().find(|m| !MODULES.contains(m)) {
            return Err(ApiError::new(ErrorCode::InvalidNameForModule)
                .hint(format!("{bad}: use one of {}", MODULES.join(", "))));
        }
        let mut records = Vec::with_capacity(modules.len());
        for name in modules {
            let elements = match Module::by_name(name) {
                Some(module) => {
                    let config = store
                        .field_config(ctx.tenant, module)
                        .await
                        .map_err(store_error)?;
                    module_elements(module, config.fields(), &options)
                }
                None => Map::new(),
            };
            records.push(Record::new(
                RecordId::Key(name.to_string()),
                Some(""),
                &elements,
            ));
        }
        Ok(Data::uncounted(records))
    })
}

fn module_label(module: Module, lang: Language) -> &'static str {
    if lang == Language::DEU {
        module.labels.0
    } else {
        module.labels.1
    }
}

fn module_elements(module: Module, fields: &[FieldDef], o: &Options) -> Map<String, Value> {
    let mut out = Map::new();
    // Every field Kontor has is active; asking for inactive ones finds none.
    if o.only_inactive {
        return out;
    }
    // COMPAT: the module label sits among the fields under "label" (WP skips it).
    if o.labels {
        out.insert(
            "label".into(),
            Value::String(module_label(module, o.lang).into()),
        );
    }
    for field in fields {
        if !o.field_list.is_empty() && !o.field_list.contains(&field.name) {
            continue;
        }
        let element = FieldElement::new(field, o);
        if let Ok(value) = serde_json::to_value(&element) {
            out.insert(field.name.clone(), value);
        }
    }
    out
}

/// `[]` when empty, as PHP writes an empty array.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Permitted {
    None(Option<()>),
    Keys(Vec<String>),
    Labels(LabelMap),
}

#[derive(Debug, Serialize)]
struct FieldElement<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    length: Option<u32>,
    permittedvalues: Permitted,
    default: Option<&'a str>,
    filters: Filled,
    dependencies: Filled,
    /// The fields a compound (`Plz-Ort`) is made of; `[]` for others.
    #[serde(rename = "compoundFields")]
    compound_fields: &'static [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tablename: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<&'a str>,
    #[serde(rename = "fieldMeasureFormat", skip_serializing_if = "Option::is_none")]
    measure: Option<Option<&'a str>>,
}

/// `filters` and `dependencies`: `[]` when empty (PHP's empty array), an object when filled.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Filled {
    Empty([(); 0]),
    Object(Map<String, Value>),
}

impl Filled {
    fn of(map: Map<String, Value>) -> Filled {
        if map.is_empty() {
            Filled::Empty([])
        } else {
            Filled::Object(map)
        }
    }
}

/// `{"kaufpreis":{"vermarktungsarten":["kauf"]}}`: per key, the filter keys and their values.
fn filters(f: &FieldDef) -> Filled {
    let mut out = Map::new();
    if !f.custom {
        for filter in &f.filters {
            let rules: Map<String, Value> = filter
                .when
                .iter()
                .map(|(name, values)| (name.clone(), Value::from(values.clone())))
                .collect();
            out.insert(filter.key.clone(), Value::Object(rules));
        }
    }
    Filled::of(out)
}

/// `{"etage":"wohnung",…}`: the type each permitted subtype requires.
fn dependencies(f: &FieldDef) -> Filled {
    let mut out = Map::new();
    if !f.custom {
        for (value, parent) in &f.requires {
            if f.option(value).is_some() {
                out.insert(value.clone(), Value::String(parent.clone()));
            }
        }
    }
    Filled::of(out)
}

impl<'a> FieldElement<'a> {
    fn new(f: &'a FieldDef, o: &Options) -> FieldElement<'a> {
        let permittedvalues = if !f.ty.is_select() {
            Permitted::None(None)
        } else if o.labels {
            Permitted::Labels(LabelMap(
                f.values
                    .iter()
                    .map(|v| (v.key.clone(), v.labels.get(o.lang).to_string()))
                    .collect(),
            ))
        } else {
            Permitted::Keys(f.values.iter().map(|v| v.key.clone()).collect())
        };
        FieldElement {
            ty: f.ty.wire_name(o.real_types),
            length: f.length,
            permittedvalues,
            default: f.default.as_deref(),
            filters: if o.show_filters {
                filters(f)
            } else {
                Filled::Empty([])
            },
            dependencies: if o.show_dependencies {
                dependencies(f)
            } else {
                Filled::Empty([])
            },
            compound_fields: f.computed.map(|c| c.compound_of()).unwrap_or_default(),
            label: o.labels.then(|| f.label(o.lang)),
            tablename: o.table.then_some(f.table.as_str()),
            content: o.content.then_some(f.content.as_str()),
            measure: o.measure.then_some(f.measure.as_deref()),
        }
    }
}
