//! The axum application: routes and shared state.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use kontor_store::Store;
use tokio::net::TcpListener;

use crate::modules::Modules;
use crate::{admin, api, body_deadline, listen, observe, ServerConfig};

/// What every request handler shares. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<ServerConfig>,
    pub(crate) auth_cache: Arc<crate::auth_cache::AuthCache>,
    pub(crate) read_cache: Arc<crate::read_cache::ReadCache>,
    /// The record modules served.
    pub(crate) modules: Arc<Modules>,
}

impl AppState {
    pub fn new(store: Store, config: ServerConfig) -> AppState {
        AppState::with_modules(store, config, Modules::standard())
    }

    /// A server of these record modules (the standard ones and a test's own).
    pub fn with_modules(store: Store, config: ServerConfig, modules: Modules) -> AppState {
        AppState {
            store,
            config: Arc::new(config),
            auth_cache: Arc::default(),
            read_cache: Arc::default(),
            modules: Arc::new(modules),
        }
    }
}

/// All routes. The API endpoint takes any version segment (`stable`, `latest`, …): the real
/// service redirects customers to their version whatever they ask for, so the segment
/// selects nothing here either.
pub fn router(state: AppState) -> Router {
    // The endpoint reads its body itself, within the size limit and the body deadline, and
    // answers both with an envelope rather than with a bare 413 or 408.
    let body_timeout = state.config.body_read_timeout;
    Router::new()
        .route(
            "/api/{version}/api.php",
            get(api::endpoint).post(api::endpoint),
        )
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route(
            "/admin/tenants/{tenant}/fields/{module}",
            get(admin::list_fields).post(admin::add_field),
        )
        .route(
            "/admin/tenants/{tenant}/settings",
            get(admin::get_settings).patch(admin::patch_settings),
        )
        .with_state(state)
        .layer(axum::middleware::map_request(move |request| async move {
            body_deadline::limit(request, body_timeout)
        }))
}

/// Serves until the process gets Ctrl-C or SIGTERM, then finishes the requests in flight.
/// Connections are capped and their headers timed out as `state.config` says
/// (`listen.rs`).
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    observe::install();
    let config = state.config.clone();
    listen::run(listener, router(state), &config, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok\n"
}

/// The database answers.
async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready\n".to_string()),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database unreachable\n".to_string(),
            )
        }
    }
}

async fn metrics(State(state): State<AppState>) -> String {
    observe::render(&state.store)
}
