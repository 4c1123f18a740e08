//! `relation`: linking records (`create`, `modify`, `delete`); reading links is
//! `get idsfromrelation` (`handlers/idsfromrelation`). What the four calls share lives
//! here: the relation type of a request, its modules, and the checks of its ids.
//!
//! Checks run from the request itself outwards, and nothing is written until all passed:
//! the type (132), whether it allows the call, the ids (n:n, a record with itself),
//! `relationinfo`, then whether Kontor serves both modules (199), then, in the store's write
//! job, whether the records exist in the tenant and a child's one parent.

pub(crate) mod create;
pub(crate) mod delete;
pub(crate) mod modify;

use kontor_proto::calls::params::Params;
use kontor_proto::calls::relation::WriteParams;
use kontor_proto::calls::relation_types::{RelationInfo, RelationType};
use kontor_proto::calls::CallParams;
use kontor_proto::{ActionVerb, ApiError, ErrorCode};
use kontor_store::records::RelationKind;
use kontor_store::Module;
use serde_json::{Map, Value};

use crate::handlers::Ctx;

/// A relation type as a request names it, with the two modules it joins as served.
#[derive(Debug)]
pub(crate) struct Relation {
    pub ty: &'static RelationType,
    pub parent: Module,
    pub child: Module,
}

impl Relation {
    /// The kind its links are stored under.
    pub(crate) fn kind(&self) -> Result<RelationKind, ApiError> {
        stored_kind(self.ty.stored_kind())
    }
}

fn stored_kind(name: &str) -> Result<RelationKind, ApiError> {
    // The names come from the table of types, which a unit test checks; a failure here
    // is Kontor's, not the caller's.
    RelationKind::parse(name).map_err(|e| {
        tracing::error!(error = %e, "relation table");
        ApiError::new(ErrorCode::UnknownErrorOccurred)
    })
}

/// The kinds a read of `ty` answers from.
pub(crate) fn read_kinds(ty: &RelationType) -> Result<Vec<RelationKind>, ApiError> {
    ty.read_kinds().into_iter().map(stored_kind).collect()
}

/// The type named by `urn`, allowing `verb`; unknown types are 132, as on the real API.
pub(crate) fn relation_type(
    urn: &str,
    verb: ActionVerb,
) -> Result<&'static RelationType, ApiError> {
    let unknown = ApiError::new(ErrorCode::NoOrUnknownRelationGiven);
    let ty = match RelationType::by_urn(urn) {
        Some(ty) => ty,
        None if urn.trim().is_empty() => {
            return Err(unknown.hint(
                "give relationtype, e.g. urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:owner",
            ))
        }
        None => {
            let hint = match kontor_proto::calls::relation_types::suggestion(urn) {
                Some(right) => format!("{urn}: did you mean {right}?"),
                None => format!("{urn} is not a relation type"),
            };
            return Err(unknown.hint(hint));
        }
    };
    let (allowed, code) = match verb {
        ActionVerb::Get | ActionVerb::Read => (ty.ops.read, ErrorCode::NoOrUnknownRelationGiven),
        ActionVerb::Create => (ty.ops.create, ErrorCode::NoOrUnknownRelationGiven),
        ActionVerb::Modify => (ty.ops.modify, ErrorCode::CouldNotModifyRelationRelationIs),
        _ => (ty.ops.delete, ErrorCode::EntryCouldNotBeDeleted),
    };
    if !allowed {
        let what = match verb {
            ActionVerb::Create => "created",
            ActionVerb::Modify => "modified",
            ActionVerb::Delete => "deleted",
            _ => "read",
        };
        let hint = if verb == ActionVerb::Modify && ty.ops.create {
            format!(
                "{} has nothing to modify: delete it and create it again",
                ty.name
            )
        } else {
            format!("{} can be read but not {what} through the API", ty.name)
        };
        return Err(ApiError::new(code).hint(hint));
    }
    Ok(ty)
}

/// The modules of `ty` as this server serves them. A type whose module Kontor does not
/// serve (yet) is error 199 naming the module, not an empty answer that looks like "no
/// links".
pub(crate) fn served(ctx: &Ctx<'_>, ty: &'static RelationType) -> Result<Relation, ApiError> {
    let module = |name: &str| {
        ctx.modules.get(name).map(|m| m.module).ok_or_else(|| {
            ApiError::new(ErrorCode::NotImplemented).hint(format!(
                "{} joins {} and {}; Kontor does not serve the module {name} yet",
                ty.name, ty.parent, ty.child
            ))
        })
    };
    Ok(Relation {
        ty,
        parent: module(ty.parent)?,
        child: module(ty.child)?,
    })
}

/// A write's parameters, checked up to the store: its type (allowing `verb`), its ids and
/// its `relationinfo` (ignored by delete).
#[derive(Debug)]
pub(crate) struct Write {
    pub ty: &'static RelationType,
    pub parents: Vec<i64>,
    pub children: Vec<i64>,
    pub info: Option<RelationInfo>,
}

pub(crate) fn write_params(params: Params<'_>, verb: ActionVerb) -> Result<Write, ApiError> {
    let params = WriteParams::parse(params)?;
    let ty = relation_type(&params.relationtype, verb)?;
    let (parents, children) = ends(&params, ty)?;
    let info = match verb {
        ActionVerb::Delete => None,
        ActionVerb::Modify => relation_info(
            ty,
            params.relationinfo.as_ref(),
            ErrorCode::CouldNotModifyRelationInvalidRelationinfos,
        )?,
        _ => relation_info(
            ty,
            params.relationinfo.as_ref(),
            ErrorCode::CouldNotCreateRelationCauseOf,
        )?,
    };
    Ok(Write {
        ty,
        parents,
        children,
        info,
    })
}

/// A change to a link that does not exist: `code` naming the two records.
pub(crate) fn not_related(code: ErrorCode, ty: &RelationType, parent: i64, child: i64) -> ApiError {
    ApiError::new(code).hint(format!(
        "{} {parent} and {} {child} are not related in {}",
        ty.parent, ty.child, ty.name
    ))
}

/// The ids of a write, each list without repeats (first mention kept). Several parents
/// and several children at once is n:n, which the API does not allow (219); a one-parent
/// type takes one parent per call.
fn ends(params: &WriteParams, ty: &RelationType) -> Result<(Vec<i64>, Vec<i64>), ApiError> {
    let parents = distinct(&params.parentid);
    let children = distinct(&params.childid);
    for (name, ids) in [("parentid", &parents), ("childid", &children)] {
        if ids.is_empty() {
            return Err(ApiError::with_detail(ErrorCode::MissingParameter, name));
        }
    }
    if parents.len() > 1 && children.len() > 1 {
        return Err(ApiError::new(ErrorCode::NNRelationsAreNotAllowed).hint(format!(
            "{} parentids and {} childids: give one parentid with several childids, or one childid with several parentids",
            parents.len(),
            children.len()
        )));
    }
    if ty.parent == ty.child {
        if let Some(id) = parents.iter().find(|id| children.contains(id)) {
            return Err(
                ApiError::with_detail(ErrorCode::InvalidValueForParameter, "childid").hint(
                    format!(
                        "{} {id} cannot be related to itself in {}",
                        ty.child, ty.name
                    ),
                ),
            );
        }
    }
    if ty.cardinality == kontor_proto::calls::relation_types::Cardinality::OneParent
        && parents.len() > 1
    {
        return Err(
            ApiError::with_detail(ErrorCode::InvalidValueForParameter, "parentid").hint(format!(
                "a {} has one parent in {}: give one parentid",
                ty.child, ty.name
            )),
        );
    }
    Ok((parents, children))
}

/// `ids` without repeats, in the order of their first mention.
pub(crate) fn distinct(ids: &[i64]) -> Vec<i64> {
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

/// A write's `relationinfo`, checked against its type; `invalid` is the code of the call
/// (179 on create, 181 on modify). An empty object is no info.
fn relation_info(
    ty: &RelationType,
    info: Option<&Map<String, Value>>,
    invalid: ErrorCode,
) -> Result<Option<RelationInfo>, ApiError> {
    let Some(info) = info.filter(|i| !i.is_empty()) else {
        return Ok(None);
    };
    if !ty.info {
        return Err(ApiError::new(invalid).hint(format!(
            "{} takes no relationinfo; only calendar:address does",
            ty.name
        )));
    }
    RelationInfo::parse(info)
        .map(Some)
        .map_err(|e| ApiError::new(invalid).hint(e))
}

/// The error for a record of a link that does not exist in the tenant: the module's own
/// "unknown record" code, naming the parameter and the id.
pub(crate) fn unknown_record(module: Module, side: &str, id: i64) -> ApiError {
    ApiError::new(module.unknown_record).hint(format!("{side} {id}: there is no {module} {id}"))
}

/// The answer of a relation write: `{"id":0,"type":"relation","elements":{"success":"success"}}`,
/// as the record writes answer (the docs show only "success").
pub(crate) fn written() -> kontor_proto::Data {
    kontor_proto::Data::uncounted(vec![kontor_proto::Record::new(
        kontor_proto::RecordId::Int(0),
        Some(kontor_proto::calls::relation::RESOURCE_TYPE),
        &crate::handlers::success(),
    )])
}
