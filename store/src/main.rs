//! `socialcare-store`: the team's shared store for Socialcare.
//!
//! One binary: `serve` (HTTP API, sync, live channel), `team`, `token`, `backup`,
//! `export`, `import` and `report`. SQLite by default; PostgreSQL to run several processes.

mod approval;
mod cli;
mod commands;
mod engine;
mod error;
mod fanout;
mod http;
mod hub;
mod idea_report;
mod import;
mod metrics;
mod ratelimit;
mod report;
mod serve;
mod storage;
mod token;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter =
        EnvFilter::try_from_env("SOCIALCARE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // Structured logs: JSON lines with SOCIALCARE_LOG_FORMAT=json, plain text otherwise.
    if std::env::var("SOCIALCARE_LOG_FORMAT").is_ok_and(|format| format == "json") {
        logs.json().init();
    } else {
        logs.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init();
    }
    let result = match cli.database.url() {
        Err(message) => Err(anyhow::anyhow!(message)),
        Ok(url) => run(url, cli.command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("socialcare-store: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(url: storage::DatabaseUrl, command: Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match command {
            Command::Serve(args) => serve::serve(url, args).await,
            Command::Team(command) => commands::team(&url, command).await,
            Command::Token(command) => commands::token(&url, command).await,
            Command::Backup { path } => commands::backup(&url, path).await,
            Command::Export { team } => commands::export(&url, &team).await,
            Command::Import { team, file } => commands::import(&url, team, &file).await,
            Command::Report(args) => commands::report(&url, args).await,
        }
    })
}
