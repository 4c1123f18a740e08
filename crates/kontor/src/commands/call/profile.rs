//! Where `kontor call` gets its endpoint and credentials.
//!
//! Per value, first found wins: the flag (`--url`, `--token`, `--secret`); the profile named
//! by `--profile`; the environment (`KONTOR_URL`, `KONTOR_TOKEN`, `KONTOR_SECRET`); the profile
//! named by `KONTOR_PROFILE`, or `[default]`. As with the AWS CLI, a profile asked for on the
//! command line beats the environment, and an implicit one does not. The file is
//! `$XDG_CONFIG_HOME/kontor/profiles.toml`, by default `~/.config/kontor/profiles.toml`:
//!
//! ```toml
//! [default]
//! url = "http://127.0.0.1:8080"
//! token = "…32 characters…"
//! secret = "…64 characters…"
//! ```
//!
//! The URL may be the server root, its API directory (`…/api/`) or the full endpoint
//! (`…/api/stable/api.php`), wherever it comes from: kontor-client's [`Endpoint`] parses it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use kontor_client::{ApiVersion, Endpoint};
use serde::Deserialize;

use crate::cli::CallArgs;
use crate::commands::CommandError;

/// One profile of the file. Unknown keys are refused, so that a typo (`secert`) is reported
/// instead of silently falling back to another source.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub url: Option<String>,
    pub token: Option<String>,
    pub secret: Option<String>,
}

/// What the client is built from.
#[derive(Debug)]
pub struct Settings {
    /// The public onOffice API when no URL was given.
    pub endpoint: Endpoint,
    pub token: String,
    pub secret: String,
}

const FILE_HINT: &str = "~/.config/kontor/profiles.toml";

pub fn resolve(args: &CallArgs) -> Result<Settings, CommandError> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let (explicit, implicit) = match (&args.profile, env("KONTOR_PROFILE")) {
        (Some(name), _) => (Some(load(name, true)?), Profile::default()),
        (None, Some(name)) => (None, load(&name, true)?),
        (None, None) => (None, load("default", false)?),
    };
    let implicit_name = env("KONTOR_PROFILE").unwrap_or_else(|| "default".to_string());
    // The value and where it came from, so that a bad one is reported with its source.
    let pick = |flag: &Option<String>, env_name: &str, field: fn(&Profile) -> &Option<String>| {
        let profile = |name: &str| format!("profile {name:?}");
        flag.clone()
            .map(|v| {
                (
                    v,
                    format!(
                        "--{}",
                        env_name.trim_start_matches("KONTOR_").to_lowercase()
                    ),
                )
            })
            .or_else(|| {
                let name = args.profile.as_deref().unwrap_or_default();
                explicit
                    .as_ref()
                    .and_then(|p| field(p).clone())
                    .map(|v| (v, profile(name)))
            })
            .or_else(|| env(env_name).map(|v| (v, env_name.to_string())))
            .or_else(|| {
                field(&implicit)
                    .clone()
                    .map(|v| (v, profile(&implicit_name)))
            })
    };
    let version = args.api_version.as_deref().and_then(ApiVersion::parse);
    let endpoint = match pick(&args.url, "KONTOR_URL", |p| &p.url) {
        Some((url, source)) => Endpoint::parse(&url, version)
            .map_err(|e| CommandError::Message(format!("{source}: {e}")))?,
        None => Endpoint::onoffice(version.unwrap_or_default()),
    };
    let token = pick(&args.token, "KONTOR_TOKEN", |p| &p.token).map(|(v, _)| v);
    let secret = pick(&args.secret, "KONTOR_SECRET", |p| &p.secret).map(|(v, _)| v);
    let missing = |what: &str, flag: &str, var: &str| {
        CommandError::Message(format!(
            "no API {what}: pass --{flag}, set {var}, or add `{flag} = \"…\"` to a profile in {FILE_HINT}"
        ))
    };
    Ok(Settings {
        endpoint,
        token: token.ok_or_else(|| missing("token", "token", "KONTOR_TOKEN"))?,
        secret: secret.ok_or_else(|| missing("secret", "secret", "KONTOR_SECRET"))?,
    })
}

fn profiles_file() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("kontor").join("profiles.toml"))
}

/// The profile `name`. A profile that was asked for must exist; `[default]` need not.
fn load(name: &str, required: bool) -> Result<Profile, CommandError> {
    let Some(path) = profiles_file() else {
        return if required {
            Err(CommandError::Message(format!(
                "profile {name:?}: cannot find {FILE_HINT} (HOME is not set)"
            )))
        } else {
            Ok(Profile::default())
        };
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            return Ok(Profile::default())
        }
        Err(e) => {
            return Err(CommandError::Message(format!(
                "profile {name:?}: cannot read {}: {e}",
                path.display()
            )))
        }
    };
    let mut profiles: BTreeMap<String, Profile> = toml::from_str(&text).map_err(|e| {
        // toml's own rendering spans several lines; keep the message and the line number.
        let line = e
            .span()
            .map(|s| text.get(..s.start).unwrap_or(&text).matches('\n').count() + 1)
            .unwrap_or(1);
        CommandError::Message(format!("{}:{line}: {}", path.display(), e.message().trim()))
    })?;
    match profiles.remove(name) {
        Some(profile) => Ok(profile),
        None if !required => Ok(Profile::default()),
        None => {
            let known: Vec<&str> = profiles.keys().map(String::as_str).collect();
            Err(CommandError::Message(format!(
                "no profile {name:?} in {} (profiles: {})",
                path.display(),
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            )))
        }
    }
}
