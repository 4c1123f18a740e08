//! `modify estate`: the estate in `resourceid`, fields in `data`.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:modify","resourceid":"16",
//!  "resourcetype":"estate","parameters":{"data":{"kaufpreis":"339000"}}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":0,"type":"estate","elements":{"success":"success"}}]}`

use kontor_proto::calls::params::Params;
use kontor_proto::{ApiError, Data, ErrorCode, Language, Record, RecordId};
use kontor_store::Module;
use kontor_store::{FieldStore, RecordStore};
use serde_json::Value;

use crate::handlers::records::write::{datetime_now, validate};
use crate::handlers::{store_error, success, Ctx};

pub(crate) async fn handle(
    store: &(impl RecordStore + FieldStore),
    ctx: &Ctx<'_>,
    params: Params<'_>,
) -> Result<Data, ApiError> {
    let id = ctx.resourceid.record_id().ok_or_else(|| {
        ApiError::new(ErrorCode::MissingRecordId).hint("put the estate id in resourceid")
    })?;
    let data = &super::write_data(params.0)?;
    let config = store
        .field_config(ctx.tenant, Module::ESTATE)
        .await
        .map_err(store_error)?;
    let mut changes = validate(&config, super::WRITE, data)?;
    changes.insert("geaendert_am".into(), Value::String(datetime_now()));
    // `estatelanguage` (beside `data`) writes that language version of the main estate.
    let language = params
        .opt_language("estatelanguage")?
        .filter(|l| *l != Language::DEU);
    let found = match language {
        Some(lang) => store
            .write_language_version(ctx.tenant, id, lang.as_str(), changes)
            .await
            .map_err(store_error)?
            .is_some(),
        None => store
            .update_record(ctx.tenant, Module::ESTATE, id, changes)
            .await
            .map_err(store_error)?,
    };
    if !found {
        return Err(ApiError::new(ErrorCode::UnknownEstateRecord));
    }
    Ok(Data::uncounted(vec![Record::new(
        RecordId::Int(0),
        Some(super::RECORD_TYPE),
        &success(),
    )]))
}
