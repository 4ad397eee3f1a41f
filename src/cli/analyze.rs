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
use socialcare::care::{assess, assess_with_language, Assessment, CareContext};
use socialcare::sentiment::Scores;
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

/// Writes one output line for a readable text: the faithful scores flattened
/// for scripts, then every field of the [`Assessment`] in its order, exactly
/// as `serde_json` writes them (a test checks the bytes). Keys and enum
/// values are literal bytes; only numbers and free text go through
/// `serde_json`.
fn write_row<W: Write>(output: &mut W, assessment: &Assessment) -> io::Result<()> {
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
    // The scores appear twice, so they are formatted once, on the stack
    // (four keys and four numbers of at most 24 characters each fit).
    let mut scores = [0u8; 160];
    let mut unused = &mut scores[..];
    write_scores(&mut unused, sentiment)?;
    let length = 160 - unused.len();
    let scores = &scores[..length];
    output.write_all(scores)?;
    output.write_all(b",\"sentiment\":")?;
    output.write_all(scores)?;
    output.write_all(b"},\"label\":")?;
    write_quoted(output, label.as_str())?;
    output.write_all(b",\"care_compound\":")?;
    write_json(output, care_compound)?;
    output.write_all(b",\"care_label\":")?;
    write_quoted(output, care_label.as_str())?;
    output.write_all(b",\"urgency\":")?;
    write_json(output, urgency)?;
    output.write_all(b",\"urgency_level\":")?;
    write_quoted(output, urgency_level.as_str())?;
    output.write_all(if *anger {
        b",\"anger\":true,\"intent\":"
    } else {
        b",\"anger\":false,\"intent\":"
    })?;
    write_quoted(output, intent.as_str())?;
    output.write_all(b",\"language\":")?;
    write_json(output, language)?;
    output.write_all(b",\"reasons\":[")?;
    for (i, reason) in reasons.iter().enumerate() {
        if i > 0 {
            output.write_all(b",")?;
        }
        write_json(output, reason)?;
    }
    output.write_all(b"]}")
}

/// `{"neg":…,"neu":…,"pos":…,"compound":…`, the object left open.
fn write_scores<W: Write>(output: &mut W, scores: &Scores) -> io::Result<()> {
    output.write_all(b"{\"neg\":")?;
    write_json(output, &scores.neg)?;
    output.write_all(b",\"neu\":")?;
    write_json(output, &scores.neu)?;
    output.write_all(b",\"pos\":")?;
    write_json(output, &scores.pos)?;
    output.write_all(b",\"compound\":")?;
    write_json(output, &scores.compound)
}

/// A string that needs no escaping (an enum's name), quoted.
fn write_quoted<W: Write>(output: &mut W, name: &str) -> io::Result<()> {
    output.write_all(b"\"")?;
    output.write_all(name.as_bytes())?;
    output.write_all(b"\"")
}

/// One JSON value as `serde_json` writes it.
fn write_json<W: Write>(output: &mut W, value: &(impl Serialize + ?Sized)) -> io::Result<()> {
    serde_json::to_writer(output, value).map_err(io::Error::from)
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
                write_row(&mut output, &assessment).context("writing stdout")?;
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
    fn a_row_is_the_scores_then_the_assessment_as_serde_writes_them() {
        let texts = [
            "@Shop where is my refund?? 3rd message!!! 😡",
            "Thank you so much, the support team was amazing ❤️",
            "",
        ];
        for text in texts {
            let assessment = assess_with_language(text, &CareContext::default(), Some("pt-BR"));
            let mut row = Vec::new();
            write_row(&mut row, &assessment).unwrap();
            let scores = serde_json::to_string(&assessment.sentiment).unwrap();
            let whole = serde_json::to_string(&assessment).unwrap();
            let expected = format!("{},{}", &scores[..scores.len() - 1], &whole[1..]);
            assert_eq!(String::from_utf8(row).unwrap(), expected);
        }
    }
}
