//! Parameters described by serde derives, and the lenient readers their fields use.
//!
//! A struct of plain named values gets [`CallParams`](super::CallParams) by implementing the
//! empty [`SerdeParams`](super::SerdeParams); its fields read numbers and flags the way PHP
//! clients send them (`"12"` for 12, `"1"` or `"true"` for true) through [`lenient`].

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::params::Params;
use crate::{ApiError, ErrorCode};

/// The wire form of typed parameters.
pub fn to_parameters<T: Serialize>(params: &T) -> Map<String, Value> {
    match serde_json::to_value(params) {
        Ok(Value::Object(map)) => map,
        // Parameter structs are structs of plain values and always serialise to objects.
        _ => Map::new(),
    }
}

/// Typed parameters from an action's `parameters`; unknown names are ignored, a value of
/// the wrong type is error 20 naming the parameter.
pub fn parse<T: DeserializeOwned>(params: Params<'_>) -> Result<T, ApiError> {
    // Deserialising from a borrowed map (not a cloned Value) keeps big `data` objects of
    // writes from being copied twice.
    T::deserialize(serde::de::value::MapDeserializer::new(
        params.0.iter().map(|(k, v)| (k.as_str(), v)),
    ))
    .map_err(|e: serde_json::Error| {
        ApiError::with_detail(ErrorCode::InvalidParameters, e.to_string())
    })
}

/// `skip_serializing_if` helper.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// Field readers for `#[serde(deserialize_with = …)]` that accept what PHP clients send.
pub mod lenient {
    use serde::de::{Deserialize, Deserializer, Error};
    use serde_json::Value;

    fn int_of(value: &Value) -> Option<i64> {
        match value {
            Value::Number(n) => n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                    .map(|f| f as i64)
            }),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A whole number, or a string holding one.
    pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        let value = Value::deserialize(d)?;
        int_of(&value)
            .ok_or_else(|| D::Error::custom(format!("expected a whole number, got {value}")))
    }

    /// [`int`], where null or `""` is absent.
    pub fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            Value::String(s) if s.trim().is_empty() => Ok(None),
            value => int_of(&value)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("expected a whole number, got {value}"))),
        }
    }

    /// [`opt_int`], at least 0 and at most `u32::MAX`.
    pub fn opt_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        opt_count(d)
    }

    /// [`opt_int`], at least 0.
    pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        opt_count(d)
    }

    fn opt_count<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
        match opt_int(d)? {
            None => Ok(None),
            Some(n) => T::try_from(n)
                .map(Some)
                .map_err(|_| D::Error::custom(format!("expected a count from 0, got {n}"))),
        }
    }

    /// A list of whole numbers (each may be a string); one number alone is a list of one.
    pub fn int_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
        let bad =
            |v: &Value| D::Error::custom(format!("expected a list of whole numbers, got {v}"));
        match Value::deserialize(d)? {
            Value::Null => Ok(Vec::new()),
            Value::Array(items) => items
                .iter()
                .map(|v| int_of(v).ok_or_else(|| bad(v)))
                .collect(),
            value => int_of(&value).map(|n| vec![n]).ok_or_else(|| bad(&value)),
        }
    }

    /// `true`/`false`, `1`/`0`, or those as strings; null and `""` are false.
    pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        let value = Value::deserialize(d)?;
        super::super::params::flag_value(&value)
            .ok_or_else(|| D::Error::custom(format!("expected true or false, got {value}")))
    }
}
