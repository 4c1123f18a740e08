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
use kontor_proto::{ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::FilterStore;
use kontor_store::Module;
use serde::Serialize;

use crate::handlers::{store_error, Ctx};

#[derive(Debug, Serialize)]
struct FilterElements<'a> {
    scope: &'a str,
    name: &'a str,
    #[serde(rename = "userId")]
    user_id: Option<i64>,
    #[serde(rename = "groupId")]
    group_id: Option<i64>,
}

pub(crate) async fn handle(
    store: &impl FilterStore,
    ctx: &Ctx<'_>,
    params: Params<'_>,
) -> Result<Data, ApiError> {
    let name = params
        .opt_str("module")?
        .ok_or_else(|| ApiError::with_detail(ErrorCode::MissingParameter, "module"))?;
    let module = Module::by_name(name).ok_or_else(|| {
        ApiError::new(ErrorCode::InvalidNameForModule)
            .hint(format!("{name}: use estate or address"))
    })?;
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
}
