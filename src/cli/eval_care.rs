//! `socialcare eval-care`: scores the care layer on the team's labelled posts
//! and prints precision/recall/F1 per intent and for anger and high urgency.

use anyhow::Context;
use socialcare::care::evaluation::{parse_labelled_posts, Evaluation};
use std::path::PathBuf;
use std::process::ExitCode;

/// The labelled set shipped with the source, compiled into the binary.
const BUILT_IN_SET: &str = include_str!("../../tests/care_eval/posts.tsv");

/// Options of `socialcare eval-care`.
#[derive(clap::Args)]
pub struct Args {
    /// A labelled set in the `tests/care_eval/posts.tsv` format (default: that file, built in).
    #[arg(long)]
    file: Option<PathBuf>,
    /// Also list every post whose intent, anger or high-urgency reading is wrong.
    #[arg(long)]
    misses: bool,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tsv = match &args.file {
        Some(path) => {
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?
        }
        None => BUILT_IN_SET.to_owned(),
    };
    let posts = parse_labelled_posts(&tsv).context("reading the labelled set")?;
    let evaluation = Evaluation::run(&posts);
    println!("{evaluation}");
    if args.misses {
        for (post, assessment) in evaluation.misses() {
            println!(
                "\n{:?}\n  label:  {} anger={} urgency={:?}\n  output: {} anger={} urgency={} {:?} reasons={:?}",
                post.text,
                post.intent.as_str(),
                post.anger,
                post.urgency,
                assessment.intent.as_str(),
                assessment.anger,
                assessment.urgency,
                assessment.urgency_level,
                assessment.reasons
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
