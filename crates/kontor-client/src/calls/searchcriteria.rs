//! `get searchcriterias`: the search criteria of addresses, by criterion id or by filter;
//! `get searchCriteriaFields`: their fields.

use kontor_proto::calls::searchcriteria::{
    FieldsParams, GetParams, Mode, FIELDS_RESOURCE_TYPE, GET_RESOURCE_TYPE,
};
use serde_json::{Map, Value};

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
    get(Mode::Internal, ids)
}

/// Search criteria by their own ids.
pub fn by_id(ids: impl IntoIterator<Item = i64>) -> Get {
    get(Mode::SearchCriteria, ids)
}

/// The search criteria matching `filter` (on the `_meta` names), sorted by `sortby`.
pub fn by_filter(filter: Map<String, Value>, sortby: &str, descending: bool) -> Get {
    Call::new(
        ActionVerb::Get,
        GET_RESOURCE_TYPE,
        GetParams::by_filter(filter, sortby, descending),
    )
}

/// The fields of search criteria, labelled in `language` (`ENG`), with the labels of the
/// range ends when `translations` is set.
pub fn fields(language: Option<&str>, translations: bool) -> Fields {
    let params = FieldsParams {
        language: language.map(str::to_string),
        additional_translations: translations,
    };
    Call::new(ActionVerb::Get, FIELDS_RESOURCE_TYPE, params)
}

fn get(mode: Mode, ids: impl IntoIterator<Item = i64>) -> Get {
    let params = GetParams {
        mode: mode.as_str().into(),
        ids: ids.into_iter().map(Value::from).collect(),
        ..GetParams::default()
    };
    Call::new(ActionVerb::Get, GET_RESOURCE_TYPE, params)
}

/// `get searchcriterias`, with the parameters the server parses.
pub type Get = Call<GetParams>;

/// `get searchCriteriaFields`.
pub type Fields = Call<FieldsParams>;
