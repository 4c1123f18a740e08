//! `get confignewaddressfields` with resourceid `fieldvalues`: the values of one address
//! single- or multi-select field.
//!
//! ```json
//! {"resourceid":"fieldvalues","resourcetype":"confignewaddressfields","parameters":{"fieldname":"Land"}}
//! ```
//! → `{"id":"DEU","type":"","elements":{"title":"Deutschland"}}` per value.

use kontor_proto::calls::params::Params;
use kontor_proto::{ApiError, Data, ErrorCode, Language, Record, RecordId};
use kontor_store::FieldStore;
use kontor_store::Module;
use kontor_store::Store;
use serde::Serialize;

use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

#[derive(Debug, Serialize)]
struct Title<'a> {
    title: &'a str,
}

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        if ctx.resourceid.as_wire() != "fieldvalues" {
            return Err(ApiError::with_detail(
                ErrorCode::UnknownResourceId,
                ctx.resourceid.as_wire(),
            )
            .hint("use resourceid fieldvalues"));
        }
        let name = params
            .opt_str("fieldname")?
            .ok_or_else(|| ApiError::with_detail(ErrorCode::MissingParameter, "fieldname"))?;
        let lang = params.opt_language("language")?.unwrap_or(Language::DEU);
        let config = store
            .field_config(ctx.tenant, Module::ADDRESS)
            .await
            .map_err(store_error)?;
        let field = config
            .get(name)
            .ok_or_else(|| ApiError::with_detail(ErrorCode::UnknownField, name))?;
        if !field.ty.is_select() {
            return Err(ApiError::new(ErrorCode::NoSingleselectOrMultiselectField)
                .hint(format!("{name} is a {}", field.ty.wire_name(true))));
        }
        let records = field
            .values
            .iter()
            .map(|o| {
                Record::new(
                    RecordId::Key(o.key.clone()),
                    Some(""),
                    &Title {
                        title: o.labels.get(lang),
                    },
                )
            })
            .collect();
        Ok(Data::uncounted(records))
    })
}
