//! The Kontor HTTP server as a library: routing, authentication, dispatch and the handlers.
//!
//! ```text
//! POST|GET /api/{version}/api.php   body: JSON, whatever the Content-Type
//!   -> decode (kontor-proto) -> token -> tenant + API user
//!   -> per action: timestamp, HMAC, dispatch table, handler -> store
//!   -> PHP-style JSON, HTTP 200 always, never compressed
//! ```

mod admin;
mod api;
mod app;
mod auth;
mod auth_cache;
mod body_deadline;
pub mod config;
mod dispatch;
mod handlers;
mod listen;
mod matching;
pub mod modules;
mod observe;
mod read_cache;

pub use app::{router, serve, AppState};
pub use config::ServerConfig;
pub use dispatch::supported_calls;
pub use handlers::Ctx;
pub use modules::{Hooks, Modules, NoHooks, Pending, Prepared, Pseudo, ServedModule, WriteCx};
