//! Database URLs: `sqlite://PATH` or `postgres://…`. Anything else is refused, never guessed.

use std::fmt;

use crate::StoreError;

#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path (created when missing), or `:memory:`.
    Sqlite(String),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, StoreError> {
        let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or("");
        match scheme {
            "sqlite" => {
                let path = url
                    .trim_start_matches("sqlite:")
                    .trim_start_matches("//")
                    .split('?')
                    .next()
                    .unwrap_or("");
                if path.is_empty() {
                    return Err(StoreError::Url(format!(
                        "database URL {url:?} names no file: use sqlite://PATH, e.g. sqlite://./data/kontor.db"
                    )));
                }
                Ok(DatabaseUrl::Sqlite(path.to_string()))
            }
            "postgres" | "postgresql" => Ok(DatabaseUrl::Postgres(url.to_string())),
            "" => Err(StoreError::Url(format!(
                "database URL {url:?} has no scheme: use sqlite://PATH or postgres://USER@HOST/DB"
            ))),
            other => Err(StoreError::Url(format!(
                "unknown database URL scheme {other:?}: Kontor supports sqlite://PATH and postgres://USER@HOST/DB"
            ))),
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Postgres(_) => "postgres",
        }
    }
}

/// Shows the URL without a password, so that it can be logged.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "sqlite://{path}"),
            DatabaseUrl::Postgres(url) => {
                let shown = match (url.find("://"), url.rfind('@')) {
                    (Some(start), Some(at)) if at > start => {
                        let userinfo = &url[start + 3..at];
                        let user = userinfo.split(':').next().unwrap_or("");
                        format!("{}{user}:***{}", &url[..start + 3], &url[at..])
                    }
                    _ => url.clone(),
                };
                f.write_str(&shown)
            }
        }
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_schemes_parse_and_others_are_refused() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://./data/k.db").ok(),
            Some(DatabaseUrl::Sqlite("./data/k.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:k.db?mode=rwc").ok(),
            Some(DatabaseUrl::Sqlite("k.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u@h/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        let err = DatabaseUrl::parse("mysql://root@localhost/x")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("unknown database URL scheme \"mysql\": Kontor supports sqlite://PATH and postgres://USER@HOST/DB")
        );
        assert!(DatabaseUrl::parse("kontor.db").is_err());
        assert!(DatabaseUrl::parse("sqlite://").is_err());
    }

    #[test]
    fn passwords_are_not_shown() {
        let url = DatabaseUrl::parse("postgres://kontor:hunter2@db:5432/k").ok();
        assert_eq!(
            url.map(|u| u.to_string()).as_deref(),
            Some("postgres://kontor:***@db:5432/k")
        );
    }
}
