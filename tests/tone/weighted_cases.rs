//! twitter-text's weighted-length conformance cases
//! (`conformance/validate.yml`), checked against the core's counter by the
//! native length tests (`tests/tone_length.rs`) and by the extension's tone
//! module in WebAssembly (`extension/tone/tests/wasm_length.rs`), where NFC
//! is the browser's.

use serde::Deserialize;
use socialcare::tone::length::x_weighted_length_with_config;
use socialcare::tone::XConfig;

/// What twitter-text says of one text.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Expected {
    weighted_length: usize,
    valid: bool,
}

#[derive(Deserialize)]
struct WeightedCase {
    description: String,
    text: String,
    expected: Expected,
}

#[derive(Deserialize)]
struct ValidateTests {
    #[serde(rename = "WeightedTweetsCounterTest")]
    v2: Vec<WeightedCase>,
    #[serde(rename = "WeightedTweetsWithDiscountedEmojiCounterTest")]
    v3: Vec<WeightedCase>,
    #[serde(rename = "UnicodeDirectionalMarkerCounterTest")]
    directional_markers: Vec<WeightedCase>,
}

/// A conformance file: its tests under `tests`.
#[derive(Deserialize)]
pub struct Suite<T> {
    pub tests: T,
}

/// Checks weighted cases under a configuration; returns the failures.
fn weighted_failures(section: &str, cases: &[WeightedCase], config: XConfig) -> Vec<String> {
    assert!(!cases.is_empty(), "{section} has cases");
    cases
        .iter()
        .filter_map(|case| {
            let got = x_weighted_length_with_config(&case.text, config);
            let expected = &case.expected;
            (got.weighted_length != expected.weighted_length || got.valid != expected.valid).then(
                || {
                    format!(
                        "{section}: {}: got {} {}, expected {} {}",
                        case.description,
                        got.weighted_length,
                        got.valid,
                        expected.weighted_length,
                        expected.valid
                    )
                },
            )
        })
        .collect()
}

/// Checks every weighted case of validate.yml (v2, v3 and the directional
/// markers): how many there are, and the failures.
pub fn validate_yml_failures() -> (usize, Vec<String>) {
    let suite: Suite<ValidateTests> =
        serde_yaml_ng::from_str(include_str!("conformance/validate.yml"))
            .expect("validate.yml parses");
    let tests = suite.tests;
    let total = tests.v2.len() + tests.v3.len() + tests.directional_markers.len();
    let mut failures = weighted_failures("WeightedTweetsCounterTest (v2)", &tests.v2, XConfig::V2);
    failures.extend(weighted_failures(
        "WeightedTweetsWithDiscountedEmojiCounterTest",
        &tests.v3,
        XConfig::V3,
    ));
    failures.extend(weighted_failures(
        "UnicodeDirectionalMarkerCounterTest",
        &tests.directional_markers,
        XConfig::V3,
    ));
    (total, failures)
}
