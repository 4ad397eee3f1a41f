//! `socialcare analyze` (being built; see the open issue).

use std::process::ExitCode;

/// Options of `socialcare analyze`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`analyze` is not built yet")
}
