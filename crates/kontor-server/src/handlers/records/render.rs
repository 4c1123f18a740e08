//! Stored values as the API writes them.
//!
//! Raw mode (`formatoutput` false, what integrations parse): every value is a string (but
//! the integer fields of addresses, which are numbers) —
//! `"0"`/`"1"` for booleans, `"123456.56"` for prices, `"50.78580"` for coordinates, select
//! keys as they are, multi-selects pipe-wrapped (`"|a||b|"`); an unset select is `null`, an
//! unset number `"0"`, unset text `""`. Formatted mode (`formatoutput` true, what websites
//! show): select labels in `outputlanguage`, German number format, currency and area units.

use std::fmt::Write;

use kontor_proto::data_writer::DataWriter;
use kontor_proto::Language;
use kontor_store::fields::{FieldDef, FieldType};
use kontor_store::records::DocValue;
use serde_json::Value;

/// How values are written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub formatted: bool,
    pub lang: Language,
    /// Integer fields as JSON numbers (`"KdNr":51`) instead of text: addresses in raw mode.
    pub integers_as_numbers: bool,
}

/// Decimals of a float in raw mode: money and areas have two, everything else (coordinates,
/// energy values) five, as the recorded responses show. Writes take no more (`numbers.rs`).
pub(crate) fn decimals(field: &FieldDef) -> usize {
    match field.measure.as_deref() {
        Some("DATA_TYPE_MONETARY")
        | Some("DATA_TYPE_AREA")
        | Some("DATA_TYPE_MONETARY_WITHOUT_CURRENCY") => 2,
        _ => 5,
    }
}

/// A rendered value: text borrowed from the document, text written into the caller's
/// scratch buffer, or null.
#[derive(Clone, Copy)]
enum Piece<'v> {
    Null,
    Borrowed(&'v str),
    Scratch,
}

impl<'v> Piece<'v> {
    /// The text, `None` for null.
    fn get<'s>(self, scratch: &'s str) -> Option<&'s str>
    where
        'v: 's,
    {
        match self {
            Piece::Null => None,
            Piece::Borrowed(text) => Some(text),
            Piece::Scratch => Some(scratch),
        }
    }
}

/// A value as the API writes it, as a JSON value.
pub(crate) fn render(field: &FieldDef, value: Option<&DocValue<'_>>, style: Style) -> Value {
    let mut scratch = String::new();
    match piece(field, value, style, &mut scratch) {
        Piece::Null => Value::Null,
        Piece::Borrowed(text) => Value::String(text.to_string()),
        Piece::Scratch => Value::String(scratch),
    }
}

/// A value as the API writes it, straight into a list answer. `scratch` is reused from value
/// to value, so that numbers and labels need no allocation of their own.
pub(crate) fn write(
    out: &mut DataWriter,
    field: &FieldDef,
    value: Option<&DocValue<'_>>,
    style: Style,
    scratch: &mut String,
) {
    // COMPAT: WP's applicant search reads `{"id":122,"KdNr":51}`: the real API writes an
    // address's integer fields as numbers in raw mode, as it writes the record id.
    if style.integers_as_numbers && field.ty == FieldType::Integer {
        return out.int(integer(value));
    }
    match piece(field, value, style, scratch) {
        Piece::Null => out.null(),
        Piece::Borrowed(text) => out.text(text),
        Piece::Scratch => out.text(scratch),
    }
}

fn piece<'v>(
    field: &'v FieldDef,
    value: Option<&'v DocValue<'v>>,
    style: Style,
    scratch: &mut String,
) -> Piece<'v> {
    scratch.clear();
    let value = value.filter(|v| !matches!(v, DocValue::Null));
    match field.ty {
        FieldType::Integer | FieldType::User => {
            let n = integer(value);
            if style.formatted {
                scratch.push_str(&group_thousands(n));
            } else {
                let _ = write!(scratch, "{n}");
            }
            Piece::Scratch
        }
        FieldType::Float => {
            let n = number(value).unwrap_or(0.0);
            let digits = decimals(field);
            if style.formatted && digits == 2 {
                scratch.push_str(&german_decimal(n, 2));
                scratch.push_str(match field.measure.as_deref() {
                    Some("DATA_TYPE_MONETARY") => " €",
                    Some("DATA_TYPE_AREA") => " m²",
                    _ => "",
                });
            } else {
                push_fixed(scratch, n, digits);
            }
            Piece::Scratch
        }
        FieldType::Boolean => {
            let on = number(value).is_some_and(|n| n != 0.0);
            Piece::Borrowed(match (style.formatted, style.lang == Language::DEU, on) {
                (true, true, true) => "Ja",
                (true, true, false) => "Nein",
                (true, false, true) => "Yes",
                (true, false, false) => "No",
                (false, _, true) => "1",
                (false, _, false) => "0",
            })
        }
        FieldType::SingleSelect => {
            let key = text(value, scratch);
            let label = key
                .get(scratch)
                .filter(|_| style.formatted)
                .and_then(|k| field.option(k));
            match label {
                Some(o) => Piece::Borrowed(o.labels.get(style.lang)),
                None => key,
            }
        }
        FieldType::MultiSelect => {
            let keys = keys(value);
            if style.formatted {
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        scratch.push_str(", ");
                    }
                    match field.option(k) {
                        Some(o) => scratch.push_str(o.labels.get(style.lang)),
                        None => scratch.push_str(k),
                    }
                }
            } else {
                for k in &keys {
                    scratch.push('|');
                    scratch.push_str(k);
                    scratch.push('|');
                }
            }
            Piece::Scratch
        }
        FieldType::Date if style.formatted => {
            let date = german_date(text(value, scratch).get(scratch).unwrap_or_default());
            scratch.clear();
            scratch.push_str(&date);
            Piece::Scratch
        }
        FieldType::DateTime if style.formatted => {
            let t = text(value, scratch)
                .get(scratch)
                .unwrap_or_default()
                .to_string();
            let (date, time) = t.split_once(' ').unwrap_or((t.as_str(), ""));
            scratch.clear();
            let _ = write!(scratch, "{} {time}", german_date(date));
            scratch.truncate(scratch.trim_end().len());
            Piece::Scratch
        }
        _ => match text(value, scratch) {
            Piece::Null => Piece::Borrowed(""),
            t => t,
        },
    }
}

/// `n` with `digits` decimals, as `format!("{n:.digits$}")` writes it. Where the shortest
/// form that reads back as `n` has no more decimals than that, it is that form padded with
/// zeros: below 10^10 a double is within far less than half a unit of the last decimal of
/// that form, so rounding the exact value gives the same digits. Only the rest take the
/// exact (and much slower) formatting: it was a visible share of a listing's time.
fn push_fixed(out: &mut String, n: f64, digits: usize) {
    let start = out.len();
    if n.is_finite() && n.abs() < 1e10 {
        let _ = write!(out, "{n}");
        let written = &out[start..];
        let decimals = written.find('.').map(|dot| written.len() - dot - 1);
        match decimals {
            None => {
                out.push('.');
                out.extend(std::iter::repeat_n('0', digits));
                return;
            }
            Some(d) if d <= digits => {
                out.extend(std::iter::repeat_n('0', digits - d));
                return;
            }
            Some(_) => out.truncate(start),
        }
    }
    let _ = write!(out, "{n:.digits$}");
}

/// An integer field's value; unset reads as 0.
fn integer(value: Option<&DocValue<'_>>) -> i64 {
    number(value.filter(|v| !matches!(v, DocValue::Null)))
        .map(|n| n.round() as i64)
        .unwrap_or(0)
}

fn number(value: Option<&DocValue<'_>>) -> Option<f64> {
    match value? {
        DocValue::Number(n) => n.as_f64(),
        DocValue::Text(s) => s.trim().parse().ok(),
        DocValue::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// The text of a value, as the raw mode writes it; null for unset, empty and structured
/// values. Numbers are written into `scratch`.
fn text<'v>(value: Option<&'v DocValue<'v>>, scratch: &mut String) -> Piece<'v> {
    match value {
        Some(DocValue::Text(s)) if !s.is_empty() => Piece::Borrowed(s),
        Some(DocValue::Number(n)) => {
            scratch.clear();
            let _ = write!(scratch, "{n}");
            Piece::Scratch
        }
        Some(DocValue::Bool(b)) => Piece::Borrowed(if *b { "1" } else { "0" }),
        _ => Piece::Null,
    }
}

fn keys<'v>(value: Option<&DocValue<'v>>) -> Vec<std::borrow::Cow<'v, str>> {
    match value {
        Some(DocValue::List(items)) => items
            .iter()
            .filter_map(|v| match v {
                DocValue::Text(s) => Some(s),
                _ => None,
            })
            .collect(),
        Some(DocValue::Text(s)) if !s.is_empty() => vec![s.clone()],
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

    /// The quick path writes exactly what exact formatting writes, for every kind of value
    /// a document holds: whole, short and long decimals, halves, tiny and huge numbers.
    #[test]
    fn fixed_decimals_match_exact_formatting() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            0.5,
            0.125,
            0.005,
            0.015,
            2.675,
            1.005,
            245000.0,
            123456.56,
            50.7858,
            6.08333,
            1e-7,
            9_999_999_999.995,
            1e10,
            1e21,
            -12.345,
            f64::MAX,
            f64::MIN_POSITIVE,
            0.1 + 0.2,
            1.0 / 3.0,
        ];
        // A spread of prices, areas and coordinates, as the seeder writes them.
        let mut x = 0.37_f64;
        for i in 0..20_000 {
            x = (x * 7919.0 + f64::from(i)) % 1_000_000.0;
            values.push((x * 100.0).round() / 100.0);
            values.push(x / 17.0);
            values.push(-(x / 1000.0));
        }
        for n in values {
            for digits in [2, 5] {
                let mut quick = String::new();
                push_fixed(&mut quick, n, digits);
                assert_eq!(quick, format!("{n:.digits$}"), "{n:e} with {digits}");
            }
        }
    }

    #[test]
    fn numbers_take_the_german_format() {
        assert_eq!(group_thousands(1051), "1.051");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(-1234567), "-1.234.567");
        assert_eq!(german_decimal(123456.5, 2), "123.456,50");
        assert_eq!(german_date("2024-01-31"), "31.01.2024");
    }
}
