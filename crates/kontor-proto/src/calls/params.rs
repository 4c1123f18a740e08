//! Reading typed values out of an action's `parameters`, with the vendor's error codes for
//! wrong types. Unknown parameters are ignored on purpose: real clients send extras
//! (`listlimit` on gets, `extendedclaim`, `showfielddependencies`).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::{ApiError, ErrorCode, Language};

/// The typed parameters of a call: parsed from an action by the server, written into one by
/// the SDK, so that the two cannot drift apart.
pub trait CallParams: Sized {
    fn parse(params: Params<'_>) -> Result<Self, ApiError>;
    /// The wire form.
    fn to_parameters(&self) -> Map<String, Value>;
}

/// Parameters that are plain named values, described by serde derives: implementing this
/// empty trait gives them [`CallParams`] (fields that PHP clients send as strings read
/// through [`super::serde_params::lenient`]).
pub trait SerdeParams: Serialize + DeserializeOwned {}

impl<T: SerdeParams> CallParams for T {
    fn parse(params: Params<'_>) -> Result<Self, ApiError> {
        super::serde_params::parse(params)
    }

    fn to_parameters(&self) -> Map<String, Value> {
        super::serde_params::to_parameters(self)
    }
}

/// The parameters of one action.
#[derive(Debug, Clone, Copy)]
pub struct Params<'a>(pub &'a Map<String, Value>);

impl<'a> Params<'a> {
    /// A string parameter; null counts as absent.
    pub fn opt_str(&self, name: &str) -> Result<Option<&'a str>, ApiError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(ApiError::with_detail(ErrorCode::ExpectedString, name)),
        }
    }

    /// A list of strings. A single string is taken as a list of one, as PHP clients that
    /// build parameters by hand sometimes send it.
    pub fn str_list(&self, name: &str) -> Result<Vec<&'a str>, ApiError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::String(s)) => Ok(vec![s.as_str()]),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| {
                    v.as_str()
                        .ok_or_else(|| ApiError::with_detail(ErrorCode::ExpectedString, name))
                })
                .collect(),
            Some(_) => Err(ApiError::with_detail(
                ErrorCode::ExpectedArray,
                format!("{name} must be a list of strings"),
            )),
        }
    }

    /// A flag: `true`/`false`, `1`/`0`, or those as strings (PHP clients send all four);
    /// absent, null and `""` are false.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.0.get(name) {
            None => Ok(false),
            Some(value) => flag_value(value).ok_or_else(|| {
                ApiError::with_detail(ErrorCode::InvalidValueForParameter, name)
                    .hint("use true or false")
            }),
        }
    }

    /// A language parameter (`lang`, `language`, `outputlanguage`).
    pub fn opt_language(&self, name: &str) -> Result<Option<Language>, ApiError> {
        match self.opt_str(name)? {
            None | Some("") => Ok(None),
            Some(code) => Language::parse(code)
                .map(Some)
                .ok_or_else(|| ApiError::with_detail(ErrorCode::InvalidLanguage, code)),
        }
    }
}

/// A flag's value, as [`Params::flag`] reads it; `None` when it is not one.
pub(crate) fn flag_value(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Null => Some(false),
        Value::Number(n) => match n.as_i64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        Value::String(s) if matches!(s.as_str(), "" | "0" | "false") => Some(false),
        Value::String(s) if matches!(s.as_str(), "1" | "true") => Some(true),
        _ => None,
    }
}
