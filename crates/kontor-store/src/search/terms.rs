//! A search string read into terms, with the limits that keep a search cheap.
//!
//! Terms are the input's whitespace-separated words, folded as the index folds values
//! (`text::fold`). Nothing in a term is syntax: quotes, `*`, `-`, parentheses, `NEAR`, `OR`
//! are searched as the characters they are, because every term reaches the engines only
//! as a quoted phrase (SQLite FTS5) or an escaped `LIKE` pattern (PostgreSQL). Only `*` and
//! `%` are read as what clients mean by them, "anything here", and dropped: every term is
//! matched as a prefix and a fragment anyway.

use super::text::{digits, fold, is_phone_like, MIN_INDEXED_TERM};

/// The longest search string, in characters. Names, numbers and addresses fit many times
/// over; a longer input is no quick search but a paste, and costs a scan per term.
pub const MAX_INPUT_CHARS: usize = 200;

/// The most terms one search combines (each is one more condition on every match).
pub const MAX_TERMS: usize = 8;

/// Why an input cannot be searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermsError {
    /// Nothing to search: empty, only whitespace, or only wildcards.
    Empty,
    /// Longer than [`MAX_INPUT_CHARS`].
    TooLong { chars: usize },
    /// More than [`MAX_TERMS`] terms.
    TooManyTerms { terms: usize },
    /// Every term is shorter than [`MIN_INDEXED_TERM`] characters and not a number.
    TooShort,
}

/// One term as searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The folded text (for a phone number with separators: its digits).
    pub text: String,
}

impl Term {
    /// Long enough for the trigram index.
    pub fn indexed(&self) -> bool {
        self.text.chars().count() >= MIN_INDEXED_TERM
    }

    pub fn numeric(&self) -> bool {
        !self.text.is_empty() && self.text.bytes().all(|b| b.is_ascii_digit())
    }
}

/// The terms of a search string, or why there are none.
pub fn parse_terms(input: &str) -> Result<Vec<Term>, TermsError> {
    let chars = input.chars().count();
    if chars > MAX_INPUT_CHARS {
        return Err(TermsError::TooLong { chars });
    }
    let mut terms: Vec<Term> = Vec::new();
    for word in input.split_whitespace() {
        let stripped: String = word.chars().filter(|c| !matches!(c, '*' | '%')).collect();
        let text = match is_phone_like(&stripped) {
            true => digits(&stripped),
            false => fold(&stripped),
        };
        if text.is_empty() || terms.iter().any(|t| t.text == text) {
            continue;
        }
        terms.push(Term { text });
    }
    if terms.is_empty() {
        return Err(TermsError::Empty);
    }
    if terms.len() > MAX_TERMS {
        return Err(TermsError::TooManyTerms { terms: terms.len() });
    }
    if !terms.iter().any(|t| t.indexed() || t.numeric()) {
        return Err(TermsError::TooShort);
    }
    Ok(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        parse_terms(input)
            .map(|t| t.into_iter().map(|t| t.text).collect())
            .unwrap_or_default()
    }

    #[test]
    fn terms_are_folded_words() {
        assert_eq!(texts("  Max  MUSTER*  max "), ["max", "muster"]);
        assert_eq!(texts("0241/4711-0"), ["024147110"]);
        assert_eq!(
            texts("\"NEAR\" (a OR b) -x"),
            ["\"near\"", "(a", "or", "b)", "-x"]
        );
    }

    #[test]
    fn unsearchable_inputs_say_why() {
        assert_eq!(parse_terms(""), Err(TermsError::Empty));
        assert_eq!(parse_terms(" * %% ** "), Err(TermsError::Empty));
        assert_eq!(
            parse_terms(&"a".repeat(10_000)),
            Err(TermsError::TooLong { chars: 10_000 })
        );
        assert_eq!(
            parse_terms("a1 b2 c3 d4 e5 f6 g7 h8 i9"),
            Err(TermsError::TooManyTerms { terms: 9 })
        );
        assert_eq!(parse_terms("ab c"), Err(TermsError::TooShort));
        assert!(parse_terms("12").is_ok());
    }
}
