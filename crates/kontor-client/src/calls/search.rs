//! `get search`: the quick search of addresses or estates (ranked, typo-tolerant).

use kontor_proto::calls::search::{GetParams, RESOURCE_TYPE};
use kontor_proto::ActionVerb;

use super::Call;

/// `get search` over addresses: names, company, customer number and main e-mail address.
///
/// ```
/// use kontor_client::{calls, Action};
///
/// let action: Action = calls::search::addresses("Muster").with_contact_data().into();
/// assert_eq!(action.resourceid(), "address");
/// assert_eq!(action.parameters()["input"], "Muster");
/// ```
pub fn addresses(input: impl Into<String>) -> Search {
    search("address", input)
}

/// `get search` over estates: external number, street, postcode, city and title.
///
/// ```
/// use kontor_client::{calls, Action};
///
/// let action: Action = calls::search::estates("Aachen").limit(5).into();
/// assert_eq!(action.resourceid(), "estate");
/// assert_eq!(action.parameters()["listlimit"], 5);
/// ```
pub fn estates(input: impl Into<String>) -> Search {
    search("estate", input)
}

fn search(module: &str, input: impl Into<String>) -> Search {
    let params = GetParams {
        input: Some(input.into()),
        ..GetParams::default()
    };
    Call::new(ActionVerb::Get, RESOURCE_TYPE, params).on(module)
}

/// `get search`, with the parameters the server parses.
pub type Search = Call<GetParams>;

impl Call<GetParams> {
    /// Addresses: every e-mail address and phone number is searched too.
    pub fn with_contact_data(mut self) -> Self {
        self.params_mut().includecontactdata = true;
        self
    }

    /// Hits per answer (`listlimit`).
    pub fn limit(mut self, limit: u32) -> Self {
        self.params_mut().listlimit = Some(limit);
        self
    }

    /// The first hit to answer (`listoffset`).
    pub fn offset(mut self, offset: u64) -> Self {
        self.params_mut().listoffset = Some(offset);
        self
    }

    /// Sorted by a field instead of by rank, `ASC` or `DESC`.
    pub fn sort(mut self, field: impl Into<String>, descending: bool) -> Self {
        self.params_mut().sortby = Some(field.into());
        self.params_mut().sortorder = Some(if descending { "DESC" } else { "ASC" }.into());
        self
    }

    /// Estates: only those a saved filter keeps.
    pub fn filter_id(mut self, id: i64) -> Self {
        self.params_mut().filter_id = Some(id);
        self
    }
}
