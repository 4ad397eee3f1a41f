//! Texts per second on the whole VADER ground truth (23,703 texts): this
//! project's `socialcare::sentiment`, the `vader-parity` crate, the care
//! pipeline in process and, with `--analyze <socialcare binary>`, as the
//! whole `socialcare analyze` process, and, when `--python <interpreter>` is
//! given, Python vaderSentiment 3.3.2, all in one run on one machine,
//! printed as ratios.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
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

/// Runs `python_bench.py` under the given interpreter; returns its texts/s
/// and a description of the interpreter.
fn python_throughput(python: &str) -> Result<(f64, String), String> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python_bench.py");
    let output = Command::new(python)
        .arg(&script)
        .arg(parity_dir())
        .output()
        .map_err(|e| format!("running {python}: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("python_bench.py output: {e}"))?;
    let rate = report["texts_per_second"]
        .as_f64()
        .ok_or("no texts_per_second")?;
    Ok((
        rate,
        report["interpreter"]
            .as_str()
            .unwrap_or("python")
            .to_owned(),
    ))
}

/// Best wall-clock seconds of `socialcare analyze <extra>` over the texts,
/// one per line on stdin, output discarded: the whole process, start-up,
/// reading, analysis and JSON writing included (best of five runs).
fn analyze_seconds(binary: &Path, texts: &[String], extra: &[&str]) -> Result<f64, String> {
    let input_path =
        std::env::temp_dir().join(format!("socialcare-bench-{}.txt", std::process::id()));
    std::fs::write(&input_path, texts.join("\n") + "\n").map_err(|e| e.to_string())?;
    let mut best = f64::MAX;
    for _ in 0..5 {
        let input = std::fs::File::open(&input_path).map_err(|e| e.to_string())?;
        let start = Instant::now();
        let status = Command::new(binary)
            .arg("analyze")
            .args(extra)
            .stdin(input)
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("running {}: {e}", binary.display()))?;
        let elapsed = start.elapsed().as_secs_f64();
        if !status.success() {
            return Err(format!("socialcare analyze exited with {status}"));
        }
        best = best.min(elapsed);
    }
    let _ = std::fs::remove_file(&input_path);
    Ok(best)
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
    // In process, the faster cue search is built before timing (the warm-up
    // pass would otherwise time some posts on the quick-to-build one).
    socialcare::care::build_fast_search();
    let care = throughput(&texts, |t| {
        socialcare::care::assess_with_language(t, &context, None).urgency
    });
    let care_detecting = throughput(&texts, |t| socialcare::care::assess(t, &context).urgency);
    let whole_process = analyze.as_deref().map(|binary| {
        let plain = analyze_seconds(binary, &texts, &[])?;
        let detecting = analyze_seconds(binary, &texts, &["--detect-language"])?;
        Ok::<_, String>((plain, detecting))
    });
    let theirs = throughput(&texts, |t| parity.polarity_scores(t).compound);

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
    let python_rate = match python.as_deref().map(python_throughput) {
        Some(Ok((rate, interpreter))) => {
            println!(
                "  vaderSentiment 3.3.2    {:>10.0} texts/s  {:>7.2} µs/text  ({interpreter})",
                rate,
                1e6 / rate
            );
            println!(
                "  socialcare / Python       {:>8.1}×  (target ≥ 100×)",
                ours / rate
            );
            Some(rate)
        }
        Some(Err(error)) => {
            println!("  vaderSentiment 3.3.2    not measured: {error}");
            None
        }
        None => {
            println!("  vaderSentiment 3.3.2    not measured (pass --python <interpreter with vaderSentiment 3.3.2>)");
            None
        }
    };
    println!(
        "  socialcare / vader-parity {:>8.1}×  (target ≥ 4×)",
        ours / theirs
    );
    println!("Care pipeline on the same texts");
    println!("  care::assess_with_language (VADER, sentences, cues; language given) {:>8.0} texts/s  {:>6.2} µs/text", care, 1e6 / care);
    println!("  care::assess (the same, language detected by whatlang)             {:>8.0} texts/s  {:>6.2} µs/text", care_detecting, 1e6 / care_detecting);
    let versus_python = |seconds: f64| match python_rate {
        Some(rate) => format!("{:.1}× Python", texts.len() as f64 / seconds / rate),
        None => "Python not measured".to_owned(),
    };
    match whole_process {
        Some(Ok((plain, detecting))) => {
            let per_text = |seconds: f64| seconds * 1e6 / texts.len() as f64;
            println!("  socialcare analyze, whole process                    {:>7.1} ms  {:>6.2} µs/text  {} (target ≥ 30×)", plain * 1e3, per_text(plain), versus_python(plain));
            println!("  socialcare analyze --detect-language, whole process  {:>7.1} ms  {:>6.2} µs/text  {}", detecting * 1e3, per_text(detecting), versus_python(detecting));
        }
        Some(Err(error)) => println!("  socialcare analyze      not measured: {error}"),
        None => {
            println!("  socialcare analyze      not measured (pass --analyze <socialcare binary>)")
        }
    }
    println!("  outputs differing between socialcare and vader-parity: {differing}");
}
