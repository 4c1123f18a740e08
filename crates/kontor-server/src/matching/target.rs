//! What is matched: an estate's values by criterion field name, and its place.

use std::collections::HashMap;

use kontor_proto::{ApiError, ErrorCode};
use kontor_store::fields::{FieldConfig, FieldType};
use kontor_store::geo;
use serde_json::{Map, Value};

use super::{criteria_fields, number, target_name};

/// The widest radius a search may add, as the criteria take it (docs/compat.md).
const MAX_RADIUS_KM: f64 = 1_000.0;

/// The values criteria are tested against.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Target {
    /// Criterion field (a range by its own name, `kaufpreis`) → the values, any of which
    /// may suit (comma-separated values are alternatives).
    pub values: HashMap<String, Vec<Value>>,
    /// Latitude and longitude, where known.
    pub point: Option<(f64, f64)>,
    /// A radius of the search's own around `point`: criteria whose circle reaches it suit.
    pub radius_km: f64,
}

fn invalid(name: &str, hint: String) -> ApiError {
    ApiError::with_detail(ErrorCode::InvalidValueForParameter, name).hint(hint)
}

/// A value as its alternatives: lists item by item, text split at commas.
fn alternatives(value: &Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items.iter().flat_map(alternatives).collect(),
        Value::String(s) => s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Value::String(s.to_string()))
            .collect(),
        Value::Null => Vec::new(),
        other => vec![other.clone()],
    }
}

/// The place a postcode or town stands for in Kontor's postcode table.
fn place(zip: Option<&str>, town: Option<&str>) -> Option<(f64, f64)> {
    let by_zip = zip.and_then(|z| geo::PLACES.iter().find(|p| p.zip == z.trim()));
    let by_town = || {
        town.and_then(|t| {
            geo::PLACES
                .iter()
                .find(|p| p.city.to_lowercase() == t.trim().to_lowercase())
        })
    };
    by_zip.or_else(by_town).map(|p| (p.lat, p.lon))
}

fn text<'a>(data: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    data.get(name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A latitude/longitude pair as given, bounded to the globe.
fn coordinates(
    data: &Map<String, Value>,
    lat: &str,
    lon: &str,
) -> Result<Option<(f64, f64)>, ApiError> {
    let read = |name: &str, bound: f64| -> Result<Option<f64>, ApiError> {
        match data
            .get(name)
            .filter(|v| !v.is_null() && v.as_str() != Some(""))
        {
            None => Ok(None),
            Some(v) => match number(v) {
                Some(n) if n.abs() <= bound => Ok(Some(n)),
                _ => Err(invalid(
                    name,
                    format!("{name} is a degree from -{bound} to {bound}; got {v}"),
                )),
            },
        }
    };
    match (read(lat, 90.0)?, read(lon, 180.0)?) {
        (Some(a), Some(b)) => Ok(Some((a, b))),
        (None, None) => Ok(None),
        (Some(_), None) => Err(invalid(lon, format!("{lat} needs {lon} beside it"))),
        (None, Some(_)) => Err(invalid(lat, format!("{lon} needs {lat} beside it"))),
    }
}

/// The names `searchdata` takes for the place searched around.
const PLACE_FIELDS: &[&str] = &[
    "range",
    "range_plz",
    "range_ort",
    "range_breitengrad",
    "range_laengengrad",
    "range_strasse",
    "range_hausnummer",
    "range_land",
];

/// `searchdata` of `get search`: criteria field names (ranges by their own name, `kaufpreis`)
/// and the place (`range_plz`, `range_ort` or `range_breitengrad` + `range_laengengrad`, with
/// an optional `range` in km). Any other name is refused, so that a typo is not a search
/// that silently ignores it.
pub(crate) fn from_search(
    config: &FieldConfig,
    data: &Map<String, Value>,
) -> Result<Target, ApiError> {
    let mut target = Target::default();
    for (name, value) in data {
        if PLACE_FIELDS.contains(&name.as_str()) {
            continue;
        }
        let Some(field) = criteria_fields(config).find(|f| target_name(f) == name) else {
            return Err(ApiError::with_detail(ErrorCode::UnknownField, name.as_str()).hint(format!(
                "searchdata takes search criteria fields (get searchCriteriaFields) and {}; {name} is none of them",
                PLACE_FIELDS.join(", ")
            )));
        };
        let values = alternatives(value);
        let numeric =
            field.range.is_some() || matches!(field.ty, FieldType::Integer | FieldType::Float);
        if numeric {
            if let Some(bad) = values.iter().find(|v| number(v).is_none()) {
                return Err(invalid(name, format!("{name} is a number; got {bad}")));
            }
        }
        target.values.insert(name.clone(), values);
    }
    target.point = match coordinates(data, "range_breitengrad", "range_laengengrad")? {
        Some(point) => Some(point),
        None => {
            let (zip, town) = (text(data, "range_plz"), text(data, "range_ort"));
            match (zip, town) {
                (None, None) => None,
                _ => Some(place(zip, town).ok_or_else(|| {
                    invalid(
                        zip.map_or("range_ort", |_| "range_plz"),
                        format!(
                            "Kontor's postcode table does not know {}; give range_breitengrad and range_laengengrad",
                            zip.or(town).unwrap_or_default()
                        ),
                    )
                })?),
            }
        }
    };
    if let Some(value) = data
        .get("range")
        .filter(|v| !v.is_null() && v.as_str() != Some(""))
    {
        target.radius_km = match number(value) {
            Some(km) if (0.0..=MAX_RADIUS_KM).contains(&km) => km,
            _ => {
                return Err(invalid(
                    "range",
                    format!("range is a radius of 0 to {MAX_RADIUS_KM} km; got {value}"),
                ))
            }
        };
        if target.point.is_none() {
            return Err(invalid(
                "range",
                "a radius needs a centre: give range_plz, range_ort or range_breitengrad and range_laengengrad".into(),
            ));
        }
    }
    Ok(target)
}

/// A stored estate (its fields of the criteria's names, and `breitengrad`/`laengengrad`),
/// with `overrides` (`estatedata`) standing in for the values they name.
pub(crate) fn from_estate(
    config: &FieldConfig,
    estate: &Map<String, Value>,
    overrides: &Map<String, Value>,
) -> Result<Target, ApiError> {
    let mut target = Target::default();
    for field in criteria_fields(config) {
        let name = target_name(field);
        let value = overrides.get(name).or_else(|| estate.get(name));
        let values = value.map(alternatives).unwrap_or_default();
        // An unset number reads as 0 in the estate; 0 rooms or 0 € is no value to match.
        let values: Vec<Value> = values
            .into_iter()
            .filter(|v| !(field.range.is_some() && number(v) == Some(0.0)))
            .collect();
        if !values.is_empty() {
            target.values.insert(name.to_string(), values);
        }
    }
    let mut place_data = estate.clone();
    place_data.extend(overrides.clone());
    target.point = coordinates(&place_data, "breitengrad", "laengengrad")?
        .filter(|(lat, lon)| *lat != 0.0 || *lon != 0.0)
        .or_else(|| place(text(&place_data, "plz"), text(&place_data, "ort")));
    Ok(target)
}
