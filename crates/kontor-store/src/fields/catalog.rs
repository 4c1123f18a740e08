//! The standard field catalog of a module: data in `kontor-store/catalogs/<module>.toml`,
//! parsed once, so that reading a field's definition never touches the database.
//!
//! A catalog file is a list of sections, each a table (`showTable`) and content group
//! (`showContent`) with its fields in display order:
//!
//! ```toml
//! [[section]]
//! table = "ObjPreise"
//! content = "Prices"
//!
//! [[section.field]]
//! name = "kaufpreis"            # case-sensitive, exactly as the API spells it
//! type = "float"                # a `get fields` type (`realDataTypes` names)
//! label = ["Kaufpreis", "Purchase price"]
//! measure = "DATA_TYPE_MONETARY"
//! filters = [{ key = "kaufpreis", vermarktungsarten = ["kauf"] }]
//! ```
//!
//! and further `length`, `default`, `read_only`, `computed` (the name of a
//! [`Computed`]), `values` (`[key, German, English]` per permitted value),
//! `values_from = "countries"` (or `"estate:objektart"`: the values of another module's
//! field) and `requires` (`[value, objektart]` per subtype).
//!
//! A number field with `range = true` is a range ("from – to", search criteria's prices
//! and areas): it is stored as two fields, `<name>__von` and `<name>__bis`, which writes,
//! filters and sorts name like any other field; writes may also send `<name>: [from, to]`.
//! `min` and `max` bound what a number field takes. A section may carry `labels = [German,
//! English]`, the name its fields are grouped under where the API shows categories.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

use super::computed::Computed;
use super::config::{FieldDef, FieldFilter, RangeEnd, SelectOption, RANGE_FROM, RANGE_TO};
use crate::types::Labels;

/// The filter keys `showfieldfilters` may name, in the API's order.
pub const FILTER_KEYS: &[&str] = &[
    "status",
    "nutzungsarten",
    "vermarktungsarten",
    "immobilienart",
    "stammobjekte",
];

/// Field types as `get fields` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    Varchar,
    Text,
    Integer,
    Float,
    Boolean,
    Date,
    DateTime,
    SingleSelect,
    MultiSelect,
    Blob,
    /// A user reference; `get fields` says `text` unless `realDataTypes` is set.
    User,
}

impl FieldType {
    /// The type name on the wire; `real` selects the `realDataTypes` names.
    pub const fn wire_name(self, real: bool) -> &'static str {
        match self {
            FieldType::Varchar => "varchar",
            FieldType::Text => "text",
            FieldType::Integer => "integer",
            FieldType::Float => "float",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
            FieldType::DateTime => "datetime",
            FieldType::SingleSelect => "singleselect",
            FieldType::MultiSelect => "multiselect",
            FieldType::Blob => "blob",
            // The recordings show "text" for user fields unless realDataTypes is set.
            FieldType::User => {
                if real {
                    "user"
                } else {
                    "text"
                }
            }
        }
    }

    pub fn parse(text: &str) -> Option<FieldType> {
        Some(match text {
            "varchar" => FieldType::Varchar,
            "text" => FieldType::Text,
            "integer" => FieldType::Integer,
            "float" => FieldType::Float,
            "boolean" => FieldType::Boolean,
            "date" => FieldType::Date,
            "datetime" => FieldType::DateTime,
            "singleselect" => FieldType::SingleSelect,
            "multiselect" => FieldType::MultiSelect,
            "blob" => FieldType::Blob,
            "user" => FieldType::User,
            _ => return None,
        })
    }

    pub const fn is_select(self) -> bool {
        matches!(self, FieldType::SingleSelect | FieldType::MultiSelect)
    }

    /// Compared as numbers in filters and sorts.
    pub const fn is_numeric(self) -> bool {
        matches!(
            self,
            FieldType::Integer | FieldType::Float | FieldType::Boolean | FieldType::User
        )
    }
}

/// The standard fields of a module, in display order.
#[derive(Debug)]
pub struct Catalog {
    pub fields: Vec<FieldDef>,
}

/// What a catalog that failed to parse reads as; a store refuses to open before then.
pub(crate) static EMPTY: Catalog = Catalog { fields: Vec::new() };

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    section: Vec<Section>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    table: String,
    content: String,
    labels: Option<[String; 2]>,
    field: Vec<Row>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    name: String,
    #[serde(rename = "type")]
    ty: String,
    length: Option<u32>,
    default: Option<String>,
    label: [String; 2],
    measure: Option<String>,
    #[serde(default)]
    read_only: bool,
    computed: Option<String>,
    #[serde(default)]
    values: Vec<[String; 3]>,
    values_from: Option<String>,
    #[serde(default)]
    filters: Vec<FilterRow>,
    #[serde(default)]
    requires: Vec<[String; 2]>,
    #[serde(default)]
    range: bool,
    min: Option<i64>,
    max: Option<i64>,
}

/// `{ key = "anzahl_zimmer", nutzungsarten = ["wohnen"], … }`: the filter keys in the
/// order written.
#[derive(Deserialize)]
struct FilterRow {
    key: String,
    #[serde(flatten)]
    when: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryFile {
    countries: Vec<[String; 4]>,
}

/// One country: its ISO 3166-1 alpha-3 key (what the API stores), its alpha-2 code, its
/// German and English names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub alpha3: String,
    pub alpha2: String,
    pub deu: String,
    pub eng: String,
}

static COUNTRIES: LazyLock<Result<Vec<Country>, String>> = LazyLock::new(|| {
    let file: CountryFile = toml::from_str(include_str!("../../catalogs/countries.toml"))
        .map_err(|e| format!("countries.toml: {e}"))?;
    Ok(file
        .countries
        .into_iter()
        .map(|[alpha3, alpha2, deu, eng]| Country {
            alpha3,
            alpha2,
            deu,
            eng,
        })
        .collect())
});

/// Every country a `land` field takes.
pub fn countries() -> &'static [Country] {
    match &*COUNTRIES {
        Ok(list) => list,
        Err(_) => &[],
    }
}

/// The two-letter code of a country key (`DEU` → `DE`).
pub fn country_alpha2(alpha3: &str) -> Option<&'static str> {
    countries()
        .iter()
        .find(|c| c.alpha3 == alpha3)
        .map(|c| c.alpha2.as_str())
}

/// The values of another module's catalog field (`estate:objektart`), so that a module
/// whose fields describe estates (search criteria) offers exactly the estates' keys.
fn values_of(source: &str) -> Option<Vec<SelectOption>> {
    let (module, field) = source.split_once(':')?;
    let module = crate::modules::Module::by_name(module)?;
    let field = module.catalog().fields.iter().find(|f| f.name == field)?;
    Some(field.values.clone())
}

/// Parses a catalog file; errors name the file and what is wrong where.
pub fn parse(file_name: &str, text: &str) -> Result<Catalog, String> {
    let file: File = toml::from_str(text).map_err(|e| format!("{file_name}: {e}"))?;
    let mut fields = Vec::new();
    let mut names = HashSet::new();
    for section in file.section {
        let section_labels = match &section.labels {
            Some([deu, eng]) => Labels::new(deu, eng),
            None => Labels::new(&section.content, &section.content),
        };
        for row in section.field {
            let at = |what: String| format!("{file_name}, field {}: {what}", row.name);
            if !names.insert(row.name.clone()) {
                return Err(at("named twice".into()));
            }
            let ty = FieldType::parse(&row.ty).ok_or_else(|| at(format!("no type {}", row.ty)))?;
            let computed = match &row.computed {
                Some(name) => Some(
                    Computed::parse(name).ok_or_else(|| at(format!("no computation {name}")))?,
                ),
                None => None,
            };
            let mut values: Vec<SelectOption> = row
                .values
                .iter()
                .map(|[key, deu, eng]| SelectOption {
                    key: key.clone(),
                    labels: Labels::new(deu, eng),
                })
                .collect();
            match row.values_from.as_deref() {
                None => {}
                Some("countries") => {
                    let list = COUNTRIES.as_ref().map_err(|e| at(e.clone()))?;
                    values.extend(list.iter().map(|c| SelectOption {
                        key: c.alpha3.clone(),
                        labels: Labels::new(&c.deu, &c.eng),
                    }));
                }
                Some(other) => values
                    .extend(values_of(other).ok_or_else(|| at(format!("no value list {other}")))?),
            }
            let filters = row
                .filters
                .iter()
                .map(|f| {
                    let when = f
                        .when
                        .iter()
                        .map(|(key, list)| {
                            let values = list
                                .as_array()
                                .map(|l| {
                                    l.iter()
                                        .filter_map(|v| v.as_str().map(str::to_string))
                                        .collect()
                                })
                                .ok_or_else(|| at(format!("filter {key} is not a list")))?;
                            Ok((key.clone(), values))
                        })
                        .collect::<Result<_, String>>()?;
                    Ok(FieldFilter {
                        key: f.key.clone(),
                        when,
                    })
                })
                .collect::<Result<_, String>>()?;
            let bounds = match (row.min, row.max) {
                (None, None) => None,
                (Some(min), Some(max)) if min <= max && ty.is_numeric() => Some((min, max)),
                _ => return Err(at("min and max go together, min ≤ max, on numbers".into())),
            };
            let def = FieldDef {
                name: row.name.clone(),
                ty,
                length: row.length,
                values,
                default: row.default.clone(),
                labels: Labels::new(&row.label[0], &row.label[1]),
                table: section.table.clone(),
                content: section.content.clone(),
                measure: row.measure.clone(),
                read_only: row.read_only || computed.is_some(),
                computed,
                filters,
                requires: row
                    .requires
                    .iter()
                    .map(|[value, parent]| (value.clone(), parent.clone()))
                    .collect(),
                custom: false,
                range: None,
                bounds,
                section_labels: section_labels.clone(),
            };
            if !row.range {
                fields.push(def);
                continue;
            }
            if !ty.is_numeric() || def.computed.is_some() {
                return Err(at("a range is a stored number field".into()));
            }
            for (suffix, upper, [deu, eng]) in [
                (RANGE_FROM, false, ["von", "from"]),
                (RANGE_TO, true, ["bis", "to"]),
            ] {
                let name = format!("{}{suffix}", row.name);
                if !names.insert(name.clone()) {
                    return Err(at(format!("{name} named twice")));
                }
                let mut end = def.clone();
                end.labels = Labels::new(
                    &format!("{} {deu}", row.label[0]),
                    &format!("{} {eng}", row.label[1]),
                );
                for filter in &mut end.filters {
                    if filter.key == row.name {
                        filter.key = name.clone();
                    }
                }
                end.name = name;
                end.range = Some(RangeEnd {
                    base: row.name.clone(),
                    base_labels: def.labels.clone(),
                    upper,
                });
                fields.push(end);
            }
        }
    }
    Ok(Catalog { fields })
}
