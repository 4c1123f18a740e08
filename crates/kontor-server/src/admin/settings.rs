//! The imprint and basic settings of a tenant (`read impressum`, `read basicsettings`).
//!
//! ```text
//! GET   /admin/tenants/demo/settings
//!   → {"imprint.title":"Herr","imprint.firstname":"Jan",…,"ci.color":"2b5797",…}
//! PATCH /admin/tenants/demo/settings  {"imprint.firma":"Muster GmbH","ci.claim":""}
//!   → 200 and all settings as GET answers them; "" clears a setting
//! ```
//! Every setting is listed, empty ones as `""`; a PATCH names only those it changes. An
//! unknown name or a bad value (a colour that is not hex, a country that is no ISO code)
//! refuses the whole PATCH with 400 and changes nothing.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kontor_proto::calls::settings::Entries;
use kontor_store::{Setting, SettingsStore, TenantId};
use serde_json::{Map, Value};

use super::{authorise, named_tenant, problem, store_problem, Rejection};
use crate::AppState;

pub(crate) async fn get_settings(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(tenant): Path<String>,
) -> Response {
    let tenant = match admitted(&state, &headers, &tenant).await {
        Ok(t) => t,
        Err(r) => return r.into_response(),
    };
    answer(&state, tenant).await
}

pub(crate) async fn patch_settings(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(tenant): Path<String>,
    body: Result<Json<Map<String, Value>>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let tenant = match admitted(&state, &headers, &tenant).await {
        Ok(t) => t,
        Err(r) => return r.into_response(),
    };
    let Json(body) = match body {
        Ok(b) => b,
        Err(e) => return problem(StatusCode::BAD_REQUEST, e.body_text()).into_response(),
    };
    let changes = match changes(&body) {
        Ok(c) => c,
        Err(e) => return problem(StatusCode::BAD_REQUEST, e).into_response(),
    };
    if let Err(e) = state.store.set_tenant_settings(tenant, &changes).await {
        return store_problem(e).into_response();
    }
    answer(&state, tenant).await
}

async fn admitted(
    state: &AppState,
    headers: &HeaderMap,
    tenant: &str,
) -> Result<TenantId, Rejection> {
    authorise(state, headers)?;
    Ok(named_tenant(state, tenant).await?.id)
}

/// `{"name": "value"}`: text values; flags may also be JSON booleans.
fn changes(body: &Map<String, Value>) -> Result<Vec<(Setting, String)>, String> {
    body.iter()
        .map(|(name, value)| {
            let setting = Setting::parse(name)?;
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Bool(b) => b.to_string(),
                Value::Null => String::new(),
                other => return Err(format!("{name}: a setting's value is text, got {other}")),
            };
            Ok((setting, text))
        })
        .collect()
}

async fn answer(state: &AppState, tenant: TenantId) -> Response {
    match state.store.tenant_settings(tenant).await {
        Ok(settings) => {
            let all = Entries(
                settings
                    .all()
                    .map(|(s, v)| (s.name(), v.to_string()))
                    .collect(),
            );
            Json(all).into_response()
        }
        Err(e) => store_problem(e).into_response(),
    }
}
