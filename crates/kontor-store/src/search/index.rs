//! Keeping the search index current: what of a record is indexed, and the statements that
//! write it. They run inside the write job of the record write itself (`records/insert.rs`,
//! `records/write.rs`), so the index commits or rolls back with the record and is never
//! stale.
//!
//! Per record one row of `search_entries`: `ids` (its numbers, ` 132 `), `body` (the
//! values searched by default, `|132|max|mustermann|…|`) and `extra` (contact entries, with
//! phone numbers also as plain digits). SQLite mirrors `body` and `extra` into an FTS5
//! trigram table by triggers; PostgreSQL has pg_trgm indexes on both. New words of names,
//! streets and cities go into the typo vocabulary (`search_words`, `search_typo_keys`), which
//! only grows: a word of a deleted record leads a typo to a search that finds nothing more.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::text::{deletion_keys, digits, fold, typo_words, SEGMENT};
use crate::exec::Conn;
use crate::records::sql::{Bind, Sql};
use crate::records::{ContactFamily, Module, CONTACTS_KEY};
use crate::{StoreError, TenantId};

/// What of a module's records the quick search finds, in its registry entry
/// ([`crate::modules::ModuleDef::search`]). A module joins the search by having one.
#[derive(Debug)]
pub struct SearchDef {
    /// Identifiers (customer numbers, external estate numbers): a term equal to one is an
    /// exact hit, ranked first.
    pub numbers: &'static [&'static str],
    /// Every field searched by default (the numbers among them).
    pub fields: &'static [&'static str],
}

/// One record's row of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub ids: String,
    pub body: String,
    pub extra: String,
    pub words: BTreeSet<String>,
}

/// A field value as text: numbers as written, a multi-select's keys one after the other.
fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(value_text)
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Value::Bool(_) | Value::Null | Value::Object(_) => None,
    }
}

fn push_segment(text: &mut String, value: &str) {
    if !value.is_empty() {
        text.push_str(value);
        text.push(SEGMENT);
    }
}

/// The index row of a record's document; `None` when the module is not searched.
pub(crate) fn entry(module: Module, doc: &Map<String, Value>) -> Option<Entry> {
    let def = module.search?;
    let mut entry = Entry {
        ids: " ".into(),
        body: SEGMENT.to_string(),
        extra: SEGMENT.to_string(),
        words: BTreeSet::new(),
    };
    for field in def.fields {
        let Some(folded) = doc.get(*field).and_then(value_text).map(|v| fold(&v)) else {
            continue;
        };
        if def.numbers.contains(field) && !folded.is_empty() {
            entry.ids.push_str(&folded);
            entry.ids.push(' ');
        }
        entry.words.extend(typo_words(&folded).map(str::to_string));
        push_segment(&mut entry.body, &folded);
    }
    if module.contact_entries {
        let entries = doc.get(CONTACTS_KEY).and_then(Value::as_array);
        for contact in entries.into_iter().flatten() {
            let value = contact.get("value").and_then(Value::as_str).unwrap_or("");
            let kind = contact.get("type").and_then(Value::as_str).unwrap_or("");
            push_segment(&mut entry.extra, &fold(value));
            if ContactFamily::of(kind) != ContactFamily::Email {
                push_segment(&mut entry.extra, &digits(value));
            }
        }
    }
    Some(entry)
}

const UPSERT: &str = "INSERT INTO search_entries (tenant_id, module, record_id, ids, body, extra)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (tenant_id, module, record_id)
     DO UPDATE SET ids = excluded.ids, body = excluded.body, extra = excluded.extra";

/// Rows of vocabulary written by one statement (four values each, well below both backends'
/// limits on bound values).
const VOCABULARY_CHUNK: usize = 500;

/// Writes the index rows of records just written, and the new words of their values.
pub(crate) async fn write_entries(
    c: &mut Conn<'_>,
    tenant: TenantId,
    module: Module,
    entries: Vec<(i64, Entry)>,
) -> Result<(), StoreError> {
    let mut words = BTreeSet::new();
    for (id, entry) in entries {
        let sql = Sql::new(
            UPSERT,
            vec![
                Bind::Int(tenant.0),
                Bind::Text(module.name().to_string()),
                Bind::Int(id),
                Bind::Text(entry.ids),
                Bind::Text(entry.body),
                Bind::Text(entry.extra),
            ],
        );
        c.execute(&sql).await?;
        words.extend(entry.words);
    }
    let words: Vec<String> = words.into_iter().collect();
    for chunk in words.chunks(VOCABULARY_CHUNK) {
        let new = new_words(c, tenant, module, chunk).await?;
        let keys: Vec<(String, String)> = new
            .iter()
            .flat_map(|w| deletion_keys(w).into_iter().map(move |k| (k, w.clone())))
            .collect();
        for keys in keys.chunks(VOCABULARY_CHUNK) {
            insert_keys(c, tenant, module, keys).await?;
        }
    }
    Ok(())
}

/// Adds words to the vocabulary; answers those it did not have.
async fn new_words(
    c: &mut Conn<'_>,
    tenant: TenantId,
    module: Module,
    words: &[String],
) -> Result<Vec<String>, StoreError> {
    let mut sql = Sql::default();
    sql.push("INSERT INTO search_words (tenant_id, module, word) VALUES ");
    for (i, word) in words.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.bind(Bind::Int(tenant.0))
            .push(", ")
            .bind(Bind::Text(module.name().to_string()))
            .push(", ")
            .bind(Bind::Text(word.clone()))
            .push(")");
    }
    sql.push(" ON CONFLICT DO NOTHING RETURNING word");
    c.rows(&sql).await?.iter().map(|r| r.text(0)).collect()
}

async fn insert_keys(
    c: &mut Conn<'_>,
    tenant: TenantId,
    module: Module,
    keys: &[(String, String)],
) -> Result<(), StoreError> {
    let mut sql = Sql::default();
    sql.push("INSERT INTO search_typo_keys (tenant_id, module, key, word) VALUES ");
    for (i, (key, word)) in keys.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.bind(Bind::Int(tenant.0))
            .push(", ")
            .bind(Bind::Text(module.name().to_string()))
            .push(", ")
            .bind(Bind::Text(key.clone()))
            .push(", ")
            .bind(Bind::Text(word.clone()))
            .push(")");
    }
    sql.push(" ON CONFLICT DO NOTHING");
    c.execute(&sql).await.map(|_| ())
}

/// The statement that removes a record's index row (its words stay, see the module docs).
pub(crate) fn delete_entry(tenant: TenantId, module: Module, id: i64) -> Sql {
    Sql::new(
        "DELETE FROM search_entries WHERE tenant_id = $1 AND module = $2 AND record_id = $3",
        vec![
            Bind::Int(tenant.0),
            Bind::Text(module.name().to_string()),
            Bind::Int(id),
        ],
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_address_entry_holds_its_searched_values() {
        let doc = json!({
            "KdNr": 132, "Vorname": "Max", "Name": "Muster|mann", "Zusatz1": "",
            "Email": "Max@Example.de", "Ort": "Aachen",
            "_contacts": [
                {"id": 1, "type": "email", "value": "Max@Example.de", "default": true},
                {"id": 2, "type": "phone_business", "value": "0241 4711-0", "default": true}
            ]
        });
        let Value::Object(doc) = doc else { return };
        let Some(e) = entry(Module::ADDRESS, &doc) else {
            panic!("addresses are searched")
        };
        assert_eq!(e.ids, " 132 ");
        assert_eq!(e.body, "|132|max|muster mann|max@example.de|");
        assert_eq!(e.extra, "|max@example.de|0241 4711-0|024147110|");
        assert_eq!(
            e.words.iter().map(String::as_str).collect::<Vec<_>>(),
            ["mann", "muster"]
        );
    }
}
