//! `socialcare lint-templates` (being built; see the open issue).

use std::process::ExitCode;

/// Options of `socialcare lint-templates`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`lint-templates` is not built yet")
}
