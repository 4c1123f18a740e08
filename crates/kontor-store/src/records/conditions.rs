//! One condition of a record query as SQL: comparisons on columns and document fields,
//! multi-select membership, the prefix an indexed text field adds, integer columns and the
//! radius search. `sql.rs` puts them together into statements.

use kontor_proto::calls::read::{FilterOp, Operand, Scalar};

use super::columns::ColumnKind;
use super::sql::{field_expr, Bind, Dialect, Sql};
use super::{FieldCondition, GeoCircle, Module, ValueKind};

/// Mean kilometres per degree of latitude.
const KM_PER_DEGREE: f64 = 111.195;

pub(crate) fn json_path(field: &str) -> Bind {
    Bind::Text(format!("$.\"{}\"", field.replace('"', "")))
}

pub(crate) fn value_bind(kind: ValueKind, value: &Scalar) -> Bind {
    match kind {
        ValueKind::Number => Bind::Real(value.as_f64().unwrap_or(0.0)),
        ValueKind::Text | ValueKind::Multi => Bind::Text(value.as_text()),
    }
}

pub(crate) fn condition(sql: &mut Sql, dialect: Dialect, module: Module, c: &FieldCondition) {
    // Contact pseudo-fields first: they name no document field of their own.
    if let Some(set) = super::contacts::contact_field(module, &c.field) {
        return super::contacts::condition(sql, dialect, set, c);
    }
    if c.kind == ValueKind::Multi {
        return multi_condition(sql, dialect, c);
    }
    if let Some(column) = integer_column(module, &c.field) {
        return integer_condition(sql, column, c);
    }
    if let Some(prefix) = super::auto_index::query_prefix(dialect, module, &c.field, c.kind) {
        if prefix_condition(sql, &prefix, c) {
            sql.push(" AND ");
        }
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

/// The condition on a text field's indexed prefix that its condition implies, so that
/// PostgreSQL can use the index (`auto_index::postgres_prefix`); `false` (nothing written)
/// for operators an index does not serve.
fn prefix_condition(sql: &mut Sql, prefix: &str, c: &FieldCondition) -> bool {
    let cut = |sql: &mut Sql, v: &Scalar| {
        sql.push("left(")
            .bind(Bind::Text(v.as_text()))
            .push(&format!(", {})", super::auto_index::PREFIX_CHARS));
    };
    let op = match (&c.op, &c.operand) {
        (FilterOp::Eq, Operand::One(_)) => " = ",
        (FilterOp::Lt | FilterOp::Le, Operand::One(_)) => " <= ",
        (FilterOp::Gt | FilterOp::Ge, Operand::One(_)) => " >= ",
        (FilterOp::Between, Operand::Range(from, to)) => {
            sql.push(prefix).push(" BETWEEN ");
            cut(sql, from);
            sql.push(" AND ");
            cut(sql, to);
            return true;
        }
        (FilterOp::In, Operand::Many(values)) => {
            sql.push(prefix).push(" IN (");
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                cut(sql, v);
            }
            sql.push(")");
            return true;
        }
        _ => return false,
    };
    if let Operand::One(v) = &c.operand {
        sql.push(prefix).push(op);
        cut(sql, v);
    }
    true
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
///
/// The coordinates are read like any other field ([`field_expr`]): the typed columns of
/// estates, the document of a language version. A version is a record of its own (it starts
/// as a copy of its main estate and may be written on its own, docs/compat.md), so a radius
/// search must select it by the coordinates its answer shows, as every filter and sort on it
/// does; naming the columns here made a radius search on `estate_languages`, which has none,
/// a store error.
pub(crate) fn geo_circle(sql: &mut Sql, dialect: Dialect, module: Module, geo: &GeoCircle) {
    let dlat = geo.radius_km / KM_PER_DEGREE;
    let cos = geo.lat.to_radians().cos().max(0.01);
    let dlon = dlat / cos;
    let mut lat = Sql::default();
    field_expr(&mut lat, dialect, module, "breitengrad", ValueKind::Number);
    let mut lon = Sql::default();
    field_expr(&mut lon, dialect, module, "laengengrad", ValueKind::Number);
    sql.append(&lat)
        .push(" BETWEEN ")
        .bind(Bind::Real(geo.lat - dlat))
        .push(" AND ")
        .bind(Bind::Real(geo.lat + dlat))
        .push(" AND ")
        .append(&lon)
        .push(" BETWEEN ")
        .bind(Bind::Real(geo.lon - dlon))
        .push(" AND ")
        .bind(Bind::Real(geo.lon + dlon))
        .push(" AND (")
        .append(&lat)
        .push(" - ")
        .bind(Bind::Real(geo.lat))
        .push(") * (")
        .append(&lat)
        .push(" - ")
        .bind(Bind::Real(geo.lat))
        .push(") + (")
        .append(&lon)
        .push(" - ")
        .bind(Bind::Real(geo.lon))
        .push(") * (")
        .append(&lon)
        .push(" - ")
        .bind(Bind::Real(geo.lon))
        .push(") * ")
        .bind(Bind::Real(cos * cos))
        .push(" <= ")
        .bind(Bind::Real(dlat * dlat));
}

/// The integer column a field is kept in (`id`, `status`, …), if any.
fn integer_column(module: Module, field: &str) -> Option<&'static str> {
    if field == module.id_field {
        return Some(module.id_column());
    }
    module
        .hot_column(field)
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
