//! The baseline: the least an HTTP endpoint could do for the same exchange. It reads the
//! body, parses it as JSON, and answers with bytes captured from a real Kontor response.
//! What remains between it and Kontor is authentication, signing checks, the query, the
//! rendering and the encoding.

use std::hint::black_box;
use std::io;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde_json::Value;

use super::target::{Running, ServerRuntime};

/// Starts a baseline that answers every request with `response`.
pub fn start(runtime: &ServerRuntime, response: Vec<u8>) -> io::Result<Running> {
    let app = Router::new()
        .route("/api/{version}/api.php", post(answer))
        .with_state(Bytes::from(response));
    runtime.spawn(move |listener| async move { axum::serve(listener, app).await })
}

async fn answer(State(response): State<Bytes>, body: Bytes) -> Response {
    match serde_json::from_slice::<Value>(&body) {
        Ok(parsed) => {
            // Kept until here so that the parse cannot be optimised away.
            black_box(parsed);
            (
                [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                response,
            )
                .into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    }
}
