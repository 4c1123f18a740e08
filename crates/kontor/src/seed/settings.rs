//! The demo tenant's imprint and basic settings: a complete German imprint (as § 5 DDG asks
//! of a broker's website) and a logo-less CI, so that the WordPress plugin's imprint page
//! and colours show something real on a fresh install. The company is fictitious; the IBAN
//! is the usual documentation example (its check digits are valid).

use kontor_store::{Setting, SettingsStore, StoreError, TenantId};

const DEMO: &[(&str, &str)] = &[
    ("imprint.title", "Herr"),
    ("imprint.firstname", "Jan"),
    ("imprint.lastname", "Becker"),
    ("imprint.firma", "Kontor Demo Immobilien GmbH"),
    ("imprint.postcode", "52062"),
    ("imprint.city", "Aachen"),
    ("imprint.street", "Theaterstraße"),
    ("imprint.housenumber", "24"),
    ("imprint.state", "Nordrhein-Westfalen"),
    ("imprint.country", "DEU"),
    ("imprint.phone", "+49 241 123456-0"),
    ("imprint.mobil", "+49 171 1234567"),
    ("imprint.fax", "+49 241 123456-9"),
    ("imprint.email", "info@kontor-demo.example"),
    ("imprint.homepage", "https://www.kontor-demo.example"),
    ("imprint.vertretungsberechtigter", "Jan Becker (Geschäftsführer)"),
    (
        "imprint.berufsaufsichtsbehoerde",
        "Stadt Aachen, Fachbereich Wirtschaft (Erlaubnis nach § 34c GewO)",
    ),
    ("imprint.handelsregister", "Amtsgericht Aachen"),
    ("imprint.handelsregisterNr", "HRB 12345"),
    ("imprint.ustId", "DE123456789"),
    ("imprint.bank", "Commerzbank Aachen"),
    ("imprint.iban", "DE89 3704 0044 0532 0130 00"),
    ("imprint.bic", "COBADEFFXXX"),
    ("imprint.chamber", "IHK Aachen"),
    ("ci.color", "2b5797"),
    ("ci.color2", "f0a30a"),
    ("ci.textcolorMail", "333333"),
    ("ci.claim", "Ihr Zuhause in der Region Aachen"),
    ("ci.systemUiColor", "2b5797"),
    ("ci.moduleIconUiColor", "ffffff"),
    ("ci.moduleIconShadeUiType", "hell"),
    ("ci.warningNoticeUiColor", "ff7f50"),
    ("ci.showLogoInQuickbar", "false"),
    (
        "team.about",
        "Seit 2004 vermitteln wir Häuser, Wohnungen und Grundstücke in Aachen und der Städteregion.",
    ),
    ("permissions.timetracking", "false"),
];

/// Writes the demo settings to a tenant.
pub async fn apply(store: &impl SettingsStore, tenant: TenantId) -> Result<(), StoreError> {
    let changes = DEMO
        .iter()
        .map(|(name, value)| Ok((Setting::parse(name)?, (*value).to_string())))
        .collect::<Result<Vec<_>, String>>()
        .map_err(StoreError::Invalid)?;
    store.set_tenant_settings(tenant, &changes).await
}

#[cfg(test)]
mod tests {
    use super::DEMO;
    use kontor_store::Setting;

    #[test]
    fn every_demo_value_is_a_valid_setting() {
        for (name, value) in DEMO {
            let checked = Setting::parse(name).and_then(|s| s.check(value));
            assert_eq!(checked.as_deref(), Ok(*value), "{name}");
        }
    }
}
