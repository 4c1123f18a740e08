//! `get search`: the quick search. The resource id names the module searched; each has its
//! own parameters and answer (`address.rs`, `estate.rs`).
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get","resourceid":"address",
//!  "resourcetype":"search","parameters":{"input":"Max Mustermann"}}
//! ```
//! → `{"meta":{"cntabsolute":1},"records":[{"id":307,"type":"address","elements":
//!    {"customerno":132,"surname":"Mustermann","firstname":"Max","company":"",
//!     "addressDescription":"Max Mustermann","emailaddress":["p.muster@123.ok"],
//!     "primaryEmail":"p.muster@123.ok"}}]}`
//!
//! ```json
//! {"resourceid":"estate","resourcetype":"search","parameters":{"input":"Musterstrasse"}}
//! ```
//! → `{"meta":{"cntabsolute":1},"records":[{"id":1237,"type":"estate","elements":
//!    {"externalestateno":"PC910","zipcode":"52064","city":"Aachen","street":"Musterstrasse",
//!     "houseno":"12","owner":"Max Mustermann","type":"Haus"}}]}`
//!
//! Matching and ranking are the store's (`kontor_store::search`, docs/storage.md).

use kontor_proto::calls::matching::CriteriaSearchParams;
use kontor_proto::calls::params::Params;
use kontor_proto::calls::search::GetParams;
use kontor_proto::calls::CallParams;
use kontor_proto::{ApiError, Data, ErrorCode};
use kontor_store::Store;

use crate::handlers::Ctx;
use crate::modules::Pending;

/// What a resource id searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Searched {
    Address,
    Estate,
    /// Search criteria that suit given values (`searchdata`): a match of its own
    /// (`criteria.rs`, `crate::matching`), not a quick search over an index.
    SearchCriteria,
}

/// The resource ids `get search` takes.
const SEARCHED: &[(&str, Searched)] = &[
    ("address", Searched::Address),
    ("estate", Searched::Estate),
    ("searchcriteria", Searched::SearchCriteria),
];

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let resourceid = ctx.resourceid.as_wire();
        let searched = SEARCHED
            .iter()
            .find(|(name, _)| *name == resourceid)
            .map(|(_, s)| *s)
            .ok_or_else(|| {
                ApiError::with_detail(ErrorCode::UnknownResourceId, resourceid.clone())
                    .hint("get search takes the resource id address, estate or searchcriteria")
            })?;
        match searched {
            Searched::Address => {
                super::address::search(store, ctx, GetParams::parse(params)?).await
            }
            Searched::Estate => super::estate::search(store, ctx, GetParams::parse(params)?).await,
            Searched::SearchCriteria => {
                super::criteria::search(store, ctx, CriteriaSearchParams::parse(params)?).await
            }
        }
    })
}
