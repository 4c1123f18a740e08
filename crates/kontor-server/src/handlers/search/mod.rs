//! `get search`: the quick search of addresses and estates, and the search for criteria
//! that suit given values.

mod address;
mod criteria;
pub(crate) use criteria::first_per_address;
mod estate;
pub(crate) mod get;
mod query;

use serde_json::{Map, Value};

/// A stored value as the answers show it: text as it is, numbers as written, else "".
fn text(doc: &Map<String, Value>, field: &str) -> String {
    match doc.get(field) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// An address as a person reads it: "Vorname Name", or the company without names.
fn display_name(doc: &Map<String, Value>) -> String {
    let name = [text(doc, "Vorname"), text(doc, "Name")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    match name.is_empty() {
        true => text(doc, "Zusatz1"),
        false => name,
    }
}
