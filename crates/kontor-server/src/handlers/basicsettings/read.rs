//! `read basicsettings`: the tenant's characteristics and CI (logo, colours, claim), the
//! team's "about us" and the app permissions, set with `kontor tenant settings` or the admin
//! API. The WordPress plugin reads it on every page, and to check that the API answers.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:read","resourceid":"",
//!  "resourcetype":"basicsettings","parameters":{"data":{"basicData":{"characteristicsCi":
//!  ["logo","color","color2","textcolorMail","claim"]}}}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":0,"type":null,"elements":{"basicData":
//!    {"characteristicsCi":{"logo":"","color":"2b5797","color2":"f0a30a",
//!    "textcolorMail":"333333","claim":"Ihr Zuhause in der Region"}}}}]}`
//!
//! Only the categories asked for are answered; without `data`, all of them.

use kontor_proto::calls::params::Params;
use kontor_proto::calls::settings::{
    BasicData, BasicSettingsElements, BasicSettingsParams, CiValue, Entries,
};
use kontor_proto::calls::CallParams;
use kontor_proto::{ApiError, Data, Record, RecordId};
use kontor_store::{SettingsStore, Store, TenantSettings};

use crate::handlers::settings::setting;
use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let params = BasicSettingsParams::parse(params)?;
        let settings = store
            .tenant_settings(ctx.tenant)
            .await
            .map_err(store_error)?;
        let text = |group: &str, name: &str| -> Result<String, ApiError> {
            Ok(settings.get(setting(group, name)?).to_string())
        };
        let characteristics_ci = params
            .characteristics_ci
            .map(|names| {
                names
                    .into_iter()
                    .map(|name| Ok((name, ci_value(&settings, name)?)))
                    .collect::<Result<Vec<_>, ApiError>>()
                    .map(Entries)
            })
            .transpose()?;
        let team = params
            .team
            .map(|names| {
                names
                    .into_iter()
                    .map(|name| Ok((name, text("team", name)?)))
                    .collect::<Result<Vec<_>, ApiError>>()
                    .map(Entries)
            })
            .transpose()?;
        let permissions = params
            .permissions
            .map(|names| {
                names
                    .into_iter()
                    .map(|name| Ok((name, permission(&settings, name)?)))
                    .collect::<Result<Vec<_>, ApiError>>()
                    .map(Entries)
            })
            .transpose()?;
        let elements = BasicSettingsElements {
            basic_data: BasicData {
                characteristics_ci,
                permissions,
                team,
            },
        };
        Ok(Data::uncounted(vec![Record::new(
            RecordId::Int(0),
            None,
            &elements,
        )]))
    })
}

fn ci_value(settings: &TenantSettings, name: &str) -> Result<CiValue, ApiError> {
    Ok(match name {
        "showLogoInQuickbar" => CiValue::Flag(settings.get(setting("ci", name)?) == "true"),
        "spotColor" => CiValue::Text(spot_color(settings.get(setting("ci", "systemUiColor")?))),
        _ => CiValue::Text(settings.get(setting("ci", name)?).to_string()),
    })
}

/// The app permissions have paths on the wire and short names among the settings.
fn permission(settings: &TenantSettings, path: &str) -> Result<bool, ApiError> {
    let name = match path {
        "/onOfficeApp/timetracking/enabled" => "timetracking",
        other => other,
    };
    Ok(settings.get(setting("permissions", name)?) == "true")
}

/// The docs: "a calculated color derived from the system color that is automatically
/// darkened for light values". A colour whose relative luminance is above 0.6 is scaled to
/// 60 %, so that text on it stays readable; darker ones are the system colour itself.
fn spot_color(system: &str) -> String {
    let hex: String = match system.len() {
        3 => system.chars().flat_map(|c| [c, c]).collect(),
        _ => system.to_string(),
    };
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    let (Some(r), Some(g), Some(b)) = (channel(0), channel(2), channel(4)) else {
        return String::new();
    };
    let luminance = (0.2126 * f64::from(r) + 0.7152 * f64::from(g) + 0.0722 * f64::from(b)) / 255.0;
    let scale = if luminance > 0.6 { 0.6 } else { 1.0 };
    let dim = |c: u8| (f64::from(c) * scale).round() as u8;
    format!("{:02x}{:02x}{:02x}", dim(r), dim(g), dim(b))
}

#[cfg(test)]
mod tests {
    use super::spot_color;

    #[test]
    fn light_system_colours_are_darkened() {
        assert_eq!(spot_color("a52a2a"), "a52a2a", "the docs' example stays");
        assert_eq!(spot_color("ffffff"), "999999");
        assert_eq!(spot_color("fff"), "999999");
        assert_eq!(spot_color(""), "");
    }
}
