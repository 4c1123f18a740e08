//! Settings of the server that are not the database.

use std::time::Duration;

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
    /// Time a client has to send a request's line and headers, counted from when the
    /// server starts waiting for them (so also an idle keep-alive connection's time to the
    /// next request); then the connection is closed. Without it a client that stalls keeps
    /// its connection, and a file descriptor, for ever.
    pub header_read_timeout: Duration,
    /// Time a client has to send a whole body once its headers are in; a body that is late
    /// (shorter than its `Content-Length`, or sent a byte at a time) is answered with a
    /// top-level error and the connection is closed. Long enough for `body_limit` bytes
    /// over a slow uplink.
    pub body_read_timeout: Duration,
    /// Connections open at once. Further clients wait in the listen backlog until one
    /// closes, so that many clients (or stalled ones) cannot run the process out of file
    /// descriptors; keep it below the descriptor limit (`ulimit -n`) with room for the
    /// database's files and connections.
    pub max_connections: usize,
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
            header_read_timeout: Duration::from_secs(20),
            body_read_timeout: Duration::from_secs(60),
            max_connections: 512,
            metrics_tenants: 100,
        }
    }
}
