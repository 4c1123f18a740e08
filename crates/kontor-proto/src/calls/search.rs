//! `get search`: the quick search of one module, chosen by `resourceid` (`address`,
//! `estate`; `searchcriteria` is a search of its own).
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get","resourceid":"address",
//!  "resourcetype":"search","parameters":{"input":"Max Mustermann"}}
//! ```

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::params::SerdeParams;
use super::serde_params::{self, is_false};

pub const RESOURCE_TYPE: &str = "search";

/// The parameters of an address or estate search (each reads the ones the docs give it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetParams {
    /// The search string: terms combined with AND. A number is taken as its digits
    /// (customer numbers are sent as numbers by some clients).
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub input: Option<String>,
    /// Addresses: every e-mail address and phone number is searched too.
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::flag",
        skip_serializing_if = "is_false"
    )]
    pub includecontactdata: bool,
    /// Addresses: letter case must match.
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::flag",
        skip_serializing_if = "is_false"
    )]
    pub casesensitive: bool,
    /// Addresses: only these fields are searched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub searchparameter: Vec<String>,
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::opt_u32",
        skip_serializing_if = "Option::is_none"
    )]
    pub listlimit: Option<u32>,
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub listoffset: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sortby: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sortorder: Option<String>,
    /// Estates: a saved filter narrowing the search.
    #[serde(
        default,
        rename = "filterId",
        deserialize_with = "serde_params::lenient::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub filter_id: Option<i64>,
    /// Estates: filter conditions narrowing the search (as `read estate` takes them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<Value>,
    /// Estates: `small` or `medium` adds a thumbnail link.
    #[serde(
        default,
        rename = "includeThumbnail",
        skip_serializing_if = "Option::is_none"
    )]
    pub include_thumbnail: Option<String>,
}

impl SerdeParams for GetParams {}

/// A text, or a number as its decimal form; null is absent.
fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        other => Err(serde::de::Error::custom(format!(
            "expected a search string, got {other}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::calls::{CallParams, Params};

    #[test]
    fn php_clients_values_are_read() -> Result<(), crate::ApiError> {
        let map = json!({"input": 132, "includecontactdata": "1", "listlimit": "5",
                         "filterId": "3", "searchparameter": ["Name"]});
        let serde_json::Value::Object(map) = map else {
            return Ok(());
        };
        let p = GetParams::parse(Params(&map))?;
        assert_eq!(p.input.as_deref(), Some("132"));
        assert!(p.includecontactdata);
        assert_eq!(p.listlimit, Some(5));
        assert_eq!(p.filter_id, Some(3));
        assert_eq!(GetParams::parse(Params(&p.to_parameters()))?, p);
        Ok(())
    }
}
