//! Relations: which records are linked to which (`get idsfromrelation`), and linking them.

use kontor_proto::calls::relation::{
    relation_type, GetParams, WriteParams, GET_RESOURCE_TYPE, RESOURCE_TYPE,
};

use crate::{Action, ActionVerb};

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
    Get(GetParams {
        relationtype: relation_type(kind),
        parentids: parents.into_iter().collect(),
        childids: Vec::new(),
    })
}

/// The parents of `children` in relation `kind`.
pub fn parents(kind: &str, children: impl IntoIterator<Item = i64>) -> Get {
    Get(GetParams {
        relationtype: relation_type(kind),
        parentids: Vec::new(),
        childids: children.into_iter().collect(),
    })
}

/// Links `parent` to `children` (`create relation`).
pub fn create(kind: &str, parent: i64, children: impl IntoIterator<Item = i64>) -> Write {
    Write(
        ActionVerb::Create,
        WriteParams {
            relationtype: relation_type(kind),
            parentid: vec![parent],
            childid: children.into_iter().collect(),
            relationinfo: None,
        },
    )
}

/// Removes the link between `parent` and `child` (`delete relation`).
pub fn delete(kind: &str, parent: i64, child: i64) -> Write {
    Write(
        ActionVerb::Delete,
        WriteParams {
            relationtype: relation_type(kind),
            parentid: vec![parent],
            childid: vec![child],
            relationinfo: None,
        },
    )
}

#[derive(Debug, Clone)]
pub struct Get(pub GetParams);

#[derive(Debug, Clone)]
pub struct Write(ActionVerb, pub WriteParams);

impl From<Get> for Action {
    fn from(get: Get) -> Action {
        Action::new(ActionVerb::Get, GET_RESOURCE_TYPE).with_parameters(get.0.to_parameters())
    }
}

impl From<Write> for Action {
    fn from(write: Write) -> Action {
        Action::new(write.0, RESOURCE_TYPE).with_parameters(write.1.to_parameters())
    }
}
