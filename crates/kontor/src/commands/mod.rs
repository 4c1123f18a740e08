//! One module per command group.

mod apiuser;
mod bench;
mod call;
mod completions;
mod field;
mod filter;
mod seed;
mod serve;
mod tenant;

use kontor_proto::CredentialError;
use kontor_store::StoreError;

use crate::cli::{Cli, Command};

/// What a command reports to the user: one line on stderr, exit status 1.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Credential(#[from] CredentialError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Message(String),
}

pub async fn run(cli: Cli) -> Result<(), CommandError> {
    match cli.command {
        Command::Serve(args) => serve::run(&cli.global, args).await,
        Command::Tenant(cmd) => tenant::run(&cli.global, cmd).await,
        Command::Apiuser(cmd) => apiuser::run(&cli.global, cmd).await,
        Command::Call(args) => call::run(*args).await,
        Command::Completions(args) => completions::run(&args),
        Command::Seed(args) => seed::run(&cli.global, args).await,
        Command::Field(cmd) => field::run(&cli.global, cmd).await,
        Command::Filter(cmd) => filter::run(&cli.global, cmd).await,
        Command::Bench(args) => bench::run(&cli.global, *args).await,
    }
}

/// The tenant a command names, or the error that says it does not exist.
pub(crate) async fn find_tenant(
    store: &kontor_store::Store,
    name: &str,
) -> Result<kontor_store::Tenant, CommandError> {
    use kontor_store::TenantStore;
    let name = kontor_store::TenantName::parse(name).map_err(CommandError::Message)?;
    let found = store.tenant_by_name(&name).await?;
    Ok(found.ok_or_else(|| StoreError::NotFound {
        what: "tenant",
        name: name.to_string(),
    })?)
}

/// A module name given on the command line.
pub(crate) fn parse_module(name: &str) -> Result<kontor_store::Module, CommandError> {
    kontor_store::Module::by_name(name).ok_or_else(|| {
        CommandError::Message(format!("unknown module {name:?}: use estate or address"))
    })
}
