//! Every relation type of the docs (§6.11 of the API catalog, the vendor's relations
//! overview), in one table: which modules it joins, how many parents a child may have, and
//! which of the four relation calls it allows.
//!
//! A type is named `urn:onoffice-de-ns:smart:2.5:relationTypes:<parent>:<child>[:<what>]`.
//! Modules are named as Kontor's resource types (`estate`, `address`, `searchcriteria`,
//! `calendar`, `agentslog`, …); the server finds each in its module registry, so a type
//! works as soon as both its modules are served. Which types can be written is what the
//! docs show being written (the create, delete and multi-property pages, the search-criteria
//! page); every other type is read only (docs/compat.md says why).

use super::relation::RELATION_URN_PREFIX;

/// Which of the relation calls a type allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ops {
    pub read: bool,
    pub create: bool,
    pub modify: bool,
    pub delete: bool,
}

/// Readable only: links made elsewhere (files, agents-log entries, matching, mails) or by
/// rules of their own.
const READ: Ops = Ops {
    read: true,
    create: false,
    modify: false,
    delete: false,
};

/// Made and removed by the relation calls; nothing to modify.
const LINK: Ops = Ops {
    read: true,
    create: true,
    modify: false,
    delete: true,
};

/// [`LINK`], and the link's info can be modified (appointment and address).
const LINK_INFO: Ops = Ops {
    modify: true,
    ..LINK
};

/// How many records a link joins, beyond what every call allows (1:n either way per call).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    /// A parent has any number of children and a child any number of parents (an estate
    /// has several owners, an owner several estates).
    Many,
    /// A child has one parent: a unit belongs to one complex, a search criterion to one
    /// address, a second-level contact to one main contact.
    OneParent,
}

/// One relation type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationType {
    /// The URN without [`RELATION_URN_PREFIX`]: `estate:address:owner`.
    pub name: &'static str,
    /// The module of the parents, as a resource type.
    pub parent: &'static str,
    /// The module of the children.
    pub child: &'static str,
    pub cardinality: Cardinality,
    pub ops: Ops,
    /// The type whose links this one reads and writes: `complex:estate:units` "does the
    /// same as" `estate:estateUnit` (the multi-property page).
    pub same_as: Option<&'static str>,
    /// Further types whose links a read includes: all contact persons include the brokers.
    pub reads_also: &'static [&'static str],
    /// `relationinfo` is taken ([`RelationInfo`]): only `calendar:address`.
    pub info: bool,
    /// The child's field that holds its one parent's id: such a link is the child record
    /// itself (a search criterion's `adresse`, set when it is created for an address), read
    /// from that field and never kept in the relations table, so that the two cannot
    /// disagree.
    pub held_by: Option<&'static str>,
}

impl RelationType {
    /// The type named by a full URN.
    pub fn by_urn(urn: &str) -> Option<&'static RelationType> {
        urn.strip_prefix(RELATION_URN_PREFIX)
            .and_then(RelationType::by_name)
    }

    /// The type of this short name (`estate:address:owner`).
    pub fn by_name(name: &str) -> Option<&'static RelationType> {
        RELATION_TYPES.iter().find(|t| t.name == name)
    }

    /// The kind its links are stored under: its own name, or that of the type it is the
    /// same as. Every writer of links (relation calls, seed, module hooks) uses this.
    pub fn stored_kind(&self) -> &'static str {
        self.same_as.unwrap_or(self.name)
    }

    /// The stored kinds a read of this type answers from.
    pub fn read_kinds(&self) -> Vec<&'static str> {
        let mut kinds = vec![self.stored_kind()];
        kinds.extend(self.reads_also.iter().copied());
        kinds
    }

    pub fn urn(&self) -> String {
        format!("{RELATION_URN_PREFIX}{}", self.name)
    }
}

/// What a misspelt relation type probably meant: the docs themselves carry the prefixes
/// `urn:onoffice-dens:` and `urn:onoffice-en-ns:` (catalog C-18), which the API does not
/// take; the caller learns the right one.
pub fn suggestion(urn: &str) -> Option<String> {
    let name = urn
        .rsplit_once(":relationTypes:")
        .map(|(_, name)| name)
        .unwrap_or(urn);
    RelationType::by_name(name).map(RelationType::urn)
}

const fn t(
    name: &'static str,
    parent: &'static str,
    child: &'static str,
    ops: Ops,
) -> RelationType {
    RelationType {
        name,
        parent,
        child,
        cardinality: Cardinality::Many,
        ops,
        same_as: None,
        reads_also: &[],
        info: false,
        held_by: None,
    }
}

const fn one_parent(mut ty: RelationType) -> RelationType {
    ty.cardinality = Cardinality::OneParent;
    ty
}

/// A one-parent type whose links are the children's `field` ([`RelationType::held_by`]).
const fn held_by(mut ty: RelationType, field: &'static str) -> RelationType {
    ty = one_parent(ty);
    ty.held_by = Some(field);
    ty
}

/// Every documented type, in the order of the docs' overview.
pub static RELATION_TYPES: &[RelationType] = &[
    // Estate and address: the roles of the people of an estate.
    t("estate:address:buyer", "estate", "address", LINK),
    t("estate:address:renter", "estate", "address", LINK),
    t("estate:address:tenant", "estate", "address", LINK),
    t("estate:address:owner", "estate", "address", LINK),
    t("estate:address:interested", "estate", "address", LINK),
    t("estate:address:contactPerson", "estate", "address", LINK),
    RelationType {
        reads_also: &["estate:address:contactPerson"],
        ..t("estate:address:contactPersonAll", "estate", "address", LINK)
    },
    t("estate:address:matching", "estate", "address", READ),
    // Complexes and their units (multi-property module).
    one_parent(t("estate:estateUnit", "estate", "estate", LINK)),
    RelationType {
        same_as: Some("estate:estateUnit"),
        ..one_parent(t("complex:estate:units", "estate", "estate", LINK))
    },
    // Estate and users, files, mails, tracking.
    t("estate:user:officer", "estate", "user", READ),
    t("estate:user:assignment", "estate", "user", READ),
    t("estate:allFiles", "estate", "file", READ),
    t("estate:file:titelbild", "estate", "file", READ),
    t("estate:file:grundriss", "estate", "file", READ),
    t("estate:file:foto", "estate", "file", READ),
    t("estate:file:allpictures", "estate", "file", READ),
    t("estate:file:alllinks", "estate", "file", READ),
    t(
        "estate:file:allpicturesExceptTitelbild",
        "estate",
        "file",
        READ,
    ),
    t("estate:mail", "estate", "mail", READ),
    t("estateTracking:estate", "estatetracking", "estate", READ),
    // Addresses.
    t("address:process", "address", "process", READ),
    t("address:resubmission", "address", "resubmission", READ),
    t("address:address:isTippgeberOf", "address", "address", READ),
    t("address:estate:tipp", "address", "estate", READ),
    t("address:user:officer", "address", "user", READ),
    t("address:user:additionalOfficers", "address", "user", READ),
    t("address:file:attachment", "address", "file", READ),
    // A criterion is made for its address (`create searchcriteria` with `addressid`).
    held_by(
        t("address:searchcriteria", "address", "searchcriteria", READ),
        "adresse",
    ),
    t("address:estate:offer", "address", "estate", READ),
    t("address:estate:contacted", "address", "estate", READ),
    t("address:estate:offerByAgentsLog", "address", "estate", READ),
    t("address:user:strangeNameRelation", "address", "user", READ),
    t("address:estate:matching", "address", "estate", READ),
    t("address:mail", "address", "mail", READ),
    one_parent(t("address:contact:address", "address", "address", LINK)),
    t("address:user:sync", "address", "user", LINK),
    // Customers, templates, projects.
    t("customer:address:contact", "customer", "address", READ),
    t(
        "templateManagement:email:attachment",
        "emailtemplate",
        "file",
        READ,
    ),
    t(
        "templateManagement:email:documentAttributes",
        "emailtemplate",
        "documentattribute",
        READ,
    ),
    t("project:task:customer", "project", "task", READ),
    t("project:agentslog", "project", "agentslog", READ),
    t("project:calendar", "project", "calendar", READ),
    t("project:address", "project", "address", READ),
    t("project:estate", "project", "estate", READ),
    t("project:file:attachment", "project", "file", READ),
    // Tasks, appointments, agents log.
    t("task:address", "task", "address", READ),
    t("task:estate", "task", "estate", READ),
    t("task:file:attachment", "task", "file", READ),
    t("calendar:file:attachment", "calendar", "file", READ),
    RelationType {
        info: true,
        ..t("calendar:address", "calendar", "address", LINK_INFO)
    },
    t("calendar:estate", "calendar", "estate", LINK),
    t("agentsLog:file:attachment", "agentslog", "file", LINK),
    t("agentsLog:address", "agentslog", "address", LINK),
    t("agentsLogMail:address", "agentslog", "address", READ),
    t("agentsLog:estate", "agentslog", "estate", LINK),
    t("agentsLogMail:estate", "agentslog", "estate", READ),
    t("agentsLog:attachment:download", "agentslog", "file", READ),
    // Users.
    t("user:address:birthday", "user", "address", READ),
    t("user:address", "user", "address", READ),
    t("user:messengerUser:is", "user", "messengeruser", READ),
    // Billing and jobs.
    t("billing:estate", "billing", "estate", READ),
    t("job:estate", "job", "estate", READ),
];

/// The appointment confirmation status (`statusTerminbestaetigung`).
pub const CONFIRMATION_KEY: &str = "statusTerminbestaetigung";
pub const CONFIRMATION_VALUES: &[&str] = &["bestätigt", "gesendet", "gecancelt", "nicht gesetzt"];
/// The appointment feedback status (`statusTerminrueckmeldung`).
pub const FEEDBACK_KEY: &str = "statusTerminrueckmeldung";
pub const FEEDBACK_VALUES: &[&str] = &["aktiv", "inaktiv"];

/// A link's `relationinfo`, checked: only the two keys of the docs, each with one of its
/// values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationInfo {
    pub confirmation: Option<&'static str>,
    pub feedback: Option<&'static str>,
}

impl RelationInfo {
    /// Checks a `relationinfo` object; the error says what to send instead.
    pub fn parse(
        info: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<RelationInfo, String> {
        let mut out = RelationInfo::default();
        for (key, value) in info {
            let (slot, values) = match key.as_str() {
                CONFIRMATION_KEY => (&mut out.confirmation, CONFIRMATION_VALUES),
                FEEDBACK_KEY => (&mut out.feedback, FEEDBACK_VALUES),
                _ => {
                    return Err(format!(
                        "relationinfo takes {CONFIRMATION_KEY} and {FEEDBACK_KEY}, not {key:?}"
                    ))
                }
            };
            let found = value
                .as_str()
                .and_then(|v| values.iter().copied().find(|allowed| *allowed == v));
            *slot =
                Some(found.ok_or_else(|| {
                    format!("{key} is one of {}, not {value}", values.join(", "))
                })?);
        }
        Ok(out)
    }

    pub fn is_empty(&self) -> bool {
        self.confirmation.is_none() && self.feedback.is_none()
    }

    /// The info as stored with the link, over what the link had (`base`).
    pub fn merged_into(
        &self,
        mut base: serde_json::Map<String, serde_json::Value>,
    ) -> serde_json::Map<String, serde_json::Value> {
        for (key, value) in [
            (CONFIRMATION_KEY, self.confirmation),
            (FEEDBACK_KEY, self.feedback),
        ] {
            if let Some(value) = value {
                base.insert(key.to_string(), value.into());
            }
        }
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_type_once_and_every_reference_resolves() {
        for (i, ty) in RELATION_TYPES.iter().enumerate() {
            assert!(
                RELATION_TYPES[..i].iter().all(|o| o.name != ty.name),
                "{} twice",
                ty.name
            );
            assert_eq!(RelationType::by_urn(&ty.urn()), Some(ty));
            for other in ty.same_as.iter().chain(ty.reads_also) {
                let target = RelationType::by_name(other);
                assert!(target.is_some(), "{} names unknown {other}", ty.name);
                let target = target.map(|t| (t.parent, t.child));
                assert_eq!(target, Some((ty.parent, ty.child)), "{}", ty.name);
            }
            assert!(
                !ty.ops.modify || ty.info,
                "{}: modify sets only info",
                ty.name
            );
            assert!(ty.ops.read, "{}: every documented type reads", ty.name);
        }
        assert_eq!(RELATION_TYPES.len(), 63);
    }

    #[test]
    fn aliases_share_links_and_typos_are_pointed_at() {
        let units = RelationType::by_name("complex:estate:units");
        assert_eq!(units.map(|t| t.stored_kind()), Some("estate:estateUnit"));
        let all = RelationType::by_name("estate:address:contactPersonAll");
        assert_eq!(
            all.map(|t| t.read_kinds()),
            Some(vec![
                "estate:address:contactPersonAll",
                "estate:address:contactPerson"
            ])
        );
        assert_eq!(
            RelationType::by_urn("urn:onoffice-en-ns:smart:2.5:relationTypes:estate:address:owner"),
            None
        );
        assert_eq!(
            suggestion("urn:onoffice-dens:smart:2.5:relationTypes:estate:address:buyer"),
            Some(format!("{RELATION_URN_PREFIX}estate:address:buyer"))
        );
        assert!(suggestion("estate:address:owner").is_some());
        assert_eq!(suggestion("estate:address:nobody"), None);
    }

    #[test]
    fn relation_info_is_checked() {
        let map = |v: serde_json::Value| v.as_object().cloned().unwrap_or_default();
        let info = RelationInfo::parse(&map(json!({
            "statusTerminbestaetigung": "gecancelt", "statusTerminrueckmeldung": "inaktiv"
        })));
        assert_eq!(
            info,
            Ok(RelationInfo {
                confirmation: Some("gecancelt"),
                feedback: Some("inaktiv")
            })
        );
        assert!(RelationInfo::parse(&map(json!({"statusTerminbestaetigung": "ja"}))).is_err());
        assert!(RelationInfo::parse(&map(json!({"statusTerminrueckmeldung": 1}))).is_err());
        assert!(RelationInfo::parse(&map(json!({"note": "x"}))).is_err());
    }
}
