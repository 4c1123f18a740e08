//! Relations: which records are linked to which (`get idsfromrelation`), and linking them.

use kontor_proto::calls::relation::{
    relation_type, GetParams, WriteParams, GET_RESOURCE_TYPE, RESOURCE_TYPE,
};

use super::Call;
use crate::ActionVerb;

/// The children of `parents` in relation `kind` (`estate:address:owner` or a full URN).
///
/// ```
/// use kontor_client::{calls::relation, Action};
///
/// let owners: Action = relation::children("estate:address:owner", [12, 13]).into();
/// assert_eq!(
///     owners.parameters()["relationtype"],
///     "urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:owner"
/// );
/// assert_eq!(owners.parameters()["parentids"][1], 13);
/// ```
pub fn children(kind: &str, parents: impl IntoIterator<Item = i64>) -> Get {
    let params = GetParams {
        relationtype: relation_type(kind),
        parentids: Some(parents.into_iter().collect()),
        childids: None,
    };
    Call::new(ActionVerb::Get, GET_RESOURCE_TYPE, params)
}

/// The parents of `children` in relation `kind`.
pub fn parents(kind: &str, children: impl IntoIterator<Item = i64>) -> Get {
    let params = GetParams {
        relationtype: relation_type(kind),
        parentids: None,
        childids: Some(children.into_iter().collect()),
    };
    Call::new(ActionVerb::Get, GET_RESOURCE_TYPE, params)
}

/// Links `parent` to `children` (`create relation`).
pub fn create(kind: &str, parent: i64, children: impl IntoIterator<Item = i64>) -> Write {
    Call::new(
        ActionVerb::Create,
        RESOURCE_TYPE,
        WriteParams {
            relationtype: relation_type(kind),
            parentid: vec![parent],
            childid: children.into_iter().collect(),
            relationinfo: None,
        },
    )
}

/// Sets the `relationinfo` of existing links (`modify relation`; only `calendar:address`
/// takes one: `statusTerminbestaetigung`, `statusTerminrueckmeldung`).
pub fn modify(
    kind: &str,
    parent: i64,
    children: impl IntoIterator<Item = i64>,
    info: serde_json::Map<String, serde_json::Value>,
) -> Write {
    Call::new(
        ActionVerb::Modify,
        RESOURCE_TYPE,
        WriteParams {
            relationtype: relation_type(kind),
            parentid: vec![parent],
            childid: children.into_iter().collect(),
            relationinfo: Some(info),
        },
    )
}

/// Removes the link between `parent` and `child` (`delete relation`).
pub fn delete(kind: &str, parent: i64, child: i64) -> Write {
    Call::new(
        ActionVerb::Delete,
        RESOURCE_TYPE,
        WriteParams {
            relationtype: relation_type(kind),
            parentid: vec![parent],
            childid: vec![child],
            relationinfo: None,
        },
    )
}

/// `get idsfromrelation`, with the parameters the server parses.
pub type Get = Call<GetParams>;

/// `create relation`, `modify relation` or `delete relation`, with the parameters the server parses.
pub type Write = Call<WriteParams>;
