//! `socialcare lint-templates`: checks every template against a policy for
//! leads' CI; exits 1 when an approved template can break a `block` rule.

use super::check::load_policy;
use super::render::load_templates;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `socialcare lint-templates`.
#[derive(clap::Args)]
pub struct Args {
    /// The templates file (TOML).
    #[arg(long)]
    templates: PathBuf,
    /// The tone policy file (TOML).
    #[arg(long)]
    policy: PathBuf,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let library = load_templates(&args.templates)?;
    let policy = load_policy(&args.policy)?;
    let reports = library.lint(&policy);
    println!("{}", serde_json::to_string_pretty(&reports)?);
    let failing: Vec<&str> = reports
        .iter()
        .filter(|r| r.fails)
        .map(|r| r.id.as_str())
        .collect();
    if failing.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "approved templates that can break a block rule: {}",
            failing.join(", ")
        );
        Ok(ExitCode::from(1))
    }
}
