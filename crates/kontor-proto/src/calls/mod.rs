//! Typed parameters and records, one module per call, shared by the server and the SDK.

pub mod actionkindtypes;
pub mod agentslog;
pub mod calendar;
pub mod params;
pub mod read;
pub mod relation;
pub mod searchcriteria;
pub mod serde_params;
pub mod settings;
pub mod task;
pub mod uploadfile;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// An ordered map as PHP writes an array: an object of its entries, or `[]` when it has none.
pub(crate) fn php_map<S: Serializer, K: Serialize, V: Serialize>(
    s: S,
    entries: &[(K, V)],
) -> Result<S::Ok, S::Error> {
    if entries.is_empty() {
        return s.collect_seq(std::iter::empty::<()>());
    }
    let mut map = s.serialize_map(Some(entries.len()))?;
    for (k, v) in entries {
        map.serialize_entry(k, v)?;
    }
    map.end()
}
