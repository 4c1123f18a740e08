//! A real Kontor on 127.0.0.1:0 with a fresh store, and small stand-in servers for the
//! behaviours a healthy Kontor never shows (5xx, broken bodies, `cacheable: false`).

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use kontor_client::{Client, ClientBuilder};
use kontor_proto::{ApiSecret, ApiToken};
use kontor_server::{AppState, ServerConfig};
use kontor_store::test_support::{open_test_store, TestStore};
use kontor_store::{ApiUserStore, TenantName, TenantStore};
use serde_json::{json, Value};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub const TOKEN: &str = "kontorclienttesttoken0123456789a";
pub const SECRET: &str = "kontorclienttestsecret0123456789kontorclienttestsecret0123456789";

pub struct Kontor {
    pub addr: SocketAddr,
    pub store: TestStore,
    /// Every answer that carried errorcode 1 (a store error); the test fails on drop unless
    /// it said it expects them ([`Kontor::expect_internal_errors`]).
    internal: Arc<Mutex<Vec<String>>>,
    internal_expected: bool,
}

impl Drop for Kontor {
    fn drop(&mut self) {
        let seen = self
            .internal
            .lock()
            .map(|seen| seen.clone())
            .unwrap_or_default();
        if !self.internal_expected && !seen.is_empty() && !std::thread::panicking() {
            panic!("Kontor answered errorcode 1 (a store error): {seen:?}");
        }
    }
}

/// Keeps every API answer of the real server that carries errorcode 1, at the top level or
/// in an action, whatever the client under test then does with it.
async fn watch_internal_errors(
    State(seen): State<Arc<Mutex<Vec<String>>>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = next.run(request).await.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    if let Ok(json) = serde_json::from_slice::<Value>(&bytes) {
        let code = |status: &Value| status["errorcode"].as_i64();
        let actions = json["response"]["results"].as_array().cloned();
        let internal = code(&json["status"]) == Some(1)
            || actions
                .unwrap_or_default()
                .iter()
                .any(|r| code(&r["status"]) == Some(1));
        if internal {
            if let Ok(mut seen) = seen.lock() {
                seen.push(json.to_string());
            }
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

impl Kontor {
    /// A server with one tenant whose API user is `TOKEN`/`SECRET`.
    pub async fn start() -> Result<Kontor, Box<dyn std::error::Error>> {
        let store = open_test_store().await?;
        let tenant = store
            .store
            .create_tenant(&TenantName::parse("clienttest")?)
            .await?;
        store
            .store
            .create_api_user(
                tenant.id,
                &ApiToken::parse(TOKEN)?,
                &ApiSecret::parse(SECRET)?,
            )
            .await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let state = AppState::new(store.store.clone(), ServerConfig::default());
        let internal: Arc<Mutex<Vec<String>>> = Arc::default();
        let app = kontor_server::router(state).layer(middleware::from_fn_with_state(
            internal.clone(),
            watch_internal_errors,
        ));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Kontor {
            addr,
            store,
            internal,
            internal_expected: false,
        })
    }

    /// Lets answers carry errorcode 1 without failing the test: only for a test that
    /// provokes a store failure on purpose.
    pub fn expect_internal_errors(&mut self) {
        self.internal_expected = true;
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}/api/stable/api.php", self.addr)
    }

    pub fn client(&self) -> Result<ClientBuilder, kontor_client::ClientError> {
        Ok(Client::with_credentials(TOKEN, SECRET)?.endpoint(self.endpoint()))
    }
}

/// What a stand-in server does with one request body: status and body to answer.
pub type Answer = Arc<dyn Fn(usize, &Value) -> (u16, String) + Send + Sync>;

/// A stand-in server that records every body it receives.
pub struct StandIn {
    pub addr: SocketAddr,
    pub bodies: Arc<Mutex<Vec<Value>>>,
}

impl StandIn {
    pub async fn start(answer: Answer) -> Result<StandIn, Box<dyn std::error::Error>> {
        let bodies: Arc<Mutex<Vec<Value>>> = Arc::default();
        let seen = bodies.clone();
        let app = Router::new().route(
            "/api/{version}/api.php",
            post(move |body: Bytes| {
                let seen = seen.clone();
                let answer = answer.clone();
                async move {
                    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    let n = {
                        let mut seen = seen.lock().unwrap_or_else(|p| p.into_inner());
                        seen.push(json.clone());
                        seen.len()
                    };
                    let (status, body) = answer(n, &json);
                    (StatusCode::from_u16(status).unwrap_or(StatusCode::OK), body)
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(StandIn { addr, bodies })
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}/api/stable/api.php", self.addr)
    }

    pub fn bodies(&self) -> Vec<Value> {
        self.bodies
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn client(&self) -> Result<ClientBuilder, kontor_client::ClientError> {
        Ok(Client::with_credentials(TOKEN, SECRET)?.endpoint(self.endpoint()))
    }
}

/// A successful result for `action` (a request action), with `records` and a count.
pub fn result(action: &Value, cacheable: bool, records: Vec<Value>, total: Option<u64>) -> Value {
    json!({
        "actionid": action["actionid"],
        "resourceid": action["resourceid"],
        "resourcetype": action["resourcetype"],
        "cacheable": cacheable,
        "identifier": action["identifier"],
        "data": {"meta": {"cntabsolute": total}, "records": records},
        "status": {"errorcode": 0, "message": "OK"},
    })
}

pub fn envelope(results: Vec<Value>) -> String {
    json!({"status": {"code": 200, "errorcode": 0, "message": "OK"},
           "response": {"results": results}})
    .to_string()
}

/// The actions of a recorded request body.
pub fn actions(body: &Value) -> Vec<Value> {
    body["request"]["actions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}
