//! `get estateCategories`: two records, `objektart` (a list) and `objekttyp` (per type).
//!
//! Request parameters: none (`[]`); `language` picks the labels (German by default).
//! ```json
//! {"id":"objektart","type":"","elements":[{"id":"haus","name":"Haus"},…]}
//! {"id":"objekttyp","type":"","elements":{"haus":[{"id":"villa","name":"Villa"},…],…}}
//! ```

use kontor_proto::calls::params::Params;
use kontor_proto::{Data, Language, Record, RecordId};
use kontor_store::FieldStore;
use kontor_store::Module;
use kontor_store::Store;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

#[derive(Debug, Serialize)]
struct Category {
    id: String,
    name: String,
}

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let lang = params.opt_language("language")?.unwrap_or(Language::DEU);
        let config = store
            .field_config(ctx.tenant, Module::ESTATE)
            .await
            .map_err(store_error)?;
        let kinds: Vec<Category> = config
            .get("objektart")
            .map(|f| {
                f.values
                    .iter()
                    .map(|v| Category {
                        id: v.key.clone(),
                        name: v.labels.get(lang).into(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut by_kind: Map<String, Value> = Map::new();
        if let Some(types) = config.get("objekttyp") {
            for option in &types.values {
                let parent = types
                    .requires
                    .iter()
                    .find(|(t, _)| *t == option.key)
                    .map(|(_, p)| p.as_str())
                    .unwrap_or("sonstige");
                let entry = by_kind
                    .entry(parent.to_string())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let (Value::Array(list), Ok(v)) = (
                    entry,
                    serde_json::to_value(Category {
                        id: option.key.clone(),
                        name: option.labels.get(lang).into(),
                    }),
                ) {
                    list.push(v);
                }
            }
        }
        Ok(Data::uncounted(vec![
            Record::new(RecordId::Key("objektart".into()), Some(""), &kinds),
            Record::new(RecordId::Key("objekttyp".into()), Some(""), &by_kind),
        ]))
    })
}
