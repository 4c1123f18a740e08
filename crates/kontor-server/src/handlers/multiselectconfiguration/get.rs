//! `get multiselectconfiguration`: the values of some multi-select fields of a module.
//!
//! ```json
//! {"resourcetype":"multiselectconfiguration","parameters":{"module":"estate",
//!  "fields":["heizungsart"],"language":"ENG"}}
//! ```
//! → records sorted by position: `{"id":1,"type":"","elements":{"field":"heizungsart",
//!   "fieldcontent":"Floor heating","multiselectfield":"etage","active":1,"fieldfilter":0,
//!   "default":0,"position":1,"level":0,"parent":null}}`

use kontor_proto::calls::params::Params;
use kontor_proto::{ApiError, Data, ErrorCode, Language, Record, RecordId};
use kontor_store::fields::FieldType;
use kontor_store::FieldStore;
use kontor_store::Store;
use serde::Serialize;

use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

#[derive(Debug, Serialize)]
struct Entry<'a> {
    field: &'a str,
    fieldcontent: &'a str,
    multiselectfield: &'a str,
    active: u8,
    fieldfilter: u8,
    default: u8,
    position: usize,
    level: u8,
    parent: Option<()>,
}

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let module = crate::handlers::module_param(params)?;
        let fields = params.str_list("fields")?;
        if fields.is_empty() {
            return Err(ApiError::with_detail(ErrorCode::MissingParameter, "fields"));
        }
        let lang = params.opt_language("language")?.unwrap_or(Language::DEU);
        let config = store
            .field_config(ctx.tenant, module)
            .await
            .map_err(store_error)?;
        let mut records = Vec::new();
        for name in fields {
            let field = config
                .get(name)
                .ok_or_else(|| ApiError::with_detail(ErrorCode::UnknownField, name))?;
            if field.ty != FieldType::MultiSelect {
                return Err(ApiError::new(ErrorCode::NoSingleselectOrMultiselectField)
                    .hint(format!("{name} is a {}", field.ty.wire_name(true))));
            }
            for (i, option) in field.values.iter().enumerate() {
                let entry = Entry {
                    field: &field.name,
                    fieldcontent: option.labels.get(lang),
                    multiselectfield: &option.key,
                    active: 1,
                    fieldfilter: 0,
                    default: u8::from(field.default.as_deref() == Some(option.key.as_str())),
                    position: i + 1,
                    level: 0,
                    parent: None,
                };
                records.push(Record::new(
                    RecordId::Int(records.len() as i64 + 1),
                    Some(""),
                    &entry,
                ));
            }
        }
        Ok(Data::uncounted(records))
    })
}
