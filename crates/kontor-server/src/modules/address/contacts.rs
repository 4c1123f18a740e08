//! Address contact entries: phone numbers, fax numbers and e-mail addresses.
//!
//! They are not fields: `create address` takes them flat (`phone_business`, `email`, …, and
//! `default_email` naming which one is the main entry), `modify address` takes action
//! objects (`{"action":"add"|"modify"|"delete","oldvalue","newvalue","default"}`), and
//! `read address` returns them under pseudo-fields keyed `<kind>__<entry id>`. They are
//! kept in the record's document under `_contacts`.

use kontor_proto::data_writer::{DataWriter, ElementKey};
use kontor_proto::{ApiError, ErrorCode};
use kontor_store::fields::FieldConfig;
use kontor_store::records::{contact_field, ContactFamily, Module, StoredRecord};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::handlers::records::limits;

/// The document key of the entries (the store filters on them there).
pub(crate) const CONTACTS: &str = kontor_store::records::CONTACTS_KEY;

/// Every contact key of a write.
pub(crate) const TYPES: &[&str] = &[
    "phone",
    "phone_private",
    "phone_business",
    "mobile",
    "fax",
    "fax_private",
    "fax_business",
    "email",
    "email_private",
    "email_business",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub id: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    pub default: bool,
}

impl Entry {
    fn family(&self) -> ContactFamily {
        ContactFamily::of(&self.kind)
    }

    /// Whether the two entries compete for being the main one (a mobile number and a
    /// landline do: `defaultphone` is either).
    fn same_group(&self, other: &Entry) -> bool {
        self.family().default_group() == other.family().default_group()
    }
}

pub(crate) fn entries(doc: &Map<String, Value>) -> Vec<Entry> {
    doc.get(CONTACTS)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default()
}

pub(crate) fn to_value(entries: &[Entry]) -> Value {
    serde_json::to_value(entries).unwrap_or(Value::Array(Vec::new()))
}

/// Makes sure each group of entries (phone and mobile numbers, fax numbers, e-mail
/// addresses) has exactly one main entry: the one marked, else the first. The main entry is
/// what `defaultemail` reads and filters on, and what `Email` mirrors; an address whose only
/// e-mail address was sent without `default_email` has it as its main one, as in the CRM.
pub(crate) fn settle_defaults(entries: &mut [Entry]) {
    for i in 0..entries.len() {
        let (before, rest) = entries.split_at_mut(i);
        let Some((entry, after)) = rest.split_first_mut() else {
            continue;
        };
        let marked_before = before.iter().any(|e| e.same_group(entry) && e.default);
        if marked_before {
            entry.default = false;
        } else if !entry.default {
            // The first of its group, none marked: it is the main one unless a later one is.
            entry.default = !after.iter().any(|e| e.same_group(entry) && e.default);
        }
    }
}

/// Refuses an entry longer than the field it stands for takes: e-mail addresses the `Email`
/// field (the main one is mirrored into it, an indexed column), phone and fax numbers the
/// `Telefon1` field, as the configuration sizes them (`records/limits.rs`).
pub(crate) fn check_lengths(entries: &[Entry], config: &FieldConfig) -> Result<(), ApiError> {
    for e in entries {
        let like = if e.family() == ContactFamily::Email {
            "Email"
        } else {
            "Telefon1"
        };
        let Some(field) = config.get(like) else {
            continue;
        };
        limits::check_text(field, &e.value).map_err(|error| {
            ApiError::new(ErrorCode::InvalidAddressPhoneValue).hint(format!(
                "{}: {}",
                e.kind,
                error.hint.unwrap_or_default()
            ))
        })?;
    }
    Ok(())
}

/// The main e-mail address, mirrored into the `Email` field so that it can be filtered.
pub(crate) fn main_email(entries: &[Entry]) -> Option<String> {
    let emails: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.family() == ContactFamily::Email)
        .collect();
    emails
        .iter()
        .find(|e| e.default)
        .or(emails.first())
        .map(|e| e.value.clone())
}

/// Writes `phone`, `mobile`, `fax`, `email`, `default*` and `imageUrl` of a read.
pub(crate) fn render(name: &str, record: &StoredRecord, out: &mut DataWriter) {
    let mut put = |key: &str, value: &str| {
        out.key(&ElementKey::new(key));
        out.text(value);
    };
    let Some(set) = contact_field(Module::ADDRESS, name) else {
        if name == "imageUrl" {
            put(name, "");
        }
        return;
    };
    let all = entries(&record.doc.as_map());
    let hits = all.iter().filter(|e| set.holds(&e.kind, e.default));
    // A group has one main entry (`settle_defaults`); older data may mark more.
    let limit = if set.default_only { 1 } else { usize::MAX };
    for e in hits.take(limit) {
        put(&format!("{name}__{}", e.id), &e.value);
    }
}

/// Takes the flat contact keys of a create out of the parameters; ids are assigned later.
pub(crate) fn from_create(params: &mut Map<String, Value>) -> Result<Vec<Entry>, ApiError> {
    let mut out = Vec::new();
    for kind in TYPES {
        let Some(value) = params.remove(*kind) else {
            continue;
        };
        let values: Vec<String> = match value {
            Value::String(s) if s.trim().is_empty() => Vec::new(),
            Value::String(s) => vec![s],
            Value::Array(list) => list
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s),
                    other => Err(invalid(kind, &other)),
                })
                .collect::<Result<_, _>>()?,
            Value::Number(n) => vec![n.to_string()],
            other => return Err(invalid(kind, &other)),
        };
        for value in values {
            // The docs: a mobile number sent as `phone` is typed mobile all the same.
            let kind = if kind.starts_with("phone") && looks_mobile(&value) {
                "mobile"
            } else {
                kind
            };
            out.push(Entry {
                id: 0,
                kind: kind.to_string(),
                value,
                default: false,
            });
        }
    }
    for (key, fam) in [
        ("default_phone", ContactFamily::Phone),
        ("default_fax", ContactFamily::Fax),
        ("default_email", ContactFamily::Email),
    ] {
        let Some(value) = params.remove(key) else {
            continue;
        };
        let wanted = value
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| invalid(key, &value))?;
        let entry = out
            .iter_mut()
            .find(|e| e.value == wanted && e.family().default_group() == fam.default_group())
            .ok_or_else(|| {
                let (code, name) = match fam {
                    ContactFamily::Phone | ContactFamily::Mobile => {
                        (ErrorCode::DefaultPhoneMustBePassedAlso, "phone")
                    }
                    ContactFamily::Fax => (ErrorCode::DefaultEntryMustBePassedAlso, "fax"),
                    ContactFamily::Email => (ErrorCode::DefaultEntryMustBePassedAlso, "email"),
                };
                ApiError::with_detail(code, name)
            })?;
        entry.default = true;
    }
    Ok(out)
}

fn invalid(key: &str, value: &Value) -> ApiError {
    ApiError::new(ErrorCode::InvalidAddressPhoneValue).hint(format!("{key}: got {value}"))
}

/// German mobile numbers start with 015, 016 or 017 (or +4915…).
fn looks_mobile(number: &str) -> bool {
    let digits: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let national = digits
        .strip_prefix("+49")
        .map(|rest| format!("0{rest}"))
        .or_else(|| digits.strip_prefix("0049").map(|rest| format!("0{rest}")))
        .unwrap_or(digits);
    ["015", "016", "017"]
        .iter()
        .any(|p| national.starts_with(p))
}

/// Applies the action objects of a modify to the existing entries.
pub(crate) fn apply_modify(
    existing: &mut Vec<Entry>,
    params: &mut Map<String, Value>,
    next_id: &mut impl FnMut() -> i64,
) -> Result<bool, ApiError> {
    let mut touched = false;
    for kind in TYPES {
        let Some(value) = params.remove(*kind) else {
            continue;
        };
        let ops: Vec<Value> = match value {
            Value::Array(list) => list,
            other => vec![other],
        };
        for op in ops {
            let Value::Object(op) = op else {
                return Err(ApiError::new(ErrorCode::InvalidTypeForAddressPhoneAction)
                    .hint(format!("{kind} takes {{\"action\":\"add\"|\"modify\"|\"delete\",\"oldvalue\",\"newvalue\",\"default\"}}")));
            };
            apply_one(existing, kind, &op, next_id)?;
            touched = true;
        }
    }
    Ok(touched)
}

fn apply_one(
    existing: &mut Vec<Entry>,
    kind: &str,
    op: &Map<String, Value>,
    next_id: &mut impl FnMut() -> i64,
) -> Result<(), ApiError> {
    let text = |key: &str| op.get(key).and_then(Value::as_str).map(str::to_string);
    let make_default = op.get("default").and_then(Value::as_bool).unwrap_or(false);
    let action =
        text("action").ok_or_else(|| ApiError::new(ErrorCode::MissingTypeForAddressPhoneAction))?;
    let fam = ContactFamily::of(kind);
    let find = |existing: &Vec<Entry>, old: &str| -> Result<usize, ApiError> {
        let hits: Vec<usize> = existing
            .iter()
            .enumerate()
            .filter(|(_, e)| e.family() == fam && e.value == old)
            .map(|(i, _)| i)
            .collect();
        match hits.as_slice() {
            [one] => Ok(*one),
            [] => Err(ApiError::new(ErrorCode::UnknownAddressPhoneRecord)
                .hint(format!("{kind}: no entry {old:?}"))),
            _ => Err(
                ApiError::new(ErrorCode::AmbiguousAddressPhoneRecordIdentifier)
                    .hint(format!("{kind}: {old:?} appears more than once")),
            ),
        }
    };
    let index = match action.as_str() {
        "add" => {
            let value = text("newvalue")
                .ok_or_else(|| ApiError::new(ErrorCode::MissingAddressPhoneValue))?;
            existing.push(Entry {
                id: next_id(),
                kind: kind.to_string(),
                value,
                default: false,
            });
            existing.len() - 1
        }
        "modify" => {
            let old = text("oldvalue")
                .ok_or_else(|| ApiError::new(ErrorCode::MissingAddressPhoneRecordIdentifier))?;
            let value = text("newvalue")
                .ok_or_else(|| ApiError::new(ErrorCode::MissingAddressPhoneValue))?;
            let i = find(existing, &old)?;
            existing[i].value = value;
            i
        }
        "delete" => {
            let old = text("oldvalue")
                .ok_or_else(|| ApiError::new(ErrorCode::MissingAddressPhoneRecordIdentifier))?;
            let i = find(existing, &old)?;
            existing.remove(i);
            return Ok(());
        }
        other => {
            return Err(ApiError::new(ErrorCode::InvalidTypeForAddressPhoneAction)
                .hint(format!("action {other:?}: use add, modify or delete")))
        }
    };
    if make_default {
        let chosen = existing[index].clone();
        for (i, e) in existing.iter_mut().enumerate() {
            if e.same_group(&chosen) {
                e.default = i == index;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str, value: &str, default: bool) -> Entry {
        Entry {
            id: 0,
            kind: kind.into(),
            value: value.into(),
            default,
        }
    }

    #[test]
    fn each_group_has_one_main_entry() {
        let mut list = vec![
            entry("email", "a@x.de", false),
            entry("phone_private", "0241 1", false),
            entry("mobile", "0171 2", true),
            entry("email_business", "b@x.de", false),
            entry("fax", "0241 3", false),
        ];
        settle_defaults(&mut list);
        let main: Vec<&str> = list
            .iter()
            .filter(|e| e.default)
            .map(|e| e.value.as_str())
            .collect();
        assert_eq!(main, ["a@x.de", "0171 2", "0241 3"]);
        let mut twice = vec![entry("email", "a", true), entry("email", "b", true)];
        settle_defaults(&mut twice);
        assert_eq!(twice.iter().filter(|e| e.default).count(), 1);
        assert!(twice[0].default);
    }

    #[test]
    fn mobile_numbers_are_recognised() {
        assert!(looks_mobile("0171 1234567"));
        assert!(looks_mobile("+49 160 123"));
        assert!(!looks_mobile("0241 123456"));
    }
}
