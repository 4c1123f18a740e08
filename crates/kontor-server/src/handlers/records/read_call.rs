//! The read shared by `read estate` and `read address`.

use kontor_proto::calls::params::Params;
use kontor_proto::calls::read::ReadParams;
use kontor_proto::{ApiError, Data, ErrorCode, Language, Record, RecordId};
use kontor_store::fields::{FieldConfig, Module};
use kontor_store::records::{RecordModule, RecordQuery, StoredRecord};
use kontor_store::{FieldStore, FilterStore, RecordStore};
use serde_json::{Map, Value};

use super::query::{readable, resolve, Readable};
use super::render::{render, Style};
use crate::handlers::{store_error, Ctx};

/// What differs between the modules' reads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReadSpec {
    pub module: Module,
    pub record_module: RecordModule,
    pub record_type: &'static str,
    /// `Id` for estates, `id` for addresses.
    pub id_field: &'static str,
    /// Addresses always carry `"id": <int>` in their elements; estates never do.
    pub id_in_elements: bool,
    /// Renders a pseudo-field (address contacts) into the elements.
    pub pseudo: fn(&str, &StoredRecord, &mut Map<String, Value>),
}

pub(crate) async fn read(
    store: &(impl RecordStore + FieldStore + FilterStore),
    ctx: &Ctx<'_>,
    spec: ReadSpec,
    params: Params<'_>,
) -> Result<Data, ApiError> {
    let mut params = ReadParams::parse(params)?;
    check_unsupported(spec, &params)?;
    if let Some(id) = params.filterid {
        params
            .filter
            .extend(saved_filter(store, ctx, spec, id).await?);
    }
    let config = store
        .field_config(ctx.tenant, spec.module)
        .await
        .map_err(store_error)?;
    let ids = match ctx.resourceid.record_id() {
        Some(id) => Some(vec![id]),
        None if !params.recordids.is_empty() => Some(params.recordids.clone()),
        None => None,
    };
    let query: RecordQuery = resolve(&config, spec.record_module, spec.id_field, &params, ids)?;
    let page = store
        .query_records(ctx.tenant, spec.record_module, &query)
        .await
        .map_err(store_error)?;
    let style = Style {
        formatted: params.formatoutput,
        lang: params.outputlanguage.unwrap_or(Language::DEU),
    };
    let records = page
        .records
        .iter()
        .map(|r| {
            let elements = elements(
                &config,
                spec,
                &params.data,
                r,
                style,
                params.addestatelanguage,
                params.add_main_lang_id,
            );
            Record::new(RecordId::Int(r.id), Some(spec.record_type), &elements)
        })
        .collect();
    Ok(Data {
        meta: kontor_proto::response::Meta {
            cntabsolute: Some(page.total),
        },
        records,
    })
}

/// The requested fields in the requested order.
#[allow(clippy::too_many_arguments)]
fn elements(
    config: &FieldConfig,
    spec: ReadSpec,
    data: &[String],
    record: &StoredRecord,
    style: Style,
    add_language: bool,
    add_main_lang_id: bool,
) -> Map<String, Value> {
    let mut out = Map::new();
    if spec.id_in_elements {
        out.insert("id".into(), Value::from(record.id));
    }
    // Every estate is kept in the main language (see check_unsupported), so its language
    // is "" and it is its own main-language record.
    if spec.module == Module::Estate {
        if add_language {
            out.insert("language".into(), Value::String(String::new()));
        }
        if add_main_lang_id {
            out.insert("mainLangId".into(), Value::Null);
        }
    }
    for name in data {
        match readable(config, spec.id_field, name) {
            Some(Readable::Id) if spec.id_in_elements => {}
            Some(Readable::Id) => {
                let id = if style.formatted {
                    super::render::group_thousands(record.id)
                } else {
                    record.id.to_string()
                };
                out.insert(name.clone(), Value::String(id));
            }
            Some(Readable::Uuid) => {
                out.insert(name.clone(), Value::String(record.uuid.clone()));
            }
            Some(Readable::Field(field)) => {
                out.insert(name.clone(), render(field, record.doc.get(name), style));
            }
            None => (spec.pseudo)(name, record, &mut out),
        }
    }
    out
}

/// Parameters Kontor understands but cannot honour yet are refused with a message, never
/// silently ignored: a client must not believe it read a language version.
fn check_unsupported(spec: ReadSpec, params: &ReadParams) -> Result<(), ApiError> {
    if let Some(lang) = params.estatelanguage.filter(|l| *l != Language::DEU) {
        if spec.module == Module::Estate {
            return Err(
                ApiError::with_detail(ErrorCode::InvalidLanguage, lang.to_string())
                    .hint("Kontor keeps estates in the main language (DEU) only so far"),
            );
        }
    }
    Ok(())
}

/// The conditions of a saved filter, ANDed with the request's own.
async fn saved_filter(
    store: &impl FilterStore,
    ctx: &Ctx<'_>,
    spec: ReadSpec,
    id: i64,
) -> Result<Vec<kontor_proto::calls::read::Condition>, ApiError> {
    let unknown = || ApiError::with_detail(ErrorCode::RequestedFilteridUnknown, id.to_string());
    let saved = store
        .get_filter(ctx.tenant, spec.record_module, id)
        .await
        .map_err(store_error)?
        .ok_or_else(unknown)?;
    let value: Value = serde_json::from_str(&saved.conditions).map_err(|_| unknown())?;
    kontor_proto::calls::read::parse_filter(Some(&value))
}
