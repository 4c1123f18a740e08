//! The successful result of one action.

use kontor_proto::{ActionResult, Record};

/// A result with `errorcode` 0, as the server sent it (or as a cache kept it).
///
/// ```
/// use kontor_client::Reply;
///
/// let reply: Reply = serde_json::from_str::<kontor_proto::ActionResult>(r#"{
///   "actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:read","resourceid":"",
///   "resourcetype":"estate","cacheable":true,"identifier":"",
///   "data":{"meta":{"cntabsolute":120},"records":[{"id":7,"type":"estate","elements":{"kaufpreis":"250000"}}]},
///   "status":{"errorcode":0,"message":"OK"}}"#)?.into();
/// assert_eq!(reply.total(), Some(120));
/// assert_eq!(reply.records()[0].elements["kaufpreis"], "250000");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Reply {
    result: ActionResult,
    from_cache: bool,
}

impl Reply {
    pub(crate) fn new(result: ActionResult, from_cache: bool) -> Reply {
        Reply { result, from_cache }
    }

    /// The records; none for a result without data.
    pub fn records(&self) -> &[Record] {
        self.result
            .data
            .data()
            .map(|data| data.records.as_slice())
            .unwrap_or(&[])
    }

    /// `cntabsolute`: the number of records matching a list read, over all pages.
    pub fn total(&self) -> Option<u64> {
        self.result
            .data
            .data()
            .and_then(|data| data.meta.cntabsolute)
    }

    /// Whether the server marked the result cacheable.
    pub fn cacheable(&self) -> bool {
        self.result.cacheable
    }

    /// Whether this came from the client's cache instead of the server.
    pub fn from_cache(&self) -> bool {
        self.from_cache
    }

    pub fn result(&self) -> &ActionResult {
        &self.result
    }

    pub fn into_result(self) -> ActionResult {
        self.result
    }

    pub fn into_records(self) -> Vec<Record> {
        self.result
            .data
            .into_data()
            .map(|data| data.records)
            .unwrap_or_default()
    }
}

impl From<ActionResult> for Reply {
    fn from(result: ActionResult) -> Reply {
        Reply::new(result, false)
    }
}
