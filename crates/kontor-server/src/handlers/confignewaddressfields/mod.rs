//! `confignewaddressfields`: the values of address select fields.

pub(crate) mod get;
