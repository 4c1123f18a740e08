//! Writing the `data` of a list answer straight into JSON text.
//!
//! A page of 20 estates with ten fields went through maps of rendered strings, then through
//! `serde_json`'s serializer: 15.5% and 6.4% of a varied listing's CPU (docs/benchmarks.md,
//! run 6).
//! The read handlers write each record here as they render it instead, with the keys
//! escaped once per answer, and get the same bytes as serializing a [`Data`] would give:
//!
//! ```
//! use kontor_proto::data_writer::{DataWriter, ElementKey};
//! use kontor_proto::RecordId;
//! let price = ElementKey::new("kaufpreis");
//! let mut data = DataWriter::new(Some(9), 1);
//! data.record(&RecordId::Int(15), Some("estate"));
//! data.key(&price);
//! data.text("245000.00");
//! data.end_record();
//! assert_eq!(
//!     data.finish().json(),
//!     r#"{"meta":{"cntabsolute":9},"records":[{"id":15,"type":"estate","elements":{"kaufpreis":"245000.00"}}]}"#
//! );
//! ```
//!
//! [`Data`]: crate::Data

use std::io::Write;

use crate::php_json::write_php_str;
use crate::response::RenderedData;
use crate::RecordId;

/// An element's key as written before its value: `"name":`, escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementKey(Vec<u8>);

impl ElementKey {
    pub fn new(name: &str) -> ElementKey {
        let mut bytes = Vec::with_capacity(name.len() + 3);
        write_php_str(&mut bytes, name);
        bytes.push(b':');
        ElementKey(bytes)
    }
}

/// The `data` of a list answer, written record by record.
#[derive(Debug)]
pub struct DataWriter {
    out: Vec<u8>,
    records: usize,
    /// Where the open record's elements begin (their `{`), and how many it has so far.
    elements_at: usize,
    elements: usize,
}

impl DataWriter {
    /// `records` is how many records are coming, to size the buffer once.
    pub fn new(cntabsolute: Option<u64>, records: usize) -> DataWriter {
        let mut out = Vec::with_capacity(64 + records * 384);
        out.extend_from_slice(b"{\"meta\":{\"cntabsolute\":");
        match cntabsolute {
            Some(n) => {
                let _ = write!(out, "{n}");
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b"},\"records\":[");
        DataWriter {
            out,
            records: 0,
            elements_at: 0,
            elements: 0,
        }
    }

    /// Starts a record; its elements follow, then [`DataWriter::end_record`].
    pub fn record(&mut self, id: &RecordId, kind: Option<&str>) {
        if self.records > 0 {
            self.out.push(b',');
        }
        self.records += 1;
        self.out.extend_from_slice(b"{\"id\":");
        match id {
            RecordId::Int(n) => self.int(*n),
            RecordId::Key(key) => write_php_str(&mut self.out, key),
        }
        self.out.extend_from_slice(b",\"type\":");
        match kind {
            Some(kind) => write_php_str(&mut self.out, kind),
            None => self.out.extend_from_slice(b"null"),
        }
        self.out.extend_from_slice(b",\"elements\":");
        self.elements_at = self.out.len();
        self.elements = 0;
        self.out.push(b'{');
    }

    /// An element's key; its value must follow.
    pub fn key(&mut self, key: &ElementKey) {
        if self.elements > 0 {
            self.out.push(b',');
        }
        self.elements += 1;
        self.out.extend_from_slice(&key.0);
    }

    pub fn text(&mut self, text: &str) {
        write_php_str(&mut self.out, text);
    }

    /// A number as a JSON number (`15`).
    pub fn int(&mut self, n: i64) {
        // Writing into a Vec cannot fail.
        let _ = write!(self.out, "{n}");
    }

    /// A number as text (`"15"`), as the API writes ids in elements.
    pub fn int_text(&mut self, n: i64) {
        self.out.push(b'"');
        self.int(n);
        self.out.push(b'"');
    }

    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    pub fn end_record(&mut self) {
        // COMPAT: PHP writes an empty array of elements as `[]`, as `Record::from_map` does.
        if self.elements == 0 {
            self.out.truncate(self.elements_at);
            self.out.extend_from_slice(b"[]}");
        } else {
            self.out.extend_from_slice(b"}}");
        }
    }

    pub fn finish(mut self) -> RenderedData {
        self.out.extend_from_slice(b"]}");
        // Only whole strings and ASCII punctuation were written, so the bytes are UTF-8
        // (PHP-style escaping even leaves them ASCII).
        let text = String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        RenderedData::written(text)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Map, Value};

    use super::*;
    use crate::php_json::try_to_php_json;
    use crate::{Data, Record};

    /// What the writer writes is byte for byte what serializing the same `Data` writes:
    /// escapes, unicode, empty elements as `[]`, keyed and typeless records, no count.
    #[test]
    fn writes_what_serializing_the_data_writes() -> Result<(), Box<dyn std::error::Error>> {
        type Elements = Vec<(&'static str, Option<&'static str>)>;
        let records: Vec<(RecordId, Option<&str>, Elements)> = vec![
            (
                RecordId::Int(15),
                Some("estate"),
                vec![
                    ("Id", Some("15")),
                    ("ort", Some("Köln/Süd \"A\"\n")),
                    ("x", None),
                ],
            ),
            (RecordId::Int(-3), Some("address"), vec![]),
            (
                RecordId::Key("estate".into()),
                None,
                vec![("ü/", Some("😀"))],
            ),
        ];
        for count in [Some(42), None] {
            let mut writer = DataWriter::new(count, records.len());
            let mut expected = Vec::new();
            for (id, kind, elements) in &records {
                writer.record(id, *kind);
                let mut map = Map::new();
                for (key, value) in elements {
                    writer.key(&ElementKey::new(key));
                    match value {
                        Some(text) => writer.text(text),
                        None => writer.null(),
                    }
                    map.insert(key.to_string(), value.map_or(Value::Null, |t| json!(t)));
                }
                writer.end_record();
                expected.push(Record::from_map(id.clone(), *kind, map));
            }
            let data = Data {
                meta: crate::response::Meta { cntabsolute: count },
                records: expected,
            };
            let want = String::from_utf8(try_to_php_json(&data)?)?;
            let written = writer.finish();
            assert_eq!(written.json(), want);
            assert_eq!(written.decode()?, data);
        }
        assert_eq!(
            DataWriter::new(Some(0), 0).finish().json(),
            r#"{"meta":{"cntabsolute":0},"records":[]}"#
        );
        Ok(())
    }
}
