//! `get searchcriterias`: the search criteria of addresses, or by criterion id.

use kontor_proto::calls::searchcriteria::{GetParams, GET_RESOURCE_TYPE};
use serde_json::Value;

use crate::{Action, ActionVerb};

/// The search criteria of these addresses.
///
/// ```
/// use kontor_client::{calls::searchcriteria, Action};
///
/// let a: Action = searchcriteria::of_addresses([301, 302]).into();
/// assert_eq!(a.parameters()["mode"], "internal");
/// ```
pub fn of_addresses(ids: impl IntoIterator<Item = i64>) -> Get {
    Get(GetParams {
        mode: "internal".into(),
        ids: ids.into_iter().map(Value::from).collect(),
        ..GetParams::default()
    })
}

/// Search criteria by their own ids.
pub fn by_id(ids: impl IntoIterator<Item = i64>) -> Get {
    Get(GetParams {
        mode: "searchcriteria".into(),
        ids: ids.into_iter().map(Value::from).collect(),
        ..GetParams::default()
    })
}

#[derive(Debug, Clone)]
pub struct Get(pub GetParams);

impl From<Get> for Action {
    fn from(get: Get) -> Action {
        Action::new(ActionVerb::Get, GET_RESOURCE_TYPE).with_parameters(get.0.to_parameters())
    }
}
