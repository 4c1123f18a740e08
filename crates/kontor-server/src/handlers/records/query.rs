//! Turning `ReadParams` into a store query, field by field against the configuration.

use kontor_proto::calls::read::{FilterOp, GeoRange, Operand, ReadParams, Scalar};
use kontor_proto::{ApiError, ErrorCode};
use kontor_store::fields::{FieldConfig, FieldDef, FieldType};
use kontor_store::geo;
use kontor_store::records::{
    effective_kind, FieldCondition, FieldSort, GeoCircle, Module, RecordQuery, ValueKind,
};

use crate::modules::{Hooks, Pseudo};

/// The store's comparison kind of a field type.
pub(crate) fn value_kind(ty: FieldType) -> ValueKind {
    match ty {
        FieldType::MultiSelect => ValueKind::Multi,
        t if t.is_numeric() => ValueKind::Number,
        _ => ValueKind::Text,
    }
}

/// A field that may be read, filtered or sorted: configured fields, the record id, and the
/// module's pseudo-fields.
pub(crate) enum Readable<'a> {
    Field(&'a FieldDef),
    Id,
    Uuid,
    Pseudo(Pseudo),
}

/// What a read's names are resolved against: the tenant's configuration of the module, and
/// the module's own pseudo-fields.
pub(crate) struct Fields<'a> {
    pub config: &'a FieldConfig,
    /// The module read (for language versions, the versions).
    pub module: Module,
    pub hooks: &'a dyn Hooks,
}

impl<'a> Fields<'a> {
    pub(crate) fn readable(&self, name: &str) -> Option<Readable<'a>> {
        if name == self.module.id_field {
            return Some(Readable::Id);
        }
        if name == "uuid" {
            return Some(Readable::Uuid);
        }
        if let Some(pseudo) = self.hooks.pseudo_field(name) {
            return Some(Readable::Pseudo(pseudo));
        }
        self.config.get(name).map(Readable::Field)
    }
}

fn kind_of(r: &Readable<'_>) -> ValueKind {
    match r {
        Readable::Field(f) => value_kind(f.ty),
        Readable::Id => ValueKind::Number,
        Readable::Uuid | Readable::Pseudo(_) => ValueKind::Text,
    }
}

/// Why a field cannot be filtered or sorted on, if it cannot: Kontor keeps no value of
/// `uuid` (in an index), of computed fields and of `imageUrl` to compare.
fn not_comparable(field: &Readable<'_>) -> Option<String> {
    match field {
        Readable::Uuid => {
            Some("uuid cannot be filtered or sorted on yet; read by resourceid instead".into())
        }
        Readable::Pseudo(Pseudo::Unstored) => Some("it names a file, not a value".into()),
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
    fields: &Fields<'_>,
    params: &ReadParams,
    ids: Option<Vec<i64>>,
) -> Result<RecordQuery, ApiError> {
    let module = fields.module;
    let mut conditions = Vec::with_capacity(params.filter.len());
    // The docs: a filter is ignored when a single record is read by its id.
    let filters = if ids.is_some() && params.recordids.is_empty() {
        &[][..]
    } else {
        &params.filter[..]
    };
    for c in filters {
        let field = fields
            .readable(&c.field)
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
        let field = fields.readable(&s.field).ok_or_else(|| {
            ApiError::new(ErrorCode::UnknownSortField).hint(format!("{} is not a field", s.field))
        })?;
        if let Some(why) = not_comparable(&field) {
            return Err(ApiError::new(ErrorCode::UnknownSortField).hint(why));
        }
        let kind = effective_kind(module, &s.field, kind_of(&field));
        if kind == ValueKind::Multi || matches!(field, Readable::Pseudo(_)) {
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
        if fields.readable(name).is_none() {
            return Err(ApiError::with_detail(
                ErrorCode::UnknownField,
                name.as_str(),
            ));
        }
    }
    // The docs offer the radius search on estates only.
    if !module.radius_search && params.georangesearch.is_some() {
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
