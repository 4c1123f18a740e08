//! The URL requests are posted to, from any of the forms people write it in.
//!
//! The API has one endpoint, `{server}/api/{version}/api.php`. Tools are usually given the
//! server root (`http://127.0.0.1:8080`), the PHP SDK's `setApiServer` takes the API
//! directory (`…/api/`), and the docs quote the full endpoint; all three mean the same
//! endpoint, so all three are accepted, and so is the version directory (`…/api/stable/`).
//! Anything else is refused with the accepted forms, rather than guessed at.

use std::fmt;
use std::str::FromStr;

use crate::ApiVersion;

/// The public onOffice API server; the version and `/api.php` are appended to it.
pub const DEFAULT_SERVER: &str = "https://api.onoffice.de/api/";

/// The forms [`Endpoint::parse`] accepts, for error messages.
pub(crate) const ACCEPTED_FORMS: &str = "give the server (http://127.0.0.1:8080), \
     its API directory (http://127.0.0.1:8080/api/) \
     or the endpoint (http://127.0.0.1:8080/api/stable/api.php)";

/// The script name that ends every endpoint.
const SCRIPT: &str = "api.php";
/// The directory the version directories are in.
const API_DIR: &str = "api";

/// The endpoint URL, always `…/api/{version}/api.php` (or a full endpoint given as such).
///
/// ```
/// use kontor_client::{ApiVersion, Endpoint};
///
/// let want = "http://127.0.0.1:8080/api/stable/api.php";
/// for typed in [
///     "http://127.0.0.1:8080",
///     "http://127.0.0.1:8080/",
///     "http://127.0.0.1:8080/api",
///     "http://127.0.0.1:8080/api/",
///     "http://127.0.0.1:8080/api/stable/",
///     "http://127.0.0.1:8080/api/stable/api.php",
/// ] {
///     assert_eq!(Endpoint::parse(typed, None)?.as_str(), want, "{typed}");
/// }
/// let latest = Endpoint::parse("https://example.org/api/", Some(ApiVersion::Latest))?;
/// assert_eq!(latest.as_str(), "https://example.org/api/latest/api.php");
/// # Ok::<(), kontor_client::EndpointError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    url: reqwest::Url,
}

/// Why a URL is not an endpoint. Each message quotes the URL and says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EndpointError {
    #[error("the URL {url:?} is not valid ({reason}); {ACCEPTED_FORMS}")]
    Invalid { url: String, reason: String },
    #[error("the URL {url:?} must start with http:// or https://")]
    Scheme { url: String },
    #[error("the URL {url:?} has a #fragment, which is never sent to a server; leave it out")]
    Fragment { url: String },
    #[error("the URL {url:?} does not lead to the API (path {path:?}); {ACCEPTED_FORMS}")]
    Path { url: String, path: String },
    #[error(
        "the URL {url:?} names the API version {in_url:?}, but {asked:?} was asked for; \
         leave out one of them"
    )]
    VersionConflict {
        url: String,
        in_url: String,
        asked: &'static str,
    },
}

impl Endpoint {
    /// The endpoint of `text`: the server root, the API directory, a version directory or
    /// the endpoint itself, over http or https, with an optional query string (kept as
    /// given, for proxies that want one). Empty path segments (`//`, a trailing `/`) are
    /// dropped. `version` is appended where the URL has none (default `stable`); a URL that
    /// names a different version than an explicit `version` is refused.
    pub fn parse(text: &str, version: Option<ApiVersion>) -> Result<Endpoint, EndpointError> {
        let text = text.trim();
        let scheme = || EndpointError::Scheme {
            url: text.to_string(),
        };
        let mut url = match reqwest::Url::parse(text) {
            Ok(url) => url,
            // "127.0.0.1:8080" and "/api/" have no scheme at all.
            Err(url::ParseError::RelativeUrlWithoutBase) => return Err(scheme()),
            Err(e) => {
                return Err(EndpointError::Invalid {
                    url: text.to_string(),
                    reason: e.to_string(),
                })
            }
        };
        // "localhost:8080" parses, with "localhost" as its scheme.
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(scheme());
        }
        if url.fragment().is_some() {
            return Err(EndpointError::Fragment {
                url: text.to_string(),
            });
        }
        let mut segments: Vec<String> = url
            .path_segments()
            .map(|s| s.filter(|s| !s.is_empty()).map(String::from).collect())
            .unwrap_or_default();
        let conflict = |in_url: &str, asked: ApiVersion| EndpointError::VersionConflict {
            url: text.to_string(),
            in_url: in_url.to_string(),
            asked: asked.as_str(),
        };
        let appended = version.unwrap_or_default().as_str();
        match segments.last().map(String::as_str) {
            Some(SCRIPT) => {
                // The endpoint as written; its version directory is whatever precedes the
                // script (a server may offer more than `stable` and `latest`).
                let named = segments.len().checked_sub(2).map(|i| segments[i].as_str());
                if let (Some(asked), Some(named)) = (version, named) {
                    if named != asked.as_str() {
                        return Err(conflict(named, asked));
                    }
                }
            }
            Some(last) if ApiVersion::parse(last).is_some() => {
                if let Some(asked) = version.filter(|v| v.as_str() != last) {
                    return Err(conflict(last, asked));
                }
                segments.push(SCRIPT.to_string());
            }
            Some(API_DIR) => segments.extend([appended.to_string(), SCRIPT.to_string()]),
            None => segments.extend([
                API_DIR.to_string(),
                appended.to_string(),
                SCRIPT.to_string(),
            ]),
            Some(_) => {
                return Err(EndpointError::Path {
                    url: text.to_string(),
                    path: url.path().to_string(),
                })
            }
        }
        url.set_path(&format!("/{}", segments.join("/")));
        Ok(Endpoint { url })
    }

    /// The public onOffice API.
    pub fn onoffice(version: ApiVersion) -> Endpoint {
        let mut url = reqwest::Url::parse(DEFAULT_SERVER)
            .unwrap_or_else(|_| unreachable!("DEFAULT_SERVER is a valid URL"));
        url.set_path(&format!("/{API_DIR}/{}/{SCRIPT}", version.as_str()));
        Endpoint { url }
    }

    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }

    pub(crate) fn url(&self) -> &reqwest::Url {
        &self.url
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses with the default version, as [`Endpoint::parse`] with `None` does.
impl FromStr for Endpoint {
    type Err = EndpointError;

    fn from_str(text: &str) -> Result<Endpoint, EndpointError> {
        Endpoint::parse(text, None)
    }
}

/// So that an endpoint can be handed to [`ClientBuilder::endpoint`](crate::ClientBuilder::endpoint),
/// which parses it again to the same endpoint.
impl From<Endpoint> for String {
    fn from(endpoint: Endpoint) -> String {
        endpoint.url.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, version: Option<ApiVersion>) -> Result<String, String> {
        Endpoint::parse(text, version)
            .map(|e| e.to_string())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn every_form_leads_to_the_same_endpoint() {
        let want = Ok("http://127.0.0.1:8080/api/stable/api.php".to_string());
        for typed in [
            "http://127.0.0.1:8080",
            " http://127.0.0.1:8080/ ",
            "http://127.0.0.1:8080/api",
            "http://127.0.0.1:8080/api/",
            "http://127.0.0.1:8080//api//",
            "http://127.0.0.1:8080/api/stable",
            "http://127.0.0.1:8080/api/stable/",
            "http://127.0.0.1:8080/api/stable/api.php",
            "http://127.0.0.1:8080/api/stable/api.php/",
            "HTTP://127.0.0.1:8080/api/",
        ] {
            assert_eq!(parse(typed, None), want, "{typed}");
            assert_eq!(parse(typed, Some(ApiVersion::Stable)), want, "{typed}");
        }
    }

    #[test]
    fn the_version_is_appended_or_must_agree_with_the_url() {
        let latest = Some(ApiVersion::Latest);
        assert_eq!(
            parse("https://example.org", latest).as_deref(),
            Ok("https://example.org/api/latest/api.php")
        );
        assert_eq!(
            parse("https://example.org/api/latest/", None).as_deref(),
            Ok("https://example.org/api/latest/api.php")
        );
        assert_eq!(
            parse("https://example.org/api/latest/api.php", latest).as_deref(),
            Ok("https://example.org/api/latest/api.php")
        );
        let conflict = parse("https://example.org/api/stable/api.php", latest);
        assert_eq!(
            conflict.as_ref().map_err(String::as_str),
            Err(
                "the URL \"https://example.org/api/stable/api.php\" names the API version \
                 \"stable\", but \"latest\" was asked for; leave out one of them"
            )
        );
        assert!(parse("https://example.org/api/stable/", latest).is_err());
        // A version directory a server may offer beside stable and latest.
        assert_eq!(
            parse("https://example.org/api/v2/api.php", None).as_deref(),
            Ok("https://example.org/api/v2/api.php")
        );
    }

    #[test]
    fn prefixes_ports_queries_and_credentials_are_kept() {
        assert_eq!(
            parse("https://proxy.example.org:8443/kontor/api/", None).as_deref(),
            Ok("https://proxy.example.org:8443/kontor/api/stable/api.php")
        );
        assert_eq!(
            parse("http://127.0.0.1:8080/?tenant=a", None).as_deref(),
            Ok("http://127.0.0.1:8080/api/stable/api.php?tenant=a")
        );
        assert_eq!(
            parse("http://u:p@127.0.0.1:8080/api/stable/api.php?x=1", None).as_deref(),
            Ok("http://u:p@127.0.0.1:8080/api/stable/api.php?x=1")
        );
        // The default port is dropped, as every client does.
        assert_eq!(
            parse("https://example.org:443/api/", None).as_deref(),
            Ok("https://example.org/api/stable/api.php")
        );
    }

    #[test]
    fn other_urls_are_refused_with_the_accepted_forms() {
        let message = |text: &str| parse(text, None).err().unwrap_or_default();
        for text in [
            "127.0.0.1:8080",
            "localhost:8080",
            "/api/",
            "ftp://x/api.php",
        ] {
            assert!(
                message(text).ends_with("must start with http:// or https://"),
                "{text}: {}",
                message(text)
            );
        }
        for text in [
            "http://127.0.0.1:8080/index.php",
            "http://127.0.0.1:8080/api/stable/other",
            "http://127.0.0.1:8080/kontor",
        ] {
            let m = message(text);
            assert!(
                m.contains("does not lead to the API") && m.contains(ACCEPTED_FORMS),
                "{m}"
            );
        }
        assert!(message("http://[::1/api/").contains("is not valid"));
        assert!(message("http://h/api/#top").contains("#fragment"));
        assert!(message("").contains("must start with http://"));
    }

    #[test]
    fn parsing_an_endpoint_again_gives_the_same_endpoint() {
        for version in [ApiVersion::Stable, ApiVersion::Latest] {
            let once = Endpoint::parse("http://h:1/x/api/?q=1", Some(version));
            let twice = once
                .clone()
                .and_then(|e| Endpoint::parse(&String::from(e), Some(version)));
            assert_eq!(once, twice);
            let public = Endpoint::onoffice(version);
            assert_eq!(
                Endpoint::parse(DEFAULT_SERVER, Some(version)),
                Ok(public.clone())
            );
            assert_eq!(Endpoint::parse(public.as_str(), None), Ok(public));
        }
    }
}
