//! A real Kontor on 127.0.0.1:0 with a fresh store, and a client that signs like real ones.

#![allow(dead_code)]

pub mod answers;
pub mod relations;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};

use kontor_proto::hmac::{sign_v1, sign_v2, V1Input};
use kontor_proto::{ActionVerb, ApiSecret, ApiToken};
use kontor_server::{AppState, ServerConfig};
use kontor_store::test_support::{open_test_store, TestStore};
use kontor_store::{ApiUserStore, TenantId, TenantName, TenantStore};
use serde_json::{json, Value};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub struct Credentials {
    pub token: String,
    pub secret: String,
    pub tenant: TenantId,
}

pub struct TestServer {
    pub addr: SocketAddr,
    pub http: reqwest::Client,
    pub store: TestStore,
    /// Set by a test that provokes errorcode 1 on purpose ([`TestServer::expect_internal_errors`]).
    internal_errors_expected: AtomicBool,
}

impl TestServer {
    pub async fn start() -> Result<TestServer, Box<dyn std::error::Error>> {
        TestServer::start_with(ServerConfig::default()).await
    }

    pub async fn start_with(
        config: ServerConfig,
    ) -> Result<TestServer, Box<dyn std::error::Error>> {
        TestServer::start_serving(config, kontor_server::Modules::standard()).await
    }

    /// A server of these record modules (a test's own among them).
    pub async fn start_serving(
        config: ServerConfig,
        modules: kontor_server::Modules,
    ) -> Result<TestServer, Box<dyn std::error::Error>> {
        let store = open_test_store().await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let state = AppState::with_modules(store.store.clone(), config, modules);
        tokio::spawn(async move {
            let _ = kontor_server::serve(listener, state).await;
        });
        let http = reqwest::Client::builder().no_gzip().build()?;
        Ok(TestServer {
            addr,
            http,
            store,
            internal_errors_expected: AtomicBool::new(false),
        })
    }

    /// Lets this server's answers carry errorcode 1 ("Unknown error occurred") without
    /// failing the test: only for a test that provokes a store failure on purpose.
    pub fn expect_internal_errors(&self) {
        self.internal_errors_expected.store(true, Ordering::Relaxed);
    }

    /// Fails unless internal errors are expected when `answer` carries errorcode 1 at the
    /// top level or in any action: a store error is never a valid answer to a request.
    pub fn check_answer(&self, answer: &Value) -> Result<(), Box<dyn std::error::Error>> {
        if self.internal_errors_expected.load(Ordering::Relaxed) {
            return Ok(());
        }
        no_internal_error(answer)
    }

    /// Creates a tenant with one API user whose token and secret are made of `fill`.
    pub async fn tenant(
        &self,
        name: &str,
        fill: char,
    ) -> Result<Credentials, Box<dyn std::error::Error>> {
        let tenant = self
            .store
            .store
            .create_tenant(&TenantName::parse(name)?)
            .await?;
        let token = fill.to_string().repeat(32);
        let secret = format!("{}{}", fill.to_string().repeat(32), "S".repeat(32));
        self.store
            .store
            .create_api_user(
                tenant.id,
                &ApiToken::parse(&token)?,
                &ApiSecret::parse(&secret)?,
            )
            .await?;
        Ok(Credentials {
            token,
            secret,
            tenant: tenant.id,
        })
    }

    /// Saves the estate filter "Zum Kauf" (vermarktungsart = kauf), as `kontor filter add`
    /// does; returns its id.
    pub async fn saved_filter(&self, c: &Credentials) -> Result<i64, Box<dyn std::error::Error>> {
        use kontor_store::{FilterStore, Module};
        let conditions = json!({"vermarktungsart": [{"op": "=", "val": "kauf"}]}).to_string();
        let id = self
            .store
            .store
            .add_filter(c.tenant, Module::ESTATE, "Zum Kauf", "office", &conditions)
            .await?;
        Ok(id)
    }

    /// Sends one action signed with HMAC v2 and returns its result.
    pub async fn call(
        &self,
        c: &Credentials,
        verb: ActionVerb,
        resourcetype: &str,
        resourceid: Value,
        parameters: Value,
    ) -> Result<Value, Box<dyn std::error::Error>> {
        let mut action = action_v2(c, verb, resourcetype, parameters);
        action["resourceid"] = resourceid;
        let json = self.post(&envelope(c, vec![action])).await?;
        Ok(json["response"]["results"][0].clone())
    }

    pub fn url(&self, version: &str) -> String {
        format!("http://{}/api/{version}/api.php", self.addr)
    }

    /// POSTs raw bytes to the stable endpoint; returns the status, the headers and the JSON.
    pub async fn post_raw(
        &self,
        body: impl Into<reqwest::Body>,
    ) -> Result<(u16, reqwest::header::HeaderMap, Value), Box<dyn std::error::Error>> {
        let response = self
            .http
            .post(self.url("stable"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await?;
        let json = serde_json::from_slice(&bytes)
            .map_err(|e| format!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)))?;
        self.check_answer(&json)?;
        Ok((status, headers, json))
    }

    /// POSTs a request and returns the body exactly as sent.
    pub async fn post_bytes(&self, body: &Value) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let response = self
            .http
            .post(self.url("stable"))
            .body(serde_json::to_vec(body)?)
            .send()
            .await?;
        assert_eq!(
            response.status().as_u16(),
            200,
            "HTTP status must always be 200"
        );
        let bytes = response.bytes().await?.to_vec();
        if let Ok(json) = serde_json::from_slice::<Value>(&bytes) {
            self.check_answer(&json)?;
        }
        Ok(bytes)
    }

    pub async fn post(&self, body: &Value) -> Result<Value, Box<dyn std::error::Error>> {
        let (status, _, json) = self.post_raw(serde_json::to_vec(body)?).await?;
        assert_eq!(status, 200, "HTTP status must always be 200");
        Ok(json)
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// An action signed with HMAC v2 at the current time, in the PHP SDK's key order.
pub fn action_v2(
    c: &Credentials,
    verb: ActionVerb,
    resourcetype: &str,
    parameters: Value,
) -> Value {
    let ts = now();
    let actionid = verb.urn();
    let hmac = sign_v2(
        &c.secret,
        &ts.to_string(),
        &c.token,
        resourcetype,
        &actionid,
    );
    json!({
        "actionid": actionid,
        "identifier": "",
        "parameters": parameters,
        "resourceid": "",
        "resourcetype": resourcetype,
        "timestamp": ts,
        "hmac_version": 2,
        "hmac": hmac,
    })
}

/// An action signed with the legacy v1 scheme (no `hmac_version` key), as SDK 0.2.0 sends it.
pub fn action_v1(
    c: &Credentials,
    verb: ActionVerb,
    resourcetype: &str,
    parameters: Value,
) -> Value {
    let ts = now();
    let actionid = verb.urn();
    let hmac = sign_v1(&V1Input {
        token: &c.token,
        actionid: &actionid,
        identifier: "",
        resourceid: "",
        secret: &c.secret,
        timestamp: &ts.to_string(),
        resourcetype,
        parameters: &parameters,
    });
    json!({
        "actionid": actionid,
        "identifier": "",
        "parameters": parameters,
        "resourceid": "",
        "resourcetype": resourcetype,
        "timestamp": ts,
        "hmac": hmac,
    })
}

pub fn envelope(c: &Credentials, actions: Vec<Value>) -> Value {
    json!({"token": c.token, "request": {"actions": actions}})
}

pub fn kinds(lang: &str) -> Value {
    json!({"lang": lang})
}

/// The top-level `(code, errorcode)`.
pub fn top(json: &Value) -> (i64, i64) {
    (
        json["status"]["code"].as_i64().unwrap_or(-1),
        json["status"]["errorcode"].as_i64().unwrap_or(-1),
    )
}

/// An error unless neither the top-level status nor any action's status of `answer` carries
/// errorcode 1, which only a store failure answers (`handlers::store_error`).
pub fn no_internal_error(answer: &Value) -> Result<(), Box<dyn std::error::Error>> {
    let internal = top(answer).1 == 1 || codes(answer).contains(&1);
    if internal {
        return Err(format!("the server answered errorcode 1 (a store error): {answer}").into());
    }
    Ok(())
}

/// The per-action error codes, in order.
pub fn codes(json: &Value) -> Vec<i64> {
    json["response"]["results"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|r| r["status"]["errorcode"].as_i64().unwrap_or(-1))
                .collect()
        })
        .unwrap_or_default()
}

/// Replaces what differs between runs: uuids and dates (as stored or formatted).
pub fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => map.values_mut().for_each(redact),
        Value::Array(items) => items.iter_mut().for_each(redact),
        Value::String(text) if is_uuid(text) => *text = "[uuid]".into(),
        Value::String(text) if is_date(text) => *text = "[date]".into(),
        _ => {}
    }
}

pub fn is_uuid(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `2026-12-01`, `2026-12-01 10:11:12` or `01.12.2026`: but not the zero date `0000-00-00`
/// an unset date reads as, which stays as it is.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let iso = b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7);
    let german = b.len() >= 10 && b[2] == b'.' && b[5] == b'.' && digits(0..2) && digits(6..10);
    (iso || german) && !text.starts_with("0000")
}
