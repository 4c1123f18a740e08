//! Stores for tests: a fresh SQLite file, or a fresh PostgreSQL schema when
//! `KONTOR_TEST_DATABASE_URL` is set, so that the same suites run on both backends.

use std::path::PathBuf;

use crate::db::OpenOptions;
use crate::{DatabaseUrl, SecretKey, Store, StoreError};

/// The environment variable that switches the suites to PostgreSQL.
pub const TEST_DATABASE_ENV: &str = "KONTOR_TEST_DATABASE_URL";

/// A store that cleans its SQLite file up when dropped.
#[derive(Debug)]
pub struct TestStore {
    pub store: Store,
    file: Option<PathBuf>,
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }
}

impl TestStore {
    /// The SQLite file, for tests that write to it behind the store's back.
    pub fn sqlite_path(&self) -> Option<&std::path::Path> {
        self.file.as_deref()
    }
}

/// Opens an empty, migrated store on the backend the environment selects.
pub async fn open_test_store() -> Result<TestStore, StoreError> {
    let unique = uuid::Uuid::new_v4().simple().to_string();
    let key = SecretKey::generate();
    match std::env::var(TEST_DATABASE_ENV) {
        Ok(url) if !url.is_empty() => {
            let url = DatabaseUrl::parse(&url)?;
            let options = OpenOptions {
                max_connections: 4,
                pg_schema: Some(format!("t_{unique}")),
            };
            let store = Store::open_with(&url, &key, options).await?;
            Ok(TestStore { store, file: None })
        }
        _ => {
            let file = std::env::temp_dir().join(format!("kontor-test-{unique}.db"));
            let url = DatabaseUrl::Sqlite(file.display().to_string());
            let store = Store::open(&url, &key).await?;
            Ok(TestStore {
                store,
                file: Some(file),
            })
        }
    }
}

/// `len` ASCII letters that do not compress (a xorshift sequence from `seed`): databases
/// compress long values, in rows and in index entries, so a run of one letter would pass
/// where real prose of that length does not.
pub fn incompressible_text(len: usize, seed: u32) -> String {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            char::from(b'a' + (x % 26) as u8)
        })
        .collect()
}
