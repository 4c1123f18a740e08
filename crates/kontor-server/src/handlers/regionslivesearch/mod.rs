//! `regionsLiveSearch`: regions by the start of their name, for address completion.

pub(crate) mod get;
