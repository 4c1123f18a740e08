//! The standard configuration every new tenant starts with.
//!
//! The kinds and types of action follow a typical onOffice enterprise installation: German
//! keys (the API takes the German names), labels in German and English.

use crate::types::{ActionKind, ActionType, Labels};

fn t(key: &str, eng: &str) -> ActionType {
    ActionType {
        key: key.to_string(),
        labels: Labels::new(key, eng),
        database_id: None,
        automatic: false,
    }
}

fn auto(key: &str, eng: &str) -> ActionType {
    ActionType {
        automatic: true,
        ..t(key, eng)
    }
}

fn numbered(id: i64, key: &str, eng: &str) -> ActionType {
    ActionType {
        database_id: Some(id),
        ..t(key, eng)
    }
}

fn kind(key: &str, deu: &str, eng: &str, default: &str, types: Vec<ActionType>) -> ActionKind {
    ActionKind {
        key: key.to_string(),
        labels: Labels::new(deu, eng),
        default_type: default.to_string(),
        types,
    }
}

/// Incoming and outgoing, the types of every kind of correspondence.
fn in_out() -> Vec<ActionType> {
    vec![t("Eingang", "incoming"), t("Ausgang", "outgoing")]
}

pub(crate) fn standard_action_kinds() -> Vec<ActionKind> {
    vec![
        kind("Email", "E-Mail", "E-mail", "Ausgang", {
            let mut types = in_out();
            types.push(auto("Automatischer Versand", "automatic dispatch"));
            types
        }),
        kind("Telefonat", "Telefonat", "Phone call", "Ausgang", in_out()),
        kind("Brief", "Brief", "Letter", "Ausgang", in_out()),
        kind("Fax", "Fax", "Fax", "Ausgang", in_out()),
        kind("SMS", "SMS", "Text message", "Ausgang", in_out()),
        kind(
            "Termin",
            "Termin",
            "Appointment",
            "",
            vec![
                t("Besichtigung", "Viewing"),
                t("Beratung", "Consultation"),
                t("Bewertung", "Valuation"),
                t("Notartermin", "Notary appointment"),
                t("Übergabe", "Handover"),
            ],
        ),
        kind(
            "Anfrage",
            "Anfrage",
            "Inquiry",
            "Exposéanfrage",
            vec![
                t("Exposéanfrage", "Exposé request"),
                t("Besichtigungsanfrage", "Viewing request"),
                t("Rückrufbitte", "Callback request"),
                auto("Portalanfrage", "Portal inquiry"),
            ],
        ),
        kind(
            "Angebot",
            "Angebot",
            "Offer",
            "",
            vec![
                t("Kaufangebot", "Purchase offer"),
                t("Mietangebot", "Rental offer"),
            ],
        ),
        kind(
            "Absage",
            "Absage",
            "Cancellation",
            "",
            vec![
                t("durch Interessent", "by prospect"),
                t("durch Makler", "by agent"),
            ],
        ),
        kind(
            "Newsletter",
            "Newsletter",
            "Newsletter",
            "",
            vec![t("bestellt", "ordered"), t("nicht bestellt", "not ordered")],
        ),
        kind(
            "Aufgabe",
            "Aufgabe",
            "Task",
            "",
            vec![
                numbered(1, "Rückruf", "Callback"),
                numbered(2, "Besichtigung vorbereiten", "Prepare viewing"),
                numbered(3, "Exposé versenden", "Send exposé"),
                numbered(4, "Unterlagen anfordern", "Request documents"),
            ],
        ),
        kind(
            "Preisänderung",
            "Preisänderung",
            "Price change",
            "",
            vec![
                auto("Preis gesenkt", "price reduced"),
                auto("Preis erhöht", "price raised"),
            ],
        ),
        kind("Notiz", "Notiz", "Note", "", Vec::new()),
        kind("Sonstiges", "Sonstiges", "Other", "", Vec::new()),
    ]
}
