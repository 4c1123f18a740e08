//! Admin endpoints beside the API: custom fields and settings of a tenant.
//!
//! ```text
//! GET  /admin/tenants/{tenant}/fields/{module}    the module's fields (standard and custom)
//! POST /admin/tenants/{tenant}/fields/{module}    add a custom field:
//!   {"name":"ind_1_Feld_ObjTech1","type":"singleselect","labels":{"DEU":"Lage","ENG":"Location"},
//!    "values":[{"key":"ruhig","labels":{"DEU":"ruhig","ENG":"quiet"}}],"default":null}
//! GET   /admin/tenants/{tenant}/settings          imprint and basic settings (`settings.rs`)
//! PATCH /admin/tenants/{tenant}/settings          change some: {"imprint.firma":"…"}
//! ```
//! `Authorization: Bearer <admin token>`. These are not the onOffice API, so they use plain
//! HTTP statuses: 201, 400, 401, 404, 409.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kontor_proto::Language;
use kontor_store::fields::{FieldType, NewCustomField, SelectOption};
use kontor_store::Module;
use kontor_store::{FieldStore, Labels, StoreError, TenantName, TenantStore};
use serde::{Deserialize, Serialize};

use crate::AppState;

mod settings;
pub(crate) use settings::{get_settings, patch_settings};

#[derive(Debug, Deserialize)]
pub(crate) struct FieldBody {
    name: String,
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    length: Option<u32>,
    labels: BTreeMap<String, String>,
    #[serde(default)]
    values: Vec<ValueBody>,
    #[serde(default)]
    default: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ValueBody {
    key: String,
    labels: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Problem {
    error: String,
}

#[derive(Debug, Serialize)]
struct Created {
    name: String,
}

#[derive(Debug, Serialize)]
struct FieldSummary {
    name: String,
    #[serde(rename = "type")]
    ty: &'static str,
    label: String,
    custom: bool,
}

/// A refused admin request: small enough to travel in a `Result`.
type Rejection = (StatusCode, Json<Problem>);

fn problem(status: StatusCode, error: impl Into<String>) -> Rejection {
    (
        status,
        Json(Problem {
            error: error.into(),
        }),
    )
}

/// Refuses the request unless the admin token matches; 404 when no token is configured.
fn authorise(state: &AppState, headers: &HeaderMap) -> Result<(), Rejection> {
    let Some(expected) = &state.config.admin_token else {
        return Err(problem(StatusCode::NOT_FOUND, "not found"));
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if kontor_proto::hmac::verify(expected, given) {
        Ok(())
    } else {
        Err(problem(
            StatusCode::UNAUTHORIZED,
            "missing or wrong admin token",
        ))
    }
}

async fn tenant_and_module(
    state: &AppState,
    tenant: &str,
    module: &str,
) -> Result<(kontor_store::Tenant, Module), Rejection> {
    let module = Module::by_name(module).ok_or_else(|| {
        problem(
            StatusCode::NOT_FOUND,
            format!("unknown module {module:?}: use estate or address"),
        )
    })?;
    Ok((named_tenant(state, tenant).await?, module))
}

/// The tenant of a path; 404 when there is none.
async fn named_tenant(state: &AppState, tenant: &str) -> Result<kontor_store::Tenant, Rejection> {
    let name = TenantName::parse(tenant).map_err(|e| problem(StatusCode::BAD_REQUEST, e))?;
    match state.store.tenant_by_name(&name).await {
        Ok(Some(t)) => Ok(t),
        Ok(None) => Err(problem(
            StatusCode::NOT_FOUND,
            format!("tenant {name} does not exist"),
        )),
        Err(e) => Err(store_problem(e)),
    }
}

fn store_problem(e: StoreError) -> Rejection {
    match e {
        StoreError::Duplicate { .. } => problem(StatusCode::CONFLICT, e.to_string()),
        StoreError::Invalid(_) | StoreError::NotFound { .. } => {
            problem(StatusCode::BAD_REQUEST, e.to_string())
        }
        other => {
            tracing::error!(error = %other, "admin request failed");
            problem(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
        }
    }
}

pub(crate) async fn list_fields(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((tenant, module)): Path<(String, String)>,
) -> Response {
    if let Err(r) = authorise(&state, &headers) {
        return r.into_response();
    }
    let (tenant, module) = match tenant_and_module(&state, &tenant, &module).await {
        Ok(found) => found,
        Err(r) => return r.into_response(),
    };
    match state.store.field_config(tenant.id, module).await {
        Ok(config) => {
            let fields: Vec<FieldSummary> = config
                .fields()
                .iter()
                .map(|f| FieldSummary {
                    name: f.name.clone(),
                    ty: f.ty.wire_name(true),
                    label: f.label(Language::ENG).to_string(),
                    custom: f.custom,
                })
                .collect();
            Json(fields).into_response()
        }
        Err(e) => store_problem(e).into_response(),
    }
}

pub(crate) async fn add_field(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((tenant, module)): Path<(String, String)>,
    body: Result<Json<FieldBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    if let Err(r) = authorise(&state, &headers) {
        return r.into_response();
    }
    let Json(body) = match body {
        Ok(b) => b,
        Err(e) => return problem(StatusCode::BAD_REQUEST, e.body_text()).into_response(),
    };
    let (tenant, module) = match tenant_and_module(&state, &tenant, &module).await {
        Ok(found) => found,
        Err(r) => return r.into_response(),
    };
    let field = match new_field(body) {
        Ok(f) => f,
        Err(e) => return problem(StatusCode::BAD_REQUEST, e).into_response(),
    };
    match state.store.add_field(tenant.id, module, &field).await {
        Ok(()) => (StatusCode::CREATED, Json(Created { name: field.name })).into_response(),
        Err(e) => store_problem(e).into_response(),
    }
}

/// The same rules as `kontor field add`.
fn new_field(body: FieldBody) -> Result<NewCustomField, String> {
    let ty =
        FieldType::parse(&body.ty).ok_or_else(|| format!("unknown field type {:?}", body.ty))?;
    if body.labels.get("DEU").is_none_or(String::is_empty) {
        return Err("labels.DEU is required".into());
    }
    if ty.is_select() == body.values.is_empty() {
        return Err(if ty.is_select() {
            "a select field needs values".into()
        } else {
            "only select fields take values".into()
        });
    }
    if let (true, Some(default)) = (ty.is_select(), &body.default) {
        if !body.values.iter().any(|v| &v.key == default) {
            return Err(format!("default {default:?} is not one of the values"));
        }
    }
    Ok(NewCustomField {
        name: body.name,
        ty,
        length: body.length,
        labels: Labels(body.labels),
        values: body
            .values
            .into_iter()
            .map(|v| SelectOption {
                key: v.key,
                labels: Labels(v.labels),
            })
            .collect(),
        default: body.default,
    })
}
