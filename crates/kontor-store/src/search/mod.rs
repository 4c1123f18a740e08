//! The quick search (`get search`): an index of every searched module's records, kept
//! current by the record writes, and the ranked search over it.
//!
//! Which modules are searched, and which of their fields, is their registry entry's
//! [`SearchDef`] (`modules.rs`); a module joins by having one. The layout and the ranking
//! are described in docs/storage.md ("The search index").

mod backfill;
mod index;
mod query;
mod terms;
mod text;

pub use index::SearchDef;
pub(crate) use index::{delete_entry, entry, write_entries, Entry};
pub use terms::{parse_terms, Term, TermsError, MAX_INPUT_CHARS, MAX_TERMS};
pub use text::{MIN_INDEXED_TERM, MIN_TYPO_WORD};

use crate::records::{FieldSort, RecordQuery, StoredRecord};

/// How a term occurs in a record, best first. A record ranks by its weakest term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Tier {
    /// The term is one of the record's numbers (customer number, external estate number).
    Number = 0,
    /// The term is a whole value (a surname, a city).
    Value = 1,
    /// A value starts with the term.
    Prefix = 2,
    /// A word inside a value starts with the term (after a space, `.`, `-`, `@` or `/`).
    Word = 3,
    /// The term occurs inside a word (a phone number's middle digits).
    Fragment = 4,
    /// Only a word within the allowed edits of the term occurs.
    Typo = 5,
}

impl Tier {
    pub(crate) fn from_number(n: i64) -> Tier {
        match n {
            0 => Tier::Number,
            1 => Tier::Value,
            2 => Tier::Prefix,
            3 => Tier::Word,
            4 => Tier::Fragment,
            _ => Tier::Typo,
        }
    }
}

/// A search of one module.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchQuery {
    /// Every term must match ([`parse_terms`]).
    pub terms: Vec<Term>,
    /// Contact entries are searched too (all e-mail addresses and phone numbers).
    pub contacts: bool,
    /// Ordered by this field first, by rank after it; by rank alone without.
    pub sort: Option<FieldSort>,
    pub limit: u32,
    pub offset: u64,
    /// Only records that also match these conditions (estates' `filter`); its page, sort
    /// and ids are not read.
    pub within: Option<RecordQuery>,
}

/// One record found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub record: StoredRecord,
    pub tier: Tier,
}

/// A page of hits, and the number of all of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchPage {
    pub total: u64,
    pub hits: Vec<SearchHit>,
}
