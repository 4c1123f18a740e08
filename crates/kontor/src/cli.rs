//! The command line, declared with clap's derive.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "kontor",
    version,
    about = "A server compatible with the onOffice API, and its tools"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Database: sqlite://PATH or postgres://USER@HOST/DB [default: sqlite://DATA_DIR/kontor.db]
    #[arg(long, env = "KONTOR_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Directory for the SQLite file and the key that encrypts API secrets.
    #[arg(long, env = "KONTOR_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
    /// Log format on stderr.
    #[arg(
        long,
        env = "KONTOR_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API (creates the demo tenant on an empty database).
    Serve(ServeArgs),
    /// Manage tenants (onOffice customers).
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// Manage API users (token and secret).
    #[command(subcommand)]
    Apiuser(ApiUserCommand),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "KONTOR_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Do not create the demo tenant on an empty database.
    #[arg(long)]
    pub no_demo: bool,
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Create a tenant.
    Create {
        /// 1 to 63 characters of a-z, 0-9, '-' and '_'.
        name: String,
    },
    /// List tenants.
    List,
}

#[derive(Debug, Subcommand)]
pub enum ApiUserCommand {
    /// Create an API user and print its token and secret.
    Create {
        #[arg(long)]
        tenant: String,
        /// 32 characters; generated when absent.
        #[arg(long)]
        token: Option<String>,
        /// 64 characters; generated when absent.
        #[arg(long)]
        secret: Option<String>,
    },
    /// List API users (never their secrets).
    List {
        #[arg(long)]
        tenant: Option<String>,
    },
    /// Give an API user a new secret and print it.
    RotateSecret {
        #[arg(long)]
        token: String,
        /// 64 characters; generated when absent.
        #[arg(long)]
        secret: Option<String>,
    },
}
