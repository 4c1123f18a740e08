//! `read estate`: a list of estates, or one by `resourceid`.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:read","resourceid":"",
//!  "resourcetype":"estate","parameters":{"data":["Id","kaufpreis"],
//!  "filter":{"status":[{"op":"=","val":1}]},"sortby":{"kaufpreis":"ASC"},"listlimit":20}}
//! ```
//! → `{"meta":{"cntabsolute":9},"records":[{"id":15,"type":"estate",
//!    "elements":{"Id":"15","kaufpreis":"245000.00"}}]}`

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
