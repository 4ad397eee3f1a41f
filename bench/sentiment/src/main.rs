//! Texts per second on the whole VADER ground truth (23,703 texts): this
//! project's `socialcare::sentiment`, the `vader-parity` crate, the care
//! pipeline in process and, with `--analyze <socialcare binary>`, as the
//! whole `socialcare analyze` process, and, when `--python <interpreter>` is
//! given, Python vaderSentiment 3.3.2, all in one run on one machine,
//! printed as ratios. For `socialcare analyze` it also prints the CPU time
//! of the fastest run and how many cores that run kept busy.

use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

const CORPORA: [&str; 4] = [
    "tweets",
    "movieReviewSnippets",
    "amazonReviewSnippets",
    "nytEditorialSnippets",
];

fn parity_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/parity")
}

/// The ground-truth texts, read as `tests/parity.rs` and the oracle read them.
fn ground_truth_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for corpus in CORPORA {
        let path = parity_dir().join(format!("{corpus}_GroundTruth.txt"));
        let raw =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for line in raw
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .filter(|l| !l.is_empty())
        {
            texts.push(
                line.splitn(3, '\t')
                    .nth(2)
                    .expect("id, rating, text")
                    .to_owned(),
            );
        }
    }
    texts
}

/// Best texts-per-second over passes of the whole corpus (at least three
/// passes and at least two seconds), after one warm-up pass.
fn throughput(texts: &[String], mut score: impl FnMut(&str) -> f64) -> f64 {
    let pass = |score: &mut dyn FnMut(&str) -> f64| {
        let start = Instant::now();
        let total: f64 = texts.iter().map(|t| score(t)).sum();
        black_box(total);
        start.elapsed()
    };
    pass(&mut score);
    let (mut best, mut spent, mut passes) = (Duration::MAX, Duration::ZERO, 0);
    while passes < 3 || spent < Duration::from_secs(2) {
        let elapsed = pass(&mut score);
        best = best.min(elapsed);
        spent += elapsed;
        passes += 1;
    }
    texts.len() as f64 / best.as_secs_f64()
}

/// Python vaderSentiment 3.3.2 in a child process (`python_bench.py`) that
/// times one pass over the ground truth each time it is asked, so its
/// passes can alternate with the `socialcare analyze` runs.
struct PythonVader {
    child: Child,
    requests: ChildStdin,
    replies: BufReader<ChildStdout>,
    /// The interpreter, as `python_bench.py` names it.
    interpreter: String,
}

impl PythonVader {
    /// Starts `python_bench.py` under `python` and waits until its analyser
    /// is built.
    fn start(python: &str) -> Result<PythonVader, String> {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python_bench.py");
        let mut child = Command::new(python)
            .arg(&script)
            .arg(parity_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("running {python}: {e}"))?;
        let requests = child.stdin.take().expect("piped stdin");
        let mut replies = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut line = String::new();
        replies.read_line(&mut line).map_err(|e| e.to_string())?;
        let ready: serde_json::Value = serde_json::from_str(&line).map_err(|_| {
            format!("python_bench.py did not start (see its error above): {line:?}")
        })?;
        let interpreter = ready["interpreter"].as_str().unwrap_or("python").to_owned();
        Ok(PythonVader {
            child,
            requests,
            replies,
            interpreter,
        })
    }

    /// Seconds of one pass over every text.
    fn pass_seconds(&mut self) -> Result<f64, String> {
        writeln!(self.requests, "pass").map_err(|e| e.to_string())?;
        let mut line = String::new();
        self.replies
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        line.trim()
            .parse()
            .map_err(|_| format!("python_bench.py answered {line:?}"))
    }

    /// Ends the child process.
    fn finish(self) {
        let PythonVader {
            mut child,
            requests,
            ..
        } = self;
        drop(requests);
        let _ = child.wait();
    }
}

/// One `socialcare analyze` run: its wall-clock seconds and the CPU
/// seconds its threads used (user and system), whose ratio is how many
/// cores it kept busy.
#[derive(Clone, Copy)]
struct Run {
    wall: f64,
    cpu: f64,
}

/// CPU seconds (user and system) of the children waited for so far.
fn children_cpu_seconds() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `getrusage` fills the struct it is given; RUSAGE_CHILDREN is valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// One `socialcare analyze <extra>` run over the texts in `input` (one per
/// line), output discarded: the whole process, start-up, reading, analysis
/// and JSON writing included.
fn analyze_run(binary: &Path, input: &Path, extra: &[&str]) -> Result<Run, String> {
    let input = std::fs::File::open(input).map_err(|e| e.to_string())?;
    let cpu_before = children_cpu_seconds();
    let start = Instant::now();
    let status = Command::new(binary)
        .arg("analyze")
        .args(extra)
        .stdin(input)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("running {}: {e}", binary.display()))?;
    let wall = start.elapsed().as_secs_f64();
    let cpu = children_cpu_seconds() - cpu_before;
    if !status.success() {
        return Err(format!("socialcare analyze exited with {status}"));
    }
    Ok(Run { wall, cpu })
}

/// Rounds of the same-run comparison: each round times one Python pass, then
/// one `socialcare analyze` run, then one with `--detect-language`.
const ROUNDS: usize = 7;

/// The seconds each side took in each round.
#[derive(Default)]
struct Rounds {
    python: Vec<f64>,
    analyze: Vec<Run>,
    detecting: Vec<Run>,
}

/// Alternates Python's passes with `socialcare analyze` runs for
/// [`ROUNDS`] rounds (either side may be missing).
fn alternate(
    mut python: Option<&mut PythonVader>,
    analyze: Option<&Path>,
    texts: &[String],
) -> Result<Rounds, String> {
    let input = std::env::temp_dir().join(format!("socialcare-bench-{}.txt", std::process::id()));
    std::fs::write(&input, texts.join("\n") + "\n").map_err(|e| e.to_string())?;
    let mut rounds = Rounds::default();
    let outcome = (0..ROUNDS).try_for_each(|_| {
        if let Some(python) = python.as_deref_mut() {
            rounds.python.push(python.pass_seconds()?);
        }
        if let Some(binary) = analyze {
            rounds.analyze.push(analyze_run(binary, &input, &[])?);
            rounds
                .detecting
                .push(analyze_run(binary, &input, &["--detect-language"])?);
        }
        Ok::<_, String>(())
    });
    let _ = std::fs::remove_file(&input);
    outcome.map(|()| rounds)
}

/// The smallest value.
fn best(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}

/// The median of the rounds' own ratios (Python's pass over the other
/// side's run, round by round) and their range.
fn round_ratios(python: &[f64], other: &[f64]) -> (f64, f64, f64) {
    let mut ratios: Vec<f64> = python.iter().zip(other).map(|(p, o)| p / o).collect();
    ratios.sort_by(f64::total_cmp);
    (
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1],
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let option = |name: &str| args.iter().skip_while(|a| *a != name).nth(1).cloned();
    let python = option("--python");
    let analyze = option("--analyze").map(PathBuf::from);
    let texts = ground_truth_texts();

    let start = Instant::now();
    black_box(socialcare::sentiment::polarity_scores(&texts[0]));
    let ours_first = start.elapsed();
    let start = Instant::now();
    let parity = vader_parity::SentimentIntensityAnalyzer::new();
    black_box(parity.polarity_scores(&texts[0]));
    let parity_first = start.elapsed();

    let differing = texts
        .iter()
        .filter(|t| {
            let (a, b) = (
                socialcare::sentiment::polarity_scores(t),
                parity.polarity_scores(t),
            );
            (a.neg, a.neu, a.pos, a.compound) != (b.neg, b.neu, b.pos, b.compound)
        })
        .count();

    let ours = throughput(&texts, |t| {
        socialcare::sentiment::polarity_scores(t).compound
    });
    let context = socialcare::care::CareContext::default();
    let care = throughput(&texts, |t| {
        socialcare::care::assess_with_language(t, &context, None).urgency
    });
    let care_detecting = throughput(&texts, |t| socialcare::care::assess(t, &context).urgency);
    let theirs = throughput(&texts, |t| parity.polarity_scores(t).compound);
    let mut python = python.as_deref().map(PythonVader::start);
    let rounds = alternate(
        python.as_mut().and_then(|p| p.as_mut().ok()),
        analyze.as_deref(),
        &texts,
    );

    println!(
        "VADER throughput on the ground truth ({} texts), one run, same machine",
        texts.len()
    );
    println!(
        "  socialcare::sentiment   {:>10.0} texts/s  {:>7.2} µs/text  first call {:>8.3} ms",
        ours,
        1e6 / ours,
        ours_first.as_secs_f64() * 1e3
    );
    println!("  vader-parity 0.1.0      {:>10.0} texts/s  {:>7.2} µs/text  first call {:>8.3} ms (builds its maps)", theirs, 1e6 / theirs, parity_first.as_secs_f64() * 1e3);
    let per_text = |seconds: f64| seconds * 1e6 / texts.len() as f64;
    let rounds = match rounds {
        Ok(rounds) => rounds,
        Err(error) => {
            println!("  not measured: {error}");
            Rounds::default()
        }
    };
    match &python {
        Some(Ok(vader)) if !rounds.python.is_empty() => {
            let rate = texts.len() as f64 / best(&rounds.python);
            println!(
                "  vaderSentiment 3.3.2    {:>10.0} texts/s  {:>7.2} µs/text  ({}, best of {} passes)",
                rate,
                1e6 / rate,
                vader.interpreter,
                rounds.python.len()
            );
            println!(
                "  socialcare / Python       {:>8.1}×  (target ≥ 100×)",
                ours / rate
            );
        }
        Some(Err(error)) => println!("  vaderSentiment 3.3.2    not measured: {error}"),
        Some(Ok(_)) => {}
        None => println!("  vaderSentiment 3.3.2    not measured (pass --python <interpreter with vaderSentiment 3.3.2>)"),
    }
    println!(
        "  socialcare / vader-parity {:>8.1}×  (target ≥ 4×)",
        ours / theirs
    );
    println!("Care pipeline on the same texts");
    println!("  care::assess_with_language (VADER, sentences, cues; language given) {:>8.0} texts/s  {:>6.2} µs/text", care, 1e6 / care);
    println!("  care::assess (the same, language detected by whatlang)             {:>8.0} texts/s  {:>6.2} µs/text", care_detecting, 1e6 / care_detecting);
    let versus_python = |runs: &[f64]| {
        if rounds.python.is_empty() {
            return "Python not measured".to_owned();
        }
        let (median, low, high) = round_ratios(&rounds.python, runs);
        format!(
            "{:.1}× Python (rounds: median {median:.1}×, {low:.1}–{high:.1}×)",
            best(&rounds.python) / best(runs)
        )
    };
    // The fastest run, and the cores it kept busy: its CPU time over its
    // wall time (2 on two free cores, near 1 when the second is taken).
    let fastest = |runs: &[Run]| {
        let run = runs
            .iter()
            .copied()
            .min_by(|a, b| a.wall.total_cmp(&b.wall));
        let run = run.expect("some rounds");
        let walls: Vec<f64> = runs.iter().map(|r| r.wall).collect();
        (run, walls)
    };
    if analyze.is_none() {
        println!("  socialcare analyze      not measured (pass --analyze <socialcare binary>)");
    } else if !rounds.analyze.is_empty() {
        let (plain, plain_walls) = fastest(&rounds.analyze);
        let (detecting, detecting_walls) = fastest(&rounds.detecting);
        println!("  socialcare analyze, whole process                    {:>7.1} ms  {:>6.2} µs/text  {} (target ≥ 30×)", plain.wall * 1e3, per_text(plain.wall), versus_python(&plain_walls));
        println!("  socialcare analyze --detect-language, whole process  {:>7.1} ms  {:>6.2} µs/text  {}", detecting.wall * 1e3, per_text(detecting.wall), versus_python(&detecting_walls));
        println!(
            "  (best of {} rounds, each one Python pass then one run of each command)",
            rounds.analyze.len()
        );
        println!(
            "  CPU time of the fastest runs: {:.1} ms ({:.2} µs/text), {:.2} cores busy; with --detect-language {:.1} ms, {:.2} cores busy",
            plain.cpu * 1e3,
            per_text(plain.cpu),
            plain.cpu / plain.wall,
            detecting.cpu * 1e3,
            detecting.cpu / detecting.wall
        );
    }
    println!("  outputs differing between socialcare and vader-parity: {differing}");
    if let Some(Ok(vader)) = python {
        vader.finish();
    }
}
