//! `modify relation`: sets the info of existing links; only `calendar:address` has any (the
//! appointment's confirmation and feedback status of each address).
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:modify","resourcetype":"relation",
//!  "parameters":{"relationtype":"urn:onoffice-de-ns:smart:2.5:relationTypes:calendar:address",
//!   "parentid":[359],"childid":[281],
//!   "relationinfo":{"statusTerminbestaetigung":"gecancelt","statusTerminrueckmeldung":"inaktiv"}}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":0,"type":"relation","elements":{"success":"success"}}]}`
//!
//! Every named link must exist (180 otherwise, and nothing is changed); the keys given
//! replace those the link has, the other one stays.

use kontor_proto::calls::params::Params;
use kontor_proto::{ActionVerb, ApiError, Data, ErrorCode};
use kontor_store::records::LinkChange;
use kontor_store::{RelationStore, Store};
use serde_json::Map;

use super::{not_related, served, write_params, Write};
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
        } = write_params(params, ActionVerb::Modify)?;
        let info =
            info.ok_or_else(|| ApiError::with_detail(ErrorCode::MissingParameter, "relationinfo"))?;
        let relation = served(ctx, ty)?;
        let change = store
            .merge_link_info(
                ctx.tenant,
                &relation.kind()?,
                &parents,
                &children,
                &info.merged_into(Map::new()),
            )
            .await
            .map_err(store_error)?;
        match change {
            LinkChange::Done(_) => Ok(super::written()),
            LinkChange::NoLink { parent, child } => Err(not_related(
                ErrorCode::CouldNotModifyRelationRelationDoes,
                ty,
                parent,
                child,
            )),
        }
    })
}
