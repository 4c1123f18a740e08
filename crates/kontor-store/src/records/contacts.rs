//! Address contact entries as the store keeps them, and filters on them.
//!
//! The entries of an address (phone and fax numbers, e-mail addresses) are not fields: they
//! live in the address's document as one list,
//! `"_contacts": [{"id":13021,"type":"phone_business","value":"0241 123","default":true}, …]`,
//! and reads name them by pseudo-fields (`phone`, `email`, `defaultemail`, …). The store is
//! where that layout is known, so it is also where a filter on a pseudo-field becomes a
//! condition on the list: "some entry of the kind holds the value".

use kontor_proto::calls::read::{FilterOp, Operand, Scalar};

use super::sql::{Bind, Dialect, Sql};
use super::{FieldCondition, Module};

/// The document key of the entries.
pub const CONTACTS_KEY: &str = "_contacts";

/// The kinds of entry a pseudo-field reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactFamily {
    /// Phone numbers other than mobile ones (`phone`, `phone_private`, `phone_business`).
    Phone,
    Mobile,
    Fax,
    Email,
}

impl ContactFamily {
    /// The family of an entry type.
    pub fn of(entry_type: &str) -> ContactFamily {
        if entry_type == "mobile" {
            ContactFamily::Mobile
        } else if entry_type.starts_with("phone") {
            ContactFamily::Phone
        } else if entry_type.starts_with("fax") {
            ContactFamily::Fax
        } else {
            ContactFamily::Email
        }
    }

    /// The entry types of the family, as writes name them.
    pub const fn types(self) -> &'static [&'static str] {
        match self {
            ContactFamily::Phone => &["phone", "phone_private", "phone_business"],
            ContactFamily::Mobile => &["mobile"],
            ContactFamily::Fax => &["fax", "fax_private", "fax_business"],
            ContactFamily::Email => &["email", "email_private", "email_business"],
        }
    }

    /// The entries among which one is the main one: mobile numbers are phone numbers there
    /// (`defaultphone` may be a mobile number, the docs' `default_phone` may name one).
    pub const fn default_group(self) -> ContactSet {
        match self {
            ContactFamily::Phone | ContactFamily::Mobile => DEFAULT_PHONE,
            ContactFamily::Fax => DEFAULT_FAX,
            ContactFamily::Email => DEFAULT_EMAIL,
        }
    }
}

/// The entries a pseudo-field reads: every entry of its families, or only the main one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContactSet {
    pub families: &'static [ContactFamily],
    pub default_only: bool,
}

const DEFAULT_PHONE: ContactSet = ContactSet {
    families: &[ContactFamily::Phone, ContactFamily::Mobile],
    default_only: true,
};
const DEFAULT_FAX: ContactSet = ContactSet {
    families: &[ContactFamily::Fax],
    default_only: true,
};
const DEFAULT_EMAIL: ContactSet = ContactSet {
    families: &[ContactFamily::Email],
    default_only: true,
};

const fn all(families: &'static [ContactFamily]) -> ContactSet {
    ContactSet {
        families,
        default_only: false,
    }
}

/// The pseudo-field `name` of `module`, if it is one: `phone`, `mobile`, `fax`, `email` and
/// their `default…` forms, of addresses.
pub fn contact_field(module: Module, name: &str) -> Option<ContactSet> {
    if !module.contact_entries {
        return None;
    }
    Some(match name {
        "phone" => all(&[ContactFamily::Phone]),
        "mobile" => all(&[ContactFamily::Mobile]),
        "fax" => all(&[ContactFamily::Fax]),
        "email" => all(&[ContactFamily::Email]),
        "defaultphone" => DEFAULT_PHONE,
        "defaultfax" => DEFAULT_FAX,
        "defaultemail" => DEFAULT_EMAIL,
        _ => return None,
    })
}

impl ContactSet {
    /// Whether an entry of this type, marked main or not, is one the set reads.
    pub fn holds(self, entry_type: &str, default: bool) -> bool {
        (default || !self.default_only) && self.families.contains(&ContactFamily::of(entry_type))
    }

    /// The entry types the set reads.
    pub fn types(self) -> impl Iterator<Item = &'static str> {
        self.families.iter().flat_map(|f| f.types().iter().copied())
    }
}

/// `[NOT] EXISTS (an entry of the set whose value matches)`. As for multi-selects, `=`, `in`
/// and `like` mean "some entry matches", `!=`, `not in` and `not like` "no entry matches";
/// comparisons and `between` ask for some entry in the range. Values compare as text, in
/// byte order; `like` is ASCII-case-insensitive, as for fields.
pub(crate) fn condition(sql: &mut Sql, dialect: Dialect, set: ContactSet, c: &FieldCondition) {
    let negated = matches!(c.op, FilterOp::Ne | FilterOp::NotIn | FilterOp::NotLike);
    sql.push(if negated { "NOT EXISTS (" } else { "EXISTS (" });
    // The key is fixed and plain, so it is written as a literal.
    let (kind, default, value) = match dialect {
        Dialect::Sqlite => {
            sql.push("SELECT 1 FROM json_each(doc, '$.")
                .push(CONTACTS_KEY)
                .push("') AS c WHERE ");
            (
                "json_extract(c.value, '$.type')",
                "json_extract(c.value, '$.default') = 1",
                "json_extract(c.value, '$.value')",
            )
        }
        Dialect::Postgres => {
            sql.push("SELECT 1 FROM jsonb_array_elements(COALESCE(doc->'")
                .push(CONTACTS_KEY)
                .push("', '[]'::jsonb)) AS c(e) WHERE ");
            (
                "c.e->>'type'",
                "c.e->>'default' = 'true'",
                // Byte order, as SQLite compares.
                "(COALESCE(c.e->>'value', '') COLLATE \"C\")",
            )
        }
    };
    sql.push(kind).push(" IN (");
    for (i, t) in set.types().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.bind(Bind::Text(t.to_string()));
    }
    sql.push(")");
    if set.default_only {
        sql.push(" AND ").push(default);
    }
    sql.push(" AND ").push(value);
    let text = |v: &Scalar| Bind::Text(v.as_text());
    let like = match dialect {
        Dialect::Sqlite => " LIKE ",
        Dialect::Postgres => " ILIKE ",
    };
    match (c.op, &c.operand) {
        (FilterOp::In | FilterOp::NotIn, Operand::Many(values)) => {
            sql.push(" IN (");
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.bind(text(v));
            }
            sql.push(")");
        }
        (FilterOp::Between, Operand::Range(from, to)) => {
            sql.push(" BETWEEN ")
                .bind(text(from))
                .push(" AND ")
                .bind(text(to));
        }
        (op, Operand::One(v)) => {
            let op = match op {
                FilterOp::Eq | FilterOp::Ne => " = ",
                FilterOp::Lt => " < ",
                FilterOp::Gt => " > ",
                FilterOp::Le => " <= ",
                FilterOp::Ge => " >= ",
                FilterOp::Like | FilterOp::NotLike => like,
                // `in` with one value is a list of one (the parser makes it so).
                FilterOp::In | FilterOp::NotIn | FilterOp::Between => " = ",
            };
            sql.push(op).bind(text(v));
        }
        // Shapes the parser never produces; matching no entry is the safe reading.
        _ => {
            sql.push(" IS NULL AND 1 = 0");
        }
    }
    sql.push(")");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudo_fields_read_their_entries() {
        let email = contact_field(Module::ADDRESS, "email");
        let main_phone = contact_field(Module::ADDRESS, "defaultphone");
        assert!(email.is_some_and(|s| s.holds("email_business", false)));
        assert!(email.is_some_and(|s| !s.holds("phone", true)));
        assert!(main_phone.is_some_and(|s| s.holds("mobile", true)));
        assert!(main_phone.is_some_and(|s| !s.holds("phone", false)));
        assert!(contact_field(Module::ADDRESS, "phone").is_some_and(|s| !s.holds("mobile", true)));
        assert_eq!(contact_field(Module::ESTATE, "email"), None);
        assert_eq!(contact_field(Module::ADDRESS, "Email"), None);
        assert_eq!(ContactFamily::Mobile.default_group(), DEFAULT_PHONE);
    }
}
