//! Validating written fields against the configuration and normalising their values, so that
//! the store only ever holds typed JSON: numbers for numeric fields, strings for text and
//! single-selects, lists of keys for multi-selects.

use kontor_proto::{ApiError, ErrorCode};
use kontor_store::fields::{FieldConfig, FieldDef, FieldType, RANGE_FROM, RANGE_TO};
use kontor_store::modules::Stamp;
use kontor_store::Module;
use serde_json::{Map, Value};

/// The configured defaults of the fields a create leaves out (estate `status` "1", address
/// `Land` "DEU"), so that a new record reads like one made in the CRM.
pub(crate) fn apply_defaults(config: &FieldConfig, doc: &mut Map<String, Value>) {
    for field in config.fields() {
        if let (Some(default), false) = (&field.default, field.read_only) {
            if !doc.contains_key(&field.name) {
                if let Ok(value) = normalise(field, &Value::String(default.clone())) {
                    doc.insert(field.name.clone(), value);
                }
            }
        }
    }
}

/// Validates every field of a write; nothing is written unless all of them pass.
pub(crate) fn validate(
    config: &FieldConfig,
    module: Module,
    data: &Map<String, Value>,
) -> Result<Map<String, Value>, ApiError> {
    let mut out = Map::new();
    for (name, value) in data {
        // A range as one pair (`"kaufpreis": ["250000", "500000"]`, the modify docs).
        if let (None, Some((from, to))) = (config.get(name), config.range_ends(name)) {
            let [low, high] = range_pair(name, value)?;
            out.insert(from.name.clone(), normalise(from, low)?);
            out.insert(to.name.clone(), normalise(to, high)?);
            continue;
        }
        let field = config
            .get(name)
            .ok_or_else(|| ApiError::with_detail(module.unknown_field, name.as_str()))?;
        if field.read_only {
            return Err(
                ApiError::with_detail(ErrorCode::InvalidInputField, name.as_str())
                    .hint("the field is set by the system"),
            );
        }
        out.insert(name.clone(), normalise(field, value)?);
    }
    check_ranges(config, &out)?;
    Ok(out)
}

/// The two ends of a range sent as one value.
fn range_pair<'v>(name: &str, value: &'v Value) -> Result<[&'v Value; 2], ApiError> {
    match value {
        Value::Array(items) if items.len() == 2 => Ok([&items[0], &items[1]]),
        _ => Err(
            ApiError::with_detail(ErrorCode::InvalidValueForParameter, name).hint(format!(
                "{name} is a range: send [from, to], or {name}{RANGE_FROM} and {name}{RANGE_TO}; got {value}"
            )),
        ),
    }
}

/// Every range in `doc` whose two ends are both set runs upwards. An end of 0 is unset
/// (an open range), as the stored form of an empty number is 0.
pub(crate) fn check_ranges(config: &FieldConfig, doc: &Map<String, Value>) -> Result<(), ApiError> {
    for (name, value) in doc {
        let Some(end) = config.get(name).and_then(|f| f.range.as_ref()) else {
            continue;
        };
        if end.upper {
            continue;
        }
        let to = format!("{}{RANGE_TO}", end.base);
        let (Some(low), Some(high)) = (value.as_f64(), doc.get(&to).and_then(Value::as_f64)) else {
            continue;
        };
        if low != 0.0 && high != 0.0 && low > high {
            return Err(
                ApiError::with_detail(ErrorCode::InvalidValueForParameter, name.as_str()).hint(
                    format!("{name} ({low}) is greater than {to} ({high}); swap them"),
                ),
            );
        }
    }
    Ok(())
}

/// A number within the field's bounds (`min`/`max` of the catalog), if it has any.
fn within_bounds(field: &FieldDef, value: Value) -> Result<Value, ApiError> {
    match (field.bounds, value.as_f64()) {
        (Some((min, max)), Some(n)) if n < min as f64 || n > max as f64 => Err(
            ApiError::with_detail(ErrorCode::InvalidValueForParameter, field.name.as_str())
                .hint(format!("{} takes {min} to {max}; got {n}", field.name)),
        ),
        _ => Ok(value),
    }
}

fn wrong(code: ErrorCode, field: &FieldDef, value: &Value) -> ApiError {
    ApiError::with_detail(code, field.name.as_str()).hint(format!("got {value}"))
}

/// One value in its stored form.
pub(crate) fn normalise(field: &FieldDef, value: &Value) -> Result<Value, ApiError> {
    match field.ty {
        FieldType::Integer | FieldType::User => {
            within_bounds(field, super::limits::integer(field, value)?)
        }
        FieldType::Float => within_bounds(
            field,
            super::limits::float(field, value, super::render::decimals(field))?,
        ),
        FieldType::Boolean => match value {
            Value::Bool(b) => Ok(Value::from(i64::from(*b))),
            Value::Null => Ok(Value::from(0)),
            Value::Number(n) if matches!(n.as_i64(), Some(0 | 1)) => Ok(value.clone()),
            Value::String(s) if matches!(s.as_str(), "0" | "1" | "") => {
                Ok(Value::from(i64::from(s == "1")))
            }
            Value::String(s) if s == "true" || s == "false" => {
                Ok(Value::from(i64::from(s == "true")))
            }
            _ => Err(wrong(ErrorCode::ExpectedInteger, field, value)),
        },
        FieldType::SingleSelect => {
            let key = scalar_text(value)
                .ok_or_else(|| wrong(ErrorCode::InvalidSingleselectKey, field, value))?;
            // "" means "no specification" (docs, §6.6).
            if !key.is_empty() && field.option(&key).is_none() {
                return Err(
                    ApiError::with_detail(ErrorCode::InvalidSingleselectKey, key).hint(format!(
                        "{} takes one of: {}",
                        field.name,
                        keys_of(field)
                    )),
                );
            }
            Ok(Value::String(key))
        }
        FieldType::MultiSelect => {
            let list: Vec<String> = match value {
                Value::Array(items) => items
                    .iter()
                    .map(|v| {
                        scalar_text(v)
                            .ok_or_else(|| wrong(ErrorCode::InvalidMultiselectKey, field, v))
                    })
                    .collect::<Result<_, _>>()?,
                Value::Null => Vec::new(),
                Value::String(s) if s.is_empty() => Vec::new(),
                Value::String(s) => vec![s.clone()],
                _ => return Err(wrong(ErrorCode::InvalidMultiselectKey, field, value)),
            };
            if let Some(bad) = list.iter().find(|k| field.option(k).is_none()) {
                return Err(
                    ApiError::with_detail(ErrorCode::InvalidMultiselectKey, bad.as_str())
                        .hint(format!("{} takes any of: {}", field.name, keys_of(field))),
                );
            }
            let mut unique: Vec<String> = Vec::with_capacity(list.len());
            for k in list {
                if !unique.contains(&k) {
                    unique.push(k);
                }
            }
            Ok(Value::Array(
                unique.into_iter().map(Value::String).collect(),
            ))
        }
        FieldType::Date => {
            let text = scalar_text(value).unwrap_or_default();
            if text.is_empty() || is_date(&text) {
                Ok(Value::String(text))
            } else {
                Err(ApiError::new(ErrorCode::InvalidDate)
                    .hint(format!("{}: use YYYY-MM-DD, got {text}", field.name)))
            }
        }
        FieldType::DateTime => {
            let text = scalar_text(value).unwrap_or_default();
            if text.is_empty() {
                Ok(Value::String(text))
            } else if is_date(&text) {
                Ok(Value::String(format!("{text} 00:00:00")))
            } else if is_datetime(&text) {
                Ok(Value::String(text))
            } else {
                Err(ApiError::new(ErrorCode::InvalidDate).hint(format!(
                    "{}: use YYYY-MM-DD HH:MM:SS, got {text}",
                    field.name
                )))
            }
        }
        FieldType::Varchar | FieldType::Text | FieldType::Blob => {
            let text =
                scalar_text(value).ok_or_else(|| wrong(ErrorCode::ExpectedString, field, value))?;
            super::limits::check_text(field, &text)?;
            Ok(Value::String(text))
        }
    }
}

fn keys_of(field: &FieldDef) -> String {
    let keys: Vec<&str> = field
        .values
        .iter()
        .take(30)
        .map(|o| o.key.as_str())
        .collect();
    keys.join(", ")
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(u8::from(*b).to_string()),
        Value::Null => Some(String::new()),
        _ => None,
    }
}

/// A date that exists in the calendar (`2024-02-31` does not).
fn is_date(text: &str) -> bool {
    kontor_proto::time::parse_date(text).is_some()
}

fn is_datetime(text: &str) -> bool {
    kontor_proto::time::parse_datetime(text).is_some()
}

/// Sets the module's system fields: those of every write, and with `create` those of a new
/// record only. `now` is one time for the whole request, `YYYY-MM-DD HH:MM:SS`.
pub(crate) fn stamp(module: Module, doc: &mut Map<String, Value>, now: &str, create: bool) {
    for field in module.system_fields {
        if field.on_modify || create {
            let value = match field.value {
                Stamp::Date => now.get(..10).unwrap_or(now),
                Stamp::DateTime => now,
            };
            doc.insert(field.name.into(), Value::String(value.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2024-02-31"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2024-13-01"));
        assert!(!is_date("24-01-01"));
        assert!(is_datetime("2024-01-31 12:00:00"));
        assert!(!is_datetime("2024-01-31T12:00:00"));
    }
}
