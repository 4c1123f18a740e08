//! The store's one error type.

/// What can go wrong below the handlers. The server maps every variant to one wire code.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Url(String),
    #[error("secret key: {0}")]
    Key(String),
    #[error("{what} {name:?} already exists")]
    Duplicate { what: &'static str, name: String },
    #[error("{what} {name:?} does not exist")]
    NotFound { what: &'static str, name: String },
    #[error("{0}")]
    Invalid(String),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Turns a unique-constraint violation into [`StoreError::Duplicate`].
    pub(crate) fn unique(e: sqlx::Error, what: &'static str, name: &str) -> StoreError {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate {
                what,
                name: name.to_string(),
            },
            _ => StoreError::Database(e),
        }
    }
}
