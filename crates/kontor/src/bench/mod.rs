//! `kontor bench`: the real server over real HTTP, against a baseline measured in the same run.
//!
//! ```text
//! per size: fresh database -> tenant + API user -> seed (crate::seed) -> server on 127.0.0.1:0
//!   per scenario: capture one real response -> baseline (axum, same body parsed, same bytes
//!   returned from memory) -> N clients against the baseline, then against Kontor
//! ```
//! Ratios against the baseline say how much of the machine's HTTP capacity the work behind
//! the endpoint costs, independently of how fast the machine is or how busy its neighbours are.

pub mod baseline;
pub mod load;
pub mod report;
pub mod requests;
pub mod rss;
pub mod target;
