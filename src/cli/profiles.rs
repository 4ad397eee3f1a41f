//! `socialcare profiles`: print the site profiles the content script interprets.

use socialcare::model::Platform;
use socialcare::sites;
use std::process::ExitCode;

/// Options of `socialcare profiles`.
#[derive(clap::Args)]
pub struct Args {
    /// Print only this platform's profile (`x`, `facebook` or `instagram`).
    #[arg(long)]
    platform: Option<Platform>,
}

/// Prints every profile (or one platform's) as pretty JSON on stdout.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let profiles: Vec<_> = sites::profiles()
        .into_iter()
        .filter(|profile| {
            args.platform
                .is_none_or(|platform| profile.platform == platform)
        })
        .collect();
    println!("{}", serde_json::to_string_pretty(&profiles)?);
    Ok(ExitCode::SUCCESS)
}
