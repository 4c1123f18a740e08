//! The command line, declared with clap's derive.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use kontor_server::ServerConfig;

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
    /// Send an action to onOffice or Kontor and print the result.
    Call(Box<CallArgs>),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Fill a tenant with deterministic German demo estates and addresses.
    Seed(SeedArgs),
    /// Manage a tenant's custom fields.
    #[command(subcommand)]
    Field(FieldCommand),
    /// Manage a tenant's saved filters (`get filters`, `filterid`).
    #[command(subcommand)]
    Filter(FilterCommand),
    /// Measure the server over HTTP against a minimal HTTP server measured in the same run;
    /// on PostgreSQL with --database-url, else on fresh SQLite files.
    Bench(Box<BenchArgs>),
}

#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:
  kontor bench --sizes 10000,100000 --duration-secs 5
  kontor bench --database-url postgres://postgres@127.0.0.1:5432/kontor_bench --sizes 10000
  kontor bench --scenario fields --sizes 10000,1000000 --markdown docs/results.md")]
pub struct BenchArgs {
    /// Estates per run, comma-separated; each size gets a fresh database.
    #[arg(long, value_delimiter = ',', default_values_t = [10_000u64, 100_000, 1_000_000])]
    pub sizes: Vec<u64>,
    /// Concurrent HTTP clients.
    #[arg(long, default_value_t = 16)]
    pub clients: usize,
    /// Seconds per measured run (after one second of warm-up); the per-field runs take a
    /// third of it, at least 2.
    #[arg(long, default_value_t = 10)]
    pub duration_secs: u64,
    /// Also stop a run after this many requests.
    #[arg(long, value_name = "N")]
    pub max_requests: Option<u64>,
    /// What to measure.
    #[arg(long, value_enum, default_value = "all")]
    pub scenario: BenchScenario,
    /// Keep the SQLite files in DIR instead of a temporary directory that is removed.
    #[arg(long, value_name = "DIR")]
    pub keep_data: Option<PathBuf>,
    /// Append the results as Markdown to FILE.
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Keep the server's per-request log line (off by default: its cost depends on where
    /// stderr goes, not on the server).
    #[arg(long)]
    pub request_log: bool,
}

/// What `kontor bench` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchScenario {
    /// Every scenario below.
    All,
    /// List reads of 20 estates, with a filter that changes every request and a repeated one.
    Read,
    /// A filter and a sort on each field websites filter on, and on two fields kept only in
    /// the record's JSON document (no column, no index).
    Fields,
    /// List reads of 500 estates with 30 fields.
    Read500,
    /// Estate creates, 100 actions per request.
    Create,
    /// The memory of a `kontor serve` process under load.
    Rss,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// The tenant to fill.
    #[arg(long, default_value = "demo")]
    pub tenant: String,
    /// Estates to create.
    #[arg(long, default_value_t = 1000)]
    pub estates: u64,
    /// Addresses to create.
    #[arg(long, default_value_t = 500)]
    pub addresses: u64,
    /// The same seed gives the same records.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum FieldCommand {
    /// Add a custom field, e.g. `kontor field add --tenant demo --module estate
    /// --name ind_1_Feld_ObjTech1 --type singleselect --label-deu Lage --label-eng Location
    /// --value ruhig=ruhig=quiet --value zentral=zentral=central`.
    Add(FieldAddArgs),
    /// List a module's fields (standard and custom).
    List {
        /// The tenant whose fields to list.
        #[arg(long)]
        tenant: String,
        /// estate or address.
        #[arg(long, default_value = "estate")]
        module: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum FilterCommand {
    /// Save a filter, e.g. `kontor filter add --tenant demo --module estate --name Published
    /// --filter '{"veroeffentlichen":[{"op":"=","val":1}]}'`.
    Add {
        /// The tenant to save the filter for.
        #[arg(long)]
        tenant: String,
        /// estate or address.
        #[arg(long)]
        module: String,
        /// The name `get filters` shows.
        #[arg(long)]
        name: String,
        /// public, office or private.
        #[arg(long, default_value = "office")]
        scope: String,
        /// The conditions in the API's own `filter` form (JSON).
        #[arg(long)]
        filter: String,
    },
    /// List a module's saved filters.
    List {
        /// The tenant whose filters to list.
        #[arg(long)]
        tenant: String,
        /// estate or address.
        #[arg(long, default_value = "estate")]
        module: String,
    },
}

#[derive(Debug, Args)]
pub struct FieldAddArgs {
    /// The tenant to add the field to.
    #[arg(long)]
    pub tenant: String,
    /// estate or address.
    #[arg(long)]
    pub module: String,
    /// ind_ followed by letters, digits and '_'.
    #[arg(long)]
    pub name: String,
    /// varchar, text, integer, float, boolean, date, datetime, singleselect, multiselect.
    #[arg(long = "type")]
    pub field_type: String,
    /// For varchar: the most characters a value may have.
    #[arg(long)]
    pub length: Option<u32>,
    /// The German label.
    #[arg(long)]
    pub label_deu: String,
    /// The English label.
    #[arg(long)]
    pub label_eng: Option<String>,
    /// A select value as KEY=GERMAN=ENGLISH (repeat for each value).
    #[arg(long = "value")]
    pub values: Vec<String>,
    /// The default value `get fields` reports (for a select field, one of the --value keys).
    #[arg(long)]
    pub default: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "KONTOR_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Do not create the demo tenant on an empty database.
    #[arg(long)]
    pub no_demo: bool,
    /// Bearer token that opens the admin endpoints (/admin/...); without it they answer 404.
    #[arg(long, env = "KONTOR_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// Seconds a client has to send a request's headers (also the longest a keep-alive
    /// connection stays idle); then the connection is closed.
    #[arg(long, env = "KONTOR_HEADER_TIMEOUT", value_name = "SECS",
          default_value_t = ServerConfig::default().header_read_timeout.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout: u64,
    /// Seconds a client has to send a whole request body; a late body is answered with an
    /// error and the connection is closed.
    #[arg(long, env = "KONTOR_BODY_TIMEOUT", value_name = "SECS",
          default_value_t = ServerConfig::default().body_read_timeout.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    pub body_timeout: u64,
    /// Connections open at once; more clients wait until one closes. Keep it below the
    /// file-descriptor limit (ulimit -n).
    #[arg(long, env = "KONTOR_MAX_CONNECTIONS", value_name = "N",
          default_value_t = ServerConfig::default().max_connections,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_connections: usize,
    /// Tenants that /metrics counts requests of by name (the first N to make a request);
    /// the others are counted together as "(other)".
    #[arg(long, env = "KONTOR_METRICS_TENANTS", value_name = "N",
          default_value_t = ServerConfig::default().metrics_tenants)]
    pub metrics_tenants: usize,
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
    /// Show or change a tenant's imprint and basic settings, as `read impressum` and `read
    /// basicsettings` answer them, e.g. `kontor tenant settings demo --set
    /// imprint.firma="Muster Immobilien GmbH" --set ci.color=2b5797 --logo logo.png`.
    /// Prints every setting (NAME=VALUE) afterwards.
    Settings {
        name: String,
        /// NAME=VALUE (imprint.*, ci.*, team.about, permissions.timetracking); an empty
        /// VALUE clears the setting. Repeat for more; all are checked before any is written.
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
        /// An image file to use as the logo (ci.logo, kept as base64).
        #[arg(long, value_name = "FILE")]
        logo: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApiUserCommand {
    /// Create an API user and print its token and secret.
    Create {
        /// The tenant the API user works in.
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
        /// Only this tenant's API users.
        #[arg(long)]
        tenant: Option<String>,
    },
    /// Give an API user a new secret and print it.
    RotateSecret {
        /// The API user's token.
        #[arg(long)]
        token: String,
        /// 64 characters; generated when absent.
        #[arg(long)]
        secret: Option<String>,
    },
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  kontor call get actionkindtypes --param lang=ENG
  kontor call read estate --data Id,kaufpreis --filter 'kaufpreis<300000' --sort kaufpreis --limit 10
  kontor call get fields --param modules='[\"estate\"]' --json
  kontor call read estate --all --json > estates.json
  kontor call get idsfromrelation --param parentids='[12,13]' \\
      --param relationtype=urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:owner
  kontor call --file action.json        (or --file - for stdin)

Endpoint and credentials: --url/--token/--secret, else --profile NAME from
~/.config/kontor/profiles.toml, else KONTOR_URL/KONTOR_TOKEN/KONTOR_SECRET, else the
profile named by KONTOR_PROFILE or [default]. Without a URL: the public onOffice API.")]
pub struct CallArgs {
    /// read, create, modify, delete, get or do.
    #[arg(required_unless_present = "file")]
    pub verb: Option<String>,
    /// The resource type: estate, address, fields, actionkindtypes, …
    #[arg(required_unless_present = "file")]
    pub resourcetype: Option<String>,
    /// The resource id (a record id, or a sub-selector such as `estate` for `get search`).
    #[arg(long = "id", value_name = "RESOURCEID")]
    pub resourceid: Option<String>,
    /// Fields to read (`Id,kaufpreis`), or a JSON object of values to write.
    #[arg(long, value_name = "FIELDS|JSON")]
    pub data: Option<String>,
    /// A condition such as 'kaufpreis<300000', 'ort in Aachen,Köln', 'plz between 52062..52080',
    /// 'ort ~ Aach%'; repeat for AND.
    #[arg(long = "filter", value_name = "EXPR")]
    pub filters: Vec<String>,
    /// Sort by a field; `-field` or `field:desc` for descending; repeat for more keys.
    #[arg(long = "sort", value_name = "FIELD", allow_hyphen_values = true)]
    pub sort: Vec<String>,
    /// listlimit: records per request (with --all: per page, at most 500).
    #[arg(long)]
    pub limit: Option<u32>,
    /// listoffset: the first record to read.
    #[arg(long)]
    pub offset: Option<u64>,
    /// Any parameter; the value is taken as JSON when it parses as JSON, else as a string.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Read the action(s) from a JSON file (`-` for stdin): one action, a list of actions, or
    /// a whole request; `verb`/`actionid`, `resourcetype`, `resourceid`, `parameters`.
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Page through every record (listoffset in steps of --limit), with progress on stderr.
    #[arg(long, conflicts_with_all = ["raw", "offset"])]
    pub all: bool,
    /// With --all: stop after this many records.
    #[arg(long, requires = "all", value_name = "N")]
    pub max: Option<u64>,
    /// Print the result data as JSON.
    #[arg(long, conflicts_with = "raw")]
    pub json: bool,
    /// Print the response envelope exactly as received.
    #[arg(long)]
    pub raw: bool,
    /// The server (`http://127.0.0.1:8080`), its API directory (`…/api/`) or the endpoint
    /// (`…/api/stable/api.php`).
    #[arg(long)]
    pub url: Option<String>,
    /// API token (32 characters).
    #[arg(long)]
    pub token: Option<String>,
    /// API secret (64 characters).
    #[arg(long)]
    pub secret: Option<String>,
    /// A profile of ~/.config/kontor/profiles.toml.
    #[arg(long)]
    pub profile: Option<String>,
    /// API version, for a URL that does not name one [default: stable].
    #[arg(long, value_parser = ["stable", "latest"])]
    pub api_version: Option<String>,
    /// Sign with the legacy HMAC v1 instead of v2.
    #[arg(long)]
    pub hmac_v1: bool,
    /// Seconds to wait for an answer.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
