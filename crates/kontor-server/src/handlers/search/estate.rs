//! `get search` of estates: the records found, in the shape the docs give, narrowed by
//! `filter` and `filterId` as `read estate` reads them.

use kontor_proto::calls::read::{parse_filter, ReadParams};
use kontor_proto::calls::relation_types::RelationType;
use kontor_proto::calls::search::GetParams;
use kontor_proto::response::Meta;
use kontor_proto::{ApiError, Data, Language, Record, RecordId};
use kontor_store::records::{Module, RecordQuery, RelationKind, ValueKind};
use kontor_store::{FieldStore, RecordStore, RelationStore, Store};
use serde::Serialize;
use serde_json::Value;

use super::query::{search_query, SortField};
use super::{display_name, text};
use crate::handlers::records::query::{resolve, Fields};
use crate::handlers::records::render::{render, Style};
use crate::handlers::{store_error, Ctx};

/// The fields the docs let an estate search sort by (database names).
const SORTABLE: &[SortField] = &[
    ("objektnr_extern", ValueKind::Text),
    ("ort", ValueKind::Text),
    ("strasse", ValueKind::Text),
    ("hausnummer", ValueKind::Text),
];

/// The relation whose child addresses own an estate.
const OWNER: &str = "estate:address:owner";

#[derive(Debug, Serialize)]
struct Elements {
    externalestateno: String,
    zipcode: String,
    city: String,
    street: String,
    houseno: String,
    owner: String,
    #[serde(rename = "type")]
    kind: Value,
}

/// The conditions of `filter` and `filterId`, resolved against the tenant's estate fields.
async fn narrowing(
    store: &Store,
    ctx: &Ctx<'_>,
    p: &GetParams,
    config: &kontor_store::fields::FieldConfig,
) -> Result<Option<RecordQuery>, ApiError> {
    if p.filter.is_none() && p.filter_id.is_none() {
        return Ok(None);
    }
    let mut read = ReadParams {
        filter: parse_filter(p.filter.as_ref())?,
        ..ReadParams::default()
    };
    if let Some(id) = p.filter_id {
        read.filter.extend(
            crate::handlers::records::read::saved_filter(store, ctx, Module::ESTATE, id).await?,
        );
    }
    let fields = Fields {
        config,
        module: Module::ESTATE,
        hooks: &crate::modules::estate::EstateHooks,
    };
    resolve(&fields, &read, None).map(Some)
}

pub(super) async fn search(store: &Store, ctx: &Ctx<'_>, p: GetParams) -> Result<Data, ApiError> {
    let mut query = search_query(&p, SORTABLE)?;
    let config = store
        .field_config(ctx.tenant, Module::ESTATE)
        .await
        .map_err(store_error)?;
    query.within = narrowing(store, ctx, &p, &config).await?;
    let page = store
        .search(ctx.tenant, Module::ESTATE, query)
        .await
        .map_err(store_error)?;
    let ids: Vec<i64> = page.hits.iter().map(|h| h.record.id).collect();
    let owners = owners(store, ctx, &ids).await?;
    // The type as the docs show it: the label of the property class ("Haus").
    let label = Style {
        formatted: true,
        lang: Language::DEU,
        integers_as_numbers: false,
    };
    let records = page
        .hits
        .iter()
        .map(|hit| {
            let doc = hit.record.doc.as_map();
            let kind = match config.get("objektart") {
                Some(field) => render(field, hit.record.doc.get("objektart").as_ref(), label),
                None => Value::Null,
            };
            let elements = Elements {
                externalestateno: text(&doc, "objektnr_extern"),
                zipcode: text(&doc, "plz"),
                city: text(&doc, "ort"),
                street: text(&doc, "strasse"),
                houseno: text(&doc, "hausnummer"),
                owner: owners
                    .iter()
                    .find(|(estate, _)| *estate == hit.record.id)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default(),
                kind,
            };
            Record::new(RecordId::Int(hit.record.id), Some("estate"), &elements)
        })
        .collect();
    Ok(Data {
        meta: Meta {
            cntabsolute: Some(page.total),
        },
        records,
    })
}

/// The first owner's name of each estate that has one.
async fn owners(store: &Store, ctx: &Ctx<'_>, ids: &[i64]) -> Result<Vec<(i64, String)>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Links are stored under the kind the table of relation types names, as the relation
    // calls and the seed write them.
    let kind = RelationType::by_name(OWNER)
        .map(RelationType::stored_kind)
        .and_then(|k| RelationKind::parse(k).ok())
        .ok_or_else(|| ApiError::new(kontor_proto::ErrorCode::UnknownErrorOccurred))?;
    let links = store
        .children_of(ctx.tenant, &kind, ids)
        .await
        .map_err(store_error)?;
    let mut first: Vec<(i64, i64)> = Vec::new();
    for link in links {
        if !first.iter().any(|(estate, _)| *estate == link.parent) {
            first.push((link.parent, link.child));
        }
    }
    if first.is_empty() {
        return Ok(Vec::new());
    }
    let query = RecordQuery {
        ids: Some(first.iter().map(|(_, a)| *a).collect()),
        limit: first.len() as u32,
        ..RecordQuery::default()
    };
    let found = store
        .query_records(ctx.tenant, Module::ADDRESS, &query)
        .await
        .map_err(store_error)?;
    Ok(first
        .iter()
        .filter_map(|(estate, address)| {
            let record = found.records.iter().find(|r| r.id == *address)?;
            Some((*estate, display_name(&record.doc.as_map())))
        })
        .collect())
}
