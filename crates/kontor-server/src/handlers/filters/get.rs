//! `get filters`: the saved filters of `module` (`estate` or `address`).
//!
//! ```json
//! {"resourcetype":"filters","parameters":{"module":"estate"}}
//! ```
//! → `{"meta":{"cntabsolute":1},"records":[{"id":1,"type":"filter","elements":
//!    {"scope":"office","name":"Published","userId":null,"groupId":null}}]}`
//!
//! Filters are saved with `kontor filter add`; a read applies one with `filterid`.

use kontor_proto::calls::params::Params;
use kontor_proto::response::Meta;
use kontor_proto::{Data, Record, RecordId};
use kontor_store::FilterStore;
use kontor_store::Store;
use serde::Serialize;

use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

#[derive(Debug, Serialize)]
struct FilterElements<'a> {
    scope: &'a str,
    name: &'a str,
    #[serde(rename = "userId")]
    user_id: Option<i64>,
    #[serde(rename = "groupId")]
    group_id: Option<i64>,
}

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let module = crate::handlers::module_param(params)?;
        let filters = store
            .list_filters(ctx.tenant, module)
            .await
            .map_err(store_error)?;
        let records: Vec<Record> = filters
            .iter()
            .map(|f| {
                let elements = FilterElements {
                    scope: &f.scope,
                    name: &f.name,
                    user_id: None,
                    group_id: None,
                };
                Record::new(RecordId::Int(f.id), Some("filter"), &elements)
            })
            .collect();
        Ok(Data {
            meta: Meta {
                cntabsolute: Some(records.len() as u64),
            },
            records,
        })
    })
}
