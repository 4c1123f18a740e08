//! API-user credentials: a token of 32 characters and a secret of 64.
//!
//! Parsed once at the edge (command line, SDK configuration) so that a swapped pair or a
//! truncated paste is caught with a message that says which one is wrong.

use std::fmt;

pub const TOKEN_LEN: usize = 32;
pub const SECRET_LEN: usize = 64;

/// Why a token or secret was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    #[error("the token must be {TOKEN_LEN} characters, got {0}{hint}", hint = swapped_hint(*.0, SECRET_LEN))]
    TokenLength(usize),
    #[error("the secret must be {SECRET_LEN} characters, got {0}{hint}", hint = swapped_hint(*.0, TOKEN_LEN))]
    SecretLength(usize),
    #[error("the {0} may only hold printable ASCII characters without spaces")]
    Charset(&'static str),
}

fn swapped_hint(got: usize, other_len: usize) -> &'static str {
    if got == other_len {
        " (token and secret may be swapped)"
    } else {
        ""
    }
}

fn check(text: &str, what: &'static str) -> Result<(), CredentialError> {
    if text.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(())
    } else {
        Err(CredentialError::Charset(what))
    }
}

/// A well-formed API token.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ApiToken(String);

impl ApiToken {
    pub fn parse(text: &str) -> Result<ApiToken, CredentialError> {
        let len = text.chars().count();
        if len != TOKEN_LEN {
            return Err(CredentialError::TokenLength(len));
        }
        check(text, "token")?;
        Ok(ApiToken(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiToken({})", self.0)
    }
}

impl fmt::Display for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A well-formed API secret. Its `Debug` form is redacted so that it never reaches a log.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiSecret(String);

impl ApiSecret {
    pub fn parse(text: &str) -> Result<ApiSecret, CredentialError> {
        let len = text.chars().count();
        if len != SECRET_LEN {
            return Err(CredentialError::SecretLength(len));
        }
        check(text, "secret")?;
        Ok(ApiSecret(text.to_string()))
    }

    /// The secret in clear, for signing and for printing once to its owner.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiSecret(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_checked_and_a_swap_is_named() {
        let token = "a".repeat(32);
        let secret = "b".repeat(64);
        assert!(ApiToken::parse(&token).is_ok());
        assert!(ApiSecret::parse(&secret).is_ok());
        let e = ApiToken::parse(&secret)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(
            e,
            "the token must be 32 characters, got 64 (token and secret may be swapped)"
        );
        let e = ApiSecret::parse("short")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(e, "the secret must be 64 characters, got 5");
        assert!(ApiToken::parse(&format!("{} ", "a".repeat(31))).is_err());
        assert_eq!(
            format!("{:?}", ApiSecret::parse(&secret)),
            "Ok(ApiSecret(<redacted>))"
        );
    }
}
