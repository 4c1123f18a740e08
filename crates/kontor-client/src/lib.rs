//! Rust SDK for the onOffice enterprise API, and for Kontor, which speaks the same protocol.
//!
//! What the official PHP SDK does (queue actions, send them in one request, read each result
//! by handle, keep cacheable results), typed and async, plus signing at send time, retries,
//! and paging:
//!
//! - [`Client`]: endpoint, credentials, HMAC v2 (or v1), timeouts, retries, cache;
//! - [`Action`]: any call as (verb, resource type, resource id, parameters); the typed
//!   builders in [`calls`] make the common ones;
//! - [`Batch`] and [`Responses`]: many actions in one request, results by [`Handle`];
//! - [`Pager`]: every record of a list read as a `Stream`, 500 at a time;
//! - [`Cache`] and [`MemoryCache`]: results the server marks `cacheable`, never writes.
//!
//! Failures are one enum, [`ClientError`]; a failed action is [`ClientError::Action`] with a
//! typed [`ActionError`] (code, known [`ErrorCode`], message),
//! apart from transport failures. Only transport failures and HTTP 5xx are retried.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let kontor = kontor_store::test_support::open_test_store().await?;
//! # let tenant = kontor_store::TenantStore::create_tenant(&kontor.store, &kontor_store::TenantName::parse("demo")?).await?;
//! # let (token, secret) = ("t".repeat(32), "s".repeat(64));
//! # kontor_store::ApiUserStore::create_api_user(&kontor.store, tenant.id, &kontor_proto::ApiToken::parse(&token)?, &kontor_proto::ApiSecret::parse(&secret)?).await?;
//! # let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! # let server = format!("http://{}/api/", listener.local_addr()?);
//! # tokio::spawn(kontor_server::serve(listener, kontor_server::AppState::new(kontor.store.clone(), Default::default())));
//! use std::time::Duration;
//! use kontor_client::{calls, Client, Language, MemoryCache};
//!
//! let client = Client::with_credentials(&token, &secret)?
//!     .server(server)
//!     .cache(MemoryCache::new(Duration::from_secs(3600)))
//!     .build()?;
//! let first = client.call(calls::actionkindtypes::get().lang(Language::ENG).into()).await?;
//! let again = client.call(calls::actionkindtypes::get().lang(Language::ENG).into()).await?;
//! assert!(!first.from_cache() && again.from_cache());
//! # Ok(())
//! # }
//! ```

mod action;
mod batch;
mod cache;
pub mod calls;
mod client;
mod config;
mod endpoint;
mod error;
mod pager;
mod reply;
mod retry;
mod sign;
mod transport;

pub use action::{Action, CacheKey};
pub use batch::{Batch, Handle, Responses};
pub use cache::{Cache, MemoryCache};
pub use client::Client;
pub use config::{ApiVersion, ClientBuilder, SignatureScheme};
pub use endpoint::{Endpoint, EndpointError, DEFAULT_SERVER};
pub use error::{ActionError, ClientError};
pub use pager::{Pager, MAX_PAGE};
pub use reply::Reply;
pub use retry::RetryPolicy;

pub use kontor_proto::{ActionVerb, ErrorCode, Language, Record, RecordId};
