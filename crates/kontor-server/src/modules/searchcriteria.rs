//! What search criteria do their own way: each belongs to an address, named beside `data`
//! on create; the advisor and creator default to the caller; a radius centre given by
//! postcode or town gets its coordinates; and a modify that moves one end of a range is
//! checked against the other end already stored.
//!
//! ```json
//! {"addressid":"153","data":{"objektart":"haus","vermarktungsart":"kauf",
//!  "kaufpreis__von":"50000","kaufpreis__bis":"100000","range_plz":"52068","range":"100"}}
//! ```

use kontor_proto::{ApiError, ErrorCode};
use kontor_store::geo;
use kontor_store::{Module, RecordStore};
use serde_json::{Map, Value};

use super::{data_object, Hooks, Pending, Prepared, WriteCx};
use crate::handlers::records::write::check_ranges;
use crate::handlers::store_error;

/// The field holding the address a criterion belongs to (as `get search` answers name it).
pub(crate) const ADDRESS_FIELD: &str = "adresse";

/// What every criterion made through the API is (`_meta.characteristic`).
const MADE_BY_HAND: &str = "manual_saved";

#[derive(Debug)]
pub(crate) struct SearchCriteriaHooks;

impl Hooks for SearchCriteriaHooks {
    /// The `data` object. COMPAT: the modify docs set the status as `sys_status`, which is
    /// the field `status` (`_meta.status`).
    fn write_fields(&self, params: &Map<String, Value>) -> Result<Map<String, Value>, ApiError> {
        let mut fields = data_object(params)?;
        if let Some(status) = fields.remove("sys_status") {
            fields.insert("status".into(), status);
        }
        Ok(fields)
    }

    fn prepare_create<'a>(
        &'a self,
        cx: &'a WriteCx<'a>,
        mut doc: Map<String, Value>,
    ) -> Pending<'a, Prepared> {
        Box::pin(async move {
            let address = address_id(cx.params)?;
            let found = cx
                .store
                .get_record(cx.ctx.tenant, Module::ADDRESS, address)
                .await
                .map_err(store_error)?;
            if found.is_none() {
                return Err(ApiError::new(ErrorCode::UnknownAddressRecord)
                    .hint(format!("addressid {address} is no address of this client")));
            }
            doc.insert(ADDRESS_FIELD.into(), Value::from(address));
            // The docs: without an advisor, the calling user advises. Kontor's users are
            // its API users.
            let caller = Value::from(cx.ctx.api_user.0);
            doc.entry("advisor").or_insert_with(|| caller.clone());
            doc.insert("creator".into(), caller);
            doc.insert("characteristic".into(), Value::from(vec![MADE_BY_HAND]));
            locate(&mut doc, &Map::new());
            Ok(Prepared::Insert(doc))
        })
    }

    /// Merged with the stored criterion first, so that a new `kaufpreis__von` above the
    /// stored `kaufpreis__bis` is refused as one sent with both would be.
    fn modify<'a>(
        &'a self,
        cx: &'a WriteCx<'a>,
        id: i64,
        mut changes: Map<String, Value>,
    ) -> Pending<'a, bool> {
        Box::pin(async move {
            let Some(existing) = super::stored(cx, id).await? else {
                return Ok(false);
            };
            let stored = existing.doc.into_map();
            let mut merged = stored.clone();
            merged.extend(changes.clone());
            check_ranges(cx.config, &merged)?;
            locate(&mut changes, &stored);
            cx.store
                .update_record(cx.ctx.tenant, cx.module, id, changes)
                .await
                .map_err(store_error)
        })
    }
}

/// `addressid` (the create example; the parameter list spells it `adressid`, also taken).
fn address_id(params: &Map<String, Value>) -> Result<i64, ApiError> {
    let value = params
        .get("addressid")
        .or_else(|| params.get("adressid"))
        .filter(|v| !v.is_null() && v.as_str() != Some(""))
        .ok_or_else(|| {
            ApiError::new(ErrorCode::MissingAddressRecordId)
                .hint("put the id of the address the criterion belongs to in addressid")
        })?;
    let id = match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    id.filter(|id| *id > 0).ok_or_else(|| {
        ApiError::new(ErrorCode::WrongFormatForAddressId)
            .hint(format!("addressid is a record id; got {value}"))
    })
}

/// The docs: the radius centre's coordinates are made from its postcode or town. When a
/// write moves the centre without giving coordinates, they are looked up in Kontor's
/// postcode table; a place it does not know leaves them unset (0), so that a radius
/// matching by coordinates skips the criterion rather than placing it wrongly.
fn locate(changes: &mut Map<String, Value>, stored: &Map<String, Value>) {
    let moved = ["range_plz", "range_ort"]
        .iter()
        .any(|f| changes.contains_key(*f));
    let given = ["range_breitengrad", "range_laengengrad"]
        .iter()
        .any(|f| changes.contains_key(*f));
    if !moved || given {
        return;
    }
    let text = |name: &str| {
        changes
            .get(name)
            .or_else(|| stored.get(name))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let (zip, town) = (text("range_plz"), text("range_ort"));
    let place = geo::PLACES
        .iter()
        .find(|p| !zip.is_empty() && p.zip == zip)
        .or_else(|| {
            geo::PLACES
                .iter()
                .find(|p| !town.is_empty() && p.city.to_lowercase() == town.to_lowercase())
        });
    let (lat, lon) = place.map_or((0.0, 0.0), |p| (p.lat, p.lon));
    changes.insert("range_breitengrad".into(), Value::from(lat));
    changes.insert("range_laengengrad".into(), Value::from(lon));
}
