//! Links that are a field of the child (`RelationType::held_by`): a search criterion's
//! address is its `adresse`. They are read with the child module's list read, so one
//! statement answers every queried id, as the relations table does.

use kontor_proto::calls::read::{FilterOp, Operand, Scalar};
use kontor_proto::ApiError;
use kontor_store::records::{DocValue, End, FieldCondition, RecordQuery, ValueKind};
use kontor_store::{Module, RecordStore, Store};

use crate::handlers::{store_error, Ctx};

/// The most records one read of held links returns: 500 queried parents with their
/// criteria fit many times over.
const MOST: u32 = 100_000;

/// `(parent, child)` of every link of `ids` at `end`, the children in id order.
pub(crate) async fn links(
    store: &Store,
    ctx: &Ctx<'_>,
    child: Module,
    field: &'static str,
    end: End,
    ids: &[i64],
) -> Result<Vec<(i64, i64)>, ApiError> {
    let mut query = RecordQuery {
        fields: Some(vec![field.to_string()]),
        limit: MOST,
        ..RecordQuery::default()
    };
    match end {
        End::Parent => query.conditions.push(FieldCondition {
            field: field.to_string(),
            kind: ValueKind::Number,
            op: FilterOp::In,
            operand: Operand::Many(ids.iter().map(|id| Scalar::Int(*id)).collect()),
        }),
        End::Child => query.ids = Some(ids.to_vec()),
    }
    let page = store
        .query_records(ctx.tenant, child, &query)
        .await
        .map_err(store_error)?;
    Ok(page
        .records
        .iter()
        .filter_map(|r| match r.doc.field(0, field) {
            Some(DocValue::Number(n)) => n.as_i64().map(|parent| (parent, r.id)),
            _ => None,
        })
        .collect())
}
