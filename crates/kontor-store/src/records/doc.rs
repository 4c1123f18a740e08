//! Parsing stored documents, whole or only the fields a read asks for.
//!
//! A list page of 20 estates asks for ten fields of documents that hold sixty; building
//! every value of every document was the largest allocation cost of a read (profile in
//! docs/benchmarks.md). The selective parse still checks the whole document is JSON but
//! only builds the values that are wanted.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserializer;
use serde_json::{Map, Value};

/// Parses a document; with `only`, keeps just those keys.
pub(crate) fn parse(text: &str, only: Option<&[String]>) -> serde_json::Result<Map<String, Value>> {
    match only {
        None => serde_json::from_str(text),
        Some(wanted) => {
            let mut de = serde_json::Deserializer::from_str(text);
            let map = Only(wanted).deserialize(&mut de)?;
            de.end()?;
            Ok(map)
        }
    }
}

struct Only<'w>(&'w [String]);

impl<'de> DeserializeSeed<'de> for Only<'_> {
    type Value = Map<String, Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Only<'_> {
    type Value = Map<String, Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut out = Map::new();
        while let Some(Key(key)) = access.next_key::<Key<'de>>()? {
            if self.0.iter().any(|w| *w == key) {
                let value: Value = access.next_value()?;
                out.insert(key.into_owned(), value);
            } else {
                access.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

/// A key borrowed from the text where it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string key")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }

            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"a":1,"b\"q":"x","c":[1,{"d":2}],"e":{"f":null},"g":"\u00fc"}"#;

    #[test]
    fn only_the_wanted_keys_are_kept_with_their_values() -> serde_json::Result<()> {
        let wanted = [
            "c".to_string(),
            "b\"q".to_string(),
            "g".to_string(),
            "zz".to_string(),
        ];
        let map = parse(DOC, Some(&wanted))?;
        let full = parse(DOC, None)?;
        assert_eq!(map.len(), 3);
        for key in ["c", "b\"q", "g"] {
            assert_eq!(map.get(key), full.get(key), "{key}");
        }
        assert_eq!(map["g"], "ü");
        assert!(parse(DOC, Some(&[]))?.is_empty());
        Ok(())
    }

    #[test]
    fn a_damaged_document_is_an_error_either_way() {
        for bad in [r#"{"a":1"#, r#"{"a":1} x"#, "[1]", r#"{"a":tru}"#] {
            assert!(parse(bad, None).is_err(), "{bad}");
            assert!(parse(bad, Some(&["a".to_string()])).is_err(), "{bad}");
        }
    }
}
