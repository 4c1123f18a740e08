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
    /// Turns a unique-constraint violation of either backend into
    /// [`StoreError::Duplicate`]; other errors stay as they are.
    pub(crate) fn unique(self, what: &'static str, name: &str) -> StoreError {
        let duplicate = match &self {
            StoreError::Database(sqlx::Error::Database(db)) => db.is_unique_violation(),
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.extended_code,
                rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            ),
            _ => false,
        };
        if duplicate {
            StoreError::Duplicate {
                what,
                name: name.to_string(),
            }
        } else {
            self
        }
    }
}
