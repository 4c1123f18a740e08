//! Relations between records: `get idsfromrelation`, `create relation`, `modify relation`,
//! `delete relation`. The relation types themselves are [`super::relation_types`].
//!
//! ```json
//! {"relationtype":"urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:owner","parentids":[12]}
//! ```
//! answers `{"id":"relatedIds","type":"","elements":{"12":["301","302"]}}`.

use serde::de::{Deserializer, Error};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::SerdeParams;
use super::serde_params;

pub const GET_RESOURCE_TYPE: &str = "idsfromrelation";
pub const RESOURCE_TYPE: &str = "relation";
/// The common prefix of relation types.
pub const RELATION_URN_PREFIX: &str = "urn:onoffice-de-ns:smart:2.5:relationTypes:";

/// `get idsfromrelation`: the children of `parentids`, or the parents of `childids`.
/// Absent and empty are told apart: a client with no ids to ask about gets an empty answer,
/// one that names neither list an error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetParams {
    /// Absent is "no relation given" (132), not a malformed request.
    #[serde(default)]
    pub relationtype: String,
    #[serde(
        default,
        deserialize_with = "opt_ids",
        skip_serializing_if = "Option::is_none",
        alias = "parentIds"
    )]
    pub parentids: Option<Vec<i64>>,
    #[serde(
        default,
        deserialize_with = "opt_ids",
        skip_serializing_if = "Option::is_none",
        alias = "childIds"
    )]
    pub childids: Option<Vec<i64>>,
}

/// `create relation`, `modify relation` and `delete relation`: `parentid` and `childid`
/// each one id or a list (the docs type them ARRAY on create and INTEGER on delete, and
/// their examples send both).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WriteParams {
    #[serde(default)]
    pub relationtype: String,
    #[serde(default, deserialize_with = "serde_params::lenient::int_list")]
    pub parentid: Vec<i64>,
    #[serde(default, deserialize_with = "serde_params::lenient::int_list")]
    pub childid: Vec<i64>,
    /// `statusTerminbestaetigung` / `statusTerminrueckmeldung` on `calendar:address`
    /// ([`super::relation_types::RelationInfo`]). An object; the docs type it STRING, so a
    /// string holding the object's JSON is read too.
    #[serde(
        default,
        deserialize_with = "opt_object",
        skip_serializing_if = "Option::is_none"
    )]
    pub relationinfo: Option<Map<String, Value>>,
}

impl SerdeParams for GetParams {}

impl SerdeParams for WriteParams {}

/// [`serde_params::lenient::int_list`], where null is absent.
fn opt_ids<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<i64>>, D::Error> {
    let value = Value::deserialize(d)?;
    if value.is_null() {
        return Ok(None);
    }
    serde_params::lenient::int_list(value)
        .map(Some)
        .map_err(D::Error::custom)
}

/// An object, or a string holding one (`"{\"statusTerminbestaetigung\":\"gesendet\"}"`);
/// null, `""` and `[]` (PHP's empty array) are absent.
fn opt_object<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Map<String, Value>>, D::Error> {
    let bad = |v: &Value| D::Error::custom(format!("relationinfo must be an object, got {v}"));
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Array(items) if items.is_empty() => Ok(None),
        Value::Object(map) => Ok(Some(map)),
        Value::String(text) if text.trim().is_empty() => Ok(None),
        Value::String(text) => match serde_json::from_str(&text) {
            Ok(Value::Object(map)) => Ok(Some(map)),
            _ => Err(bad(&Value::String(text))),
        },
        other => Err(bad(&other)),
    }
}

/// The full URN of a short relation type (`estate:address:owner`).
pub fn relation_type(short: &str) -> String {
    if short.starts_with("urn:") {
        short.to_string()
    } else {
        format!("{RELATION_URN_PREFIX}{short}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::{CallParams, Params};
    use serde_json::json;

    fn parse<P: CallParams>(v: Value) -> Result<P, crate::ApiError> {
        P::parse(Params(v.as_object().unwrap_or(&Map::new())))
    }

    #[test]
    fn ids_absent_empty_scalar_or_strings() -> Result<(), crate::ApiError> {
        let p: GetParams = parse(json!({"relationtype": "x", "parentIds": ["12", 13]}))?;
        assert_eq!((p.parentids, p.childids), (Some(vec![12, 13]), None));
        let p: GetParams = parse(json!({"relationtype": "x", "parentids": 5, "childids": []}))?;
        assert_eq!((p.parentids, p.childids), (Some(vec![5]), Some(vec![])));
        let p: GetParams = parse(json!({"relationtype": "x", "childids": null}))?;
        assert_eq!((p.parentids, p.childids), (None, None));
        assert!(parse::<GetParams>(json!({"relationtype": "x", "parentids": ["a"]})).is_err());
        Ok(())
    }

    #[test]
    fn relationinfo_as_object_or_json_text() -> Result<(), crate::ApiError> {
        let want = json!({"statusTerminbestaetigung": "gesendet"});
        for info in [want.clone(), Value::String(want.to_string())] {
            let p: WriteParams = parse(json!({"relationtype": "x", "parentid": 1,
                "childid": [2], "relationinfo": info}))?;
            assert_eq!(p.relationinfo.map(Value::Object), Some(want.clone()));
        }
        let p: WriteParams = parse(json!({"relationtype": "x", "relationinfo": []}))?;
        assert_eq!(p.relationinfo, None);
        assert!(parse::<WriteParams>(json!({"relationtype": "x", "relationinfo": 3})).is_err());
        assert!(parse::<WriteParams>(json!({"relationtype": "x", "relationinfo": "[1]"})).is_err());
        Ok(())
    }
}
