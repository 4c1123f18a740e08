//! Settings of a tenant that the API reads back: the imprint (`read impressum`) and the
//! basic settings' characteristics and CI (`read basicsettings`: logo, colours, claim), which
//! the WordPress plugin shows on every page.
//!
//! Every setting is one row `(tenant, name, value)`; the names are the fixed list in
//! [`SETTINGS`], and each value is checked against its kind before it is stored, so that
//! what the API answers is always well-formed (a colour is hex, a country an ISO code).

use std::collections::BTreeMap;

use crate::modules::Module;
use crate::records::sql::{Bind, Sql};
use crate::traits::SettingsStore;
use crate::types::TenantId;
use crate::{Store, StoreError};

/// What a setting holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKind {
    Text,
    /// A colour as hex digits, without `#` (`2b5797`, `fff`).
    Color,
    /// `true` or `false`.
    Flag,
    /// A salutation key of the address field `Anrede` (`Herr`, `Frau`, `Firma`, …).
    Salutation,
    /// An ISO 3166-1 alpha-3 country code (`DEU`), a key of the address field `Land`.
    Country,
    /// `hell` or `dunkel`, the shading of the module icons.
    Shade,
    /// An image as base64 (the logo), at most [`MAX_LOGO_BYTES`] of text.
    Base64,
}

/// A setting: its name (`imprint.firma`, `ci.color`) and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingDef {
    pub name: &'static str,
    pub kind: SettingKind,
}

/// The base64 text of a logo is at most this long (about 750 KiB of image).
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;
/// Any other value is at most this long.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

const fn s(name: &'static str, kind: SettingKind) -> SettingDef {
    SettingDef { name, kind }
}

use SettingKind::*;

/// Every setting, in the order the API lists them: the imprint's fields as `read impressum`
/// names them after `imprint.`; the characteristics/CI of the basic data after `ci.`; the
/// team's "about us" text; and the time-tracking permission of the mobile app
/// (`/onOfficeApp/timetracking/enabled` on the wire). `ci.spotColor` is not among them: it
/// is computed from the system colour.
pub const SETTINGS: &[SettingDef] = &[
    s("imprint.title", Salutation),
    s("imprint.firstname", Text),
    s("imprint.lastname", Text),
    s("imprint.firma", Text),
    s("imprint.postcode", Text),
    s("imprint.city", Text),
    s("imprint.street", Text),
    s("imprint.housenumber", Text),
    s("imprint.state", Text),
    s("imprint.country", Country),
    s("imprint.phone", Text),
    s("imprint.mobil", Text),
    s("imprint.fax", Text),
    s("imprint.email", Text),
    s("imprint.homepage", Text),
    s("imprint.vertretungsberechtigter", Text),
    s("imprint.berufsaufsichtsbehoerde", Text),
    s("imprint.handelsregister", Text),
    s("imprint.handelsregisterNr", Text),
    s("imprint.ustId", Text),
    s("imprint.bank", Text),
    s("imprint.iban", Text),
    s("imprint.bic", Text),
    s("imprint.chamber", Text),
    s("ci.logo", Base64),
    s("ci.color", Color),
    s("ci.color2", Color),
    s("ci.textcolorMail", Color),
    s("ci.claim", Text),
    s("ci.systemUiColor", Color),
    s("ci.moduleIconUiColor", Color),
    s("ci.moduleIconShadeUiType", Shade),
    s("ci.warningNoticeUiColor", Color),
    s("ci.showLogoInQuickbar", Flag),
    s("team.about", Text),
    s("permissions.timetracking", Flag),
];

/// A known setting, parsed from its name at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting(&'static SettingDef);

impl Setting {
    pub fn parse(name: &str) -> Result<Setting, String> {
        SETTINGS
            .iter()
            .find(|d| d.name == name)
            .map(Setting)
            .ok_or_else(|| {
                format!(
                    "unknown setting {name:?}: use one of {}",
                    SETTINGS
                        .iter()
                        .map(|d| d.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }

    pub fn name(self) -> &'static str {
        self.0.name
    }

    pub fn kind(self) -> SettingKind {
        self.0.kind
    }

    /// The value in its stored form, or why it cannot be one. An empty value clears the
    /// setting.
    pub fn check(self, value: &str) -> Result<String, String> {
        let name = self.name();
        let value = value.trim();
        let limit = if self.kind() == Base64 {
            MAX_LOGO_BYTES
        } else {
            MAX_TEXT_BYTES
        };
        if value.len() > limit {
            return Err(format!("{name}: at most {limit} bytes"));
        }
        if value.contains('\0') {
            return Err(format!("{name}: a NUL character is not text"));
        }
        if value.is_empty() {
            return Ok(String::new());
        }
        let select = |field: &str| {
            Module::ADDRESS
                .catalog()
                .fields
                .iter()
                .find(|f| f.name == field)
                .map(|f| f.values.iter().map(|v| v.key.as_str()).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        match self.kind() {
            Text => Ok(value.to_string()),
            Color => {
                let hex = value.trim_start_matches('#');
                let ok = matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit());
                if ok {
                    Ok(hex.to_ascii_lowercase())
                } else {
                    Err(format!(
                        "{name}: a colour is 3 or 6 hex digits, e.g. 2b5797"
                    ))
                }
            }
            Flag => match value {
                "true" | "1" => Ok("true".into()),
                "false" | "0" => Ok("false".into()),
                _ => Err(format!("{name}: use true or false")),
            },
            Salutation => {
                let keys = select("Anrede");
                keys.iter()
                    .find(|k| k.eq_ignore_ascii_case(value))
                    .map(|k| k.to_string())
                    .ok_or_else(|| format!("{name}: use one of {}", keys.join(", ")))
            }
            Country => {
                let keys = select("Land");
                keys.iter()
                    .find(|k| k.eq_ignore_ascii_case(value))
                    .map(|k| k.to_string())
                    .ok_or_else(|| {
                        format!("{name}: use an ISO 3166-1 alpha-3 code such as DEU or AUT")
                    })
            }
            Shade => match value {
                "hell" | "dunkel" => Ok(value.to_string()),
                _ => Err(format!("{name}: use hell or dunkel")),
            },
            Base64 => {
                let ok = value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
                if ok {
                    Ok(value.to_string())
                } else {
                    Err(format!(
                        "{name}: the image as base64 (A-Z, a-z, 0-9, +, /, =)"
                    ))
                }
            }
        }
    }
}

/// A tenant's settings: the value of each setting that has one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TenantSettings {
    values: BTreeMap<&'static str, String>,
}

impl TenantSettings {
    /// The value of a setting; `""` when it has none.
    pub fn get(&self, setting: Setting) -> &str {
        self.values
            .get(setting.name())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Every setting with its value (empty ones too), in the order of [`SETTINGS`].
    pub fn all(&self) -> impl Iterator<Item = (Setting, &str)> + '_ {
        SETTINGS.iter().map(|d| (Setting(d), self.get(Setting(d))))
    }
}

impl SettingsStore for Store {
    async fn tenant_settings(&self, tenant: TenantId) -> Result<TenantSettings, StoreError> {
        let query = Sql::new(
            "SELECT name, value FROM tenant_settings WHERE tenant_id = $1",
            vec![Bind::Int(tenant.0)],
        );
        let rows = self
            .lookup(move |mut c| Box::pin(async move { c.rows(&query).await }))
            .await?;
        let mut settings = TenantSettings::default();
        for row in rows {
            // A name a later version dropped is left alone rather than failing the read.
            if let Ok(setting) = Setting::parse(&row.text(0)?) {
                settings.values.insert(setting.name(), row.text(1)?);
            }
        }
        Ok(settings)
    }

    async fn set_tenant_settings(
        &self,
        tenant: TenantId,
        changes: &[(Setting, String)],
    ) -> Result<(), StoreError> {
        let statements = changes
            .iter()
            .map(|(setting, value)| {
                let value = setting.check(value)?;
                let name = Bind::Text(setting.name().to_string());
                Ok(if value.is_empty() {
                    Sql::new(
                        "DELETE FROM tenant_settings WHERE tenant_id = $1 AND name = $2",
                        vec![Bind::Int(tenant.0), name],
                    )
                } else {
                    Sql::new(
                        "INSERT INTO tenant_settings (tenant_id, name, value) VALUES ($1, $2, $3)
                         ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value",
                        vec![Bind::Int(tenant.0), name, Bind::Text(value)],
                    )
                })
            })
            .collect::<Result<Vec<Sql>, String>>()
            .map_err(StoreError::Invalid)?;
        self.write_all(statements).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, value: &str) -> Result<String, String> {
        Setting::parse(name)?.check(value)
    }

    /// The fields `read impressum` and `read basicsettings` answer are exactly the settings
    /// (`spotColor` is computed from `systemUiColor`).
    #[test]
    fn the_calls_answer_every_setting_and_nothing_else() {
        use kontor_proto::calls::settings::{CI_FIELDS, IMPRINT_FIELDS, TEAM_FIELDS};
        let mut answered: Vec<String> = IMPRINT_FIELDS
            .iter()
            .map(|f| format!("imprint.{f}"))
            .chain(
                CI_FIELDS
                    .iter()
                    .filter(|f| **f != "spotColor")
                    .map(|f| format!("ci.{f}")),
            )
            .chain(TEAM_FIELDS.iter().map(|f| format!("team.{f}")))
            .collect();
        answered.push("permissions.timetracking".into());
        let settings: Vec<String> = SETTINGS.iter().map(|d| d.name.to_string()).collect();
        assert_eq!(answered, settings);
    }

    #[test]
    fn values_are_checked_and_normalised() {
        assert_eq!(check("ci.color", "#2B5797"), Ok("2b5797".into()));
        assert_eq!(check("ci.color", "fff"), Ok("fff".into()));
        assert!(check("ci.color", "blue").is_err());
        assert_eq!(check("imprint.title", "frau"), Ok("Frau".into()));
        assert!(check("imprint.title", "Dr.").is_err());
        assert_eq!(check("imprint.country", "deu"), Ok("DEU".into()));
        assert!(check("imprint.country", "Germany").is_err());
        assert_eq!(check("ci.showLogoInQuickbar", "1"), Ok("true".into()));
        assert_eq!(
            check("ci.moduleIconShadeUiType", "dunkel"),
            Ok("dunkel".into())
        );
        assert_eq!(
            check("imprint.firma", "  "),
            Ok(String::new()),
            "empty clears"
        );
        assert!(check("ci.logo", "not base64!").is_err());
        assert!(check("imprint.firma", "a\0b").is_err());
        assert!(Setting::parse("imprint.nope").is_err_and(|e| e.contains("imprint.firma")));
    }
}
