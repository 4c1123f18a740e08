//! `get filters`: the saved filters of `module` (`estate` or `address`).
//!
//! Kontor keeps no saved filters yet, so the list is empty — with the real shape,
//! `cntabsolute: 0` and `records: []` — and `filterid` in a read is refused (284).

use kontor_proto::calls::params::Params;
use kontor_proto::response::Meta;
use kontor_proto::{ApiError, Data, ErrorCode};
use kontor_store::fields::Module;

use crate::handlers::Ctx;

pub(crate) async fn handle(_ctx: &Ctx<'_>, params: Params<'_>) -> Result<Data, ApiError> {
    let module = params
        .opt_str("module")?
        .ok_or_else(|| ApiError::with_detail(ErrorCode::MissingParameter, "module"))?;
    if Module::parse(module).is_none() {
        return Err(ApiError::new(ErrorCode::InvalidNameForModule)
            .hint(format!("{module}: use estate or address")));
    }
    Ok(Data {
        meta: Meta {
            cntabsolute: Some(0),
        },
        records: Vec::new(),
    })
}
