//! How texts are written into the search index and how search terms are read, in one place,
//! so that the two agree: the index and the queries compare the same normalized forms.
//!
//! A record's searched values are folded ([`fold`]: lower case, one space between words, no
//! `|`) and joined as segments `|value|value|`, so that the SQL can tell a whole value
//! (`|t|`), the start of a value (`|t`), the start of a word (` t`) and a fragment (`t`)
//! apart with plain substring tests, the same on both backends.

/// Separates the values of a record in the index text.
pub(crate) const SEGMENT: char = '|';

/// Shortest term looked up by the trigram index; shorter ones only narrow longer ones.
pub const MIN_INDEXED_TERM: usize = 3;

/// Words of this many letters or more are typo-tolerant.
pub const MIN_TYPO_WORD: usize = 4;

/// Longer words are not kept in the typo vocabulary (no name is that long; a value that is
/// one long run of letters would only fill the vocabulary).
pub(crate) const MAX_TYPO_WORD: usize = 40;

/// A value as the index and the queries compare it: lower case, whitespace collapsed to one
/// space, segment separators and control characters turned into spaces.
pub(crate) fn fold(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut space = false;
    for c in value.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() || c.is_control() || c == SEGMENT {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The digits of a phone number, so that `0241 4711-0` is found by `02414711`.
pub(crate) fn digits(value: &str) -> String {
    value.chars().filter(char::is_ascii_digit).collect()
}

/// Whether a term is a phone number written with separators (`0241/4711-0`, `+49 241`):
/// such a term is searched by its digits.
pub(crate) fn is_phone_like(term: &str) -> bool {
    let mut digits = 0;
    for c in term.chars() {
        match c {
            '0'..='9' => digits += 1,
            '+' | '/' | '-' | '(' | ')' | '.' => {}
            _ => return false,
        }
    }
    digits >= MIN_INDEXED_TERM
}

/// The words of a folded value that the typo vocabulary keeps: runs of letters of
/// [`MIN_TYPO_WORD`]..=[`MAX_TYPO_WORD`] characters. Values holding an `@` are e-mail
/// addresses, whose parts are no words a person misspells from memory.
pub(crate) fn typo_words(folded: &str) -> impl Iterator<Item = &str> {
    let skip = folded.contains('@');
    folded
        .split(|c: char| !c.is_alphabetic())
        .filter(move |w| !skip && (MIN_TYPO_WORD..=MAX_TYPO_WORD).contains(&w.chars().count()))
}

/// A word and every form of it with one character left out: two words within one edit
/// (a letter changed, added, dropped, or two swapped) share at least one of these keys
/// (symmetric deletion, as in SymSpell).
pub(crate) fn deletion_keys(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut keys = Vec::with_capacity(chars.len() + 1);
    keys.push(word.to_string());
    for skip in 0..chars.len() {
        let key: String = chars
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, c)| *c)
            .collect();
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// The edits allowed between a term and a vocabulary word: one, or two for terms of eight
/// characters or more (as far as [`deletion_keys`] finds them).
pub(crate) fn allowed_edits(term: &str) -> usize {
    if term.chars().count() >= 8 {
        2
    } else {
        1
    }
}

/// Optimal string alignment distance: edits (insert, delete, substitute, swap of two
/// neighbours) between two words.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_lowers_and_collapses() {
        assert_eq!(fold("  Max\t MÜLLER|GmbH \n"), "max müller gmbh");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn phone_terms_are_read_by_their_digits() {
        assert!(is_phone_like("0241/4711-0"));
        assert!(is_phone_like("+492"));
        assert!(!is_phone_like("+49"));
        assert!(!is_phone_like("12"));
        assert!(!is_phone_like("a123"));
        assert_eq!(digits("+49 (241) 4711-0"), "4924147110");
    }

    #[test]
    fn typo_words_are_letter_runs() {
        let words: Vec<&str> = typo_words("hans-peter müller 12 ab").collect();
        assert_eq!(words, ["hans", "peter", "müller"]);
        assert_eq!(typo_words("max.muster@example.de").count(), 0);
    }

    #[test]
    fn one_edit_shares_a_deletion_key() {
        for (a, b) in [
            ("mustermann", "mustermnn"),
            ("mustermann", "musterman"),
            ("mustermann", "mustremann"),
            ("meier", "maier"),
            ("müller", "muller"),
        ] {
            let ka = deletion_keys(a);
            assert!(deletion_keys(b).iter().any(|k| ka.contains(k)), "{a} {b}");
            assert!(edit_distance(a, b) <= 1, "{a} {b}");
        }
        assert_eq!(edit_distance("meier", "schmidt"), 6);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
