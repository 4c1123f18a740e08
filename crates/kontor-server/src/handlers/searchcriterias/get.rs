//! `get searchcriterias`: the search criteria of addresses (by record id or customer
//! number), by criterion id, or by filter; through the store's list read, as every record
//! read.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get","resourceid":"",
//!  "resourcetype":"searchcriterias","parameters":{"mode":"internal","ids":[153]}}
//! ```
//! → `{"meta":{"cntabsolute":1},"records":[{"id":25,"type":"searchcriteria","elements":{
//!    "vermarktungsart":["kauf"],"objektart":["haus"],"range_kaufpreis":["50000.00","100000.00"],
//!    "Range":{"range_plz":"52068",…,"range":"100",…},
//!    "_meta":{"internaladdressid":"153","externaladdressid":"51","kocriterias":[],…}}}]}`
//!
//! Filters and `sortby` take the `_meta` names (`internaladdressid`, `status`,
//! `creationdate`, …) and the criteria's own field names.

use kontor_proto::calls::params::Params;
use kontor_proto::calls::read::FilterOp;
use kontor_proto::calls::read::{
    parse_filter, Operand, ReadParams, Scalar, SortKey, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT,
    MAX_LIST_OFFSET,
};
use kontor_proto::calls::searchcriteria::{GetParams, Mode};
use kontor_proto::calls::CallParams;
use kontor_proto::{ApiError, Data, ErrorCode};
use kontor_store::records::{FieldCondition, RecordQuery, ValueKind};
use kontor_store::{FieldStore, Module, RecordStore, Store};
use serde_json::Value;

use super::elements::{self, META};
use crate::handlers::records::query::{resolve, Fields};
use crate::handlers::{store_error, Ctx};
use crate::modules::searchcriteria::ADDRESS_FIELD;
use crate::modules::{Pending, SEARCHCRITERIA};

/// Ids one request may name, as the API says of its id lists (error 302).
const MAX_IDS: usize = 500;

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let p = GetParams::parse(params)?;
        let mode = Mode::parse(&p.mode).ok_or_else(|| {
            ApiError::new(ErrorCode::UnknownSearchcriteriaMode)
                .hint("mode is internal, external, searchcriteria or filter")
        })?;
        let module = Module::SEARCHCRITERIA;
        let config = store
            .field_config(ctx.tenant, module)
            .await
            .map_err(store_error)?;
        let read = read_params(&p, mode)?;
        let ids = match mode {
            Mode::Filter => None,
            _ => Some(ids(&p.ids)?),
        };
        let fields = Fields {
            config: &config,
            module,
            hooks: SEARCHCRITERIA.hooks,
        };
        let mut read = read;
        if mode == Mode::SearchCriteria {
            read.recordids = ids.clone().unwrap_or_default();
        }
        let by_id = (mode == Mode::SearchCriteria).then(|| read.recordids.clone());
        let mut query: RecordQuery = resolve(&fields, &read, by_id)?;
        let owners = match (mode, ids) {
            (Mode::Internal, Some(ids)) => Some(ids),
            (Mode::External, Some(numbers)) => Some(addresses_numbered(store, ctx, numbers).await?),
            _ => None,
        };
        if let Some(owners) = owners {
            query.conditions.push(FieldCondition {
                field: ADDRESS_FIELD.into(),
                kind: ValueKind::Number,
                op: FilterOp::In,
                operand: Operand::Many(owners.into_iter().map(Scalar::Int).collect()),
            });
        }
        let page = store
            .query_records(ctx.tenant, module, &query)
            .await
            .map_err(store_error)?;
        elements::answer(store, ctx, &config, page).await
    })
}

/// The filter, order and page, on stored field names.
fn read_params(p: &GetParams, mode: Mode) -> Result<ReadParams, ApiError> {
    if mode == Mode::Filter {
        // The docs: in filter mode, filter, sortby and sortorder are mandatory.
        for (name, given) in [
            ("filter", p.filter.is_some()),
            ("sortby", p.sortby.is_some()),
            ("sortorder", p.sortorder.is_some()),
        ] {
            if !given {
                return Err(ApiError::with_detail(ErrorCode::MissingParameter, name));
            }
        }
    }
    let mut filter = parse_filter(p.filter.as_ref())?;
    for condition in &mut filter {
        condition.field = stored_name(&condition.field)?.to_string();
    }
    let descending = match p
        .sortorder
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        None | Some("ASC") => false,
        Some("DESC") => true,
        Some(_) => {
            return Err(
                ApiError::with_detail(ErrorCode::InvalidValueForParameter, "sortorder")
                    .hint("use ASC or DESC"),
            )
        }
    };
    let sort = match p.sortby.as_deref() {
        None | Some("") => Vec::new(),
        Some(name) => vec![SortKey {
            field: stored_name(name)
                .map_err(|_| {
                    ApiError::new(ErrorCode::UnknownSortField)
                        .hint("externaladdressid cannot be sorted on; use internaladdressid")
                })?
                .to_string(),
            descending,
        }],
    };
    let listoffset = p.listoffset.unwrap_or(0);
    if listoffset > MAX_LIST_OFFSET {
        return Err(
            ApiError::with_detail(ErrorCode::InvalidValueForParameter, "listoffset")
                .hint("use a whole number from 0 to 100000000"),
        );
    }
    Ok(ReadParams {
        filter,
        sort,
        // COMPAT: as `read`, a page above the documented 500 is cut to 500.
        listlimit: p
            .listlimit
            .unwrap_or(DEFAULT_LIST_LIMIT)
            .min(MAX_LIST_LIMIT),
        listoffset,
        ..ReadParams::default()
    })
}

/// The field a `_meta` name stands for; other names are the criteria's own fields.
fn stored_name(name: &str) -> Result<&str, ApiError> {
    if name == "externaladdressid" {
        return Err(ApiError::with_detail(ErrorCode::FilterValidation, name)
            .hint("customer numbers are the addresses'; use mode external, or internaladdressid"));
    }
    Ok(META
        .iter()
        .find(|(meta, _)| *meta == name)
        .map_or(name, |(_, field)| field))
}

/// The record ids of `ids`: numbers, or strings holding them.
fn ids(list: &[Value]) -> Result<Vec<i64>, ApiError> {
    if list.is_empty() {
        return Err(ApiError::with_detail(ErrorCode::MissingParameter, "ids"));
    }
    if list.len() > MAX_IDS {
        return Err(ApiError::new(ErrorCode::ThisActionSupportOnlyUpTo500Ids));
    }
    list.iter()
        .map(|v| {
            let id = match v {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            };
            id.ok_or_else(|| {
                ApiError::new(ErrorCode::MissingOrInvalidRecordIds)
                    .hint(format!("ids are whole numbers; got {v}"))
            })
        })
        .collect()
}

/// The ids of the addresses with these customer numbers (several may share one).
async fn addresses_numbered(
    store: &Store,
    ctx: &Ctx<'_>,
    numbers: Vec<i64>,
) -> Result<Vec<i64>, ApiError> {
    let query = RecordQuery {
        conditions: vec![FieldCondition {
            field: "KdNr".into(),
            kind: ValueKind::Number,
            op: FilterOp::In,
            operand: Operand::Many(numbers.into_iter().map(Scalar::Int).collect()),
        }],
        limit: kontor_proto::calls::read::MAX_FILTER_VALUES as u32,
        fields: Some(Vec::new()),
        ..RecordQuery::default()
    };
    let page = store
        .query_records(ctx.tenant, Module::ADDRESS, &query)
        .await
        .map_err(store_error)?;
    Ok(page.records.iter().map(|r| r.id).collect())
}
