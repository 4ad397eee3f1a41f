//! `socialcare suggest`: ranks the approved templates for a customer's post
//! read on stdin, using the care intelligence's intent and language.

use super::check::read_stdin;
use super::render::load_templates;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `socialcare suggest`.
#[derive(clap::Args)]
pub struct Args {
    /// The templates file (TOML).
    #[arg(long)]
    templates: PathBuf,
    /// How many templates to return.
    #[arg(long, default_value_t = 3)]
    k: usize,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let library = load_templates(&args.templates)?;
    let post = read_stdin()?;
    let report = library.suggest_for_post(&post, args.k);
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(ExitCode::SUCCESS)
}
