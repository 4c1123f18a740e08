//! Building the SQL of a record query, for either dialect.
//!
//! Values are always bound, never pasted. The identifiers written into the text are the fixed
//! column names of `columns.rs` and, on SQLite, document field names made only of ASCII
//! letters, digits and `_` (so that an expression index can match, see `auto_index.rs`);
//! every other name is bound as a JSON path, so a name can never change the statement.

use kontor_proto::calls::read::{FilterOp, Operand, Scalar};

use super::columns::ColumnKind;
use super::conditions::{condition, geo_circle, json_path};
use super::{Module, RecordQuery, ValueKind};

/// A bound value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Bind {
    Int(i64),
    Real(f64),
    Text(String),
    /// PostgreSQL does not take an integer for a `BOOLEAN` column.
    Bool(bool),
    Bytes(Vec<u8>),
    /// Typed nulls: PostgreSQL checks a null parameter's type against its column's.
    NullInt,
    NullText,
}

impl Bind {
    pub(crate) fn opt_int(value: Option<i64>) -> Bind {
        value.map(Bind::Int).unwrap_or(Bind::NullInt)
    }

    pub(crate) fn opt_text(value: Option<&str>) -> Bind {
        value
            .map(|t| Bind::Text(t.to_string()))
            .unwrap_or(Bind::NullText)
    }
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

    /// A statement written out with its `$n` placeholders, and their values in order.
    pub fn new(text: &str, binds: Vec<Bind>) -> Sql {
        debug_assert!(numbered_in_order(text), "placeholders out of order: {text}");
        Sql {
            text: text.to_string(),
            binds,
        }
    }

    pub fn bind(&mut self, value: Bind) -> &mut Self {
        self.binds.push(value);
        let n = self.binds.len();
        self.text.push_str(&format!("${n}"));
        self
    }

    /// ` AND <column> IN ($n, …)`; an empty list matches nothing.
    pub fn ids_in(&mut self, column: &str, ids: &[i64]) -> &mut Self {
        self.push(" AND ").push(column).push(" IN (");
        if ids.is_empty() {
            self.push("NULL");
        }
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(Bind::Int(*id));
        }
        self.push(")")
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

/// Whether every placeholder `$n` first appears after `$1 … $n-1`. SQLite takes `$n` for a
/// *named* parameter and numbers parameters in the order their names first appear, so a
/// statement that named `$2` before `$1` would bind its values to the wrong places there.
pub(crate) fn numbered_in_order(text: &str) -> bool {
    let mut next = 1;
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        let after = &rest[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if let Ok(n) = after[..digits].parse::<usize>() {
            if n > next {
                return false;
            }
            if n == next {
                next += 1;
            }
        }
        rest = &after[digits..];
    }
    true
}

/// The WHERE clause (without the keyword) shared by the count and the page.
pub(crate) fn where_clause(dialect: Dialect, module: Module, tenant: i64, q: &RecordQuery) -> Sql {
    let mut sql = Sql::default();
    sql.push("tenant_id = ").bind(Bind::Int(tenant));
    // The documents table holds every such module's records.
    if module.in_documents() {
        sql.push(" AND module = ")
            .bind(Bind::Text(module.name().to_string()));
    }
    if module.language_versions() {
        sql.push(" AND language = ")
            .bind(Bind::Text(q.language.clone().unwrap_or_default()));
    }
    if let Some(ids) = &q.ids {
        sql.ids_in(module.id_column(), ids);
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
fn order_keys(dialect: Dialect, module: Module, q: &RecordQuery) -> Vec<(Sql, &'static str)> {
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
    if !sorted.contains(&module.id_field) {
        keys.push((column(module.id_column()), ties));
    }
    if module.id_column() != "id" {
        keys.push((column("id"), ties));
    }
    keys
}

/// ORDER BY … LIMIT … OFFSET … of a page.
pub(crate) fn order_and_page(sql: &mut Sql, dialect: Dialect, module: Module, q: &RecordQuery) {
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
    module: Module,
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
fn in_branches(dialect: Dialect, module: Module, q: &RecordQuery) -> Option<(usize, Vec<Scalar>)> {
    if dialect != Dialect::Postgres {
        return None;
    }
    let first = q.sort.first()?;
    let column = module.hot_column(&first.field)?;
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
        .map(|(_, c)| c.operand.len())
        .sum();
    let few = others.saturating_mul(values.len()) <= MAX_BRANCH_BINDS;
    ((2..=MAX_BRANCHES).contains(&values.len()) && few).then_some((at, values))
}

/// The most values of other conditions all branches of [`page`] repeat together.
const MAX_BRANCH_BINDS: usize = 2_000;

/// The expression a field reads as: its column, or its document value with the unset value
/// (0 or "") filled in.
pub(crate) fn field_expr(
    sql: &mut Sql,
    dialect: Dialect,
    module: Module,
    field: &str,
    kind: ValueKind,
) {
    if field == module.id_field {
        sql.push(module.id_column());
        return;
    }
    if let Some(col) = module.hot_column(field) {
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

#[cfg(test)]
pub(crate) mod tests {
    use kontor_proto::calls::read::{FilterOp, Operand, Scalar};

    use serde_json::{json, Map, Value};

    use super::*;
    use crate::records::{FieldCondition, FieldSort, RecordStore};
    use crate::test_support::open_test_store;
    use crate::{StoreError, TenantName, TenantStore};

    #[test]
    fn placeholders_must_come_in_order() {
        assert!(numbered_in_order("a = $1 AND b = $2 AND c = $1"));
        assert!(!numbered_in_order("a = $2 AND b = $1"));
        assert!(numbered_in_order("no placeholders"));
    }

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
            .insert_records(tenant, Module::ESTATE, docs.clone())
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
                        let page = store.query_records(tenant, Module::ESTATE, &q).await?;
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
        let sql = page(Dialect::Postgres, Module::ESTATE, 1, &q, "id");
        assert_eq!(
            sql.text,
            "SELECT * FROM (\
             (SELECT id, ort AS k0, id AS k1 FROM estates WHERE tenant_id = $1 AND ort = $2 ORDER BY ort ASC, id ASC LIMIT $3) \
             UNION ALL \
             (SELECT id, ort AS k0, id AS k1 FROM estates WHERE tenant_id = $4 AND ort = $5 ORDER BY ort ASC, id ASC LIMIT $6)\
             ) AS branches ORDER BY k0 ASC, k1 ASC LIMIT $7 OFFSET $8"
        );
        assert_eq!(sql.binds[2], Bind::Int(25));
        let sqlite = page(Dialect::Sqlite, Module::ESTATE, 1, &q, "id");
        assert!(!sqlite.text.contains("UNION"), "{}", sqlite.text);
    }

    /// SQLite's plan for an estate list read's page, as the store runs it.
    pub(crate) fn sqlite_plan(
        reader: &crate::sqlite_reader::SqliteReader,
        tenant: i64,
        q: &RecordQuery,
    ) -> Result<Vec<String>, StoreError> {
        let mut page = where_clause(Dialect::Sqlite, Module::ESTATE, tenant, q);
        order_and_page(&mut page, Dialect::Sqlite, Module::ESTATE, q);
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

    fn order_of(module: Module, sorts: Vec<FieldSort>) -> String {
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
        let (estate, language) = (Module::ESTATE, Module::ESTATE_LANGUAGE);
        let price = || sort("kaufpreis", ValueKind::Number, false);
        assert_eq!(
            order_of(estate, vec![price()]),
            " ORDER BY kaufpreis ASC, id ASC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(estate, vec![sort("kaufpreis", ValueKind::Number, true)]),
            " ORDER BY kaufpreis DESC, id DESC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(estate, vec![]),
            " ORDER BY id ASC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(estate, vec![sort("Id", ValueKind::Number, true), price()]),
            " ORDER BY id DESC, kaufpreis ASC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(estate, vec![price(), price()]),
            " ORDER BY kaufpreis ASC, id ASC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(language, vec![]),
            " ORDER BY main_id ASC, id ASC LIMIT $1 OFFSET $2"
        );
        assert_eq!(
            order_of(language, vec![sort("Id", ValueKind::Number, true)]),
            " ORDER BY main_id DESC, id DESC LIMIT $1 OFFSET $2"
        );
    }

    /// The listing real websites send (status, a price band, sorted by price) walks one
    /// index for its whole order: no temporary B-tree sorts any part of it.
    #[tokio::test]
    async fn a_listing_takes_its_order_from_the_index() -> Result<(), Box<dyn std::error::Error>> {
        let test = open_test_store().await?;
        let store = &test.store;
        let Some(reader) = store.reader() else {
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
