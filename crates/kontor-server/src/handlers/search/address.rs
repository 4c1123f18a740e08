//! `get search` of addresses: the records found, in the shape the docs give.

use kontor_proto::calls::search::GetParams;
use kontor_proto::response::Meta;
use kontor_proto::{ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::records::{ContactFamily, Module, ValueKind, CONTACTS_KEY};
use kontor_store::Store;
use serde::Serialize;
use serde_json::{Map, Value};

use super::query::{search_query, SortField};
use super::{display_name, text};
use crate::handlers::{store_error, Ctx};

/// The fields the docs let an address search sort by (the administration's names).
const SORTABLE: &[SortField] = &[
    ("KdNr", ValueKind::Number),
    ("Vorname", ValueKind::Text),
    ("Name", ValueKind::Text),
    ("Zusatz1", ValueKind::Text),
    ("contactCategory", ValueKind::Text),
    ("Email", ValueKind::Text),
];

#[derive(Debug, Serialize)]
struct Elements {
    customerno: Option<i64>,
    surname: String,
    firstname: String,
    company: String,
    #[serde(rename = "addressDescription")]
    address_description: String,
    emailaddress: Vec<String>,
    #[serde(rename = "primaryEmail")]
    primary_email: String,
}

fn elements(doc: &Map<String, Value>) -> Elements {
    let customerno = match doc.get("KdNr") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let mut emails = Vec::new();
    let mut primary = String::new();
    for entry in doc
        .get(CONTACTS_KEY)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let kind = entry.get("type").and_then(Value::as_str).unwrap_or("");
        let Some(value) = entry.get("value").and_then(Value::as_str) else {
            continue;
        };
        if ContactFamily::of(kind) != ContactFamily::Email {
            continue;
        }
        if entry.get("default").and_then(Value::as_bool) == Some(true) {
            primary = value.to_string();
        }
        emails.push(value.to_string());
    }
    // The docs call it the contact category and show the person's name: the category where
    // one is set, the name (or the company) otherwise (docs/compat.md).
    let description = match text(doc, "contactCategory") {
        c if !c.is_empty() => c,
        _ => display_name(doc),
    };
    Elements {
        customerno,
        surname: text(doc, "Name"),
        firstname: text(doc, "Vorname"),
        company: text(doc, "Zusatz1"),
        address_description: description,
        emailaddress: emails,
        primary_email: primary,
    }
}

pub(super) async fn search(store: &Store, ctx: &Ctx<'_>, p: GetParams) -> Result<Data, ApiError> {
    if p.casesensitive {
        return Err(ApiError::new(ErrorCode::NotImplemented)
            .hint("casesensitive: the quick search ignores letter case; leave it out"));
    }
    if !p.searchparameter.is_empty() {
        return Err(ApiError::new(ErrorCode::NotImplemented).hint(
            "searchparameter is not supported yet; leave it out to search the standard fields",
        ));
    }
    let mut query = search_query(&p, SORTABLE)?;
    query.contacts = p.includecontactdata;
    let page = store
        .search(ctx.tenant, Module::ADDRESS, query)
        .await
        .map_err(store_error)?;
    let records = page
        .hits
        .iter()
        .map(|hit| {
            let doc = hit.record.doc.as_map();
            Record::new(
                RecordId::Int(hit.record.id),
                Some("address"),
                &elements(&doc),
            )
        })
        .collect();
    Ok(Data {
        meta: Meta {
            cntabsolute: Some(page.total),
        },
        records,
    })
}
