//! Storage of Kontor: one SQL implementation for SQLite (embedded default) and PostgreSQL.
//!
//! Handlers see the small traits in [`traits`]; only this crate knows SQL. Both backends run
//! the same statements (written with `$n` placeholders, which SQLite accepts too); where a
//! dialect differs, the fork is one visible `match` on [`Db`] with a comment saying why.

mod action_kinds;
mod api_users;
pub mod cache;
pub mod crypto;
mod db;
mod error;
mod exec;
pub mod fields;
pub mod geo;
pub mod modules;
mod pool_stats;
pub mod records;
pub mod regions;
pub mod saved_filters;
pub mod search;
mod seed;
mod sqlite_reader;
mod sqlite_writer;
pub mod tenant_settings;
mod tenants;
pub mod test_support;
pub mod traits;
pub mod types;
pub mod url;

pub use crypto::{SecretCipher, SecretKey};
pub use db::{OpenOptions, Store};
pub use error::StoreError;
pub use modules::Module;
pub use pool_stats::PoolStats;
pub use records::{RecordStore, RelationStore};
pub use tenant_settings::{Setting, TenantSettings};
pub use traits::{
    ActionKindStore, ApiUserStore, FieldStore, FilterStore, SettingsStore, TenantStore,
};
pub use types::*;
pub use url::DatabaseUrl;
