//! The command line: every subcommand takes the same database options.

use crate::storage::DatabaseUrl;
use clap::{Args, Parser, Subcommand};
use socialcare::model::Role;
use std::net::SocketAddr;
use std::path::PathBuf;

/// socialcare-store: the team's shared store for Socialcare (SQLite by default, PostgreSQL to scale out).
#[derive(Debug, Parser)]
#[command(name = "socialcare-store", version, about)]
pub struct Cli {
    /// Where the data lives.
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The database options every subcommand shares.
#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// SQLite file (created with its schema on first use).
    #[arg(
        long,
        global = true,
        env = "SOCIALCARE_DB",
        default_value = "socialcare.db",
        conflicts_with = "database_url"
    )]
    pub db: PathBuf,
    /// Database URL instead of --db: postgres://user@host:port/db or sqlite://PATH.
    #[arg(long, global = true, env = "SOCIALCARE_DATABASE_URL")]
    pub database_url: Option<String>,
}

impl DatabaseArgs {
    /// The database these options name.
    pub fn url(&self) -> Result<DatabaseUrl, String> {
        match &self.database_url {
            Some(url) => DatabaseUrl::parse(url),
            None => Ok(DatabaseUrl::Sqlite(self.db.clone())),
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the HTTP API and the live channel.
    Serve(ServeArgs),
    /// Manage teams.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Manage members' tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Write a consistent copy of the SQLite database to PATH while the store runs.
    Backup {
        /// The new file.
        path: PathBuf,
    },
    /// Print a team's records and audit log as JSON lines (never tokens).
    Export {
        /// The team.
        #[arg(long)]
        team: String,
    },
    /// Load an `export` file into a new team of this database (records, versions and audit log kept).
    Import {
        /// The new team's name (default: the exported team's name); it must not exist yet.
        #[arg(long)]
        team: Option<String>,
        /// The export file (`-` for standard input).
        file: PathBuf,
    },
    /// Print a team's report for a period: the figures of `GET /v1/reports/team`, or with
    /// `--ideas` the product ideas of `GET /v1/reports/ideas`.
    Report(ReportArgs),
}

/// `report` options.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The team.
    #[arg(long)]
    pub team: String,
    /// First day of the period (YYYY-MM-DD, in `--tz`).
    #[arg(long)]
    pub from: String,
    /// Last day of the period, included (YYYY-MM-DD).
    #[arg(long)]
    pub to: String,
    /// The IANA time zone of the days (e.g. Europe/Paris).
    #[arg(long, default_value = "UTC")]
    pub tz: String,
    /// JSON (the whole report) or CSV (one row for the team, each platform and each agent;
    /// with `--ideas`, one row per post).
    #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
    pub format: ReportFormat,
    /// The product ideas of the period, grouped by wording, instead of the team's figures.
    #[arg(long)]
    pub ideas: bool,
}

/// How `report` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// The report as JSON.
    Json,
    /// The summary table as CSV.
    Csv,
}

/// `serve` options.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the address is printed).
    #[arg(long, env = "SOCIALCARE_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// Extension origin allowed to call the store (repeat, or comma-separate in the variable).
    #[arg(
        long = "allow-origin",
        env = "SOCIALCARE_ALLOW_ORIGINS",
        value_delimiter = ','
    )]
    pub allow_origins: Vec<String>,
    /// Largest request body in bytes.
    #[arg(long, env = "SOCIALCARE_MAX_BODY_BYTES", default_value_t = 1_048_576)]
    pub max_body_bytes: usize,
    /// Requests per second allowed per token, on average.
    #[arg(long, env = "SOCIALCARE_RATE_LIMIT", default_value_t = 100)]
    pub rate_limit: u32,
    /// Requests a token may burst above the average.
    #[arg(long, env = "SOCIALCARE_RATE_BURST", default_value_t = 200)]
    pub rate_burst: u32,
    /// How often the version poll (the backstop of cross-process pokes) runs, in milliseconds.
    #[arg(long, env = "SOCIALCARE_POLL_INTERVAL_MS", default_value_t = 1_000)]
    pub poll_interval_ms: u64,
}

/// `team` subcommands.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Create a team and print its first admin token (shown once).
    Create {
        /// The team's name: 1–64 of a-z, 0-9, - and _.
        name: String,
        /// The first admin's name.
        #[arg(long, default_value = "Admin")]
        admin_name: String,
        /// The first admin's initials.
        #[arg(long, default_value = "AD")]
        admin_initials: String,
    },
    /// List the teams and their versions.
    List,
}

/// `token` subcommands.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Add a member and print their token (shown once).
    Issue {
        /// The team.
        #[arg(long)]
        team: String,
        /// The member's full name.
        #[arg(long)]
        name: String,
        /// The member's initials (1–4 letters).
        #[arg(long)]
        initials: String,
        /// agent, lead or admin.
        #[arg(long, default_value = "agent")]
        role: Role,
    },
    /// Revoke a token by its id (see `token list`).
    Revoke {
        /// The team.
        #[arg(long)]
        team: String,
        /// The token id.
        token_id: String,
    },
    /// List a team's tokens (never their secrets).
    List {
        /// The team.
        #[arg(long)]
        team: String,
    },
}
