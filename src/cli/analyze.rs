//! `socialcare analyze`: one text per line on stdin, one JSON object per line
//! on stdout with the faithful VADER scores and the care reading.
//!
//! The language is what `--language` says, or detected per line with
//! `--detect-language`, or left `null`: detection costs many times the rest
//! of the analysis, so it runs only when asked for.
//!
//! Bad input gets a defined result, never a panic: an empty line gives the
//! all-zero neutral reading, a line that is not UTF-8 or longer than
//! `--max-bytes` gives `{"line": n, "error": "..."}` and exit status 1 once
//! every line is done.

use anyhow::Context;
use serde::Serialize;
use socialcare::care::{
    assess, assess_with_language, Assessment, CareContext, Intent, UrgencyLevel,
};
use socialcare::sentiment::{Label, Scores};
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

/// Options of `socialcare analyze`.
#[derive(clap::Args)]
pub struct Args {
    /// Lines longer than this many bytes are reported as errors.
    #[arg(long, default_value_t = 100_000)]
    max_bytes: usize,
    /// Messages the customer sent before, applied to every line.
    #[arg(long)]
    prior_messages: Option<u32>,
    /// Minutes since the customer's first message, applied to every line.
    #[arg(long)]
    minutes_since_first_message: Option<u32>,
    /// Minutes the customer has waited, applied to every line.
    #[arg(long)]
    waiting_minutes: Option<u32>,
    /// The language of every line (BCP 47 tag or ISO 639-1 code; "pt-BR" gives "pt").
    #[arg(long, conflicts_with = "detect_language")]
    language: Option<String>,
    /// Detect each line's language (whatlang; several times slower than the rest).
    #[arg(long)]
    detect_language: bool,
}

/// One output line for a readable text: the faithful scores flattened for
/// scripts, then every field of the [`Assessment`] in its order (written
/// out rather than `#[serde(flatten)]`, which buffers each row into a map;
/// a test checks the two agree).
#[derive(Serialize)]
struct Row<'a> {
    neg: f64,
    neu: f64,
    pos: f64,
    compound: f64,
    sentiment: &'a Scores,
    label: Label,
    care_compound: f64,
    care_label: Label,
    urgency: f64,
    urgency_level: UrgencyLevel,
    anger: bool,
    intent: Intent,
    language: &'a Option<String>,
    reasons: &'a [String],
}

impl<'a> Row<'a> {
    fn new(assessment: &'a Assessment) -> Row<'a> {
        let Assessment {
            sentiment,
            label,
            care_compound,
            care_label,
            urgency,
            urgency_level,
            anger,
            intent,
            language,
            reasons,
        } = assessment;
        Row {
            neg: sentiment.neg,
            neu: sentiment.neu,
            pos: sentiment.pos,
            compound: sentiment.compound,
            sentiment,
            label: *label,
            care_compound: *care_compound,
            care_label: *care_label,
            urgency: *urgency,
            urgency_level: *urgency_level,
            anger: *anger,
            intent: *intent,
            language,
            reasons,
        }
    }
}

/// One output line for an unreadable input line.
#[derive(Serialize)]
struct Failure {
    line: usize,
    error: String,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let context = CareContext {
        prior_messages: args.prior_messages,
        minutes_since_first_message: args.minutes_since_first_message,
        waiting_minutes: args.waiting_minutes,
    };
    let mut input = io::stdin().lock();
    let mut output = BufWriter::new(io::stdout().lock());
    let mut buffer = Vec::new();
    let mut failed = false;
    for line_number in 1.. {
        buffer.clear();
        let read = input
            .read_until(b'\n', &mut buffer)
            .context("reading stdin")?;
        if read == 0 {
            break;
        }
        strip_line_end(&mut buffer);
        match decode(&buffer, args.max_bytes) {
            Ok(text) => {
                let assessment = if args.detect_language {
                    assess(text, &context)
                } else {
                    assess_with_language(text, &context, args.language.as_deref())
                };
                serde_json::to_writer(&mut output, &Row::new(&assessment))?;
            }
            Err(error) => {
                failed = true;
                serde_json::to_writer(
                    &mut output,
                    &Failure {
                        line: line_number,
                        error,
                    },
                )?;
            }
        }
        output.write_all(b"\n").context("writing stdout")?;
    }
    output.flush().context("writing stdout")?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Drops a trailing `\n` or `\r\n`.
fn strip_line_end(line: &mut Vec<u8>) {
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
}

/// The line as text, or why it cannot be analysed.
fn decode(line: &[u8], max_bytes: usize) -> Result<&str, String> {
    if line.len() > max_bytes {
        return Err(format!(
            "line is {} bytes, over the {max_bytes}-byte limit (--max-bytes)",
            line.len()
        ));
    }
    std::str::from_utf8(line).map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_the_scores_then_the_assessment() {
        let assessment = assess(
            "@Shop where is my refund?? 3rd message!!!",
            &CareContext::default(),
        );
        let row = serde_json::to_value(Row::new(&assessment)).unwrap();
        let serde_json::Value::Object(mut row) = row else {
            panic!("a row is an object")
        };
        for key in ["neg", "neu", "pos", "compound"] {
            assert_eq!(
                row.remove(key).unwrap(),
                serde_json::to_value(&assessment.sentiment).unwrap()[key]
            );
        }
        assert_eq!(
            serde_json::Value::Object(row),
            serde_json::to_value(&assessment).unwrap()
        );
    }
}
