//! Rust SDK for the onOffice-compatible API. Work in progress: see issue 4.
