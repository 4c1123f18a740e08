//! Where the database and the secret key come from, and logging.

use std::io::IsTerminal;

use kontor_store::{DatabaseUrl, SecretKey, Store};

use crate::cli::{Global, LogFormat};
use crate::commands::CommandError;

/// Environment variable holding the secret-sealing key as 64 hex characters. When set, it
/// wins over the key file, so that several processes on one PostgreSQL share one key.
const KEY_ENV: &str = "KONTOR_SECRET_KEY";

pub fn database_url(global: &Global) -> Result<DatabaseUrl, CommandError> {
    let text = match &global.database_url {
        Some(url) => url.clone(),
        None => format!("sqlite://{}", global.data_dir.join("kontor.db").display()),
    };
    Ok(DatabaseUrl::parse(&text)?)
}

pub fn secret_key(global: &Global) -> Result<SecretKey, CommandError> {
    match std::env::var(KEY_ENV) {
        Ok(hex) if !hex.is_empty() => {
            SecretKey::from_hex(&hex).map_err(|e| CommandError::Message(format!("{KEY_ENV}: {e}")))
        }
        _ => Ok(SecretKey::load_or_create(
            &global.data_dir.join("secret.key"),
        )?),
    }
}

pub async fn open_store(global: &Global) -> Result<(Store, DatabaseUrl), CommandError> {
    let url = database_url(global)?;
    let key = secret_key(global)?;
    let store = Store::open(&url, &key)
        .await
        .map_err(|e| CommandError::Message(format!("cannot open {url}: {e}")))?;
    Ok((store, url))
}

pub fn init_logging(global: &Global) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    match global.log_format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}
