//! A record's document as handlers read it: whole, as a map, or only the fields a list read
//! asked for, kept as the stored bytes until they are rendered.
//!
//! A list page of 20 estates with ten fields used to build 20 maps of ten keys and values,
//! which the server then turned into 20 more maps of rendered strings: 9% and 15% of a
//! varied listing's CPU (docs/benchmarks.md, run 6). A projected document copies the wanted
//! values out of the stored JSONB once, in the order they were asked for, and hands out
//! borrowed views of them ([`DocValue`]), so that a text is copied once more only into the
//! response.

use std::borrow::Cow;
use std::sync::Arc;

use serde_json::{Map, Number, Value};

use super::jsonb;

/// The fields of a stored record.
#[derive(Debug, Clone)]
pub struct Doc(Repr);

#[derive(Debug, Clone)]
enum Repr {
    Map(Map<String, Value>),
    Projected(Projection),
}

/// The wanted fields of a JSONB document: each one's element copied into `bytes`, found by
/// its position in `names` (a position the document lacks is `None`).
#[derive(Debug, Clone)]
pub(crate) struct Projection {
    pub names: Arc<[String]>,
    pub bytes: Vec<u8>,
    pub spans: Vec<Option<(u32, u32)>>,
}

/// One value of a document, borrowed from it.
#[derive(Debug, Clone, PartialEq)]
pub enum DocValue<'a> {
    Null,
    Bool(bool),
    Number(Number),
    Text(Cow<'a, str>),
    List(ListItems<'a>),
    /// A nested object: no field type reads one, so its content is not offered.
    Object,
}

/// The items of a list value.
#[derive(Debug, Clone, Copy)]
pub struct ListItems<'a>(Items<'a>);

#[derive(Debug, Clone, Copy)]
enum Items<'a> {
    Values(&'a [Value]),
    /// The payload of a JSONB array (its elements, one after another).
    Jsonb(&'a [u8]),
}

impl<'a> ListItems<'a> {
    pub fn iter(self) -> impl Iterator<Item = DocValue<'a>> {
        let (mut values, mut rest) = match self.0 {
            Items::Values(values) => (values.iter(), &[][..]),
            Items::Jsonb(bytes) => ([].iter(), bytes),
        };
        std::iter::from_fn(move || {
            if let Some(value) = values.next() {
                return Some(DocValue::from(value));
            }
            // Checked when the document was projected; a damaged item ends the list.
            let (item, after) = jsonb::element(rest).ok()?;
            rest = after;
            jsonb::doc_value(&item).ok()
        })
    }
}

/// Lists are equal when their items are, however each is held.
impl PartialEq for ListItems<'_> {
    fn eq(&self, other: &ListItems<'_>) -> bool {
        self.iter().eq(other.iter())
    }
}

impl<'a> From<&'a Value> for DocValue<'a> {
    fn from(value: &'a Value) -> DocValue<'a> {
        match value {
            Value::Null => DocValue::Null,
            Value::Bool(b) => DocValue::Bool(*b),
            Value::Number(n) => DocValue::Number(n.clone()),
            Value::String(s) => DocValue::Text(Cow::Borrowed(s)),
            Value::Array(items) => DocValue::List(ListItems(Items::Values(items))),
            Value::Object(_) => DocValue::Object,
        }
    }
}

impl<'a> DocValue<'a> {
    pub(crate) fn jsonb_list(payload: &'a [u8]) -> DocValue<'a> {
        DocValue::List(ListItems(Items::Jsonb(payload)))
    }

    /// The text of a text value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            DocValue::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl Doc {
    pub(crate) fn projected(projection: Projection) -> Doc {
        Doc(Repr::Projected(projection))
    }

    /// The value of a field, if the document has it.
    pub fn get(&self, name: &str) -> Option<DocValue<'_>> {
        match &self.0 {
            Repr::Map(map) => map.get(name).map(DocValue::from),
            Repr::Projected(p) => {
                let index = p.names.iter().position(|n| n == name)?;
                p.value(index)
            }
        }
    }

    /// The value of the field at `index` of the fields the read asked for
    /// ([`super::RecordQuery::fields`]), named `name`: a projected document finds it without
    /// comparing names; any other looks it up by name.
    pub fn field(&self, index: usize, name: &str) -> Option<DocValue<'_>> {
        match &self.0 {
            Repr::Projected(p) if p.names.get(index).is_some_and(|n| n == name) => p.value(index),
            _ => self.get(name),
        }
    }

    /// The document as a map (a projected one has only its fields).
    pub fn to_map(&self) -> Map<String, Value> {
        match &self.0 {
            Repr::Map(map) => map.clone(),
            Repr::Projected(p) => p.to_map(),
        }
    }

    pub fn into_map(self) -> Map<String, Value> {
        match self.0 {
            Repr::Map(map) => map,
            Repr::Projected(p) => p.to_map(),
        }
    }

    /// The map, borrowed when the document is one.
    pub fn as_map(&self) -> Cow<'_, Map<String, Value>> {
        match &self.0 {
            Repr::Map(map) => Cow::Borrowed(map),
            Repr::Projected(p) => Cow::Owned(p.to_map()),
        }
    }
}

impl Projection {
    fn element(&self, index: usize) -> Option<jsonb::Element<'_>> {
        let (start, end) = (*self.spans.get(index)?)?;
        let bytes = self.bytes.get(start as usize..end as usize)?;
        jsonb::element(bytes).ok().map(|(e, _)| e)
    }

    fn value(&self, index: usize) -> Option<DocValue<'_>> {
        // Every element was decoded once when the document was projected, so this cannot
        // fail; were the bytes damaged after all, the field would read as absent.
        jsonb::doc_value(&self.element(index)?).ok()
    }

    fn to_map(&self) -> Map<String, Value> {
        let mut map = Map::with_capacity(self.names.len());
        for (index, name) in self.names.iter().enumerate() {
            if let Some(value) = self.element(index).and_then(|e| jsonb::value(&e).ok()) {
                map.insert(name.clone(), value);
            }
        }
        map
    }
}

impl From<Map<String, Value>> for Doc {
    fn from(map: Map<String, Value>) -> Doc {
        Doc(Repr::Map(map))
    }
}

/// Documents are equal when their fields are, however each is held.
impl PartialEq for Doc {
    fn eq(&self, other: &Doc) -> bool {
        match (&self.0, &other.0) {
            (Repr::Map(a), Repr::Map(b)) => a == b,
            _ => self.as_map() == other.as_map(),
        }
    }
}

impl PartialEq<Map<String, Value>> for Doc {
    fn eq(&self, other: &Map<String, Value>) -> bool {
        *self.as_map() == *other
    }
}
