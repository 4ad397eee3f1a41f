//! X's weighted length against the official twitter-text: its conformance
//! files (`tests/tone/conformance/`, the twitter-text conformance suite as the
//! `twitter_text_conformance` crate ships it) and a differential test against
//! the npm package itself on generated tweets; and properties of the counters.

use proptest::prelude::*;
use serde::Deserialize;
use socialcare::model::Platform;
use socialcare::tone::urls::find_urls;
use socialcare::tone::{platform_length, x_weighted_length};
use std::collections::BTreeMap;
use std::process::Command;

// The weighted-length conformance cases, shared with the extension's wasm
// test of the same counter (extension/tone/tests/wasm_length.rs).
#[path = "tone/weighted_cases.rs"]
mod weighted_cases;
use weighted_cases::{validate_yml_failures, Suite};

#[test]
fn validate_yml_weighted_length_cases() {
    let (total, failures) = validate_yml_failures();
    println!(
        "validate.yml weighted length: {} of {total} cases agree",
        total - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[derive(Deserialize)]
struct UrlCase {
    description: String,
    text: String,
    expected: Vec<String>,
}

#[derive(Deserialize)]
struct UrlWithIndices {
    url: String,
    indices: [usize; 2],
}

#[derive(Deserialize)]
struct UrlIndicesCase {
    description: String,
    text: String,
    expected: Vec<UrlWithIndices>,
}

#[derive(Deserialize)]
struct ExtractTests {
    urls: Vec<UrlCase>,
    urls_with_indices: Vec<UrlIndicesCase>,
    urls_with_directional_markers: Vec<UrlIndicesCase>,
    tco_urls_with_params: Vec<UrlCase>,
}

/// The URLs we find in `text`, with their UTF-16 indices as twitter-text gives them.
fn urls_with_indices(text: &str) -> Vec<(String, [usize; 2])> {
    let utf16 = |end: usize| text[..end].encode_utf16().count();
    find_urls(text)
        .into_iter()
        .map(|url| {
            (
                text[url.range.clone()].to_owned(),
                [utf16(url.range.start), utf16(url.range.end)],
            )
        })
        .collect()
}

#[test]
fn extract_yml_url_cases() {
    let suite: Suite<ExtractTests> =
        serde_yaml_ng::from_str(include_str!("tone/conformance/extract.yml"))
            .expect("extract.yml parses");
    let tests = suite.tests;
    let mut failures = Vec::new();
    let mut total = 0;
    for case in tests.urls.iter().chain(&tests.tco_urls_with_params) {
        total += 1;
        let got: Vec<String> = urls_with_indices(&case.text)
            .into_iter()
            .map(|(url, _)| url)
            .collect();
        if got != case.expected {
            failures.push(format!(
                "{}: got {got:?}, expected {:?}",
                case.description, case.expected
            ));
        }
    }
    for case in tests
        .urls_with_indices
        .iter()
        .chain(&tests.urls_with_directional_markers)
    {
        total += 1;
        let expected: Vec<(String, [usize; 2])> = case
            .expected
            .iter()
            .map(|url| (url.url.clone(), url.indices))
            .collect();
        let got = urls_with_indices(&case.text);
        if got != expected {
            failures.push(format!(
                "{}: got {got:?}, expected {expected:?}",
                case.description
            ));
        }
    }
    println!(
        "extract.yml URLs: {} of {total} cases agree",
        total - failures.len()
    );
    assert!(total > 100, "extract.yml has its URL sections");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One generated tweet and what the npm package says of it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OracleCase {
    category: String,
    text: String,
    weighted_length: usize,
    valid: bool,
}

/// Tweets generated from a fixed seed, with the npm twitter-text package's
/// answer (`tests/tone/twitter_text_oracle.mjs`; needs `npm ci`).
fn oracle_cases(count: usize, seed: u32) -> Vec<OracleCase> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/tone/twitter_text_oracle.mjs"
    );
    let output = Command::new("node")
        .arg(script)
        .arg(count.to_string())
        .arg(seed.to_string())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("node runs (the differential test needs Node and `npm ci`)");
    assert!(
        output.status.success(),
        "the twitter-text oracle failed (run `npm ci`): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("the oracle prints UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("the oracle prints JSON lines"))
        .collect()
}

#[test]
fn agrees_with_the_npm_twitter_text_package_on_generated_tweets() {
    let cases = oracle_cases(3000, 20261129);
    assert_eq!(cases.len(), 3000);
    let mut per_category: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for case in &cases {
        let got = x_weighted_length(&case.text);
        let agrees = got.weighted_length == case.weighted_length && got.valid == case.valid;
        let counts = per_category.entry(&case.category).or_default();
        counts.0 += usize::from(agrees);
        counts.1 += 1;
        if !agrees {
            disagreements.push(format!(
                "{:?}: ours {} {}, twitter-text {} {}",
                case.text, got.weighted_length, got.valid, case.weighted_length, case.valid
            ));
        }
    }
    let agreeing = cases.len() - disagreements.len();
    println!(
        "twitter-text differential: {agreeing} of {} generated tweets agree ({:.2}%)",
        cases.len(),
        100.0 * agreeing as f64 / cases.len() as f64
    );
    for (category, (agree, total)) in &per_category {
        println!("  {category}: {agree}/{total}");
    }
    disagreements.truncate(20);
    assert_eq!(
        agreeing,
        cases.len(),
        "disagreements (first 20):\n{}",
        disagreements.join("\n")
    );
}

#[test]
fn empty_posts_are_invalid_but_blank_ones_count() {
    // twitter-text only refuses a post that weighs nothing; X itself refuses
    // a blank one when it is sent, which is not a length matter.
    assert!(!x_weighted_length("").valid);
    let blank = x_weighted_length(" \n ");
    assert_eq!((blank.weighted_length, blank.valid), (3, true));
}

#[test]
fn hostile_unicode_counts_sensibly() {
    // Combining marks: NFC composes what it can, the rest count one each.
    assert_eq!(x_weighted_length("e\u{301}").weighted_length, 1);
    assert_eq!(
        x_weighted_length("e\u{301}\u{302}\u{303}").weighted_length,
        3
    );
    // Right-to-left text (Arabic and Hebrew weigh 1) with bidi marks (weigh 2).
    assert_eq!(x_weighted_length("مرحبا").weighted_length, 5);
    assert_eq!(x_weighted_length("\u{202B}שלום\u{202C}").weighted_length, 8);
    // A ZWJ sequence with skin tones is one emoji.
    assert_eq!(x_weighted_length("👩🏽\u{200D}💻").weighted_length, 2);
    // Flags are one emoji.
    assert_eq!(x_weighted_length("🇯🇵🇫🇷").weighted_length, 4);
}

proptest! {
    #[test]
    fn never_panics_and_counts_at_least_one_per_grapheme(text in "\\PC{0,400}") {
        let length = x_weighted_length(&text);
        prop_assert!(length.weighted_length <= 2 * text.chars().count() + 23);
        if let Some(at) = length.overflow_at {
            prop_assert!(text.is_char_boundary(at));
        }
    }

    #[test]
    fn appending_text_never_shortens_ascii(a in "[a-z ]{0,200}", b in "[a-z ]{0,100}") {
        let joined = format!("{a}{b}");
        prop_assert_eq!(
            x_weighted_length(&joined).weighted_length,
            x_weighted_length(&a).weighted_length + x_weighted_length(&b).weighted_length
        );
    }

    #[test]
    fn facebook_counts_code_points(text in "\\PC{0,300}") {
        let length = platform_length(&text, Platform::Facebook, 8000);
        prop_assert_eq!(length.weighted_length, text.chars().count());
    }
}
