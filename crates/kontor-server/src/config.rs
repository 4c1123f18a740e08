//! Settings of the server that are not the database.

use kontor_proto::TimestampWindow;

/// Limits and windows of the API endpoint.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Bodies above this many bytes are refused with a top-level error before parsing, so
    /// that one client cannot make the server buffer or parse without bound.
    pub body_limit: usize,
    /// How far an action's timestamp may be from server time (the API's ±120 s).
    pub timestamp_window: TimestampWindow,
    /// Bearer token of the admin endpoints (`/admin/…`); they answer 404 when unset, so
    /// that an instance exposes nothing beyond the API unless its operator asks for it.
    pub admin_token: Option<String>,
    /// Tenants whose requests `/metrics` counts by name: the first this many to make a
    /// request since start; the others are counted together, so that the number of series
    /// stays bounded however many tenants there are.
    pub metrics_tenants: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            body_limit: 8 * 1024 * 1024,
            timestamp_window: TimestampWindow::from_secs(120),
            admin_token: None,
            metrics_tenants: 100,
        }
    }
}
