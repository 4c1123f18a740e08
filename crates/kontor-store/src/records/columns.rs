//! Typed columns: copies of the fields real clients filter and sort on, beside the document,
//! so that those queries use an index. Which fields a module has them for is its
//! definition's (`modules.rs`), chosen by measurement (docs/benchmarks.md).

use serde_json::Value;

use super::sql::Bind;

/// A typed column and the field it mirrors.
#[derive(Debug, Clone, Copy)]
pub struct HotColumn {
    pub field: &'static str,
    pub column: &'static str,
    pub kind: ColumnKind,
}

/// The SQL type of a hot column; values are bound with the matching Rust type because
/// PostgreSQL does not convert a float parameter into a BIGINT column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Int,
    Real,
    Text,
}

pub(crate) const fn int(field: &'static str, column: &'static str) -> HotColumn {
    HotColumn {
        field,
        column,
        kind: ColumnKind::Int,
    }
}

pub(crate) const fn num(field: &'static str, column: &'static str) -> HotColumn {
    HotColumn {
        field,
        column,
        kind: ColumnKind::Real,
    }
}

pub(crate) const fn text(field: &'static str, column: &'static str) -> HotColumn {
    HotColumn {
        field,
        column,
        kind: ColumnKind::Text,
    }
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
