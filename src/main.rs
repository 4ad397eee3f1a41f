//! `socialcare`: the core's command line, for leads' scripts, CI and
//! benchmarks. Each subcommand lives in its own module under `src/cli/`.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Socialcare's core on the command line: analyse customer text, check drafts
/// against a tone policy, render and suggest templates, and inspect site profiles.
#[derive(Parser)]
#[command(name = "socialcare", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse one text per line on stdin; write one JSON object per line.
    Analyze(cli::analyze::Args),
    /// Score the care layer on the labelled posts: P/R/F1 per intent, anger, high urgency.
    EvalCare(cli::eval_care::Args),
    /// Check a draft (stdin) against a tone policy; exit 1 on a `block` finding.
    Check(cli::check::Args),
    /// Render an approved template for a platform and context.
    Render(cli::render::Args),
    /// Suggest templates for a customer's post read on stdin.
    Suggest(cli::suggest::Args),
    /// Print a platform's weighted length for each line on stdin.
    Length(cli::length::Args),
    /// Check every template against a policy, for leads' CI.
    LintTemplates(cli::lint_templates::Args),
    /// Print the site profiles the content script interprets, as JSON.
    Profiles(cli::profiles::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Analyze(args) => cli::analyze::run(args),
        Command::EvalCare(args) => cli::eval_care::run(args),
        Command::Check(args) => cli::check::run(args),
        Command::Render(args) => cli::render::run(args),
        Command::Suggest(args) => cli::suggest::run(args),
        Command::Length(args) => cli::length::run(args),
        Command::LintTemplates(args) => cli::lint_templates::run(args),
        Command::Profiles(args) => cli::profiles::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("socialcare: {error:#}");
            ExitCode::from(2)
        }
    }
}
