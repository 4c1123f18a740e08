//! The one table from (verb, resourcetype) to handler.
//!
//! A call of its own is one row of [`CALLS`], which carries its handler. The calls of record
//! modules (read, create, modify, delete) come from the module registry
//! ([`crate::modules::Modules`]): each module lists the verbs it offers, and the shared
//! handlers of `handlers/records/` serve them all.

use kontor_proto::calls::params::Params;
use kontor_proto::response::{RenderedData, ResultData};
use kontor_proto::{Action, ActionVerb, ApiError, Data, ErrorCode};
use kontor_store::{RecordStore, Store};

use crate::handlers::{self, records, store_error, Ctx};
use crate::modules::{Modules, Pending, ServedModule};
use crate::observe::{self, CacheLookup};
use crate::read_cache::ReadKey;
use crate::AppState;

/// The handler of a call of its own: its parameters in, its answer's `data` out.
pub(crate) type CallFn = for<'a> fn(&'a Store, &'a Ctx<'a>, Params<'a>) -> Pending<'a, Data>;

/// One call of its own.
struct Row {
    verb: ActionVerb,
    /// Case-sensitive, as on the real API.
    resource: &'static str,
    handler: CallFn,
}

const fn row(verb: ActionVerb, resource: &'static str, handler: CallFn) -> Row {
    Row {
        verb,
        resource,
        handler,
    }
}

const CALLS: &[Row] = &[
    row(
        ActionVerb::Get,
        "actionkindtypes",
        handlers::actionkindtypes::get::handle,
    ),
    row(ActionVerb::Get, "fields", handlers::fields::get::handle),
    row(
        ActionVerb::Get,
        "estateCategories",
        handlers::estatecategories::get::handle,
    ),
    row(
        ActionVerb::Get,
        "multiselectconfiguration",
        handlers::multiselectconfiguration::get::handle,
    ),
    row(
        ActionVerb::Get,
        "confignewaddressfields",
        handlers::confignewaddressfields::get::handle,
    ),
    row(ActionVerb::Get, "filters", handlers::filters::get::handle),
    row(ActionVerb::Get, "regions", handlers::regions::get::handle),
    row(
        ActionVerb::Get,
        "regionsLiveSearch",
        handlers::regionslivesearch::get::handle,
    ),
    row(ActionVerb::Get, "search", handlers::search::get::handle),
    row(
        ActionVerb::Get,
        "qualifiedsuitors",
        handlers::qualifiedsuitors::get::handle,
    ),
    row(
        ActionVerb::Get,
        "searchcriterias",
        handlers::searchcriterias::get::handle,
    ),
    row(
        ActionVerb::Get,
        "searchCriteriaFields",
        handlers::searchcriteriafields::get::handle,
    ),
    row(
        ActionVerb::Get,
        "idsfromrelation",
        handlers::idsfromrelation::get::handle,
    ),
    row(
        ActionVerb::Create,
        "relation",
        handlers::relation::create::handle,
    ),
    row(
        ActionVerb::Modify,
        "relation",
        handlers::relation::modify::handle,
    ),
    row(
        ActionVerb::Delete,
        "relation",
        handlers::relation::delete::handle,
    ),
    row(
        ActionVerb::Read,
        "basicsettings",
        handlers::basicsettings::read::handle,
    ),
    row(
        ActionVerb::Read,
        "impressum",
        handlers::impressum::read::handle,
    ),
];

/// The supported `(verb, resourcetype)` pairs, for documentation and the metrics.
pub fn supported_calls(modules: &Modules) -> Vec<(ActionVerb, &'static str)> {
    let mut calls: Vec<(ActionVerb, &'static str)> =
        CALLS.iter().map(|r| (r.verb, r.resource)).collect();
    for served in modules.iter() {
        calls.extend(served.verbs.iter().map(|v| (*v, served.module.name())));
    }
    calls
}

/// What runs a routed action.
#[derive(Clone, Copy)]
pub(crate) enum Target {
    Call(CallFn),
    /// A shared handler of a record module: read, create, modify or delete.
    Record(&'static ServedModule),
}

/// A routed action: its verb and the static name of its resource type (used as a metric
/// label, so it must come from the table, not from the request).
#[derive(Clone, Copy)]
pub(crate) struct Route {
    pub verb: ActionVerb,
    pub resource: &'static str,
    pub target: Target,
}

impl Route {
    /// The module whose creates this action is one of: consecutive creates of one module
    /// share a transaction.
    pub(crate) fn batch(&self) -> Option<&'static ServedModule> {
        match self.target {
            Target::Record(served) if self.verb == ActionVerb::Create => Some(served),
            _ => None,
        }
    }
}

/// Finds the handler. An unknown verb URN is error 23, an unknown resource type 25, and a
/// known resource type with a verb it does not take is 23 again (the action is what is
/// not configured for it).
pub(crate) fn route(
    modules: &Modules,
    actionid: &str,
    resourcetype: &str,
) -> Result<Route, ApiError> {
    let unknown_action = || ApiError::with_detail(ErrorCode::UnknownActionId, actionid);
    let verb = ActionVerb::from_urn(actionid).ok_or_else(unknown_action)?;
    if let Some(served) = modules.get(resourcetype) {
        return served
            .verbs
            .contains(&verb)
            .then_some(Route {
                verb,
                resource: served.module.name(),
                target: Target::Record(served),
            })
            .ok_or_else(unknown_action);
    }
    if !CALLS.iter().any(|r| r.resource == resourcetype) {
        return Err(ApiError::with_detail(
            ErrorCode::UnknownResourceType,
            resourcetype,
        ));
    }
    CALLS
        .iter()
        .find(|r| r.verb == verb && r.resource == resourcetype)
        .map(|r| Route {
            verb,
            resource: r.resource,
            target: Target::Call(r.handler),
        })
        .ok_or_else(unknown_action)
}

/// Runs the handler of a routed action; list reads go through the read cache.
pub(crate) async fn run(
    state: &AppState,
    ctx: &Ctx<'_>,
    route: Route,
    action: &Action,
) -> Result<ResultData, ApiError> {
    let served = match route.target {
        Target::Call(handler) => {
            return handler(&state.store, ctx, Params(&action.parameters))
                .await
                .map(ResultData::Ok)
        }
        Target::Record(served) => served,
    };
    match route.verb {
        ActionVerb::Read => cached_read(state, ctx, served, action)
            .await
            .map(ResultData::Rendered),
        ActionVerb::Create => records::create::run_batch(state, ctx, served, &[action])
            .await
            .pop()
            .unwrap_or_else(|| Err(ApiError::new(ErrorCode::EntryCouldNotBeCreated))),
        ActionVerb::Modify => records::modify::run(state, ctx, served, action)
            .await
            .map(ResultData::Ok),
        ActionVerb::Delete => records::delete::run(state, ctx, served)
            .await
            .map(ResultData::Ok),
        // A module offers only the verbs above (`modules::ServedModule::verbs`).
        _ => Err(ApiError::with_detail(
            ErrorCode::UnknownActionId,
            action.actionid.as_str(),
        )),
    }
}

async fn list_read(
    state: &AppState,
    ctx: &Ctx<'_>,
    served: &'static ServedModule,
    action: &Action,
) -> Result<RenderedData, ApiError> {
    records::read::run(&state.store, ctx, served, Params(&action.parameters)).await
}

/// A read from the cache while the tenant is unchanged, otherwise from its handler.
async fn cached_read(
    state: &AppState,
    ctx: &Ctx<'_>,
    served: &'static ServedModule,
    action: &Action,
) -> Result<RenderedData, ApiError> {
    // A saved filter can change without a record write; such reads are not kept.
    if action.parameters.contains_key("filterid") {
        observe::read_cache(CacheLookup::Bypass);
        return list_read(state, ctx, served, action).await;
    }
    let key = ReadKey {
        tenant: ctx.tenant,
        api_user: ctx.api_user,
        resourcetype: served.module.name(),
        resourceid: action.resourceid.as_wire(),
        parameters: serde_json::to_string(&action.parameters).unwrap_or_default(),
    };
    if state.read_cache.first_sighting(&key) {
        observe::read_cache(CacheLookup::Miss);
        return list_read(state, ctx, served, action).await;
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
    let data = list_read(state, ctx, served, action).await?;
    if state.read_cache.worth_keeping(&key, generation) {
        state.read_cache.put(key, generation, data.clone());
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_pairs_get_their_codes() {
        let modules = Modules::standard();
        let get = ActionVerb::Get.urn();
        let read = ActionVerb::Read.urn();
        let delete = ActionVerb::Delete.urn();
        assert!(route(&modules, &get, "actionkindtypes").is_ok());
        assert!(route(&modules, &read, "estate").is_ok());
        let code = |a: &str, r: &str| {
            route(&modules, a, r)
                .err()
                .map(|e| (e.code.code(), e.message()))
        };
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
        // Estates cannot be deleted through the API.
        assert_eq!(code(&delete, "estate").map(|c| c.0), Some(23));
    }
}
