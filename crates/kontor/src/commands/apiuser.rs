//! `kontor apiuser create|list|rotate-secret`.

use kontor_proto::credentials::{SECRET_LEN, TOKEN_LEN};
use kontor_proto::{ApiSecret, ApiToken};
use kontor_store::crypto::random_alphanumeric;
use kontor_store::{ApiUserStore, NewCredentials, Store, StoreError, TenantName, TenantStore};

use super::CommandError;
use crate::cli::{ApiUserCommand, Global};
use crate::settings::open_store;

pub async fn run(global: &Global, cmd: ApiUserCommand) -> Result<(), CommandError> {
    let (store, _) = open_store(global).await?;
    match cmd {
        ApiUserCommand::Create {
            tenant,
            token,
            secret,
        } => {
            let tenant = TenantName::parse(&tenant).map_err(CommandError::Message)?;
            let credentials = credentials(token.as_deref(), secret.as_deref())?;
            create(&store, &tenant, &credentials).await?;
            println!("created an API user for tenant {tenant}");
            print_credentials(&credentials);
        }
        ApiUserCommand::List { tenant } => {
            let tenant = tenant
                .map(|t| TenantName::parse(&t).map_err(CommandError::Message))
                .transpose()?;
            println!("tenant\ttoken\tactive\tcreated_at\trotated_at");
            for user in store.list_api_users(tenant.as_ref()).await? {
                let rotated = user.rotated_at.map(|r| r.to_string()).unwrap_or_default();
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    user.tenant, user.token, user.active, user.created_at, rotated
                );
            }
        }
        ApiUserCommand::RotateSecret { token, secret } => {
            let token = ApiToken::parse(&token)?;
            let secret = match secret {
                Some(s) => ApiSecret::parse(&s)?,
                None => ApiSecret::parse(&random_alphanumeric(SECRET_LEN))?,
            };
            store.rotate_secret(&token, &secret).await?;
            println!("new secret for token {token} (shown once):");
            println!("  secret:   {}", secret.expose());
        }
    }
    store.close().await;
    Ok(())
}

/// Given credentials are checked for length (naming a swap); missing ones are generated.
pub fn credentials(
    token: Option<&str>,
    secret: Option<&str>,
) -> Result<NewCredentials, CommandError> {
    let token = match token {
        Some(t) => ApiToken::parse(t)?,
        None => ApiToken::parse(&random_alphanumeric(TOKEN_LEN))?,
    };
    let secret = match secret {
        Some(s) => ApiSecret::parse(s)?,
        None => ApiSecret::parse(&random_alphanumeric(SECRET_LEN))?,
    };
    Ok(NewCredentials { token, secret })
}

pub async fn create(
    store: &Store,
    tenant: &TenantName,
    credentials: &NewCredentials,
) -> Result<(), CommandError> {
    let found = store
        .tenant_by_name(tenant)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "tenant",
            name: tenant.to_string(),
        })?;
    store
        .create_api_user(found.id, &credentials.token, &credentials.secret)
        .await?;
    Ok(())
}

pub fn print_credentials(credentials: &NewCredentials) {
    println!("  token:    {}", credentials.token);
    println!("  secret:   {}", credentials.secret.expose());
}
