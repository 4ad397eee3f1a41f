//! `socialcare analyze`: one text per line on stdin, one JSON object per line
//! on stdout with the faithful VADER scores and the care reading, in input
//! order; the lines are analysed on every core.
//!
//! The language is what `--language` says, or detected per line with
//! `--detect-language`, or left `null`: detection costs many times the rest
//! of the analysis, so it runs only when asked for.
//!
//! Bad input gets a defined result, never a panic: an empty line gives the
//! all-zero neutral reading, a line that is not UTF-8 or longer than
//! `--max-bytes` gives `{"line": n, "error": "..."}` and exit status 1 once
//! every line is done.

mod queue;

use anyhow::Context;
use queue::{Done, Job, Queue};
use serde::Serialize;
use socialcare::care::{assess, assess_with_language, Assessment, CareContext};
use socialcare::sentiment::Scores;
use std::io::{self, Read, Write};
use std::process::ExitCode;
use std::sync::Arc;

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
/// values are literal bytes; only odd numbers and free text go through
/// `serde_json`. Everything before the language is put together in `row`
/// and appended to `output` at once.
fn write_row(output: &mut Vec<u8>, row: &mut Row, assessment: &Assessment) -> io::Result<()> {
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
    row.length = 0;
    // The scores appear twice, so they are formatted once.
    row.put_scores(sentiment)?;
    let scores = row.length;
    row.put(b",\"sentiment\":");
    row.put_again(scores);
    row.put(b"},\"label\":");
    row.put_quoted(label.as_str());
    row.put(b",\"care_compound\":");
    row.put_score(*care_compound)?;
    row.put(b",\"care_label\":");
    row.put_quoted(care_label.as_str());
    row.put(b",\"urgency\":");
    row.put_score(*urgency)?;
    row.put(b",\"urgency_level\":");
    row.put_quoted(urgency_level.as_str());
    row.put(if *anger {
        b",\"anger\":true,\"intent\":"
    } else {
        b",\"anger\":false,\"intent\":"
    });
    row.put_quoted(intent.as_str());
    row.put(b",\"language\":");
    output.extend_from_slice(&row.bytes[..row.length]);
    write_json(output, language)?;
    output.extend_from_slice(b",\"reasons\":[");
    for (i, reason) in reasons.iter().enumerate() {
        if i > 0 {
            output.push(b',');
        }
        // The English words (`Display`), escaped as they are written.
        write_json(output, &format_args!("{reason}"))?;
    }
    output.extend_from_slice(b"]}");
    Ok(())
}

/// The start of an output line, up to its language, put together on the
/// stack: the keys and short values are copied without a call per piece
/// (one `memcpy` each made up a twentieth of the process's time).
struct Row {
    /// The line so far, then bytes left from earlier lines.
    bytes: [u8; ROW_BYTES],
    /// How much of `bytes` is the line.
    length: usize,
}

/// Room for the longest start of a line: nine keys (about 130 bytes), six
/// scores of at most 24 characters (a score not rounded to four decimals,
/// as `serde_json` writes it), the scores' four keys again and four names.
const ROW_BYTES: usize = 512;

impl Row {
    /// An empty row.
    fn new() -> Row {
        Row {
            bytes: [0; ROW_BYTES],
            length: 0,
        }
    }

    /// Appends `piece`.
    #[inline(always)]
    fn put(&mut self, piece: &[u8]) {
        copy_short(
            &mut self.bytes[self.length..self.length + piece.len()],
            piece,
        );
        self.length += piece.len();
    }

    /// Appends the row's first `length` bytes again (the scores, 32 to 61
    /// bytes unless a score is not rounded).
    fn put_again(&mut self, length: usize) {
        let (line, rest) = self.bytes.split_at_mut(self.length);
        copy_short(&mut rest[..length], &line[..length]);
        self.length += length;
    }

    /// A string that needs no escaping (an enum's name), quoted.
    fn put_quoted(&mut self, name: &str) {
        self.put(b"\"");
        self.put(name.as_bytes());
        self.put(b"\"");
    }

    /// `{"neg":…,"neu":…,"pos":…,"compound":…`, the object left open.
    fn put_scores(&mut self, scores: &Scores) -> io::Result<()> {
        self.put(b"{\"neg\":");
        self.put_score(scores.neg)?;
        self.put(b",\"neu\":");
        self.put_score(scores.neu)?;
        self.put(b",\"pos\":");
        self.put_score(scores.pos)?;
        self.put(b",\"compound\":");
        self.put_score(scores.compound)
    }

    /// A score as `serde_json` writes it (its shortest round-trip form).
    /// Every score is rounded to at most four decimals (VADER's `round`,
    /// the care compound, urgency), and such a value is written here from
    /// its digits: it is the double nearest to a decimal `n / 10⁴` with
    /// `|n| ≤ 10⁴`, whose shortest form is that decimal without trailing
    /// zeros (the doubles this close to it are 10⁻⁴ apart at least, so no
    /// shorter decimal reads back as it). Anything else goes through
    /// `serde_json` (a test compares both on every such decimal). The `n`
    /// tried is `score × 10⁴` rounded by adding a half and truncating (no
    /// call to `round`, which the baseline x86-64 lacks an instruction
    /// for): for such a score the product is `n` within far less than a
    /// half, and any other score fails the check whatever `n` is tried.
    #[inline]
    fn put_score(&mut self, score: f64) -> io::Result<()> {
        let scaled = score * 1e4;
        // Saturating: NaN and infinities give numbers that fail the check.
        let nearest = (scaled + 0.5f64.copysign(scaled)) as i64;
        if !(nearest.unsigned_abs() <= 10_000 && nearest as f64 / 1e4 == score) {
            return self.put_json(score);
        }
        // At most 10⁴.
        let digits = nearest.unsigned_abs() as u32;
        let mut text = [0u8; 8];
        let mut length = 0;
        let mut put = |byte: u8| {
            text[length] = byte;
            length += 1;
        };
        if score.is_sign_negative() {
            put(b'-');
        }
        put(b'0' + (digits / 10_000) as u8);
        put(b'.');
        let mut fraction = digits % 10_000;
        let mut place = 1_000;
        loop {
            put(b'0' + (fraction / place) as u8);
            fraction %= place;
            place /= 10;
            if fraction == 0 || place == 0 {
                break;
            }
        }
        self.put(&text[..length]);
        Ok(())
    }

    /// A score not rounded to four decimals, through `serde_json`.
    #[cold]
    fn put_json(&mut self, score: f64) -> io::Result<()> {
        let mut rest = &mut self.bytes[self.length..];
        let room = rest.len();
        write_json(&mut rest, &score)?;
        self.length += room - rest.len();
        Ok(())
    }
}

/// Copies `from` into `to` (of the same length). A piece of up to 64 bytes
/// is copied as two overlapping fixed-size copies (three bytes below 4),
/// which compile to a few moves instead of a `memcpy` call (a constant
/// piece's copy is inlined whatever its length).
#[inline(always)]
fn copy_short(to: &mut [u8], from: &[u8]) {
    let length = from.len();
    match length {
        0 => {}
        1..=3 => {
            to[0] = from[0];
            to[length / 2] = from[length / 2];
            to[length - 1] = from[length - 1];
        }
        4..=8 => copy_ends::<4>(to, from),
        9..=16 => copy_ends::<8>(to, from),
        17..=32 => copy_ends::<16>(to, from),
        33..=64 => copy_ends::<32>(to, from),
        _ => to.copy_from_slice(from),
    }
}

/// Copies `from` (`N` to `2N` bytes long) into `to` of the same length as
/// its first and its last `N` bytes, two fixed-size (inlined) moves that
/// overlap in the middle.
#[inline(always)]
fn copy_ends<const N: usize>(to: &mut [u8], from: &[u8]) {
    let length = from.len();
    to[..N].copy_from_slice(&from[..N]);
    to[length - N..].copy_from_slice(&from[length - N..]);
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

/// Input is read and analysed in blocks of about this many bytes (whole
/// lines), so memory stays bounded on an endless stream. Small blocks keep
/// the buffers to few pages (each page touched first costs a page fault):
/// with the next block read ahead and short last runs, a block's end
/// costs little.
const BLOCK_BYTES: usize = 1 << 18;

/// The first block of a file is this small, so the analysis starts after
/// one short read; each next block is read while the one before it is
/// analysed.
const FIRST_BLOCK_BYTES: usize = 64 << 10;

/// Stdin is read at most this many bytes at a time.
const READ_BYTES: usize = BLOCK_BYTES / 4;

/// Each block is cut into this many runs of lines per core, which the
/// threads take one at a time, the longest first (on two cores, about 80
/// of the ground truth's posts) and the last ones a post or two, so at a
/// block's end no thread waits long for another's last run.
const RUNS_PER_WORKER: usize = 32;

/// Runs the subcommand: each block of whole lines is cut into runs of
/// lines, one thread per core (started once) analyses them as it takes
/// them, and their output is written in input order. From a file, the next
/// block is read while this one is analysed; from a pipe, only once this
/// block's output is written (its writer may be waiting for it before it
/// writes more).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let context = CareContext {
        prior_messages: args.prior_messages,
        minutes_since_first_message: args.minutes_since_first_message,
        waiting_minutes: args.waiting_minutes,
    };
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let queue = Queue::default();
    let analyse = |job: Job| {
        let Job {
            block,
            run,
            first_line,
            mut output,
            index,
        } = job;
        output.clear();
        let failed = analyze_lines(&block[run], first_line, &args, &context, &mut output);
        // The block is given back whole once every run is done.
        drop(block);
        queue.finish(Done {
            index,
            output,
            failed,
        });
    };
    let failed = std::thread::scope(|scope| {
        // This thread works too, beside one thread per other core.
        for _ in 1..workers {
            scope.spawn(|| {
                while let Some(job) = queue.take(true) {
                    analyse(job);
                }
            });
        }
        let failed = read_and_write(&queue, workers * RUNS_PER_WORKER, &analyse);
        queue.close();
        failed
    })?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads stdin block by block, queues each block's runs, analyses runs
/// itself until none is left to take, and writes their output in order
/// once all are done; returns whether some line could not be analysed.
fn read_and_write(queue: &Queue, runs: usize, analyse: &impl Fn(Job)) -> anyhow::Result<bool> {
    let read_ahead = std::fs::metadata("/dev/stdin").is_ok_and(|stdin| stdin.is_file());
    let mut input = io::stdin().lock();
    let mut output = io::stdout().lock();
    let mut outputs = vec![Vec::new(); runs];
    let (mut block, mut next) = (Block::new(), Block::new());
    let first_bytes = if read_ahead {
        FIRST_BLOCK_BYTES
    } else {
        BLOCK_BYTES
    };
    let mut at_end = block
        .fill(&mut input, first_bytes)
        .context("reading stdin")?;
    let mut cut = Cut::of(block.read(), at_end, 1, runs);
    let mut failed = false;
    let read_next = |next: &mut Block, input: &mut io::StdinLock, first_line| {
        let at_end = next.fill(input, BLOCK_BYTES)?;
        io::Result::Ok((at_end, Cut::of(next.read(), at_end, first_line, runs)))
    };
    loop {
        // The line not yet whole starts the next block.
        next.start_with(&block.read()[cut.whole..]);
        let shared = Arc::new(std::mem::take(&mut block.bytes));
        // Each thread takes the next run not yet taken until none is left,
        // so a thread slowed down (by a busy machine, by longer lines)
        // holds back the others by one run at most.
        queue.add(
            cut.runs
                .iter()
                .enumerate()
                .map(|(index, (run, first_line))| Job {
                    block: Arc::clone(&shared),
                    run: run.clone(),
                    first_line: *first_line,
                    output: std::mem::take(&mut outputs[index]),
                    index,
                }),
        );
        let ahead =
            (read_ahead && !at_end).then(|| read_next(&mut next, &mut input, cut.next_line));
        while let Some(job) = queue.take(false) {
            analyse(job);
        }
        for done in queue.wait() {
            failed |= done.failed;
            outputs[done.index] = done.output;
        }
        block.bytes = Arc::into_inner(shared).expect("every run is done");
        write_all(&mut output, &outputs[..cut.runs.len()]).context("writing stdout")?;
        if at_end {
            break;
        }
        (at_end, cut) = ahead
            .unwrap_or_else(|| read_next(&mut next, &mut input, cut.next_line))
            .context("reading stdin")?;
        std::mem::swap(&mut block, &mut next);
    }
    output.flush().context("writing stdout")?;
    Ok(failed)
}

/// Writes the runs' outputs in order, as few `writev` calls as the system
/// takes (one per block, where a call per run was the block's only serial
/// work left but the last run).
fn write_all(output: &mut impl Write, outputs: &[Vec<u8>]) -> io::Result<()> {
    let mut pieces: Vec<_> = outputs.iter().map(|out| io::IoSlice::new(out)).collect();
    let mut pieces = &mut pieces[..];
    while !pieces.is_empty() {
        match output.write_vectored(pieces) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(written) => io::IoSlice::advance_slices(&mut pieces, written),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// A block's whole lines cut into runs of lines.
struct Cut {
    /// How many bytes of the block are whole lines (all of them once the
    /// input has ended).
    whole: usize,
    /// Each run's bytes and the number of its first line.
    runs: Vec<(std::ops::Range<usize>, usize)>,
    /// The number of the next block's first line.
    next_line: usize,
}

impl Cut {
    /// Cuts the whole lines of `read` (line `first_line` first) into at
    /// most `runs` runs.
    fn of(read: &[u8], at_end: bool, first_line: usize, runs: usize) -> Cut {
        let whole = if at_end {
            read.len()
        } else {
            memchr::memrchr(b'\n', read).map_or(0, |last| last + 1)
        };
        let mut next_line = first_line;
        let runs = line_runs(&read[..whole], runs)
            .into_iter()
            .map(|run| {
                let first = next_line;
                next_line += memchr::memchr_iter(b'\n', &read[run.clone()]).count();
                (run, first)
            })
            .collect();
        Cut {
            whole,
            runs,
            next_line,
        }
    }
}

/// A block of input: whole lines, and at its end the start of a line that
/// the next block finishes.
struct Block {
    /// The bytes read, then bytes of earlier blocks: all of it is zeroed
    /// once (by the allocator, for free), so reads need no zeroing.
    bytes: Vec<u8>,
    /// How many of `bytes` were read for this block.
    length: usize,
}

impl Block {
    /// An empty block with room for a full one.
    fn new() -> Block {
        Block {
            bytes: vec![0; BLOCK_BYTES + READ_BYTES],
            length: 0,
        }
    }

    /// The bytes read for this block.
    fn read(&self) -> &[u8] {
        &self.bytes[..self.length]
    }

    /// Empties the block but for `start`, the line another block left.
    fn start_with(&mut self, start: &[u8]) {
        if self.bytes.len() < start.len() {
            self.bytes.resize(start.len(), 0);
        }
        self.bytes[..start.len()].copy_from_slice(start);
        self.length = start.len();
    }

    /// Reads into the block (which holds no line end yet) until it holds a
    /// line end and either `bytes` or all the input there is for now (a
    /// read came back short: a pipe whose writer is slower), or until the
    /// input ends (then returns true).
    fn fill(&mut self, input: &mut impl Read, bytes: usize) -> io::Result<bool> {
        let chunk = READ_BYTES.min(bytes);
        let mut has_line_end = false;
        loop {
            let filled = self.length;
            if filled >= bytes && has_line_end {
                return Ok(false);
            }
            if self.bytes.len() < filled + chunk {
                self.bytes.resize(filled + chunk, 0);
            }
            match input.read(&mut self.bytes[filled..filled + chunk]) {
                Ok(0) => return Ok(true),
                Ok(read) => {
                    self.length += read;
                    has_line_end |=
                        memchr::memchr(b'\n', &self.bytes[filled..self.length]).is_some();
                    if has_line_end && read < chunk {
                        return Ok(false);
                    }
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
    }
}

/// Cuts whole lines into at most `runs` byte ranges, each ending after a
/// line end (the last one at the end of `lines`), of sizes falling
/// linearly from about `2 / runs` of the lines to about `2 / runs²`: run
/// `i` ends near `1 - (1 - i / runs)²` of them.
fn line_runs(lines: &[u8], runs: usize) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::with_capacity(runs);
    let mut start = 0;
    let (length, all) = (lines.len() as u64, runs as u64);
    for run in 1..=runs {
        if start == lines.len() {
            break;
        }
        let done = run as u64 * (2 * all - run as u64);
        let target = ((length * done / (all * all)) as usize).max(start);
        let end = if run == runs {
            lines.len()
        } else {
            memchr::memchr(b'\n', &lines[target..]).map_or(lines.len(), |at| target + at + 1)
        };
        ranges.push(start..end);
        start = end;
    }
    ranges
}

/// Analyses `lines` (line `first_line` first) into `output`, one JSON line
/// each; returns whether some line could not be analysed.
fn analyze_lines(
    lines: &[u8],
    first_line: usize,
    args: &Args,
    context: &CareContext,
    output: &mut Vec<u8>,
) -> bool {
    let mut failed = false;
    let mut row = Row::new();
    let mut rest = lines;
    for line_number in first_line.. {
        if rest.is_empty() {
            break;
        }
        // A line ends at `\n` or `\r\n`; the input's last line may have no end.
        let line = match memchr::memchr(b'\n', rest) {
            Some(end) => {
                let line = &rest[..end];
                rest = &rest[end + 1..];
                line.strip_suffix(b"\r").unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        match decode(line, args.max_bytes) {
            Ok(text) => {
                let assessment = if args.detect_language {
                    assess(text, context)
                } else {
                    assess_with_language(text, context, args.language.as_deref())
                };
                write_row(output, &mut row, &assessment).expect("writing to memory");
            }
            Err(error) => {
                failed = true;
                let failure = Failure {
                    line: line_number,
                    error,
                };
                serde_json::to_writer(&mut *output, &failure).expect("writing to memory");
            }
        }
        output.push(b'\n');
    }
    failed
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
    fn scores_are_written_as_serde_writes_them() {
        let four_decimals = (-10_000..=10_000).map(|n| f64::from(n) / 1e4);
        let others = [
            -0.0,
            0.12345,
            1e-7,
            -2.5e-5,
            1.00001,
            123.0,
            -1e300,
            f64::NAN,
            f64::INFINITY,
        ];
        for score in four_decimals.chain(others) {
            let mut row = Row::new();
            row.put_score(score).unwrap();
            let written = std::str::from_utf8(&row.bytes[..row.length]).unwrap();
            let expected = serde_json::to_string(&score).unwrap();
            assert_eq!(written, expected, "{score:e}");
        }
    }

    #[test]
    fn pieces_of_every_length_are_put_whole() {
        let text: Vec<u8> = (0..100u8).collect();
        for length in 0..=100 {
            let mut row = Row::new();
            row.put(b"{");
            row.put(&text[..length]);
            row.put_again(length + 1);
            let mut expected = vec![b'{'];
            expected.extend_from_slice(&text[..length]);
            expected.extend_from_within(..);
            assert_eq!(&row.bytes[..row.length], expected, "{length}");
        }
    }

    /// The row is serde's JSON of the assessment, but for its reasons, which
    /// the CLI prints in English words (`Display`) where serde writes data.
    #[test]
    fn a_row_is_the_scores_then_the_assessment_with_its_reasons_in_words() {
        let texts = [
            "@Shop where is my refund?? 3rd message!!! 😡",
            "Thank you so much, the support team was amazing ❤️",
            "",
        ];
        for text in texts {
            let assessment = assess_with_language(text, &CareContext::default(), Some("pt-BR"));
            let mut row = Vec::new();
            write_row(&mut row, &mut Row::new(), &assessment).unwrap();
            let scores = serde_json::to_string(&assessment.sentiment).unwrap();
            let whole = serde_json::to_string(&assessment).unwrap();
            let reasons_at = whole.rfind(",\"reasons\":").unwrap();
            let words: Vec<String> = assessment.reasons.iter().map(ToString::to_string).collect();
            let whole = format!(
                "{},\"reasons\":{}}}",
                &whole[..reasons_at],
                serde_json::to_string(&words).unwrap()
            );
            let expected = format!("{},{}", &scores[..scores.len() - 1], &whole[1..]);
            assert_eq!(String::from_utf8(row).unwrap(), expected);
        }
    }
}
