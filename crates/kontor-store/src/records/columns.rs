//! Which fields live in typed columns. Chosen by measurement (docs/benchmarks.md): the
//! fields real clients filter and sort on, so that those queries use an index.

use serde_json::Value;

use super::sql::Bind;
use super::RecordModule;

/// A typed column and the field it mirrors.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HotColumn {
    pub field: &'static str,
    pub column: &'static str,
    pub kind: ColumnKind,
}

/// The SQL type of a hot column; values are bound with the matching Rust type because
/// PostgreSQL does not convert a float parameter into a BIGINT column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnKind {
    Int,
    Real,
    Text,
}

const fn int(field: &'static str, column: &'static str) -> HotColumn {
    HotColumn {
        field,
        column,
        kind: ColumnKind::Int,
    }
}

const fn num(field: &'static str, column: &'static str) -> HotColumn {
    HotColumn {
        field,
        column,
        kind: ColumnKind::Real,
    }
}

const fn text(field: &'static str, column: &'static str) -> HotColumn {
    HotColumn {
        field,
        column,
        kind: ColumnKind::Text,
    }
}

const ESTATE: &[HotColumn] = &[
    int("status", "status"),
    int("veroeffentlichen", "veroeffentlichen"),
    text("objektart", "objektart"),
    text("vermarktungsart", "vermarktungsart"),
    text("nutzungsart", "nutzungsart"),
    num("kaufpreis", "kaufpreis"),
    num("kaltmiete", "kaltmiete"),
    num("wohnflaeche", "wohnflaeche"),
    text("ort", "ort"),
    text("plz", "plz"),
    text("geaendert_am", "geaendert_am"),
    num("breitengrad", "breitengrad"),
    num("laengengrad", "laengengrad"),
];

const ADDRESS: &[HotColumn] = &[
    int("KdNr", "kdnr"),
    int("Status", "status"),
    text("Name", "name"),
    text("Vorname", "vorname"),
    text("Ort", "ort"),
    text("Plz", "plz"),
    text("Email", "email"),
    text("Aenderung", "aenderung"),
];

/// The record id field of each module (`Id` for estates, `id` for addresses).
pub(crate) fn id_field(module: RecordModule) -> &'static str {
    match module {
        RecordModule::Estate | RecordModule::EstateLanguage => "Id",
        RecordModule::Address => "id",
    }
}

/// The column the id field and id lists refer to. For language versions that is the main
/// estate's id: the docs say sub-ids cannot be addressed directly.
pub(crate) fn id_column(module: RecordModule) -> &'static str {
    match module {
        RecordModule::EstateLanguage => "main_id",
        _ => "id",
    }
}

pub(crate) fn hot_columns(module: RecordModule) -> &'static [HotColumn] {
    match module {
        RecordModule::Estate => ESTATE,
        RecordModule::Address => ADDRESS,
        // Language versions keep every value in the document.
        RecordModule::EstateLanguage => &[],
    }
}

pub(crate) fn hot_column(module: RecordModule, field: &str) -> Option<&'static HotColumn> {
    hot_columns(module).iter().find(|c| c.field == field)
}

/// The value a hot column takes from a document: numbers for numeric columns (0 when unset
/// or not a number), strings otherwise ("" when unset).
pub(crate) fn column_value(column: &HotColumn, value: Option<&Value>) -> Bind {
    let number = || match value {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(0.0),
        Some(Value::Bool(b)) => f64::from(u8::from(*b)),
        _ => 0.0,
    };
    match column.kind {
        ColumnKind::Int => Bind::Int(number() as i64),
        ColumnKind::Real => Bind::Real(number()),
        ColumnKind::Text => Bind::Text(match value {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Bool(b)) => u8::from(*b).to_string(),
            _ => String::new(),
        }),
    }
}
