//! Parameters described by serde derives: one `to_parameters` and one `parse` for all the
//! calls whose parameters are plain named values (relations, agents log, tasks, …).

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
    serde_json::from_value(Value::Object(params.0.clone()))
        .map_err(|e| ApiError::with_detail(ErrorCode::InvalidParameters, e.to_string()))
}

/// `skip_serializing_if` helper.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
