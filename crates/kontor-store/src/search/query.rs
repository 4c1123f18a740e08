//! Running a quick search: the typo vocabulary first, then one statement that finds,
//! ranks, counts and pages the matches, then the documents of the page; one read job.
//!
//! A record matches when every term occurs in its index text (or, for a term of
//! [`MIN_TYPO_WORD`] letters or more, a vocabulary word within its allowed edits does).
//! Each term is ranked by how it occurs, and a record by its weakest term ([`Tier`]); ties
//! go by id. The tiers are substring tests on the index text (`text.rs`), written with
//! `instr` (SQLite) or `strpos` (PostgreSQL), so both backends rank alike. Which index finds
//! the candidates is the one dialect fork: FTS5 `MATCH` of quoted phrases on SQLite, `LIKE`
//! patterns (escaped) served by pg_trgm on PostgreSQL.

use super::terms::Term;
use super::text::{allowed_edits, deletion_keys, edit_distance, MIN_TYPO_WORD};
use super::{SearchHit, SearchPage, SearchQuery, Tier};
use crate::exec::Conn;
use crate::records::sql::{field_expr, where_clause, Bind, Dialect, Sql};
use crate::records::{Module, RecordQuery, StoredRecord};
use crate::{Store, StoreError, TenantId};

/// The most vocabulary words one term's typos are expanded to (the closest first).
const MAX_TYPO_WORDS: usize = 8;

/// A term with the vocabulary words that are typos of it.
struct Expanded {
    term: Term,
    typos: Vec<String>,
}

fn typo_eligible(term: &Term) -> bool {
    term.text.chars().count() >= MIN_TYPO_WORD && term.text.chars().all(char::is_alphabetic)
}

/// The vocabulary words within the allowed edits of `term`.
async fn typos_of(
    c: &mut Conn<'_>,
    tenant: TenantId,
    module: Module,
    term: &Term,
) -> Result<Vec<String>, StoreError> {
    if !typo_eligible(term) {
        return Ok(Vec::new());
    }
    let mut sql = Sql::default();
    sql.push("SELECT DISTINCT word FROM search_typo_keys WHERE tenant_id = ")
        .bind(Bind::Int(tenant.0))
        .push(" AND module = ")
        .bind(Bind::Text(module.name().to_string()))
        .push(" AND key IN (");
    for (i, key) in deletion_keys(&term.text).into_iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.bind(Bind::Text(key));
    }
    sql.push(")");
    let allowed = allowed_edits(&term.text);
    let mut words: Vec<(usize, String)> = Vec::new();
    for row in c.rows(&sql).await? {
        let word = row.text(0)?;
        // A word holding the term is found by the term itself.
        if word.contains(&term.text) {
            continue;
        }
        let distance = edit_distance(&term.text, &word);
        if distance <= allowed {
            words.push((distance, word));
        }
    }
    words.sort();
    words.truncate(MAX_TYPO_WORDS);
    Ok(words.into_iter().map(|(_, w)| w).collect())
}

/// `instr(hay, needle)` (SQLite) or `strpos(hay, needle)` (PostgreSQL): the same argument
/// order, the same answer.
fn position(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "instr(",
        Dialect::Postgres => "strpos(",
    }
}

/// `position(hay, needle) > 0` for each needle, joined by OR.
fn contains_any(sql: &mut Sql, dialect: Dialect, hay: &str, needles: &[String]) {
    for (i, needle) in needles.iter().enumerate() {
        if i > 0 {
            sql.push(" OR ");
        }
        sql.push(position(dialect))
            .push(hay)
            .push(", ")
            .bind(Bind::Text(needle.clone()))
            .push(") > 0");
    }
}

/// The tier of one term: `CASE WHEN <exact number> THEN 0 … ELSE 5 END`.
fn tier_expr(sql: &mut Sql, dialect: Dialect, hay: &str, term: &str) {
    let tiers: [(Tier, &str, Vec<String>); 5] = [
        (Tier::Number, "e.ids", vec![format!(" {term} ")]),
        (Tier::Value, hay, vec![format!("|{term}|")]),
        (Tier::Prefix, hay, vec![format!("|{term}")]),
        (
            Tier::Word,
            hay,
            [' ', '.', '-', '@', '/']
                .iter()
                .map(|c| format!("{c}{term}"))
                .collect(),
        ),
        (Tier::Fragment, hay, vec![term.to_string()]),
    ];
    sql.push("CASE");
    for (tier, column, needles) in &tiers {
        sql.push(" WHEN ");
        contains_any(sql, dialect, column, needles);
        sql.push(" THEN ").push(&(*tier as u8).to_string());
    }
    sql.push(" ELSE ")
        .push(&(Tier::Typo as u8).to_string())
        .push(" END");
}

/// A record's tier: that of its weakest term.
fn record_tier(sql: &mut Sql, dialect: Dialect, hay: &str, terms: &[Expanded]) {
    if let [only] = terms {
        return tier_expr(sql, dialect, hay, &only.term.text);
    }
    // SQLite's max() of one argument would be the aggregate; of several it is the scalar.
    sql.push(match dialect {
        Dialect::Sqlite => "max(",
        Dialect::Postgres => "GREATEST(",
    });
    for (i, t) in terms.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        tier_expr(sql, dialect, hay, &t.term.text);
    }
    sql.push(")");
}

/// An FTS5 query of quoted phrases: `"` doubled inside, so that no character of a term is
/// syntax (`*`, `-`, `NEAR`, `(`, `:` are searched as written).
fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The `MATCH` text: every indexed term (or one of its typos) in `body`, or in `body` or
/// `extra` with contact data.
fn fts_query(terms: &[&Expanded], contacts: bool) -> String {
    let groups: Vec<String> = terms
        .iter()
        .map(|t| {
            let alternatives: Vec<String> = std::iter::once(&t.term.text)
                .chain(t.typos.iter())
                .map(|a| fts_phrase(a))
                .collect();
            format!("({})", alternatives.join(" OR "))
        })
        .collect();
    let all = groups.join(" AND ");
    match contacts {
        true => all,
        false => format!("body : ({all})"),
    }
}

/// `%text%` with `LIKE`'s own characters escaped (by `\`, PostgreSQL's default escape).
fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// PostgreSQL's condition of one indexed term: the term or a typo of it in the searched
/// columns, as patterns pg_trgm's indexes serve.
fn like_group(sql: &mut Sql, term: &Expanded, contacts: bool) {
    sql.push(" AND (");
    let columns: &[&str] = if contacts {
        &["e.body", "e.extra"]
    } else {
        &["e.body"]
    };
    let mut first = true;
    for text in std::iter::once(&term.term.text).chain(term.typos.iter()) {
        for column in columns {
            if !first {
                sql.push(" OR ");
            }
            first = false;
            sql.push(column)
                .push(" LIKE ")
                .bind(Bind::Text(like_pattern(text)));
        }
    }
    sql.push(")");
}

/// The statement: ids with their tier and the total (`COUNT(*) OVER ()`), ordered and paged;
/// with `count_only`, the number of matches.
fn statement(
    dialect: Dialect,
    tenant: TenantId,
    module: Module,
    q: &SearchQuery,
    terms: &[Expanded],
    count_only: bool,
) -> Sql {
    let hay = match q.contacts {
        true => "(e.body || e.extra)",
        false => "e.body",
    };
    let indexed: Vec<&Expanded> = terms.iter().filter(|t| t.term.indexed()).collect();
    let mut sql = Sql::default();
    if count_only {
        sql.push("SELECT COUNT(*)");
    } else {
        sql.push("SELECT e.record_id, ");
        record_tier(&mut sql, dialect, hay, terms);
        sql.push(" AS tier, COUNT(*) OVER () AS total");
    }
    let fts = dialect == Dialect::Sqlite && !indexed.is_empty();
    match fts {
        true => sql.push(" FROM search_fts JOIN search_entries e ON e.entry_id = search_fts.rowid"),
        false => sql.push(" FROM search_entries e"),
    };
    let sorted = q.sort.as_ref().filter(|_| !count_only);
    if sorted.is_some() {
        sql.push(" JOIN ")
            .push(module.table())
            .push(" r ON r.tenant_id = e.tenant_id AND r.id = e.record_id");
        if module.in_documents() {
            sql.push(" AND r.module = e.module");
        }
    }
    sql.push(" WHERE ");
    if fts {
        sql.push("search_fts MATCH ")
            .bind(Bind::Text(fts_query(&indexed, q.contacts)))
            .push(" AND ");
    }
    sql.push("e.tenant_id = ")
        .bind(Bind::Int(tenant.0))
        .push(" AND e.module = ")
        .bind(Bind::Text(module.name().to_string()));
    if dialect == Dialect::Postgres {
        for term in &indexed {
            like_group(&mut sql, term, q.contacts);
        }
    }
    if let Some(within) = &q.within {
        // A subquery of its own, so that the module table's columns in the conditions
        // need no qualifying.
        let narrow = RecordQuery {
            conditions: within.conditions.clone(),
            geo: within.geo,
            ..RecordQuery::default()
        };
        sql.push(" AND e.record_id IN (SELECT ")
            .push(module.id_column())
            .push(" FROM ")
            .push(module.table())
            .push(" WHERE ");
        sql.append(&where_clause(dialect, module, tenant.0, &narrow));
        sql.push(")");
    }
    for term in terms.iter().filter(|t| !t.term.indexed()) {
        sql.push(" AND (");
        match indexed.is_empty() {
            // Only short numbers: exact hits on a record's numbers.
            true => contains_any(
                &mut sql,
                dialect,
                "e.ids",
                &[format!(" {} ", term.term.text)],
            ),
            false => contains_any(
                &mut sql,
                dialect,
                hay,
                std::slice::from_ref(&term.term.text),
            ),
        }
        sql.push(")");
    }
    if count_only {
        return sql;
    }
    sql.push(" ORDER BY ");
    if let Some(sort) = sorted {
        field_expr(&mut sql, dialect, module, &sort.field, sort.kind);
        sql.push(if sort.descending { " DESC, " } else { " ASC, " });
    }
    sql.push("tier, e.record_id LIMIT ")
        .bind(Bind::Int(i64::from(q.limit)))
        .push(" OFFSET ")
        .bind(Bind::Int(q.offset.min(i64::MAX as u64) as i64));
    sql
}

/// `SELECT <record columns> FROM <table> WHERE tenant_id = … AND id IN (…)`.
fn documents(dialect: Dialect, tenant: TenantId, module: Module, ids: &[i64]) -> Sql {
    let mut sql = Sql::default();
    sql.push("SELECT ")
        .push(crate::records::read::record_columns(dialect, module))
        .push(" FROM ")
        .push(module.table())
        .push(" WHERE tenant_id = ")
        .bind(Bind::Int(tenant.0));
    if module.in_documents() {
        sql.push(" AND module = ")
            .bind(Bind::Text(module.name().to_string()));
    }
    sql.ids_in("id", ids);
    sql
}

impl Store {
    /// Runs a quick search over the records of `module` (which must have a search entry in
    /// its registry definition; others find nothing).
    pub async fn search(
        &self,
        tenant: TenantId,
        module: Module,
        q: SearchQuery,
    ) -> Result<SearchPage, StoreError> {
        if module.search.is_none() || q.terms.is_empty() {
            return Ok(SearchPage::default());
        }
        let dialect = self.dialect();
        self.read(move |mut c| {
            Box::pin(async move {
                let mut terms = Vec::with_capacity(q.terms.len());
                for term in &q.terms {
                    let typos = typos_of(&mut c, tenant, module, term).await?;
                    terms.push(Expanded {
                        term: term.clone(),
                        typos,
                    });
                }
                let page = statement(dialect, tenant, module, &q, &terms, false);
                let rows = c.rows(&page).await?;
                let mut total = match rows.first() {
                    Some(row) => row.int(2)?.max(0) as u64,
                    None => 0,
                };
                if rows.is_empty() && q.offset > 0 {
                    let count = statement(dialect, tenant, module, &q, &terms, true);
                    total = c.int(&count).await?.unwrap_or(0).max(0) as u64;
                }
                let mut ranked = Vec::with_capacity(rows.len());
                for row in &rows {
                    ranked.push((row.int(0)?, Tier::from_number(row.int(1)?)));
                }
                let ids: Vec<i64> = ranked.iter().map(|(id, _)| *id).collect();
                let mut found: Vec<StoredRecord> = match ids.is_empty() {
                    true => Vec::new(),
                    false => {
                        let sql = documents(dialect, tenant, module, &ids);
                        crate::records::read::fetch_records(&mut c, &sql, None).await?
                    }
                };
                let mut hits = Vec::with_capacity(ranked.len());
                for (id, tier) in ranked {
                    if let Some(at) = found.iter().position(|r| r.id == id) {
                        hits.push(SearchHit {
                            record: found.swap_remove(at),
                            tier,
                        });
                    }
                }
                Ok(SearchPage { total, hits })
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_queries_quote_every_term() {
        let t = |text: &str, typos: &[&str]| Expanded {
            term: Term { text: text.into() },
            typos: typos.iter().map(|s| s.to_string()).collect(),
        };
        let a = t("\"near\"", &[]);
        let b = t("mustermnn", &["mustermann"]);
        assert_eq!(
            fts_query(&[&a, &b], false),
            "body : ((\"\"\"near\"\"\") AND (\"mustermnn\" OR \"mustermann\"))"
        );
        assert_eq!(fts_query(&[&a], true), "(\"\"\"near\"\"\")");
    }

    #[test]
    fn like_patterns_escape_their_wildcards() {
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
