//! The entry point of the SDK.

use std::sync::Arc;

use kontor_proto::{ApiSecret, ApiToken};

use crate::transport::Inner;
use crate::{Action, Batch, ClientBuilder, ClientError, Pager, Reply};

/// A client of the onOffice API, or of Kontor. Cheap to clone; clones share connections
/// and the cache.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let kontor = kontor_store::test_support::open_test_store().await?;
/// # let tenant = kontor_store::TenantStore::create_tenant(&kontor.store, &kontor_store::TenantName::parse("demo")?).await?;
/// # let (token, secret) = ("t".repeat(32), "s".repeat(64));
/// # kontor_store::ApiUserStore::create_api_user(&kontor.store, tenant.id, &kontor_proto::ApiToken::parse(&token)?, &kontor_proto::ApiSecret::parse(&secret)?).await?;
/// # let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// # let server = format!("http://{}/api/", listener.local_addr()?);
/// # tokio::spawn(kontor_server::serve(listener, kontor_server::AppState::new(kontor.store.clone(), Default::default())));
/// use kontor_client::{Action, Client};
/// use kontor_proto::ActionVerb;
///
/// // Without `.server(…)` the client talks to the public onOffice API.
/// let client = Client::with_credentials(&token, &secret)?
///     .server(server) // e.g. "http://127.0.0.1:8080/api/" for a local Kontor
///     .build()?;
/// let kinds = client
///     .call(Action::new(ActionVerb::Get, "actionkindtypes").param("lang", "ENG"))
///     .await?;
/// assert_eq!(kinds.records()[0].elements["key"], "Email");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

impl Client {
    /// Starts a configuration from parsed credentials.
    pub fn builder(token: ApiToken, secret: ApiSecret) -> ClientBuilder {
        ClientBuilder::new(token, secret)
    }

    /// Starts a configuration from the token (32 characters) and secret (64 characters) as
    /// text. A wrong length is refused here, naming which one is wrong and whether they look
    /// swapped, rather than as "HMAC invalid" from the server.
    ///
    /// ```
    /// use kontor_client::Client;
    ///
    /// let token = "t".repeat(32);
    /// let secret = "s".repeat(64);
    /// let swapped = Client::with_credentials(&secret, &token).unwrap_err();
    /// assert_eq!(
    ///     swapped.to_string(),
    ///     "the token must be 32 characters, got 64 (token and secret may be swapped)"
    /// );
    /// ```
    pub fn with_credentials(token: &str, secret: &str) -> Result<ClientBuilder, ClientError> {
        Ok(ClientBuilder::new(
            ApiToken::parse(token.trim())?,
            ApiSecret::parse(secret.trim())?,
        ))
    }

    /// Sends one action and returns its result; a per-action error is
    /// [`ClientError::Action`].
    pub async fn call(&self, action: Action) -> Result<Reply, ClientError> {
        let mut batch = self.batch();
        let handle = batch.push(action);
        let responses = batch.send().await?;
        responses.get(handle).cloned()
    }

    /// An empty batch: queue actions, then send them in one request.
    pub fn batch(&self) -> Batch {
        Batch::new(self.clone())
    }

    /// Walks a list read page by page (see [`Pager`]).
    pub fn pager(&self, action: Action) -> Pager {
        Pager::new(self.clone(), action)
    }

    /// The URL requests go to.
    pub fn endpoint(&self) -> &str {
        self.inner.url.as_str()
    }

    /// Empties the cache, if there is one.
    pub fn clear_cache(&self) {
        if let Some(cache) = &self.inner.cache {
            cache.clear();
        }
    }
}
