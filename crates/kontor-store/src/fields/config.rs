//! A tenant's field configuration of one module: the standard catalog plus its custom fields.

use std::collections::HashMap;
use std::sync::Arc;

use kontor_proto::Language;

use super::catalog::FieldType;
use super::computed::Computed;
use crate::modules::Module;
use crate::types::Labels;

/// One select value with its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectOption {
    pub key: String,
    pub labels: Labels,
}

/// A field as the server sees it, standard or custom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDef {
    pub name: String,
    pub ty: FieldType,
    pub length: Option<u32>,
    pub values: Vec<SelectOption>,
    pub default: Option<String>,
    pub labels: Labels,
    pub table: String,
    pub content: String,
    pub measure: Option<String>,
    pub read_only: bool,
    /// How a field that is not stored is computed when it is read.
    pub computed: Option<Computed>,
    /// For which records the field or its values are shown (`showfieldfilters`).
    pub filters: Vec<FieldFilter>,
    /// `(value, objektart)`: the type each permitted subtype belongs to
    /// (`showfielddependencies`).
    pub requires: Vec<(String, String)>,
    pub custom: bool,
    /// One end of a range field (`kaufpreis__von`, `kaufpreis__bis`): a catalog field with
    /// `range = true` is stored as its two ends, each a field of its own.
    pub range: Option<RangeEnd>,
    /// The smallest and largest number the field takes (`min`, `max` in the catalog).
    pub bounds: Option<(i64, i64)>,
    /// The label of the field's section (`get searchCriteriaFields` categories).
    pub section_labels: Labels,
}

/// Which end of which range a field is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeEnd {
    /// The range's own name (`kaufpreis`), as clients send `kaufpreis: [from, to]`.
    pub base: String,
    pub base_labels: Labels,
    /// `__bis` (the upper end), not `__von`.
    pub upper: bool,
}

/// The suffixes of a range's ends, as the API names them.
pub const RANGE_FROM: &str = "__von";
pub const RANGE_TO: &str = "__bis";

/// A field filter: the field itself or one of its values (`key`) is shown where each
/// filter key has one of its values (`vermarktungsarten` = `kauf`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldFilter {
    pub key: String,
    pub when: Vec<(String, Vec<String>)>,
}

impl FieldDef {
    pub fn label(&self, lang: Language) -> &str {
        self.labels.get(lang)
    }

    /// The option with this key, if the field is a select and has it.
    pub fn option(&self, key: &str) -> Option<&SelectOption> {
        self.values.iter().find(|o| o.key == key)
    }
}

/// All fields of a module for one tenant, in display order, with a name index.
#[derive(Debug, Clone, Default)]
pub struct FieldConfig {
    fields: Vec<FieldDef>,
    index: HashMap<String, usize>,
}

impl FieldConfig {
    pub fn new(module: Module, custom: Vec<FieldDef>) -> FieldConfig {
        let fields: Vec<FieldDef> = module
            .fields_module()
            .catalog()
            .fields
            .iter()
            .cloned()
            .chain(custom)
            .collect();
        let index = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.clone(), i))
            .collect();
        FieldConfig { fields, index }
    }

    /// Looks a field up by its exact, case-sensitive name.
    pub fn get(&self, name: &str) -> Option<&FieldDef> {
        self.index.get(name).map(|i| &self.fields[*i])
    }

    pub fn fields(&self) -> &[FieldDef] {
        &self.fields
    }

    /// The two ends of the range field `base` (`kaufpreis` → `kaufpreis__von`,
    /// `kaufpreis__bis`), if it is one.
    pub fn range_ends(&self, base: &str) -> Option<(&FieldDef, &FieldDef)> {
        let end = |suffix: &str| {
            self.get(&format!("{base}{suffix}"))
                .filter(|f| f.range.as_ref().is_some_and(|r| r.base == base))
        };
        Some((end(RANGE_FROM)?, end(RANGE_TO)?))
    }
}

/// Shared, immutable configuration handed to requests.
pub type SharedFieldConfig = Arc<FieldConfig>;
