//! `get idsfromrelation`: the children of `parentids`, or the parents of `childids`.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get","resourcetype":"idsfromrelation",
//!  "parameters":{"relationtype":"urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:contactPerson",
//!   "parentids":[15,1051]}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":"relatedIds","type":"",
//!    "elements":{"15":[],"1051":["50"]}}]}`
//!
//! One record whatever was asked: every queried id is a key (in the order asked), its
//! related ids strings in the order the links were made, `[]` when it has none (the
//! WordPress plugin's recording). No ids at all answer `"elements":{}`. All ids are read in
//! one indexed statement (per 1,000).

use std::collections::HashMap;

use kontor_proto::calls::params::Params;
use kontor_proto::calls::relation::GetParams;
use kontor_proto::calls::CallParams;
use kontor_proto::response::Meta;
use kontor_proto::{ActionVerb, ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::records::End;
use kontor_store::{RelationStore, Store};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::held;
use crate::handlers::relation::{distinct, read_kinds, relation_type, served};
use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

/// The elements: each queried id with its related ids, both written as strings.
#[derive(Debug)]
struct RelatedIds(Vec<(i64, Vec<i64>)>);

impl Serialize for RelatedIds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (id, related) in &self.0 {
            // COMPAT: the WordPress plugin and the Laravel adapter read related ids as
            // strings, as PHP's database layer hands them out.
            let related: Vec<String> = related.iter().map(i64::to_string).collect();
            map.serialize_entry(&id.to_string(), &related)?;
        }
        map.end()
    }
}

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let params = GetParams::parse(params)?;
        let ty = relation_type(&params.relationtype, ActionVerb::Get)?;
        let nonempty = |ids: &Option<Vec<i64>>| ids.as_ref().is_some_and(|i| !i.is_empty());
        let (end, ids) = match (params.parentids, params.childids) {
            (Some(p), Some(c)) if !p.is_empty() && !c.is_empty() => {
                return Err(
                    ApiError::with_detail(ErrorCode::InvalidValueForParameter, "childids")
                        .hint("give parentids or childids, not both"),
                )
            }
            (None, None) => {
                return Err(
                    ApiError::with_detail(ErrorCode::MissingParameter, "parentids")
                        .hint("or childids"),
                )
            }
            // COMPAT: the Laravel adapter sends `"childids": []` beside its parentids.
            (p, c) if nonempty(&c) || p.is_none() => (End::Child, c.unwrap_or_default()),
            (p, _) => (End::Parent, p.unwrap_or_default()),
        };
        let relation = served(ctx, ty)?;
        let ids = distinct(&ids);
        let links: Vec<(i64, i64)> = match ty.held_by {
            Some(field) => held::links(store, ctx, relation.child, field, end, &ids).await?,
            None => store
                .links_of(ctx.tenant, &read_kinds(ty)?, end, &ids)
                .await
                .map_err(store_error)?
                .into_iter()
                .map(|l| (l.parent, l.child))
                .collect(),
        };
        let position: HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut related: Vec<(i64, Vec<i64>)> = ids.iter().map(|id| (*id, Vec::new())).collect();
        for (parent, child) in links {
            let (asked, other) = match end {
                End::Parent => (parent, child),
                End::Child => (child, parent),
            };
            if let Some(list) = position.get(&asked).and_then(|&i| related.get_mut(i)) {
                // A type that reads several kinds may find one link twice.
                if !list.1.contains(&other) {
                    list.1.push(other);
                }
            }
        }
        let elements = serde_json::to_value(RelatedIds(related))
            .map_err(|_| ApiError::new(ErrorCode::UnknownErrorOccurred))?;
        Ok(Data {
            meta: Meta { cntabsolute: None },
            records: vec![Record {
                id: RecordId::Key("relatedIds".into()),
                kind: Some(String::new()),
                elements,
            }],
        })
    })
}
