//! `read impressum` and `read basicsettings`: a tenant's imprint and its basic settings, which
//! the WordPress plugin reads on every page (the imprint page; logo, colours and claim).
//!
//! ```json
//! {"resourcetype":"impressum","parameters":{"data":["firma","country"],"language":"ENG",
//!  "formatoutput":true}}
//! ```
//! → `{"id":"impressum","type":null,"elements":{"firma":"Muster GmbH","country":"Germany"}}`
//!
//! ```json
//! {"resourcetype":"basicsettings","parameters":{"data":{"basicData":
//!  {"characteristicsCi":["logo","color","claim"]}}}}
//! ```
//! → `{"id":0,"type":null,"elements":{"basicData":{"characteristicsCi":{"logo":"",
//!    "color":"2b5797","claim":"Ihr Zuhause"}}}}`

use serde::ser::Serializer;
use serde::Serialize;
use serde_json::{Map, Value};

use super::params::{CallParams, Params};
use crate::{ApiError, ErrorCode, Language};

/// The imprint's fields, in the docs' order (also the order of an answer without `data`).
pub const IMPRINT_FIELDS: &[&str] = &[
    "title",
    "firstname",
    "lastname",
    "firma",
    "postcode",
    "city",
    "street",
    "housenumber",
    "state",
    "country",
    "phone",
    "mobil",
    "fax",
    "email",
    "homepage",
    "vertretungsberechtigter",
    "berufsaufsichtsbehoerde",
    "handelsregister",
    "handelsregisterNr",
    "ustId",
    "bank",
    "iban",
    "bic",
    "chamber",
];

/// The category "characteristics/CI" of the basic data, in the docs' order.
pub const CI_FIELDS: &[&str] = &[
    "logo",
    "color",
    "color2",
    "textcolorMail",
    "claim",
    "systemUiColor",
    "moduleIconUiColor",
    "moduleIconShadeUiType",
    "warningNoticeUiColor",
    "showLogoInQuickbar",
    "spotColor",
];

/// The category "team" of the basic data.
pub const TEAM_FIELDS: &[&str] = &["about"];

/// The permissions the basic data reports.
pub const PERMISSIONS: &[&str] = &["/onOfficeApp/timetracking/enabled"];

/// Parameters of `read impressum`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImprintParams {
    /// The fields to answer, in the order asked for; all of them without `data`.
    pub fields: Vec<&'static str>,
    /// Translates `title` and (with `formatoutput`) `country`; the user's language (German)
    /// when absent.
    pub language: Option<Language>,
    /// `country` as its name instead of the ISO 3166-1 alpha-3 code.
    pub formatoutput: bool,
}

impl CallParams for ImprintParams {
    fn parse(params: Params<'_>) -> Result<ImprintParams, ApiError> {
        let names = params.str_list("data")?;
        let fields = if names.is_empty() {
            IMPRINT_FIELDS.to_vec()
        } else {
            known(&names, IMPRINT_FIELDS, |name| {
                ApiError::with_detail(ErrorCode::UnknownField, name)
                    .hint(format!("the imprint has {}", IMPRINT_FIELDS.join(", ")))
            })?
        };
        Ok(ImprintParams {
            fields,
            language: params.opt_language("language")?,
            formatoutput: params.flag("formatoutput")?,
        })
    }

    fn to_parameters(&self) -> Map<String, Value> {
        let mut map = Map::new();
        map.insert("data".into(), names(&self.fields));
        if let Some(language) = self.language {
            map.insert("language".into(), language.to_string().into());
        }
        if self.formatoutput {
            map.insert("formatoutput".into(), true.into());
        }
        map
    }
}

fn names(list: &[&str]) -> Value {
    list.iter().map(|n| Value::from(*n)).collect()
}

/// Parameters of `read basicsettings`: the settings asked for, per category of the basic
/// data; a category not asked for is left out of the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicSettingsParams {
    pub characteristics_ci: Option<Vec<&'static str>>,
    pub team: Option<Vec<&'static str>>,
    pub permissions: Option<Vec<&'static str>>,
}

impl CallParams for BasicSettingsParams {
    /// Without `data`, every setting of every category.
    fn parse(params: Params<'_>) -> Result<BasicSettingsParams, ApiError> {
        let bad = |why: String| {
            ApiError::with_detail(ErrorCode::InvalidValueForParameter, "data").hint(why)
        };
        let basic = match params.0.get("data") {
            None | Some(Value::Null) => {
                return Ok(BasicSettingsParams {
                    characteristics_ci: Some(CI_FIELDS.to_vec()),
                    team: Some(TEAM_FIELDS.to_vec()),
                    permissions: Some(PERMISSIONS.to_vec()),
                })
            }
            Some(Value::Object(data)) => match data.get("basicData") {
                Some(Value::Object(basic)) => basic,
                _ => {
                    return Err(bad(
                        "data is {\"basicData\":{\"characteristicsCi\":[…]}}".into()
                    ))
                }
            },
            Some(_) => {
                return Err(bad(
                    "data is {\"basicData\":{\"characteristicsCi\":[…]}}".into()
                ))
            }
        };
        if let Some(other) = basic
            .keys()
            .find(|k| !matches!(k.as_str(), "characteristicsCi" | "team" | "permissions"))
        {
            return Err(bad(format!(
                "basicData.{other}: the categories are characteristicsCi, team and permissions"
            )));
        }
        let category = |name: &str, allowed: &'static [&'static str]| {
            let Some(value) = basic.get(name) else {
                return Ok(None);
            };
            let names: Vec<&str> = match value {
                Value::Array(items) => items
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .ok_or_else(|| bad(format!("{name} is a list of names")))
                    })
                    .collect::<Result<_, _>>()?,
                Value::String(s) => vec![s.as_str()],
                _ => return Err(bad(format!("{name} is a list of names"))),
            };
            known(&names, allowed, |n| {
                bad(format!("{name}: {n} is not one of {}", allowed.join(", ")))
            })
            .map(Some)
        };
        Ok(BasicSettingsParams {
            characteristics_ci: category("characteristicsCi", CI_FIELDS)?,
            team: category("team", TEAM_FIELDS)?,
            permissions: category("permissions", PERMISSIONS)?,
        })
    }

    fn to_parameters(&self) -> Map<String, Value> {
        let mut basic = Map::new();
        for (name, list) in [
            ("characteristicsCi", &self.characteristics_ci),
            ("team", &self.team),
            ("permissions", &self.permissions),
        ] {
            if let Some(list) = list {
                basic.insert(name.into(), names(list));
            }
        }
        let mut data = Map::new();
        data.insert("basicData".into(), Value::Object(basic));
        let mut map = Map::new();
        map.insert("data".into(), Value::Object(data));
        map
    }
}

/// The names asked for, each once in its first place, as the static names they are.
fn known(
    names: &[&str],
    allowed: &'static [&'static str],
    unknown: impl Fn(&str) -> ApiError,
) -> Result<Vec<&'static str>, ApiError> {
    let mut out: Vec<&'static str> = Vec::with_capacity(names.len());
    for name in names {
        let found = allowed
            .iter()
            .find(|a| **a == *name)
            .ok_or_else(|| unknown(name))?;
        if !out.contains(found) {
            out.push(found);
        }
    }
    Ok(out)
}

/// An ordered `name → value` map, written as PHP writes an array: `[]` when empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entries<V>(pub Vec<(&'static str, V)>);

impl<V: Serialize> Serialize for Entries<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        super::actionkindtypes::php_map(s, &self.0)
    }
}

/// The elements of the imprint record.
pub type ImprintElements = Entries<String>;

/// A value of the characteristics/CI: text (colours, claim, logo) or a flag
/// (`showLogoInQuickbar`), as the docs' example has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum CiValue {
    Text(String),
    Flag(bool),
}

/// The elements of the basic settings record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BasicSettingsElements {
    #[serde(rename = "basicData")]
    pub basic_data: BasicData,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BasicData {
    #[serde(rename = "characteristicsCi", skip_serializing_if = "Option::is_none")]
    pub characteristics_ci: Option<Entries<CiValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Entries<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<Entries<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> serde_json::Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => serde_json::Map::new(),
        }
    }

    #[test]
    fn imprint_fields_are_checked_and_kept_in_order() -> Result<(), ApiError> {
        let all = ImprintParams::parse(Params(&map(json!({}))))?;
        assert_eq!(all.fields.len(), 24);
        let some = ImprintParams::parse(Params(&map(
            json!({"data": ["country", "firma", "country"], "language": "ENG", "formatoutput": true}),
        )))?;
        assert_eq!(some.fields, ["country", "firma"]);
        assert_eq!(some.language, Some(Language::ENG));
        assert!(some.formatoutput);
        let bad = ImprintParams::parse(Params(&map(json!({"data": ["nope"]}))));
        assert_eq!(bad.err().map(|e| e.code.code()), Some(141));
        Ok(())
    }

    #[test]
    fn basic_settings_take_the_docs_shape() -> Result<(), ApiError> {
        let wp = BasicSettingsParams::parse(Params(&map(json!({"data": {"basicData":
            {"characteristicsCi": ["logo", "color", "color2", "textcolorMail", "claim"]}}}))))?;
        assert_eq!(wp.characteristics_ci.map(|c| c.len()), Some(5));
        assert_eq!(wp.team, None);
        let all = BasicSettingsParams::parse(Params(&map(json!({}))))?;
        assert_eq!(all.permissions, Some(PERMISSIONS.to_vec()));
        for bad in [
            json!({"data": ["logo"]}),
            json!({"data": {"basicData": {"colors": ["logo"]}}}),
            json!({"data": {"basicData": {"characteristicsCi": ["font"]}}}),
        ] {
            let e = BasicSettingsParams::parse(Params(&map(bad.clone())));
            assert_eq!(e.err().map(|e| e.code.code()), Some(255), "{bad}");
        }
        Ok(())
    }

    #[test]
    fn entries_keep_their_order_and_empty_is_an_array() -> Result<(), serde_json::Error> {
        let e = Entries(vec![("b", 1), ("a", 2)]);
        assert_eq!(serde_json::to_string(&e)?, r#"{"b":1,"a":2}"#);
        assert_eq!(serde_json::to_string(&Entries::<u8>(Vec::new()))?, "[]");
        Ok(())
    }
}
