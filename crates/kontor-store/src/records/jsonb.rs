//! Reading SQLite's binary JSON (JSONB) documents directly.
//!
//! A list read used to ask SQLite for `json(doc)`, which writes every document out as text,
//! and then parsed that text again in Rust: two passes over sixty fields to keep ten. JSONB
//! gives every element's size in its header, so the fields a read does not want are skipped
//! without looking at them, and the wanted ones are decoded straight into values
//! (docs/benchmarks.md). The format is SQLite's documented, stable one
//! (<https://sqlite.org/jsonb.html>): a header byte whose low four bits are the element type
//! and whose high four bits are the payload size or say how many bytes that size takes.
//!
//! SQLite writes the JSON5 forms (INT5, FLOAT5, TEXT5) only for JSON5 input, which Kontor
//! never stores; meeting one gives [`Unsupported`], and the caller converts that document
//! with SQLite's `json()` instead, so nothing is misread.

use std::borrow::Cow;
use std::sync::Arc;

use serde_json::{Map, Number, Value};

use super::document::{DocValue, Projection};

/// The document uses something this reader leaves to SQLite (a JSON5 form), or is damaged.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Unsupported;

const NULL: u8 = 0;
const TRUE: u8 = 1;
const FALSE: u8 = 2;
const INT: u8 = 3;
const FLOAT: u8 = 5;
const TEXT: u8 = 7;
const TEXTJ: u8 = 8;
const TEXTRAW: u8 = 10;
const ARRAY: u8 = 11;
const OBJECT: u8 = 12;

/// One element: its type and its payload.
pub(crate) struct Element<'a> {
    kind: u8,
    payload: &'a [u8],
}

/// The element at the start of `bytes` and the bytes after it.
pub(crate) fn element(bytes: &[u8]) -> Result<(Element<'_>, &[u8]), Unsupported> {
    let (&first, rest) = bytes.split_first().ok_or(Unsupported)?;
    let kind = first & 0x0f;
    let (size, rest) = match first >> 4 {
        small @ 0..=11 => (usize::from(small), rest),
        wide => {
            let width = match wide {
                12 => 1,
                13 => 2,
                14 => 4,
                _ => 8,
            };
            let (size, rest) = rest.split_at_checked(width).ok_or(Unsupported)?;
            let size = size.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
            (usize::try_from(size).map_err(|_| Unsupported)?, rest)
        }
    };
    let (payload, rest) = rest.split_at_checked(size).ok_or(Unsupported)?;
    Ok((Element { kind, payload }, rest))
}

fn text(e: &Element<'_>) -> Result<String, Unsupported> {
    match e.kind {
        // Literal text: TEXT needs no escaping, TEXTRAW is kept as given.
        TEXT | TEXTRAW => std::str::from_utf8(e.payload)
            .map(str::to_string)
            .map_err(|_| Unsupported),
        // Text with JSON escapes, as it stood between the quotes.
        TEXTJ => {
            let inner = std::str::from_utf8(e.payload).map_err(|_| Unsupported)?;
            serde_json::from_str(&format!("\"{inner}\"")).map_err(|_| Unsupported)
        }
        _ => Err(Unsupported),
    }
}

pub(crate) fn value(e: &Element<'_>) -> Result<Value, Unsupported> {
    Ok(match e.kind {
        NULL => Value::Null,
        TRUE => Value::Bool(true),
        FALSE => Value::Bool(false),
        // The payload is the number's canonical JSON text: parsed as the text reader would.
        INT | FLOAT => {
            let digits = std::str::from_utf8(e.payload).map_err(|_| Unsupported)?;
            Value::Number(digits.parse::<Number>().map_err(|_| Unsupported)?)
        }
        TEXT | TEXTJ | TEXTRAW => Value::String(text(e)?),
        ARRAY => {
            let mut items = Vec::new();
            let mut rest = e.payload;
            while !rest.is_empty() {
                let (item, after) = element(rest)?;
                items.push(value(&item)?);
                rest = after;
            }
            Value::Array(items)
        }
        OBJECT => Value::Object(object(e.payload, None)?),
        _ => return Err(Unsupported),
    })
}

/// The members of an object's payload; with `only`, just those keys (the others skipped by
/// their size, never decoded).
fn object(mut rest: &[u8], only: Option<&[String]>) -> Result<Map<String, Value>, Unsupported> {
    // Sized once: growing the map by doubling was a visible share of a read's allocations.
    let mut map = Map::with_capacity(only.map_or(0, <[String]>::len));
    while !rest.is_empty() {
        let (key, after) = element(rest)?;
        let (item, after) = element(after)?;
        rest = after;
        let wanted = match only {
            None => true,
            // Keys without escapes compare as stored; others are decoded first.
            Some(wanted) if key.kind != TEXTJ => wanted.iter().any(|w| w.as_bytes() == key.payload),
            Some(wanted) => {
                let name = text(&key)?;
                wanted.contains(&name)
            }
        };
        if wanted {
            map.insert(text(&key)?, value(&item)?);
        }
    }
    Ok(map)
}

/// A view of an element, borrowing its text where it has no escapes.
pub(crate) fn doc_value<'a>(e: &Element<'a>) -> Result<DocValue<'a>, Unsupported> {
    Ok(match e.kind {
        NULL => DocValue::Null,
        TRUE => DocValue::Bool(true),
        FALSE => DocValue::Bool(false),
        INT | FLOAT => {
            let digits = std::str::from_utf8(e.payload).map_err(|_| Unsupported)?;
            DocValue::Number(digits.parse::<Number>().map_err(|_| Unsupported)?)
        }
        TEXT | TEXTRAW => DocValue::Text(Cow::Borrowed(
            std::str::from_utf8(e.payload).map_err(|_| Unsupported)?,
        )),
        TEXTJ => DocValue::Text(Cow::Owned(text(e)?)),
        ARRAY => DocValue::jsonb_list(e.payload),
        OBJECT => DocValue::Object,
        _ => return Err(Unsupported),
    })
}

/// Whether an element and everything in it decodes, without building it.
fn check(e: &Element<'_>) -> Result<(), Unsupported> {
    match e.kind {
        ARRAY | OBJECT => {
            let mut rest = e.payload;
            while !rest.is_empty() {
                let (item, after) = element(rest)?;
                check(&item)?;
                rest = after;
            }
            Ok(())
        }
        _ => doc_value(e).map(drop),
    }
}

/// The fields `names` of a stored document (a JSONB object), each element copied out in
/// the order of `names`; `Unsupported` when a wanted one is in a form this reader leaves to
/// SQLite. The others are skipped by their size and never decoded.
pub(crate) fn project(bytes: &[u8], names: &Arc<[String]>) -> Result<Projection, Unsupported> {
    let (top, rest) = element(bytes)?;
    if top.kind != OBJECT || !rest.is_empty() {
        return Err(Unsupported);
    }
    // Most keys are not wanted: a key whose length and first byte match no wanted name's is
    // passed over without comparing it with each of them.
    let sieve = names
        .iter()
        .fold(0u64, |bits, n| bits | sieve_bit(n.as_bytes()));
    let mut found: Vec<Option<(u32, u32)>> = vec![None; names.len()];
    let base = top.payload.as_ptr() as usize;
    let mut rest = top.payload;
    while !rest.is_empty() {
        let (key, after) = element(rest)?;
        let start = after.as_ptr() as usize - base;
        let (item, after) = element(after)?;
        let end = after.as_ptr() as usize - base;
        rest = after;
        if key.kind != TEXTJ && sieve & sieve_bit(key.payload) == 0 {
            continue;
        }
        let key_text: Cow<'_, [u8]> = match key.kind {
            TEXTJ => Cow::Owned(text(&key)?.into_bytes()),
            _ => Cow::Borrowed(key.payload),
        };
        let mut matched = false;
        for (slot, name) in found.iter_mut().zip(names.iter()) {
            if name.as_bytes() == &*key_text {
                // A repeated key: the last one counts, as in a map.
                *slot = Some((start as u32, end as u32));
                matched = true;
            }
        }
        if matched {
            check(&item)?;
        }
    }
    let wanted: u32 = found.iter().flatten().map(|(s, e)| e - s).sum();
    let mut bytes = Vec::with_capacity(wanted as usize);
    let spans = found
        .into_iter()
        .map(|span| {
            span.map(|(s, e)| {
                let at = bytes.len() as u32;
                bytes.extend_from_slice(&top.payload[s as usize..e as usize]);
                (at, bytes.len() as u32)
            })
        })
        .collect();
    Ok(Projection {
        names: names.clone(),
        bytes,
        spans,
    })
}

/// One of 64 bits for a key, from its length and first byte.
fn sieve_bit(key: &[u8]) -> u64 {
    let first = key.first().copied().unwrap_or(0) as usize;
    1u64 << ((key.len().wrapping_mul(31) ^ first) % 64)
}

/// A stored document (a JSONB object); with `only`, keeps just those keys.
pub(crate) fn parse(
    bytes: &[u8],
    only: Option<&[String]>,
) -> Result<Map<String, Value>, Unsupported> {
    let (top, rest) = element(bytes)?;
    if top.kind != OBJECT || !rest.is_empty() {
        return Err(Unsupported);
    }
    object(top.payload, only)
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;
    use serde_json::json;

    use super::*;

    /// The document as SQLite stores it.
    fn jsonb(conn: &Connection, text: &str) -> rusqlite::Result<Vec<u8>> {
        conn.query_row("SELECT jsonb(?1)", [text], |r| r.get(0))
    }

    /// Every kind of value, escapes, long texts (wider size headers), nesting and unicode
    /// reads as the text form does, whole and selected.
    #[test]
    fn documents_read_as_their_text_does() -> Result<(), Box<dyn std::error::Error>> {
        let conn = Connection::open_in_memory()?;
        let long = "x".repeat(300);
        let longer = "y".repeat(70_000);
        let doc = json!({
            "null": null, "t": true, "f": false, "int": 42, "neg": -7, "big": 12345678901234567890u64,
            "float": 1.5, "exp": 2.5e-8, "s": "Bonn", "esc": "a\"b\\c\nd\u{1}", "uml": "Köln ü",
            "empty": "", "long": long, "longer": longer, "arr": [1, "two", [3], {"four": 4}],
            "obj": {"a": {"b": null}}, "k\"ey": 1, "multi": "|a|b|",
        });
        let text = serde_json::to_string(&doc)?;
        let blob = jsonb(&conn, &text)?;
        let whole = parse(&blob, None).map_err(|_| "unsupported")?;
        let expected: Map<String, Value> = serde_json::from_str(&text)?;
        assert_eq!(whole, expected);
        assert_eq!(
            whole.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "the stored order"
        );
        let wanted: Vec<String> = ["esc", "k\"ey", "arr", "missing", "longer"]
            .map(String::from)
            .to_vec();
        let some = parse(&blob, Some(&wanted)).map_err(|_| "unsupported")?;
        assert_eq!(some.len(), 4);
        for key in ["esc", "k\"ey", "arr", "longer"] {
            assert_eq!(some.get(key), expected.get(key), "{key}");
        }
        Ok(())
    }

    /// A projected document hands out, field by field and in the asked order, what the
    /// whole document holds: every kind of value, escaped keys and texts, long texts,
    /// repeated names, and nothing for a missing field.
    #[test]
    fn projected_fields_read_as_the_whole_document() -> Result<(), Box<dyn std::error::Error>> {
        use crate::records::{Doc, DocValue};
        let conn = Connection::open_in_memory()?;
        let doc = json!({
            "null": null, "t": true, "f": false, "int": 42, "float": 1.5, "exp": 2.5e-8,
            "s": "Bonn", "esc": "a\"b\\c\nd\u{1}", "uml": "Köln ü", "empty": "",
            "long": "x".repeat(70_000), "arr": ["a", 2, ["b"], {"c": 3}], "obj": {"a": 1},
            "k\"ey": "quoted key", "multi": "|a|b|",
        });
        let text = serde_json::to_string(&doc)?;
        let blob = jsonb(&conn, &text)?;
        let expected: Map<String, Value> = serde_json::from_str(&text)?;
        let mut names: Vec<String> = expected.keys().rev().cloned().collect();
        names.push("missing".into());
        names.push("s".into());
        let names: Arc<[String]> = Arc::from(names);
        let projected = Doc::projected(project(&blob, &names).map_err(|_| "unsupported")?);
        for (index, name) in names.iter().enumerate() {
            let want = expected.get(name).map(DocValue::from);
            assert_eq!(projected.field(index, name), want, "{name} by position");
            assert_eq!(projected.get(name), want, "{name} by name");
        }
        let Some(DocValue::List(items)) = projected.get("arr") else {
            return Err("arr is a list".into());
        };
        let items: Vec<DocValue<'_>> = items.iter().collect();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0], DocValue::Text("a".into()));
        assert_eq!(items[3], DocValue::Object);
        assert_eq!(projected.to_map(), expected, "the same fields and values");
        assert_eq!(projected, Doc::from(expected.clone()));
        Ok(())
    }

    /// Only the wanted fields must be readable here: a JSON5 form elsewhere in the document
    /// does not matter, one in a wanted field is left to SQLite.
    #[test]
    fn projection_leaves_json5_in_wanted_fields_to_sqlite() -> Result<(), Box<dyn std::error::Error>>
    {
        let conn = Connection::open_in_memory()?;
        let blob = jsonb(&conn, "{\"a\":0x1F,\"b\":[1,.5],\"c\":\"ok\"}")?;
        let names =
            |list: &[&str]| -> Arc<[String]> { list.iter().map(|n| n.to_string()).collect() };
        assert!(project(&blob, &names(&["c"])).is_ok());
        assert!(project(&blob, &names(&["a"])).is_err());
        assert!(project(&blob, &names(&["b", "c"])).is_err());
        for cut in 0..blob.len() {
            assert!(
                project(&blob[..cut], &names(&["c"])).is_err(),
                "cut at {cut}"
            );
        }
        Ok(())
    }

    #[test]
    fn json5_forms_and_damage_are_left_to_sqlite() -> Result<(), Box<dyn std::error::Error>> {
        let conn = Connection::open_in_memory()?;
        for json5 in ["{\"a\":0x1F}", "{\"a\":'\\x41'}", "{\"a\":.5}"] {
            let blob = jsonb(&conn, json5)?;
            assert_eq!(parse(&blob, None), Err(Unsupported), "{json5}");
        }
        let blob = jsonb(&conn, "{\"a\":[1,2,3]}")?;
        for cut in 0..blob.len() {
            assert_eq!(parse(&blob[..cut], None), Err(Unsupported), "cut at {cut}");
        }
        assert_eq!(
            parse(&jsonb(&conn, "[1]")?, None),
            Err(Unsupported),
            "not an object"
        );
        Ok(())
    }
}
