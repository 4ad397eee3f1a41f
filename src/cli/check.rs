//! `socialcare check` (being built; see the open issue).

use std::process::ExitCode;

/// Options of `socialcare check`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`check` is not built yet")
}
