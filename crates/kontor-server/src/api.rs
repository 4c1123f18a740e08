//! The API endpoint: one request, end to end.

use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use kontor_proto::request::decode;
use kontor_proto::response::{ActionStatus, ResultData};
use kontor_proto::{Action, ActionResult, ApiError, Envelope, ErrorCode, Request, ResourceId};
use kontor_store::{ApiUserStore, AuthenticatedUser};

use crate::body_deadline::{caused_by, BodyTimedOut};
use crate::handlers::records;
use crate::handlers::{store_error, Ctx};
use crate::modules::ServedModule;
use crate::observe::{self, RequestSummary};
use crate::{auth, dispatch, AppState};

// COMPAT: RB and N8N throw on non-2xx statuses; RB cannot read gzip (docs/compat.md).
/// Answers every request with HTTP 200 and a JSON envelope, never compressed: Ruby's and
/// n8n's clients throw on other statuses, and Ruby's cannot read a gzip body.
pub(crate) async fn endpoint(State(state): State<AppState>, body: Body) -> Response {
    let body = read_body(&state, body).await;
    // After the body: a slow upload is the client's time, not the server's.
    let started = Instant::now();
    let bytes_in = body.as_ref().map(|b| b.len()).unwrap_or(0);
    let mut summary = RequestSummary {
        tenant: None,
        actions: Vec::new(),
        errorcode: 0,
        duration: Default::default(),
        bytes_in,
        bytes_out: 0,
    };
    let handled = handle(&state, body).await;
    let (envelope, user) = match handled {
        Ok((envelope, user, actions)) => {
            summary.actions = actions;
            (envelope, Some(user))
        }
        Err(error) => (Envelope::failed(&error), None),
    };
    summary.tenant = user.as_ref().map(|u| u.tenant_name.as_str());
    summary.errorcode = envelope.status.errorcode;
    let body = encode(&envelope);
    summary.bytes_out = body.len();
    summary.duration = started.elapsed();
    observe::record(&summary, state.config.metrics_tenants);
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

type ActionLabels = Vec<Label>;

async fn handle(
    state: &AppState,
    body: Result<Bytes, ApiError>,
) -> Result<(Envelope, AuthenticatedUser, ActionLabels), ApiError> {
    let request = decode(&body?)?;
    let user = authenticate(state, request.token.as_str()).await?;
    let now = kontor_proto::time::unix_now();
    let mut results = Vec::with_capacity(request.actions.len());
    let mut labels = Vec::with_capacity(request.actions.len());
    let routes: Vec<Result<dispatch::Route, ApiError>> = request
        .actions
        .iter()
        .map(|a| dispatch::route(&state.modules, &a.actionid, &a.resourcetype))
        .collect();
    let mut at = 0;
    while at < request.actions.len() {
        // A run of creates of one module shares one transaction; everything else runs one
        // by one.
        let batch = routes[at].as_ref().ok().and_then(dispatch::Route::batch);
        let run = match batch {
            Some(served) => routes[at..]
                .iter()
                .take_while(
                    |r| matches!(r, Ok(r) if r.batch().is_some_and(|m| std::ptr::eq(m, served))),
                )
                .count(),
            None => 1,
        };
        let actions = &request.actions[at..at + run];
        let done = match batch {
            Some(served) if run > 1 => {
                run_creates(state, &request, &user, served, actions, now).await
            }
            _ => vec![run_action(state, &request, &user, &actions[0], &routes[at], now).await],
        };
        for (result, label) in done {
            labels.push(label);
            results.push(result);
        }
        at += run;
    }
    Ok((Envelope::results(results), user, labels))
}

type Label = (&'static str, &'static str, u16);

/// The API user of a token, from the short-lived cache or the store.
async fn authenticate(state: &AppState, token: &str) -> Result<AuthenticatedUser, ApiError> {
    if let Some(user) = state.auth_cache.get(token) {
        return Ok(user);
    }
    let user = state
        .store
        .authenticate(token)
        .await
        .map_err(store_error)?
        .ok_or_else(|| {
            ApiError::with_detail(
                ErrorCode::NotAuthenticated,
                "unknown token; a token has 32 characters and a secret 64, check they are not swapped",
            )
        })?;
    state.auth_cache.put(token, &user);
    Ok(user)
}

/// Authenticates each create of a run on its own, then creates the authenticated ones
/// together; the results keep the request's order.
async fn run_creates(
    state: &AppState,
    request: &Request,
    user: &AuthenticatedUser,
    served: &'static ServedModule,
    actions: &[Action],
    now: i64,
) -> Vec<(ActionResult, Label)> {
    let checked: Vec<Result<(), ApiError>> = actions
        .iter()
        .map(|a| admit(state, request, user, a, now))
        .collect();
    let admitted: Vec<&Action> = actions
        .iter()
        .zip(&checked)
        .filter(|(_, c)| c.is_ok())
        .map(|(a, _)| a)
        .collect();
    let ctx = Ctx {
        tenant: user.tenant,
        api_user: user.api_user,
        resourceid: &ResourceId::Empty,
        modules: &state.modules,
    };
    let mut created = records::create::run_batch(state, &ctx, served, &admitted)
        .await
        .into_iter();
    let label = ("create", served.module.name());
    actions
        .iter()
        .zip(checked)
        .map(|(action, check)| {
            let outcome = match check {
                Ok(()) => created
                    .next()
                    .unwrap_or_else(|| Err(ApiError::new(ErrorCode::EntryCouldNotBeCreated))),
                Err(e) => Err(e),
            };
            result_of(action, outcome.map(|data| (data, false)), label)
        })
        .collect()
}

/// Whether an action may run: its timestamp and HMAC, then what decoding found wrong with
/// its parameters (a NUL, `request::find_nul`), so that an unauthenticated action learns
/// nothing about its content.
fn admit(
    state: &AppState,
    request: &Request,
    user: &AuthenticatedUser,
    action: &Action,
    now: i64,
) -> Result<(), ApiError> {
    auth::check_timestamp(action, now, state.config.timestamp_window)?;
    auth::check_hmac(action, &request.token, &user.secret)?;
    match &action.fault {
        Some(fault) => Err(fault.clone()),
        None => Ok(()),
    }
}

/// Runs one action; its failure stays in its own result and the others still run.
async fn run_action(
    state: &AppState,
    request: &Request,
    user: &AuthenticatedUser,
    action: &Action,
    routed: &Result<dispatch::Route, ApiError>,
    now: i64,
) -> (ActionResult, Label) {
    // Routing has no side effects; it ran first so that the metrics have a label even when
    // the action then fails authentication.
    let label = routed
        .as_ref()
        .map(|r| (r.verb.name(), r.resource))
        .unwrap_or(("unknown", "unknown"));
    let outcome = async {
        admit(state, request, user, action, now)?;
        let route = routed.clone()?;
        let ctx = Ctx {
            tenant: user.tenant,
            api_user: user.api_user,
            resourceid: &action.resourceid,
            modules: &state.modules,
        };
        dispatch::run(state, &ctx, route, action)
            .await
            .map(|data| (data, route.verb.cacheable()))
    }
    .await;
    result_of(action, outcome, label)
}

/// The result of an action from its outcome.
fn result_of(
    action: &Action,
    outcome: Result<(ResultData, bool), ApiError>,
    label: (&'static str, &'static str),
) -> (ActionResult, Label) {
    let (data, cacheable, status) = match outcome {
        Ok((data, cacheable)) => (data, cacheable, ActionStatus::ok()),
        Err(e) => (
            ResultData::Failed,
            false,
            ActionStatus {
                errorcode: e.code.code(),
                message: e.message(),
            },
        ),
    };
    let code = status.errorcode;
    let result = ActionResult {
        actionid: action.actionid.clone(),
        resourceid: action.resourceid.as_wire(),
        resourcetype: action.resourcetype.clone(),
        cacheable,
        identifier: action.identifier.clone(),
        data,
        status,
    };
    (result, (label.0, label.1, code))
}

fn too_large(state: &AppState) -> ApiError {
    ApiError::with_detail(
        ErrorCode::MissingRequest,
        format!("the body is larger than {} bytes", state.config.body_limit),
    )
}

/// The whole body, within the size limit and the body deadline (`body_deadline.rs`). A body
/// that does not arrive in time gets an envelope like any other bad request; hyper then
/// closes the connection, whose rest of the body was never read.
async fn read_body(state: &AppState, body: Body) -> Result<Bytes, ApiError> {
    let limit = state.config.body_limit;
    // One byte over the limit is enough to know the body is too large.
    match axum::body::to_bytes(body, limit.saturating_add(1)).await {
        Ok(bytes) if bytes.len() > limit => Err(too_large(state)),
        Ok(bytes) => Ok(bytes),
        Err(e) if caused_by::<http_body_util::LengthLimitError>(&e) => Err(too_large(state)),
        Err(e) if caused_by::<BodyTimedOut>(&e) => Err(ApiError::with_detail(
            ErrorCode::MissingRequest,
            format!("{e}; send as many bytes as Content-Length says"),
        )),
        Err(e) => Err(ApiError::with_detail(
            ErrorCode::MissingRequest,
            format!("the body could not be read: {e}"),
        )),
    }
}

/// PHP-style JSON (`\/`, `\uXXXX`), as the real API writes it.
fn encode(envelope: &Envelope) -> Vec<u8> {
    envelope.to_php_json().unwrap_or_else(|e| {
        tracing::error!(error = %e, "response could not be encoded");
        let fallback = Envelope::failed(&ApiError::new(ErrorCode::JsonUnknown));
        serde_json::to_vec(&fallback).unwrap_or_default()
    })
}
