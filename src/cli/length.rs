//! `socialcare length`: prints `{"weighted_length":N,"valid":bool}` for each
//! line read on stdin, as the platform counts it.

use socialcare::model::Platform;
use socialcare::tone::length::default_limit;
use socialcare::tone::platform_length;
use std::io::BufRead as _;
use std::process::ExitCode;

/// Options of `socialcare length`.
#[derive(clap::Args)]
pub struct Args {
    /// x (weighted length, limit 280), facebook or instagram (code points).
    #[arg(long)]
    platform: Platform,
    /// The limit on Facebook or Instagram (default 8000 and 2200); X's is fixed.
    #[arg(long)]
    limit: Option<usize>,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let limit = args.limit.unwrap_or(default_limit(args.platform));
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line?;
        let length = platform_length(line.trim_end_matches('\r'), args.platform, limit);
        println!("{}", serde_json::to_string(&length)?);
    }
    Ok(ExitCode::SUCCESS)
}
