//! How a [`Client`](crate::Client) is set up: endpoint, credentials, signing, timeouts, retries.

use std::sync::Arc;
use std::time::Duration;

use kontor_proto::{ApiSecret, ApiToken};

use crate::cache::Cache;
use crate::retry::RetryPolicy;
use crate::transport::Inner;
use crate::{Client, ClientError};

/// The public onOffice API server; the version and `/api.php` are appended to it.
pub const DEFAULT_SERVER: &str = "https://api.onoffice.de/api/";

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
    server: String,
    version: ApiVersion,
    endpoint: Option<String>,
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
            server: DEFAULT_SERVER.to_string(),
            version: ApiVersion::Stable,
            endpoint: None,
            // The field configuration of a large customer takes seconds on the real API.
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            user_agent: format!("kontor-client/{}", env!("CARGO_PKG_VERSION")),
            scheme: SignatureScheme::V2,
            retry: RetryPolicy::default(),
            cache: None,
        }
    }

    /// The API server the version is appended to, e.g. `http://127.0.0.1:8080/api/`
    /// (a missing trailing `/` is added, unlike in the PHP SDK).
    pub fn server(mut self, server: impl Into<String>) -> Self {
        self.server = server.into();
        self
    }

    /// `stable` (default) or `latest`.
    pub fn version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// The full endpoint URL (`…/api/stable/api.php`), instead of server plus version.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
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
        let endpoint = match self.endpoint {
            Some(url) => url,
            None => {
                let slash = if self.server.ends_with('/') { "" } else { "/" };
                format!("{}{slash}{}/api.php", self.server, self.version.as_str())
            }
        };
        let url = reqwest::Url::parse(&endpoint)
            .map_err(|e| ClientError::Config(format!("the URL {endpoint:?} is not valid: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ClientError::Config(format!(
                "the URL {endpoint:?} must start with http:// or https://"
            )));
        }
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent)
            .build()
            .map_err(|e| ClientError::Config(format!("cannot set up HTTP: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                url,
                token: self.token,
                secret: self.secret,
                scheme: self.scheme,
                retry: self.retry,
                cache: self.cache,
            }),
        })
    }
}
