//! `get actionkindtypes`: the kinds of action of the agents log, each with its types.
//!
//! Request:
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get","resourceid":"",
//!  "resourcetype":"actionkindtypes","identifier":"","parameters":{"lang":"ENG"}}
//! ```
//! One record per kind, numbered from 0:
//! ```json
//! {"id":0,"type":"actionkind","elements":{"key":"Newsletter","label":"Newsletter",
//!  "types":{"bestellt":"ordered","nicht bestellt":"not ordered"},"default":""}}
//! ```
//! A kind without types has `"types":[]` (PHP's empty array). Kinds whose types have database
//! ids (the task types that `create task` takes as `Art`) also carry `typesByDatabaseId`.

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::{CallParams, Params};
use crate::{ApiError, Language};

pub const RESOURCE_TYPE: &str = "actionkindtypes";
pub const RECORD_TYPE: &str = "actionkind";

/// Typed parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetParams {
    /// Language of the labels; German when absent (the German names are the API's keys).
    pub lang: Option<Language>,
    /// Kinds for which the automatic system types are listed too (hidden by default).
    pub allow_automatic_types_for: Vec<String>,
}

impl CallParams for GetParams {
    fn parse(params: Params<'_>) -> Result<GetParams, ApiError> {
        Ok(GetParams {
            lang: params.opt_language("lang")?,
            allow_automatic_types_for: params
                .str_list("allowAutomaticTypesForActionKind")?
                .into_iter()
                .map(str::to_string)
                .collect(),
        })
    }

    fn to_parameters(&self) -> Map<String, Value> {
        let mut map = Map::new();
        if let Some(lang) = self.lang {
            map.insert("lang".into(), Value::String(lang.to_string()));
        }
        if !self.allow_automatic_types_for.is_empty() {
            let kinds = self
                .allow_automatic_types_for
                .iter()
                .cloned()
                .map(Value::String);
            map.insert(
                "allowAutomaticTypesForActionKind".into(),
                Value::Array(kinds.collect()),
            );
        }
        map
    }
}

/// The elements of one kind record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionKindElements {
    pub key: String,
    pub label: String,
    pub types: LabelMap,
    pub default: String,
    #[serde(
        rename = "typesByDatabaseId",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub types_by_database_id: Option<LabelMap>,
}

/// An ordered map as PHP writes an array: an object of its entries, or `[]` when it has none.
pub(crate) fn php_map<S: Serializer, K: Serialize, V: Serialize>(
    s: S,
    entries: &[(K, V)],
) -> Result<S::Ok, S::Error> {
    if entries.is_empty() {
        return s.collect_seq(std::iter::empty::<()>());
    }
    let mut map = s.serialize_map(Some(entries.len()))?;
    for (k, v) in entries {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// An ordered `key → label` map that PHP renders as `[]` when empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelMap(pub Vec<(String, String)>);

// COMPAT: PHP renders an empty array as `[]`; clients iterate `types` either way.
impl Serialize for LabelMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        php_map(s, &self.0)
    }
}

impl<'de> Deserialize<'de> for LabelMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LabelMapVisitor;
        impl<'de> Visitor<'de> for LabelMapVisitor {
            type Value = LabelMap;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of labels or an empty array")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<LabelMap, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = a.next_entry::<String, String>()? {
                    out.push((k, v));
                }
                Ok(LabelMap(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<LabelMap, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(LabelMap(Vec::new()))
            }
        }
        d.deserialize_any(LabelMapVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_types_are_an_empty_array_and_filled_ones_an_object() {
        let e = ActionKindElements {
            key: "Notiz".into(),
            label: "Note".into(),
            types: LabelMap::default(),
            default: String::new(),
            types_by_database_id: None,
        };
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"key":"Notiz","label":"Note","types":[],"default":""}"#
        );
        let back: ActionKindElements = serde_json::from_str(&json).unwrap_or_else(|_| e.clone());
        assert_eq!(back, e);
        let filled = LabelMap(vec![("bestellt".into(), "ordered".into())]);
        assert_eq!(
            serde_json::to_string(&filled).unwrap_or_default(),
            r#"{"bestellt":"ordered"}"#
        );
    }

    #[test]
    fn params_reject_wrong_types_with_the_vendor_codes() {
        let map: Map<String, Value> = serde_json::from_str(r#"{"lang":5}"#).unwrap_or_default();
        assert_eq!(
            GetParams::parse(Params(&map)).map_err(|e| e.code.code()),
            Err(227)
        );
        let map: Map<String, Value> = serde_json::from_str(r#"{"lang":"XXX"}"#).unwrap_or_default();
        assert_eq!(
            GetParams::parse(Params(&map)).map_err(|e| e.code.code()),
            Err(160)
        );
        let map: Map<String, Value> = serde_json::from_str(
            r#"{"lang":"eng","allowAutomaticTypesForActionKind":["Email"],"listlimit":5}"#,
        )
        .unwrap_or_default();
        let p = GetParams::parse(Params(&map));
        assert_eq!(
            p,
            Ok(GetParams {
                lang: Some(Language::ENG),
                allow_automatic_types_for: vec!["Email".into()]
            })
        );
    }
}
