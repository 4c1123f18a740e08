//! Many actions, one request, each result fetched by its handle.

use std::sync::atomic::{AtomicU64, Ordering};

use kontor_proto::ActionResult;

use crate::{Action, ActionError, Client, ClientError, Reply};

/// Tells batches apart, so that a handle cannot read another batch's result by position.
static NEXT_BATCH: AtomicU64 = AtomicU64::new(1);

/// Where an action's result is in the [`Responses`] of its batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Handle {
    batch: u64,
    index: usize,
}

/// Actions queued to go in one request. Made by [`Client::batch`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let kontor = kontor_store::test_support::open_test_store().await?;
/// # let tenant = kontor_store::TenantStore::create_tenant(&kontor.store, &kontor_store::TenantName::parse("demo")?).await?;
/// # let (token, secret) = ("t".repeat(32), "s".repeat(64));
/// # kontor_store::ApiUserStore::create_api_user(&kontor.store, tenant.id, &kontor_proto::ApiToken::parse(&token)?, &kontor_proto::ApiSecret::parse(&secret)?).await?;
/// # let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// # let server = format!("http://{}/api/", listener.local_addr()?);
/// # tokio::spawn(kontor_server::serve(listener, kontor_server::AppState::new(kontor.store.clone(), Default::default())));
/// use kontor_client::{Action, Client};
/// use kontor_proto::{ActionVerb, ErrorCode};
///
/// let client = Client::with_credentials(&token, &secret)?.server(server).build()?;
/// let mut batch = client.batch();
/// let english = batch.push(Action::new(ActionVerb::Get, "actionkindtypes").param("lang", "ENG"));
/// let wrong = batch.push(Action::new(ActionVerb::Get, "nosuchthing"));
/// let responses = batch.send().await?; // one HTTP request
///
/// assert_eq!(responses.get(english)?.records()[0].elements["label"], "E-mail");
/// let error = responses.get(wrong).unwrap_err();
/// assert_eq!(error.action_error().and_then(|e| e.kind), Some(ErrorCode::UnknownResourceType));
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Batch {
    client: Client,
    id: u64,
    actions: Vec<Action>,
}

impl Batch {
    pub(crate) fn new(client: Client) -> Batch {
        Batch {
            client,
            id: NEXT_BATCH.fetch_add(1, Ordering::Relaxed),
            actions: Vec::new(),
        }
    }

    /// Queues an action; its result is read with the returned handle.
    pub fn push(&mut self, action: Action) -> Handle {
        self.actions.push(action);
        Handle {
            batch: self.id,
            index: self.actions.len() - 1,
        }
    }

    pub fn len(&self) -> usize {
        self.actions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// Sends every queued action that the cache cannot answer, in one request.
    ///
    /// `Err` means the request as a whole failed (nothing to read); a failed action is an
    /// `Err` of [`Responses::get`] only, and the other actions keep their results.
    pub async fn send(self) -> Result<Responses, ClientError> {
        let inner = &self.client.inner;
        let cache = inner.cache.as_deref();
        let mut outcomes: Vec<Option<Result<Reply, ActionError>>> = self
            .actions
            .iter()
            .map(|action| {
                let cache = cache.filter(|_| action.verb().cacheable())?;
                let mut result = cache.get(&action.cache_key())?;
                // The identifier is not part of the key; echo the caller's, as the server would.
                result.identifier = action.identifier_str().to_string();
                Some(Ok(Reply::new(result, true)))
            })
            .collect();
        let to_send: Vec<&Action> = self
            .actions
            .iter()
            .zip(&outcomes)
            .filter(|(_, cached)| cached.is_none())
            .map(|(action, _)| action)
            .collect();
        let raw = if to_send.is_empty() {
            None
        } else {
            let answer = inner.send(&to_send).await?;
            let mut results = answer.results.into_iter();
            for (action, slot) in self.actions.iter().zip(outcomes.iter_mut()) {
                if slot.is_some() {
                    continue;
                }
                // `send` checked that there is one result per action sent.
                let Some(result) = results.next() else { break };
                *slot = Some(outcome(action, result, cache));
            }
            Some(answer.raw)
        };
        let outcomes = outcomes
            .into_iter()
            .map(|o| o.unwrap_or_else(|| Err(ActionError::new(0, "no result"))))
            .collect();
        Ok(Responses {
            batch: self.id,
            kinds: self
                .actions
                .into_iter()
                .map(|a| (a.verb(), a.resourcetype().to_string()))
                .collect(),
            outcomes,
            raw,
        })
    }
}

/// Splits success from per-action error, and keeps what may be kept.
fn outcome(
    action: &Action,
    result: ActionResult,
    cache: Option<&dyn crate::Cache>,
) -> Result<Reply, ActionError> {
    if result.status.errorcode != 0 {
        return Err(ActionError::new(
            result.status.errorcode,
            result.status.message,
        ));
    }
    if let Some(cache) = cache {
        // Writes are never cached, whatever the server says about them.
        if result.cacheable && action.verb().cacheable() {
            cache.put(action.cache_key(), &result);
        }
    }
    Ok(Reply::new(result, false))
}

/// The results of a batch, in the order the actions were queued.
#[derive(Debug)]
pub struct Responses {
    batch: u64,
    kinds: Vec<(kontor_proto::ActionVerb, String)>,
    outcomes: Vec<Result<Reply, ActionError>>,
    raw: Option<Vec<u8>>,
}

impl Responses {
    /// The result of the action `handle` was given for, or its error.
    pub fn get(&self, handle: Handle) -> Result<&Reply, ClientError> {
        if handle.batch != self.batch {
            return Err(ClientError::ForeignHandle);
        }
        match self.outcomes.get(handle.index) {
            Some(Ok(reply)) => Ok(reply),
            Some(Err(error)) => Err(self.action_error(handle.index, error.clone())),
            None => Err(ClientError::ForeignHandle),
        }
    }

    /// All results in queue order.
    pub fn into_results(self) -> Vec<Result<Reply, ClientError>> {
        let kinds = self.kinds;
        self.outcomes
            .into_iter()
            .zip(kinds)
            .map(|(o, (verb, resourcetype))| {
                o.map_err(|error| ClientError::Action {
                    verb,
                    resourcetype,
                    error,
                })
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.outcomes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
    }

    /// The response body exactly as received; `None` when the cache answered everything.
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.raw.as_deref()
    }

    fn action_error(&self, index: usize, error: ActionError) -> ClientError {
        let (verb, resourcetype) = self.kinds[index].clone();
        ClientError::Action {
            verb,
            resourcetype,
            error,
        }
    }
}
