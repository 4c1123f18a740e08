//! Walking a list read page by page, as a `Stream` of records.

use std::collections::VecDeque;

use futures_util::stream::{self, BoxStream, StreamExt};
use kontor_proto::Record;
use serde_json::Value;

use crate::{Action, Client, ClientError};

/// The API's largest `listlimit` for list reads.
pub const MAX_PAGE: u32 = 500;

/// Reads every record of a list read, `listlimit` records at a time, moving `listoffset`
/// until `cntabsolute` records were read or the caller's cap is reached.
///
/// ```no_run
/// # async fn run() -> Result<(), kontor_client::ClientError> {
/// use futures_util::TryStreamExt;
/// use kontor_client::{Action, Client};
/// use kontor_proto::ActionVerb;
///
/// let client = Client::with_credentials(&"t".repeat(32), &"s".repeat(64))?.build()?;
/// let read = Action::new(ActionVerb::Read, "estate").param("data", vec!["Id", "kaufpreis"]);
/// let estates: Vec<_> = client.pager(read).cap(2_000).into_stream().try_collect().await?;
/// println!("{} estates", estates.len());
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Pager {
    client: Client,
    action: Action,
    page_size: u32,
    cap: Option<u64>,
    offset: u64,
    fetched: u64,
    total: Option<u64>,
    done: bool,
}

impl Pager {
    pub(crate) fn new(client: Client, action: Action) -> Pager {
        // A `listoffset` the caller set is where the walk starts.
        let offset = action
            .parameters()
            .get("listoffset")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        Pager {
            client,
            action,
            page_size: MAX_PAGE,
            cap: None,
            offset,
            fetched: 0,
            total: None,
            done: false,
        }
    }

    /// Records per request, 1 to 500 (500 when not set; values outside are clamped).
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = size.clamp(1, MAX_PAGE);
        self
    }

    /// Read at most this many records in all.
    pub fn cap(mut self, cap: u64) -> Self {
        self.cap = Some(cap);
        self
    }

    /// `cntabsolute` of the last page read; `None` before the first page.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// Records read so far.
    pub fn fetched(&self) -> u64 {
        self.fetched
    }

    /// The next page, or `None` at the end.
    pub async fn next_page(&mut self) -> Result<Option<Vec<Record>>, ClientError> {
        if self.done {
            return Ok(None);
        }
        let left = self.cap.map(|cap| cap.saturating_sub(self.fetched));
        let at_end = self.total.is_some_and(|total| self.offset >= total);
        if left == Some(0) || at_end {
            self.done = true;
            return Ok(None);
        }
        let limit = left.map_or(self.page_size, |left| {
            u32::try_from(left).unwrap_or(u32::MAX).min(self.page_size)
        });
        let action = self
            .action
            .clone()
            .param("listlimit", limit)
            .param("listoffset", self.offset);
        let reply = match self.client.call(action).await {
            Ok(reply) => reply,
            Err(e) => {
                self.done = true;
                return Err(e);
            }
        };
        self.total = reply.total();
        let mut records = reply.into_records();
        // A call without paging (most gets) answers everything at once; the cap still holds.
        records.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let got = records.len() as u64;
        self.offset += got;
        self.fetched += got;
        // Without a count, a short page is the last one. With one, the count decides: a call
        // whose server-side maximum is below `limit` (file lists: 100) sends short pages.
        let short = got < u64::from(limit);
        if got == 0 || (self.total.is_none() && short) {
            self.done = true;
        }
        if records.is_empty() {
            return Ok(None);
        }
        Ok(Some(records))
    }

    /// The records one by one. The stream ends after the first error. It is boxed, hence
    /// `Unpin`: `while let Some(r) = stream.try_next().await?` works without pinning.
    pub fn into_stream(self) -> BoxStream<'static, Result<Record, ClientError>> {
        stream::unfold(
            (self, VecDeque::new()),
            |(mut pager, mut buffered)| async move {
                loop {
                    if let Some(record) = buffered.pop_front() {
                        return Some((Ok(record), (pager, buffered)));
                    }
                    match pager.next_page().await {
                        Ok(Some(records)) => buffered.extend(records),
                        Ok(None) => return None,
                        Err(e) => return Some((Err(e), (pager, buffered))),
                    }
                }
            },
        )
        .boxed()
    }
}
