//! `socialcare render`: renders an approved template for a platform and a
//! conversation, prints it as JSON (text, length, findings) and exits 1 when
//! it does not fit the platform or breaks a `block` rule.

use super::check::{load_policy, parse_context};
use anyhow::Context as _;
use socialcare::model::Platform;
use socialcare::templates::TemplateLibrary;
use socialcare::tone::has_block;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Options of `socialcare render`.
#[derive(clap::Args)]
pub struct Args {
    /// The templates file (TOML).
    #[arg(long)]
    templates: PathBuf,
    /// The template's id.
    #[arg(long)]
    id: String,
    /// x, facebook or instagram.
    #[arg(long)]
    platform: Platform,
    /// The conversation as JSON, inline or `@file.json`: customer, agent, ticket, prompts.
    #[arg(long)]
    context: Option<String>,
    /// A tone policy to re-check the rendered text against.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Render drafts and retired templates too (a lead's preview).
    #[arg(long)]
    allow_unapproved: bool,
}

/// Reads a templates file, naming the file in errors.
pub fn load_templates(path: &Path) -> anyhow::Result<TemplateLibrary> {
    let source =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    TemplateLibrary::from_toml(&source)
        .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let library = load_templates(&args.templates)?;
    let policy = args.policy.as_deref().map(load_policy).transpose()?;
    let context = parse_context(args.context.as_deref())?;
    let rendered = library.render(
        &args.id,
        args.platform,
        &context,
        policy.as_ref(),
        args.allow_unapproved,
    )?;
    println!("{}", serde_json::to_string_pretty(&rendered)?);
    let ok = rendered.fits && !has_block(&rendered.findings);
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
