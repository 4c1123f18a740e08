//! Accepting connections: a cap on how many are open, and a deadline for request headers.
//!
//! `axum::serve` gives hyper no timer, so hyper's header read timeout never fires: a client
//! that sent half a request line kept its connection, and a file descriptor, for ever, and
//! nothing bounded how many such connections were open. Here each connection holds a
//! permit of a semaphore from accept to close; when all are taken the loop stops accepting,
//! so that further clients wait in the kernel's listen backlog (and are served as soon as
//! a connection closes) instead of being accepted into a process that has run out of
//! descriptors. The body deadline is the endpoint's (`api.rs`), which answers it with an
//! envelope.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::ServerConfig;

/// Serves `app` on `listener` until `shutdown` completes, then lets the connections finish
/// the requests they are in (ending keep-alive) and returns once all are closed.
pub(crate) async fn run(
    listener: TcpListener,
    app: Router,
    config: &ServerConfig,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let permits = Arc::new(Semaphore::new(config.max_connections));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                // The semaphore is never closed; if it were, nothing more could be served.
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Responses are written in one piece; Nagle's algorithm would only delay them.
        let _ = stream.set_nodelay(true);
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                // Stalled headers, resets and timeouts end here: the client's doing.
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// An accept error is about one connection (reset before it was taken) or about the process
/// (out of descriptors): the first needs nothing, the second a pause before trying again
/// rather than a loop that spins on the error.
async fn accept_failed(e: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "cannot accept a connection; trying again in 1 s");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
