//! The one table from (verb, resourcetype) to handler.
//!
//! Adding a call means adding a [`Call`] variant, one row in [`ROUTES`] and one arm in
//! [`run_handler`]; the compiler checks the arm is there.

use kontor_proto::calls::params::Params;
use kontor_proto::response::{RenderedData, ResultData};
use kontor_proto::{Action, ActionVerb, ApiError, ErrorCode};
use kontor_store::RecordStore;

use crate::handlers::{self, store_error, Ctx};
use crate::observe::{self, CacheLookup};
use crate::read_cache::ReadKey;
use crate::AppState;

/// Every call Kontor answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    GetActionKindTypes,
    GetFields,
    ReadEstate,
    CreateEstate,
    ModifyEstate,
    ReadAddress,
    CreateAddress,
    ModifyAddress,
    GetEstateCategories,
    GetMultiselectConfiguration,
    GetAddressFieldValues,
    GetFilters,
    ReadBasicSettings,
    ReadImprint,
}

/// `(verb, resourcetype, call)`. Resource types are case-sensitive, as on the real API.
const ROUTES: &[(ActionVerb, &str, Call)] = &[
    (ActionVerb::Get, "actionkindtypes", Call::GetActionKindTypes),
    (ActionVerb::Get, "fields", Call::GetFields),
    (ActionVerb::Read, "estate", Call::ReadEstate),
    (ActionVerb::Create, "estate", Call::CreateEstate),
    (ActionVerb::Modify, "estate", Call::ModifyEstate),
    (ActionVerb::Read, "address", Call::ReadAddress),
    (ActionVerb::Create, "address", Call::CreateAddress),
    (ActionVerb::Modify, "address", Call::ModifyAddress),
    (
        ActionVerb::Get,
        "estateCategories",
        Call::GetEstateCategories,
    ),
    (
        ActionVerb::Get,
        "multiselectconfiguration",
        Call::GetMultiselectConfiguration,
    ),
    (
        ActionVerb::Get,
        "confignewaddressfields",
        Call::GetAddressFieldValues,
    ),
    (ActionVerb::Get, "filters", Call::GetFilters),
    (ActionVerb::Read, "basicsettings", Call::ReadBasicSettings),
    (ActionVerb::Read, "impressum", Call::ReadImprint),
];

/// The supported `(verb, resourcetype)` pairs, for documentation and the CLI.
pub fn supported_calls() -> impl Iterator<Item = (ActionVerb, &'static str)> {
    ROUTES.iter().map(|(verb, resource, _)| (*verb, *resource))
}

/// A routed action: its verb and the static name of its resource type (used as a metric
/// label, so it must come from the table, not from the request).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Route {
    pub verb: ActionVerb,
    pub resource: &'static str,
    pub call: Call,
}

/// Finds the handler. An unknown verb URN is error 23, an unknown resource type 25, and a
/// known resource type with a verb it does not take is 23 again (the action is what is
/// not configured for it).
pub(crate) fn route(actionid: &str, resourcetype: &str) -> Result<Route, ApiError> {
    let unknown_action = || ApiError::with_detail(ErrorCode::UnknownActionId, actionid);
    let verb = ActionVerb::from_urn(actionid).ok_or_else(unknown_action)?;
    if !ROUTES.iter().any(|(_, r, _)| *r == resourcetype) {
        return Err(ApiError::with_detail(
            ErrorCode::UnknownResourceType,
            resourcetype,
        ));
    }
    ROUTES
        .iter()
        .find(|(v, r, _)| *v == verb && *r == resourcetype)
        .map(|(verb, resource, call)| Route {
            verb: *verb,
            resource,
            call: *call,
        })
        .ok_or_else(unknown_action)
}

/// Runs the handler of a routed action; list reads go through the read cache.
pub(crate) async fn run(
    state: &AppState,
    ctx: &Ctx<'_>,
    call: Call,
    action: &Action,
) -> Result<ResultData, ApiError> {
    match call {
        Call::ReadEstate => cached_read(state, ctx, ListRead::Estate, action)
            .await
            .map(ResultData::Rendered),
        Call::ReadAddress => cached_read(state, ctx, ListRead::Address, action)
            .await
            .map(ResultData::Rendered),
        _ => run_handler(state, ctx, call, action).await,
    }
}

/// The list reads, which write their answer as they render it.
#[derive(Debug, Clone, Copy)]
enum ListRead {
    Estate,
    Address,
}

impl ListRead {
    fn resourcetype(self) -> &'static str {
        match self {
            ListRead::Estate => "estate",
            ListRead::Address => "address",
        }
    }
}

async fn list_read(
    state: &AppState,
    ctx: &Ctx<'_>,
    read: ListRead,
    action: &Action,
) -> Result<RenderedData, ApiError> {
    let params = Params(&action.parameters);
    match read {
        ListRead::Estate => handlers::estate::read::handle(&state.store, ctx, params).await,
        ListRead::Address => handlers::address::read::handle(&state.store, ctx, params).await,
    }
}

/// A read from the cache while the tenant is unchanged, otherwise from its handler.
async fn cached_read(
    state: &AppState,
    ctx: &Ctx<'_>,
    read: ListRead,
    action: &Action,
) -> Result<RenderedData, ApiError> {
    // A saved filter can change without a record write; such reads are not kept.
    if action.parameters.contains_key("filterid") {
        observe::read_cache(CacheLookup::Bypass);
        return list_read(state, ctx, read, action).await;
    }
    let key = ReadKey {
        tenant: ctx.tenant,
        api_user: ctx.api_user,
        resourcetype: read.resourcetype(),
        resourceid: action.resourceid.as_wire(),
        parameters: serde_json::to_string(&action.parameters).unwrap_or_default(),
    };
    if state.read_cache.first_sighting(&key) {
        observe::read_cache(CacheLookup::Miss);
        return list_read(state, ctx, read, action).await;
    }
    let generation = state
        .store
        .tenant_generation(ctx.tenant)
        .await
        .map_err(store_error)?;
    if let Some(data) = state.read_cache.get(&key, generation) {
        observe::read_cache(CacheLookup::Hit);
        return Ok(data);
    }
    observe::read_cache(CacheLookup::Miss);
    let data = list_read(state, ctx, read, action).await?;
    if state.read_cache.worth_keeping(&key, generation) {
        state.read_cache.put(key, generation, data.clone());
    }
    Ok(data)
}

async fn run_handler(
    state: &AppState,
    ctx: &Ctx<'_>,
    call: Call,
    action: &Action,
) -> Result<ResultData, ApiError> {
    let params = Params(&action.parameters);
    let store = &state.store;
    let data = match call {
        Call::ReadEstate => {
            return list_read(state, ctx, ListRead::Estate, action)
                .await
                .map(ResultData::Rendered)
        }
        Call::ReadAddress => {
            return list_read(state, ctx, ListRead::Address, action)
                .await
                .map(ResultData::Rendered)
        }
        Call::GetActionKindTypes => {
            handlers::actionkindtypes::get::handle(store, ctx, params).await
        }
        Call::GetFields => handlers::fields::get::handle(store, ctx, params).await,
        Call::CreateEstate => handlers::estate::create::handle(store, ctx, params).await,
        Call::ModifyEstate => handlers::estate::modify::handle(store, ctx, params).await,
        Call::CreateAddress => handlers::address::create::handle(store, ctx, params).await,
        Call::ModifyAddress => handlers::address::modify::handle(store, ctx, params).await,
        Call::GetEstateCategories => {
            handlers::estatecategories::get::handle(store, ctx, params).await
        }
        Call::GetMultiselectConfiguration => {
            handlers::multiselectconfiguration::get::handle(store, ctx, params).await
        }
        Call::GetAddressFieldValues => {
            handlers::confignewaddressfields::get::handle(store, ctx, params).await
        }
        Call::GetFilters => handlers::filters::get::handle(store, ctx, params).await,
        Call::ReadBasicSettings => handlers::basicsettings::read::handle(store, ctx, params).await,
        Call::ReadImprint => handlers::impressum::read::handle(store, ctx, params).await,
    };
    data.map(ResultData::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_pairs_get_their_codes() {
        let get = ActionVerb::Get.urn();
        let read = ActionVerb::Read.urn();
        assert!(route(&get, "actionkindtypes").is_ok());
        let code = |a: &str, r: &str| route(a, r).err().map(|e| (e.code.code(), e.message()));
        assert_eq!(
            code(&read, "actionkindtypes"),
            Some((23, format!("Missing configuration for actionId \"{read}\"")))
        );
        assert_eq!(
            code(&get, "ActionKindTypes"),
            Some((
                25,
                "Missing configuration for resourceType \"ActionKindTypes\"".into()
            ))
        );
        assert_eq!(code("urn:x", "actionkindtypes").map(|c| c.0), Some(23));
    }
}
