//! `get searchcriterias`: the search criteria of addresses, or by criterion id.

use kontor_proto::calls::searchcriteria::{GetParams, GET_RESOURCE_TYPE};
use serde_json::Value;

use super::Call;
use crate::ActionVerb;

/// The search criteria of these addresses.
///
/// ```
/// use kontor_client::{calls::searchcriteria, Action};
///
/// let a: Action = searchcriteria::of_addresses([301, 302]).into();
/// assert_eq!(a.parameters()["mode"], "internal");
/// ```
pub fn of_addresses(ids: impl IntoIterator<Item = i64>) -> Get {
    get("internal", ids)
}

/// Search criteria by their own ids.
pub fn by_id(ids: impl IntoIterator<Item = i64>) -> Get {
    get("searchcriteria", ids)
}

fn get(mode: &str, ids: impl IntoIterator<Item = i64>) -> Get {
    let params = GetParams {
        mode: mode.into(),
        ids: ids.into_iter().map(Value::from).collect(),
        ..GetParams::default()
    };
    Call::new(ActionVerb::Get, GET_RESOURCE_TYPE, params)
}

/// `get searchcriterias`, with the parameters the server parses.
pub type Get = Call<GetParams>;
