//! Parameters of the list reads (`read estate`, `read address`): field selection, filter,
//! sort and paging, shared by the server and the SDK.
//!
//! ```json
//! {"data":["Id","kaufpreis"],"filter":{"status":[{"op":"=","val":1}],
//!  "kaufpreis":[{"op":"between","val":[100000,300000]}]},
//!  "sortby":{"kaufpreis":"ASC"},"listlimit":20,"listoffset":0}
//! ```
//! Field names are checked against the tenant's field configuration by the server, not here.

use serde_json::{Map, Value};

use super::params::{CallParams, Params};
use crate::{ApiError, ErrorCode, Language};

/// Records per page when the client does not say.
pub const DEFAULT_LIST_LIMIT: u32 = 20;
/// The documented hard limit of a page.
pub const MAX_LIST_LIMIT: u32 = 500;
/// More conditions than this are refused, so that a request cannot build an unbounded query.
pub const MAX_CONDITIONS: usize = 100;
/// More values than this in all conditions together are refused: every value is a bound
/// parameter, and SQLite takes at most 32,766 per statement (PostgreSQL 65,535).
pub const MAX_FILTER_VALUES: usize = 10_000;
/// More sort keys than this are refused for the same reason.
pub const MAX_SORT_KEYS: usize = 10;
/// More selected fields than this are refused (the catalog has a few hundred at most).
pub const MAX_DATA_FIELDS: usize = 1000;
/// `listoffset` beyond this is refused: no real listing pages that far.
pub const MAX_LIST_OFFSET: u64 = 100_000_000;

/// A filter operator, case-insensitive on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterOp {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Like,
    NotLike,
    In,
    NotIn,
    Between,
}

impl FilterOp {
    pub fn parse(text: &str) -> Option<FilterOp> {
        let lower = text.trim().to_ascii_lowercase();
        let squeezed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(match squeezed.as_str() {
            "=" | "is" | "==" => FilterOp::Eq,
            "!=" | "<>" => FilterOp::Ne,
            "<" => FilterOp::Lt,
            ">" => FilterOp::Gt,
            "<=" => FilterOp::Le,
            ">=" => FilterOp::Ge,
            "like" => FilterOp::Like,
            "not like" => FilterOp::NotLike,
            "in" => FilterOp::In,
            "not in" => FilterOp::NotIn,
            "between" => FilterOp::Between,
            _ => return None,
        })
    }

    /// The canonical wire spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            FilterOp::Eq => "=",
            FilterOp::Ne => "!=",
            FilterOp::Lt => "<",
            FilterOp::Gt => ">",
            FilterOp::Le => "<=",
            FilterOp::Ge => ">=",
            FilterOp::Like => "like",
            FilterOp::NotLike => "not like",
            FilterOp::In => "in",
            FilterOp::NotIn => "not in",
            FilterOp::Between => "between",
        }
    }
}

/// A filter or field value as sent: numbers and strings both appear for the same field.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Int(i64),
    Float(f64),
    Text(String),
}

impl Scalar {
    fn from_json(value: &Value) -> Option<Scalar> {
        match value {
            Value::Number(n) => match n.as_i64() {
                Some(i) => Some(Scalar::Int(i)),
                None => n.as_f64().map(Scalar::Float),
            },
            Value::String(s) => Some(Scalar::Text(s.clone())),
            Value::Bool(b) => Some(Scalar::Int(i64::from(*b))),
            _ => None,
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Scalar::Int(i) => Value::from(*i),
            Scalar::Float(f) => Value::from(*f),
            Scalar::Text(s) => Value::String(s.clone()),
        }
    }

    /// The value as a number, when it is one or is a string holding one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Int(i) => Some(*i as f64),
            Scalar::Float(f) => Some(*f),
            Scalar::Text(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        }
    }

    /// The value as text, as a string comparison sees it.
    pub fn as_text(&self) -> String {
        match self {
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Text(s) => s.clone(),
        }
    }
}

/// The operand of a condition, shaped by its operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    One(Scalar),
    Many(Vec<Scalar>),
    Range(Scalar, Scalar),
}

impl Operand {
    /// How many values it holds (each one a bound parameter of a query).
    pub fn len(&self) -> usize {
        match self {
            Operand::One(_) => 1,
            Operand::Many(list) => list.len(),
            Operand::Range(..) => 2,
        }
    }

    /// An operand always holds a value; `Many` lists are never empty after parsing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `field op operand`; conditions combine with AND.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub field: String,
    pub op: FilterOp,
    pub operand: Operand,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    pub field: String,
    pub descending: bool,
}

/// `georangesearch`: around a postcode or city of a country, or around a point.
#[derive(Debug, Clone, PartialEq)]
pub enum GeoRange {
    Zip {
        country: String,
        zip: String,
        radius_km: f64,
    },
    City {
        country: String,
        city: String,
        radius_km: f64,
    },
    Point {
        lat: f64,
        lon: f64,
        radius_km: f64,
    },
}

impl GeoRange {
    /// The wire form of `georangesearch`.
    pub fn to_parameters(&self) -> Map<String, Value> {
        let mut map = Map::new();
        let (radius_km, place) = match self {
            GeoRange::Zip {
                country,
                zip,
                radius_km,
            } => (
                radius_km,
                [
                    ("country", country.as_str().into()),
                    ("zip", zip.as_str().into()),
                ],
            ),
            GeoRange::City {
                country,
                city,
                radius_km,
            } => (
                radius_km,
                [
                    ("country", country.as_str().into()),
                    ("city", city.as_str().into()),
                ],
            ),
            GeoRange::Point {
                lat,
                lon,
                radius_km,
            } => (
                radius_km,
                [("latitude", (*lat).into()), ("longitude", (*lon).into())],
            ),
        };
        for (key, value) in place {
            map.insert(key.into(), value);
        }
        map.insert("radius".into(), (*radius_km).into());
        map
    }
}

/// Parameters of `read estate` / `read address`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadParams {
    pub data: Vec<String>,
    pub filter: Vec<Condition>,
    pub sort: Vec<SortKey>,
    pub listlimit: u32,
    pub listoffset: u64,
    pub formatoutput: bool,
    pub outputlanguage: Option<Language>,
    pub estatelanguage: Option<Language>,
    pub addestatelanguage: bool,
    pub add_main_lang_id: bool,
    pub filterid: Option<i64>,
    pub georangesearch: Option<GeoRange>,
    pub recordids: Vec<i64>,
    /// `countryIsoCodeType`: how addresses' `Land` is written; `None` is full text.
    pub country_iso_code: Option<CountryIsoCode>,
}

/// What a read without parameters means: the first [`DEFAULT_LIST_LIMIT`] records.
impl Default for ReadParams {
    fn default() -> Self {
        ReadParams {
            data: Vec::new(),
            filter: Vec::new(),
            sort: Vec::new(),
            listlimit: DEFAULT_LIST_LIMIT,
            listoffset: 0,
            formatoutput: false,
            outputlanguage: None,
            estatelanguage: None,
            addestatelanguage: false,
            add_main_lang_id: false,
            filterid: None,
            georangesearch: None,
            recordids: Vec::new(),
            country_iso_code: None,
        }
    }
}

/// The `countryIsoCodeType` values of `read address`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryIsoCode {
    /// `ISO-3166-2`: two letters, `DE`.
    Alpha2,
    /// `ISO-3166-3`: three letters, `DEU`.
    Alpha3,
}

impl CountryIsoCode {
    pub const fn as_str(self) -> &'static str {
        match self {
            CountryIsoCode::Alpha2 => "ISO-3166-2",
            CountryIsoCode::Alpha3 => "ISO-3166-3",
        }
    }

    /// The docs: "If the parameter is not set or the value of the parameter invalid, the
    /// country is displayed in full text", so anything else reads as `None`, not an error.
    fn parse(value: Option<&Value>) -> Option<CountryIsoCode> {
        match value.and_then(Value::as_str).map(str::trim) {
            Some(s) if s.eq_ignore_ascii_case("ISO-3166-2") => Some(CountryIsoCode::Alpha2),
            Some(s) if s.eq_ignore_ascii_case("ISO-3166-3") => Some(CountryIsoCode::Alpha3),
            _ => None,
        }
    }
}

fn filter_error(detail: impl Into<String>) -> ApiError {
    ApiError::with_detail(ErrorCode::FilterValidation, detail)
}

fn invalid(name: &str, why: &str) -> ApiError {
    ApiError::with_detail(ErrorCode::InvalidValueForParameter, name).hint(why)
}

impl CallParams for ReadParams {
    fn parse(params: Params<'_>) -> Result<ReadParams, ApiError> {
        let map = params.0;
        Ok(ReadParams {
            data: parse_data(map.get("data"))?,
            filter: parse_filter(map.get("filter"))?,
            sort: parse_sort(map.get("sortby"), map.get("sortorder"))?,
            listlimit: parse_limit(map.get("listlimit"))?,
            listoffset: parse_offset(map.get("listoffset"))?,
            formatoutput: params.flag("formatoutput")?,
            outputlanguage: params.opt_language("outputlanguage")?,
            estatelanguage: params.opt_language("estatelanguage")?,
            addestatelanguage: params.flag("addestatelanguage")?,
            add_main_lang_id: params.flag("addMainLangId")?,
            // COMPAT: WP sends `filterid: 0` for "no saved filter"; saved filters count from 1.
            filterid: opt_int(map.get("filterid"), "filterid")?.filter(|id| *id != 0),
            georangesearch: parse_geo(map.get("georangesearch"))?,
            recordids: parse_ids(map.get("recordids"))?,
            country_iso_code: CountryIsoCode::parse(map.get("countryIsoCodeType")),
        })
    }

    fn to_parameters(&self) -> Map<String, Value> {
        let mut map = Map::new();
        if !self.data.is_empty() {
            map.insert(
                "data".into(),
                self.data.iter().cloned().map(Value::String).collect(),
            );
        }
        if !self.filter.is_empty() {
            let mut filter = Map::new();
            for c in &self.filter {
                let val = match &c.operand {
                    Operand::One(s) => s.to_json(),
                    Operand::Many(list) => list.iter().map(Scalar::to_json).collect(),
                    Operand::Range(a, b) => Value::Array(vec![a.to_json(), b.to_json()]),
                };
                let entry = serde_json::json!({"op": c.op.as_str(), "val": val});
                if let Value::Array(list) = filter
                    .entry(c.field.clone())
                    .or_insert_with(|| Value::Array(Vec::new()))
                {
                    list.push(entry);
                }
            }
            map.insert("filter".into(), Value::Object(filter));
        }
        if !self.sort.is_empty() {
            let sort = self
                .sort
                .iter()
                .map(|k| {
                    (
                        k.field.clone(),
                        Value::from(if k.descending { "DESC" } else { "ASC" }),
                    )
                })
                .collect();
            map.insert("sortby".into(), Value::Object(sort));
        }
        if self.listlimit != DEFAULT_LIST_LIMIT {
            map.insert("listlimit".into(), self.listlimit.into());
        }
        if self.listoffset != 0 {
            map.insert("listoffset".into(), self.listoffset.into());
        }
        if self.formatoutput {
            map.insert("formatoutput".into(), true.into());
        }
        for (key, lang) in [
            ("outputlanguage", self.outputlanguage),
            ("estatelanguage", self.estatelanguage),
        ] {
            if let Some(lang) = lang {
                map.insert(key.into(), lang.to_string().into());
            }
        }
        if self.addestatelanguage {
            map.insert("addestatelanguage".into(), true.into());
        }
        if self.add_main_lang_id {
            map.insert("addMainLangId".into(), true.into());
        }
        if let Some(id) = self.filterid {
            map.insert("filterid".into(), id.into());
        }
        if let Some(geo) = &self.georangesearch {
            map.insert("georangesearch".into(), Value::Object(geo.to_parameters()));
        }
        if let Some(code) = self.country_iso_code {
            map.insert("countryIsoCodeType".into(), code.as_str().into());
        }
        if !self.recordids.is_empty() {
            map.insert(
                "recordids".into(),
                self.recordids.iter().copied().map(Value::from).collect(),
            );
        }
        map
    }
}

/// `data`: a list of field names; `[]` or absent selects nothing explicitly.
fn parse_data(value: Option<&Value>) -> Result<Vec<String>, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            if items.len() > MAX_DATA_FIELDS {
                return Err(invalid("data", "too many fields"));
            }
            items
                .iter()
                .map(|v| match v {
                    Value::String(s) if !s.is_empty() => Ok(s.clone()),
                    _ => Err(ApiError::with_detail(
                        ErrorCode::FieldnameIsNotAString,
                        v.to_string(),
                    )),
                })
                .collect()
        }
        // COMPAT: LV sends `"data": {}`-less empty arrays as `[]`; an object of names also
        // appears from PHP arrays with gaps, so its values are taken as the list.
        Some(Value::Object(map)) if map.values().all(Value::is_string) => Ok(map
            .values()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()),
        Some(_) => Err(ApiError::with_detail(
            ErrorCode::ExpectedArray,
            "data must be a list of field names",
        )),
    }
}

/// Parses a `filter` object (also used for saved filters, which keep the same form).
pub fn parse_filter(value: Option<&Value>) -> Result<Vec<Condition>, ApiError> {
    let map = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        // COMPAT: LV sends an empty filter as `[]`.
        Some(Value::Array(list)) if list.is_empty() => return Ok(Vec::new()),
        Some(Value::Object(map)) => map,
        Some(_) => {
            return Err(filter_error(
                "filter must be an object of field: [conditions]",
            ))
        }
    };
    let mut out = Vec::new();
    for (field, entries) in map {
        if field.is_empty() {
            return Err(filter_error("a filter field name is empty"));
        }
        let entries: Vec<&Value> = match entries {
            Value::Array(list) => list.iter().collect(),
            // A single condition object without the list around it.
            Value::Object(_) => vec![entries],
            _ => {
                return Err(filter_error(format!(
                    "{field}: expected a list of {{\"op\",\"val\"}}"
                )))
            }
        };
        for entry in entries {
            if out.len() >= MAX_CONDITIONS {
                return Err(filter_error(format!(
                    "at most {MAX_CONDITIONS} conditions per request"
                )));
            }
            out.push(parse_condition(field, entry)?);
        }
    }
    let values: usize = out.iter().map(|c| c.operand.len()).sum();
    if values > MAX_FILTER_VALUES {
        return Err(filter_error(format!(
            "at most {MAX_FILTER_VALUES} values in all conditions together, got {values}"
        )));
    }
    Ok(out)
}

fn parse_condition(field: &str, entry: &Value) -> Result<Condition, ApiError> {
    let Value::Object(entry) = entry else {
        return Err(filter_error(format!(
            "{field}: a condition is an object {{\"op\",\"val\"}}"
        )));
    };
    let op_text = match entry.get("op") {
        Some(Value::String(s)) => s.as_str(),
        _ => {
            return Err(filter_error(format!(
                "{field}: the condition has no \"op\""
            )))
        }
    };
    let op = FilterOp::parse(op_text)
        .ok_or_else(|| ApiError::with_detail(ErrorCode::UnknownOperator, op_text))?;
    let val = entry
        .get("val")
        .ok_or_else(|| filter_error(format!("{field}: the condition has no \"val\"")))?;
    let scalar = |v: &Value| {
        Scalar::from_json(v).ok_or_else(|| {
            filter_error(format!(
                "{field}: values must be numbers or strings, got {v}"
            ))
        })
    };
    let operand = match (op, val) {
        (FilterOp::In | FilterOp::NotIn, Value::Array(list)) => {
            if list.is_empty() {
                return Err(filter_error(format!(
                    "{field}: \"{}\" needs at least one value",
                    op.as_str()
                )));
            }
            if list.len() > MAX_FILTER_VALUES {
                return Err(filter_error(format!(
                    "{field}: at most {MAX_FILTER_VALUES} values in a list"
                )));
            }
            Operand::Many(list.iter().map(scalar).collect::<Result<_, _>>()?)
        }
        // COMPAT: WP's search form filters a single-select with `{"op":"in","val":"kauf"}`,
        // which the real API takes as a list of one.
        (FilterOp::In | FilterOp::NotIn, v) => Operand::Many(vec![scalar(v)?]),
        (FilterOp::Between, Value::Array(list)) if list.len() == 2 => {
            Operand::Range(scalar(&list[0])?, scalar(&list[1])?)
        }
        (FilterOp::Between, _) => {
            return Err(filter_error(format!(
                "{field}: \"between\" needs [from, to]"
            )))
        }
        // COMPAT: a scalar wrapped in a one-element list appears in the docs' examples.
        (_, Value::Array(list)) if list.len() == 1 => Operand::One(scalar(&list[0])?),
        (_, Value::Array(_)) => {
            return Err(filter_error(format!(
                "{field}: \"{}\" takes one value",
                op.as_str()
            )))
        }
        (_, v) => Operand::One(scalar(v)?),
    };
    Ok(Condition {
        field: field.to_string(),
        op,
        operand,
    })
}

/// `sortby` as `{"field":"ASC",…}` or as a field name with `sortorder`.
fn parse_sort(sortby: Option<&Value>, sortorder: Option<&Value>) -> Result<Vec<SortKey>, ApiError> {
    let descending = |v: Option<&Value>, name: &str| -> Result<bool, ApiError> {
        match v {
            None | Some(Value::Null) => Ok(false),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("asc") => Ok(false),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("desc") => Ok(true),
            Some(_) => Err(invalid(name, "use ASC or DESC")),
        }
    };
    let keys = match sortby {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) if s.is_empty() => Vec::new(),
        Some(Value::Array(list)) if list.is_empty() => Vec::new(),
        Some(Value::String(field)) => vec![SortKey {
            field: field.clone(),
            descending: descending(sortorder, "sortorder")?,
        }],
        Some(Value::Object(map)) => map
            .iter()
            .map(|(field, order)| {
                Ok(SortKey {
                    field: field.clone(),
                    descending: descending(Some(order), "sortby")?,
                })
            })
            .collect::<Result<_, ApiError>>()?,
        Some(_) => return Err(invalid("sortby", "use a field name or {\"field\":\"ASC\"}")),
    };
    if keys.len() > MAX_SORT_KEYS {
        return Err(invalid("sortby", "too many sort fields"));
    }
    Ok(keys)
}

fn int_value(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn parse_limit(value: Option<&Value>) -> Result<u32, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(DEFAULT_LIST_LIMIT),
        Some(v) => match int_value(v) {
            // COMPAT: above the documented hard limit the page is cut to 500 rather than
            // refused: WP's cache warm-up and LV's paginator ask for 500 and never more,
            // and a client asking for more still gets a consistent, bounded page.
            Some(n) if n >= 0 => Ok(n.min(i64::from(MAX_LIST_LIMIT)) as u32),
            _ => Err(invalid("listlimit", "use a whole number from 0 to 500")),
        },
    }
}

fn parse_offset(value: Option<&Value>) -> Result<u64, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(0),
        Some(v) => match int_value(v) {
            Some(n) if n >= 0 && (n as u64) <= MAX_LIST_OFFSET => Ok(n as u64),
            _ => Err(invalid(
                "listoffset",
                "use a whole number from 0 to 100000000",
            )),
        },
    }
}

fn opt_int(value: Option<&Value>, name: &str) -> Result<Option<i64>, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v) => int_value(v)
            .map(Some)
            .ok_or_else(|| ApiError::with_detail(ErrorCode::ExpectedInteger, name)),
    }
}

fn parse_ids(value: Option<&Value>) -> Result<Vec<i64>, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(list)) => {
            if list.len() > 500 {
                return Err(ApiError::new(ErrorCode::ThisActionSupportOnlyUpTo500Ids));
            }
            list.iter()
                .map(|v| {
                    int_value(v).ok_or_else(|| ApiError::new(ErrorCode::MissingOrInvalidRecordIds))
                })
                .collect()
        }
        Some(_) => Err(ApiError::new(ErrorCode::MissingOrInvalidRecordIds)),
    }
}

fn parse_geo(value: Option<&Value>) -> Result<Option<GeoRange>, ApiError> {
    let map = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(list)) if list.is_empty() => return Ok(None),
        Some(Value::Object(map)) => map,
        Some(_) => {
            return Err(ApiError::new(
                ErrorCode::IncompleteParametersForGeoRangeSearch,
            ))
        }
    };
    let text = |key: &str| -> Option<String> {
        match map.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        }
    };
    let number = |key: &str| {
        text(key)
            .and_then(|t| t.replace(',', ".").parse::<f64>().ok())
            .filter(|f| f.is_finite())
    };
    let incomplete =
        |what: &str| ApiError::with_detail(ErrorCode::IncompleteParametersForGeoRangeSearch, what);
    let radius_km = number("radius")
        .filter(|r| *r > 0.0 && *r <= 1000.0)
        .ok_or_else(|| incomplete("radius in km (greater than 0, at most 1000) is required"))?;
    if let (Some(lat), Some(lon)) = (number("latitude"), number("longitude")) {
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(incomplete(
                "latitude must be within ±90 and longitude within ±180",
            ));
        }
        return Ok(Some(GeoRange::Point {
            lat,
            lon,
            radius_km,
        }));
    }
    let country =
        text("country").ok_or_else(|| incomplete("country is required with zip or city"))?;
    match (text("zip"), text("city")) {
        (Some(zip), _) => Ok(Some(GeoRange::Zip {
            country,
            zip,
            radius_km,
        })),
        (None, Some(city)) => Ok(Some(GeoRange::City {
            country,
            city,
            radius_km,
        })),
        (None, None) => Err(incomplete("give zip or city, or latitude and longitude")),
    }
}
