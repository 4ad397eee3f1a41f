//! The `socialcare` commands end to end: check, render, suggest, length and
//! lint-templates on the documented example files.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

const POLICY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/policy.toml");
const TEMPLATES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/templates.toml");

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_socialcare"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("socialcare runs");
    // A command that refuses its arguments exits without reading stdin.
    if let Err(error) = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
    {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
    }
    child.wait_with_output().expect("socialcare finishes")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn check_prints_findings_and_exits_1_on_block() {
    let context = r#"{"customer":{"name":"Ana"},"agent":{"initials":"KL"}}"#;
    let blocked = run(
        &[
            "check",
            "--policy",
            POLICY,
            "--platform",
            "x",
            "--context",
            context,
        ],
        "Hi Ana, calm down.\n",
    );
    assert_eq!(blocked.status.code(), Some(1));
    let report = json(&blocked);
    assert_eq!(report["blocked"], true);
    let ids: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["terms.banned.calm-down", "required.signature"]);
    assert_eq!(report["findings"][0]["span"]["utf16_start"], 8);
    let clean = run(
        &[
            "check",
            "--policy",
            POLICY,
            "--platform",
            "x",
            "--context",
            context,
        ],
        "Hi Ana, on it. *KL\n",
    );
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
}

#[test]
fn check_private_turns_the_public_guard_off() {
    let context = r#"{"customer":{"name":"Ana"},"agent":{"initials":"KL"}}"#;
    let draft = "Hi Ana, we'll email ana@example.com. *KL";
    let public = run(
        &[
            "check",
            "--policy",
            POLICY,
            "--platform",
            "facebook",
            "--public",
            "--context",
            context,
        ],
        draft,
    );
    assert_eq!(public.status.code(), Some(1));
    let private = run(
        &[
            "check",
            "--policy",
            POLICY,
            "--platform",
            "facebook",
            "--private",
            "--context",
            context,
        ],
        draft,
    );
    assert_eq!(private.status.code(), Some(0));
}

#[test]
fn bad_policy_is_reported_with_line_and_column() {
    let dir = std::env::temp_dir().join(format!("socialcare-tone-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(&path, "version = 1\n[style.caps]\nmax_ratio = \"lots\"\n").unwrap();
    let output = run(
        &[
            "check",
            "--policy",
            path.to_str().unwrap(),
            "--platform",
            "x",
        ],
        "Hi",
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 3, column 13"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn render_prints_the_reply_and_explains_errors() {
    let context = r#"{"customer":{"name":"Ana"},"agent":{"initials":"KL"},"prompts":{"new_date":"2026-12-03"}}"#;
    let output = run(
        &[
            "render",
            "--templates",
            TEMPLATES,
            "--id",
            "shipping-delay",
            "--platform",
            "x",
            "--context",
            context,
            "--policy",
            POLICY,
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        json(&output)["text"],
        "Hi Ana, sorry your order is late! It's now due 2026-12-03. *KL"
    );
    let missing = run(
        &[
            "render",
            "--templates",
            TEMPLATES,
            "--id",
            "shipping-delay",
            "--platform",
            "x",
            "--context",
            "{}",
        ],
        "",
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("\"new_date\""));
}

#[test]
fn suggest_ranks_templates_for_the_post() {
    let output = run(
        &["suggest", "--templates", TEMPLATES, "--k", "2"],
        "My order is late again, where is my package?\n",
    );
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    assert_eq!(report["suggestions"][0]["id"], "shipping-delay");
    assert!(report["suggestions"].as_array().unwrap().len() <= 2);
}

#[test]
fn length_prints_one_line_per_input_line() {
    let output = run(
        &["length", "--platform", "x"],
        "Hi http://test.co\n故人\n\n",
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            r#"{"weighted_length":26,"valid":true}"#,
            r#"{"weighted_length":4,"valid":true}"#,
            r#"{"weighted_length":0,"valid":false}"#
        ]
    );
}

#[test]
fn lint_templates_passes_the_examples() {
    let output = run(
        &[
            "lint-templates",
            "--templates",
            TEMPLATES,
            "--policy",
            POLICY,
        ],
        "",
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(json(&output).as_array().unwrap().len(), 4);
}
