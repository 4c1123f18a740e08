//! `read address`: a list of addresses, several by `recordids`, or one by `resourceid`.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:read","resourceid":"",
//!  "resourcetype":"address","parameters":{"data":["Vorname","Name","email"],
//!  "recordids":[122,169]}}
//! ```
//! → records `{"id":122,"type":"address","elements":{"id":122,"Vorname":"Max",
//!   "Name":"Muster","email__13021":"max@example.org"}}`

use kontor_proto::calls::params::Params;
use kontor_proto::response::RenderedData;
use kontor_proto::ApiError;
use kontor_store::{FieldStore, FilterStore, RecordStore};

use crate::handlers::records::read_call;
use crate::handlers::Ctx;

pub(crate) async fn handle(
    store: &(impl RecordStore + FieldStore + FilterStore),
    ctx: &Ctx<'_>,
    params: Params<'_>,
) -> Result<RenderedData, ApiError> {
    read_call::read(store, ctx, super::READ, params).await
}
