//! `get regions`: one record per state, its cities and districts nested under `children`.
//!
//! Request parameters: `{"language":"ENG"}` (German without it). Record:
//! ```json
//! {"id":"openGeoDb_Region_110","type":"","elements":{"id":"openGeoDb_Region_110",
//!  "name":"North Rhine-Westphalia","description":null,"postalcodes":[],
//!  "state":"North Rhine-Westphalia","country":"Germany","children":{
//!   "openGeoDb_Region_1161":{"id":"openGeoDb_Region_1161","name":"Cologne",
//!    "description":null,"postalcodes":[["50667","51149"]],…,"children":{…}}}}}
//! ```
//! A region without children has `"children":[]`; `cntabsolute` counts every region, as
//! the real API counts 1419 while it returns 33 top records.

use kontor_proto::calls::params::Params;
use kontor_proto::calls::regions::GetParams;
use kontor_proto::calls::CallParams;
use kontor_proto::response::Meta;
use kontor_proto::{Data, Language, Record, RecordId};
use kontor_store::regions::{self, PostalCodes, Region, RegionTree};
use kontor_store::Store;
use serde_json::{json, Map, Value};

use crate::handlers::{language_param, Ctx};
use crate::modules::Pending;

pub(crate) fn handle<'a>(
    _store: &'a Store,
    _ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let p = GetParams::parse(params)?;
        let lang = language_param(p.language.as_deref())?;
        let tree = regions::tree();
        let records = tree
            .roots()
            .map(|state| {
                let elements = match elements(tree, state, lang) {
                    Value::Object(map) => map,
                    _ => Map::new(),
                };
                Record::from_map(RecordId::Key(state.key.clone()), Some(""), elements)
            })
            .collect();
        Ok(Data {
            meta: Meta {
                cntabsolute: Some(tree.len() as u64),
            },
            records,
        })
    })
}

/// `Germany` in the answer's language, as the recorded ENG answer has it.
fn country(lang: Language) -> &'static str {
    if lang == Language::ENG {
        "Germany"
    } else {
        "Deutschland"
    }
}

fn elements(tree: &RegionTree, region: &Region, lang: Language) -> Value {
    let postalcodes: Vec<Value> = region
        .postalcodes
        .iter()
        .map(|codes| match codes {
            PostalCodes::Range(from, to) => json!([from, to]),
            PostalCodes::Single(code) => json!(code),
        })
        .collect();
    let children: Map<String, Value> = tree
        .children(region)
        .map(|child| (child.key.clone(), elements(tree, child, lang)))
        .collect();
    // COMPAT: PHP writes an empty array as `[]`, so a leaf's `children` is `[]`.
    let children = if children.is_empty() {
        Value::Array(Vec::new())
    } else {
        Value::Object(children)
    };
    json!({
        "id": region.key,
        "name": region.name(lang),
        "description": Value::Null,
        "postalcodes": postalcodes,
        "state": tree.state_of(region).name(lang),
        "country": country(lang),
        "children": children,
    })
}
