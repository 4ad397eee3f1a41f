//! `socialcare analyze` end to end: one JSON object per input line, defined
//! results for empty, invalid and over-long lines.

use std::io::Write;
use std::process::{Command, Stdio};

fn analyze(input: &[u8], args: &[&str]) -> (Vec<serde_json::Value>, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_socialcare"))
        .arg("analyze")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run socialcare");
    // Written from another thread: an input larger than the pipe's buffer
    // would otherwise block on output nobody reads yet.
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    rows(output)
}

/// The rows and exit status of `socialcare analyze` reading `input` from a
/// file (which it reads a block ahead) rather than from a pipe.
fn analyze_file(input: &[u8], args: &[&str]) -> (Vec<serde_json::Value>, Option<i32>) {
    let path = std::env::temp_dir().join(format!("socialcare-cli-{}.txt", std::process::id()));
    std::fs::write(&path, input).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_socialcare"))
        .arg("analyze")
        .args(args)
        .stdin(std::fs::File::open(&path).unwrap())
        .output()
        .expect("run socialcare");
    std::fs::remove_file(&path).unwrap();
    rows(output)
}

/// A run's output rows, each parsed as JSON, and its exit status.
fn rows(output: std::process::Output) -> (Vec<serde_json::Value>, Option<i32>) {
    let rows = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON per line"))
        .collect();
    (rows, output.status.code())
}

#[test]
fn writes_the_faithful_scores_and_the_care_reading() {
    let (rows, status) = analyze(
        "VADER is smart, handsome, and funny.\r\nmy account was hacked!!\n".as_bytes(),
        &[],
    );
    assert_eq!(status, Some(0));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["compound"], 0.8316);
    assert_eq!(rows[0]["pos"], 0.746);
    assert_eq!(rows[0]["label"], "positive");
    for key in [
        "neg", "neu", "pos", "compound", "label", "urgency", "anger", "intent", "language",
        "reasons",
    ] {
        assert!(rows[1].get(key).is_some(), "missing {key}");
    }
    assert_eq!(rows[1]["intent"], "account_security");
}

#[test]
fn bad_lines_get_defined_results_and_a_failing_status() {
    let long = "a".repeat(50);
    let input = format!("\n{long}\n").into_bytes();
    let mut input_with_invalid = b"hello\n\xff\xfe\n".to_vec();
    input_with_invalid.extend_from_slice(&input);
    let (rows, status) = analyze(&input_with_invalid, &["--max-bytes", "20"]);
    assert_eq!(status, Some(1));
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["label"], "neutral");
    assert_eq!(rows[1]["error"], "invalid UTF-8 at byte 0");
    assert_eq!(rows[1]["line"], 2);
    assert_eq!(
        rows[2]["compound"], 0.0,
        "an empty line is the all-zero reading"
    );
    assert!(rows[3]["error"]
        .as_str()
        .unwrap()
        .contains("over the 20-byte limit"));
}

/// An input of many read blocks (over 2 MiB, one line longer than a
/// block), analysed a run of lines per core: every row in input order,
/// with its line number, whether read from a pipe or from a file.
#[test]
fn long_inputs_keep_line_order_and_numbers() {
    let (angry, happy) = ("WHERE IS MY ORDER 😡😡", "I love it, thank you so much!");
    let over_long = "x".repeat(3000);
    let longer_than_a_block = "y".repeat(700_000);
    let mut input = String::new();
    let mut expected = Vec::new();
    for line in 1..=1000 {
        let text = match line % 7 {
            0 => angry,
            3 => happy,
            _ if line == 500 => &longer_than_a_block,
            _ => &over_long,
        };
        input.push_str(text);
        input.push_str(if line % 2 == 0 { "\r\n" } else { "\n" });
        expected.push((line, text));
    }
    input.push_str("the last line, without its end\r");
    let (rows, status) = analyze(input.as_bytes(), &["--max-bytes", "100"]);
    assert_eq!(status, Some(1));
    assert_eq!(rows.len(), 1001);
    for ((line, text), row) in expected.iter().zip(&rows) {
        match *text {
            t if t == angry => assert_eq!(row["anger"], true, "line {line}"),
            t if t == happy => assert_eq!(row["label"], "positive", "line {line}"),
            _ => assert_eq!(row["line"], *line, "line {line}"),
        }
    }
    assert_eq!(rows[1000]["label"], "neutral", "the last line is read");
    assert_eq!(
        analyze_file(input.as_bytes(), &["--max-bytes", "100"]),
        (rows, status)
    );
}

#[test]
fn context_flags_feed_the_reasons() {
    let (rows, _) = analyze(
        b"where is my parcel\n",
        &[
            "--prior-messages",
            "2",
            "--minutes-since-first-message",
            "120",
        ],
    );
    let reasons: Vec<&str> = rows[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"3rd message in 2 hours"), "{reasons:?}");
}

#[test]
fn language_is_given_detected_on_request_or_null() {
    let input = b"Hola, llevo tres semanas esperando el reembolso y nadie me contesta\n";
    let (unknown, _) = analyze(input, &[]);
    assert_eq!(unknown[0]["language"], serde_json::Value::Null);
    let (detected, _) = analyze(input, &["--detect-language"]);
    assert_eq!(detected[0]["language"], "es");
    let (given, _) = analyze(input, &["--language", "es-MX"]);
    assert_eq!(given[0]["language"], "es");
    for rows in [detected, given] {
        let mut row = rows[0].clone();
        row["language"] = serde_json::Value::Null;
        assert_eq!(row, unknown[0], "the language changes no signal");
    }
}
