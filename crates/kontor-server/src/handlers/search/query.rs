//! The parameters both quick searches share, read into a store search.

use kontor_proto::calls::read::{DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT};
use kontor_proto::calls::search::GetParams;
use kontor_proto::{ApiError, ErrorCode};
use kontor_store::records::{FieldSort, ValueKind};
use kontor_store::search::{parse_terms, SearchQuery, TermsError, MAX_INPUT_CHARS, MAX_TERMS};

/// A field `sortby` may name, and how it compares.
pub(super) type SortField = (&'static str, ValueKind);

fn invalid(name: &str, hint: String) -> ApiError {
    ApiError::with_detail(ErrorCode::InvalidValueForParameter, name).hint(hint)
}

/// The terms, page and order of a search; `sortable` are the fields the docs let it sort by.
pub(super) fn search_query(p: &GetParams, sortable: &[SortField]) -> Result<SearchQuery, ApiError> {
    let input = p
        .input
        .as_deref()
        .ok_or_else(|| ApiError::with_detail(ErrorCode::MissingParameter, "input"))?;
    let terms = parse_terms(input).map_err(|e| match e {
        TermsError::Empty => ApiError::new(ErrorCode::SearchCannotBeEmpty)
            .hint("give a name, number or e-mail address to search for"),
        TermsError::TooLong { chars } => invalid(
            "input",
            format!("the search string may have at most {MAX_INPUT_CHARS} characters; this one has {chars}"),
        ),
        TermsError::TooManyTerms { terms } => invalid(
            "input",
            format!("the search string may have at most {MAX_TERMS} words; this one has {terms}"),
        ),
        TermsError::TooShort => ApiError::new(ErrorCode::TheSearchStringHasNotEnough).hint(
            format!(
                "give at least one word of {} characters or more, or a number",
                kontor_store::search::MIN_INDEXED_TERM
            ),
        ),
    })?;
    let descending = match p
        .sortorder
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        None | Some("") | Some("ASC") => false,
        Some("DESC") => true,
        Some(_) => return Err(invalid("sortorder", "use ASC or DESC".into())),
    };
    let sort = match p.sortby.as_deref() {
        None | Some("") => None,
        Some(name) => {
            let (field, kind) = sortable.iter().find(|(f, _)| *f == name).ok_or_else(|| {
                let names: Vec<&str> = sortable.iter().map(|(f, _)| *f).collect();
                ApiError::new(ErrorCode::UnknownSortField)
                    .hint(format!("{name}: sort by one of {}", names.join(", ")))
            })?;
            Some(FieldSort {
                field: (*field).to_string(),
                kind: *kind,
                descending,
            })
        }
    };
    Ok(SearchQuery {
        terms,
        contacts: false,
        sort,
        // COMPAT: as for list reads, a page above 500 is cut to 500 rather than refused.
        limit: p
            .listlimit
            .unwrap_or(DEFAULT_LIST_LIMIT)
            .min(MAX_LIST_LIMIT),
        offset: p.listoffset.unwrap_or(0),
        within: None,
    })
}
