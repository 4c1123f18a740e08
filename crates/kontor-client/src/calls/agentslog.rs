//! `read` and `create agentslog`: the agents log (activities).

use kontor_proto::calls::agentslog::{CreateParams, RESOURCE_TYPE};

use super::Call;
use crate::{Action, ActionVerb};

/// A new entry of kind `actionkind` (German key, see `get actionkindtypes`).
///
/// ```
/// use kontor_client::{calls::agentslog, Action};
///
/// let entry: Action = agentslog::create("Telefonat")
///     .action_type("Ausgang")
///     .note("Called about the viewing")
///     .addresses([301])
///     .into();
/// assert_eq!(entry.parameters()["actionkind"], "Telefonat");
/// assert_eq!(entry.parameters()["addressids"][0], 301);
/// ```
pub fn create(actionkind: impl Into<String>) -> Create {
    let params = CreateParams {
        actionkind: actionkind.into(),
        ..CreateParams::default()
    };
    Call::new(ActionVerb::Create, RESOURCE_TYPE, params)
}

/// `read agentslog` for these fields (`Aktionsart`, `Datum`, `Bemerkung`, …), newest first.
pub fn read<I, S>(fields: I) -> Action
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let fields: Vec<serde_json::Value> = fields
        .into_iter()
        .map(|f| serde_json::Value::String(f.into()))
        .collect();
    Action::new(ActionVerb::Read, RESOURCE_TYPE).param("data", fields)
}

/// `create agentslog`, with the parameters the server parses.
pub type Create = Call<CreateParams>;

impl Call<CreateParams> {
    pub fn action_type(mut self, actiontype: impl Into<String>) -> Self {
        self.params_mut().actiontype = Some(actiontype.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.params_mut().note = Some(note.into());
        self
    }

    /// One entry is created per address.
    pub fn addresses(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
        self.params_mut().addressids = ids.into_iter().collect();
        self
    }

    pub fn estate(mut self, id: i64) -> Self {
        self.params_mut().estateid = Some(id);
        self
    }

    /// `Y-m-d H:i:s`; the server's now when not set.
    pub fn at(mut self, datetime: impl Into<String>) -> Self {
        self.params_mut().datetime = Some(datetime.into());
        self
    }
}
