//! Turning `ReadParams` into a store query, field by field against the configuration.

use kontor_proto::calls::read::{FilterOp, GeoRange, Operand, ReadParams, Scalar};
use kontor_proto::{ApiError, ErrorCode};
use kontor_store::fields::{FieldConfig, FieldDef, FieldType};
use kontor_store::geo;
use kontor_store::records::{
    contact_field, effective_kind, FieldCondition, FieldSort, GeoCircle, Module, RecordQuery,
    ValueKind,
};

/// The store's comparison kind of a field type.
pub(crate) fn value_kind(ty: FieldType) -> ValueKind {
    match ty {
        FieldType::MultiSelect => ValueKind::Multi,
        t if t.is_numeric() => ValueKind::Number,
        _ => ValueKind::Text,
    }
}

/// A field that may be read, filtered or sorted: configured fields, the record id, and the
/// address contact pseudo-fields.
pub(crate) enum Readable<'a> {
    Field(&'a FieldDef),
    Id,
    Uuid,
    /// Address contact entries (`email`, `defaultphone`, …), kept beside the fields; the
    /// store knows where and filters on them.
    Contacts,
    /// Addresses' `imageUrl`, the passport photo: Kontor keeps no files.
    Image,
}

pub(crate) fn readable<'a>(
    config: &'a FieldConfig,
    module: Module,
    id_field: &str,
    name: &str,
) -> Option<Readable<'a>> {
    if name == id_field {
        return Some(Readable::Id);
    }
    if name == "uuid" {
        return Some(Readable::Uuid);
    }
    if contact_field(module, name).is_some() {
        return Some(Readable::Contacts);
    }
    if module == Module::ADDRESS && name == "imageUrl" {
        return Some(Readable::Image);
    }
    config.get(name).map(Readable::Field)
}

fn kind_of(r: &Readable<'_>) -> ValueKind {
    match r {
        Readable::Field(f) => value_kind(f.ty),
        Readable::Id => ValueKind::Number,
        Readable::Uuid | Readable::Contacts | Readable::Image => ValueKind::Text,
    }
}

/// Why a field cannot be filtered or sorted on, if it cannot: Kontor keeps no value of
/// `uuid` (in an index), of computed fields and of `imageUrl` to compare.
fn not_comparable(field: &Readable<'_>) -> Option<String> {
    match field {
        Readable::Uuid => {
            Some("uuid cannot be filtered or sorted on yet; read by resourceid instead".into())
        }
        Readable::Image => Some("imageUrl is the passport photo's link, not a value".into()),
        Readable::Field(FieldDef {
            computed: Some(computed),
            name,
            ..
        }) => Some(format!(
            "{name} is computed when it is read; use {} instead",
            computed.compared_as().join(", ")
        )),
        _ => None,
    }
}

/// Builds the store query. `ids` restricts to records (`resourceid`, `recordids`).
pub(crate) fn resolve(
    config: &FieldConfig,
    module: Module,
    id_field: &str,
    params: &ReadParams,
    ids: Option<Vec<i64>>,
) -> Result<RecordQuery, ApiError> {
    let mut conditions = Vec::with_capacity(params.filter.len());
    // The docs: a filter is ignored when a single record is read by its id.
    let filters = if ids.is_some() && params.recordids.is_empty() {
        &[][..]
    } else {
        &params.filter[..]
    };
    for c in filters {
        let field = readable(config, module, id_field, &c.field)
            .ok_or_else(|| ApiError::with_detail(ErrorCode::UnknownField, c.field.as_str()))?;
        if let Some(why) = not_comparable(&field) {
            return Err(
                ApiError::with_detail(ErrorCode::FilterValidation, c.field.as_str()).hint(why),
            );
        }
        let kind = effective_kind(module, &c.field, kind_of(&field));
        check_operator(&c.field, kind, c.op)?;
        if kind == ValueKind::Number {
            check_numeric(&c.field, &c.operand)?;
        }
        conditions.push(FieldCondition {
            field: c.field.clone(),
            kind,
            op: c.op,
            operand: c.operand.clone(),
        });
    }
    let mut sort = Vec::with_capacity(params.sort.len());
    for s in &params.sort {
        let field = readable(config, module, id_field, &s.field).ok_or_else(|| {
            ApiError::new(ErrorCode::UnknownSortField).hint(format!("{} is not a field", s.field))
        })?;
        if let Some(why) = not_comparable(&field) {
            return Err(ApiError::new(ErrorCode::UnknownSortField).hint(why));
        }
        let kind = effective_kind(module, &s.field, kind_of(&field));
        if kind == ValueKind::Multi || matches!(field, Readable::Contacts) {
            return Err(ApiError::new(ErrorCode::UnknownSortField)
                .hint(format!("{} cannot be sorted on", s.field)));
        }
        sort.push(FieldSort {
            field: s.field.clone(),
            kind,
            descending: s.descending,
        });
    }
    for name in &params.data {
        if readable(config, module, id_field, name).is_none() {
            return Err(ApiError::with_detail(
                ErrorCode::UnknownField,
                name.as_str(),
            ));
        }
    }
    // The docs offer the radius search on estates only, and only estates keep their
    // coordinates in the indexed columns it compares.
    if module == Module::ADDRESS && params.georangesearch.is_some() {
        return Err(
            ApiError::with_detail(ErrorCode::InvalidValueForParameter, "georangesearch").hint(
                "the radius search works on estates; filter addresses on breitengrad and laengengrad with between",
            ),
        );
    }
    Ok(RecordQuery {
        conditions,
        sort,
        ids,
        geo: params.georangesearch.as_ref().map(circle).transpose()?,
        limit: params.listlimit,
        offset: params.listoffset,
        language: None,
        fields: None,
    })
}

fn check_operator(field: &str, kind: ValueKind, op: FilterOp) -> Result<(), ApiError> {
    match (kind, op) {
        (
            ValueKind::Multi,
            FilterOp::Lt | FilterOp::Gt | FilterOp::Le | FilterOp::Ge | FilterOp::Between,
        ) => {
            Err(ApiError::new(ErrorCode::MultiselectFieldsCanOnlyBeFiltered)
                .hint(field.to_string()))
        }
        (ValueKind::Number, FilterOp::Like | FilterOp::NotLike) => {
            Err(ApiError::with_detail(ErrorCode::FilterValidation, field)
                .hint("like works on text fields; use =, <, >, between or in on numbers"))
        }
        _ => Ok(()),
    }
}

fn check_numeric(field: &str, operand: &Operand) -> Result<(), ApiError> {
    let values: Vec<&Scalar> = match operand {
        Operand::One(v) => vec![v],
        Operand::Many(list) => list.iter().collect(),
        Operand::Range(a, b) => vec![a, b],
    };
    match values.into_iter().find(|v| v.as_f64().is_none()) {
        Some(bad) => Err(ApiError::with_detail(ErrorCode::FilterValidation, field)
            .hint(format!("{} is not a number", bad.as_text()))),
        None => Ok(()),
    }
}

fn circle(range: &GeoRange) -> Result<GeoCircle, ApiError> {
    let unknown =
        |what: String| ApiError::new(ErrorCode::IncompleteParametersForGeoRangeSearch).hint(what);
    match range {
        GeoRange::Point {
            lat,
            lon,
            radius_km,
        } => Ok(GeoCircle {
            lat: *lat,
            lon: *lon,
            radius_km: *radius_km,
        }),
        GeoRange::Zip {
            country,
            zip,
            radius_km,
        } => {
            check_country(country)?;
            let place = geo::PLACES.iter().find(|p| p.zip == zip).ok_or_else(|| {
                unknown(format!("postcode {zip} is not in Kontor's postcode table"))
            })?;
            Ok(GeoCircle {
                lat: place.lat,
                lon: place.lon,
                radius_km: *radius_km,
            })
        }
        GeoRange::City {
            country,
            city,
            radius_km,
        } => {
            check_country(country)?;
            let place = geo::PLACES
                .iter()
                .find(|p| {
                    p.city.eq_ignore_ascii_case(city)
                        || p.city.to_lowercase() == city.to_lowercase()
                })
                .ok_or_else(|| unknown(format!("city {city} is not in Kontor's postcode table")))?;
            Ok(GeoCircle {
                lat: place.lat,
                lon: place.lon,
                radius_km: *radius_km,
            })
        }
    }
}

fn check_country(country: &str) -> Result<(), ApiError> {
    if country.eq_ignore_ascii_case("DEU") {
        Ok(())
    } else {
        Err(
            ApiError::new(ErrorCode::IncompleteParametersForGeoRangeSearch).hint(format!(
                "country {country}: Kontor's postcode table covers DEU only"
            )),
        )
    }
}
