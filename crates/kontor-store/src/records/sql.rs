//! Building the SQL of a record query, for either dialect.
//!
//! Values are always bound, never pasted. The identifiers written into the text are the fixed
//! column names of `columns.rs` and, on SQLite, document field names made only of ASCII
//! letters, digits and `_` (so that an expression index can match, see `auto_index.rs`);
//! every other name is bound as a JSON path, so a name can never change the statement.

use kontor_proto::calls::read::{FilterOp, Operand, Scalar};

use super::columns::{hot_column, id_column, id_field, ColumnKind};
use super::{FieldCondition, FieldSort, GeoCircle, RecordModule, RecordQuery, ValueKind};

/// A bound value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Bind {
    Int(i64),
    Real(f64),
    Text(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// Statement text plus its binds, numbered `$1…` in order (SQLite accepts `$n` too).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Sql {
    pub text: String,
    pub binds: Vec<Bind>,
}

impl Sql {
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    pub fn bind(&mut self, value: Bind) -> &mut Self {
        self.binds.push(value);
        let n = self.binds.len();
        self.text.push_str(&format!("${n}"));
        self
    }
}

/// Mean kilometres per degree of latitude.
const KM_PER_DEGREE: f64 = 111.195;

/// The WHERE clause (without the keyword) shared by the count and the page.
pub(crate) fn where_clause(
    dialect: Dialect,
    module: RecordModule,
    tenant: i64,
    q: &RecordQuery,
) -> Sql {
    let mut sql = Sql::default();
    sql.push("tenant_id = ").bind(Bind::Int(tenant));
    if module == RecordModule::EstateLanguage {
        sql.push(" AND language = ")
            .bind(Bind::Text(q.language.clone().unwrap_or_default()));
    }
    if let Some(ids) = &q.ids {
        sql.push(" AND ").push(id_column(module)).push(" IN (");
        if ids.is_empty() {
            sql.push("NULL");
        }
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.bind(Bind::Int(*id));
        }
        sql.push(")");
    }
    for c in &q.conditions {
        sql.push(" AND ");
        condition(&mut sql, dialect, module, c);
    }
    if let Some(geo) = &q.geo {
        sql.push(" AND ");
        geo_circle(&mut sql, geo);
    }
    sql
}

/// ORDER BY … LIMIT … OFFSET …; the id breaks ties so that pages never overlap, in the
/// direction of the last sort key: `x DESC, id DESC` is one backward walk of an index on
/// `(tenant_id, x, id)`, where `x DESC, id ASC` makes SQLite sort every run of equal `x`
/// (a field with a few distinct values, like rooms, has runs of thousands).
///
/// Each tie-breaker is written once: SQLite does not see that a repeated `id` adds nothing,
/// and sorted the "right part" of the order in a temporary B-tree instead of taking it from
/// the index (a quarter of a listing's statement time, docs/benchmarks.md).
pub(crate) fn order_and_page(
    sql: &mut Sql,
    dialect: Dialect,
    module: RecordModule,
    q: &RecordQuery,
) {
    sql.push(" ORDER BY ");
    let mut sorted: Vec<&str> = Vec::with_capacity(q.sort.len());
    for s in &q.sort {
        // A field already sorted on decides nothing more, whatever its direction.
        if sorted.contains(&s.field.as_str()) {
            continue;
        }
        sort_key(sql, dialect, module, s);
        sql.push(", ");
        sorted.push(&s.field);
    }
    let ties = if q.sort.last().is_some_and(|s| s.descending) {
        " DESC"
    } else {
        " ASC"
    };
    // The id field reads as the id column; language versions' own rows add `id` after it.
    if !sorted.contains(&id_field(module)) {
        sql.push(id_column(module)).push(ties).push(", ");
    }
    if id_column(module) != "id" {
        sql.push("id").push(ties).push(", ");
    }
    // The separator after the last key.
    sql.text.truncate(sql.text.len() - 2);
    sql.push(" LIMIT ")
        .bind(Bind::Int(i64::from(q.limit)))
        .push(" OFFSET ")
        .bind(Bind::Int(q.offset.min(i64::MAX as u64) as i64));
}

fn sort_key(sql: &mut Sql, dialect: Dialect, module: RecordModule, s: &FieldSort) {
    field_expr(sql, dialect, module, &s.field, s.kind);
    sql.push(if s.descending { " DESC" } else { " ASC" });
}

/// The expression a field reads as: its column, or its document value with the unset value
/// (0 or "") filled in.
fn field_expr(sql: &mut Sql, dialect: Dialect, module: RecordModule, field: &str, kind: ValueKind) {
    if field == id_field(module) {
        sql.push(id_column(module));
        return;
    }
    if let Some(col) = hot_column(module, field) {
        sql.push(col.column);
        return;
    }
    if let Some(expr) = super::auto_index::expr(dialect, field, kind) {
        sql.push(&expr);
        return;
    }
    match (dialect, kind) {
        (Dialect::Sqlite, ValueKind::Number) => {
            sql.push("COALESCE(CAST(json_extract(doc, ")
                .bind(json_path(field))
                .push(") AS REAL), 0)");
        }
        (Dialect::Sqlite, _) => {
            sql.push("COALESCE(json_extract(doc, ")
                .bind(json_path(field))
                .push("), '')");
        }
        (Dialect::Postgres, ValueKind::Number) => {
            sql.push("COALESCE(kontor_number(doc->>")
                .bind(Bind::Text(field.into()))
                .push("), 0)");
        }
        // Byte order, as SQLite compares, whatever the database's collation.
        (Dialect::Postgres, _) => {
            sql.push("(COALESCE(doc->>")
                .bind(Bind::Text(field.into()))
                .push(", '') COLLATE \"C\")");
        }
    }
}

fn json_path(field: &str) -> Bind {
    Bind::Text(format!("$.\"{}\"", field.replace('"', "")))
}

pub(crate) fn value_bind(kind: ValueKind, value: &Scalar) -> Bind {
    match kind {
        ValueKind::Number => Bind::Real(value.as_f64().unwrap_or(0.0)),
        ValueKind::Text | ValueKind::Multi => Bind::Text(value.as_text()),
    }
}

fn condition(sql: &mut Sql, dialect: Dialect, module: RecordModule, c: &FieldCondition) {
    if c.kind == ValueKind::Multi {
        return multi_condition(sql, dialect, c);
    }
    if let Some(column) = integer_column(module, &c.field) {
        return integer_condition(sql, column, c);
    }
    let like = match dialect {
        Dialect::Sqlite => " LIKE ",
        Dialect::Postgres => " ILIKE ",
    };
    let not_like = match dialect {
        Dialect::Sqlite => " NOT LIKE ",
        Dialect::Postgres => " NOT ILIKE ",
    };
    field_expr(sql, dialect, module, &c.field, c.kind);
    match (&c.op, &c.operand) {
        (FilterOp::In | FilterOp::NotIn, Operand::Many(values)) => {
            sql.push(if c.op == FilterOp::In {
                " IN ("
            } else {
                " NOT IN ("
            });
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.bind(value_bind(c.kind, v));
            }
            sql.push(")");
        }
        (FilterOp::Between, Operand::Range(from, to)) => {
            sql.push(" BETWEEN ")
                .bind(value_bind(c.kind, from))
                .push(" AND ")
                .bind(value_bind(c.kind, to));
        }
        (op, Operand::One(v)) => {
            let text = match op {
                FilterOp::Eq => " = ",
                FilterOp::Ne => " <> ",
                FilterOp::Lt => " < ",
                FilterOp::Gt => " > ",
                FilterOp::Le => " <= ",
                FilterOp::Ge => " >= ",
                FilterOp::Like => like,
                FilterOp::NotLike => not_like,
                // Shapes the parser never produces; a false condition is the safe reading.
                _ => " <> ",
            };
            sql.push(text).bind(value_bind(c.kind, v));
        }
        _ => {
            sql.push(" IS NULL");
        }
    }
}

/// Multi-select: `=` and `in` mean "contains (any of)", `!=` and `not in` "contains none of",
/// `like` "some key matches".
fn multi_condition(sql: &mut Sql, dialect: Dialect, c: &FieldCondition) {
    let values: Vec<&Scalar> = match &c.operand {
        Operand::One(v) => vec![v],
        Operand::Many(list) => list.iter().collect(),
        Operand::Range(a, b) => vec![a, b],
    };
    let negated = matches!(c.op, FilterOp::Ne | FilterOp::NotIn | FilterOp::NotLike);
    let like = matches!(c.op, FilterOp::Like | FilterOp::NotLike);
    sql.push(if negated {
        "NOT EXISTS (SELECT 1 FROM "
    } else {
        "EXISTS (SELECT 1 FROM "
    });
    match dialect {
        Dialect::Sqlite => {
            sql.push("json_each(doc, ")
                .bind(json_path(&c.field))
                .push(") WHERE value");
        }
        Dialect::Postgres => {
            sql.push("jsonb_array_elements_text(COALESCE(doc->")
                .bind(Bind::Text(c.field.clone()))
                .push(", '[]'::jsonb)) AS e(v) WHERE e.v");
        }
    }
    if like {
        sql.push(match dialect {
            Dialect::Sqlite => " LIKE ",
            Dialect::Postgres => " ILIKE ",
        });
        if let Some(v) = values.first() {
            sql.bind(Bind::Text(v.as_text()));
        }
    } else {
        sql.push(" IN (");
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.bind(Bind::Text(v.as_text()));
        }
        sql.push(")");
    }
    sql.push(")");
}

/// An equirectangular distance test, accurate to well under 1% for the radii a listing
/// search uses, and written in plain arithmetic so that SQLite needs no math extension. The
/// bounding box in front lets the geo index narrow the scan.
fn geo_circle(sql: &mut Sql, geo: &GeoCircle) {
    let dlat = geo.radius_km / KM_PER_DEGREE;
    let cos = geo.lat.to_radians().cos().max(0.01);
    let dlon = dlat / cos;
    sql.push("breitengrad BETWEEN ")
        .bind(Bind::Real(geo.lat - dlat))
        .push(" AND ")
        .bind(Bind::Real(geo.lat + dlat))
        .push(" AND laengengrad BETWEEN ")
        .bind(Bind::Real(geo.lon - dlon))
        .push(" AND ")
        .bind(Bind::Real(geo.lon + dlon))
        .push(" AND (breitengrad - ")
        .bind(Bind::Real(geo.lat))
        .push(") * (breitengrad - ")
        .bind(Bind::Real(geo.lat))
        .push(") + (laengengrad - ")
        .bind(Bind::Real(geo.lon))
        .push(") * (laengengrad - ")
        .bind(Bind::Real(geo.lon))
        .push(") * ")
        .bind(Bind::Real(cos * cos))
        .push(" <= ")
        .bind(Bind::Real(dlat * dlat));
}

/// The integer column a field is kept in (`id`, `status`, …), if any.
fn integer_column(module: RecordModule, field: &str) -> Option<&'static str> {
    if field == id_field(module) {
        return Some(id_column(module));
    }
    hot_column(module, field)
        .filter(|c| c.kind == ColumnKind::Int)
        .map(|c| c.column)
}

/// A number compared with an integer column, written with integer bounds. PostgreSQL would
/// otherwise cast the column to the parameter's float type and could not use its index; the
/// bounds are rounded so that the result is the same as comparing as floats (`status < 1.5`
/// is `status < 2`, `status = 1.5` matches nothing).
fn integer_condition(sql: &mut Sql, column: &str, c: &FieldCondition) {
    let num = |s: &Scalar| s.as_f64().unwrap_or(0.0);
    let whole = |f: f64| f.fract() == 0.0;
    let clamp = |f: f64| f.clamp(i64::MIN as f64, i64::MAX as f64) as i64;
    match (&c.op, &c.operand) {
        (FilterOp::Eq, Operand::One(v)) if whole(num(v)) => {
            sql.push(column).push(" = ").bind(Bind::Int(clamp(num(v))));
        }
        (FilterOp::Eq, Operand::One(_)) => {
            sql.push("1 = 0");
        }
        (FilterOp::Ne, Operand::One(v)) if whole(num(v)) => {
            sql.push(column).push(" <> ").bind(Bind::Int(clamp(num(v))));
        }
        (FilterOp::Ne, Operand::One(_)) => {
            sql.push("1 = 1");
        }
        (FilterOp::Lt, Operand::One(v)) => {
            sql.push(column)
                .push(" < ")
                .bind(Bind::Int(clamp(num(v).ceil())));
        }
        (FilterOp::Le, Operand::One(v)) => {
            sql.push(column)
                .push(" <= ")
                .bind(Bind::Int(clamp(num(v).floor())));
        }
        (FilterOp::Gt, Operand::One(v)) => {
            sql.push(column)
                .push(" > ")
                .bind(Bind::Int(clamp(num(v).floor())));
        }
        (FilterOp::Ge, Operand::One(v)) => {
            sql.push(column)
                .push(" >= ")
                .bind(Bind::Int(clamp(num(v).ceil())));
        }
        (FilterOp::Between, Operand::Range(a, b)) => {
            sql.push(column)
                .push(" BETWEEN ")
                .bind(Bind::Int(clamp(num(a).ceil())))
                .push(" AND ")
                .bind(Bind::Int(clamp(num(b).floor())));
        }
        (FilterOp::In | FilterOp::NotIn, Operand::Many(values)) => {
            let ints: Vec<i64> = values
                .iter()
                .map(num)
                .filter(|f| whole(*f))
                .map(clamp)
                .collect();
            let negated = c.op == FilterOp::NotIn;
            if ints.is_empty() {
                sql.push(if negated { "1 = 1" } else { "1 = 0" });
                return;
            }
            sql.push(column)
                .push(if negated { " NOT IN (" } else { " IN (" });
            for (i, v) in ints.into_iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.bind(Bind::Int(v));
            }
            sql.push(")");
        }
        // Shapes the parser never produces (like on numbers is refused before).
        _ => {
            sql.push("1 = 0");
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use kontor_proto::calls::read::{FilterOp, Operand, Scalar};

    use super::*;
    use crate::records::FieldCondition;
    use crate::test_support::open_test_store;
    use crate::{StoreError, TenantName, TenantStore};

    /// SQLite's plan for an estate list read's page, as the store runs it.
    pub(crate) fn sqlite_plan(
        reader: &crate::sqlite_reader::SqliteReader,
        tenant: i64,
        q: &RecordQuery,
    ) -> Result<Vec<String>, StoreError> {
        let mut page = where_clause(Dialect::Sqlite, RecordModule::Estate, tenant, q);
        order_and_page(&mut page, Dialect::Sqlite, RecordModule::Estate, q);
        let text = format!(
            "EXPLAIN QUERY PLAN SELECT id, uuid, doc FROM estates WHERE {}",
            page.text
        );
        reader.with(|c| {
            let mut stmt = c.prepare(&text)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(page.binds.iter()), |r| {
                r.get::<_, String>(3)
            })?;
            rows.collect::<Result<_, _>>().map_err(StoreError::from)
        })
    }

    fn sort(field: &str, kind: ValueKind, descending: bool) -> FieldSort {
        FieldSort {
            field: field.into(),
            kind,
            descending,
        }
    }

    fn order_of(module: RecordModule, sorts: Vec<FieldSort>) -> String {
        let q = RecordQuery {
            sort: sorts,
            limit: 20,
            ..RecordQuery::default()
        };
        let mut sql = Sql::default();
        order_and_page(&mut sql, Dialect::Sqlite, module, &q);
        sql.text
    }

    /// Each key is written once: the id tie-breaker follows the last key's direction and is
    /// left out when the id is already sorted on; language versions add their row id.
    #[test]
    fn every_key_is_sorted_on_once() {
        use RecordModule::*;
        let price = || sort("kaufpreis", ValueKind::Number, false);
        assert_eq!(
            order_of(Estate, vec![price()]),
            " ORDER BY kaufpreis ASC, id ASC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(Estate, vec![sort("kaufpreis", ValueKind::Number, true)]),
            " ORDER BY kaufpreis DESC, id DESC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(Estate, vec![]),
            " ORDER BY id ASC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(Estate, vec![sort("Id", ValueKind::Number, true), price()]),
            " ORDER BY id DESC, kaufpreis ASC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(Estate, vec![price(), price()]),
            " ORDER BY kaufpreis ASC, id ASC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(EstateLanguage, vec![]),
            " ORDER BY main_id ASC, id ASC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(EstateLanguage, vec![sort("Id", ValueKind::Number, true)]),
            " ORDER BY main_id DESC, id DESC LIMIT $1 OFFSET $2"
        );
    }

    /// The listing real websites send (status, a price band, sorted by price) walks one
    /// index for its whole order: no temporary B-tree sorts any part of it.
    #[tokio::test]
    async fn a_listing_takes_its_order_from_the_index() -> Result<(), Box<dyn std::error::Error>> {
        let test = open_test_store().await?;
        let store = &test.store;
        let Some(reader) = &store.reader else {
            return Ok(()); // the plan below is SQLite's
        };
        let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
        let condition = |field: &str, op, operand| FieldCondition {
            field: field.into(),
            kind: ValueKind::Number,
            op,
            operand,
        };
        for descending in [false, true] {
            let q = RecordQuery {
                conditions: vec![
                    condition("status", FilterOp::Eq, Operand::One(Scalar::Int(1))),
                    condition(
                        "kaufpreis",
                        FilterOp::Between,
                        Operand::Range(Scalar::Int(100_000), Scalar::Int(300_000)),
                    ),
                ],
                sort: vec![sort("kaufpreis", ValueKind::Number, descending)],
                limit: 20,
                ..RecordQuery::default()
            };
            let plan = sqlite_plan(reader, tenant.0, &q)?;
            assert!(
                plan.iter().any(|p| p.contains("estates_status_kaufpreis")),
                "{plan:?}"
            );
            assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "{plan:?}");
        }
        Ok(())
    }
}
