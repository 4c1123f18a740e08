//! Building the SQL of a record query, for either dialect.
//!
//! Values are always bound, never pasted. The identifiers written into the text are the fixed
//! column names of `columns.rs` and, on SQLite, document field names made only of ASCII
//! letters, digits and `_` (so that an expression index can match, see `auto_index.rs`);
//! every other name is bound as a JSON path, so a name can never change the statement.

use kontor_proto::calls::read::{FilterOp, Operand, Scalar};

use super::columns::{hot_column, id_column, id_field, ColumnKind};
use super::{FieldCondition, GeoCircle, RecordModule, RecordQuery, ValueKind};

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

    /// Appends `other`, its placeholders renumbered after this statement's binds. A `$` in
    /// Kontor's SQL text is always a placeholder: literal names are plain (module docs).
    pub fn append(&mut self, other: &Sql) -> &mut Self {
        let offset = self.binds.len();
        let mut rest = other.text.as_str();
        while let Some(at) = rest.find('$') {
            self.text.push_str(&rest[..=at]);
            let after = &rest[at + 1..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            match after[..digits].parse::<usize>() {
                Ok(n) => self.text.push_str(&(n + offset).to_string()),
                Err(_) => self.text.push_str(&after[..digits]),
            }
            rest = &after[digits..];
        }
        self.text.push_str(rest);
        self.binds.extend(other.binds.iter().cloned());
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
        geo_circle(&mut sql, dialect, module, geo);
    }
    sql
}

/// The keys a page is ordered by, each with its direction: the sort's, then the id, which
/// breaks ties so that pages never overlap, in the direction of the last sort key: `x DESC,
/// id DESC` is one backward walk of an index on `(tenant_id, x, id)`, where `x DESC, id ASC`
/// makes SQLite sort every run of equal `x` (a field with a few distinct values, like rooms,
/// has runs of thousands).
///
/// Each key is written once: SQLite does not see that a repeated `id` adds nothing, and
/// sorted the "right part" of the order in a temporary B-tree instead of taking it from the
/// index (a quarter of a listing's statement time, docs/benchmarks.md).
fn order_keys(dialect: Dialect, module: RecordModule, q: &RecordQuery) -> Vec<(Sql, &'static str)> {
    let mut keys = Vec::with_capacity(q.sort.len() + 2);
    let mut sorted: Vec<&str> = Vec::with_capacity(q.sort.len());
    for s in &q.sort {
        // A field already sorted on decides nothing more, whatever its direction.
        if sorted.contains(&s.field.as_str()) {
            continue;
        }
        let direction = if s.descending { " DESC" } else { " ASC" };
        // The prefix first, so that its index gives the order; the whole text then orders
        // what shares a prefix (the same order as the text's alone, see auto_index.rs).
        if let Some(prefix) = super::auto_index::query_prefix(dialect, module, &s.field, s.kind) {
            keys.push((column(&prefix), direction));
        }
        let mut key = Sql::default();
        field_expr(&mut key, dialect, module, &s.field, s.kind);
        keys.push((key, direction));
        sorted.push(&s.field);
    }
    let ties = if q.sort.last().is_some_and(|s| s.descending) {
        " DESC"
    } else {
        " ASC"
    };
    // The id field reads as the id column; language versions' own rows add `id` after it.
    if !sorted.contains(&id_field(module)) {
        keys.push((column(id_column(module)), ties));
    }
    if id_column(module) != "id" {
        keys.push((column("id"), ties));
    }
    keys
}

/// ORDER BY … LIMIT … OFFSET … of a page.
pub(crate) fn order_and_page(
    sql: &mut Sql,
    dialect: Dialect,
    module: RecordModule,
    q: &RecordQuery,
) {
    push_order(sql, &order_keys(dialect, module, q));
    push_page(sql, q);
}

/// ` ORDER BY key direction, …`.
fn push_order(sql: &mut Sql, keys: &[(Sql, &'static str)]) {
    sql.push(" ORDER BY ");
    for (i, (key, direction)) in keys.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.append(key).push(direction);
    }
}

/// ` LIMIT … OFFSET …` of the query.
fn push_page(sql: &mut Sql, q: &RecordQuery) {
    sql.push(" LIMIT ")
        .bind(Bind::Int(i64::from(q.limit)))
        .push(" OFFSET ")
        .bind(Bind::Int(q.offset.min(i64::MAX as u64) as i64));
}

/// Branches of an `in` to write one by one: at most this many values.
const MAX_BRANCHES: usize = 20;

/// The statement of a page: `SELECT <columns> FROM <table> WHERE … ORDER BY … LIMIT …`.
///
/// On PostgreSQL, a page sorted first by a text column that an `in` restricts (`ort in (a,
/// b) ORDER BY ort`) is written as one branch per value, each ordered and limited on its
/// own, merged by the outer order. PostgreSQL 15 otherwise walks the column's index in order
/// and filters: for values late in the order that was most of the index (82 ms at 100k,
/// docs/benchmarks.md), where each branch is one index range. SQLite looks the values of an
/// `in` up one by one, in order, by itself.
pub(crate) fn page(
    dialect: Dialect,
    module: RecordModule,
    tenant: i64,
    q: &RecordQuery,
    columns: &str,
) -> Sql {
    let mut page = Sql::default();
    let Some((at, values)) = in_branches(dialect, module, q) else {
        page.push("SELECT ")
            .push(columns)
            .push(" FROM ")
            .push(module.table())
            .push(" WHERE ")
            .append(&where_clause(dialect, module, tenant, q));
        order_and_page(&mut page, dialect, module, q);
        return page;
    };
    let keys = order_keys(dialect, module, q);
    let each = u64::from(q.limit)
        .saturating_add(q.offset)
        .min(i64::MAX as u64) as i64;
    page.push("SELECT * FROM (");
    for (n, value) in values.into_iter().enumerate() {
        let mut branch = q.clone();
        branch.conditions[at].op = FilterOp::Eq;
        branch.conditions[at].operand = Operand::One(value);
        if n > 0 {
            page.push(" UNION ALL ");
        }
        page.push("(SELECT ").push(columns);
        for (i, (key, _)) in keys.iter().enumerate() {
            page.push(", ").append(key).push(&format!(" AS k{i}"));
        }
        page.push(" FROM ")
            .push(module.table())
            .push(" WHERE ")
            .append(&where_clause(dialect, module, tenant, &branch));
        push_order(&mut page, &keys);
        page.push(" LIMIT ").bind(Bind::Int(each)).push(")");
    }
    page.push(") AS branches");
    // The outer order reads the keys each branch selected.
    let outer: Vec<(Sql, &'static str)> = keys
        .iter()
        .enumerate()
        .map(|(i, (_, direction))| (column(&format!("k{i}")), *direction))
        .collect();
    push_order(&mut page, &outer);
    push_page(&mut page, q);
    page
}

/// A key that is a name as it stands.
fn column(name: &str) -> Sql {
    let mut key = Sql::default();
    key.push(name);
    key
}

/// The condition to write as branches and its distinct values, if the page is one to write
/// so (see [`page`]).
fn in_branches(
    dialect: Dialect,
    module: RecordModule,
    q: &RecordQuery,
) -> Option<(usize, Vec<Scalar>)> {
    if dialect != Dialect::Postgres {
        return None;
    }
    let first = q.sort.first()?;
    let column = hot_column(module, &first.field)?;
    if column.kind != ColumnKind::Text {
        return None;
    }
    let (at, list) =
        q.conditions
            .iter()
            .enumerate()
            .find_map(|(i, c)| match (&c.op, &c.operand) {
                (FilterOp::In, Operand::Many(list))
                    if c.field == first.field && c.kind == ValueKind::Text =>
                {
                    Some((i, list))
                }
                _ => None,
            })?;
    // A value named twice must not give its records twice.
    let mut values: Vec<Scalar> = Vec::with_capacity(list.len());
    for v in list {
        if !values.iter().any(|seen| seen.as_text() == v.as_text()) {
            values.push(v.clone());
        }
    }
    // Each branch repeats every other condition's values: only a query with few of them is
    // written so, lest the statement outgrow PostgreSQL's 65,535 parameters.
    let others: usize = q
        .conditions
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(_, c)| match &c.operand {
            Operand::One(_) => 1,
            Operand::Many(list) => list.len(),
            Operand::Range(..) => 2,
        })
        .sum();
    let few = others.saturating_mul(values.len()) <= MAX_BRANCH_BINDS;
    ((2..=MAX_BRANCHES).contains(&values.len()) && few).then_some((at, values))
}

/// The most values of other conditions all branches of [`page`] repeat together.
const MAX_BRANCH_BINDS: usize = 2_000;

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
fn geo_circle(sql: &mut Sql, dialect: Dialect, module: RecordModule, geo: &GeoCircle) {
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

    use serde_json::{json, Map, Value};

    use super::*;
    use crate::records::{FieldCondition, FieldSort, RecordStore};
    use crate::test_support::open_test_store;
    use crate::{StoreError, TenantName, TenantStore};

    #[test]
    fn appended_statements_are_renumbered() {
        let mut a = Sql::default();
        a.push("x = ").bind(Bind::Int(1));
        let mut b = Sql::default();
        b.push("y IN (")
            .bind(Bind::Int(2))
            .push(", ")
            .bind(Bind::Int(3))
            .push(")");
        a.push(" AND ").append(&b).push(" AND ").append(&b);
        assert_eq!(a.text, "x = $1 AND y IN ($2, $3) AND y IN ($4, $5)");
        assert_eq!(a.binds.len(), 5);
        assert_eq!(a.binds[3], Bind::Int(2));
    }

    /// Pages of an `in` sorted by its own column (one branch per value on PostgreSQL) hold
    /// what sorting every match in memory gives: both directions, a second key, repeated
    /// and missing values, offsets across the branches, a value that matches nothing.
    #[tokio::test]
    async fn in_lists_sorted_by_their_column_page_as_a_sort_of_all_matches(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let test = open_test_store().await?;
        let store = &test.store;
        let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
        const ORTE: [&str; 6] = ["Aachen", "Bonn", "Zeitz", "Köln", "", "bonn"];
        let docs: Vec<Map<String, Value>> = (0..90i64)
            .map(|i| {
                serde_json::from_value(json!({
                    "ort": ORTE[(i % 6) as usize], "kaufpreis": (i * 37) % 11 * 1000, "status": i % 2,
                }))
            })
            .collect::<Result<_, _>>()?;
        let ids = store
            .insert_records(tenant, RecordModule::Estate, docs.clone())
            .await?;
        let lists: [&[&str]; 4] = [
            &["Zeitz", "Aachen"],
            &["Bonn", "bonn", "Bonn", "Nirgendwo"],
            &["Köln", "", "Zeitz", "Aachen", "Bonn"],
            &["Nirgendwo", "Irgendwo"],
        ];
        for list in lists {
            for descending in [false, true] {
                for second in [None, Some(true), Some(false)] {
                    for (limit, offset) in [(20, 0), (4, 3), (7, 14), (5, 200)] {
                        let mut sort = vec![FieldSort {
                            field: "ort".into(),
                            kind: ValueKind::Text,
                            descending,
                        }];
                        if let Some(desc) = second {
                            sort.push(FieldSort {
                                field: "kaufpreis".into(),
                                kind: ValueKind::Number,
                                descending: desc,
                            });
                        }
                        let values = list.iter().map(|v| Scalar::Text(v.to_string())).collect();
                        let q = RecordQuery {
                            conditions: vec![
                                FieldCondition {
                                    field: "ort".into(),
                                    kind: ValueKind::Text,
                                    op: FilterOp::In,
                                    operand: Operand::Many(values),
                                },
                                FieldCondition {
                                    field: "status".into(),
                                    kind: ValueKind::Number,
                                    op: FilterOp::Eq,
                                    operand: Operand::One(Scalar::Int(1)),
                                },
                            ],
                            sort: sort.clone(),
                            limit,
                            offset,
                            ..RecordQuery::default()
                        };
                        let page = store
                            .query_records(tenant, RecordModule::Estate, &q)
                            .await?;
                        let mut hits: Vec<(i64, &Map<String, Value>)> = ids
                            .iter()
                            .copied()
                            .zip(docs.iter())
                            .filter(|(_, d)| d["status"] == 1)
                            .filter(|(_, d)| list.iter().any(|v| d["ort"] == *v))
                            .collect();
                        hits.sort_by(|(ia, a), (ib, b)| {
                            let by_ort = a["ort"].as_str().cmp(&b["ort"].as_str());
                            let by_ort = if descending { by_ort.reverse() } else { by_ort };
                            let price = |d: &Map<String, Value>| d["kaufpreis"].as_i64();
                            let by_price = match second {
                                Some(true) => price(b).cmp(&price(a)),
                                Some(false) => price(a).cmp(&price(b)),
                                None => std::cmp::Ordering::Equal,
                            };
                            let last_desc = second.unwrap_or(descending);
                            let by_id = if last_desc { ib.cmp(ia) } else { ia.cmp(ib) };
                            by_ort.then(by_price).then(by_id)
                        });
                        let want: Vec<i64> = hits
                            .iter()
                            .skip(offset as usize)
                            .take(limit as usize)
                            .map(|(id, _)| *id)
                            .collect();
                        let got: Vec<i64> = page.records.iter().map(|r| r.id).collect();
                        let case = format!(
                            "{list:?} desc {descending} then {second:?}, {limit} from {offset}"
                        );
                        assert_eq!(got, want, "{case}");
                        assert_eq!(page.total, hits.len() as u64, "{case}");
                    }
                }
            }
        }
        Ok(())
    }

    /// On PostgreSQL such a page is one index range per value, merged.
    #[test]
    fn postgres_writes_an_in_sorted_by_its_column_as_branches() {
        let q = RecordQuery {
            conditions: vec![FieldCondition {
                field: "ort".into(),
                kind: ValueKind::Text,
                op: FilterOp::In,
                operand: Operand::Many(vec![
                    Scalar::Text("Bonn".into()),
                    Scalar::Text("Aachen".into()),
                    Scalar::Text("Bonn".into()),
                ]),
            }],
            sort: vec![FieldSort {
                field: "ort".into(),
                kind: ValueKind::Text,
                descending: false,
            }],
            limit: 20,
            offset: 5,
            ..RecordQuery::default()
        };
        let sql = page(Dialect::Postgres, RecordModule::Estate, 1, &q, "id");
        assert_eq!(
            sql.text,
            "SELECT * FROM (\
             (SELECT id, ort AS k0, id AS k1 FROM estates WHERE tenant_id = $1 AND ort = $2 ORDER BY ort ASC, id ASC LIMIT $3) \
             UNION ALL \
             (SELECT id, ort AS k0, id AS k1 FROM estates WHERE tenant_id = $4 AND ort = $5 ORDER BY ort ASC, id ASC LIMIT $6)\
             ) AS branches ORDER BY k0 ASC, k1 ASC LIMIT $7 OFFSET $8"
        );
        assert_eq!(sql.binds[2], Bind::Int(25));
        let sqlite = page(Dialect::Sqlite, RecordModule::Estate, 1, &q, "id");
        assert!(!sqlite.text.contains("UNION"), "{}", sqlite.text);
    }

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
