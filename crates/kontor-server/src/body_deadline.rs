//! One deadline for a whole request body, on every route.
//!
//! A body shorter than its `Content-Length` used to leave its handler waiting for bytes that
//! never come, and its connection open for ever. The deadline is for the whole body, not
//! per read, so that a client cannot hold a connection by sending a byte now and then.
//! Every route gets it, because extractors read the body before a handler can look at who
//! is asking (`/admin` reads its JSON before checking the token).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use http_body::{Frame, SizeHint};
use tokio::time::Sleep;

/// The error a body read gets once the deadline has passed.
#[derive(Debug, thiserror::Error)]
#[error("the body did not arrive within {} s", .0.as_secs_f64())]
pub(crate) struct BodyTimedOut(pub Duration);

/// `request` with its body cut off `limit` from now.
pub(crate) fn limit(request: Request, limit: Duration) -> Request {
    request.map(|inner| {
        Body::new(DeadlineBody {
            inner,
            deadline: Box::pin(tokio::time::sleep(limit)),
            limit,
        })
    })
}

struct DeadlineBody {
    inner: Body,
    deadline: Pin<Box<Sleep>>,
    limit: Duration,
}

impl http_body::Body for DeadlineBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        // What has arrived is still taken; only waiting past the deadline fails.
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Pending if this.deadline.as_mut().poll(cx).is_ready() => {
                Poll::Ready(Some(Err(axum::Error::new(BodyTimedOut(this.limit)))))
            }
            other => other,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Whether `error` (a body read's) or one of its causes is of type `E`.
pub(crate) fn caused_by<E: std::error::Error + 'static>(error: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = cause {
        if e.is::<E>() {
            return true;
        }
        cause = e.source();
    }
    false
}
