//! Field filters and field dependencies of the standard catalog, for `get fields` with
//! `showfieldfilters` and `showfielddependencies`.
//!
//! A field filter says for which estates a field (or one of its values) is shown in the
//! input mask: `kaufpreis` only where the marketing type is `kauf`. onOffice tenants set
//! these in Administration; a new tenant in Kontor has the ones every German listing
//! follows: purchase prices belong to sales, rents to lettings, room counts to living and
//! commercial space. A dependency names the `objektart` each `objekttyp` belongs to.

use super::catalog::Module;
use super::estate_fields::OBJEKTTYP_PARENTS;

/// The filter keys the API documents, in its order.
pub const FILTER_KEYS: &[&str] = &[
    "status",
    "nutzungsarten",
    "vermarktungsarten",
    "immobilienart",
    "stammobjekte",
];

/// One filter: the key (a field name for the field itself, or one of its permitted values)
/// and the values per filter key.
pub type FieldFilter = (
    &'static str,
    &'static [(&'static str, &'static [&'static str])],
);

const SALE: &[(&str, &[&str])] = &[("vermarktungsarten", &["kauf"])];
const LETTING: &[(&str, &[&str])] = &[("vermarktungsarten", &["miete", "pacht", "erbpacht"])];
const ROOMS: &[(&str, &[&str])] = &[
    ("nutzungsarten", &["wohnen", "gewerbe"]),
    (
        "immobilienart",
        &["haus", "wohnung", "zimmer", "buero_praxen"],
    ),
];
const LIVING: &[(&str, &[&str])] = &[("nutzungsarten", &["wohnen"])];
const PLOT: &[(&str, &[&str])] = &[(
    "immobilienart",
    &["haus", "grundstueck", "land_und_forstwirtschaft", "hausbau"],
)];

/// The field filters of a standard field; empty for fields without any.
pub fn standard_filters(module: Module, field: &str) -> &'static [FieldFilter] {
    if module != Module::Estate {
        return &[];
    }
    match field {
        "kaufpreis" => &[("kaufpreis", SALE)],
        "kaltmiete" => &[("kaltmiete", LETTING)],
        "warmmiete" => &[("warmmiete", LETTING)],
        "nebenkosten" => &[("nebenkosten", LETTING)],
        "kaution" => &[("kaution", LETTING)],
        "anzahl_zimmer" => &[("anzahl_zimmer", ROOMS)],
        "wohnflaeche" => &[("wohnflaeche", LIVING)],
        "grundstuecksflaeche" => &[("grundstuecksflaeche", PLOT)],
        _ => &[],
    }
}

/// The `objektart` each permitted value of a field requires: `objekttyp` only.
pub fn standard_dependencies(
    module: Module,
    field: &str,
) -> &'static [(&'static str, &'static str)] {
    match (module, field) {
        (Module::Estate, "objekttyp") => OBJEKTTYP_PARENTS,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::config::FieldConfig;

    /// Every filter names a catalog field and only documented keys, and every value it
    /// lists is a permitted value of the field the key stands for, so that a client that
    /// cross-checks them finds nothing dangling.
    #[test]
    fn filters_name_real_fields_keys_and_values() {
        let config = FieldConfig::new(Module::Estate, Vec::new());
        let permitted = |field: &str| -> Vec<String> {
            config
                .get(field)
                .map(|f| f.values.iter().map(|v| v.key.clone()).collect())
                .unwrap_or_default()
        };
        let mut seen = 0;
        for field in config.fields() {
            for (key, rules) in standard_filters(Module::Estate, &field.name) {
                seen += 1;
                assert_eq!(*key, field.name, "field-level filter of {}", field.name);
                for (filter_key, values) in *rules {
                    assert!(FILTER_KEYS.contains(filter_key), "{filter_key}");
                    let source = match *filter_key {
                        "nutzungsarten" => "nutzungsart",
                        "vermarktungsarten" => "vermarktungsart",
                        "immobilienart" => "objektart",
                        other => other,
                    };
                    let allowed = permitted(source);
                    for value in *values {
                        assert!(allowed.contains(&value.to_string()), "{source}: {value}");
                    }
                }
            }
        }
        assert_eq!(seen, 8);
    }

    #[test]
    fn objekttyp_depends_on_objektart_values() {
        let config = FieldConfig::new(Module::Estate, Vec::new());
        let kinds: Vec<String> = config
            .get("objektart")
            .map(|f| f.values.iter().map(|v| v.key.clone()).collect())
            .unwrap_or_default();
        let deps = standard_dependencies(Module::Estate, "objekttyp");
        assert!(deps.len() > 20);
        for (_, parent) in deps {
            assert!(kinds.contains(&parent.to_string()), "{parent}");
        }
        assert!(standard_dependencies(Module::Address, "objekttyp").is_empty());
        assert!(standard_dependencies(Module::Estate, "objektart").is_empty());
    }
}
