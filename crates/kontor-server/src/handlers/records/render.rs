//! Stored values as the API writes them.
//!
//! Raw mode (`formatoutput` false, what integrations parse): every value is a string —
//! `"0"`/`"1"` for booleans, `"123456.56"` for prices, `"50.78580"` for coordinates, select
//! keys as they are, multi-selects pipe-wrapped (`"|a||b|"`); an unset select is `null`, an
//! unset number `"0"`, unset text `""`. Formatted mode (`formatoutput` true, what websites
//! show): select labels in `outputlanguage`, German number format, currency and area units.

use kontor_proto::Language;
use kontor_store::fields::{FieldDef, FieldType};
use serde_json::Value;

/// How values are written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub formatted: bool,
    pub lang: Language,
}

/// Decimals of a float in raw mode: money and areas have two, everything else (coordinates,
/// energy values) five, as the recorded responses show.
fn decimals(field: &FieldDef) -> usize {
    match field.measure.as_deref() {
        Some("DATA_TYPE_MONETARY")
        | Some("DATA_TYPE_AREA")
        | Some("DATA_TYPE_MONETARY_WITHOUT_CURRENCY") => 2,
        _ => 5,
    }
}

pub(crate) fn render(field: &FieldDef, value: Option<&Value>, style: Style) -> Value {
    let value = value.filter(|v| !v.is_null());
    match field.ty {
        FieldType::Integer | FieldType::User => {
            let n = number(value).map(|n| n.round() as i64).unwrap_or(0);
            Value::String(if style.formatted {
                group_thousands(n)
            } else {
                n.to_string()
            })
        }
        FieldType::Float => {
            let n = number(value).unwrap_or(0.0);
            let digits = decimals(field);
            if style.formatted && digits == 2 {
                let text = german_decimal(n, 2);
                let unit = match field.measure.as_deref() {
                    Some("DATA_TYPE_MONETARY") => " €",
                    Some("DATA_TYPE_AREA") => " m²",
                    _ => "",
                };
                Value::String(format!("{text}{unit}"))
            } else {
                Value::String(format!("{n:.digits$}"))
            }
        }
        FieldType::Boolean => {
            let on = number(value).is_some_and(|n| n != 0.0);
            if style.formatted {
                let (yes, no) = if style.lang == Language::DEU {
                    ("Ja", "Nein")
                } else {
                    ("Yes", "No")
                };
                Value::String(if on { yes } else { no }.to_string())
            } else {
                Value::String(if on { "1" } else { "0" }.to_string())
            }
        }
        FieldType::SingleSelect => match text(value) {
            None => Value::Null,
            Some(key) if style.formatted => Value::String(
                field
                    .option(&key)
                    .map(|o| o.labels.get(style.lang).to_string())
                    .unwrap_or(key),
            ),
            Some(key) => Value::String(key),
        },
        FieldType::MultiSelect => {
            let keys = keys(value);
            if style.formatted {
                let labels: Vec<String> = keys
                    .iter()
                    .map(|k| {
                        field
                            .option(k)
                            .map(|o| o.labels.get(style.lang).to_string())
                            .unwrap_or_else(|| k.clone())
                    })
                    .collect();
                Value::String(labels.join(", "))
            } else {
                Value::String(keys.iter().map(|k| format!("|{k}|")).collect())
            }
        }
        FieldType::Date if style.formatted => {
            Value::String(german_date(&text(value).unwrap_or_default()))
        }
        FieldType::DateTime if style.formatted => {
            let t = text(value).unwrap_or_default();
            let (date, time) = t.split_once(' ').unwrap_or((t.as_str(), ""));
            Value::String(
                format!("{} {time}", german_date(date))
                    .trim_end()
                    .to_string(),
            )
        }
        _ => Value::String(text(value).unwrap_or_default()),
    }
}

fn number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(u8::from(*b).to_string()),
        _ => None,
    }
}

fn keys(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// `1051` → `1.051`, the customer's German number format.
pub(crate) fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// `123456.5` → `123.456,50`.
fn german_decimal(n: f64, digits: usize) -> String {
    let fixed = format!("{:.digits$}", n.abs());
    let (whole, frac) = fixed.split_once('.').unwrap_or((fixed.as_str(), ""));
    let grouped = group_thousands(whole.parse::<i64>().unwrap_or(0));
    let sign = if n < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// `2024-01-31` → `31.01.2024`; anything else unchanged.
fn german_date(date: &str) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => format!("{d}.{m}.{y}"),
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_the_german_format() {
        assert_eq!(group_thousands(1051), "1.051");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(-1234567), "-1.234.567");
        assert_eq!(german_decimal(123456.5, 2), "123.456,50");
        assert_eq!(german_date("2024-01-31"), "31.01.2024");
    }
}
