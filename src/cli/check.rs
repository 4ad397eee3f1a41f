//! `socialcare check`: checks a draft read on stdin against a tone policy,
//! prints the findings as JSON and exits 1 when one of them is a `block`.

use anyhow::Context as _;
use socialcare::model::Platform;
use socialcare::tone::{Audience, CheckRequest, Policy, ReplyContext};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Options of `socialcare check`.
#[derive(clap::Args)]
pub struct Args {
    /// The tone policy file (TOML).
    #[arg(long)]
    policy: PathBuf,
    /// Where the reply will be posted: x, facebook or instagram.
    #[arg(long)]
    platform: Platform,
    /// A public reply (the default).
    #[arg(long, conflicts_with = "private")]
    public: bool,
    /// A private message (the public-reply guard is off).
    #[arg(long)]
    private: bool,
    /// The conversation as JSON, inline or `@file.json`: customer, agent, ticket, prompts.
    #[arg(long)]
    context: Option<String>,
}

/// Reads and compiles a policy file, naming the file in errors.
pub fn load_policy(path: &Path) -> anyhow::Result<Policy> {
    let source =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Policy::from_toml(&source).map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))
}

/// Parses `--context`: inline JSON, or `@path` to a JSON file; none means empty.
pub fn parse_context(argument: Option<&str>) -> anyhow::Result<ReplyContext> {
    let Some(argument) = argument else {
        return Ok(ReplyContext::default());
    };
    let json = match argument.strip_prefix('@') {
        Some(path) => {
            std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?
        }
        None => argument.to_owned(),
    };
    serde_json::from_str(&json)
        .context("--context is not a valid context (JSON with customer, agent, ticket, prompts)")
}

/// Reads all of stdin, dropping one trailing line break.
pub fn read_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("cannot read stdin")?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let policy = load_policy(&args.policy)?;
    let context = parse_context(args.context.as_deref())?;
    let audience = Audience::of(!args.private);
    let draft = read_stdin()?;
    let request = CheckRequest {
        platform: args.platform,
        audience,
        context: &context,
    };
    let report = policy.report(&draft, &request);
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(if report.blocked {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
