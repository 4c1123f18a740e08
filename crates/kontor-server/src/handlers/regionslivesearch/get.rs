//! `get regionsLiveSearch`: the regions whose name starts with `searchstring`.
//!
//! Request parameters: `{"searchstring":"Aach"}`. One record whose elements are a list:
//! ```json
//! {"id":0,"type":"","elements":[{"key":"2_1172","title":"Nordrhein-Westfalen - Aachen",
//!  "field":"openGeoDb_Region_1172"}]}
//! ```
//! `key` is the region's level and number, `title` its path from the state down, `field`
//! its key. Letter case and umlauts do not matter (`koln` finds Köln); the German and the
//! English name are both searched; titles follow `language` (German by default).

use kontor_proto::calls::params::Params;
use kontor_proto::calls::regions::{LiveSearchParams, MAX_SEARCHSTRING_CHARS};
use kontor_proto::calls::CallParams;
use kontor_proto::{ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::regions;
use kontor_store::Store;
use serde::Serialize;

use crate::handlers::{language_param, Ctx};
use crate::modules::Pending;

#[derive(Debug, Serialize)]
struct Hit {
    key: String,
    title: String,
    field: String,
}

pub(crate) fn handle<'a>(
    _store: &'a Store,
    _ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let p = LiveSearchParams::parse(params)?;
        let lang = language_param(p.language.as_deref())?;
        let wanted = p.searchstring.trim();
        if wanted.is_empty() {
            return Err(ApiError::with_detail(
                ErrorCode::TheSearchStringHasNotEnough,
                "searchstring: give at least one character of a region's name",
            ));
        }
        if wanted.chars().count() > MAX_SEARCHSTRING_CHARS {
            return Err(ApiError::with_detail(
                ErrorCode::InvalidParameters,
                format!("searchstring: at most {MAX_SEARCHSTRING_CHARS} characters"),
            ));
        }
        let tree = regions::tree();
        let hits: Vec<Hit> = tree
            .search(wanted)
            .into_iter()
            .map(|region| Hit {
                key: format!("{}_{}", region.level, region.number),
                title: tree
                    .path(region)
                    .iter()
                    .map(|r| r.name(lang))
                    .collect::<Vec<_>>()
                    .join(" - "),
                field: region.key.clone(),
            })
            .collect();
        Ok(Data::uncounted(vec![Record::new(
            RecordId::Int(0),
            Some(""),
            &hits,
        )]))
    })
}
