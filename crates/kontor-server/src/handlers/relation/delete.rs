//! `delete relation`: removes the link of a parent and a child (or of one parent with
//! several children, or the reverse).
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:delete","resourcetype":"relation",
//!  "parameters":{"relationtype":"urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:owner",
//!   "parentid":12,"childid":301}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":0,"type":"relation","elements":{"success":"success"}}]}`
//!
//! A link that does not exist is error 168 naming it, and then no link of the call is
//! removed.

use kontor_proto::calls::params::Params;
use kontor_proto::{ActionVerb, Data, ErrorCode};
use kontor_store::records::LinkChange;
use kontor_store::{RelationStore, Store};

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
            ..
        } = write_params(params, ActionVerb::Delete)?;
        let relation = served(ctx, ty)?;
        let change = store
            .unlink(ctx.tenant, &relation.kind()?, &parents, &children)
            .await
            .map_err(store_error)?;
        match change {
            LinkChange::Done(_) => Ok(super::written()),
            LinkChange::NoLink { parent, child } => Err(not_related(
                ErrorCode::EntryCouldNotBeDeleted,
                ty,
                parent,
                child,
            )),
        }
    })
}
