//! `get actionkindtypes`: one record per kind of action, numbered from 0.
//!
//! Request parameters: `{"lang":"ENG","allowAutomaticTypesForActionKind":["Email"]}`.
//! Record: `{"id":0,"type":"actionkind","elements":{"key":"Email","label":"E-mail",
//! "types":{"Eingang":"incoming","Ausgang":"outgoing"},"default":"Ausgang"}}`.

use kontor_proto::calls::actionkindtypes::{ActionKindElements, GetParams, LabelMap, RECORD_TYPE};
use kontor_proto::calls::params::Params;
use kontor_proto::calls::CallParams;
use kontor_proto::{Data, Language, Record, RecordId};
use kontor_store::{ActionKind, ActionKindStore, Store};

use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let params = GetParams::parse(params)?;
        // German is the API's own language: its keys are the German names.
        let lang = params.lang.unwrap_or(Language::DEU);
        let kinds = store.action_kinds(ctx.tenant).await.map_err(store_error)?;
        let records = kinds
            .iter()
            .enumerate()
            .map(|(i, kind)| {
                let elements = elements(kind, lang, &params.allow_automatic_types_for);
                Record::new(RecordId::Int(i as i64), Some(RECORD_TYPE), &elements)
            })
            .collect();
        Ok(Data::uncounted(records))
    })
}

fn elements(kind: &ActionKind, lang: Language, automatic_for: &[String]) -> ActionKindElements {
    let show_automatic = automatic_for.contains(&kind.key);
    let visible: Vec<_> = kind
        .types
        .iter()
        .filter(|t| show_automatic || !t.automatic)
        .collect();
    let types = LabelMap(
        visible
            .iter()
            .map(|t| (t.key.clone(), t.labels.get(lang).to_string()))
            .collect(),
    );
    let numbered: Vec<_> = visible
        .iter()
        .filter_map(|t| t.database_id.map(|id| (id.to_string(), t.key.clone())))
        .collect();
    ActionKindElements {
        key: kind.key.clone(),
        label: kind.labels.get(lang).to_string(),
        types,
        default: kind.default_type.clone(),
        types_by_database_id: (!numbered.is_empty()).then_some(LabelMap(numbered)),
    }
}
