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
    /// A labelled set in the `tests/care_eval/posts.tsv` format; repeat to
    /// score several as one (default: that file, built in).
    #[arg(long)]
    file: Vec<PathBuf>,
    /// Also list every post whose intent, anger or high-urgency reading is wrong.
    #[arg(long)]
    misses: bool,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut posts = Vec::new();
    if args.file.is_empty() {
        posts = parse_labelled_posts(BUILT_IN_SET).context("reading the built-in labelled set")?;
    }
    for path in &args.file {
        let tsv =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        posts.extend(
            parse_labelled_posts(&tsv).with_context(|| format!("reading {}", path.display()))?,
        );
    }
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
                assessment
                    .reasons
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
