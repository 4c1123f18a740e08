//! Counting a range on a typed column by binary search.
//!
//! A listing whose price band (or date, or postcode range) moves from request to request
//! asks for a new `cntabsolute` every time, and an exact count visits every match: about
//! 1.2 ms for the 15,000 matches of one band at 100,000 estates, ten times that at a million
//! (docs/benchmarks.md). Neither database can count an index range without walking it.
//!
//! When a query's conditions are "anything" plus a range on one typed column, the store
//! keeps the sorted values of that column over the rows matching the "anything" part, for
//! the current write generation. Each further range over the same rest is then two binary
//! searches. The values are loaded only when the same rest comes a second time within one
//! generation, so a one-off query pays nothing extra, and they are dropped by the next
//! write, so the count stays exact.

use std::cmp::Ordering;
use std::sync::Arc;

use kontor_proto::calls::read::{FilterOp, Operand};

use super::columns::ColumnKind;
use super::conditions::value_bind;
use super::sql::{where_clause, Bind, Dialect, Sql};
use super::{Module, RecordQuery, ValueKind};

/// One set of values larger than this is not kept (counted by SQL instead).
pub(crate) const MAX_ENTRY_BYTES: usize = 16 * 1024 * 1024;

/// One end of a range.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Edge {
    Open,
    Included(Bind),
    Excluded(Bind),
}

/// How to count a query by binary search.
#[derive(Debug, Clone)]
pub(crate) struct RangePlan {
    /// Identifies the rest of the query and the column: the key of the sorted values.
    pub key: String,
    /// `SELECT <column> FROM <table> WHERE <rest>`.
    pub values: Sql,
    pub kind: ColumnKind,
    pub low: Edge,
    pub high: Edge,
    /// How the loaded values are kept through creates; `None`: dropped by any write.
    pub carry: Option<Arc<RangeCarry>>,
}

/// Sorted values of one column over the rows of one rest.
#[derive(Debug)]
pub(crate) enum Sorted {
    Real(Vec<f64>),
    /// All texts in one buffer, each ending at its offset: a million postcodes take 9 MB
    /// this way instead of 29 MB as separate strings.
    Text {
        buf: String,
        ends: Vec<u32>,
    },
    /// Texts of one shape (the same length, digits in the same places, the same other
    /// characters), such as `2026-11-23 12:00:00`, `2026-11-23` or `53111`, each kept as the
    /// number its digits spell: 8 bytes a value, and the numbers sort as the texts do. A
    /// million change dates take 8 MB this way instead of 23 MB (over [`MAX_ENTRY_BYTES`]).
    Shaped {
        template: Vec<u8>,
        packed: Vec<u64>,
    },
    /// Values loaded from the database plus those of records created since
    /// ([`RangeCache::carry`](super::RangeCache::carry)): counted in both, without copying the large part.
    Layered {
        base: Arc<Sorted>,
        added: Box<Sorted>,
    },
}

/// The most values added on top of a loaded set before it is dropped (and loaded anew).
const MAX_ADDED: usize = 50_000;

/// How a value set is kept through creates: which new records belong to its rest, and the
/// typed column their value comes from (`carry.rs`).
#[derive(Debug)]
pub(crate) struct RangeCarry {
    pub rest: super::carry::CarrySpec,
    pub column: &'static super::columns::HotColumn,
}

/// The longest shape kept as numbers: a date and time is 19 bytes.
const MAX_SHAPE_LEN: usize = 32;
/// A `u64` holds any 19 decimal digits.
const MAX_SHAPE_DIGITS: usize = 19;

/// The number `text`'s digits spell, if `text` has the shape of `template`.
fn pack(template: &[u8], text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    if bytes.len() != template.len() {
        return None;
    }
    let mut n: u64 = 0;
    for (&t, &b) in template.iter().zip(bytes) {
        if t.is_ascii_digit() {
            if !b.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u64::from(b - b'0');
        } else if t != b {
            return None;
        }
    }
    Some(n)
}

/// The text of a packed value, written into `buf`; its length is the template's.
fn unpack(template: &[u8], mut n: u64, buf: &mut [u8; MAX_SHAPE_LEN]) {
    for (slot, &t) in buf.iter_mut().zip(template).rev() {
        *slot = if t.is_ascii_digit() {
            let d = (n % 10) as u8;
            n /= 10;
            b'0' + d
        } else {
            t
        };
    }
}

/// Collects texts as they are read. While they share the first one's shape they are packed
/// at once, so that a million change dates never exist as a million `String`s (56 MB, where
/// the packed form is 8 MB); the first text of another shape turns the packed ones back into
/// texts.
#[derive(Debug, Default)]
pub(crate) struct TextLoader {
    template: Option<Vec<u8>>,
    packed: Vec<u64>,
    texts: Vec<String>,
    unshaped: bool,
}

impl TextLoader {
    pub(crate) fn push(&mut self, text: &str) {
        if !self.unshaped {
            let template = self
                .template
                .get_or_insert_with(|| text.as_bytes().to_vec());
            let digits = template.iter().filter(|b| b.is_ascii_digit()).count();
            if template.len() <= MAX_SHAPE_LEN && digits <= MAX_SHAPE_DIGITS {
                if let Some(n) = pack(template, text) {
                    self.packed.push(n);
                    return;
                }
            }
            self.unshape();
        }
        self.texts.push(text.to_string());
    }

    /// Turns what was packed back into texts.
    fn unshape(&mut self) {
        self.unshaped = true;
        let Some(template) = &self.template else {
            return;
        };
        let mut buf = [0u8; MAX_SHAPE_LEN];
        for n in std::mem::take(&mut self.packed) {
            unpack(template, n, &mut buf);
            let text = buf.get(..template.len()).unwrap_or_default();
            self.texts.push(String::from_utf8_lossy(text).into_owned());
        }
    }

    /// The sorted values; `None` when they would not fit the compact form (over 4 GiB).
    pub(crate) fn finish(mut self) -> Option<Sorted> {
        match self.template.take() {
            Some(template) if !self.unshaped => {
                self.packed.sort_unstable();
                Some(Sorted::Shaped {
                    template,
                    packed: self.packed,
                })
            }
            _ => Sorted::from_unshaped(self.texts),
        }
    }
}

impl Sorted {
    /// `self` with `values` added (all numbers or all texts, as the set holds); `None` when
    /// the added part would grow past [`MAX_ADDED`] or the kinds do not match.
    pub(crate) fn with_added(self: &Arc<Sorted>, values: Vec<Bind>) -> Option<Sorted> {
        let (base, mut reals, mut texts) = match &**self {
            Sorted::Layered { base, added } => match &**added {
                Sorted::Real(v) => (base.clone(), v.clone(), Vec::new()),
                Sorted::Text { buf, ends } => (
                    base.clone(),
                    Vec::new(),
                    (0..ends.len())
                        .map(|i| Sorted::nth(buf, ends, i).to_string())
                        .collect(),
                ),
                _ => return None,
            },
            _ => (self.clone(), Vec::new(), Vec::new()),
        };
        let numbers = matches!(&*base, Sorted::Real(_));
        for v in values {
            match (v, numbers) {
                (Bind::Real(f), true) => reals.push(f),
                (Bind::Int(i), true) => reals.push(i as f64),
                (Bind::Text(t), false) => texts.push(t),
                _ => return None,
            }
        }
        if reals.len() + texts.len() > MAX_ADDED {
            return None;
        }
        let added = if numbers {
            Sorted::from_reals(reals)
        } else {
            Sorted::from_unshaped(texts)?
        };
        Some(Sorted::Layered {
            base,
            added: Box::new(added),
        })
    }
}

/// The first index in `0..n` for which `pred` is false (`pred` true then false, as
/// `slice::partition_point` wants it).
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

impl Sorted {
    pub(crate) fn from_reals(mut values: Vec<f64>) -> Sorted {
        values.sort_unstable_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        Sorted::Real(values)
    }

    /// `None` when the texts would not fit the compact form (over 4 GiB).
    #[cfg(test)]
    pub(crate) fn from_texts(values: Vec<String>) -> Option<Sorted> {
        let mut loader = TextLoader::default();
        for v in &values {
            loader.push(v);
        }
        loader.finish()
    }

    /// `None` when the texts would not fit the compact form (over 4 GiB).
    fn from_unshaped(mut values: Vec<String>) -> Option<Sorted> {
        values.sort_unstable();
        let mut buf = String::with_capacity(values.iter().map(String::len).sum());
        let mut ends = Vec::with_capacity(values.len());
        for v in &values {
            buf.push_str(v);
            ends.push(u32::try_from(buf.len()).ok()?);
        }
        Some(Sorted::Text { buf, ends })
    }

    pub(crate) fn bytes(&self) -> usize {
        match self {
            Sorted::Real(v) => v.len() * 8,
            Sorted::Text { buf, ends } => buf.len() + ends.len() * 4,
            Sorted::Shaped { template, packed } => template.len() + packed.len() * 8,
            Sorted::Layered { base, added } => base.bytes() + added.bytes(),
        }
    }

    /// The `i`-th text of the compact form.
    fn nth<'a>(buf: &'a str, ends: &[u32], i: usize) -> &'a str {
        let start = match i {
            0 => 0,
            _ => ends.get(i - 1).map_or(0, |e| *e as usize),
        };
        let end = ends.get(i).map_or(start, |e| *e as usize);
        buf.get(start..end).unwrap_or("")
    }

    /// The number of values within the range; `None` if the range's type does not match.
    pub(crate) fn count(&self, low: &Edge, high: &Edge) -> Option<u64> {
        if let Sorted::Layered { base, added } = self {
            return Some(base.count(low, high)? + added.count(low, high)?);
        }
        let start = self.edge_index(low, true)?;
        let end = self.edge_index(high, false)?;
        Some(end.saturating_sub(start) as u64)
    }

    fn len(&self) -> usize {
        match self {
            Sorted::Real(v) => v.len(),
            Sorted::Text { ends, .. } => ends.len(),
            Sorted::Shaped { packed, .. } => packed.len(),
            Sorted::Layered { base, added } => base.len() + added.len(),
        }
    }

    /// How the `i`-th value compares with `bound`; `None` if their types differ (checked
    /// before, in `edge_index`) or a number is not comparable.
    fn compare(&self, i: usize, bound: &Bind) -> Option<Ordering> {
        match (self, bound) {
            (Sorted::Real(v), Bind::Real(x)) => v.get(i)?.partial_cmp(x),
            (Sorted::Text { buf, ends }, Bind::Text(x)) => {
                Some(Sorted::nth(buf, ends, i).cmp(x.as_str()))
            }
            (Sorted::Shaped { template, packed }, Bind::Text(x)) => {
                let mut buf = [0u8; MAX_SHAPE_LEN];
                unpack(template, *packed.get(i)?, &mut buf);
                Some(buf.get(..template.len())?.cmp(x.as_bytes()))
            }
            _ => None,
        }
    }

    /// The index where the range starts (`is_low`) or ends: the first value not below a
    /// lower edge, or the first value beyond an upper one.
    fn edge_index(&self, edge: &Edge, is_low: bool) -> Option<usize> {
        let (bound, included) = match edge {
            Edge::Open => return Some(if is_low { 0 } else { self.len() }),
            Edge::Included(b) => (b, true),
            Edge::Excluded(b) => (b, false),
        };
        let same_type = matches!(
            (self, bound),
            (Sorted::Real(_), Bind::Real(_))
                | (Sorted::Text { .. } | Sorted::Shaped { .. }, Bind::Text(_))
        );
        if !same_type {
            return None;
        }
        // Values before the edge: below an included lower bound, up to an excluded lower
        // bound, up to an included upper bound, below an excluded upper bound.
        let before_or_at = is_low != included;
        Some(partition(self.len(), |i| {
            matches!(
                (self.compare(i, bound), before_or_at),
                (Some(Ordering::Less), _) | (Some(Ordering::Equal), true)
            )
        }))
    }
}

/// The tighter of two lower (or upper) edges.
fn tighter(a: Edge, b: Edge, is_low: bool) -> Option<Edge> {
    use std::cmp::Ordering::*;
    let value = |e: &Edge| match e {
        Edge::Included(v) | Edge::Excluded(v) => Some(v.clone()),
        Edge::Open => None,
    };
    let (Some(va), Some(vb)) = (value(&a), value(&b)) else {
        return Some(if a == Edge::Open { b } else { a });
    };
    let order = match (&va, &vb) {
        (Bind::Real(x), Bind::Real(y)) => x.partial_cmp(y)?,
        (Bind::Text(x), Bind::Text(y)) => x.cmp(y),
        _ => return None,
    };
    Some(match (order, is_low) {
        (Greater, true) | (Less, false) => a,
        (Less, true) | (Greater, false) => b,
        // Equal values: excluded is the tighter.
        (Equal, _) => {
            if matches!(a, Edge::Excluded(_)) {
                a
            } else {
                b
            }
        }
    })
}

/// A plan when every condition on one `REAL` or text column (or, on SQLite, one number
/// document field) is a comparison; the first such field among the conditions is taken.
pub(crate) fn plan(
    dialect: Dialect,
    module: Module,
    tenant: i64,
    q: &RecordQuery,
) -> Option<RangePlan> {
    let (field, expr, kind) = q
        .conditions
        .iter()
        .find_map(|c| target(dialect, module, c))?;
    let mut low = Edge::Open;
    let mut high = Edge::Open;
    let mut rest = Vec::new();
    for c in &q.conditions {
        if c.field != field {
            rest.push(c.clone());
            continue;
        }
        let v = |s| value_bind(c.kind, s);
        let (l, h) = match (&c.op, &c.operand) {
            (FilterOp::Lt, Operand::One(s)) => (Edge::Open, Edge::Excluded(v(s))),
            (FilterOp::Le, Operand::One(s)) => (Edge::Open, Edge::Included(v(s))),
            (FilterOp::Gt, Operand::One(s)) => (Edge::Excluded(v(s)), Edge::Open),
            (FilterOp::Ge, Operand::One(s)) => (Edge::Included(v(s)), Edge::Open),
            (FilterOp::Eq, Operand::One(s)) => (Edge::Included(v(s)), Edge::Included(v(s))),
            (FilterOp::Between, Operand::Range(a, b)) => {
                (Edge::Included(v(a)), Edge::Included(v(b)))
            }
            // `like`, `in`, `!=` on the column: counted by SQL.
            _ => return None,
        };
        low = tighter(low, l, true)?;
        high = tighter(high, h, false)?;
    }
    let rest_query = RecordQuery {
        conditions: rest,
        ids: q.ids.clone(),
        geo: q.geo,
        language: q.language.clone(),
        ..RecordQuery::default()
    };
    let filter = where_clause(dialect, module, tenant, &rest_query);
    let key = format!("{expr}|{}|{:?}", filter.text, filter.binds);
    let mut values = Sql::default();
    values
        .push("SELECT ")
        .push(&expr)
        .push(" FROM ")
        .push(module.table())
        .push(" WHERE ");
    values.text.push_str(&filter.text);
    values.binds = filter.binds;
    // Only typed columns: their stored value is what `column_value` gives, where a document
    // field's is whatever SQLite's CAST makes of it.
    let carry = module.hot_column(&field).and_then(|column| {
        let rest = super::carry::spec(module, &rest_query)?;
        Some(Arc::new(RangeCarry { rest, column }))
    });
    Some(RangePlan {
        key,
        values,
        kind,
        low,
        high,
        carry,
    })
}

/// The field a condition ranges over, the expression it reads as, and how its values
/// compare: a `REAL` or text column, or a number document field (its expression is what an
/// auto index covers, SQLite's `CAST` or PostgreSQL's `kontor_number`, and the loaded values
/// are what that expression gives; text document fields can hold JSON numbers, which do not
/// compare as their text).
fn target(
    dialect: Dialect,
    module: Module,
    c: &super::FieldCondition,
) -> Option<(String, String, ColumnKind)> {
    if let Some(col) = module.hot_column(&c.field) {
        let typed = matches!(
            (col.kind, c.kind),
            (ColumnKind::Real, ValueKind::Number) | (ColumnKind::Text, ValueKind::Text)
        );
        return typed.then(|| (c.field.clone(), col.column.to_string(), col.kind));
    }
    if c.field == module.id_field || c.kind != ValueKind::Number {
        return None;
    }
    let expr = super::auto_index::expr(dialect, &c.field, ValueKind::Number)?;
    Some((c.field.clone(), expr, ColumnKind::Real))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{FieldCondition, RecordStore};
    use crate::test_support::open_test_store;
    use crate::{StoreError, TenantName, TenantStore};
    use kontor_proto::calls::read::Scalar;
    use serde_json::{json, Map, Value};

    fn cond(field: &str, kind: ValueKind, op: FilterOp, operand: Operand) -> FieldCondition {
        FieldCondition {
            field: field.into(),
            kind,
            op,
            operand,
        }
    }

    async fn total(
        store: &crate::Store,
        tenant: crate::TenantId,
        conditions: Vec<FieldCondition>,
    ) -> Result<u64, StoreError> {
        let q = RecordQuery {
            conditions,
            ..RecordQuery::default()
        };
        Ok(store.query_records(tenant, Module::ESTATE, &q).await?.total)
    }

    /// Many ranges over the same rest: after the second, each is counted by binary search,
    /// and every count equals the plain evaluation, also after a write.
    #[tokio::test]
    async fn binary_search_counts_equal_plain_counts() -> Result<(), Box<dyn std::error::Error>> {
        let test = open_test_store().await?;
        let store = &test.store;
        let tenant = store.create_tenant(&TenantName::parse("demo")?).await?.id;
        const ORTE: [&str; 5] = ["Aachen", "Bonn", "aachen", "Zeitz", ""];
        let doc = |i: i64| -> Map<String, Value> {
            let mut d = Map::new();
            d.insert("status".into(), json!(i % 3));
            d.insert("kaufpreis".into(), json!((i * 7919) % 500 * 1000));
            d.insert("ort".into(), json!(ORTE[(i % 5) as usize]));
            if i % 4 != 0 {
                d.insert("baujahr".into(), json!(1900 + (i * 31) % 120));
            }
            d
        };
        let mut docs: Vec<Map<String, Value>> = (0..300).map(doc).collect();
        store
            .insert_records(tenant, Module::ESTATE, docs.clone())
            .await?;
        let num = |v: &Value| v.as_f64().unwrap_or(0.0);
        let text = |v: &Value| v.as_str().unwrap_or("").to_string();
        for round in 0..2 {
            for (lo, hi) in [
                (0, 100_000),
                (100_000, 100_000),
                (250_000, 499_000),
                (300_000, 200_000),
                (-5, 0),
                (1000, 1000),
            ] {
                let got = total(
                    store,
                    tenant,
                    vec![
                        cond(
                            "status",
                            ValueKind::Number,
                            FilterOp::Eq,
                            Operand::One(Scalar::Int(1)),
                        ),
                        cond(
                            "kaufpreis",
                            ValueKind::Number,
                            FilterOp::Between,
                            Operand::Range(Scalar::Int(lo), Scalar::Int(hi)),
                        ),
                    ],
                )
                .await?;
                let want = docs
                    .iter()
                    .filter(|d| num(&d["status"]) == 1.0)
                    .filter(|d| (lo as f64..=hi as f64).contains(&num(&d["kaufpreis"])))
                    .count() as u64;
                assert_eq!(got, want, "round {round}, between {lo} and {hi}");
                for (op, bound) in [
                    (FilterOp::Gt, 200_000),
                    (FilterOp::Le, 200_000),
                    (FilterOp::Lt, 7000),
                    (FilterOp::Ge, 0),
                ] {
                    let got = total(
                        store,
                        tenant,
                        vec![cond(
                            "kaufpreis",
                            ValueKind::Number,
                            op,
                            Operand::One(Scalar::Int(bound + lo)),
                        )],
                    )
                    .await?;
                    let b = (bound + lo) as f64;
                    let want = docs
                        .iter()
                        .filter(|d| {
                            let v = num(&d["kaufpreis"]);
                            match op {
                                FilterOp::Gt => v > b,
                                FilterOp::Le => v <= b,
                                FilterOp::Lt => v < b,
                                _ => v >= b,
                            }
                        })
                        .count() as u64;
                    assert_eq!(got, want, "round {round}, {op:?} {b}");
                }
            }
            for (op, value) in [
                (FilterOp::Ge, "B"),
                (FilterOp::Lt, "a"),
                (FilterOp::Eq, "Aachen"),
                (FilterOp::Gt, ""),
                (FilterOp::Le, "Bonn"),
            ] {
                let got = total(
                    store,
                    tenant,
                    vec![
                        cond(
                            "ort",
                            ValueKind::Text,
                            op,
                            Operand::One(Scalar::Text(value.into())),
                        ),
                        cond(
                            "kaufpreis",
                            ValueKind::Number,
                            FilterOp::Ge,
                            Operand::One(Scalar::Int(1000)),
                        ),
                    ],
                )
                .await?;
                let want = docs
                    .iter()
                    .filter(|d| num(&d["kaufpreis"]) >= 1000.0)
                    .filter(|d| {
                        let v = text(&d["ort"]);
                        match op {
                            FilterOp::Ge => v.as_str() >= value,
                            FilterOp::Lt => v.as_str() < value,
                            FilterOp::Eq => v == value,
                            FilterOp::Gt => v.as_str() > value,
                            _ => v.as_str() <= value,
                        }
                    })
                    .count() as u64;
                assert_eq!(got, want, "round {round}, ort {op:?} {value:?}");
            }
            // A document field, unset (reads as 0) in a quarter of the estates.
            for (lo, hi) in [(1950, 1990), (0, 1920), (1990, 1950), (2000, 2100)] {
                let got = total(
                    store,
                    tenant,
                    vec![
                        cond(
                            "status",
                            ValueKind::Number,
                            FilterOp::Ne,
                            Operand::One(Scalar::Int(2)),
                        ),
                        cond(
                            "baujahr",
                            ValueKind::Number,
                            FilterOp::Between,
                            Operand::Range(Scalar::Int(lo), Scalar::Int(hi)),
                        ),
                    ],
                )
                .await?;
                let want = docs
                    .iter()
                    .filter(|d| num(&d["status"]) != 2.0)
                    .filter(|d| {
                        let v = d.get("baujahr").map(num).unwrap_or(0.0);
                        (lo as f64..=hi as f64).contains(&v)
                    })
                    .count() as u64;
                assert_eq!(got, want, "round {round}, baujahr {lo}..{hi}");
            }
            // A write between the rounds: the sorted values must not outlive it.
            let more: Vec<Map<String, Value>> = (300..340).map(doc).collect();
            store
                .insert_records(tenant, Module::ESTATE, more.clone())
                .await?;
            docs.extend(more);
        }
        // Sets were loaded for a column and for the document field, on either backend.
        let loaded = |name: &str| store.ranges.holds_values_for(name);
        assert!(
            loaded("kaufpreis"),
            "the binary search never ran on a column"
        );
        assert!(
            loaded("baujahr"),
            "the binary search never ran on a document field"
        );
        Ok(())
    }

    #[test]
    fn counts_honour_inclusive_and_exclusive_edges() {
        let s = Sorted::from_reals(vec![5.0, 1.0, 3.0, 3.0, 7.0]);
        let inc = |x: f64| Edge::Included(Bind::Real(x));
        let exc = |x: f64| Edge::Excluded(Bind::Real(x));
        assert_eq!(s.count(&Edge::Open, &Edge::Open), Some(5));
        assert_eq!(s.count(&inc(3.0), &inc(5.0)), Some(3));
        assert_eq!(s.count(&exc(3.0), &inc(5.0)), Some(1));
        assert_eq!(s.count(&inc(3.0), &exc(3.0)), Some(0));
        assert_eq!(s.count(&inc(6.0), &inc(2.0)), Some(0), "an empty between");
        assert_eq!(s.count(&Edge::Open, &exc(3.0)), Some(1));
        assert_eq!(s.count(&inc(0.0), &Edge::Open), Some(5));
        assert_eq!(
            s.count(&Edge::Included(Bind::Text("a".into())), &Edge::Open),
            None
        );
        let t = Sorted::from_texts(vec![
            "Bonn".into(),
            "Aachen".into(),
            "aachen".into(),
            "".into(),
        ])
        .unwrap_or_else(|| panic!("fits"));
        let inc = |x: &str| Edge::Included(Bind::Text(x.into()));
        assert_eq!(
            t.count(&inc("B"), &Edge::Open),
            Some(2),
            "byte order: a > B"
        );
        assert_eq!(t.count(&inc("Aachen"), &inc("Aachen")), Some(1));
        assert_eq!(t.count(&inc(""), &inc("")), Some(1), "the empty text");
        let exc = |x: &str| Edge::Excluded(Bind::Text(x.into()));
        assert_eq!(t.count(&exc(""), &Edge::Open), Some(3));
        assert_eq!(t.count(&Edge::Open, &exc("b")), Some(4));
    }

    /// Counts by brute force over the texts, as SQLite compares them (bytewise).
    fn brute(values: &[String], low: &Edge, high: &Edge) -> u64 {
        let fits = |v: &str, e: &Edge, is_low: bool| match e {
            Edge::Open => true,
            Edge::Included(Bind::Text(b)) if is_low => v >= b.as_str(),
            Edge::Excluded(Bind::Text(b)) if is_low => v > b.as_str(),
            Edge::Included(Bind::Text(b)) => v <= b.as_str(),
            Edge::Excluded(Bind::Text(b)) => v < b.as_str(),
            _ => false,
        };
        values
            .iter()
            .filter(|v| fits(v, low, true) && fits(v, high, false))
            .count() as u64
    }

    #[test]
    fn texts_of_one_shape_are_kept_as_numbers_and_count_as_texts() {
        // A small deterministic generator: change dates over a few years.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        let stamps: Vec<String> = (0..2_000)
            .map(|_| {
                format!(
                    "20{:02}-{:02}-{:02} {:02}:{:02}:{:02}",
                    20 + next(7),
                    1 + next(12),
                    1 + next(28),
                    next(24),
                    next(60),
                    next(60)
                )
            })
            .collect();
        let sorted = Sorted::from_texts(stamps.clone()).unwrap_or_else(|| panic!("fits"));
        assert!(matches!(sorted, Sorted::Shaped { .. }), "one shape: packed");
        assert_eq!(sorted.bytes(), 19 + 2_000 * 8);
        // Bounds of every kind: full stamps (present or not), dates, prefixes, texts that
        // sort before or after every digit, the empty text.
        let mut bounds: Vec<String> = stamps.iter().take(40).cloned().collect();
        bounds.extend(
            [
                "2023-06-15",
                "2023-06-15 ",
                "2024",
                "2022-13",
                "",
                "1999-01-01 00:00:00",
                "2027",
                "2023-06-15 12:00:00.5",
                "a",
                "2023-06-15T00:00:00",
                "~",
            ]
            .map(String::from),
        );
        for a in &bounds {
            for b in bounds.iter().step_by(3) {
                let inc = |s: &String| Edge::Included(Bind::Text(s.clone()));
                let exc = |s: &String| Edge::Excluded(Bind::Text(s.clone()));
                for (low, high) in [
                    (inc(a), inc(b)),
                    (exc(a), exc(b)),
                    (inc(a), Edge::Open),
                    (Edge::Open, exc(b)),
                ] {
                    assert_eq!(
                        sorted.count(&low, &high),
                        Some(brute(&stamps, &low, &high)),
                        "{low:?} .. {high:?}"
                    );
                }
            }
        }
        let codes = Sorted::from_texts(vec!["53111".into(), "01067".into(), "80331".into()])
            .unwrap_or_else(|| panic!("fits"));
        assert!(matches!(codes, Sorted::Shaped { .. }), "postcodes: packed");
        let inc = |x: &str| Edge::Included(Bind::Text(x.into()));
        assert_eq!(codes.count(&inc("01067"), &inc("53111")), Some(2));
        assert_eq!(
            codes.count(&inc("1"), &Edge::Open),
            Some(2),
            "bytewise, not numeric"
        );
        let mixed = Sorted::from_texts(vec!["2024-01-01".into(), "2024-01-01 10:00:00".into()])
            .unwrap_or_else(|| panic!("fits"));
        assert!(matches!(mixed, Sorted::Text { .. }), "two shapes: texts");
        // A text of another shape after many packed ones: those are turned back into texts.
        let mut late: Vec<String> = stamps.iter().take(500).cloned().collect();
        late.push("unbekannt".into());
        let sorted_late = Sorted::from_texts(late.clone()).unwrap_or_else(|| panic!("fits"));
        assert!(matches!(sorted_late, Sorted::Text { .. }));
        for b in bounds.iter().take(20) {
            let low = Edge::Included(Bind::Text(b.clone()));
            assert_eq!(
                sorted_late.count(&low, &Edge::Open),
                Some(brute(&late, &low, &Edge::Open)),
                "{b}"
            );
        }
        let long = Sorted::from_texts(vec!["12345678901234567890".into()])
            .unwrap_or_else(|| panic!("fits"));
        assert!(
            matches!(long, Sorted::Text { .. }),
            "20 digits overflow a u64"
        );
    }

    #[test]
    fn the_tighter_edge_wins() {
        let inc = |x: f64| Edge::Included(Bind::Real(x));
        let exc = |x: f64| Edge::Excluded(Bind::Real(x));
        assert_eq!(tighter(inc(1.0), inc(2.0), true), Some(inc(2.0)));
        assert_eq!(tighter(inc(1.0), inc(2.0), false), Some(inc(1.0)));
        assert_eq!(tighter(inc(2.0), exc(2.0), true), Some(exc(2.0)));
        assert_eq!(tighter(Edge::Open, exc(2.0), false), Some(exc(2.0)));
    }
}
