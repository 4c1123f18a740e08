//! `create relation`: links one parent to several children, or several parents to one
//! child.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:create","resourcetype":"relation",
//!  "parameters":{"relationtype":"urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:owner",
//!   "parentid":[12],"childid":[301,302]}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":0,"type":"relation","elements":{"success":"success"}}]}`
//!
//! A link that exists already is kept (creating it again is no error); its info is
//! replaced by the new one. Every record must exist in the tenant, and a one-parent type
//! (units of a complex) refuses a child that has another parent; either way nothing of the
//! call is written.

use kontor_proto::calls::params::Params;
use kontor_proto::{ActionVerb, ApiError, Data, ErrorCode};
use kontor_store::records::{Linked, NewLinks, RecordRef};
use kontor_store::{RelationStore, Store};
use serde_json::Map;

use super::{served, unknown_record, write_params, Write};
use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let Write {
            ty,
            parents,
            children,
            info,
        } = write_params(params, ActionVerb::Create)?;
        let relation = served(ctx, ty)?;
        let refs = |module, ids: &[i64]| -> Vec<RecordRef> {
            ids.iter().map(|&id| RecordRef { module, id }).collect()
        };
        let parent_refs = refs(relation.parent, &parents);
        let child_refs = refs(relation.child, &children);
        let info = info.map(|i| i.merged_into(Map::new())).unwrap_or_default();
        let kind = relation.kind()?;
        let linked = store
            .link(
                ctx.tenant,
                NewLinks {
                    kind: &kind,
                    parents: &parent_refs,
                    children: &child_refs,
                    info: &info,
                    one_parent: ty.cardinality
                        == kontor_proto::calls::relation_types::Cardinality::OneParent,
                },
            )
            .await
            .map_err(store_error)?;
        match linked {
            Linked::Made(_) => Ok(super::written()),
            Linked::Missing(missing) => {
                let side = if missing.module == relation.parent && parents.contains(&missing.id) {
                    "parentid"
                } else {
                    "childid"
                };
                Err(unknown_record(missing.module, side, missing.id))
            }
            Linked::HasParent { child, parent } => Err(ApiError::with_detail(
                ErrorCode::InvalidValueForParameter,
                "childid",
            )
            .hint(format!(
                "{} {child} has the parent {parent} in {}; delete that relation first",
                ty.child, ty.name
            ))),
        }
    })
}
