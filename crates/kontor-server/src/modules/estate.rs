//! What estates do their own way: fields sent flat by one client, the open marketing status
//! of a new estate, and writes of a language version.

use kontor_proto::calls::params::Params;
use kontor_proto::{ApiError, ErrorCode, Language};
use kontor_store::RecordStore;
use serde_json::{Map, Value};

use super::{data_object, Hooks, Pending, Prepared, WriteCx};
use crate::handlers::store_error;

#[derive(Debug)]
pub(crate) struct EstateHooks;

/// Parameters of estate writes that are options, not fields.
const OPTIONS: &[&str] = &["estatelanguage", "extendedclaim"];

impl Hooks for EstateHooks {
    /// The `data` object, as the docs say. COMPAT: the PyPI client
    /// (`create_resource`/`edit_resource`) sends the fields flat, as addresses take them;
    /// when there is no `data`, the flat parameters other than the options are the fields.
    fn write_fields(&self, params: &Map<String, Value>) -> Result<Map<String, Value>, ApiError> {
        if params.contains_key("data") {
            return data_object(params);
        }
        let flat: Map<String, Value> = params
            .iter()
            .filter(|(k, _)| !OPTIONS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if flat.is_empty() {
            Err(ApiError::with_detail(ErrorCode::MissingParameter, "data"))
        } else {
            Ok(flat)
        }
    }

    fn prepare_create<'a>(
        &'a self,
        _cx: &'a WriteCx<'a>,
        mut doc: Map<String, Value>,
    ) -> Pending<'a, Prepared> {
        // The docs: with neither flag given, the marketing status is "open" (both 0).
        for flag in ["verkauft", "reserviert"] {
            doc.entry(flag).or_insert(Value::from(0));
        }
        Box::pin(async move { Ok(Prepared::Insert(doc)) })
    }

    /// With `estatelanguage` (beside `data`), the changes go to that language version of
    /// the estate, which a first write creates as a copy of the main one.
    fn modify<'a>(
        &'a self,
        cx: &'a WriteCx<'a>,
        id: i64,
        changes: Map<String, Value>,
    ) -> Pending<'a, bool> {
        Box::pin(async move {
            let language = Params(cx.params)
                .opt_language("estatelanguage")?
                .filter(|l| *l != Language::DEU);
            let found = match language {
                Some(lang) => cx
                    .store
                    .write_language_version(cx.ctx.tenant, id, lang.as_str(), changes)
                    .await
                    .map_err(store_error)?
                    .is_some(),
                None => cx
                    .store
                    .update_record(cx.ctx.tenant, cx.module, id, changes)
                    .await
                    .map_err(store_error)?,
            };
            Ok(found)
        })
    }
}
