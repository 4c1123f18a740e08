//! How a [`Client`](crate::Client) is set up: endpoint, credentials, signing, timeouts, retries.

use std::sync::Arc;
use std::time::Duration;

use kontor_proto::{ApiSecret, ApiToken};

use crate::cache::Cache;
use crate::retry::RetryPolicy;
use crate::transport::Inner;
use crate::{Client, ClientError, Endpoint};

/// The API version segment of the endpoint URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiVersion {
    /// Updated monthly; what live customers are always redirected to.
    #[default]
    Stable,
    /// The beta.
    Latest,
}

impl ApiVersion {
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiVersion::Stable => "stable",
            ApiVersion::Latest => "latest",
        }
    }

    /// `stable` or `latest`, as typed on a command line.
    pub fn parse(text: &str) -> Option<ApiVersion> {
        match text {
            "stable" => Some(ApiVersion::Stable),
            "latest" => Some(ApiVersion::Latest),
            _ => None,
        }
    }
}

/// Which HMAC scheme signs the actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignatureScheme {
    /// HMAC-SHA256 over timestamp, token, resourcetype and actionid (`hmac_version: 2`).
    #[default]
    V2,
    /// The legacy MD5 scheme of PHP SDK 0.2.0, which also covers the parameters.
    V1,
}

/// Builds a [`Client`]. Start from [`Client::builder`].
#[derive(Debug)]
pub struct ClientBuilder {
    token: ApiToken,
    secret: ApiSecret,
    /// As given; parsed by `build`, together with the version (`endpoint.rs`).
    url: Option<String>,
    version: Option<ApiVersion>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    scheme: SignatureScheme,
    retry: RetryPolicy,
    cache: Option<Arc<dyn Cache>>,
}

impl ClientBuilder {
    pub(crate) fn new(token: ApiToken, secret: ApiSecret) -> ClientBuilder {
        ClientBuilder {
            token,
            secret,
            url: None,
            version: None,
            // The field configuration of a large customer takes seconds on the real API.
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            user_agent: format!("kontor-client/{}", env!("CARGO_PKG_VERSION")),
            scheme: SignatureScheme::V2,
            retry: RetryPolicy::default(),
            cache: None,
        }
    }

    /// Where to send requests, in any form [`Endpoint::parse`] accepts: the server root
    /// (`http://127.0.0.1:8080`), the API directory as the PHP SDK's `setApiServer` takes it
    /// (`…/api/`, the trailing `/` optional) or the full endpoint (`…/api/stable/api.php`).
    /// The same as [`Self::endpoint`]; without either, the public onOffice API.
    pub fn server(self, server: impl Into<String>) -> Self {
        self.endpoint(server)
    }

    /// `stable` (default) or `latest`, for a URL that does not name its version; a URL
    /// that names another one is refused by [`Self::build`].
    pub fn version(mut self, version: ApiVersion) -> Self {
        self.version = Some(version);
        self
    }

    /// Where to send requests; see [`Self::server`], which is the same.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Time for a whole request, from connecting to the last byte of the answer.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sign with the legacy v1 scheme instead of HMAC v2.
    pub fn signature(mut self, scheme: SignatureScheme) -> Self {
        self.scheme = scheme;
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Keep `cacheable` results of reads and gets in `cache`.
    pub fn cache(mut self, cache: impl Cache + 'static) -> Self {
        self.cache = Some(Arc::new(cache));
        self
    }

    /// Share one cache between several clients.
    pub fn shared_cache(mut self, cache: Arc<dyn Cache>) -> Self {
        self.cache = Some(cache);
        self
    }

    pub fn build(self) -> Result<Client, ClientError> {
        let endpoint = match &self.url {
            Some(url) => Endpoint::parse(url, self.version)?,
            None => Endpoint::onoffice(self.version.unwrap_or_default()),
        };
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent)
            .build()
            .map_err(|e| ClientError::Config(format!("cannot set up HTTP: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                url: endpoint.url().clone(),
                token: self.token,
                secret: self.secret,
                scheme: self.scheme,
                retry: self.retry,
                cache: self.cache,
            }),
        })
    }
}
